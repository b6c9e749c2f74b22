"""Reading the store: events, quotes, entities, places, stories and timelines, with filters.

Every value a user gives is a bound parameter; full-text search uses SQLite FTS5
or PostgreSQL ``tsvector``, whichever the store is. Each function returns plain
dicts, ready for a table, JSON or CSV.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Connection,
    Select,
    Table,
    and_,
    false,
    func,
    literal_column,
    null,
    or_,
    select,
    text,
    type_coerce,
)
from sqlalchemy.orm import aliased

from newsledger.lexicon import countries, name_key
from newsledger.model import EVENT_STATUSES
from newsledger.store.schema import (
    article_copies,
    articles,
    entities,
    entity_aliases,
    event_mentions,
    events,
    mentions,
    overlay,
    place_mentions,
    places,
    quotes,
    stories,
)

EARTH_KM = 6371.0


@dataclass
class Filters:
    """What the user asked for; ``None`` means no filter."""

    actor: str | None = None  # a name or alias of a person, organisation or country
    country: str | None = None  # ISO code or country name: actors' or place's country
    type: str | None = None  # PLOVER type for events, entity type for entities
    status: str | None = None
    since: str | None = None  # ISO day, inclusive
    until: str | None = None
    place: str | None = None  # a place name
    near: tuple[float, float] | None = None  # (lat, lon)
    radius_km: float = 50.0
    story: str | None = None  # a story id or words of its label
    search: str | None = None  # full text of the articles (quotes: of the quotes)
    limit: int | None = 100
    raw: bool = False  # the machine's output, without the analysts' corrections (newsledger.review)


class QueryError(ValueError):
    """A filter value that cannot be used; the message says why."""


DAY = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def build_filters(
    *,
    actor: str | None = None,
    country: str | None = None,
    type: str | None = None,
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
    place: str | None = None,
    near: str | tuple[float, float] | None = None,
    radius: float | None = None,
    story: str | int | None = None,
    search: str | None = None,
    limit: int | None = 100,
    raw: bool = False,
) -> Filters:
    """Filters from what a user typed (CLI options, Python keywords, URL parameters), checked.

    Days are ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; ``until`` a month or a year includes all of it.
    ``near`` is ``"LAT,LON"`` or a pair. ``limit`` 0 or ``None`` means all rows.
    """
    for name, value in (("since", since), ("until", until)):
        if value and not DAY.fullmatch(value):
            raise QueryError(f"--{name} wants a day as YYYY-MM-DD (or YYYY-MM, YYYY), not {value!r}")
    if status is not None and status not in EVENT_STATUSES:
        raise QueryError(f"--status is one of {', '.join(EVENT_STATUSES)}, not {status!r}")
    if isinstance(near, str):
        near = parse_near(near)
    elif near is not None:
        near = parse_near(f"{near[0]},{near[1]}")
    if radius is not None and not (0 < radius <= 20_000):
        raise QueryError(f"--radius wants kilometres between 0 and 20000, not {radius}")
    if limit is not None and limit < 0:
        raise QueryError(f"--limit wants a count of rows (0: all), not {limit}")
    return Filters(
        actor=actor,
        country=country,
        type=type,
        status=status,
        since=since,
        until=_end_of(until),
        place=place,
        near=near,
        radius_km=radius or 50.0,
        story=None if story is None else str(story),
        search=search,
        limit=limit or None,
        raw=bool(raw),
    )


def _end_of(value: str | None) -> str | None:
    """``until 2025-03`` includes the whole month."""
    if value is None or len(value) == 10:
        return value
    return value + ("-12-31" if len(value) == 4 else "-31")


def country_code(value: str) -> str:
    """ISO alpha-2 from a code or a country's name ("ru", "Russia", "RUS")."""
    value = value.strip()
    if len(value) == 2 and value.isalpha():
        return value.upper()
    table = countries()
    if len(value) == 3 and value.isalpha():
        for country in table.by_iso2.values():
            if country.iso3 == value.upper():
                return country.iso2
    found = table.named(value)
    if found is None:
        raise QueryError(f"unknown country: {value}")
    return found.iso2


def parse_near(value: str) -> tuple[float, float]:
    """``"50.45,30.52"`` -> (lat, lon)."""
    match = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*[, ]\s*(-?\d+(?:\.\d+)?)\s*", value)
    if not match:
        raise QueryError(f"--near wants LAT,LON in degrees, not {value!r}")
    lat, lon = float(match.group(1)), float(match.group(2))
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise QueryError(f"--near {value}: latitude must be within ±90 and longitude within ±180")
    return lat, lon


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return EARTH_KM * 2 * math.asin(min(1.0, math.sqrt(a)))


def _fts_query(words: str) -> str:
    """User words as an FTS5 query of quoted terms: no operator in the input can break it."""
    terms = re.findall(r"\w+", words)
    if not terms:
        raise QueryError("--search needs at least one word")
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms)


def _full_text(conn: Connection, table: Table, words: str) -> Any:
    """A subquery of the ids of ``table`` rows (articles or quotes) whose indexed text has all the words:
    the generated ``search`` tsvector in PostgreSQL, the ``<table>_fts`` FTS5 table in SQLite."""
    if conn.dialect.name == "postgresql":
        return select(table.c.id).where(
            literal_column(f"{table.name}.search").op("@@")(func.plainto_tsquery("english", words))
        )
    fts = f"{table.name}_fts"  # our own table names: never user input
    return (
        select(literal_column("rowid"))
        .select_from(text(fts))
        .where(text(f"{fts} MATCH :fts_words").bindparams(fts_words=_fts_query(words)))
    )


def matching_articles(conn: Connection, words: str) -> Any:
    """A subquery of article ids whose headline or text has all the words."""
    return _full_text(conn, articles, words)


def matching_quotes(conn: Connection, words: str) -> Any:
    """A subquery of quote ids whose text or speaker has all the words."""
    return _full_text(conn, quotes, words)


def matching_entities(conn: Connection, name: str) -> list[int]:
    """Entities called by this name or alias, or whose name contains it."""
    key = name_key(name)
    if not key:
        raise QueryError("--actor needs a name")
    by_alias = select(entity_aliases.c.entity_id).where(entity_aliases.c.alias_key == key)
    by_name = select(entities.c.id).where(
        func.lower(entities.c.name).like("%" + _like(name.lower()) + "%", escape="\\")
    )
    return list(conn.execute(by_alias.union(by_name)).scalars())


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def matching_stories(conn: Connection, story: str) -> list[int]:
    if story.strip().isdigit():
        return [int(story)]
    words = re.findall(r"\w+", story.lower())
    if not words:
        raise QueryError("--story needs a story id or words of its label")
    condition = and_(*[func.lower(stories.c.label).like("%" + _like(word) + "%", escape="\\") for word in words])
    return list(conn.execute(select(stories.c.id).where(condition)).scalars())


def _places_near(conn: Connection, near: tuple[float, float], radius_km: float) -> list[int]:
    """Places within the radius: a bounding box in SQL, then the exact distance."""
    lat, lon = near
    dlat = math.degrees(radius_km / EARTH_KM)
    dlon = dlat / max(0.01, math.cos(math.radians(lat)))
    box = select(places.c.id, places.c.lat, places.c.lon).where(
        places.c.lat.between(lat - dlat, lat + dlat), places.c.lon.between(lon - dlon, lon + dlon)
    )
    return [row.id for row in conn.execute(box) if km_between(lat, lon, row.lat, row.lon) <= radius_km]


def _places_named(conn: Connection, name: str) -> list[int]:
    key = "%" + _like(name.lower()) + "%"
    query = select(places.c.id).where(
        or_(func.lower(places.c.name).like(key, escape="\\"), func.lower(places.c.admin1).like(key, escape="\\"))
    )
    return list(conn.execute(query).scalars())


def _place_filter(conn: Connection, f: Filters) -> list[int] | None:
    ids: set[int] | None = None
    if f.place:
        ids = set(_places_named(conn, f.place))
    if f.near:
        near = set(_places_near(conn, f.near, f.radius_km))
        ids = near if ids is None else ids & near
    return None if ids is None else sorted(ids)


def _articles_matching(
    conn: Connection, f: Filters, *, story: bool = True, search: bool = True, days: bool = False
) -> Select | None:
    """Ids of the articles that pass all of the chosen article-level filters, or None when none is set."""
    conditions: list[Any] = []
    if story and f.story:
        conditions.append(articles.c.story_id.in_(matching_stories(conn, f.story)))
    if search and f.search:
        conditions.append(articles.c.id.in_(matching_articles(conn, f.search)))
    if days and f.since:
        conditions.append(articles.c.day >= f.since)
    if days and f.until:
        conditions.append(articles.c.day <= f.until)
    return select(articles.c.id).where(*conditions) if conditions else None


def _limit(query: Select, f: Filters) -> Select:
    return query.limit(f.limit) if f.limit else query


class _Corrected:
    """The overlay joined to one kind of row: corrected values over the machine's, unless ``raw``."""

    def __init__(self, conn: Connection, kind: str, row_id: Any, raw: bool) -> None:
        # A store nobody has reviewed (the common case) has an empty overlay: then no join, no coalesce,
        # so that ORDER BY day and the filters use the indexes (the join cost 100x on 10,000 articles).
        self.active = conn.execute(select(overlay.c.row_id).limit(1)).first() is not None
        self.raw = raw or not self.active
        self.table = aliased(overlay, name=f"{kind}_overlay")
        self.on = and_(self.table.c.kind == kind, self.table.c.row_id == row_id)

    def text(self, name: str, machine: Any) -> Any:
        if self.raw:
            return machine
        # A reviewer's "none" (no actor, no place) is stored as "": it must hide the machine's value.
        return func.nullif(func.coalesce(self.table.c.fields[name].as_string(), machine), "")

    def number(self, name: str, machine: Any) -> Any:
        if self.raw:
            return machine
        return func.coalesce(self.table.c.fields[name].as_float(), machine)

    def join(self, query: Select) -> Select:
        if not self.active:
            return query
        return query.outerjoin(self.table, self.on)  # also raw: records still say whether they were reviewed

    def visible(self, query: Select) -> Select:
        """Without the rows a reviewer rejected or merged into another."""
        if self.raw:
            return query
        return query.where(
            or_(self.table.c.rejected.is_(None), self.table.c.rejected == false()),
            self.table.c.merged_into.is_(None),
        )

    def columns(self) -> list[Any]:
        """``reviewed`` and ``correction_ids`` on every record."""
        if not self.active:
            return [type_coerce(false(), Boolean).label("reviewed"), null().label("correction_ids")]
        return [
            type_coerce(self.table.c.row_id.is_not(None), Boolean).label("reviewed"),
            self.table.c.correction_ids.label("correction_ids"),
        ]


def merged_into(conn: Connection, kind: str, row_ids: list[int]) -> dict[int, int]:
    """{row merged by a reviewer: the row it is one with}, for the rows given."""
    if not row_ids:
        return {}
    query = select(overlay.c.row_id, overlay.c.merged_into).where(
        overlay.c.kind == kind, overlay.c.merged_into.in_(row_ids)
    )
    return {row.row_id: row.merged_into for row in conn.execute(query)}


actor1 = aliased(entities, name="actor1")
actor2 = aliased(entities, name="actor2")


def events_query(conn: Connection, f: Filters) -> Select:
    """Events with their actors, place and story, filtered; corrected by the review overlay unless ``f.raw``."""
    fix = _Corrected(conn, "event", events.c.id, f.raw)
    merged = aliased(events, name="merged")
    merged_overlay = aliased(overlay, name="merged_overlay")
    # Reports of the events a reviewer merged into this one count here.
    merged_reports = (
        select(func.coalesce(func.sum(merged.c.reports), 0))
        .select_from(merged_overlay)
        .join(merged, merged.c.id == merged_overlay.c.row_id)
        .where(merged_overlay.c.kind == "event", merged_overlay.c.merged_into == events.c.id)
        .scalar_subquery()
    )
    type_ = fix.text("type", events.c.type)
    status = fix.text("status", events.c.status)
    day = fix.text("day", events.c.day)
    actor1_name = fix.text("actor1", func.coalesce(actor1.c.name, events.c.actor1_text))
    actor2_name = fix.text("actor2", func.coalesce(actor2.c.name, events.c.actor2_text))
    actor1_country = fix.text("actor1_country", events.c.actor1_country)
    actor2_country = fix.text("actor2_country", events.c.actor2_country)
    query = select(
        events.c.id,
        day.label("day"),
        type_.label("type"),
        fix.text("mode", events.c.mode).label("mode"),
        actor1_name.label("actor1"),
        actor1_country.label("actor1_country"),
        events.c.actor1_code,
        actor2_name.label("actor2"),
        actor2_country.label("actor2_country"),
        events.c.actor2_code,
        fix.text("place", places.c.name).label("place"),
        places.c.country.label("place_country"),
        places.c.lat,
        places.c.lon,
        places.c.geonameid,
        status.label("status"),
        (events.c.reports + (0 if fix.raw else merged_reports)).label("reports"),
        events.c.sources,
        events.c.story_id,
        stories.c.label.label("story"),
        *fix.columns(),
    ).select_from(events)
    query = (
        query.outerjoin(actor1, actor1.c.id == events.c.actor1_entity_id)
        .outerjoin(actor2, actor2.c.id == events.c.actor2_entity_id)
        .outerjoin(places, places.c.id == events.c.place_id)
        .outerjoin(stories, stories.c.id == events.c.story_id)
    )
    query = fix.visible(fix.join(query))
    if f.type:
        query = query.where(type_ == f.type.upper())
    if f.status:
        query = query.where(status == f.status.lower())
    if f.since:
        query = query.where(day >= f.since)
    if f.until:
        query = query.where(day <= f.until)
    if f.actor:
        ids = matching_entities(conn, f.actor)
        pattern = "%" + _like(f.actor.lower()) + "%"
        # A resolved actor is matched by its entity (matching_entities reads names and aliases); only an
        # unresolved one by its text, so the entity ids' indexes answer, not a LIKE over every event's
        # joined name. A reviewer's corrected name is text too.
        parts: list[ColumnElement[bool]] = [events.c.actor1_entity_id.in_(ids), events.c.actor2_entity_id.in_(ids)]
        for entity_id, machine_text, shown in (
            (events.c.actor1_entity_id, events.c.actor1_text, actor1_name),
            (events.c.actor2_entity_id, events.c.actor2_text, actor2_name),
        ):
            parts.append(and_(entity_id.is_(None), func.lower(machine_text).like(pattern, escape="\\")))
            if not fix.raw:
                parts.append(func.lower(shown).like(pattern, escape="\\"))
        query = query.where(or_(*parts))
    if f.country:
        code = country_code(f.country)
        query = query.where(or_(actor1_country == code, actor2_country == code, places.c.country == code))
    place_ids = _place_filter(conn, f)
    if place_ids is not None:
        query = query.where(events.c.place_id.in_(place_ids))
    if f.story:
        query = query.where(events.c.story_id.in_(matching_stories(conn, f.story)))
    if f.search:
        reported_in = select(event_mentions.c.event_id).where(
            event_mentions.c.article_id.in_(matching_articles(conn, f.search))
        )
        query = query.where(events.c.id.in_(reported_in))
    return query


def find_events(conn: Connection, f: Filters) -> list[dict[str, Any]]:
    query = events_query(conn, f).order_by(literal_column("day").desc(), events.c.id)
    return [dict(row._mapping) for row in conn.execute(_limit(query, f))]


def find_quotes(conn: Connection, f: Filters) -> list[dict[str, Any]]:
    fix = _Corrected(conn, "quote", quotes.c.id, f.raw)
    speaker = fix.text("speaker", func.coalesce(entities.c.name, quotes.c.speaker_name))
    kind = fix.text("kind", quotes.c.kind)
    query = (
        select(
            quotes.c.id,
            quotes.c.day,
            speaker.label("speaker"),
            entities.c.country.label("speaker_country"),
            kind.label("kind"),
            quotes.c.text,
            quotes.c.cue,
            articles.c.headline,
            articles.c.url,
            articles.c.outlet,
            quotes.c.start,
            quotes.c.end,
            articles.c.article_id,
            *fix.columns(),
        )
        .select_from(quotes)
        .join(articles, articles.c.id == quotes.c.article_id)
        .outerjoin(entities, entities.c.id == quotes.c.speaker_entity_id)
    )
    query = fix.visible(fix.join(query))
    if f.actor:
        pattern = "%" + _like(f.actor.lower()) + "%"
        query = query.where(
            or_(
                quotes.c.speaker_entity_id.in_(matching_entities(conn, f.actor)),
                func.lower(speaker).like(pattern, escape="\\"),
            )
        )
    if f.country:
        query = query.where(entities.c.country == country_code(f.country))
    if f.type:
        query = query.where(kind == f.type.lower())
    if f.since:
        query = query.where(quotes.c.day >= f.since)
    if f.until:
        query = query.where(quotes.c.day <= f.until)
    place_ids = _place_filter(conn, f)
    if place_ids is not None:
        query = query.where(
            quotes.c.article_id.in_(select(place_mentions.c.article_id).where(place_mentions.c.place_id.in_(place_ids)))
        )
    if f.story:
        query = query.where(articles.c.story_id.in_(matching_stories(conn, f.story)))
    if f.search:
        query = query.where(quotes.c.id.in_(matching_quotes(conn, f.search)))
    query = query.order_by(quotes.c.day.desc(), quotes.c.id)
    return [dict(row._mapping) for row in conn.execute(_limit(query, f))]


def find_entities(conn: Connection, f: Filters) -> list[dict[str, Any]]:
    fix = _Corrected(conn, "entity", entities.c.id, f.raw)
    type_ = fix.text("type", entities.c.type)
    country = fix.text("country", entities.c.country)
    query = select(
        entities.c.id,
        fix.text("name", entities.c.name).label("name"),
        type_.label("type"),
        country.label("country"),
        entities.c.actor_code,
        entities.c.articles,
        entities.c.mentions,
        entities.c.first_day,
        entities.c.last_day,
        *fix.columns(),
    ).select_from(entities)
    query = fix.visible(fix.join(query))
    if f.actor:
        query = query.where(entities.c.id.in_(matching_entities(conn, f.actor)))
    if f.type:
        query = query.where(type_ == f.type.upper())
    if f.country:
        query = query.where(country == country_code(f.country))
    if f.since:
        query = query.where(entities.c.last_day >= f.since)
    if f.until:
        query = query.where(entities.c.first_day <= f.until)
    in_articles = _articles_matching(conn, f)
    if in_articles is not None:
        query = query.where(
            entities.c.id.in_(select(mentions.c.entity_id).where(mentions.c.article_id.in_(in_articles)))
        )
    query = query.order_by(entities.c.articles.desc(), entities.c.mentions.desc(), entities.c.id)
    return [dict(row._mapping) for row in conn.execute(_limit(query, f))]


def find_places(conn: Connection, f: Filters) -> list[dict[str, Any]]:
    fix = _Corrected(conn, "place", places.c.id, f.raw)
    country = fix.text("country", places.c.country)
    query = select(
        places.c.id,
        fix.text("name", places.c.name).label("name"),
        places.c.kind,
        country.label("country"),
        places.c.admin1,
        fix.number("lat", places.c.lat).label("lat"),
        fix.number("lon", places.c.lon).label("lon"),
        places.c.geonameid,
        places.c.articles,
        select(func.count()).where(events.c.place_id == places.c.id).scalar_subquery().label("events"),
        *fix.columns(),
    ).select_from(places)
    query = fix.visible(fix.join(query))
    if f.country:
        query = query.where(country == country_code(f.country))
    place_ids = _place_filter(conn, f)
    if place_ids is not None:
        query = query.where(places.c.id.in_(place_ids))
    in_articles = _articles_matching(conn, f, days=True)
    if in_articles is not None:
        query = query.where(
            places.c.id.in_(select(place_mentions.c.place_id).where(place_mentions.c.article_id.in_(in_articles)))
        )
    query = query.order_by(places.c.articles.desc(), places.c.id)
    return [dict(row._mapping) for row in conn.execute(_limit(query, f))]


def find_stories(conn: Connection, f: Filters) -> list[dict[str, Any]]:
    query = select(
        stories.c.id, stories.c.label, stories.c.first_day, stories.c.last_day, stories.c.articles, stories.c.events
    )
    if f.story:
        query = query.where(stories.c.id.in_(matching_stories(conn, f.story)))
    if f.since:
        query = query.where(stories.c.last_day >= f.since)
    if f.until:
        query = query.where(stories.c.first_day <= f.until)
    in_articles = _articles_matching(conn, f, story=False)  # the story filter is on stories themselves
    if f.actor:
        by_actor = select(mentions.c.article_id).where(mentions.c.entity_id.in_(matching_entities(conn, f.actor)))
        in_articles = by_actor if in_articles is None else by_actor.where(mentions.c.article_id.in_(in_articles))
    if f.country:
        code = country_code(f.country)
        by_country = select(mentions.c.article_id).join(entities, entities.c.id == mentions.c.entity_id)
        by_country = by_country.where(entities.c.country == code)
        in_articles = by_country if in_articles is None else by_country.where(mentions.c.article_id.in_(in_articles))
    if in_articles is not None:
        query = query.where(stories.c.id.in_(select(articles.c.story_id).where(articles.c.id.in_(in_articles))))
    query = query.order_by(stories.c.articles.desc(), stories.c.last_day.desc(), stories.c.id)
    return [dict(row._mapping) for row in conn.execute(_limit(query, f))]


def timeline(conn: Connection, story_or_query: str, f: Filters) -> list[dict[str, Any]]:
    """Events of a story (by id or label words), or of the articles matching words, in date order,
    each with the articles that report it."""
    story_ids = matching_stories(conn, story_or_query)
    base = events_query(conn, f)
    if story_ids:
        base = base.where(events.c.story_id.in_(story_ids))
    else:
        reported_in = select(event_mentions.c.event_id).where(
            event_mentions.c.article_id.in_(matching_articles(conn, story_or_query))
        )
        base = base.where(events.c.id.in_(reported_in))
    rows = [dict(row._mapping) for row in conn.execute(_limit(base.order_by(literal_column("day"), events.c.id), f))]
    by_event = _sources(conn, [row["id"] for row in rows], raw=f.raw)
    for row in rows:
        row["sources_list"] = by_event.get(row["id"], [])
    return rows


def _sources(conn: Connection, event_ids: list[int], raw: bool = False) -> dict[int, list[dict[str, Any]]]:
    """The articles that report each event (and the events a reviewer merged into it)."""
    found: dict[int, list[dict[str, Any]]] = {}
    if not event_ids:
        return found
    one_with = {} if raw else merged_into(conn, "event", event_ids)
    event_ids = [*event_ids, *one_with]
    query = (
        select(
            event_mentions.c.event_id,
            articles.c.outlet,
            articles.c.headline,
            articles.c.url,
            articles.c.day,
            articles.c.duplicate_of,
            func.substr(
                articles.c.text,
                event_mentions.c.sentence_start + 1,
                event_mentions.c.sentence_end - event_mentions.c.sentence_start,
            ).label("sentence"),
            event_mentions.c.status,
        )
        .join(articles, articles.c.id == event_mentions.c.article_id)
        .where(event_mentions.c.event_id.in_(event_ids))
        .order_by(articles.c.day, articles.c.id)
    )
    for row in conn.execute(query):
        found.setdefault(one_with.get(row.event_id, row.event_id), []).append(dict(row._mapping))
    return found


def copies_of(conn: Connection, article_row: int) -> list[str]:
    return list(
        conn.execute(select(article_copies.c.source).where(article_copies.c.article_id == article_row)).scalars()
    )

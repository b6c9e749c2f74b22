"""The records behind the detail pages: one event, article, actor, place or story, and the overview's
counts. The lists (events, quotes, stories ...) come from :mod:`newsledger.store.query`, with its
filters; these lookups add what a list does not carry: every report of an event with its sentence,
every layer of an article with its offsets. Every value is a bound parameter.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, or_, select

from newsledger.store import query
from newsledger.store.schema import (
    articles,
    dates,
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

COUNTED = {
    "articles": articles,
    "events": events,
    "stories": stories,
    "entities": entities,
    "places": places,
    "quotes": quotes,
}
LIST_LIMIT = 100  # rows on a detail page's lists (each page says when it shows only these)


def _rows(conn: Connection, statement: Any) -> list[dict[str, Any]]:
    return [dict(row._mapping) for row in conn.execute(statement)]


def counts(conn: Connection) -> dict[str, int]:
    return {name: conn.execute(select(func.count()).select_from(table)).scalar_one() for name, table in COUNTED.items()}


def newest_stories(conn: Connection, limit: int = 10) -> list[dict[str, Any]]:
    statement = select(
        stories.c.id, stories.c.label, stories.c.first_day, stories.c.last_day, stories.c.articles, stories.c.events
    )
    return _rows(conn, statement.order_by(stories.c.last_day.desc(), stories.c.id.desc()).limit(limit))


def story(conn: Connection, story_id: int) -> dict[str, Any] | None:
    found = _rows(
        conn,
        select(
            stories.c.id, stories.c.label, stories.c.first_day, stories.c.last_day, stories.c.articles, stories.c.events
        ).where(stories.c.id == story_id),
    )
    return found[0] if found else None


def _article_columns() -> list[Any]:
    return [
        articles.c.id,
        articles.c.article_id,
        articles.c.headline,
        articles.c.url,
        articles.c.outlet,
        articles.c.day,
        articles.c.duplicate_of,
        articles.c.story_id,
    ]


def story_articles(conn: Connection, story_id: int) -> list[dict[str, Any]]:
    """The story's sources, oldest first."""
    statement = select(*_article_columns()).where(articles.c.story_id == story_id)
    return _rows(conn, statement.order_by(articles.c.day, articles.c.id).limit(LIST_LIMIT))


def story_actors(conn: Connection, story_id: int, limit: int = 30) -> list[dict[str, Any]]:
    """The people, organisations and countries named in the story's articles, most mentioned first."""
    in_story = select(articles.c.id).where(articles.c.story_id == story_id)
    statement = (
        select(
            entities.c.id,
            entities.c.name,
            entities.c.type,
            entities.c.country,
            entities.c.actor_code,
            func.count().label("mentions"),
        )
        .join(mentions, mentions.c.entity_id == entities.c.id)
        .where(mentions.c.article_id.in_(in_story))
        .group_by(entities.c.id, entities.c.name, entities.c.type, entities.c.country, entities.c.actor_code)
        .order_by(func.count().desc(), entities.c.id)
        .limit(limit)
    )
    return _rows(conn, statement)


def event(conn: Connection, event_id: int) -> dict[str, Any] | None:
    """One event as ``newsledger events`` lists it, with its reports and what the reports say of it."""
    found = _rows(conn, query.events_query(conn, query.Filters()).where(events.c.id == event_id))
    if not found:  # rejected or merged by a reviewer: its page still shows it (and its review)
        found = _rows(conn, query.events_query(conn, query.Filters(raw=True)).where(events.c.id == event_id))
    if not found:
        return None
    record = found[0]
    extra = conn.execute(
        select(
            events.c.day_from,
            events.c.first_reported,
            events.c.last_reported,
            events.c.actor1_entity_id,
            events.c.actor2_entity_id,
            events.c.place_id,
        ).where(events.c.id == event_id)
    ).one()
    record.update(extra._mapping)
    corrected = conn.execute(
        select(overlay.c.fields).where(overlay.c.kind == "event", overlay.c.row_id == event_id)
    ).scalar()
    for role in ("actor1", "actor2"):
        if corrected and role in corrected:  # a reviewer named another party: the machine's entity is not it
            record[f"{role}_entity_id"] = None
    record["reports_list"] = event_reports(conn, event_id)
    return record


def event_reports(conn: Connection, event_id: int) -> list[dict[str, Any]]:
    """Every article reporting the event: its sentence and trigger offsets, status and who claims it."""
    claimant = entities.alias("claimant")
    statement = (
        select(
            event_mentions.c.id.label("mention_id"),
            event_mentions.c.article_id.label("article"),
            articles.c.article_id,
            articles.c.headline,
            articles.c.url,
            articles.c.outlet,
            articles.c.day,
            articles.c.duplicate_of,
            articles.c.text,
            event_mentions.c.type,
            event_mentions.c.mode,
            event_mentions.c.status,
            event_mentions.c.source_entity_id,
            claimant.c.name.label("claimant"),
            event_mentions.c.actor1_text,
            event_mentions.c.actor2_text,
            event_mentions.c.trigger_start,
            event_mentions.c.trigger_end,
            event_mentions.c.trigger_text,
            event_mentions.c.sentence_start,
            event_mentions.c.sentence_end,
            event_mentions.c.date_value,
            event_mentions.c.date_text,
            event_mentions.c.confidence,
        )
        .join(articles, articles.c.id == event_mentions.c.article_id)
        .outerjoin(claimant, claimant.c.id == event_mentions.c.source_entity_id)
        .where(event_mentions.c.event_id == event_id)
        .order_by(articles.c.day, articles.c.id)
    )
    return _rows(conn, statement)


def article(conn: Connection, article_row: int) -> dict[str, Any] | None:
    """One stored article with every layer read in it, each with its offsets and the fact it links to."""
    found = _rows(
        conn,
        select(
            *_article_columns(),
            articles.c.text,
            articles.c.published,
            articles.c.source,
            articles.c.byline,
            articles.c.dateline,
        ).where(articles.c.id == article_row),
    )
    if not found:
        return None
    record = found[0]
    record["entities"] = _rows(
        conn,
        select(
            mentions.c.start,
            mentions.c.end,
            mentions.c.text,
            mentions.c.entity_id,
            entities.c.name,
            entities.c.type,
            entities.c.country,
        )
        .join(entities, entities.c.id == mentions.c.entity_id)
        .where(mentions.c.article_id == article_row)
        .order_by(mentions.c.start),
    )
    record["places"] = _rows(
        conn,
        select(
            place_mentions.c.start,
            place_mentions.c.end,
            place_mentions.c.text,
            place_mentions.c.place_id,
            places.c.name,
            places.c.country,
            places.c.lat,
            places.c.lon,
        )
        .join(places, places.c.id == place_mentions.c.place_id)
        .where(place_mentions.c.article_id == article_row)
        .order_by(place_mentions.c.start),
    )
    record["dates"] = _rows(
        conn,
        select(dates.c.start, dates.c.end, dates.c.text, dates.c.value)
        .where(dates.c.article_id == article_row)
        .order_by(dates.c.start),
    )
    record["quotes"] = _rows(
        conn,
        select(
            quotes.c.id,
            quotes.c.start,
            quotes.c.end,
            quotes.c.kind,
            quotes.c.text,
            quotes.c.cue,
            quotes.c.speaker_entity_id,
            func.coalesce(entities.c.name, quotes.c.speaker_name).label("speaker"),
        )
        .outerjoin(entities, entities.c.id == quotes.c.speaker_entity_id)
        .where(quotes.c.article_id == article_row)
        .order_by(quotes.c.start),
    )
    record["events"] = _rows(
        conn,
        select(
            event_mentions.c.event_id,
            event_mentions.c.type,
            event_mentions.c.status,
            event_mentions.c.trigger_start.label("start"),
            event_mentions.c.trigger_end.label("end"),
            event_mentions.c.trigger_text.label("text"),
            event_mentions.c.sentence_start,
            event_mentions.c.sentence_end,
        )
        .where(event_mentions.c.article_id == article_row)
        .order_by(event_mentions.c.trigger_start),
    )
    return record


def entity_summary(conn: Connection, entity_id: int) -> dict[str, Any] | None:
    """The entity's own row: what an event page shows of its parties."""
    found = _rows(
        conn,
        select(
            entities.c.id,
            entities.c.name,
            entities.c.type,
            entities.c.country,
            entities.c.actor_code,
            entities.c.roles,
            entities.c.articles,
            entities.c.mentions,
            entities.c.first_day,
            entities.c.last_day,
        ).where(entities.c.id == entity_id),
    )
    return found[0] if found else None


def entity(conn: Connection, entity_id: int) -> dict[str, Any] | None:
    """The entity with its aliases, its events as actor and as target, its quotes and its stories."""
    record = entity_summary(conn, entity_id)
    if record is None:
        return None
    record["aliases"] = list(
        conn.execute(
            select(entity_aliases.c.alias)
            .where(entity_aliases.c.entity_id == entity_id)
            .order_by(entity_aliases.c.alias)
        ).scalars()
    )
    base = query.events_query(conn, query.Filters()).order_by(events.c.day, events.c.id).limit(LIST_LIMIT)
    record["as_actor"] = _rows(conn, base.where(events.c.actor1_entity_id == entity_id))
    record["as_target"] = _rows(conn, base.where(events.c.actor2_entity_id == entity_id))
    record["quotes"] = _rows(
        conn,
        select(
            quotes.c.id,
            quotes.c.day,
            quotes.c.kind,
            quotes.c.text,
            quotes.c.start,
            quotes.c.end,
            quotes.c.article_id.label("article"),
            articles.c.headline,
            articles.c.outlet,
        )
        .join(articles, articles.c.id == quotes.c.article_id)
        .where(quotes.c.speaker_entity_id == entity_id)
        .order_by(quotes.c.day.desc(), quotes.c.id)
        .limit(LIST_LIMIT),
    )
    in_articles = select(mentions.c.article_id).where(mentions.c.entity_id == entity_id)
    record["stories"] = _stories_of(conn, in_articles)
    return record


def place(conn: Connection, place_id: int) -> dict[str, Any] | None:
    found = _rows(
        conn,
        select(
            places.c.id,
            places.c.name,
            places.c.kind,
            places.c.country,
            places.c.admin1,
            places.c.lat,
            places.c.lon,
            places.c.geonameid,
            places.c.articles,
        ).where(places.c.id == place_id),
    )
    if not found:
        return None
    record = found[0]
    base = query.events_query(conn, query.Filters()).order_by(events.c.day, events.c.id).limit(LIST_LIMIT)
    record["events"] = _rows(conn, base.where(events.c.place_id == place_id))
    in_articles = select(place_mentions.c.article_id).where(place_mentions.c.place_id == place_id)
    # Quotes from the place's newest articles: a place named in thousands of articles is not sorted whole.
    newest = (
        select(articles.c.id)
        .join(place_mentions, place_mentions.c.article_id == articles.c.id)
        .where(place_mentions.c.place_id == place_id)
        .order_by(articles.c.day.desc(), articles.c.id.desc())
        .limit(LIST_LIMIT)
    )
    record["quotes"] = _rows(
        conn,
        select(
            quotes.c.id,
            quotes.c.day,
            quotes.c.kind,
            quotes.c.text,
            quotes.c.start,
            quotes.c.end,
            quotes.c.speaker_entity_id,
            func.coalesce(entities.c.name, quotes.c.speaker_name).label("speaker"),
            quotes.c.article_id.label("article"),
            articles.c.headline,
            articles.c.outlet,
        )
        .join(articles, articles.c.id == quotes.c.article_id)
        .outerjoin(entities, entities.c.id == quotes.c.speaker_entity_id)
        .where(quotes.c.article_id.in_(newest))
        .order_by(quotes.c.day.desc(), quotes.c.id)
        .limit(50),
    )
    record["stories"] = _stories_of(conn, in_articles)
    return record


def _stories_of(conn: Connection, article_ids: Any) -> list[dict[str, Any]]:
    statement = select(
        stories.c.id, stories.c.label, stories.c.first_day, stories.c.last_day, stories.c.articles, stories.c.events
    ).where(stories.c.id.in_(select(articles.c.story_id).where(articles.c.id.in_(article_ids))))
    return _rows(conn, statement.order_by(stories.c.last_day.desc(), stories.c.id).limit(LIST_LIMIT))


def story_quotes(conn: Connection, story_id: int) -> list[dict[str, Any]]:
    return query.find_quotes(conn, query.Filters(story=str(story_id), limit=LIST_LIMIT))


def entity_events(conn: Connection, entity_id: int) -> list[dict[str, Any]]:
    """Events with the entity on either side (for the actor page's map)."""
    statement = query.events_query(conn, query.Filters()).where(
        or_(events.c.actor1_entity_id == entity_id, events.c.actor2_entity_id == entity_id)
    )
    return _rows(conn, statement.limit(LIST_LIMIT))


def quote_place(conn: Connection, quote_id: int) -> tuple[int, int, int] | None:
    """Where a quote was read: its article row and offsets."""
    row = conn.execute(select(quotes.c.article_id, quotes.c.start, quotes.c.end).where(quotes.c.id == quote_id)).first()
    return None if row is None else (row.article_id, row.start, row.end)

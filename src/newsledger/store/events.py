"""One event, however many outlets report it.

GDELT counts reports: ten wire copies of one strike are ten strikes. Here a
reported event joins a stored event when the type is the same, the day is within
:data:`DAY_WINDOW`, no actor contradicts the other report (a different entity
from a different country), at least one actor agrees (same entity, or same
country when one side is not resolved), and the places are compatible (same
place, within :data:`PLACE_KM`, the same country, or unknown on one side).
Each report is kept as an event mention, pointing to its sentence.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, case, func, insert, select, union, update

from newsledger.model import Actor, Article, Event
from newsledger.store.schema import articles, event_mentions, events, places
from newsledger.store.sql import insert_with_ids

DAY_WINDOW = 2  # reports of one event come out over a day or two; its date in the text may be "Thursday"
PLACE_KM = 100.0
# Evidence that two reports are one event: same entity 2, same country 1, same place 2, a place nearby 1.
# Three are needed: "Russia struck Kharkiv" and "Russian forces hit Kharkiv" join; "the US sent aid" to
# somewhere and "the US sent aid" to an unknown recipient, with no place, do not.
MERGE_EVIDENCE = 3
# Meetings and joint actions read either way round: "Witkoff met Putin" is "Putin held talks with Witkoff".
SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE"})
STATUS_ORDER = ("asserted", "claimed", "unverified", "disputed", "planned", "conditional", "negated")


def combined_status(statuses: list[str]) -> str:
    """One status from all reports of an event.

    Stated as fact by one outlet and denied by another is ``disputed``; otherwise the
    strongest status any report gives (an assertion outweighs a claim of the same thing).
    """
    found = set(statuses)
    if "negated" in found and found & {"asserted", "claimed"}:
        return "disputed"
    for status in STATUS_ORDER:
        if status in found:
            return status
    return "asserted"


def event_day(event: Event, article_day: str | None) -> tuple[str | None, str | None]:
    """The day the event happened: from the text when it gives a day, else the article's."""
    value = event.date.value if event.date else None
    if value and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        return value[:10], "text"
    return article_day, ("article" if article_day else None)


@dataclass
class StoredActor:
    entity_id: int | None
    country: str | None

    @property
    def known(self) -> bool:
        return self.entity_id is not None or self.country is not None


def _actor(actor: Actor | None, resolved: dict[str, int]) -> StoredActor:
    if actor is None:
        return StoredActor(None, None)
    return StoredActor(resolved.get(actor.entity or ""), actor.country)


def _has_known_actor(event: Event, resolved: dict[str, int]) -> bool:
    return _actor(event.actor1, resolved).known or _actor(event.actor2, resolved).known


def _agreement(new: StoredActor, old: StoredActor) -> int | None:
    """2 same entity, 1 same country, 0 unknown on a side, None when they contradict."""
    if not new.known or not old.known:
        return 0
    if new.entity_id is not None and new.entity_id == old.entity_id:
        return 2
    if new.country and old.country:
        return 1 if new.country == old.country else None
    return None


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


class _Places:
    """Stored places by id, read once per article."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.rows: dict[int, Any] = {}

    def get(self, place_id: int) -> Any:
        if place_id not in self.rows:
            self.rows[place_id] = self.conn.execute(select(places).where(places.c.id == place_id)).first()
        return self.rows[place_id]

    def agreement(self, new_id: int | None, old_id: int | None) -> int | None:
        """2 same place, 1 nearby or within the named country, 0 unknown on a side, None when apart."""
        if new_id is None or old_id is None:
            return 0
        if new_id == old_id:
            return 2
        new, old = self.get(new_id), self.get(old_id)
        if new is None or old is None:
            return 0
        if "country" in (new.kind, old.kind):
            return 1 if new.country is not None and new.country == old.country else None
        if None not in (new.lat, new.lon, old.lat, old.lon):
            return 1 if _km(new.lat, new.lon, old.lat, old.lon) <= PLACE_KM else None
        return 1 if new.country == old.country else None


def _shift(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


_CANDIDATES = select(
    events.c.id, events.c.type, events.c.day, events.c.actor1_entity_id, events.c.actor1_country,
    events.c.actor2_entity_id, events.c.actor2_country, events.c.place_id,
)  # fmt: skip


def candidates(
    conn: Connection, wanted: list[tuple[str, str | None]], entity_ids: set[int], countries: set[str]
) -> list[Any]:
    """Stored events that may be the same as any of an article's reports: one query per article.

    A stored event can only join a report that shares an actor with it (the same entity, or the same
    country; see :func:`_agreement`), so only events of the wanted types, in the days' window, with one
    of the article's actor entities or countries are read. Each part of that is indexed
    (``ix_events_type_day``, ``ix_events_actor*_day``, the country indexes), so what is read grows with
    the news of those days about those actors, not with the store, and nothing needs a cap.
    """
    if not wanted:
        return []
    parties: list[tuple[Any, list[Any]]] = []
    if entity_ids:
        ids = sorted(entity_ids)
        parties += [(events.c.actor1_entity_id, ids), (events.c.actor2_entity_id, ids)]
    if countries:
        codes = sorted(countries)
        parties += [(events.c.actor1_country, codes), (events.c.actor2_country, codes)]
    if not parties:
        return []
    days = [day for _, day in wanted if day]
    kinds = sorted({kind for kind, _ in wanted})
    # One indexed lookup per (actor column, day range), united: a single OR would let the database
    # read a whole country's events of every day.
    lookups = []
    for column, values in parties:
        lookups.append(_CANDIDATES.where(column.in_(values), events.c.day.is_(None), events.c.type.in_(kinds)))
        if days:
            low, high = _shift(min(days), -DAY_WINDOW), _shift(max(days), DAY_WINDOW)
            lookups.append(
                _CANDIDATES.where(column.in_(values), events.c.day.between(low, high), events.c.type.in_(kinds))
            )
    return list(conn.execute(union(*lookups)))


def find_event(
    stored: list[Any],
    event: Event,
    day: str | None,
    actors: tuple[StoredActor, StoredActor],
    place_id: int | None,
    known_places: _Places,
    taken: set[int],
) -> int | None:
    """The stored event this report is about, if another article reported it."""
    actor1, actor2 = actors
    if not actor1.known and not actor2.known:
        return None  # "forces attacked": too little to tell two reports apart
    low, high = (_shift(day, -DAY_WINDOW), _shift(day, DAY_WINDOW)) if day else (None, None)
    best: tuple[int, int] | None = None
    for row in stored:
        if row.type != event.type or (row.day is None) != (day is None):
            continue
        if day and not low <= row.day <= high:
            continue
        if row.id in taken:
            continue  # two events of one article stay two: the events stage already joined repeats
        stored1 = StoredActor(row.actor1_entity_id, row.actor1_country)
        stored2 = StoredActor(row.actor2_entity_id, row.actor2_country)
        first, second = _agreement(actor1, stored1), _agreement(actor2, stored2)
        if event.type in SYMMETRIC:
            cross1, cross2 = _agreement(actor1, stored2), _agreement(actor2, stored1)
            better = first is None or second is None or (cross1 or 0) + (cross2 or 0) > first + second
            if cross1 is not None and cross2 is not None and better:
                first, second = cross1, cross2
        if first is None or second is None or first + second == 0:
            continue
        where = known_places.agreement(place_id, row.place_id)
        if where is None:
            continue
        score = first + second + where
        if score >= MERGE_EVIDENCE and (best is None or score > best[0]):
            best = (score, row.id)
    return best[1] if best else None


_INSERT_MENTIONS = insert(event_mentions)


def store_events(
    conn: Connection,
    article: Article,
    article_row: int,
    day: str | None,
    entity_ids: dict[str, int],
    place_ids: dict[str, int],
    story_id: int | None,
    duplicate_of: int | None = None,
) -> tuple[int, int]:
    """Store each event report, merged into the stored event it reports. Returns (new, merged).

    A near-duplicate's events join its original's events of the same type and trigger first,
    so a syndicated copy never adds an event, whatever its actors resolved to.
    """
    known_places = _Places(conn)
    taken: set[int] = set()
    in_original: dict[tuple[str, str], list[int]] = {}
    if duplicate_of is not None:
        query = select(event_mentions.c.type, event_mentions.c.trigger_text, event_mentions.c.event_id).where(
            event_mentions.c.article_id == duplicate_of
        )
        for event_type, trigger, event_id in conn.execute(query.order_by(event_mentions.c.id)):
            in_original.setdefault((event_type, (trigger or "").casefold()), []).append(event_id)
    mention_rows: list[dict[str, Any]] = []
    fresh_rows: list[dict[str, Any]] = []  # new events, inserted together after the loop
    merged_events: list[tuple[int, StoredActor, StoredActor, Event, int | None]] = []
    outlet_day = {"reports": 1, "sources": 1, "first_reported": day, "last_reported": day}
    parties = [_actor(actor, entity_ids) for event in article.events for actor in (event.actor1, event.actor2)]
    stored = candidates(
        conn,
        [(event.type, event_day(event, day)[0]) for event in article.events if _has_known_actor(event, entity_ids)],
        {party.entity_id for party in parties if party.entity_id is not None},
        {party.country for party in parties if party.country},
    )
    for event in article.events:
        happened, day_from = event_day(event, day)
        actor1, actor2 = _actor(event.actor1, entity_ids), _actor(event.actor2, entity_ids)
        place_id = place_ids.get(event.place or "")
        same = [i for i in in_original.get((event.type, (event.trigger.text or "").casefold()), []) if i not in taken]
        event_id = (
            same[0] if same else find_event(stored, event, happened, (actor1, actor2), place_id, known_places, taken)
        )
        if event_id is None:
            values = {
                "type": event.type,
                "mode": event.mode,
                **_actor_values("actor1", event.actor1, actor1),
                **_actor_values("actor2", event.actor2, actor2),
                "place_id": place_id,
                "day": happened,
                "day_from": day_from,
                "status": event.status,
                "story_id": story_id,
                **outlet_day,
            }
            fresh_rows.append(values)
            event_key: int | str = f"new:{len(fresh_rows) - 1}"
        else:
            merged_events.append((event_id, actor1, actor2, event, place_id))
            taken.add(event_id)
            event_key = event_id
        mention_rows.append(
            {
                "event_id": event_key,
                "article_id": article_row,
                "local_id": event.id,
                "type": event.type,
                "mode": event.mode,
                "status": event.status,
                "source_entity_id": entity_ids.get(event.source or ""),
                "actor1_text": event.actor1.text,
                "actor2_text": event.actor2.text if event.actor2 else None,
                "trigger_start": event.trigger.start,
                "trigger_end": event.trigger.end,
                "trigger_text": event.trigger.text,
                "sentence_start": event.sentence.start,
                "sentence_end": event.sentence.end,
                "date_value": event.date.value if event.date else None,
                "date_text": event.date.text if event.date else None,
                "place_id": place_id,
                "confidence": event.confidence,
            }
        )
    new_ids = insert_with_ids(conn, events, fresh_rows)
    for row in mention_rows:
        if isinstance(row["event_id"], str):
            row["event_id"] = new_ids[int(row["event_id"].removeprefix("new:"))]
    if mention_rows:
        conn.execute(_INSERT_MENTIONS, mention_rows)
    for event_id, actor1, actor2, event, place_id in merged_events:
        _refresh(conn, event_id, actor1, actor2, event, place_id)
    return len(article.events) - len(merged_events), len(merged_events)


def _actor_values(role: str, actor: Actor | None, stored: StoredActor) -> dict[str, Any]:
    return {
        f"{role}_entity_id": stored.entity_id,
        f"{role}_text": actor.text if actor else None,
        f"{role}_country": stored.country,
        f"{role}_code": actor.actor_code if actor else None,
    }


def _refresh(
    conn: Connection, event_id: int, actor1: StoredActor, actor2: StoredActor, event: Event, place_id: int | None
) -> None:
    """Recount an event's reports and sources, combine statuses, fill what a new report adds."""
    row = conn.execute(select(events).where(events.c.id == event_id)).one()
    values = report_counts(conn, event_id)
    for role, stored, actor in (("actor1", actor1, event.actor1), ("actor2", actor2, event.actor2)):
        if getattr(row, f"{role}_entity_id") is None and stored.entity_id is not None:
            values.update(_actor_values(role, actor, stored))
        elif getattr(row, f"{role}_country") is None and stored.country is not None:
            values[f"{role}_country"] = stored.country
    if row.place_id is None and place_id is not None:
        values["place_id"] = place_id
    if row.mode is None and event.mode:
        values["mode"] = event.mode
    conn.execute(update(events).where(events.c.id == event_id).values(**values))


def report_counts(conn: Connection, event_id: int) -> dict[str, Any]:
    """An event's summary over its reports as they stand: independent reports, outlets, first and last
    day reported, combined status. Used when a report joins it and when a reviewer splits one off."""
    reports = select(
        func.count(func.distinct(func.coalesce(articles.c.duplicate_of, articles.c.id))),
        func.count(func.distinct(case((articles.c.duplicate_of.is_(None), articles.c.outlet)))),
        func.min(articles.c.day),
        func.max(articles.c.day),
    ).select_from(event_mentions.join(articles, articles.c.id == event_mentions.c.article_id))
    count, outlets, first, last = conn.execute(reports.where(event_mentions.c.event_id == event_id)).one()
    statuses = conn.execute(select(event_mentions.c.status).where(event_mentions.c.event_id == event_id)).scalars()
    return {
        "reports": count,
        "sources": outlets,
        "first_reported": first,
        "last_reported": last,
        "status": combined_status(list(statuses)),
    }

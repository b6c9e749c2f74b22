"""The overlay: the corrections as they apply to the store's rows now.

The ``overlay`` table is derived, never edited: :func:`rebuild` replays every correction in order,
finds the row its evidence names today (:func:`~newsledger.review.corrections.resolve`), and
writes one overlay row per corrected fact (its corrected fields, whether it was rejected or
merged into another). A correction whose evidence matches nothing is marked orphaned (its
``target_id`` is null) and listed by ``newsledger review orphans``; it is kept, and applies
again if a later ingest brings its evidence back. Queries join the overlay (see
:mod:`newsledger.store.query`); ``raw`` filters skip it.

A split is the one correction that moves rows: the report it names leaves its event for an event
of its own (the old event's fields, with the report's own type, mode, status and place), so that
every query, export and page sees two events without knowing about splits. The overlay row of
the old event lists what was split off (``detached``); each rebuild first puts those reports back,
then replays every correction, so a split applies once however often the overlay is rebuilt, and
again after a re-extraction. Being rows, split-off events show under ``--raw`` as well.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from newsledger.review.corrections import event_reports, resolve
from newsledger.store.events import report_counts
from newsledger.store.schema import articles, corrections, event_mentions, events, overlay, stories


@dataclass
class _State:
    fields: dict[str, Any] = field(default_factory=dict)
    rejected: bool = False
    merged_into: int | None = None
    detached: list[dict[str, int]] = field(default_factory=list)  # {"mention": id, "event": split-off event}
    correction_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Rebuilt:
    corrections: int
    applied: int
    orphaned: int


def rebuild(conn: Connection) -> Rebuilt:
    """Replay every correction onto the current rows (inside the caller's transaction)."""
    _undo_splits(conn)
    conn.execute(delete(overlay))
    states: dict[tuple[str, int], _State] = {}
    targets: dict[int, int | None] = {}
    present: dict[str, bool] = {}
    total = 0
    for row in conn.execute(select(corrections).order_by(corrections.c.id)).all():
        total += 1
        target = _resolve(conn, present, row.kind, row.article_key, row.start, row.end)
        other = None
        if row.action == "merge" and target is not None:
            other = _resolve(conn, present, row.kind, row.other_key, row.other_start, row.other_end)
            if other is None or other == target:
                target = None  # the fact it was one with is gone: the merge cannot apply
        split_off = None
        if row.action == "split" and target is not None:
            split_off = _split(conn, target, row.other_key, row.other_start, row.other_end)
            if split_off is None:
                target = None  # the report is gone, or is all the event has left: nothing to split
        targets[row.id] = target
        if target is None:
            continue
        state = states.setdefault((row.kind, target), _State())
        state.correction_ids.append(row.id)
        if row.action == "reject":
            state.rejected = True
        elif row.action == "confirm":
            state.rejected = False  # confirmed as it now stands
        elif row.action == "edit":
            state.fields[row.field] = row.value
            state.rejected = False
        elif row.action == "merge":
            state.merged_into = other
        elif row.action == "split" and split_off is not None:
            state.detached.append(split_off)
    _follow_merges(states)
    if states:
        conn.execute(
            insert(overlay),
            [
                {
                    "kind": kind,
                    "row_id": row_id,
                    "fields": state.fields,
                    "rejected": state.rejected,
                    "merged_into": state.merged_into,
                    "detached": state.detached or None,
                    "correction_ids": state.correction_ids,
                }
                for (kind, row_id), state in states.items()
            ],
        )
    for correction_id, target in targets.items():
        conn.execute(update(corrections).where(corrections.c.id == correction_id).values(target_id=target))
    orphaned = sum(1 for target in targets.values() if target is None)
    return Rebuilt(total, total - orphaned, orphaned)


def _split(conn: Connection, event_id: int, key: str, start: int, end: int) -> dict[str, int] | None:
    """Move the report of ``event_id`` read at (key, start, end) to a new event of its own; None when the
    event has no such report now or that report is its only one."""
    rows = event_reports(conn, event_id)
    near = [
        r for r in rows if r.content_hash == key and r.trigger_start < end and r.trigger_end > start
    ]  # the span read then, or the one overlapping it most (a newer extractor may read a longer trigger)
    if not near or len(rows) < 2:
        return None
    report = max(near, key=lambda r: (min(r.trigger_end, end) - max(r.trigger_start, start), -r.id))
    event = conn.execute(select(events).where(events.c.id == event_id)).one()._asdict()
    event.pop("id")
    event.update(type=report.type, mode=report.mode, status=report.status)
    if report.place_id is not None:
        event["place_id"] = report.place_id
    new_id = conn.execute(insert(events).values(**event)).inserted_primary_key
    assert new_id is not None
    split_id = int(new_id[0])
    conn.execute(update(event_mentions).where(event_mentions.c.id == report.id).values(event_id=split_id))
    for changed in (event_id, split_id):
        conn.execute(update(events).where(events.c.id == changed).values(**report_counts(conn, changed)))
    _count_story_event(conn, event["story_id"], +1)
    return {"mention": int(report.id), "event": split_id}


def _undo_splits(conn: Connection) -> None:
    """Put every split-off report back into the event it was split from, and drop the events made for them;
    newest split first, so that a split of a split-off event is undone before that event goes."""
    parts = [
        (int(part["event"]), row.row_id)
        for row in conn.execute(select(overlay.c.row_id, overlay.c.detached).where(overlay.c.kind == "event"))
        for part in row.detached or []
    ]
    for split_id, event_id in sorted(parts, reverse=True):
        story = conn.execute(select(events.c.story_id).where(events.c.id == split_id)).first()
        if story is None:
            continue
        conn.execute(update(event_mentions).where(event_mentions.c.event_id == split_id).values(event_id=event_id))
        conn.execute(delete(events).where(events.c.id == split_id))
        conn.execute(update(events).where(events.c.id == event_id).values(**report_counts(conn, event_id)))
        _count_story_event(conn, story.story_id, -1)


def _count_story_event(conn: Connection, story_id: int | None, change: int) -> None:
    if story_id is not None:
        conn.execute(update(stories).where(stories.c.id == story_id).values(events=stories.c.events + change))


def _resolve(conn: Connection, present: dict[str, bool], kind: str, key: str, start: int, end: int) -> int | None:
    if key not in present:  # most corrections share a few articles: ask once whether each is stored
        present[key] = (
            conn.execute(select(articles.c.id).where(articles.c.content_hash == key).limit(1)).first() is not None
        )
    return resolve(conn, kind, key, start, end) if present[key] else None


def _follow_merges(states: dict[tuple[str, int], _State]) -> None:
    """A merged into B merged into C is C. A cycle (A into B into A) keeps its first link only."""
    for (kind, row_id), state in states.items():
        seen = {row_id}
        target = state.merged_into
        while target is not None and (onward := states.get((kind, target))) is not None:
            if onward.merged_into is None:
                break
            if onward.merged_into in seen:
                onward.merged_into = None
                break
            seen.add(target)
            target = onward.merged_into
        state.merged_into = target


def has_corrections(conn: Connection) -> bool:
    return bool(conn.execute(select(func.count()).select_from(corrections)).scalar())


def reapply(conn: Connection) -> Rebuilt | None:
    """After an ingest: replay the corrections onto the rows it made, if there are any."""
    return rebuild(conn) if has_corrections(conn) else None

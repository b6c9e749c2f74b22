"""The overlay: the corrections as they apply to the store's rows now.

The ``overlay`` table is derived, never edited: :func:`rebuild` replays every correction in order,
finds the row its evidence names today (:func:`~newsledger.review.corrections.resolve`), and
writes one overlay row per corrected fact (its corrected fields, whether it was rejected or
merged into another). A correction whose evidence matches nothing is marked orphaned (its
``target_id`` is null) and listed by ``newsledger review orphans``; it is kept, and applies
again if a later ingest brings its evidence back. Queries join the overlay (see
:mod:`newsledger.store.query`); ``raw`` filters skip it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from newsledger.review.corrections import resolve
from newsledger.store.schema import articles, corrections, overlay


@dataclass
class _State:
    fields: dict[str, Any] = field(default_factory=dict)
    rejected: bool = False
    merged_into: int | None = None
    correction_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Rebuilt:
    corrections: int
    applied: int
    orphaned: int


def rebuild(conn: Connection) -> Rebuilt:
    """Replay every correction onto the current rows (inside the caller's transaction)."""
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
                    "detached": None,
                    "correction_ids": state.correction_ids,
                }
                for (kind, row_id), state in states.items()
            ],
        )
    for correction_id, target in targets.items():
        conn.execute(update(corrections).where(corrections.c.id == correction_id).values(target_id=target))
    orphaned = sum(1 for target in targets.values() if target is None)
    return Rebuilt(total, total - orphaned, orphaned)


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

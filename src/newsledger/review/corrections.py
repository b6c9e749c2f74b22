"""Recording an analyst's corrections: what is corrected, keyed so that it survives re-extraction.

A fact (an event, a quote, a place, an entity) is named by its row id while a person looks at it,
but a correction is stored against its *evidence*: the article's text (by hash) and the span the
machine read the fact from (an event's trigger, a quote's words, a place's or an entity's
mention). Re-ingesting, re-extracting with a newer newsledger or rebuilding the store gives new
row ids; the evidence finds the fact again (see :mod:`newsledger.review.overlay`).

Each fact's corrections are numbered 1, 2, ... (``seq``). An edit made on what a reviewer saw
at version N is refused when someone else has since made correction N+1: the unique key on
(evidence, seq) makes that check hold between processes, in SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, exc, func, insert, select

from newsledger.model import EVENT_STATUSES
from newsledger.store.schema import (
    articles,
    corrections,
    event_mentions,
    mentions,
    place_mentions,
    quotes,
)

KINDS = ("event", "quote", "place", "entity")
ACTIONS = ("confirm", "reject", "edit", "merge", "split")

# What a reviewer may change on each kind of fact, and how a typed value is checked.
EDITABLE: dict[str, tuple[str, ...]] = {
    "event": ("type", "mode", "actor1", "actor1_country", "actor2", "actor2_country", "place", "day", "status"),
    "quote": ("kind", "speaker"),
    "place": ("name", "country", "lat", "lon"),
    "entity": ("name", "type", "country"),
}
MERGEABLE = ("event", "entity")
SPLITTABLE = ("event",)  # a split names one report (event_mentions row) that is another event
QUOTE_KINDS = ("direct", "indirect", "partial")
MAX_VALUE = 500


class ReviewError(ValueError):
    """A correction that cannot be recorded; the message says why, in one line."""


class StaleEdit(ReviewError):
    """The fact changed since the reviewer loaded it: reload and decide again."""


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: the article's text hash and a span in that text."""

    kind: str
    article_key: str
    start: int
    end: int
    text: str


def _evidence_query(kind: str) -> tuple[Any, Any, Any, Any]:
    """(article hash, start, end, text, row id) of each fact of ``kind``, earliest article first."""
    if kind == "event":
        table, row, start, end, text = (
            event_mentions,
            event_mentions.c.event_id,
            event_mentions.c.trigger_start,
            event_mentions.c.trigger_end,
            event_mentions.c.trigger_text,
        )
    elif kind == "quote":
        table, row, start, end, text = quotes, quotes.c.id, quotes.c.start, quotes.c.end, quotes.c.text
    elif kind == "place":
        table, row = place_mentions, place_mentions.c.place_id
        start, end, text = place_mentions.c.start, place_mentions.c.end, place_mentions.c.text
    elif kind == "entity":
        table, row, start, end, text = mentions, mentions.c.entity_id, mentions.c.start, mentions.c.end, mentions.c.text
    else:
        raise ReviewError(f"no kind of fact {kind!r}: choose one of {', '.join(KINDS)}")
    query = (
        select(articles.c.content_hash, start.label("start"), end.label("end"), text.label("text"), row.label("row_id"))
        .select_from(table)
        .join(articles, articles.c.id == table.c.article_id)
        .order_by(articles.c.id, start)
    )
    return query, row, start, end


def evidence_of(conn: Connection, kind: str, row_id: int) -> Evidence:
    """The evidence a correction of this fact is keyed by: its first mention in the earliest article."""
    query, row, _, _ = _evidence_query(kind)
    found = conn.execute(query.where(row == row_id).limit(1)).first()
    if found is None:
        raise ReviewError(f"no {kind} {row_id} in this store")
    return Evidence(kind, found.content_hash, found.start, found.end, found.text or "")


def resolve(conn: Connection, kind: str, article_key: str, start: int, end: int) -> int | None:
    """The row that this evidence names now: the fact read at exactly this span, else the one whose
    span overlaps it most (a newer extractor may read "held talks" where an older read "talks")."""
    query, _, span_start, span_end = _evidence_query(kind)
    query = query.where(articles.c.content_hash == article_key, span_start < end, span_end > start)
    rows = list(conn.execute(query))
    if not rows:
        return None
    exact = [row for row in rows if row.start == start and row.end == end]
    if exact:
        return int(exact[0].row_id)
    best = max(rows, key=lambda row: min(row.end, end) - max(row.start, start))
    return int(best.row_id)


def version_of(conn: Connection, evidence: Evidence) -> int:
    """How many corrections this fact has had: the version a reviewer's edit is made on."""
    query = select(func.max(corrections.c.seq)).where(
        corrections.c.kind == evidence.kind,
        corrections.c.article_key == evidence.article_key,
        corrections.c.start == evidence.start,
        corrections.c.end == evidence.end,
    )
    return int(conn.execute(query).scalar() or 0)


def checked_value(kind: str, field: str, value: Any) -> Any:
    """A typed value for ``field`` of a ``kind`` of fact, or :class:`ReviewError` saying what is wrong."""
    if field not in EDITABLE[kind]:
        raise ReviewError(f"a {kind}'s editable fields are {', '.join(EDITABLE[kind])}, not {field!r}")
    if value is None or (isinstance(value, str) and not value.strip()):
        if field in ("lat", "lon", "type", "kind", "status", "day"):
            raise ReviewError(f"{field} cannot be empty")
        return ""  # "no actor", "no place": a correction too, stored as "" so that it hides the machine's value
    if field in ("lat", "lon"):
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ReviewError(f"{field} wants degrees, not {value!r}") from None
        limit = 90 if field == "lat" else 180
        if not math.isfinite(number) or abs(number) > limit:
            raise ReviewError(f"{field} must be within ±{limit} degrees")
        return number
    text = " ".join(str(value).split())
    if len(text) > MAX_VALUE:
        raise ReviewError(f"{field} is at most {MAX_VALUE} characters")
    if field == "status" and text not in EVENT_STATUSES:
        raise ReviewError(f"status is one of {', '.join(EVENT_STATUSES)}, not {text!r}")
    if field.endswith("country") or (kind in ("place", "entity") and field == "country"):
        if not (len(text) == 2 and text.isalpha()):
            raise ReviewError(f"{field} wants an ISO 3166 alpha-2 code (UA, RU, US), not {text!r}")
        return text.upper()
    if field == "type":
        return text.upper()
    if field == "kind":
        if text not in QUOTE_KINDS:
            raise ReviewError(f"a quote's kind is one of {', '.join(QUOTE_KINDS)}, not {text!r}")
        return text
    if field == "day" and not _is_day(text):
        raise ReviewError(f"day wants YYYY-MM-DD, not {text!r}")
    return text


def _is_day(text: str) -> bool:
    try:
        datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        return False
    return True


def record(
    conn: Connection,
    kind: str,
    row_id: int,
    action: str,
    *,
    reviewer: str,
    field: str | None = None,
    value: Any = None,
    other_id: int | None = None,
    note: str | None = None,
    version: int | None = None,
) -> int:
    """Record one correction of a fact and return its id; the caller commits and rebuilds the overlay.

    ``version`` is the number of corrections the reviewer saw on the fact (from :func:`version_of`);
    when given and no longer current, :class:`StaleEdit` refuses the edit.
    """
    if kind not in KINDS:
        raise ReviewError(f"no kind of fact {kind!r}: choose one of {', '.join(KINDS)}")
    if action not in ACTIONS:
        raise ReviewError(f"no review action {action!r}: choose one of {', '.join(ACTIONS)}")
    reviewer = " ".join((reviewer or "").split())[:100]
    if not reviewer:
        raise ReviewError("a correction needs the reviewer's name (--reviewer, or $NEWSLEDGER_REVIEWER)")
    evidence = evidence_of(conn, kind, row_id)
    values: dict[str, Any] = {}
    if action == "edit":
        if field is None:
            raise ReviewError("an edit names the field it changes")
        values = {"field": field, "value": checked_value(kind, field, value)}
    elif action == "merge":
        if kind not in MERGEABLE:
            raise ReviewError(f"only {' and '.join(MERGEABLE)}s merge")
        if other_id is None or other_id == row_id:
            raise ReviewError(f"a merge names the other {kind} this one is")
        other = evidence_of(conn, kind, other_id)
        values = {"other_key": other.article_key, "other_start": other.start, "other_end": other.end}
    elif action == "split":
        if kind not in SPLITTABLE:
            raise ReviewError("only events split: name the report (its mention id) that is another event")
        report = _report_evidence(conn, row_id, other_id)
        if (report.article_key, report.start, report.end) == (evidence.article_key, evidence.start, evidence.end):
            raise ReviewError(
                f"report {other_id} is the evidence event {row_id} is known by: split off the other reports instead"
            )
        values = {"other_key": report.article_key, "other_start": report.start, "other_end": report.end}
    current = version_of(conn, evidence)
    if version is not None and version != current:
        raise StaleEdit(_stale_message(conn, evidence, kind, row_id, version, current))
    note = " ".join(note.split())[:MAX_VALUE] if note else None
    try:
        with conn.begin_nested():
            result = conn.execute(
                insert(corrections).values(
                    kind=kind,
                    article_key=evidence.article_key,
                    start=evidence.start,
                    end=evidence.end,
                    evidence=evidence.text,
                    seq=current + 1,
                    action=action,
                    reviewer=reviewer,
                    note=note,
                    created_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                    target_id=row_id,
                    **values,
                )
            )
    except exc.IntegrityError:
        # Another reviewer's correction took this number between our read and our write.
        raise StaleEdit(_stale_message(conn, evidence, kind, row_id, current, current + 1)) from None
    inserted = result.inserted_primary_key
    assert inserted is not None
    return int(inserted[0])


def event_reports(conn: Connection, event_id: int) -> list[Any]:
    """Every report (event_mentions row) of an event, with its article's text hash: what a split names."""
    query = (
        select(event_mentions, articles.c.content_hash)
        .join(articles, articles.c.id == event_mentions.c.article_id)
        .where(event_mentions.c.event_id == event_id)
        .order_by(event_mentions.c.id)
    )
    return list(conn.execute(query))


def _report_evidence(conn: Connection, event_id: int, mention_id: int | None) -> Evidence:
    """The evidence of one report of an event: the span of its trigger in its article."""
    if mention_id is None:
        raise ReviewError("a split names the report (mention id) that is another event")
    found = next((r for r in event_reports(conn, event_id) if r.id == mention_id), None)
    if found is None:
        raise ReviewError(f"event {event_id} has no report {mention_id}")
    return Evidence("event", found.content_hash, found.trigger_start, found.trigger_end, found.trigger_text or "")


def _stale_message(conn: Connection, evidence: Evidence, kind: str, row_id: int, seen: int, now: int) -> str:
    last = conn.execute(
        select(corrections.c.reviewer, corrections.c.created_at)
        .where(
            corrections.c.kind == evidence.kind,
            corrections.c.article_key == evidence.article_key,
            corrections.c.start == evidence.start,
            corrections.c.end == evidence.end,
        )
        .order_by(corrections.c.seq.desc())
        .limit(1)
    ).first()
    by = f" by {last.reviewer} at {last.created_at}" if last else ""
    return (
        f"{kind} {row_id} was changed{by} since you loaded it (version {now}, yours {seen}): "
        "reload it and make your change again"
    )


def history(conn: Connection, kind: str, row_id: int) -> list[dict[str, Any]]:
    """Every correction that applies to this fact now, oldest first (merges into it included)."""
    query = (
        select(corrections)
        .where(corrections.c.kind == kind, corrections.c.target_id == row_id)
        .order_by(corrections.c.id)
    )
    return [dict(row._mapping) for row in conn.execute(query)]


def orphans(conn: Connection) -> list[dict[str, Any]]:
    """Corrections whose evidence matches nothing in the store now: listed, never dropped."""
    query = select(corrections).where(corrections.c.target_id.is_(None)).order_by(corrections.c.id)
    return [dict(row._mapping) for row in conn.execute(query)]

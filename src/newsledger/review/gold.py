"""The reviewed facts as figures and as gold: a team's reviews become its own test set.

- :func:`stats`: precision per field and per event type over the facts a reviewer looked at. A
  confirmed fact is right in every field; a rejected one is not a fact at all; an edited field
  was wrong (the other fields of an edited fact count as right: the reviewer saw them).
- :func:`gold_articles`: the reviewed articles in the gold format of ``../shared/data/voa-gold``
  (events with types, locating excerpts, actor countries, place, date and status; quotes with
  speakers), each article carrying its own text, for ``newsledger eval --gold FILE``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from newsledger.review.corrections import EDITABLE
from newsledger.store.query import build_filters, events_query, find_quotes
from newsledger.store.schema import articles, corrections, event_mentions, events, overlay, quotes

# Characters of context kept on each side of an event's trigger, inside its sentence, so that the
# excerpt locates this event and not another one of the same type elsewhere in the article.
EXCERPT_CONTEXT = 30


@dataclass
class FieldTally:
    right: int = 0
    wrong: int = 0

    @property
    def precision(self) -> float | None:
        total = self.right + self.wrong
        return self.right / total if total else None


@dataclass
class KindStats:
    kind: str
    reviewed: int = 0
    rejected: int = 0
    merged: int = 0
    fields: dict[str, FieldTally] = field(default_factory=dict)
    by_type: dict[str, FieldTally] = field(default_factory=dict)  # events: right = kept with its type

    @property
    def precision(self) -> float | None:
        """Of the reviewed facts, the share that are facts at all (not rejected)."""
        return (self.reviewed - self.rejected) / self.reviewed if self.reviewed else None


def _edits(conn: Connection, correction_ids: list[int]) -> set[str]:
    if not correction_ids:
        return set()
    query = select(corrections.c.field).where(corrections.c.id.in_(correction_ids), corrections.c.action == "edit")
    return {name for name in conn.execute(query).scalars() if name}


def stats(conn: Connection) -> list[KindStats]:
    """Precision over the reviewed facts of each kind (events also by the machine's type)."""
    machine_type = dict(conn.execute(select(events.c.id, events.c.type)).all())
    found: dict[str, KindStats] = {kind: KindStats(kind) for kind in EDITABLE}
    for row in conn.execute(select(overlay)).all():
        tally = found[row.kind]
        tally.reviewed += 1
        if row.merged_into is not None:
            tally.merged += 1
        edited = _edits(conn, list(row.correction_ids or []))
        event_type = machine_type.get(row.row_id) if row.kind == "event" else None
        if row.rejected:
            tally.rejected += 1
            if event_type:
                tally.by_type.setdefault(event_type, FieldTally()).wrong += 1
            continue
        for name in EDITABLE[row.kind]:
            counts = tally.fields.setdefault(name, FieldTally())
            if name in edited:
                counts.wrong += 1
            else:
                counts.right += 1
        if event_type:
            kept = tally.by_type.setdefault(event_type, FieldTally())
            if "type" in edited:
                kept.wrong += 1
            else:
                kept.right += 1
    return [tally for tally in found.values() if tally.reviewed]


def _excerpt(text: str, sentence: tuple[int, int], trigger: tuple[int, int]) -> str:
    """The trigger with a little of its sentence around it, cut at spaces."""
    start = max(sentence[0], trigger[0] - EXCERPT_CONTEXT)
    end = min(sentence[1], trigger[1] + EXCERPT_CONTEXT)
    if start > sentence[0] and (space := text.find(" ", start, trigger[0])) != -1:
        start = space + 1
    if end < sentence[1] and (space := text.rfind(" ", trigger[1], end)) != -1:
        end = space
    return text[start:end].strip()


def gold_articles(conn: Connection) -> dict[str, Any]:
    """Every article with a reviewed fact, as gold: its reviewed, kept events and quotes."""
    corrected = build_filters(limit=0)
    reviewed_rows = {(row.kind, row.row_id): row for row in conn.execute(select(overlay)).all()}
    by_article: dict[int, dict[str, Any]] = defaultdict(lambda: {"events": [], "quotes": [], "unreviewed": 0})
    event_rows = {
        row["id"]: row for row in map(dict, (r._mapping for r in conn.execute(events_query(conn, corrected))))
    }
    reports = conn.execute(
        select(
            event_mentions.c.event_id,
            event_mentions.c.article_id,
            event_mentions.c.trigger_start,
            event_mentions.c.trigger_end,
            event_mentions.c.sentence_start,
            event_mentions.c.sentence_end,
            articles.c.text,
        ).join(articles, articles.c.id == event_mentions.c.article_id)
    ).all()
    merged = {
        row_id: row.merged_into for (kind, row_id), row in reviewed_rows.items() if kind == "event" and row.merged_into
    }
    for report in reports:
        event_id = merged.get(report.event_id, report.event_id)
        review = reviewed_rows.get(("event", event_id))
        article = by_article[report.article_id]
        if review is None:
            article["unreviewed"] += 1
            continue
        event = event_rows.get(event_id)
        if review.rejected or event is None:
            continue  # not an event: gold has nothing here, so a prediction of it is a false one
        excerpt = _excerpt(
            report.text, (report.sentence_start, report.sentence_end), (report.trigger_start, report.trigger_end)
        )
        same = [gold for gold in article["events"] if gold["id"] == f"E{event_id}"]
        if same:  # another report of it in this article (or of one merged into it): one event, more sentences
            same[0]["sentences"].append(excerpt)
            continue
        gold: dict[str, Any] = {
            "id": f"E{event_id}",
            "types": [event["type"]],
            "sentences": [excerpt],
            "status": [event["status"]],
            "required": True,
        }
        for role in ("actor1", "actor2"):
            if event[f"{role}_country"]:
                gold[role] = event[f"{role}_country"]
        if event["place"]:
            gold["place"] = event["place"]
        if event["day"]:
            gold["date"] = [event["day"]]
        article["events"].append(gold)
    quote_rows = {row["id"]: row for row in find_quotes(conn, corrected)}
    for quote_id, article_id in conn.execute(select(quotes.c.id, quotes.c.article_id)).all():
        if ("quote", quote_id) in reviewed_rows and quote_id in quote_rows:  # reviewed and not rejected
            quote = quote_rows[quote_id]
            speakers = [quote["speaker"]] if quote["speaker"] else []
            by_article[article_id]["quotes"].append({"contains": quote["text"], "speaker": speakers})
    # The articles of a kept fact, and those of a rejected one (where gold now says: nothing here).
    reviewed_articles = {article_id for article_id, found in by_article.items() if found["events"] or found["quotes"]}
    reviewed_articles |= _articles_with_reviews(conn)
    listing = []
    for row in conn.execute(select(articles).where(articles.c.id.in_(reviewed_articles)).order_by(articles.c.id)):
        found = by_article.get(row.id, {"events": [], "quotes": [], "unreviewed": 0})
        listing.append(
            {
                "article_id": row.article_id,
                "headline_contains": row.headline or "",
                "published": row.published,
                "text": row.text,
                "complete": found["unreviewed"] == 0,  # every event in it was reviewed
                "events": found["events"],
                "quotes": found["quotes"],
                "places": [],
                "dates": [],
                "people": [],
                "amounts": [],
            }
        )
    return {
        "about": "Reviewed facts exported by `newsledger review export`: the events and quotes an analyst "
        "confirmed, edited or kept, in the voa-gold format. Articles marked complete had every event reviewed.",
        "articles": listing,
    }


def _articles_with_reviews(conn: Connection) -> set[int]:
    keys = set(conn.execute(select(corrections.c.article_key).where(corrections.c.target_id.is_not(None))).scalars())
    if not keys:
        return set()
    return set(conn.execute(select(articles.c.id).where(articles.c.content_hash.in_(keys))).scalars())


def tally_lines(found: list[KindStats]) -> list[list[str]]:
    """Rows for a table: kind, field or type, right, wrong, precision."""

    def share(value: float | None) -> str:
        return "" if value is None else f"{value:.2f}"

    rows: list[list[str]] = []
    for kind in found:
        rows.append(
            [kind.kind, "(is a fact)", str(kind.reviewed - kind.rejected), str(kind.rejected), share(kind.precision)]
        )
        for name, counts in kind.fields.items():
            rows.append([kind.kind, name, str(counts.right), str(counts.wrong), share(counts.precision)])
        for type_, counts in sorted(kind.by_type.items(), key=lambda item: -(item[1].right + item[1].wrong)):
            rows.append([kind.kind, f"type {type_}", str(counts.right), str(counts.wrong), share(counts.precision)])
    return rows

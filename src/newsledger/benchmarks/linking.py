"""Linking as the store grows: the time to store and link an article at 10,000 to over a million.

A base store is built the way ``newsledger ingest`` builds it (the VOA stories in rounds, as the
store benchmark makes them). It is then grown by doubling in bulk, in SQL: every row that linking
reads (articles, their MinHash bands, stories and their terms, events and their reports) is copied
with new ids and its days moved past the store's last day, so each copy is later news about the same
actors, as a feed that runs for years. The copies keep no text (linking never reads it). At each
size, 89 new articles a day past the newest are stored and linked through the batch writer, after
89 as a warm-up, and the time per article is what linking costs at that size. Target: growth at
most logarithmic in the store's size.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, text

from newsledger.benchmarks.store import corpus, store_articles, variant
from newsledger.harness import Report
from newsledger.model import Article
from newsledger.pipeline import default_pipeline
from newsledger.readers import read_inputs
from newsledger.store.database import open_engine
from newsledger.store.schema import articles, event_mentions, events, minhash_bands, stories, story_terms

NAME = "linking"
TITLE = "Linking as the store grows: per-article store-and-link time from 10,000 to 1.28 million articles"
BASE_ARTICLES = 1_250
MEASURE_AT = (10_000, 40_000, 160_000, 640_000, 1_280_000)
_BAND_MODULUS = 4_611_686_018_427_387_903  # 2**62 - 1: keeps shifted band keys inside 64 bits


def _copy_sql(table: Table, overrides: dict[str, str], where: str) -> str:
    """``INSERT INTO table SELECT ...`` of its own rows, each column as is unless overridden."""
    names = [column.name for column in table.columns]
    values = ", ".join(overrides.get(name, f'"{name}"') for name in names)
    columns = ", ".join(f'"{name}"' for name in names)
    return f'INSERT INTO "{table.name}" ({columns}) SELECT {values} FROM "{table.name}" WHERE {where}'


def _shifted(column: str) -> str:
    return f"date({column}, :shift)"


def double(conn: Connection, step: int) -> None:
    """Copy every row linking reads once, with new ids, days past the store's last day."""
    one = conn.execute(
        text(
            "SELECT (SELECT max(id) FROM articles), (SELECT max(id) FROM stories), (SELECT max(id) FROM events),"
            " (SELECT max(id) FROM event_mentions),"
            " julianday(max((SELECT max(day) FROM articles), (SELECT max(day) FROM events)))"
            " - julianday(min((SELECT min(day) FROM articles), (SELECT min(day) FROM events)))"
        )
    ).one()
    top_article, top_story, top_event, top_mention, span = one
    values: dict[str, Any] = {
        "article": top_article,
        "story": top_story,
        "event": top_event,
        "mention": top_mention,
        "shift": f"+{int(span) + 14} days",
        "tag": f"~{step}",
        "band": step * 1_000_003,
    }
    statements = [
        _copy_sql(
            stories,
            {"id": "id + :story", "first_day": _shifted("first_day"), "last_day": _shifted("last_day")},
            "id <= :story",
        ),
        _copy_sql(
            story_terms,
            {"story_id": "story_id + :story", "last_day": _shifted("last_day")},
            "story_id <= :story",
        ),
        _copy_sql(
            articles,
            {
                "id": "id + :article",
                "article_id": "article_id || :tag",
                "content_hash": "content_hash || :tag",
                "source": "source || :tag",
                "day": _shifted("day"),
                "text": "''",
                "duplicate_of": "duplicate_of + :article",
                "story_id": "story_id + :story",
                "minhash": "NULL",
                "ledger": "X''",
            },
            "id <= :article",
        ),
        _copy_sql(
            minhash_bands,
            {"band_key": f"band_key % {_BAND_MODULUS} + :band", "article_id": "article_id + :article"},
            "article_id <= :article",
        ),
        _copy_sql(
            events,
            {
                "id": "id + :event",
                "day": _shifted("day"),
                "first_reported": _shifted("first_reported"),
                "last_reported": _shifted("last_reported"),
                "story_id": "story_id + :story",
            },
            "id <= :event",
        ),
        _copy_sql(
            event_mentions,
            {"id": "id + :mention", "event_id": "event_id + :event", "article_id": "article_id + :article"},
            "id <= :mention",
        ),
        "UPDATE entities SET articles = articles * 2, mentions = mentions * 2",
        "UPDATE places SET articles = articles * 2",
    ]
    for statement in statements:
        conn.execute(text(statement), values)


def _newest_day_offset(conn: Connection, extracted: list[Article]) -> int:
    """Days to move the VOA stories by so that the earliest lands a day after the store's newest."""
    newest = conn.execute(text("SELECT julianday(max(day)) FROM articles")).scalar_one()
    earliest = min(a.published[:10] for a in extracted if a.published)
    start = conn.execute(text("SELECT julianday(:day)"), {"day": earliest}).scalar_one()
    return int(newest - start) + 1


def _store_next(engine: Engine, extracted: list[Article], round_number: int) -> float:
    """Milliseconds per article to store the VOA stories as one new round past the newest day."""
    with engine.connect() as conn:
        days = _newest_day_offset(conn, extracted)
    count, seconds = store_articles(engine, (variant(a, round_number, days) for a in extracted))
    return 1000 * seconds / count


def _count(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM articles")).scalar_one()


def run(data: Path) -> Report:
    voa = data / "voa" / "voa_stories.jsonl"
    if not voa.exists():
        return Report(columns=["stored articles"], rows=[], notes=[f"skipped: {voa} is absent"])
    raw = [item for item in read_inputs([str(voa)]) if isinstance(item, Article)]
    extracted = list(default_pipeline().run(raw))
    folder = Path(tempfile.mkdtemp(prefix="newsledger-bench-linking-"))
    engine = open_engine(str(folder / "linking.db"))
    store_articles(engine, corpus(extracted, BASE_ARTICLES))
    rows: list[list[str]] = []
    # Rounds past the base's, each a distinct letter shift (the store benchmark's 125 repeat).
    next_round = BASE_ARTICLES // len(extracted) + 1
    step = 0
    for size in MEASURE_AT:
        grow_started = time.perf_counter()
        while _count(engine) < size:
            step += 1
            with engine.begin() as conn:
                double(conn, step)
        grown = time.perf_counter() - grow_started
        stored = _count(engine)
        _store_next(engine, extracted, next_round)  # warm-up: caches, and the newest days exist
        per_article = _store_next(engine, extracted, next_round + 1)
        next_round += 2
        with engine.connect() as conn:
            stored_events = conn.execute(text("SELECT count(*) FROM events")).scalar_one()
        rows.append([f"{stored:,}", f"{stored_events:,}", f"{per_article:.1f} ms", f"{grown:.0f} s"])
    engine.dispose()
    first = float(rows[0][2].split()[0])
    last = float(rows[-1][2].split()[0])
    notes = [
        f"Base: {BASE_ARTICLES:,} VOA-round articles stored by the batch writer, then doubled in bulk (SQL copies "
        "with new ids and later days) up to each size; at each, 89 articles past the newest day stored as a "
        "warm-up, then 89 more timed. SQLite; time per article includes linking (duplicates, entities, "
        "events, stories) and the batch's commit.",
        f"From {rows[0][0]} to {rows[-1][0]} stored articles "
        f"({float(rows[-1][0].replace(',', '')) / float(rows[0][0].replace(',', '')):.0f} times the store): "
        f"{first:.1f} -> {last:.1f} ms per article ({100 * (last / first - 1):+.0f}%).",
    ]
    shutil.rmtree(folder, ignore_errors=True)
    return Report(columns=["stored articles", "stored events", "per article", "bulk growth"], rows=rows, notes=notes)

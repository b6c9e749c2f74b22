"""The store: what storing adds to extraction, at 10,000 articles, and how fast each query answers.

The VOA stories are extracted once (that time is the extraction cost per article).
The extracted articles are then stored 10,000 times over: each round moves the
dates two weeks on and shifts the letters of every fifth word, keeping every
offset, so rounds are new articles rather than near-duplicates of each other, and
the store links, merges and clusters as it would on a real feed. A second, small
run stores exact syndicated copies (the near-duplicate path). PostgreSQL runs
when ``$NEWSLEDGER_BENCH_PG`` (or ``$NEWSLEDGER_TEST_PG``) names a database that
may be emptied.
"""

from __future__ import annotations

import os
import re
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from newsledger.harness import Report
from newsledger.model import Article
from newsledger.pipeline import default_pipeline
from newsledger.readers import read_inputs
from newsledger.store.batches import BatchWriter
from newsledger.store.database import empty_postgresql, open_engine
from newsledger.store.query import (
    Filters,
    find_entities,
    find_events,
    find_places,
    find_quotes,
    find_stories,
    timeline,
)

NAME = "store"
TITLE = "Store: ingest at 10,000 articles (SQLite, PostgreSQL) and query latency"
TARGET_ARTICLES = 10_000
ROUND_DAYS = 14
_WORD = re.compile(r"[A-Za-z]+")


def _shift_word(word: str, by: int) -> str:
    def shift(ch: str) -> str:
        base = ord("a") if ch.islower() else ord("A")
        return chr(base + (ord(ch) - base + by) % 26)

    return "".join(shift(ch) for ch in word)


def _day_plus(value: str | None, days: int) -> str | None:
    if not value or not re.match(r"\d{4}-\d{2}-\d{2}", value):
        return value
    return (date.fromisoformat(value[:10]) + timedelta(days=days)).isoformat() + value[10:]


def variant(article: Article, round_number: int, days: int | None = None) -> Article:
    """The article as a new one: dates two weeks later per round (or ``days`` later), every fifth word
    letter-shifted."""
    if round_number == 0 and not days:
        return article
    # 25 letter shifts times 5 choices of which word in five: 125 distinct rounds.
    shift, which = round_number % 25 + 1, round_number // 25 % 5
    counter = iter(range(10**9))
    body = _WORD.sub(lambda m: _shift_word(m.group(), shift) if next(counter) % 5 == which else m.group(), article.text)
    days = ROUND_DAYS * round_number if days is None else days
    events = [
        event.model_copy(update={"date": event.date.model_copy(update={"value": _day_plus(event.date.value, days)})})
        if event.date
        else event
        for event in article.events
    ]
    # A shallow copy: the spans are shared with the original, only what differs is new.
    return article.model_copy(
        update={
            "text": body,
            "id": f"{article.id}-{round_number}",
            "source": f"{article.source}#round{round_number}",
            "url": f"{article.url}?round={round_number}" if article.url else None,
            "published": _day_plus(article.published, days),
            "events": events,
        }
    )


def corpus(articles: list[Article], total: int) -> Iterator[Article]:
    for number in range(total):
        yield variant(articles[number % len(articles)], number // len(articles))


def store_articles(engine: Engine, articles: Iterable[Article]) -> tuple[int, float]:
    """Articles stored and the seconds spent storing them, in batches as `newsledger ingest` stores them
    (making the copies is not counted)."""
    batches = BatchWriter(engine)
    count = 0
    for article in articles:
        batches.add(article)
        count += 1
    batches.flush()
    return count, batches.storage_seconds


def _latency(engine: Engine, run: Callable[[Any], object]) -> float:
    """Median milliseconds of five runs (after one warm-up)."""
    times = []
    with engine.connect() as conn:
        run(conn)
        for _ in range(5):
            started = time.perf_counter()
            run(conn)
            times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times)


QUERIES: list[tuple[str, Callable[[Any], object]]] = [
    ("events (newest 100)", lambda c: find_events(c, Filters())),
    ("events --actor Putin", lambda c: find_events(c, Filters(actor="Putin"))),
    ("events --country UA --type ASSAULT", lambda c: find_events(c, Filters(country="UA", type="ASSAULT"))),
    ("events --since/--until (a month)", lambda c: find_events(c, Filters(since="2025-06-01", until="2025-06-30"))),
    ("events --near Kyiv --radius 100", lambda c: find_events(c, Filters(near=(50.45, 30.52), radius_km=100))),
    ("events --search ceasefire", lambda c: find_events(c, Filters(search="ceasefire"))),
    ("events --story ceasefire", lambda c: find_events(c, Filters(story="ceasefire"))),
    ("quotes --search sanctions", lambda c: find_quotes(c, Filters(search="sanctions"))),
    ("quotes --actor Trump", lambda c: find_quotes(c, Filters(actor="Trump"))),
    ("entities --type PERSON", lambda c: find_entities(c, Filters(type="PERSON"))),
    ("places --near Kyiv --radius 500", lambda c: find_places(c, Filters(near=(50.45, 30.52), radius_km=500))),
    ("stories (largest 100)", lambda c: find_stories(c, Filters())),
    ("stories --actor Putin", lambda c: find_stories(c, Filters(actor="Putin"))),
    ("timeline ceasefire (100 events)", lambda c: timeline(c, "ceasefire", Filters())),
]


def fresh_postgresql(url: str) -> Engine:
    empty_postgresql(url)
    return open_engine(url)


def run(data: Path) -> Report:
    voa = data / "voa" / "voa_stories.jsonl"
    if not voa.exists():
        return Report(columns=["run"], rows=[], notes=[f"skipped: {voa} is absent"])
    raw = [item for item in read_inputs([str(voa)]) if isinstance(item, Article)]
    pipeline = default_pipeline()
    list(pipeline.run(a.model_copy(deep=True) for a in raw[:4]))  # warm up
    extraction_times = []
    for _ in range(2):
        started = time.perf_counter()
        extracted = list(pipeline.run(a.model_copy(deep=True) for a in raw))
        extraction_times.append(time.perf_counter() - started)
    extract_ms = 1000 * min(extraction_times) / len(extracted)

    stores: list[tuple[str, Callable[[], Engine]]] = []
    folder = Path(tempfile.mkdtemp(prefix="newsledger-bench-"))
    stores.append(("SQLite", lambda: open_engine(str(folder / "bench.db"))))
    pg_url = os.environ.get("NEWSLEDGER_BENCH_PG") or os.environ.get("NEWSLEDGER_TEST_PG")
    if pg_url:
        stores.append(("PostgreSQL", lambda: fresh_postgresql(pg_url)))

    rows: list[list[str]] = [["extraction (all stages), per article", f"{extract_ms:.1f} ms", "", ""]]
    latency_rows: list[list[str]] = []
    figures: dict[str, dict[str, Any]] = {}
    for name, make in stores:
        engine = make()
        count, seconds = store_articles(engine, corpus(extracted, TARGET_ARTICLES))
        per = 1000 * seconds / count
        with engine.connect() as conn:
            figures[name] = {
                table: conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()  # our own table names
                for table in ("articles", "events", "event_mentions", "entities", "stories", "quotes", "places")
            }
        rows.append(
            [
                f"{name}: store {count:,} articles",
                f"{per:.1f} ms",
                f"{count / seconds:,.0f}",
                f"{100 * per / extract_ms:+.1f}%",
            ]
        )
        for label, query in QUERIES:
            latency_rows.append([f"{name}: {label}", f"{_latency(engine, query):.1f} ms", "", ""])
        copies, copy_seconds = store_articles(engine, (_syndicated(a) for a in extracted))
        rows.append(
            [
                f"{name}: store {copies} syndicated copies (near-duplicates)",
                f"{1000 * copy_seconds / copies:.1f} ms",
                f"{copies / copy_seconds:,.0f}",
                f"{100 * 1000 * copy_seconds / copies / extract_ms:+.1f}%",
            ]
        )
        engine.dispose()
    notes = [
        f"{len(extracted)} VOA stories extracted once ({extract_ms:.0f} ms per article, best of two runs), "
        f"then stored {TARGET_ARTICLES:,} times over: each round moves dates {ROUND_DAYS} days on and "
        "letter-shifts every fifth word (offsets kept), so rounds are new articles, not near-duplicates. "
        "Batches of 50 articles per transaction, as `newsledger ingest` writes, one process. "
        "Target: storing adds at most 10% to extraction.",
        "Query latency: median of five runs after a warm-up, in process, on the 10,000-article store "
        "(target under 100 ms).",
    ]
    for name, counted in figures.items():
        notes.append(f"{name} store after the 10,000: " + ", ".join(f"{v:,} {k}" for k, v in counted.items()) + ".")
    if not pg_url:
        notes.append("PostgreSQL skipped: set NEWSLEDGER_BENCH_PG to a database URL that may be emptied.")
    return Report(
        columns=["run", "per article / query", "articles/s", "over extraction"], rows=rows + latency_rows, notes=notes
    )


def _syndicated(article: Article) -> Article:
    """The same story republished by another site: same text, a line of credit added."""
    copy = article.model_copy(deep=True)
    copy.text = article.text + "\n\nThis story was first published by another outlet."
    copy.id = f"{article.id}-syndicated"
    copy.source = f"{article.source}#syndicated"
    copy.url = f"https://syndication.example/{article.id}"
    return copy

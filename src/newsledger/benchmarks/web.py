"""The web app: server time per page and per API call on the benchmark store, and the report's size
and build time for the largest VOA story.

The store is built as the store benchmark builds it (the VOA stories extracted once, then stored
over and over as new articles by :func:`newsledger.benchmarks.store.corpus`), 10,000 articles unless
``$NEWSLEDGER_BENCH_WEB_ARTICLES`` asks for fewer (a quick run). Each URL is requested in process
through the ASGI app (routing, queries, template rendering, JSON), the median of five after a
warm-up. PostgreSQL runs when ``$NEWSLEDGER_BENCH_PG`` (or ``$NEWSLEDGER_TEST_PG``) names a database
that may be emptied.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine

from newsledger.benchmarks.store import corpus, fresh_postgresql, store_articles
from newsledger.harness import Report
from newsledger.model import Article
from newsledger.pipeline import default_pipeline
from newsledger.readers import read_inputs
from newsledger.store.database import open_engine
from newsledger.store.reader import open_store
from newsledger.web.app import create_app
from newsledger.web.report import build_report

with warnings.catch_warnings():  # Starlette 1.x asks for httpx2 for its TestClient; httpx still works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

NAME = "web"
TITLE = "Web app: server time per page and API call; the report of the largest VOA story"
DEFAULT_ARTICLES = 10_000
TARGET_MS = 200
RUNS = 5


def _ids(engine: Engine) -> dict[str, int]:
    """The heaviest record of each detail page: the largest story, the most reported event, ..."""
    chosen = {
        "story": "SELECT id FROM stories ORDER BY events DESC, id LIMIT 1",
        "event": "SELECT id FROM events ORDER BY reports DESC, id LIMIT 1",
        "article": "SELECT article_id FROM event_mentions GROUP BY article_id "
        "ORDER BY count(*) DESC, article_id LIMIT 1",
        "actor": "SELECT id FROM entities ORDER BY articles DESC, id LIMIT 1",
        "place": "SELECT place_id FROM events WHERE place_id IS NOT NULL GROUP BY place_id "
        "ORDER BY count(*) DESC, place_id LIMIT 1",
    }
    with engine.connect() as conn:
        return {name: int(conn.exec_driver_sql(sql).scalar() or 0) for name, sql in chosen.items()}


def urls(ids: dict[str, int]) -> list[str]:
    pages = [
        "/",
        "/events",
        "/events?actor=Putin",
        "/events?country=UA&type=ASSAULT",
        "/events?since=2025-06-01&until=2025-06-30",
        "/events?near=50.45,30.52&radius=100",
        "/events?search=ceasefire",
        "/quotes?search=sanctions",
        "/actors?type=PERSON",
        "/places?near=50.45,30.52&radius=500",
        "/stories",
        f"/stories/{ids['story']}",
        f"/events/{ids['event']}",
        f"/articles/{ids['article']}",
        f"/actors/{ids['actor']}",
        f"/places/{ids['place']}",
    ]
    apis = ["/api/overview" if page == "/" else "/api" + page for page in pages]
    return pages + apis + [f"/api/timeline/{ids['story']}"]


def _time(client: TestClient, url: str) -> tuple[float, int]:
    """Median milliseconds of RUNS requests after a warm-up, and the response's size."""
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url}: HTTP {response.status_code}: {response.text[:200]}")
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times), len(response.content)


def run(data: Path) -> Report:
    voa = data / "voa" / "voa_stories.jsonl"
    if not voa.exists():
        return Report(columns=["run"], rows=[], notes=[f"skipped: {voa} is absent"])
    total = int(os.environ.get("NEWSLEDGER_BENCH_WEB_ARTICLES") or DEFAULT_ARTICLES)
    raw = [item for item in read_inputs([str(voa)]) if isinstance(item, Article)]
    extracted = list(default_pipeline().run(raw))
    folder = Path(tempfile.mkdtemp(prefix="newsledger-bench-web-"))

    rows: list[list[str]] = []
    rows += _report_rows(extracted, folder)
    stores: list[tuple[str, Callable[[], Engine], str]] = [
        ("SQLite", lambda: open_engine(str(folder / "bench.db")), str(folder / "bench.db"))
    ]
    pg_url = os.environ.get("NEWSLEDGER_BENCH_PG") or os.environ.get("NEWSLEDGER_TEST_PG")
    if pg_url:
        stores.append(("PostgreSQL", lambda: fresh_postgresql(pg_url), pg_url))
    slowest: dict[str, tuple[float, str]] = {}
    for name, make, url in stores:
        engine = make()
        count, _ = store_articles(engine, corpus(extracted, total))
        ids = _ids(engine)
        engine.dispose()
        app = create_app(url)
        client = TestClient(app)
        for path in urls(ids):
            ms, size = _time(client, path)
            within = "yes" if ms < TARGET_MS else "NO"
            rows.append([f"{name}: {path}", f"{ms:.1f} ms", f"{size / 1024:,.0f} KiB", within])
            if ms > slowest.get(name, (0.0, ""))[0]:
                slowest[name] = (ms, path)
        app.state.store.close()
        rows.append([f"{name}: store", f"{count:,} articles", "", ""])
    notes = [
        f"Server time: median of {RUNS} in-process requests after a warm-up (routing, queries, rendering), "
        f"on a store of {total:,} articles built as the store benchmark builds it. Target: under {TARGET_MS} ms each.",
        "Detail pages show the heaviest record: the story with most events, the event with most reports, "
        "the article with most event reports, the most reported actor, the place with most events.",
    ]
    notes += [f"{name}: slowest {path} at {ms:.0f} ms." for name, (ms, path) in slowest.items()]
    if not pg_url:
        notes.append("PostgreSQL skipped: set NEWSLEDGER_BENCH_PG to a database URL that may be emptied.")
    return Report(columns=["request", "server time", "size", f"< {TARGET_MS} ms"], rows=rows, notes=notes)


def _report_rows(extracted: list[Article], folder: Path) -> list[list[str]]:
    """`newsledger report` on the largest story of a store of the VOA stories as they are."""
    path = folder / "voa.db"
    engine = open_engine(str(path))
    store_articles(engine, extracted)
    with engine.connect() as conn:
        story, articles = conn.exec_driver_sql(
            "SELECT id, articles FROM stories ORDER BY articles DESC, events DESC, id LIMIT 1"
        ).one()
    engine.dispose()
    with open_store(path) as store:
        build_report(store, str(story))  # warm-up: templates compiled, basemap read
        started = time.perf_counter()
        html, count = build_report(store, str(story))
        seconds = time.perf_counter() - started
    size = len(html.encode("utf-8"))
    label = f"report of the largest VOA story ({articles} articles, {count} events)"
    return [[label, f"{1000 * seconds:.0f} ms", f"{size / 1024:,.0f} KiB", ""]]

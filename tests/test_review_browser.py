"""Review in a real browser (headless Chromium, as the web app's tests): with the keyboard and the
panel's forms, correct an event's actor, reject a quote, merge two events; then re-ingest and
re-extract the store: all three still apply, in the export and in the report."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLE
from newsledger.api import extract
from newsledger.pipeline import default_pipeline
from newsledger.store.database import open_engine
from newsledger.store.export import export
from newsledger.store.ingest import Ingest
from newsledger.store.query import Filters, find_events, find_quotes
from newsledger.store.reader import open_store
from newsledger.store.reextract import reextract
from newsledger.web.app import create_app
from newsledger.web.background import serving
from newsledger.web.report import build_report
from newsledger.web.review import ReviewSettings
from test_web_browser import CHROMIUM, sync_api
from web_store import web_store_path

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium: run scripts/chromium-for-tests.sh")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "review.db"
    shutil.copy(web_store_path(), path)
    return path


@pytest.fixture
def page(db: Path) -> Iterator[tuple[Any, str]]:
    app = create_app(str(db), review_settings=ReviewSettings(reviewer="ana"))
    with serving(app) as base, sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        tab = browser.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
        yield tab, base
        browser.close()
        assert errors == []


def rows(db: Path, find: Any, **filters: Any) -> list[dict[str, Any]]:
    engine = open_engine(str(db), create=False, write=False)
    try:
        with engine.connect() as conn:
            return find(conn, Filters(limit=None, **filters))
    finally:
        engine.dispose()


def test_correct_reject_merge_in_the_browser_and_they_survive_reextraction(page: tuple[Any, str], db: Path) -> None:
    tab, base = page
    events = rows(db, find_events)
    story = next(row["story_id"] for row in events if row["story_id"])
    in_story = [row for row in events if row["story_id"] == story]
    assert len(in_story) >= 3, "the story has events to review"
    first, second, third = in_story[0]["id"], in_story[1]["id"], in_story[2]["id"]

    # 1. An event's actor, edited with the panel's form.
    tab.goto(f"{base}/events/{first}")
    tab.select_option("select[name=field]", "actor1")
    tab.fill("#review-value", "Kremlin press office")
    tab.uncheck("#review-then-next")
    with tab.expect_navigation():
        tab.click("#review-edit")
    assert tab.url == f"{base}/events/{first}"
    assert "Kremlin press office" in tab.inner_text("dl.facts")

    # 2. Two events merged.
    tab.goto(f"{base}/events/{second}")
    tab.fill("input[name=other_id]", str(third))
    tab.uncheck("#review-then-next")
    with tab.expect_navigation():
        tab.click("button[value=merge]")
    assert tab.url == f"{base}/events/{second}"
    assert "merged into" in tab.inner_text("#review")

    # 3. A quote rejected from its review page, with the keyboard ("x").
    quote = rows(db, find_quotes)[0]
    tab.goto(f"{base}/review/quote/{quote['id']}")
    with tab.expect_navigation():
        tab.keyboard.press("x")
    assert tab.url == f"{base}/review/quote/{quote['id']}"
    assert "rejected" in tab.inner_text("#review")

    # The queue: "n" goes on to an unreviewed event of the story.
    tab.goto(f"{base}/events/{first}?story={story}")
    with tab.expect_navigation():
        tab.keyboard.press("n")
    assert "/events/" in tab.url and f"/events/{first}?" not in tab.url

    def check(path: Path) -> None:
        corrected = {row["id"]: row for row in rows(path, find_events)}
        edited = [row for row in corrected.values() if row["actor1"] == "Kremlin press office"]
        assert len(edited) == 1
        assert not any(row["id"] == quote["id"] for row in rows(path, find_quotes)), "the quote stays rejected"
        merged = [row for row in rows(path, find_events, raw=True) if row["reviewed"] and row["id"] not in corrected]
        assert merged, "the merged event is shown as part of the other"
        out = io.BytesIO()
        engine = open_engine(str(path), create=False, write=False)
        with engine.connect() as conn:
            export(conn, "jsonl", "events", Filters(limit=None), out)
        engine.dispose()
        exported = [json.loads(line) for line in out.getvalue().decode().splitlines()]
        assert any(row["actor1"] == "Kremlin press office" and row["reviewed"] for row in exported)
        with open_store(path) as store:
            html, _ = build_report(store, str(story))
        assert "Kremlin press office" in html

    check(db)
    # Re-ingest: the same articles again change nothing; then re-extract everything with the pipeline.
    engine = open_engine(str(db))
    Ingest(engine, default_pipeline(), progress=False).run([str(EXAMPLE)])
    done = reextract(engine, partial(extract, pipeline=default_pipeline()), echo=lambda _line: None)
    engine.dispose()
    assert done.orphaned == 0 and done.corrections == 3
    check(db)

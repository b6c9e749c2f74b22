"""The web app and the report in a real browser: Debian's Chromium, headless, driven by Playwright.

Skipped when no Chromium is found ($NEWSLEDGER_TEST_CHROMIUM, set by .ci/run from
scripts/chromium-for-tests.sh, or /usr/bin/chromium).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from newsledger.store.reader import open_store
from newsledger.web.app import create_app
from newsledger.web.background import serving
from newsledger.web.report import build_report
from web_store import web_store_path

sync_api = pytest.importorskip("playwright.sync_api")


def chromium_path() -> str | None:
    given = os.environ.get("NEWSLEDGER_TEST_CHROMIUM")
    if given:
        return given
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


CHROMIUM = chromium_path()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium: run scripts/chromium-for-tests.sh")


@dataclass
class Watch:
    """What a page did that it should not: console errors, script errors, dialogs, requests elsewhere."""

    base: str
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.dialogs == [], self.dialogs
        assert self.outside == [], self.outside


@pytest.fixture(scope="module")
def db() -> Path:
    return web_store_path()


@pytest.fixture(scope="module")
def base(db: Path) -> Iterator[str]:
    with serving(create_app(str(db))) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, base: str) -> Iterator[tuple[Any, Watch]]:
    context = browser.new_context()
    watch = Watch(base)
    here = urlsplit(base).netloc

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc == here:
            request_route.continue_()
        else:
            watch.outside.append(url)
            request_route.abort()

    context.route("**/*", route)
    opened = context.new_page()
    opened.on("console", lambda message: message.type == "error" and watch.errors.append(message.text))
    opened.on("pageerror", lambda error: watch.errors.append(str(error)))
    opened.on("request", lambda request: watch.requests.append(request.url))

    def dialog(shown: Any) -> None:
        watch.dialogs.append(shown.message)
        shown.dismiss()

    opened.on("dialog", dialog)
    yield opened, watch
    context.close()


def api(page: Any, base: str, path: str) -> Any:
    response = page.request.get(base + path)
    assert response.ok, path
    return response.json()


def test_every_page_loads_without_a_console_error(page: tuple[Any, Watch], base: str) -> None:
    tab, watch = page
    overview = api(tab, base, "/api/overview")
    story_id = overview["largest_stories"][0]["id"]
    event = api(tab, base, "/api/events?limit=1")[0]
    detail = api(tab, base, f"/api/events/{event['id']}")
    paths = ["/", "/events", "/quotes", "/actors", "/places", "/stories", f"/stories/{story_id}"]
    paths += [f"/events/{event['id']}", f"/articles/{detail['reports_list'][0]['article']}"]
    actor = api(tab, base, "/api/actors?limit=1")[0]["id"]
    place = api(tab, base, "/api/places?limit=1")[0]["id"]
    paths += [f"/actors/{actor}", f"/places/{place}"]
    for path in paths:
        response = tab.goto(base + path)
        assert response is not None
        assert response.status == 200, path
        assert tab.locator("main h1").count() == 1, path
    watch.clean()


def test_the_map_shows_the_events_that_have_places(page: tuple[Any, Watch], base: str) -> None:
    tab, watch = page
    story_id = api(tab, base, "/api/overview")["largest_stories"][0]["id"]
    events = api(tab, base, f"/api/timeline/{story_id}?limit=0")
    located = {e["id"] for e in events if e["lat"] is not None}
    assert located, "the test store should have located events"
    tab.goto(f"{base}/stories/{story_id}")
    circles = tab.locator("svg.worldmap circle.marker")
    shown = set()
    for index in range(circles.count()):
        box = circles.nth(index).bounding_box()
        assert box is not None and box["width"] > 0
        shown.update(int(number) for number in (circles.nth(index).get_attribute("data-events") or "").split())
    assert shown == located
    drawn = tab.evaluate("fetch('/basemap.svg').then(r => r.text()).then(t => (t.match(/<path /g) || []).length)")
    assert drawn > 100 and tab.locator("svg.worldmap image.land").count() == 1  # the basemap, from this server
    watch.clean()


def test_clicking_a_timeline_event_shows_its_sentence_at_its_offsets(page: tuple[Any, Watch], base: str) -> None:
    tab, watch = page
    story_id = api(tab, base, "/api/overview")["largest_stories"][0]["id"]
    tab.goto(f"{base}/stories/{story_id}")
    chip = tab.locator("table.timeline a.ev").first
    event_id = chip.get_attribute("data-event-id")
    chip.click()
    tab.wait_for_url(f"{base}/events/{event_id}")
    report = tab.locator("li.report").first
    article_row = report.get_attribute("data-article")
    start, end = int(report.get_attribute("data-sentence-start")), int(report.get_attribute("data-sentence-end"))
    text = api(tab, base, f"/api/articles/{article_row}")["text"]
    marks = report.locator("mark.focus")
    assert marks.count() >= 1
    assert "".join(marks.nth(i).text_content() for i in range(marks.count())) == text[start:end]
    assert int(marks.first.get_attribute("data-start")) == start
    assert int(marks.last.get_attribute("data-end")) == end
    # ... and the article reader opens at the same offsets.
    report.locator(".report-head a").first.click()
    tab.wait_for_url(f"**/articles/{article_row}?start={start}&end={end}#focus")
    focus = tab.locator("#reader .focus")
    assert "".join(focus.nth(i).text_content() for i in range(focus.count())) == text[start:end]
    watch.clean()


def test_reader_highlights_link_to_their_facts(page: tuple[Any, Watch], base: str) -> None:
    tab, watch = page
    event = api(tab, base, "/api/events?limit=1")[0]
    article_row = api(tab, base, f"/api/events/{event['id']}")["reports_list"][0]["article"]
    tab.goto(f"{base}/articles/{article_row}")
    text = api(tab, base, f"/api/articles/{article_row}")["text"]
    for layer in ("entity", "trigger"):
        mark = tab.locator(f"#reader a.m-{layer}").first
        start, end = int(mark.get_attribute("data-start")), int(mark.get_attribute("data-end"))
        assert mark.text_content() == text[start:end]
    tab.locator("#reader a.m-trigger").first.click()
    tab.wait_for_url(f"{base}/events/*")
    tab.go_back()
    tab.locator("#layers input[data-layer=entity]").uncheck()
    assert "hide-entity" in (tab.locator("#reader").get_attribute("class") or "")
    watch.clean()


def test_filters_change_the_results(page: tuple[Any, Watch], base: str) -> None:
    tab, watch = page
    tab.goto(f"{base}/events?limit=1000")
    everything = tab.locator("table.events tbody tr").count()
    types = {e["type"] for e in api(tab, base, "/api/events?limit=1000")}
    chosen = sorted(types)[0]
    tab.fill("form.filters input[name=type]", chosen)
    tab.click("form.filters button[type=submit]")
    tab.wait_for_url(f"**/events?*type={chosen}*")
    rows = tab.locator("table.events tbody tr")
    assert 0 < rows.count() < everything
    assert {rows.nth(i).locator("td").nth(1).locator("a").text_content() for i in range(rows.count())} == {chosen}
    watch.clean()
    tab.fill("form.filters input[name=since]", "someday")
    tab.click("form.filters button[type=submit]")
    assert "since wants a day" in tab.locator("p.error").text_content()
    assert tab.locator("main h1").text_content() == "Bad filter"
    assert [error for error in watch.errors if "status of 400" not in error] == []  # the 400 itself is logged


def test_hostile_article_text_stays_text(page: tuple[Any, Watch], base: str, db: Path) -> None:
    tab, watch = page
    with open_store(db) as store, store.connect() as conn:
        row, story = conn.exec_driver_sql("SELECT id, story_id FROM articles WHERE url LIKE 'javascript:%'").one()
        event = conn.exec_driver_sql("SELECT event_id FROM event_mentions WHERE article_id = ?", (row,)).scalar()
    for path in [f"/articles/{row}", f"/stories/{story}", f"/events/{event}", "/events?search=Kharkiv"]:
        tab.goto(base + path)
        body = tab.locator("main").inner_text()
        if "search" not in path:  # the list shows no headline; the others show it, or the text, as text
            assert "<script>alert(1)</script>" in body, path
            assert "<img src=x onerror=alert(1)>" in body, path
        assert tab.locator("main img").count() == 0, path
        assert tab.locator("a[href^='javascript']").count() == 0, path
        assert tab.locator("main script").count() == 0, path
    tab.goto(f"{base}/articles/{row}")
    assert tab.locator(".unsafe-url").first.text_content() == "javascript:alert(1)"
    tab.wait_for_timeout(200)  # an injected handler would have fired by now
    watch.clean()


def test_the_report_opened_from_a_file_makes_no_request(browser: Any, db: Path, tmp_path: Path) -> None:
    with open_store(db) as store, store.connect() as conn:
        story = conn.exec_driver_sql("SELECT id FROM stories ORDER BY events DESC LIMIT 1").scalar()
        hostile = conn.exec_driver_sql("SELECT story_id FROM articles WHERE url LIKE 'javascript:%'").scalar()
    for chosen in {story, hostile}:
        with open_store(db) as store:
            html, count = build_report(store, str(chosen))
        path = tmp_path / f"report-{chosen}.html"
        path.write_text(html, encoding="utf-8")
        context = browser.new_context(offline=True)
        tab = context.new_page()
        requests: list[str] = []
        problems: list[str] = []
        tab.on("request", lambda request, seen=requests: seen.append(request.url))
        tab.on("console", lambda message, seen=problems: message.type == "error" and seen.append(message.text))
        tab.on("pageerror", lambda error, seen=problems: seen.append(str(error)))
        tab.on("dialog", lambda shown, seen=problems: (seen.append("dialog: " + shown.message), shown.dismiss()))
        tab.goto(path.as_uri())
        tab.wait_for_timeout(200)
        assert requests == [path.as_uri()]
        assert problems == []
        assert tab.locator("section.report-event").count() == count
        assert tab.locator("svg.worldmap circle.marker").count() >= 1 or chosen == hostile
        assert tab.locator("svg.worldmap .land path").count() > 100  # the basemap, inline
        context.close()

"""The web app without a browser (Starlette's TestClient): the API gives the CLI's records, bad
filters are 400s, every response has the CSP, untrusted text is escaped, and the report is one
file that loads nothing."""

from __future__ import annotations

import json
import re
import sqlite3
import warnings
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLE
from newsledger.cli import main
from newsledger.pipeline import default_pipeline
from newsledger.store.database import empty_postgresql, open_engine
from newsledger.store.ingest import Ingest
from newsledger.store.reader import open_store
from newsledger.web.annotate import Mark, Span, choose_marks, runs
from newsledger.web.app import create_app
from newsledger.web.links import safe_url
from newsledger.web.report import build_report
from store_fixtures import PG_URL
from web_store import HOSTILE, web_store_path

with warnings.catch_warnings():  # Starlette 1.x asks for httpx2 for its TestClient; httpx still works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


@pytest.fixture(scope="module")
def db() -> Path:
    return web_store_path()


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(str(db)))


def cli_json(*args: str) -> list[dict]:
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def sql(db: Path, statement: str, *params: object) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(statement, params).fetchall()


def test_list_apis_give_the_cli_records(client: TestClient, db: Path) -> None:
    for api, command, params in [
        ("/api/events", "events", {"type": "ASSAULT"}),
        ("/api/events", "events", {"since": "2025-03", "limit": "5"}),
        ("/api/quotes", "quotes", {"search": "ceasefire"}),
        ("/api/entities", "entities", {"type": "PERSON"}),
        ("/api/actors", "entities", {"country": "UA"}),
        ("/api/places", "places", {}),
        ("/api/stories", "stories", {}),
    ]:
        response = client.get(api, params=params)
        assert response.status_code == 200, response.text
        args = [command, "--db", str(db)]
        for name, value in params.items():
            args += [f"--{name}", value]
        assert response.json() == cli_json(*args), api


def test_timeline_api_is_the_cli_timeline(client: TestClient, db: Path) -> None:
    story_id = sql(db, "SELECT id FROM stories ORDER BY events DESC LIMIT 1")[0][0]
    assert client.get(f"/api/timeline/{story_id}").json() == cli_json("timeline", str(story_id), "--db", str(db))


def test_filters_in_the_url_change_the_results(client: TestClient, db: Path) -> None:
    everything = client.get("/api/events", params={"limit": "1000"}).json()
    types = {row["type"] for row in everything}
    assert len(types) > 1
    some_type = sorted(types)[0]
    only = client.get("/api/events", params={"type": some_type, "limit": "1000"}).json()
    assert only and len(only) < len(everything) and {row["type"] for row in only} == {some_type}
    page = client.get("/events", params={"type": some_type, "limit": "1000"}).text
    assert len(re.findall(r'<a href="/events/\d+" data-event-id=', page)) == len(only)


@pytest.mark.parametrize(
    "query",
    [
        "since=yesterday",
        "until=2025-13-45x",
        "status=rumoured",
        "near=north",
        "near=95,10",
        "radius=far",
        "radius=-3",
        "radius=nan",
        "limit=lots",
        "limit=-1",
        "country=Atlantis",
        "search=%21%21",
    ],
)
def test_bad_filters_are_400_pages(client: TestClient, query: str) -> None:
    page = client.get("/events?" + query)
    assert page.status_code == 400
    assert "Traceback" not in page.text and 'class="error"' in page.text
    api = client.get("/api/events?" + query)
    assert api.status_code == 400 and "error" in api.json()


def test_missing_records_are_404s(client: TestClient) -> None:
    for path in ["/events/999999", "/articles/999999", "/actors/999999", "/places/999999", "/stories/999999"]:
        assert client.get(path).status_code == 404
        assert client.get("/api" + path).status_code == 404
    assert client.get("/articles/1?start=5&end=2").status_code == 400


def test_every_response_has_the_content_security_policy(client: TestClient) -> None:
    for path in ["/", "/events", "/api/events", "/static/style.css", "/events?since=bad", "/nowhere"]:
        policy = client.get(path).headers["content-security-policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy
        assert "unsafe-inline" not in policy


def test_pages_have_no_inline_script_and_no_external_address(client: TestClient, db: Path) -> None:
    ids = {table: sql(db, f"SELECT min(id) FROM {table}")[0][0] for table in ("stories", "events", "articles")}
    actor = sql(db, "SELECT min(actor1_entity_id) FROM events")[0][0]
    place = sql(db, "SELECT min(place_id) FROM events")[0][0]
    pages = ["/", "/events", "/quotes", "/actors", "/places", "/stories", f"/stories/{ids['stories']}"]
    pages += [f"/events/{ids['events']}", f"/articles/{ids['articles']}", f"/actors/{actor}", f"/places/{place}"]
    for path in pages:
        page = client.get(path)
        assert page.status_code == 200, path
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page.text, re.S)
        assert scripts == [(' src="/static/app.js" defer', "")], path
        assert not re.search(r'(src|href)="(https?:)?//', page.text.split("<main>")[0]), path
        assert " style=" not in page.text and " on" not in re.sub(r"<main>.*</main>", "", page.text, flags=re.S)


class Elements(HTMLParser):
    """Tags and attributes as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def test_untrusted_text_is_escaped_and_javascript_urls_are_not_links(client: TestClient, db: Path) -> None:
    row = sql(db, "SELECT id, story_id FROM articles WHERE url LIKE 'javascript:%'")[0]
    event_id = sql(db, "SELECT event_id FROM event_mentions WHERE article_id = ?", row[0])[0][0]
    for path in [f"/articles/{row[0]}", f"/stories/{row[1]}", f"/events/{event_id}", "/events?search=Kharkiv"]:
        page = client.get(path).text
        parser = Elements()
        parser.feed(page)
        tags = [tag for tag, _ in parser.found]
        assert tags.count("script") == 1, path  # only our own /static/app.js
        assert "img" not in tags, path
        for _, attrs in parser.found:
            assert not any((value or "").strip().lower().startswith("javascript:") for value in attrs.values()), path
            assert not any(name.startswith("on") for name in attrs), path
    reader = client.get(f"/articles/{row[0]}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in reader and "&lt;img src=x onerror=alert(1)&gt;" in reader
    assert 'class="unsafe-url"' in reader


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://www.voanews.com/a/1.html", True),
        ("http://example.org/x?y=1", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox", False),
        ("//evil.example/x", False),
        ("https:///nohost", False),
        (None, False),
    ],
)
def test_only_http_urls_become_links(url: str | None, safe: bool) -> None:
    assert (safe_url(url) is not None) is safe


def test_overlapping_marks_keep_the_higher_layer_and_every_character() -> None:
    text = "Russian forces shelled Kharkiv on Tuesday."
    marks = [
        Mark("entity", 0, 14, "/actors/1", "ORG"),
        Mark("trigger", 15, 22, "/events/1", "ASSAULT"),
        Mark("place", 23, 30, "/places/1", "PLACE"),
        Mark("entity", 23, 30, "/actors/2", "GPE"),  # the same words as the place: the place wins
        Mark("date", 34, 41, None, "DATE"),
        Mark("date", 40, 99, None, "DATE"),  # outside the text: dropped
    ]
    chosen = choose_marks(marks, len(text))
    assert [(m.layer, m.start) for m in chosen] == [("entity", 0), ("trigger", 15), ("place", 23), ("date", 34)]
    pieces = runs(text, marks, [Span("quote", 8, 30, "q1"), Span("focus", 15, 42, "focus")])
    assert "".join(run.text for run in pieces) == text
    for run in pieces:
        assert text[run.start : run.end] == run.text
        for span in run.spans:
            assert span.start <= run.start and run.end <= span.end
    assert "".join(run.text for run in pieces if any(s.layer == "focus" for s in run.spans)) == text[15:42]


def test_event_page_shows_each_sentence_at_its_offsets(client: TestClient, db: Path) -> None:
    event_id, article, start, end = sql(
        db, "SELECT event_id, article_id, sentence_start, sentence_end FROM event_mentions ORDER BY id LIMIT 1"
    )[0]
    text = sql(db, "SELECT text FROM articles WHERE id = ?", article)[0][0]
    page = client.get(f"/events/{event_id}").text
    marked = re.findall(r'<mark class="focus" data-start="(\d+)" data-end="(\d+)">(.*?)</mark>', page, re.S)
    assert marked
    joined = "".join(unescape(re.sub(r"<[^>]+>", "", piece)) for _, _, piece in marked)
    assert text[start:end] in joined
    assert int(marked[0][0]) == start
    api = client.get(f"/api/events/{event_id}").json()
    assert any(r["sentence"] == text[start:end] for r in api["reports_list"])


def test_new_articles_appear_without_a_restart(tmp_path: Path, db: Path) -> None:
    copy = tmp_path / "live.db"
    copy.write_bytes(db.read_bytes())
    app = TestClient(create_app(str(copy)))
    before = app.get("/api/overview").json()["counts"]["articles"]
    with sqlite3.connect(copy) as conn:  # what an ingest running beside the server does
        conn.execute(
            "INSERT INTO articles (article_id, content_hash, source, text, ledger, ingested_at) "
            "VALUES ('x', 'hash-x', 'x.txt', 'Some text.', x'00', '2026-01-01')"
        )
    assert app.get("/api/overview").json()["counts"]["articles"] == before + 1


def test_the_store_is_read_only(client: TestClient) -> None:
    store = client.app.state.store
    with store.connect() as conn, pytest.raises(Exception, match=r"readonly|read-only|query_only|attempt to write"):
        conn.exec_driver_sql("DELETE FROM meta")


def test_report_is_one_file_that_loads_nothing(db: Path, tmp_path: Path) -> None:
    story_id = sql(db, "SELECT id FROM stories ORDER BY events DESC LIMIT 1")[0][0]
    with open_store(db) as store:
        html, count = build_report(store, str(story_id))
    assert count > 0
    parser = Elements()
    parser.feed(html)
    for tag, attrs in parser.found:
        assert tag not in ("script", "img", "iframe", "link", "object", "embed"), tag
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            assert not value or value.startswith(("#", "http://", "https://")), value
        assert not any(name.startswith("on") for name in attrs)
    policies = [a["content"] for tag, a in parser.found if tag == "meta" and a.get("http-equiv")]
    assert policies and (policies[0] or "").startswith("default-src 'none'")
    assert "<circle" in html and "<style>" in html
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", str(story_id), "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").count('class="report-event"') == count


def test_report_of_nothing_is_one_line(db: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["report", "zzqxv", "--db", str(db), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 1 and "no story and no article matches" in result.output
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "absent.db")])
    assert result.exit_code == 1 and "no store at" in result.output


@pytest.mark.skipif(not PG_URL, reason="no NEWSLEDGER_TEST_PG")
def test_the_app_over_postgresql_gives_the_cli_records() -> None:
    empty_postgresql(PG_URL or "")
    engine = open_engine(PG_URL)
    Ingest(engine, default_pipeline(), progress=False).run([str(EXAMPLE), str(HOSTILE)])
    engine.dispose()
    app = TestClient(create_app(PG_URL))
    assert app.get("/api/events", params={"limit": "0"}).json() == cli_json(
        "events", "--db", PG_URL or "", "--limit", "0"
    )
    story = app.get("/api/stories").json()[0]["id"]
    assert app.get(f"/api/timeline/{story}").json() == cli_json("timeline", str(story), "--db", PG_URL or "")
    for path in ["/", "/events?search=Kharkiv", f"/stories/{story}", "/actors", "/places"]:
        assert app.get(path).status_code == 200, path
    assert app.get("/events?country=Atlantis").status_code == 400
    app.app.state.store.close()

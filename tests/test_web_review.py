"""Review in the web app (Starlette's TestClient): the panel's forms record corrections that every page
then shows; forged, stale and bad posts are refused; a token guards a server beyond localhost."""

from __future__ import annotations

import re
import shutil
import warnings
from pathlib import Path
from urllib.parse import urlencode

import pytest

from newsledger.web.app import create_app
from newsledger.web.review import ReviewSettings
from web_store import web_store_path

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

ORIGIN = {"origin": "http://testserver", "content-type": "application/x-www-form-urlencoded"}


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    db = tmp_path / "review.db"
    shutil.copy(web_store_path(), db)  # this module writes corrections: never into the shared store
    return TestClient(create_app(str(db), review_settings=ReviewSettings(reviewer="ana")), follow_redirects=False)


def first_event(client: TestClient, **params: str) -> dict:
    return client.get("/api/events", params={"limit": "1", **params}).json()[0]


def form_of(client: TestClient, path: str) -> dict[str, str]:
    page = client.get(path).text
    token = re.search(r'name="form_token" value="([^"]+)"', page)
    version = re.search(r'name="version" value="(\d+)"', page)
    assert token and version, "the page has a review form"
    return {"form_token": token.group(1), "version": version.group(1), "reviewer": "ana"}


def post(client: TestClient, path: str, headers: dict[str, str] | None = None, **fields: str) -> object:
    return client.post(path, content=urlencode(fields), headers=ORIGIN if headers is None else headers)


def test_an_edit_in_the_page_shows_on_the_page_and_in_the_api(client: TestClient) -> None:
    event = first_event(client)
    page = f"/events/{event['id']}"
    new_type = "PROTEST" if event["type"] != "PROTEST" else "ASSAULT"
    done = post(
        client, f"/review/event/{event['id']}", **form_of(client, page), action="edit", field="type", value=new_type
    )
    assert done.status_code == 303 and done.headers["location"] == page
    html = client.get(page).text
    assert new_type in html and "reviewed." in html and "edit type" in html
    (row,) = [r for r in client.get("/api/events", params={"limit": "0"}).json() if r["id"] == event["id"]]
    assert row["type"] == new_type and row["reviewed"] is True and row["correction_ids"]
    raw = [r for r in client.get("/api/events", params={"limit": "0", "raw": "1"}).json() if r["id"] == event["id"]]
    assert not raw or raw[0]["type"] == event["type"]


def test_a_rejected_event_leaves_the_lists_and_its_page_says_so(client: TestClient) -> None:
    event = first_event(client)
    page = f"/events/{event['id']}"
    assert post(client, f"/review/event/{event['id']}", **form_of(client, page), action="reject").status_code == 303
    assert event["id"] not in {r["id"] for r in client.get("/api/events", params={"limit": "0"}).json()}
    shown = client.get(page)
    assert shown.status_code == 200 and "rejected" in shown.text


def test_a_stale_form_is_refused_with_who_changed_it(client: TestClient) -> None:
    event = first_event(client)
    page = f"/events/{event['id']}"
    seen = form_of(client, page)
    assert post(client, f"/review/event/{event['id']}", **seen, action="confirm").status_code == 303
    stale = post(client, f"/review/event/{event['id']}", **{**seen, "reviewer": "bob"}, action="reject")
    assert stale.status_code == 409 and "changed by ana" in stale.text


@pytest.mark.parametrize(
    ("headers", "fields", "status"),
    [
        ({"content-type": "application/x-www-form-urlencoded"}, {}, 403),  # no Origin: another site's form
        ({"origin": "http://evil.example", "content-type": "application/x-www-form-urlencoded"}, {}, 403),
        ({**ORIGIN, "sec-fetch-site": "cross-site"}, {}, 403),  # a browser on another site's page
        (ORIGIN, {"form_token": "forged"}, 403),
        (ORIGIN, {"field": "status", "value": "rumoured", "action": "edit"}, 400),
        (ORIGIN, {"action": "explode"}, 400),
        (ORIGIN, {"version": "one"}, 400),
    ],
)
def test_bad_posts_are_refused_and_change_nothing(
    client: TestClient, headers: dict[str, str], fields: dict[str, str], status: int
) -> None:
    event = first_event(client)
    form = {**form_of(client, f"/events/{event['id']}"), "action": "confirm", **fields}
    assert post(client, f"/review/event/{event['id']}", headers=headers, **form).status_code == status
    assert "not reviewed yet" in client.get(f"/events/{event['id']}").text


def test_untrusted_review_text_is_escaped(client: TestClient) -> None:
    event = first_event(client)
    page = f"/events/{event['id']}"
    note = "<script>alert(1)</script>"
    form = {**form_of(client, page), "reviewer": "<img src=x onerror=alert(1)>", "note": note}
    assert post(client, f"/review/event/{event['id']}", **form, action="confirm").status_code == 303
    html = client.get(page).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    assert "<img src=x" not in html


def test_the_queue_walks_the_unreviewed_events_of_a_story(client: TestClient) -> None:
    story = client.get("/api/stories", params={"limit": "1"}).json()[0]["id"]
    first = client.get("/review/next", params={"story": str(story)})
    assert first.status_code == 303
    page = first.headers["location"]
    event_id = int(re.search(r"/events/(\d+)", page).group(1))
    form = {**form_of(client, page), "then": "next", "story": str(story)}
    done = post(client, f"/review/event/{event_id}", **form, action="confirm")
    assert done.status_code == 303 and done.headers["location"].startswith(f"/review/next?after={event_id}")
    onward = client.get(done.headers["location"])
    assert onward.status_code in (303, 404)  # the next one, or none left
    if onward.status_code == 303:
        assert f"/events/{event_id}?" not in onward.headers["location"]


def test_places_and_actors_have_the_panel_too(client: TestClient) -> None:
    place = client.get("/api/places", params={"limit": "1"}).json()[0]
    form = form_of(client, f"/places/{place['id']}")
    done = post(client, f"/review/place/{place['id']}", **form, action="edit", field="country", value="zz")
    assert done.status_code == 303
    assert client.get(f"/api/places/{place['id']}").status_code == 200
    assert any(p["country"] == "ZZ" for p in client.get("/api/places", params={"limit": "0"}).json())


def test_a_server_with_an_access_token_serves_only_those_who_have_it(tmp_path: Path) -> None:
    db = tmp_path / "review.db"
    shutil.copy(web_store_path(), db)
    app = create_app(str(db), review_settings=ReviewSettings(access_token="s3cret"))
    client = TestClient(app, follow_redirects=False)
    assert client.get("/").status_code == 401
    assert client.get("/?token=wrong").status_code == 401
    entry = client.get("/events?token=s3cret&limit=3")
    assert entry.status_code == 303 and entry.headers["location"] == "/events?limit=3"
    assert "newsledger_token" in entry.headers["set-cookie"]
    assert client.get("/events?limit=3").status_code == 200  # the cookie carries it now


def test_a_report_split_off_in_the_page_becomes_an_event_of_its_own(client: TestClient) -> None:
    events = client.get("/api/events", params={"limit": "0"}).json()
    joined = max(events, key=lambda row: row["reports"])
    assert joined["reports"] >= 2, "the web store has an event reported by two articles"
    page = f"/events/{joined['id']}"
    buttons = re.findall(r'name="split" value="(\d+)"', client.get(page).text)
    reports = client.get(f"/api/events/{joined['id']}").json()["reports_list"]
    assert len(buttons) == len(reports) - 1  # every report but the one the event is known by
    done = post(client, f"/review/event/{joined['id']}", **form_of(client, page), split=buttons[-1])
    assert done.status_code == 303 and done.headers["location"] == page
    after = client.get(f"/api/events/{joined['id']}").json()["reports_list"]
    assert [r["mention_id"] for r in after] == [r["mention_id"] for r in reports if str(r["mention_id"]) != buttons[-1]]
    (new,) = [
        row
        for row in client.get("/api/events", params={"limit": "0"}).json()
        if row["id"] not in {e["id"] for e in events}
    ]
    split_page = client.get(f"/events/{new['id']}").text
    assert f'split by a reviewer from <a href="/events/{joined["id"]}">' in split_page
    assert f'href="/events/{new["id"]}">event {new["id"]}</a>' in client.get(page).text  # "split off: event N"

"""Review in the web app: a panel on each event, place and actor page records corrections; a queue
walks a story's unreviewed events; a token guards a server that listens beyond localhost.

The pages stay read-only: corrections go through their own writer engine, one transaction each
(:func:`newsledger.review.record` then :func:`newsledger.review.rebuild`). Forms are plain HTML
posts, checked three ways: the same origin, a per-server form token, and the fact's version (an
edit made on a stale version is refused with a 409 page saying who changed it).
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import Connection, Engine, func, select
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from newsledger.review import (
    EDITABLE,
    KINDS,
    Evidence,
    ReviewError,
    StaleEdit,
    event_reports,
    evidence_of,
    history,
    rebuild,
    record,
    version_of,
)
from newsledger.store.schema import articles, entities, events, overlay, quotes

MAX_FORM_BYTES = 16 * 1024
TOKEN_COOKIE = "newsledger_token"
# The pages that carry a review panel, by page name, and the kind of fact they show.
PANELS = {"event": "event", "place": "place", "actor": "entity"}


@dataclass
class ReviewSettings:
    """How the server takes corrections: who by default, and the secrets that guard the forms."""

    reviewer: str = ""
    access_token: str | None = None  # required on every request when the server listens beyond localhost
    form_token: str = field(default_factory=lambda: secrets.token_urlsafe(24))


class TokenGate:
    """Every request must carry the access token: once as ``?token=`` (then kept in a cookie)."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app, self.token = app, token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        given = request.query_params.get("token") or request.cookies.get(TOKEN_COOKIE) or ""
        if not hmac.compare_digest(given.encode(), self.token.encode()):
            response = Response("newsledger: this server needs its access token (?token=...)", status_code=401)
            await response(scope, receive, send)
            return
        if "token" in request.query_params:  # keep it in a cookie, and drop it from the address bar
            target = request.url.remove_query_params("token")
            response = RedirectResponse(str(target.path) + (f"?{target.query}" if target.query else ""), 303)
            response.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="strict")
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def panel(conn: Connection, kind: str, row_id: int, settings: ReviewSettings) -> dict[str, Any]:
    """What a fact's review panel shows: its version, its corrections, the fields one may edit."""
    try:
        evidence = evidence_of(conn, kind, row_id)
    except ReviewError:
        return {}
    state = conn.execute(select(overlay).where(overlay.c.kind == kind, overlay.c.row_id == row_id)).first()
    split = _split_view(conn, row_id, evidence) if kind == "event" else {}
    return {
        **split,
        "kind": kind,
        "id": row_id,
        "version": version_of(conn, evidence),
        "evidence": evidence.text,
        "history": history(conn, kind, row_id),
        "fields": EDITABLE[kind],
        "rejected": bool(state and state.rejected),
        "merged_into": state.merged_into if state else None,
        "reviewed": state is not None,
        "form_token": settings.form_token,
        "reviewer": settings.reviewer,
    }


def _split_view(conn: Connection, event_id: int, evidence: Evidence) -> dict[str, Any]:
    """What the panel says of splits: whether this event has reports to split off (all but the one it
    is known by), the events split from it, and the event it was split from."""
    reports = event_reports(conn, event_id)
    known_by = next(
        (
            r.id
            for r in reports
            if (r.content_hash, r.trigger_start, r.trigger_end) == (evidence.article_key, evidence.start, evidence.end)
        ),
        None,
    )
    split_from, parts = None, []
    for row in conn.execute(select(overlay.c.row_id, overlay.c.detached).where(overlay.c.kind == "event")):
        for part in row.detached or []:
            if part["event"] == event_id:
                split_from = row.row_id
            if row.row_id == event_id:
                parts.append(part)
    return {
        "splittable": len(reports) > 1,
        "evidence_mention": known_by,
        "split_from": split_from,
        "split_parts": parts,
    }


def with_panel(
    name: str, build: Callable[[Request, Connection], dict[str, Any]], settings: ReviewSettings
) -> Callable[[Request, Connection], dict[str, Any]]:
    """The page builder, with the review panel added to what an event, place or actor page shows."""
    kind = PANELS.get(name)
    if kind is None:
        return build

    def build_with_panel(request: Request, conn: Connection) -> dict[str, Any]:
        data = build(request, conn)
        data["review"] = panel(conn, kind, int(request.path_params["id"]), settings)
        return data

    return build_with_panel


def next_unreviewed(conn: Connection, story: int | None, after: int) -> int | None:
    """The next event (by id) with no correction yet, in the story when one is given."""
    reviewed = select(overlay.c.row_id).where(overlay.c.kind == "event")
    query = select(events.c.id).where(events.c.id > after, events.c.id.not_in(reviewed)).order_by(events.c.id)
    if story is not None:
        query = query.where(events.c.story_id == story)
    return conn.execute(query.limit(1)).scalar()


def _page_of(kind: str, row_id: int) -> str:
    """Where a fact is shown after its correction: its own page (a quote's is its review page)."""
    return {"event": "/events", "place": "/places", "entity": "/actors", "quote": "/review/quote"}[kind] + f"/{row_id}"


def routes(
    writer: Callable[[], Engine],
    reader: Callable[[Callable[[Connection], Any]], Any],
    settings: ReviewSettings,
    error_page: Callable[[Request, int, str, str], Response],
    render: Callable[..., Response],
) -> list[Route]:
    """``POST /review/{kind}/{id}`` records one correction; ``GET /review/next`` opens the next unreviewed event."""

    async def correct(request: Request) -> Response:
        kind, number = request.path_params["kind"], int(request.path_params["id"])
        if kind not in KINDS:
            return error_page(request, 404, "Not found", f"no kind of fact {kind}")
        if not _same_origin(request):
            return error_page(request, 403, "Refused", "a correction must come from this server's own page")
        body = await request.body()
        if len(body) > MAX_FORM_BYTES:
            return error_page(request, 413, "Too large", "a correction is a short form")
        form = {key: values[0] for key, values in parse_qs(body.decode("utf-8", "replace")).items()}
        if not hmac.compare_digest(form.get("form_token", "").encode(), settings.form_token.encode()):
            return error_page(request, 403, "Refused", "the form is out of date: reload the page")
        action = form.get("action", "")
        if form.get("split"):  # a report's "split off" button: the report is another event
            action, form["other_id"] = "split", form["split"]
        try:
            values = _values(form)
        except ValueError as error:
            return error_page(request, 400, "Bad correction", str(error))
        try:
            with writer().begin() as conn:
                record(conn, kind, number, action, **values)
                rebuild(conn)
        except StaleEdit as error:
            return error_page(request, 409, "Changed meanwhile", str(error))
        except ReviewError as error:
            return error_page(request, 400, "Bad correction", str(error))
        if form.get("then") == "next" and kind == "event":
            return RedirectResponse(f"/review/next?after={number}" + _story_param(form), status_code=303)
        return RedirectResponse(_page_of(kind, number), status_code=303)

    def next_event(request: Request) -> Response:
        try:
            after = int(request.query_params.get("after", "0"))
            story = int(request.query_params["story"]) if request.query_params.get("story") else None
        except ValueError:
            return error_page(request, 400, "Bad filter", "after and story are numbers")
        found = reader(lambda conn: next_unreviewed(conn, story, after))
        if found is None:
            return error_page(request, 404, "Nothing left", "every event here has been reviewed")
        return RedirectResponse(f"/events/{found}" + (f"?story={story}" if story else ""), status_code=303)

    def review_page(request: Request) -> Response:
        kind, number = request.path_params["kind"], int(request.path_params["id"])
        if kind not in KINDS:
            return error_page(request, 404, "Not found", f"no kind of fact {kind}")

        def gather(conn: Connection) -> dict[str, Any]:
            found = panel(conn, kind, number, settings)
            return {"review": found, "quote": _quote(conn, number) if kind == "quote" else None}

        data = reader(gather)
        if not data["review"]:
            return error_page(request, 404, "Not found", f"no {kind} {number} in this store")
        page = None if kind == "quote" else _page_of(kind, number)
        return render(
            request, "review.html", title=f"review {kind} {number}", kind=kind, fact_id=number, page=page, **data
        )

    return [
        Route("/review/{kind}/{id:int}", correct, methods=["POST"]),
        Route("/review/{kind}/{id:int}", review_page, methods=["GET"]),
        Route("/review/next", next_event),
    ]


def _quote(conn: Connection, quote_id: int) -> dict[str, Any] | None:
    """One quote as the machine read it, for its review page."""
    query = (
        select(
            quotes.c.text,
            quotes.c.kind,
            quotes.c.day,
            func.coalesce(entities.c.name, quotes.c.speaker_name).label("speaker"),
            articles.c.outlet,
        )
        .join(articles, articles.c.id == quotes.c.article_id)
        .outerjoin(entities, entities.c.id == quotes.c.speaker_entity_id)
        .where(quotes.c.id == quote_id)
    )
    row = conn.execute(query).first()
    return dict(row._mapping) if row else None


def _values(form: dict[str, str]) -> dict[str, Any]:
    version = form.get("version")
    other = form.get("other_id")
    try:
        return {
            "reviewer": form.get("reviewer", ""),
            "field": form.get("field") or None,
            "value": form.get("value"),
            "other_id": int(other) if other else None,
            "note": form.get("note") or None,
            "version": int(version) if version not in (None, "") else None,
        }
    except ValueError:
        raise ValueError("version and the other fact's id are numbers") from None


def _story_param(form: dict[str, str]) -> str:
    story = form.get("story", "")
    return f"&story={int(story)}" if story.isdigit() else ""


def _same_origin(request: Request) -> bool:
    """The post comes from a page of this server. Browsers say so in Sec-Fetch-Site (the pages send no
    referrer, so their Origin is "null"); other clients must send an Origin (or Referer) of this host."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    source = request.headers.get("origin") or request.headers.get("referer")
    if not source or source == "null":
        return False
    return urlsplit(source).netloc == request.headers.get("host", request.url.netloc)

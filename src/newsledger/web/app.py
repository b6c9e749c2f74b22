"""The web app: ``create_app(db_url)`` returns a Starlette application over a store, opened read-only.

Every page has its JSON twin under ``/api/`` (the lists give the same records as the CLI's
``--format json``). The lists take the CLI's filters as URL parameters, so a view can be bookmarked;
a bad value is a 400 page saying why. Nothing is cached: an article ingested while the server runs
is on the next page load.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib.resources import files
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import Connection, Engine
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsledger.store import query
from newsledger.store.database import StoreError, open_engine, store_errors
from newsledger.store.reader import Store, open_store
from newsledger.web import pages, records, review
from newsledger.web.filters import LIST_FILTERS, filters_from
from newsledger.web.links import AppLinks, safe_url
from newsledger.web.review import ReviewSettings
from newsledger.web.worldmap import basemap_svg

PACKAGE = files("newsledger.web")
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; connect-src 'self'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class SecurityHeaders:
    """A Content-Security-Policy (no inline script, nothing from elsewhere) on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def templates() -> Environment:
    """The Jinja2 templates, autoescaped, shared by the app and the report."""
    env = Environment(
        loader=FileSystemLoader(str(PACKAGE / "templates")),
        autoescape=select_autoescape(["html", "svg"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    env.globals["layers"] = pages.LAYERS
    return env


def as_json(data: Any, status_code: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False, indent=1, default=str)
    return Response(body, status_code=status_code, media_type="application/json")


def create_app(
    db_url: str | None = None,
    *,
    store: Store | None = None,
    debug: bool = False,
    review_settings: ReviewSettings | None = None,
) -> Starlette:
    """The app over the store at ``db_url`` (a SQLite path or a postgresql:// URL), opened read-only;
    corrections (``review_settings``, on by default) go through a writer engine of their own.

    Raises :class:`~newsledger.store.database.StoreError` when it is not a store.
    """
    store = store or open_store(db_url)
    settings = review_settings or ReviewSettings()
    writers: list[Engine] = []

    def writer() -> Engine:
        if not writers:  # opened on the first correction: a server only read never writes
            writers.append(open_engine(store.engine.url.render_as_string(hide_password=False), create=False))
        return writers[0]

    env = templates()
    links = AppLinks()

    def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        context.setdefault("title", "newsledger")
        html = env.get_template(name).render(request=request, links=links, url=request.url, **context)
        return HTMLResponse(html, status_code=status_code)

    def with_store(run: Callable[[Connection], Any]) -> Any:
        with store_errors(), store.engine.connect() as conn:
            return run(conn)

    def page(
        name: str, build: Callable[[Request, Connection], dict[str, Any]]
    ) -> tuple[Callable[[Request], Any], Callable[[Request], Any]]:
        """A page and its JSON twin from one function that gathers the records (run in a thread: the
        store's drivers block)."""

        def html(request: Request) -> Response:
            data = with_store(lambda conn: build(request, conn))
            return render(request, f"{name}.html", **data)

        def api(request: Request) -> Response:
            data = with_store(lambda conn: build(request, conn))
            return as_json(data.get("api", data))

        return html, api

    def list_api(kind: str) -> Callable[[Request], Any]:
        def api(request: Request) -> Response:
            f = filters_from(request.query_params, LIST_FILTERS[kind])
            return as_json(with_store(lambda conn: pages.FINDERS[kind](conn, f)))

        return api

    def timeline_api(request: Request) -> Response:
        f = filters_from(request.query_params, LIST_FILTERS["timeline"])
        words = request.path_params["story_or_query"]
        return as_json(with_store(lambda conn: query.timeline(conn, words, f)))

    async def query_error(request: Request, error: Exception) -> Response:
        return error_page(request, 400, "Bad filter", str(error))

    async def store_error(request: Request, error: Exception) -> Response:
        return error_page(request, 503, "The store cannot be read", str(error))

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        return error_page(
            request, error.status_code, "Not found" if error.status_code == 404 else "Error", error.detail
        )

    async def server_error(request: Request, error: Exception) -> Response:
        return error_page(request, 500, "Internal error", f"{type(error).__name__}: {error}")

    def error_page(request: Request, status: int, title: str, message: str) -> Response:
        if request.url.path.startswith("/api/"):
            return as_json({"error": message, "status": status}, status)
        return render(request, "error.html", status_code=status, title=title, message=message, status=status)

    routes: list[Any] = [Mount("/static", StaticFiles(directory=str(PACKAGE / "static")), name="static")]
    for path, name, build in pages.PAGES:
        html, api = page(name, review.with_panel(name, build, settings))
        routes += [Route(path, html), Route("/api" + (path if path != "/" else "/overview"), api)]

    def quote_redirect(request: Request) -> Response:
        number = int(request.path_params["id"])
        found = with_store(lambda conn: records.quote_place(conn, number))
        if found is None:
            raise HTTPException(404, f"no quote {number} in this store")
        return RedirectResponse(links.article(*found) or "/", status_code=303)

    def basemap(request: Request) -> Response:
        headers = {"cache-control": "public, max-age=86400"}
        return Response(basemap_svg(), media_type="image/svg+xml", headers=headers)

    routes.append(Route("/quotes/{id:int}", quote_redirect))
    routes.append(Route("/basemap.svg", basemap))
    routes.append(Route("/api/entities", list_api("entities")))  # the CLI's name for the actors list
    routes.append(Route("/api/timeline/{story_or_query}", timeline_api))
    routes += review.routes(writer, with_store, settings, error_page, render)
    middleware = [Middleware(SecurityHeaders)]
    if settings.access_token:
        middleware.append(Middleware(review.TokenGate, token=settings.access_token))
    app = Starlette(
        debug=debug,
        routes=routes,
        middleware=middleware,
        exception_handlers={
            query.QueryError: query_error,
            StoreError: store_error,
            HTTPException: http_error,
            500: server_error,
        },
    )
    app.state.store = store
    return app

"""``newsledger serve`` (the local web app) and ``newsledger report`` (one self-contained HTML file)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

DB_HELP = "The store: a SQLite file (default ./newsledger.db, or $NEWSLEDGER_DB) or a postgresql:// URL."


def _fail(message: str) -> None:
    click.echo(f"newsledger: {message}", err=True)
    sys.exit(1)


@click.command()
@click.option("--db", envvar="NEWSLEDGER_DB", default=None, help=DB_HELP)
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on (localhost only by default)."
)
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True)
@click.option(
    "--reviewer",
    envvar="NEWSLEDGER_REVIEWER",
    default="",
    help="The name corrections are recorded under by default (each form can change it).",
)
@click.option(
    "--token",
    envvar="NEWSLEDGER_TOKEN",
    default=None,
    help="Access token every request must carry; required (one is made up if not given) beyond localhost.",
)
def serve(db: str | None, host: str, port: int, reviewer: str, token: str | None) -> None:
    """Browse the store in a web browser: stories, timelines, a map, each fact beside its sentence; review it."""
    import secrets

    import uvicorn

    from newsledger.store.database import StoreError
    from newsledger.web.app import create_app
    from newsledger.web.review import ReviewSettings

    local = host in ("127.0.0.1", "localhost", "::1")
    if not local and not token:
        token = secrets.token_urlsafe(18)
    try:
        app = create_app(db, review_settings=ReviewSettings(reviewer=reviewer, access_token=token))
    except StoreError as error:
        _fail(str(error))
    address = f"http://{host}:{port}/" + (f"?token={token}" if token else "")
    if not local:
        click.echo(f"newsledger: listening on {host}: only requests with the access token are served", err=True)
    click.echo(f"newsledger: serving on {address} (Ctrl-C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@click.command()
@click.argument("story_or_query")
@click.option("--db", envvar="NEWSLEDGER_DB", default=None, help=DB_HELP)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, writable=True, path_type=Path), required=True, help="HTML file."
)
def report(story_or_query: str, db: str | None, output: Path) -> None:
    """One self-contained HTML file for a story (id or label words) or the articles matching words:
    map, timeline, events with their source sentences, quotes and sources; no network needed to read it."""
    from newsledger.store.database import StoreError
    from newsledger.store.query import QueryError
    from newsledger.store.reader import open_store
    from newsledger.web.report import build_report

    try:
        with open_store(db) as store:
            html, count = build_report(store, story_or_query)
        output.write_text(html, encoding="utf-8")
    except (StoreError, QueryError, OSError) as error:
        _fail(str(error))
    click.echo(f"newsledger: wrote {output} ({count} events, {output.stat().st_size:,} bytes)", err=True)


def register(main: click.Group) -> None:
    main.add_command(serve)
    main.add_command(report)

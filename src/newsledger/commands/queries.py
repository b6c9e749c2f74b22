"""The store's queries: ``events``, ``quotes``, ``entities``, ``places``, ``stories``, ``timeline``.

Each prints a table on a terminal, or JSON / CSV for programs, with the same filters
(:data:`~newsledger.commands.common.FILTERS`) as ``export`` and the web app.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable
from typing import Any

import click

from newsledger.commands.common import db_option, fail, filters_from, open_read_only, with_filters
from newsledger.textview import shorten

MAX_CELL = 60

FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True
)


def cell(value: Any) -> str:
    """A value as a table cell: short, numbers rounded, nothing for none."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    return shorten(str(value), MAX_CELL)


def render(rows: list[dict[str, Any]], columns: list[str], fmt: str) -> None:
    """Rows as a table on a terminal, or JSON / CSV for programs."""
    out = sys.stdout
    if fmt == "json":
        json.dump(rows, out, ensure_ascii=False, indent=1, default=str)
        out.write("\n")
        return
    if fmt == "csv":
        from newsledger.store.export import write_csv

        write_csv(rows, out, columns)
        return
    if not rows:
        click.echo("(nothing found)", err=True)
        return
    cells = [[cell(row.get(column)) for column in columns] for row in rows]
    widths = [max(len(column), *(len(line[i]) for line in cells)) for i, column in enumerate(columns)]
    room = shutil.get_terminal_size((160, 24)).columns
    while sum(widths) + 2 * len(widths) > room and max(widths) > 12:
        widths[widths.index(max(widths))] -= 1

    def line(values: list[str]) -> str:
        return "  ".join(value[:width].ljust(width) for value, width in zip(values, widths, strict=True)).rstrip()

    click.echo(line(columns))
    click.echo(line(["-" * width for width in widths]))
    for values in cells:
        click.echo(line(values))


def query_rows(
    db: str | None, options: dict[str, Any], run: Callable[..., list[dict[str, Any]]], *args: Any
) -> list[dict[str, Any]]:
    """``run(conn, *args, filters)`` on the store opened read-only; a bad filter or store is one line."""
    from newsledger.store.database import StoreError, store_errors
    from newsledger.store.query import QueryError

    try:
        filters = filters_from(options)
        engine = open_read_only(db)
        with store_errors(), engine.connect() as conn:
            return run(conn, *args, filters)
    except (StoreError, QueryError) as error:
        fail(str(error))


@click.command()
@db_option
@with_filters(
    "actor", "country", "type", "status", "since", "until", "place", "near", "radius", "story", "search", "limit", "raw"
)
@FORMAT
def events(db: str | None, fmt: str, **options: Any) -> None:
    """Events in the store, newest first, each counted once however many articles report it."""
    from newsledger.store.query import find_events

    rows = query_rows(db, options, find_events)
    render(rows, ["id", "day", "type", "actor1", "actor2", "place", "status", "reports", "sources", "story_id"], fmt)


@click.command()
@db_option
@with_filters(
    "actor", "country", "type", "since", "until", "place", "near", "radius", "story", "search", "limit", "raw"
)
@FORMAT
def quotes(db: str | None, fmt: str, **options: Any) -> None:
    """Who said what (--type direct|indirect|partial), newest first."""
    from newsledger.store.query import find_quotes

    rows = query_rows(db, options, find_quotes)
    render(rows, ["id", "day", "speaker", "kind", "text", "outlet"], fmt)


@click.command()
@db_option
@with_filters("actor", "country", "type", "since", "until", "story", "search", "limit", "raw")
@FORMAT
def entities(db: str | None, fmt: str, **options: Any) -> None:
    """People, organisations and places named, most reported first (--type PERSON|ORG|GPE...)."""
    from newsledger.store.query import find_entities

    rows = query_rows(db, options, find_entities)
    render(rows, ["id", "name", "type", "country", "articles", "mentions", "first_day", "last_day"], fmt)


@click.command()
@db_option
@with_filters("country", "since", "until", "place", "near", "radius", "story", "search", "limit", "raw")
@FORMAT
def places(db: str | None, fmt: str, **options: Any) -> None:
    """Places mentioned, with coordinates, most reported first."""
    from newsledger.store.query import find_places

    rows = query_rows(db, options, find_places)
    render(rows, ["id", "name", "kind", "country", "lat", "lon", "articles", "events"], fmt)


@click.command()
@db_option
@with_filters("actor", "country", "since", "until", "story", "search", "limit", "raw")
@FORMAT
def stories(db: str | None, fmt: str, **options: Any) -> None:
    """Storylines: articles and events clustered as they arrived."""
    from newsledger.store.query import find_stories

    rows = query_rows(db, options, find_stories)
    render(rows, ["id", "label", "first_day", "last_day", "articles", "events"], fmt)


@click.command()
@click.argument("story_or_query")
@db_option
@with_filters("actor", "country", "type", "status", "since", "until", "limit", "raw")
@FORMAT
def timeline(story_or_query: str, db: str | None, fmt: str, **options: Any) -> None:
    """Events of a story (id or label words), or of articles matching words, in date order with sources."""
    from newsledger.store.query import timeline as find_timeline

    rows = query_rows(db, options, find_timeline, story_or_query)
    if fmt != "table":
        render(rows, [], fmt)
        return
    if not rows:
        click.echo("(nothing found)", err=True)
    for row in rows:
        who = " → ".join(filter(None, [row["actor1"], row["actor2"]]))
        where = f" in {row['place']}" if row["place"] else ""
        day = row["day"] or "????-??-??"
        click.echo(f"{day}  {row['type']:<9} {who}{where}  [{row['status']}, {row['reports']} reports]")
        for source in row["sources_list"][:5]:
            copy = " (near-duplicate)" if source["duplicate_of"] else ""
            click.echo(f"    {source['day'] or ''} {source['outlet']}{copy}: {cell(source['sentence'])}")


COMMANDS = [events, quotes, entities, places, stories, timeline]

"""The store's commands: ``ingest``, the queries (``events``, ``quotes``, ``entities``,
``places``, ``stories``, ``timeline``) and ``export``.

Store modules are imported inside the commands so that ``newsledger extract``
does not pay for SQLAlchemy.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import click

from newsledger.model import EVENT_STATUSES
from newsledger.textview import shorten

DB_HELP = "The store: a SQLite file (default ./newsledger.db, or $NEWSLEDGER_DB) or a postgresql:// URL."
MAX_CELL = 60


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"newsledger: {message}", err=True)
    sys.exit(code)


def _db_option(function: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--db", envvar="NEWSLEDGER_DB", default=None, help=DB_HELP)(function)


FILTERS: dict[str, Callable[[Callable[..., Any]], Callable[..., Any]]] = {
    "actor": click.option("--actor", help="A person, organisation or country by name or alias."),
    "country": click.option("--country", help="ISO code or name: the actors' or the place's country."),
    "type": click.option("--type", "type_", help="Event type (PLOVER), quote kind, or entity type."),
    "status": click.option(
        "--status",
        type=click.Choice(EVENT_STATUSES),
    ),
    "since": click.option("--since", help="From this day (YYYY-MM-DD)."),
    "until": click.option("--until", help="Up to this day (YYYY-MM-DD)."),
    "place": click.option("--place", help="A place name."),
    "near": click.option("--near", help="LAT,LON: within --radius of this point."),
    "radius": click.option("--radius", type=float, default=50.0, show_default=True, help="Kilometres around --near."),
    "story": click.option("--story", help="A story id or words of its label."),
    "search": click.option("--search", help="Words the article text (for quotes: the quote) must contain."),
    "limit": click.option("--limit", type=int, default=100, show_default=True, help="At most this many rows (0: all)."),
}


def with_filters(*names: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        for name in reversed(names):
            function = FILTERS[name](function)
        return function

    return decorate


def _filters(options: dict[str, Any]) -> Any:
    from newsledger.store.query import build_filters

    return build_filters(
        actor=options.get("actor"),
        country=options.get("country"),
        type=options.get("type_"),
        status=options.get("status"),
        since=options.get("since"),
        until=options.get("until"),
        place=options.get("place"),
        near=options.get("near"),
        radius=options.get("radius"),
        story=options.get("story"),
        search=options.get("search"),
        limit=options.get("limit"),
    )


def _cell(value: Any) -> str:
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
    cells = [[_cell(row.get(column)) for column in columns] for row in rows]
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


FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True
)


def _open(db: str | None) -> Any:
    from newsledger.store.database import open_engine

    return open_engine(db, create=False, write=False)


def _query(
    db: str | None, options: dict[str, Any], run: Callable[..., list[dict[str, Any]]], *args: Any
) -> list[dict[str, Any]]:
    from newsledger.store.database import StoreError, store_errors
    from newsledger.store.query import QueryError

    try:
        filters = _filters(options)
        engine = _open(db)
        with store_errors(), engine.connect() as conn:
            return run(conn, *args, filters)
    except (StoreError, QueryError) as error:
        _fail(str(error))
    return []


def register(main: click.Group) -> None:
    """Add the store's commands to the ``newsledger`` group."""

    @main.command()
    @click.argument("paths", nargs=-1, required=True)
    @_db_option
    @click.option("--model", envvar="NEWSLEDGER_MODEL", help="spaCy pipeline to use (default: the best installed).")
    @click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False))
    @click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a terminal only).")
    @click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="Processes to extract with.")
    def ingest(
        paths: tuple[str, ...],
        db: str | None,
        model: str | None,
        actor_files: tuple[str, ...],
        progress: bool | None,
        jobs: int,
    ) -> None:
        """Read, extract and store the news in PATHS; already-stored articles are skipped."""
        from newsledger.api import extract_parallel
        from newsledger.lexicon import actor_dictionary
        from newsledger.pipeline import default_pipeline
        from newsledger.stages.parse import ModelNotFound, model_name
        from newsledger.store.database import StoreError, open_engine
        from newsledger.store.ingest import Ingest

        try:
            engine = open_engine(db)
            if jobs == 1:
                run = Ingest(engine, default_pipeline(model, actor_files), progress)
            else:
                model_name(model)  # what each worker will load: fail here, with one line
                actor_dictionary([Path(name) for name in actor_files])
                parallel = partial(extract_parallel, jobs=jobs, model=model, actor_files=actor_files)
                run = Ingest(engine, None, progress, extractor=parallel)
        except (StoreError, ModelNotFound, ValueError, OSError) as error:
            _fail(str(error))
        failure: str | None = None
        try:
            run.run(list(paths))
        except StoreError as error:
            failure = str(error)
        except KeyboardInterrupt:
            failure = "interrupted: every article before this one is stored; run again to continue"
        for line in run.summary.lines():
            click.echo(f"newsledger: {line}", err=True)
        if failure:
            _fail(failure, 130 if failure.startswith("interrupted") else 1)
        if run.summary.stored + run.summary.present + run.summary.copies == 0:
            sys.exit(1)

    @main.command()
    @_db_option
    @with_filters(
        "actor", "country", "type", "status", "since", "until", "place", "near", "radius", "story", "search", "limit"
    )
    @FORMAT
    def events(db: str | None, fmt: str, **options: Any) -> None:
        """Events in the store, newest first, each counted once however many articles report it."""
        from newsledger.store.query import find_events

        rows = _query(db, options, find_events)
        render(
            rows, ["id", "day", "type", "actor1", "actor2", "place", "status", "reports", "sources", "story_id"], fmt
        )

    @main.command()
    @_db_option
    @with_filters("actor", "country", "type", "since", "until", "place", "near", "radius", "story", "search", "limit")
    @FORMAT
    def quotes(db: str | None, fmt: str, **options: Any) -> None:
        """Who said what (--type direct|indirect|partial), newest first."""
        from newsledger.store.query import find_quotes

        rows = _query(db, options, find_quotes)
        render(rows, ["id", "day", "speaker", "kind", "text", "outlet"], fmt)

    @main.command()
    @_db_option
    @with_filters("actor", "country", "type", "since", "until", "story", "search", "limit")
    @FORMAT
    def entities(db: str | None, fmt: str, **options: Any) -> None:
        """People, organisations and places named, most reported first (--type PERSON|ORG|GPE...)."""
        from newsledger.store.query import find_entities

        rows = _query(db, options, find_entities)
        render(rows, ["id", "name", "type", "country", "articles", "mentions", "first_day", "last_day"], fmt)

    @main.command()
    @_db_option
    @with_filters("country", "since", "until", "place", "near", "radius", "story", "search", "limit")
    @FORMAT
    def places(db: str | None, fmt: str, **options: Any) -> None:
        """Places mentioned, with coordinates, most reported first."""
        from newsledger.store.query import find_places

        rows = _query(db, options, find_places)
        render(rows, ["id", "name", "kind", "country", "lat", "lon", "articles", "events"], fmt)

    @main.command()
    @_db_option
    @with_filters("actor", "country", "since", "until", "story", "search", "limit")
    @FORMAT
    def stories(db: str | None, fmt: str, **options: Any) -> None:
        """Storylines: articles and events clustered as they arrived."""
        from newsledger.store.query import find_stories

        rows = _query(db, options, find_stories)
        render(rows, ["id", "label", "first_day", "last_day", "articles", "events"], fmt)

    @main.command()
    @click.argument("story_or_query")
    @_db_option
    @with_filters("actor", "country", "type", "status", "since", "until", "limit")
    @FORMAT
    def timeline(story_or_query: str, db: str | None, fmt: str, **options: Any) -> None:
        """Events of a story (id or label words), or of articles matching words, in date order with sources."""
        from newsledger.store.query import timeline as find_timeline

        rows = _query(db, options, find_timeline, story_or_query)
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
                click.echo(f"    {source['day'] or ''} {source['outlet']}{copy}: {_cell(source['sentence'])}")

    @main.command()
    @_db_option
    @click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "geojson", "plover"]), required=True)
    @click.option(
        "--table",
        type=click.Choice(["events", "quotes", "entities", "places", "stories", "articles"]),
        help="What to export (default: articles for jsonl, events otherwise).",
    )
    @click.option(
        "--output", "-o", type=click.Path(dir_okay=False, writable=True), help="File to write (default: stdout)."
    )
    @with_filters("actor", "country", "type", "status", "since", "until", "place", "near", "radius", "story", "search")
    @click.option("--limit", type=int, default=0, help="At most this many records (default: all).")
    def export(db: str | None, fmt: str, table: str | None, output: str | None, **options: Any) -> None:
        """Write the whole ledger, or a query of it, as a file."""
        from newsledger.store.database import StoreError, store_errors
        from newsledger.store.export import ExportError
        from newsledger.store.export import export as write_export
        from newsledger.store.query import QueryError

        if fmt == "parquet" and output is None and sys.stdout.isatty():
            _fail("parquet is binary: give --output FILE or redirect stdout")
        try:
            filters = _filters(options)
            engine = _open(db)
            with store_errors(), engine.connect() as conn:
                if output:
                    with open(output, "wb") as handle:
                        count = write_export(conn, fmt, table, filters, handle)
                else:
                    count = write_export(conn, fmt, table, filters, sys.stdout.buffer)
                    sys.stdout.buffer.flush()
        except BrokenPipeError:
            raise  # `| head`: not an error (see cli.run)
        except (StoreError, QueryError, ExportError, OSError) as error:
            _fail(str(error))
        click.echo(f"newsledger: exported {count} records", err=True)

"""``newsledger export``: the whole ledger, or a query of it, as a file."""

from __future__ import annotations

import sys
from typing import Any

import click

from newsledger.commands.common import db_option, fail, filters_from, open_read_only, with_filters


@click.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "geojson", "plover"]), required=True)
@click.option(
    "--table",
    type=click.Choice(["events", "quotes", "entities", "places", "stories", "articles"]),
    help="What to export (default: articles for jsonl, events otherwise).",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="File to write (default: stdout).")
@with_filters(
    "actor", "country", "type", "status", "since", "until", "place", "near", "radius", "story", "search", "raw"
)
@click.option("--limit", type=int, default=0, help="At most this many records (default: all).")
def export(db: str | None, fmt: str, table: str | None, output: str | None, **options: Any) -> None:
    """Write the whole ledger, or a query of it, as a file."""
    from newsledger.store.database import StoreError, store_errors
    from newsledger.store.export import ExportError
    from newsledger.store.export import export as write_export
    from newsledger.store.query import QueryError

    if fmt == "parquet" and output is None and sys.stdout.isatty():
        fail("parquet is binary: give --output FILE or redirect stdout")
    try:
        filters = filters_from(options)
        engine = open_read_only(db)
        with store_errors(), engine.connect() as conn:
            if output:
                with open(output, "wb") as handle:
                    count = write_export(conn, fmt, table, filters, handle)
            else:
                count = write_export(conn, fmt, table, filters, sys.stdout.buffer)
                sys.stdout.buffer.flush()
    except BrokenPipeError:
        raise  # `| head`: not an error (see newsledger.cli.run)
    except (StoreError, QueryError, ExportError, OSError) as error:
        fail(str(error))
    click.echo(f"newsledger: exported {count} records", err=True)

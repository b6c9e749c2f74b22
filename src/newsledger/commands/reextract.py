"""``newsledger reextract``: read every stored article again with this version; corrections stay."""

from __future__ import annotations

import click

from newsledger.commands.common import db_option, fail, make_extractor, pipeline_options


@click.command()
@db_option
@pipeline_options
def reextract(db: str | None, model: str | None, actor_files: tuple[str, ...], jobs: int) -> None:
    """Extract every stored article again (a newer newsledger, another model or actor list) and link
    them anew; the analysts' corrections are replayed onto the new rows. Stopped half-way, run it again."""
    from newsledger.store.database import StoreError, open_engine, store_errors
    from newsledger.store.reextract import reextract as rebuild_store

    extractor = make_extractor(model, actor_files, jobs)
    try:
        engine = open_engine(db, create=False)
        with store_errors():
            done = rebuild_store(engine, extractor, echo=lambda line: click.echo(f"newsledger: {line}", err=True))
    except (StoreError, OSError) as error:
        fail(f"{error} (run `newsledger reextract` again to finish: the articles are kept in the dump file)")
    click.echo(
        f"newsledger: re-extracted {done.articles} articles in {done.seconds:.1f} s; {done.skipped} kept without "
        f"layers; corrections: {done.corrections - done.orphaned} applied, {done.orphaned} orphaned",
        err=True,
    )

"""``newsledger ingest``: read, extract and store news; link it to what is stored."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from newsledger.commands.common import db_option, fail, make_extractor, pipeline_options

if TYPE_CHECKING:
    from sqlalchemy import Engine


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@pipeline_options
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a terminal only).")
def ingest(
    paths: tuple[str, ...],
    db: str | None,
    model: str | None,
    actor_files: tuple[str, ...],
    jobs: int,
    progress: bool | None,
) -> None:
    """Read, extract and store the news in PATHS; already-stored articles are skipped."""
    from newsledger.store.database import StoreError, open_engine
    from newsledger.store.ingest import Ingest

    extractor = make_extractor(model, actor_files, jobs)
    try:
        run = Ingest(open_engine(db), None, progress, extractor=extractor)
    except (StoreError, OSError) as error:
        fail(str(error))
    failure: str | None = None
    try:
        run.run(list(paths))
    except StoreError as error:
        failure = str(error)
    except KeyboardInterrupt:
        failure = "interrupted: every article before this one is stored; run again to continue"
    if run.summary.stored:
        failure = failure or _reapply_corrections(run.engine)
    for line in run.summary.lines():
        click.echo(f"newsledger: {line}", err=True)
    if failure:
        fail(failure, 130 if failure.startswith("interrupted") else 1)
    if run.summary.stored + run.summary.present + run.summary.copies == 0:
        sys.exit(1)


def _reapply_corrections(engine: Engine) -> str | None:
    """Replay the analysts' corrections onto what this run stored; a failure here is the run's."""
    from newsledger.review import reapply
    from newsledger.store.database import StoreError, store_errors

    try:
        with store_errors(), engine.begin() as conn:
            rebuilt = reapply(conn)
    except StoreError as error:
        return f"could not re-apply the corrections: {error}"
    if rebuilt and rebuilt.orphaned:
        click.echo(
            f"newsledger: corrections: {rebuilt.applied} applied, {rebuilt.orphaned} orphaned "
            "(see `newsledger review orphans`)",
            err=True,
        )
    return None

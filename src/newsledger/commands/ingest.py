"""``newsledger ingest``: read, extract and store news; link it to what is stored."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import click

from newsledger.commands.common import cluster_option, db_option, fail, make_extractor, pipeline_options, run_on_cluster

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from newsledger.store.ingest import Ingest


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@pipeline_options
@cluster_option
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a terminal only).")
@click.option(
    "--batch",
    type=click.IntRange(min=1),
    default=50,
    show_default=True,
    help="Articles per transaction (or what waited a second): an interrupted batch is redone whole.",
)
def ingest(
    paths: tuple[str, ...],
    db: str | None,
    model: str | None,
    actor_files: tuple[str, ...],
    jobs: int,
    address: str | None,
    progress: bool | None,
    batch: int,
) -> None:
    """Read, extract and store the news in PATHS; already-stored articles are skipped.

    PATHS extracted already (a dataset written by `extract --cluster`, or ledger JSON Lines from
    `extract --format jsonl` or `export --format jsonl`) are stored without extracting them again.
    With --cluster, the cluster extracts and this process stores and links.
    """
    from newsledger.cluster.dataset import all_extracted, read_extracted
    from newsledger.store.database import StoreError, open_engine
    from newsledger.store.ingest import Ingest

    names = list(paths)
    staging: Path | None = None
    if address:
        staging = Path(tempfile.mkdtemp(prefix="newsledger-cluster-"))
        run_on_cluster(names, address, staging, model, actor_files)
        names = [str(staging)]
    try:
        try:
            engine = open_engine(db)
        except (StoreError, OSError) as error:
            fail(str(error))
        if all_extracted(names):
            run = Ingest(engine, None, progress, extractor=iter, reader=read_extracted, batch_size=batch)
        else:
            run = Ingest(engine, None, progress, extractor=make_extractor(model, actor_files, jobs), batch_size=batch)
        _store(run, names)
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)


def _store(run: Ingest, paths: list[str]) -> None:
    """Run the ingest, report it, replay the corrections; exit non-zero when nothing was stored."""
    from newsledger.store.database import StoreError

    failure: str | None = None
    try:
        run.run(paths)
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

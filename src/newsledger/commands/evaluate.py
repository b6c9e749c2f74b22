"""``newsledger eval``: score every extractor against the gold data (docs/quality.md)."""

from __future__ import annotations

from pathlib import Path

import click

DEFAULT_DATA = Path("..") / "shared" / "data"


@click.command(name="eval")
@click.option(
    "--data",
    type=click.Path(path_type=Path),
    default=DEFAULT_DATA,
    show_default=True,
    help="Folder of gold data sets (shared/data).",
)
@click.option(
    "--only", multiple=True, help="Run only these scorers (by name); their sections of --output are replaced."
)
@click.option("--limit", type=int, default=None, help="Score only the first N items of each set (prints only).")
@click.option("--output", type=click.Path(path_type=Path), default=Path("docs/quality.md"), show_default=True)
@click.option(
    "--gold",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Score against your own reviews instead (a file from `newsledger review export`); prints only.",
)
@click.option("--complete-only", is_flag=True, help="With --gold: only the articles whose every event was reviewed.")
def evaluate(
    data: Path, only: tuple[str, ...], limit: int | None, output: Path, gold: Path | None, complete_only: bool
) -> None:
    """Score every extractor against the gold data and regenerate docs/quality.md."""
    from newsledger.evaluation import run_all

    if gold is not None:
        from newsledger.commands.common import fail
        from newsledger.evaluation.reviewed import GoldFileError, score_file

        try:
            click.echo(score_file(gold, complete_only).markdown())
        except GoldFileError as error:
            fail(str(error))
        return

    run_all(data, output, only=set(only), limit=limit, echo=click.echo)

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
def evaluate(data: Path, only: tuple[str, ...], limit: int | None, output: Path) -> None:
    """Score every extractor against the gold data and regenerate docs/quality.md."""
    from newsledger.evaluation import run_all

    run_all(data, output, only=set(only), limit=limit, echo=click.echo)

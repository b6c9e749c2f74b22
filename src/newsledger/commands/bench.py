"""``newsledger bench``: the benchmarks (docs/performance.md)."""

from __future__ import annotations

from pathlib import Path

import click

from newsledger.commands.evaluate import DEFAULT_DATA


@click.command()
@click.option("--data", type=click.Path(path_type=Path), default=DEFAULT_DATA, show_default=True)
@click.option("--only", multiple=True, help="Run only these benchmarks (by name); their sections are replaced.")
@click.option("--output", type=click.Path(path_type=Path), default=Path("docs/performance.md"), show_default=True)
def bench(data: Path, only: tuple[str, ...], output: Path) -> None:
    """Run every benchmark and regenerate docs/performance.md."""
    from newsledger.benchmarks import run_all

    run_all(data, output, only=set(only), echo=click.echo)

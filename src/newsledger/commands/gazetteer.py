"""``newsledger gazetteer``: build the offline place index."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.option(
    "--path",
    type=click.Path(path_type=Path),
    default=None,
    help="Where to write the index (default: the cache folder, $NEWSLEDGER_CACHE or ~/.cache/newsledger).",
)
def gazetteer(path: Path | None) -> None:
    """Build the offline gazetteer index from the pinned GeoNames packages (done on first use otherwise)."""
    from newsledger.gazetteer.build import build, default_path

    target = path or default_path()
    counts = build(target)
    click.echo(f"gazetteer: wrote {target}: {counts}")

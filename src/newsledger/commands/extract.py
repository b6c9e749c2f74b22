"""``newsledger extract``: print the ledger of news files, without a store."""

from __future__ import annotations

import json
import sys
from importlib.resources import files
from pathlib import Path

import click

from newsledger.commands.common import cluster_option, fail, make_extractor, pipeline_options, run_on_cluster
from newsledger.geojson import article_features
from newsledger.model import CONTRACT_VERSION
from newsledger.readers import Skipped, read_inputs, skip_summary
from newsledger.textview import TextView, make_console

EXAMPLE = files("newsledger") / "examples" / "ceasefire-talks.txt"


@click.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "jsonl", "geojson"]),
    default=None,
    help="text: the ledger to read (tables; the default on a terminal); json: one ledger object (the default "
    "when stdout is a pipe or a file); jsonl: one article per line, streamed; "
    "geojson: a FeatureCollection of the places and of the events that have a place.",
)
@pipeline_options
@cluster_option
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="With --cluster: the folder of the Parquet dataset to write (the full ledgers, and flat tables).",
)
def extract(
    paths: tuple[str, ...],
    fmt: str | None,
    model: str | None,
    actor_files: tuple[str, ...],
    jobs: int,
    address: str | None,
    output: Path | None,
) -> None:
    """Print the ledger of the news in PATHS (files, folders, globs, or - for stdin).

    With no PATHS, reads the bundled example page. With --cluster, writes a Parquet dataset to --output.
    """
    names = list(paths) or [str(EXAMPLE)]
    if address or output:
        if not (address and output):
            fail("--cluster and --output go together: a cluster run writes a dataset, not standard output")
        run_on_cluster(names, address, output, model, actor_files)
        return
    results = make_extractor(model, actor_files, jobs)(read_inputs(names))
    out = sys.stdout
    if fmt is None:
        # A person at a terminal reads tables; a script reading a pipe keeps getting the contract's JSON.
        fmt = "text" if out.isatty() else "json"
    view = TextView(make_console(out)) if fmt == "text" else None
    read = 0
    bad: list[Skipped] = []
    features = 0
    if fmt == "json":
        out.write(f'{{"newsledger": "{CONTRACT_VERSION}", "articles": [')
    elif fmt == "geojson":
        out.write('{"type": "FeatureCollection", "features": [')
    for item in results:
        if isinstance(item, Skipped):
            bad.append(item)
            click.echo(f"newsledger: skipped {item}", err=True)
            continue
        if view is not None:
            view.article(item)
        elif fmt == "geojson":
            for feature in article_features(item):
                out.write(("\n" if features == 0 else ",\n") + json.dumps(feature, ensure_ascii=False))
                features += 1
        else:
            line = json.dumps(item.ledger_dict(), ensure_ascii=False)
            out.write((("\n" if read == 0 else ",\n") + line) if fmt == "json" else line + "\n")
        read += 1
    if fmt in ("json", "geojson"):
        out.write("\n]}\n")
    if view is not None:
        view.summary(len(bad))
    out.flush()
    if bad:
        click.echo(f"newsledger: {read} articles read, {len(bad)} inputs skipped: {skip_summary(bad)}", err=True)
    if read == 0:
        sys.exit(1)

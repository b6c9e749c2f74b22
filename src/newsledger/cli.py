"""The ``newsledger`` command: ``extract``, ``eval``, ``bench``, ``gazetteer``, and the store's commands
(``ingest``, ``events``, ``quotes``, ``entities``, ``places``, ``stories``, ``timeline``, ``export``)."""

from __future__ import annotations

import json
import sys
from importlib.resources import files
from pathlib import Path

import click

from newsledger.api import extract as run_pipeline
from newsledger.dictionaries.command import dictionaries
from newsledger.geojson import article_features
from newsledger.model import CONTRACT_VERSION
from newsledger.pipeline import default_pipeline
from newsledger.readers import Skipped, read_inputs
from newsledger.store.commands import register as register_store_commands
from newsledger.textview import TextView, make_console

EXAMPLE = files("newsledger") / "examples" / "ceasefire-talks.txt"
DEFAULT_DATA = Path("..") / "shared" / "data"


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"newsledger: {message}", err=True)
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsledger")
def main() -> None:
    """Read news about conflict and diplomacy and write a sourced ledger of it."""


@main.command()
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
@click.option("--model", envvar="NEWSLEDGER_MODEL", help="spaCy pipeline to use (default: the best installed).")
@click.option(
    "--actors",
    "actor_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Your actor list (CSV, TSV or YAML: name, aliases, type, country, sector, role); overrides the defaults.",
)
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="Processes to extract with.")
def extract(
    paths: tuple[str, ...], fmt: str | None, model: str | None, actor_files: tuple[str, ...], jobs: int
) -> None:
    """Print the ledger of the news in PATHS (files, folders, globs, or - for stdin).

    With no PATHS, reads the bundled example page.
    """
    from newsledger.api import extract_parallel
    from newsledger.lexicon import actor_dictionary
    from newsledger.stages.parse import ModelNotFound, model_name

    names = list(paths) or [str(EXAMPLE)]
    try:
        if jobs == 1:
            pipeline = default_pipeline(model, actor_files)
            results = run_pipeline(read_inputs(names), pipeline)
        else:
            # Check here what each worker will load, so a bad option fails with one line.
            model_name(model)
            actor_dictionary([Path(name) for name in actor_files])
            results = extract_parallel(read_inputs(names), jobs, model, actor_files)
    except (ModelNotFound, ValueError, OSError) as error:
        _fail(str(error))
    out = sys.stdout
    if fmt is None:
        # A person at a terminal reads tables; a script reading a pipe keeps getting the contract's JSON.
        fmt = "text" if out.isatty() else "json"
    view = TextView(make_console(out)) if fmt == "text" else None
    read = skipped = 0
    bad: list[Skipped] = []
    features = 0
    if fmt == "json":
        out.write(f'{{"newsledger": "{CONTRACT_VERSION}", "articles": [')
    elif fmt == "geojson":
        out.write('{"type": "FeatureCollection", "features": [')
    for item in results:
        if isinstance(item, Skipped):
            skipped += 1
            bad.append(item)
            click.echo(f"newsledger: skipped {item}", err=True)
            continue
        if view is not None:
            view.article(item)
            read += 1
            continue
        if fmt == "geojson":
            for feature in article_features(item):
                out.write(("\n" if features == 0 else ",\n") + json.dumps(feature, ensure_ascii=False))
                features += 1
            read += 1
            continue
        line = json.dumps(item.ledger_dict(), ensure_ascii=False)
        if fmt == "json":
            out.write(("\n" if read == 0 else ",\n") + line)
        else:
            out.write(line + "\n")
        read += 1
    if fmt in ("json", "geojson"):
        out.write("\n]}\n")
    if view is not None:
        view.summary(skipped)
    out.flush()
    if skipped:
        shown = ", ".join(item.name for item in bad[:10]) + (", ..." if len(bad) > 10 else "")
        click.echo(f"newsledger: {read} articles read, {skipped} inputs skipped: {shown}", err=True)
    if read == 0:
        sys.exit(1)


@main.command(name="eval")
@click.option(
    "--data",
    type=click.Path(path_type=Path),
    default=DEFAULT_DATA,
    show_default=True,
    help="Folder of gold data sets (shared/data).",
)
@click.option("--only", multiple=True, help="Run only these scorers (by name).")
@click.option("--limit", type=int, default=None, help="Score only the first N items of each set.")
@click.option("--output", type=click.Path(path_type=Path), default=Path("docs/quality.md"), show_default=True)
def evaluate(data: Path, only: tuple[str, ...], limit: int | None, output: Path) -> None:
    """Score every extractor against the gold data and regenerate docs/quality.md."""
    from newsledger.evaluation import run_all

    run_all(data, output, only=set(only), limit=limit, echo=click.echo)


@main.command()
@click.option("--data", type=click.Path(path_type=Path), default=DEFAULT_DATA, show_default=True)
@click.option("--only", multiple=True, help="Run only these benchmarks (by name).")
@click.option("--output", type=click.Path(path_type=Path), default=Path("docs/performance.md"), show_default=True)
def bench(data: Path, only: tuple[str, ...], output: Path) -> None:
    """Run every benchmark and regenerate docs/performance.md."""
    from newsledger.benchmarks import run_all

    run_all(data, output, only=set(only), echo=click.echo)


@main.command()
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


register_store_commands(main)
main.add_command(dictionaries)


def run() -> None:
    """Entry point: one line on stderr for any failure, never a traceback."""
    try:
        main(standalone_mode=True)
    except BrokenPipeError:
        sys.stderr.close()  # output piped to `head`: not an error
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except Exception as error:
        _fail(f"internal error: {type(error).__name__}: {error}", 2)

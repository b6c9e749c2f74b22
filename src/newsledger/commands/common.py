"""What the commands share: the one-line failure, the store option, the query filters, and the
options and set-up of the extraction pipeline (``extract`` and ``ingest`` build it the same way).

Heavy modules (spaCy, SQLAlchemy) are imported inside the functions that need them, so that
``newsledger --help`` and the store's queries do not pay for the others.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, NoReturn

import click

from newsledger.model import EVENT_STATUSES

DB_HELP = "The store: a SQLite file (default ./newsledger.db, or $NEWSLEDGER_DB) or a postgresql:// URL."

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def fail(message: str, code: int = 1) -> NoReturn:
    """Stop with one line on stderr: what a user reads instead of a traceback."""
    click.echo(f"newsledger: {message}", err=True)
    sys.exit(code)


def db_option(function: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--db", envvar="NEWSLEDGER_DB", default=None, help=DB_HELP)(function)


def pipeline_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """``--model``, ``--actors`` and ``--jobs``: how the articles are read."""
    options: list[Decorator] = [
        click.option("--model", envvar="NEWSLEDGER_MODEL", help="spaCy pipeline to use (default: the best installed)."),
        click.option(
            "--actors",
            "actor_files",
            multiple=True,
            type=click.Path(exists=True, dir_okay=False),
            help="Your actor list (CSV, TSV or YAML: name, aliases, type, country, sector, role); "
            "overrides the defaults.",
        ),
        click.option(
            "--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="Processes to extract with."
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def cluster_option(function: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--cluster",
        "address",
        default=None,
        help="Extract on Dask: local:N (N worker processes here) or a scheduler address (tcp://host:8786).",
    )(function)


def run_on_cluster(
    paths: list[str], address: str, output: Path, model: str | None, actor_files: tuple[str, ...]
) -> Any:
    """Extract on the cluster into the dataset at ``output``, with progress on stderr; a failure is one line."""
    from newsledger.cluster.run import ClusterError, run

    try:
        done = run(
            paths, address, output, model, actor_files, echo=lambda line: click.echo(f"newsledger: {line}", err=True)
        )
    except (ClusterError, OSError) as error:
        fail(str(error))
    click.echo(
        f"newsledger: {done.counts['articles']:,} articles, {done.counts['skipped']:,} skipped, "
        f"in {done.seconds:.1f} s on {done.workers} workers ({done.rate:,.1f} articles/s; "
        f"start-up {done.start_up_seconds:.1f} s): {output}",
        err=True,
    )
    return done


Extractor = Callable[[Iterable[Any]], Iterator[Any]]


def make_extractor(model: str | None, actor_files: tuple[str, ...], jobs: int) -> Extractor:
    """The function that turns read articles into extracted ones (or skips), on ``jobs`` processes.

    A bad ``--model`` or ``--actors`` fails here, with one line, before any input is read.
    """
    from newsledger.api import extract, extract_parallel
    from newsledger.lexicon import actor_dictionary
    from newsledger.pipeline import default_pipeline
    from newsledger.stages.parse import ModelNotFound, model_name

    try:
        if jobs == 1:
            return partial(extract, pipeline=default_pipeline(model, actor_files))
        model_name(model)  # what each worker will load
        actor_dictionary([Path(name) for name in actor_files])
        return partial(extract_parallel, jobs=jobs, model=model, actor_files=actor_files)
    except (ModelNotFound, ValueError, OSError) as error:
        fail(str(error))


FILTERS: dict[str, Decorator] = {
    "actor": click.option("--actor", help="A person, organisation or country by name or alias."),
    "country": click.option("--country", help="ISO code or name: the actors' or the place's country."),
    "type": click.option("--type", "type_", help="Event type (PLOVER), quote kind, or entity type."),
    "status": click.option("--status", type=click.Choice(EVENT_STATUSES)),
    "since": click.option("--since", help="From this day (YYYY-MM-DD)."),
    "until": click.option("--until", help="Up to this day (YYYY-MM-DD)."),
    "place": click.option("--place", help="A place name."),
    "near": click.option("--near", help="LAT,LON: within --radius of this point."),
    "radius": click.option("--radius", type=float, default=50.0, show_default=True, help="Kilometres around --near."),
    "story": click.option("--story", help="A story id or words of its label."),
    "search": click.option("--search", help="Words the article text (for quotes: the quote) must contain."),
    "limit": click.option("--limit", type=int, default=100, show_default=True, help="At most this many rows (0: all)."),
    "raw": click.option(
        "--raw", is_flag=True, help="The machine's output, without the analysts' corrections (newsledger review)."
    ),
}


def with_filters(*names: str) -> Decorator:
    """The named query filters as options, the same everywhere (and in the web app's URLs)."""

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        for name in reversed(names):
            function = FILTERS[name](function)
        return function

    return decorate


def filters_from(options: dict[str, Any]) -> Any:
    """The options given as checked :class:`~newsledger.store.query.Filters` (a bad value raises QueryError)."""
    from newsledger.store.query import build_filters

    return build_filters(
        actor=options.get("actor"),
        country=options.get("country"),
        type=options.get("type_"),
        status=options.get("status"),
        since=options.get("since"),
        until=options.get("until"),
        place=options.get("place"),
        near=options.get("near"),
        radius=options.get("radius"),
        story=options.get("story"),
        search=options.get("search"),
        limit=options.get("limit"),
        raw=options.get("raw", False),
    )


def open_read_only(db: str | None) -> Any:
    """The store's engine for reading: queries and exports never write."""
    from newsledger.store.database import open_engine

    return open_engine(db, create=False, write=False)

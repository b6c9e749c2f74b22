"""``newsledger review``: correct the ledger, see what was corrected, and measure the machine by it.

``confirm``, ``reject``, ``edit``, ``merge`` and ``split`` record one correction each (the web app records
the same ones); ``history`` and ``orphans`` show them; ``stats`` prints precision over the
reviewed facts; ``export`` writes them as gold for ``newsledger eval --gold``.
"""

from __future__ import annotations

import getpass
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from newsledger.commands.common import db_option, fail, open_read_only

KIND = click.argument("kind", type=click.Choice(["event", "quote", "place", "entity"]))
FACT_ID = click.argument("fact_id", type=int)


def _default_reviewer() -> str:
    try:
        return os.environ.get("NEWSLEDGER_REVIEWER") or getpass.getuser()
    except Exception:  # no user name on this system (a container): the reviewer must say who they are
        return ""


def _correction_options(function: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(
        [
            db_option,
            click.option(
                "--reviewer", default=_default_reviewer, help="Who makes it (default: $NEWSLEDGER_REVIEWER or $USER)."
            ),
            click.option("--note", help="Why, for whoever reads the history."),
            click.option(
                "--version",
                "seen_version",
                type=int,
                default=None,
                help="The fact's version you looked at (`review history`): refused if someone changed it since.",
            ),
        ]
    ):
        function = option(function)
    return function


def _record(db: str | None, kind: str, fact_id: int, action: str, **values: Any) -> None:
    from newsledger.review import ReviewError, rebuild, record
    from newsledger.store.database import StoreError, open_engine, store_errors

    try:
        engine = open_engine(db, create=False)
        with store_errors(), engine.begin() as conn:
            correction = record(conn, kind, fact_id, action, **values)
            rebuild(conn)
    except (ReviewError, StoreError) as error:
        fail(str(error))
    click.echo(f"newsledger: correction {correction}: {action} {kind} {fact_id}", err=True)


@click.group()
def review() -> None:
    """Correct the ledger: corrections are kept apart from the machine's output and survive re-extraction."""


@review.command()
@KIND
@FACT_ID
@_correction_options
def confirm(kind: str, fact_id: int, db: str | None, reviewer: str, note: str | None, seen_version: int | None) -> None:
    """Mark a fact right as it stands."""
    _record(db, kind, fact_id, "confirm", reviewer=reviewer, note=note, version=seen_version)


@review.command()
@KIND
@FACT_ID
@_correction_options
def reject(kind: str, fact_id: int, db: str | None, reviewer: str, note: str | None, seen_version: int | None) -> None:
    """Mark a fact wrong: not an event, not a quote, not this place."""
    _record(db, kind, fact_id, "reject", reviewer=reviewer, note=note, version=seen_version)


@review.command()
@KIND
@FACT_ID
@click.argument("field")
@click.argument("value")
@_correction_options
def edit(
    kind: str,
    fact_id: int,
    field: str,
    value: str,
    db: str | None,
    reviewer: str,
    note: str | None,
    seen_version: int | None,
) -> None:
    """Set one FIELD of a fact to VALUE ("" for none): an event's type, mode, actor1, actor1_country, actor2,
    actor2_country, place, day, status; a quote's kind or speaker; a place's name, country, lat, lon; an
    entity's name, type, country."""
    _record(db, kind, fact_id, "edit", reviewer=reviewer, note=note, version=seen_version, field=field, value=value)


@review.command()
@click.argument("kind", type=click.Choice(["event", "entity"]))
@FACT_ID
@click.argument("other_id", type=int)
@_correction_options
def merge(
    kind: str, fact_id: int, other_id: int, db: str | None, reviewer: str, note: str | None, seen_version: int | None
) -> None:
    """Record that FACT_ID is the same event (or entity) as OTHER_ID: it is shown as part of OTHER_ID."""
    _record(db, kind, fact_id, "merge", reviewer=reviewer, note=note, version=seen_version, other_id=other_id)


@review.command()
@click.argument("event_id", type=int)
@click.argument("report_id", type=int)
@_correction_options
def split(
    event_id: int, report_id: int, db: str | None, reviewer: str, note: str | None, seen_version: int | None
) -> None:
    """Record that report REPORT_ID of EVENT_ID is another event: it becomes an event of its own. Report ids
    are an event's `report_ids` in `export --table events` and the `mention_id`s of the web app's /api/events/ID."""
    _record(db, "event", event_id, "split", reviewer=reviewer, note=note, version=seen_version, other_id=report_id)


def _rows(db: str | None, read: Callable[..., Any], *args: Any) -> Any:
    from newsledger.review import ReviewError
    from newsledger.store.database import StoreError, store_errors

    try:
        engine = open_read_only(db)
        with store_errors(), engine.connect() as conn:
            return read(conn, *args)
    except (ReviewError, StoreError) as error:
        fail(str(error))


def _show(rows: list[dict[str, Any]]) -> None:
    from newsledger.commands.queries import render

    render(rows, ["id", "created_at", "reviewer", "action", "field", "value", "kind", "evidence", "note"], "table")


@review.command()
@KIND
@FACT_ID
@db_option
def history(kind: str, fact_id: int, db: str | None) -> None:
    """The corrections of one fact, oldest first, and its version (for --version)."""
    from newsledger.review import evidence_of, version_of
    from newsledger.review import history as corrections_of

    def read(conn: Any) -> tuple[list[dict[str, Any]], int]:
        return corrections_of(conn, kind, fact_id), version_of(conn, evidence_of(conn, kind, fact_id))

    rows, version = _rows(db, read)
    _show(rows)
    click.echo(f"{kind} {fact_id}: version {version}", err=True)


@review.command()
@db_option
def orphans(db: str | None) -> None:
    """Corrections whose evidence matches nothing in the store now (kept: they apply again if it returns)."""
    from newsledger.review import orphans as orphaned

    rows = _rows(db, orphaned)
    _show(rows)


@review.command()
@db_option
def stats(db: str | None) -> None:
    """Precision of the machine over the reviewed facts: per kind, per field, per event type."""
    from newsledger.commands.queries import render
    from newsledger.review.gold import stats as review_stats
    from newsledger.review.gold import tally_lines

    found = _rows(db, review_stats)
    if not found:
        click.echo("(nothing reviewed yet)", err=True)
        return
    columns = ["kind", "field", "right", "wrong", "precision"]
    render([dict(zip(columns, row, strict=True)) for row in tally_lines(found)], columns, "table")


@review.command(name="export")
@db_option
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True)
def export_gold(db: str | None, output: Path) -> None:
    """Write the reviewed facts as gold (the voa-gold format, texts included) for `newsledger eval --gold`."""
    from newsledger.review.gold import gold_articles

    gold = _rows(db, gold_articles)
    try:
        output.write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError as error:
        fail(f"cannot write {output}: {error}")
    events = sum(len(article["events"]) for article in gold["articles"])
    click.echo(f"newsledger: wrote {output}: {len(gold['articles'])} articles, {events} events", err=True)

"""Small SQL helpers that differ between SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from sqlalchemy import Connection, Table, insert, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

MAX_PARAMETERS = 900  # below SQLite's oldest limit of 999 bound parameters per statement


def dialect_insert(conn: Connection, table: Table) -> Any:
    """The dialect's INSERT, which knows ``ON CONFLICT``."""
    return (postgresql_insert if conn.dialect.name == "postgresql" else sqlite_insert)(table)


def insert_ignoring_duplicates(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows, skipping those a unique constraint already holds."""
    if rows:
        conn.execute(dialect_insert(conn, table).on_conflict_do_nothing(), list(rows))


def chunks(values: Iterable[Any], size: int = MAX_PARAMETERS) -> Iterator[list[Any]]:
    """Values in lists short enough for one ``IN (...)``."""
    iterator = iter(values)
    while chunk := list(islice(iterator, size)):
        yield chunk


def insert_with_ids(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert rows in one statement and return their ids, in order.

    Writers are serialised (see database.py), so the table's last ``len(rows)`` ids are these rows'.
    It saves a round trip per row: SQLite's RETURNING cannot keep the rows' order in one batch.
    """
    if not rows:
        return []
    conn.execute(insert(table), list(rows))
    newest = select(table.c.id).order_by(table.c.id.desc()).limit(len(rows))
    return list(reversed(conn.execute(newest).scalars().all()))

"""Rows that linking never reads back, gathered and written in bulk.

An article's entity and place mentions, quotes, dates and amounts (and, in SQLite, its full-text
rows) belong to that article alone: no later article's linking reads them. So a batch gathers
them and writes each table once, at the end of its transaction: ``COPY`` on PostgreSQL, one
driver-level ``executemany`` on SQLite. Nothing is compiled per row, and PostgreSQL gets one
round trip per table instead of one per row. An article's rows join the batch only once the
article was stored (its savepoint released), so a skipped article leaves nothing behind, and a
batch that is rolled back takes its rows with it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table, exc

from newsledger.store.schema import amounts, articles, dates, mentions, place_mentions, quotes
from newsledger.store.sql import chunks

# The tables gathered, in the order they are written.
TABLES: tuple[Table, ...] = (mentions, place_mentions, quotes, dates, amounts)


def _columns(table: Table) -> list[str]:
    return [column.name for column in table.columns if column.name != "id"]


class BulkRows:
    """One batch's (or one article's) rows for :data:`TABLES`, as tuples in column order."""

    def __init__(self) -> None:
        self.rows: dict[str, list[tuple[Any, ...]]] = {table.name: [] for table in TABLES}
        self.searchable: list[int] = []  # article ids whose text SQLite's full-text index still lacks

    def add(self, table: Table, rows: list[dict[str, Any]]) -> None:
        names = _columns(table)
        self.rows[table.name].extend(tuple(row.get(name) for name in names) for row in rows)

    def extend(self, other: BulkRows) -> None:
        for name, rows in other.rows.items():
            self.rows[name].extend(rows)
        self.searchable.extend(other.searchable)

    def __len__(self) -> int:
        return sum(len(rows) for rows in self.rows.values()) + len(self.searchable)

    def write(self, conn: Connection) -> None:
        """Write everything gathered, inside the caller's transaction, and forget it."""
        if conn.dialect.name == "postgresql":
            self._copy(conn)
        else:
            self._insert_sqlite(conn)
        self.rows = {table.name: [] for table in TABLES}
        self.searchable = []

    def _copy(self, conn: Connection) -> None:
        import psycopg  # only a PostgreSQL store comes here

        driver = conn.connection.driver_connection
        assert isinstance(driver, psycopg.Connection)
        for table in TABLES:
            rows = self.rows[table.name]
            if not rows:
                continue
            names = ", ".join(f'"{name}"' for name in _columns(table))  # our own column names
            statement = f'COPY "{table.name}" ({names}) FROM STDIN'
            try:
                with driver.cursor() as cursor, cursor.copy(statement) as copy:
                    for row in rows:
                        copy.write_row(row)
            except psycopg.Error as error:  # as SQLAlchemy's own errors, so callers tell data from store faults
                raise exc.DBAPIError.instance(statement, None, error, psycopg.Error) from None

    def _insert_sqlite(self, conn: Connection) -> None:
        first_quote = None
        for table in TABLES:
            rows = self.rows[table.name]
            if not rows:
                continue
            names = _columns(table)
            if table is quotes:
                first_quote = (conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM quotes").scalar() or 0) + 1
            columns = ", ".join(f'"{name}"' for name in names)  # our own column names
            marks = ", ".join("?" for _ in names)
            conn.exec_driver_sql(f'INSERT INTO "{table.name}" ({columns}) VALUES ({marks})', rows)
        # Writers are serialised (see database.py), so the quotes from first_quote on are this batch's.
        if first_quote is not None:
            conn.exec_driver_sql(
                "INSERT INTO quotes_fts(rowid, text, speaker_name) "
                "SELECT id, text, coalesce(speaker_name, '') FROM quotes WHERE id >= ?",
                (first_quote,),
            )
        for chunk in chunks(self.searchable):
            marks = ", ".join("?" for _ in chunk)
            conn.exec_driver_sql(
                "INSERT INTO articles_fts(rowid, headline, text) "
                f"SELECT id, coalesce(headline, ''), text FROM {articles.name} WHERE id IN ({marks})",
                tuple(chunk),
            )

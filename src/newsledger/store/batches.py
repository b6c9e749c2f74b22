"""Writing articles in batches: one transaction per batch, a savepoint per article, bulk rows last.

A commit is the dearest thing an ingest does per article (an fsync in SQLite's WAL, a round trip
and a WAL flush in PostgreSQL), so articles are buffered and written together: up to
``BATCH_ARTICLES``, or whatever has waited ``BATCH_SECONDS``. Each article is written under its
own savepoint, so one article that cannot be stored is skipped and the rest of its batch is kept.
A run killed mid-batch commits nothing of that batch: resuming redoes it whole (the content-hash
check finds what is stored), never half an article. The writer lock (SQLite's ``BEGIN IMMEDIATE``,
PostgreSQL's advisory lock) is held only while a batch is written, not while the next one is
extracted. The rows no linking reads back (mentions, quotes, dates, amounts: see bulk.py) are
gathered from the articles stored and written together before the commit.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from time import perf_counter

from sqlalchemy import Connection, Engine, exc

from newsledger.model import Article
from newsledger.readers import Skipped, failure
from newsledger.store.bulk import BulkRows
from newsledger.store.database import StoreError, describe_error
from newsledger.store.writer import Written, write_article

BATCH_ARTICLES = 50
BATCH_SECONDS = 1.0
# Database failures that stop a run; any other failure skips one article.
FATAL = (exc.OperationalError, exc.InterfaceError, exc.InternalError, sqlite3.DatabaseError)

Outcome = Written | Skipped


class BatchWriter:
    """Buffers extracted articles and writes them a batch per transaction."""

    def __init__(
        self,
        engine: Engine,
        size: int = BATCH_ARTICLES,
        seconds: float = BATCH_SECONDS,
        write: Callable[[Connection, Article, BulkRows], Written] | None = None,
    ) -> None:
        self.engine, self.size, self.seconds = engine, max(1, size), seconds
        self.write = write or write_article
        self.pending: list[Article] = []
        self.since = 0.0
        self.storage_seconds = 0.0  # time spent writing, for the run's "over extraction" figure

    def add(self, article: Article) -> list[Outcome]:
        """Buffer one article; the outcomes of the batch it completed, if it completed one."""
        if not self.pending:
            self.since = perf_counter()
        self.pending.append(article)
        if len(self.pending) >= self.size or perf_counter() - self.since >= self.seconds:
            return self.flush()
        return []

    def flush(self) -> list[Outcome]:
        """Write what is buffered, in one transaction; each article's outcome, in order."""
        batch, self.pending = self.pending, []
        if not batch:
            return []
        started = perf_counter()
        try:
            try:
                with self.engine.begin() as conn:
                    bulk = BulkRows()
                    outcomes = [self._one(conn, article, bulk) for article in batch]
                    bulk.write(conn)
            except FATAL:
                raise
            except exc.SQLAlchemyError:
                # The commit itself failed on this data (a deferred constraint): write one by one instead.
                outcomes = [self._alone(article) for article in batch]
        except FATAL as error:
            raise StoreError(describe_error(error)) from None
        finally:
            self.storage_seconds += perf_counter() - started
        return outcomes

    def _alone(self, article: Article) -> Outcome:
        """Store one article in a transaction of its own."""
        try:
            with self.engine.begin() as conn:
                bulk = BulkRows()
                outcome = self._one(conn, article, bulk)
                bulk.write(conn)
            return outcome
        except FATAL:
            raise
        except exc.SQLAlchemyError as error:
            return _refused(article, describe_error(error)[:200])

    def _one(self, conn: Connection, article: Article, bulk: BulkRows) -> Outcome:
        """Store one article under a savepoint; its bulk rows join the batch's only if it was stored."""
        own = BulkRows()
        try:
            with conn.begin_nested():
                written = self.write(conn, article, own)
            bulk.extend(own)
            return written
        except FATAL:
            raise
        except exc.SQLAlchemyError as error:
            return _refused(article, describe_error(error)[:200])
        except Exception as error:  # this article's data, not the store: skip it, keep the rest
            return _refused(article, failure(error))


def _refused(article: Article, reason: str) -> Skipped:
    return Skipped(article.source, f"could not be stored ({reason})")

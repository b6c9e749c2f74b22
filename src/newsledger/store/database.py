"""Opening a store: SQLite by default, PostgreSQL with the same schema.

Writers are serialised so that linking across articles (which reads, then
writes) sees a consistent store even when two ingests run at once: SQLite takes
its write lock at ``BEGIN IMMEDIATE``, PostgreSQL an advisory lock held until
the transaction ends.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, exc, inspect, text
from sqlalchemy.engine import make_url

from newsledger.store.schema import SCHEMA_VERSION, UPGRADABLE, SchemaMismatch, create_schema

DEFAULT_DB = "newsledger.db"
WRITER_LOCK = 74_120_251  # any fixed number: the advisory lock all newsledger writers share
BUSY_TIMEOUT_MS = 60_000


class StoreError(RuntimeError):
    """The store cannot be opened or written; the message is one line for the user."""


def database_url(db: str | None) -> str:
    """A SQLAlchemy URL from a path or URL; ``postgresql://`` uses psycopg 3."""
    db = db or os.environ.get("NEWSLEDGER_DB") or DEFAULT_DB
    if "://" not in db:
        return f"sqlite:///{Path(db).expanduser()}"
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    return db


def _wal(cursor: sqlite3.Cursor) -> None:
    """Switches to WAL. SQLite answers "database is locked" at once, without its busy handler, when another
    process is opening the same new file (two ingests started together): wait for it as a write would."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy's "begin" below start transactions, not the driver.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        _wal(cursor)  # readers never block the writer
        cursor.execute("PRAGMA synchronous = NORMAL")  # WAL keeps it crash-safe; only the last commit may be lost
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _postgresql_setup(engine: Engine) -> None:
    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITER_LOCK})")


def _readonly_sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        dbapi_connection.execute("PRAGMA query_only = ON")  # queries, the web app, notebooks: never a write


def _readonly_postgresql_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: object) -> None:
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET default_transaction_read_only = on")
        dbapi_connection.commit()


def describe_error(error: BaseException) -> str:
    """One line saying what went wrong with the store, without the SQL."""
    original = getattr(error, "orig", None) or error
    message = str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__
    if "file is not a database" in message or "malformed" in message:
        return f"the store file is not a newsledger SQLite database or is damaged ({message})"
    if "database is locked" in message:
        return "the store is locked by another program; try again when it has finished"
    if "disk is full" in message or "No space left" in message:
        return "the disk is full; free some space and run again: nothing half-written was kept"
    if isinstance(original, exc.OperationalError | exc.InterfaceError) or "connection" in message.lower():
        return f"cannot reach the store ({message})"
    return message


def open_engine(db: str | None = None, *, create: bool = True, write: bool = True) -> Engine:
    """An engine on the store, with its schema created when ``create`` is set.

    Raises :class:`StoreError` with a readable message when the store cannot be used.
    """
    url = database_url(db)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        path = Path(parsed.database)
        if not create and not path.exists():
            raise StoreError(f"no store at {path}: run `newsledger ingest` first (or pass --db)")
        if path.exists() and path.is_dir():
            raise StoreError(f"{path} is a folder, not a store file")
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(url, future=True, pool_pre_ping=parsed.get_backend_name() != "sqlite")
    except (exc.ArgumentError, exc.NoSuchModuleError) as error:
        raise StoreError(f"not a store address: {db} ({error})") from None
    backend = engine.dialect.name
    if backend == "sqlite":
        (_sqlite_setup if write else _readonly_sqlite_setup)(engine)
    elif backend == "postgresql":
        (_postgresql_setup if write else _readonly_postgresql_setup)(engine)
    else:
        raise StoreError(f"unsupported store {backend}: use a SQLite path or a postgresql:// URL")
    try:
        if create:
            create_schema(engine)
        else:
            check_schema(engine)
    except SchemaMismatch as error:
        engine.dispose()
        raise StoreError(str(error)) from None
    except (exc.SQLAlchemyError, sqlite3.DatabaseError) as error:
        engine.dispose()
        raise StoreError(describe_error(error)) from None
    return engine


def check_schema(engine: Engine) -> None:
    """Refuse a database that is not a newsledger store of this version."""
    names = set(inspect(engine).get_table_names())
    if "meta" not in names or "articles" not in names:
        raise StoreError("this database is not a newsledger store: run `newsledger ingest` into it first")
    with engine.connect() as conn:
        version = conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar()
    if version in UPGRADABLE:
        # An older store that only lacks tables: add them once (a writer's job), then read it.
        writer = create_engine(engine.url, future=True)
        try:
            create_schema(writer)
        except exc.SQLAlchemyError as error:
            raise StoreError(
                f"store schema version {version} needs an upgrade to {SCHEMA_VERSION}, which could not be written "
                f"({describe_error(error)}); open it once with `newsledger ingest` where it is writable"
            ) from None
        finally:
            writer.dispose()
        return
    if version != SCHEMA_VERSION:
        raise StoreError(f"store schema version {version}, this newsledger reads version {SCHEMA_VERSION}")


@contextmanager
def store_errors() -> Iterator[None]:
    """Turn database failures into :class:`StoreError` (one line, no SQL)."""
    try:
        yield
    except exc.SQLAlchemyError as error:
        raise StoreError(describe_error(error)) from None
    except sqlite3.DatabaseError as error:
        raise StoreError(describe_error(error)) from None


def empty_postgresql(db: str) -> None:
    """Drop everything in a PostgreSQL database's public schema: for the tests and the benchmark only."""
    engine = create_engine(database_url(db))
    try:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()

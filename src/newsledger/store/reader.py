"""The store from Python: ``newsledger.open(path_or_url)`` for notebooks and scripts.

>>> import newsledger
>>> store = newsledger.open("newsledger.db")          # or "postgresql://user:pw@host/db"
>>> events = store.events(actor="Putin", since="2025-03-01", type="CONSULT")
>>> events.to_pandas()                               # or .to_arrow(); a list of dicts as it is

Every method takes the CLI's filters as keywords (``actor``, ``country``, ``type``, ``status``,
``since``, ``until``, ``place``, ``near``, ``radius``, ``story``, ``search``, ``limit``) and returns the
same records as ``newsledger events --format json``. The store is opened read-only.
"""

from __future__ import annotations

from collections.abc import Callable
from os import PathLike
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from newsledger.store import query
from newsledger.store.database import open_engine, store_errors

if TYPE_CHECKING:
    import pandas
    import pyarrow


class Records(list[dict[str, Any]]):
    """Query results: a list of dicts that turns into a table in one call."""

    def to_arrow(self) -> pyarrow.Table:
        import pyarrow as pa

        return pa.Table.from_pylist(list(self))

    def to_pandas(self) -> pandas.DataFrame:
        """A pandas DataFrame (pandas is not a dependency of newsledger: install it to use this)."""
        try:
            import pandas as pd
        except ImportError:
            raise ImportError("to_pandas() needs pandas: pip install pandas (or use to_arrow())") from None
        return pd.DataFrame.from_records(list(self))


class Store:
    """A newsledger store, opened read-only. Use it as a context manager or call :meth:`close`."""

    def __init__(self, path_or_url: str | PathLike[str] | None = None) -> None:
        self.engine = open_engine(None if path_or_url is None else str(path_or_url), create=False, write=False)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<newsledger.Store {self.engine.url.render_as_string(hide_password=True)}>"

    def close(self) -> None:
        self.engine.dispose()

    def _run(self, find: Callable[..., list[dict[str, Any]]], *args: Any, **filters: Any) -> Records:
        checked = query.build_filters(**filters)
        with store_errors(), self.engine.connect() as conn:
            return Records(find(conn, *args, checked))

    def events(self, **filters: Any) -> Records:
        """Events, newest first, each once however many articles report it."""
        return self._run(query.find_events, **filters)

    def quotes(self, **filters: Any) -> Records:
        """Who said what; ``type`` is direct, indirect or partial."""
        return self._run(query.find_quotes, **filters)

    def entities(self, **filters: Any) -> Records:
        """People, organisations and places named, most reported first."""
        return self._run(query.find_entities, **filters)

    def places(self, **filters: Any) -> Records:
        """Places with coordinates, most reported first."""
        return self._run(query.find_places, **filters)

    def stories(self, **filters: Any) -> Records:
        """Storylines, largest first."""
        return self._run(query.find_stories, **filters)

    def timeline(self, story_or_query: str | int, **filters: Any) -> Records:
        """A story's events (by id or label words), or those of the articles matching words, by date,
        each with ``sources_list``: the articles that report it and their sentences."""
        return self._run(query.timeline, str(story_or_query), **filters)

    def connect(self) -> Connection:
        """A read-only SQLAlchemy connection, for queries of your own (the schema is in docs/store.md)."""
        return self.engine.connect()


def open_store(path_or_url: str | PathLike[str] | None = None) -> Store:
    """Open a store read-only: a SQLite path (default ``./newsledger.db`` or ``$NEWSLEDGER_DB``) or a
    ``postgresql://`` URL. Raises :class:`newsledger.store.database.StoreError` if it is not a store."""
    return Store(path_or_url)

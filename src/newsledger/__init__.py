"""newsledger: a sourced ledger of conflict and diplomacy news.

>>> import newsledger
>>> ledger = newsledger.read("article.txt")       # or a folder, a glob, or the text itself
>>> ledger.articles[0].headline
>>> store = newsledger.open("newsledger.db")      # a store made by `newsledger ingest`
>>> store.events(actor="Putin").to_pandas()
"""

from typing import TYPE_CHECKING, Any

from newsledger.api import read
from newsledger.model import Article, Ledger
from newsledger.readers import ReadError

if TYPE_CHECKING:
    from newsledger.store.reader import Store

__version__ = "0.1.0"
__all__ = ["Article", "Ledger", "ReadError", "Store", "__version__", "open", "read"]


def open(path_or_url: Any = None) -> "Store":
    """Open a ledger store read-only (a SQLite path or a postgresql:// URL); see :mod:`newsledger.store.reader`."""
    from newsledger.store.reader import open_store  # SQLAlchemy is loaded only when a store is opened

    return open_store(path_or_url)


def __getattr__(name: str) -> Any:
    if name == "Store":
        from newsledger.store.reader import Store

        return Store
    raise AttributeError(name)

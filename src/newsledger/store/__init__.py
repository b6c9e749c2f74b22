"""The ledger store: a corpus of extracted articles, linked across articles.

``ingest`` writes (one transaction per article), ``query`` reads with filters,
``export`` writes files. SQLite by default, PostgreSQL with the same schema.
"""

from newsledger.store.database import StoreError, open_engine

__all__ = ["StoreError", "open_engine"]

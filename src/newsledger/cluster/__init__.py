"""Extraction beyond one process: inputs cut into partitions that Dask workers read themselves, and the
Parquet dataset they write (the full ledger of every article, plus flat tables for DuckDB, pandas, Spark).

- :mod:`.partitions`: which bytes of which file each task reads;
- :mod:`.dataset`: the dataset's layout, how a partition is written, and how it is read back;
- :mod:`.run`: the Dask client (``local:N`` or a scheduler address) and the run with its progress.

See docs/scaling.md.
"""

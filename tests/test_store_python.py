"""`newsledger.open()`: the store from Python, with the CLI's filters and records that become tables."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

import newsledger
from newsledger.store.database import StoreError
from newsledger.store.query import QueryError
from newsledger.store.writer import write_article
from store_fixtures import BACKENDS, BELGOROD, CHAGOS, STRIKE_AP, STRIKE_REUTERS, TALKS_1, TALKS_2, make_store


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    for engine in make_store(request.param, tmp_path):
        for report in (STRIKE_REUTERS, STRIKE_AP, BELGOROD, TALKS_1, TALKS_2, CHAGOS):
            with engine.begin() as conn:
                write_article(conn, report.article())
        yield _url(engine, tmp_path)


def _url(engine: Engine, tmp_path: Path) -> str:
    if engine.dialect.name == "sqlite":
        return str(tmp_path / "ledger.db")
    return engine.url.render_as_string(hide_password=False).replace("postgresql+psycopg://", "postgresql://")


def test_events_take_the_cli_filters(store_url: str) -> None:
    with newsledger.open(store_url) as store:
        everything = store.events()
        assaults = store.events(type="ASSAULT")
        in_kharkiv = store.events(type="ASSAULT", place="Kharkiv")
        claimed = store.events(status="claimed")
        meeting = store.events(actor="Putin", type="CONSULT", since="2025-03")
    assert len(everything) > len(assaults) >= 2
    assert {row["type"] for row in assaults} == {"ASSAULT"}
    assert len(in_kharkiv) == 1 and in_kharkiv[0]["reports"] == 2
    assert claimed and all(row["status"] == "claimed" for row in claimed)
    assert len(meeting) == 1 and meeting[0]["day"] == "2025-03-13"


def test_every_query_returns_records(store_url: str) -> None:
    with newsledger.open(store_url) as store:
        assert store.entities(actor="Zelenskyy")[0]["name"] == "Volodymyr Zelenskyy"
        assert any(row["name"] == "Kharkiv" for row in store.places())
        assert store.quotes()
        stories = store.stories()
        assert stories
        line = store.timeline(stories[0]["id"])
        assert line and all("sources_list" in row for row in line)
        days = [row["day"] for row in line if row["day"]]
        assert days == sorted(days)


def test_records_become_an_arrow_table_and_a_dataframe(store_url: str) -> None:
    with newsledger.open(store_url) as store:
        rows = store.events(limit=0)
    table = rows.to_arrow()
    assert table.num_rows == len(rows) and "type" in table.column_names
    assert sorted(table.column("type").to_pylist()) == sorted(row["type"] for row in rows)
    pandas = pytest.importorskip("pandas")
    frame = rows.to_pandas()
    assert isinstance(frame, pandas.DataFrame) and len(frame) == len(rows)


def test_limit_caps_the_rows(store_url: str) -> None:
    with newsledger.open(store_url) as store:
        assert len(store.events(limit=1)) == 1
        assert len(store.events(limit=0)) == len(store.events(limit=1000))


def test_bad_filters_and_missing_stores_raise_readable_errors(tmp_path: Path, store_url: str) -> None:
    with newsledger.open(store_url) as store:
        with pytest.raises(QueryError, match="YYYY-MM-DD"):
            store.events(since="last week")
        with pytest.raises(QueryError, match="status"):
            store.events(status="maybe")
        with pytest.raises(QueryError, match="LAT,LON"):
            store.places(near="north of Kyiv")
    with pytest.raises(StoreError, match="no store"):
        newsledger.open(tmp_path / "missing.db")


def test_the_store_is_opened_read_only(tmp_path: Path) -> None:
    for engine in make_store("sqlite", tmp_path):
        with engine.begin() as conn:
            write_article(conn, TALKS_1.article())
    store = newsledger.open(tmp_path / "ledger.db")
    with store.connect() as conn, pytest.raises(Exception, match=r"readonly|read-only"):
        conn.exec_driver_sql("DELETE FROM articles")
    store.close()

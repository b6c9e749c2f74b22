"""`newsledger ingest` and the query commands end to end, with the real pipeline: idempotence,
resume after `kill -9`, two ingests at once, bad stores, and each command's output."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import DATA, EXAMPLE
from store_fixtures import PG_URL, fresh_postgresql

COMMAND = [sys.executable, "-c", "from newsledger.cli import run; run()"]
SLICE = 10  # VOA stories in the test corpus: enough to link across articles, small enough for CI


def newsledger(*args: str, db: str | Path | None = None) -> subprocess.CompletedProcess[str]:
    extra = ["--db", str(db)] if db is not None else []
    return subprocess.run([*COMMAND, *args, *extra], capture_output=True, text=True, timeout=600, check=False)


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = DATA / "voa" / "voa_stories.jsonl"
    if not source.exists():
        pytest.skip("the VOA corpus is absent")
    path = tmp_path_factory.mktemp("corpus") / "voa-slice.jsonl"
    lines = source.read_text(encoding="utf-8").splitlines()[:SLICE]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def ingested(corpus_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("store") / "ledger.db"
    result = newsledger("ingest", str(EXAMPLE), str(corpus_file), db=db)
    assert result.returncode == 0, result.stderr
    assert f"{SLICE + 2} articles stored" in result.stderr
    assert "%|" not in result.stderr  # no progress bar when stderr is not a terminal
    return db


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # table names are ours
            for table in ("articles", "entities", "mentions", "places", "events", "event_mentions", "quotes", "stories")
        }


def test_ingesting_again_stores_nothing_new(ingested: Path, corpus_file: Path) -> None:
    before = counts(ingested)
    again = newsledger("ingest", str(corpus_file), str(EXAMPLE), "--progress", db=ingested)
    assert again.returncode == 0, again.stderr
    assert "100%|" in again.stderr and "articles/s]" in again.stderr  # the bar, with its rate and ETA
    assert f"0 articles stored (0 near-duplicates linked), {SLICE + 2} already stored" in again.stderr
    assert counts(ingested) == before


def test_the_store_opens_in_plain_sqlite_with_full_text_search(ingested: Path) -> None:
    with sqlite3.connect(ingested) as conn:
        (integrity,) = conn.execute("PRAGMA integrity_check").fetchone()
        hits = conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'ceasefire'").fetchone()[0]
        quote = conn.execute(
            "SELECT substr(a.text, q.start + 1, q.end - q.start), q.text FROM quotes q JOIN articles a "
            "ON a.id = q.article_id LIMIT 1"
        ).fetchone()
    assert integrity == "ok" and hits >= 1
    assert quote[0] == quote[1]  # offsets point into the stored text, as in the contract


def test_query_commands_print_tables_json_and_csv(ingested: Path) -> None:
    table = newsledger("events", "--limit", "5", db=ingested)
    assert table.returncode == 0, table.stderr
    header, rule, *rows = table.stdout.splitlines()
    assert header.split()[:3] == ["id", "day", "type"] and set(rule.replace(" ", "")) == {"-"}
    assert len(rows) == 5
    events = json.loads(newsledger("events", "--format", "json", "--country", "RU", "--limit", "0", db=ingested).stdout)
    assert events and all("RU" in (e["actor1_country"], e["actor2_country"], e["place_country"]) for e in events)
    quotes = list(csv.DictReader(io.StringIO(newsledger("quotes", "--format", "csv", db=ingested).stdout)))
    assert quotes and {"speaker", "text", "outlet"} <= set(quotes[0])
    for command in ("entities", "places", "stories"):
        result = newsledger(command, "--format", "json", db=ingested)
        assert result.returncode == 0 and json.loads(result.stdout), (command, result.stderr)
    people = json.loads(newsledger("entities", "--type", "PERSON", "--format", "json", db=ingested).stdout)
    assert people and {row["type"] for row in people} == {"PERSON"}


def test_timeline_prints_events_in_date_order_with_their_sources(ingested: Path) -> None:
    result = newsledger("timeline", "ceasefire", "--format", "json", db=ingested)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows and [row["day"] for row in rows] == sorted(row["day"] for row in rows)
    assert all(row["sources_list"] and row["sources_list"][0]["sentence"] for row in rows)
    text = newsledger("timeline", "ceasefire", db=ingested).stdout
    assert text.splitlines()[1].startswith("    ")  # each event is followed by its sources


def test_export_writes_each_format(ingested: Path, tmp_path: Path) -> None:
    for fmt in ("jsonl", "csv", "parquet", "geojson", "plover"):
        target = tmp_path / f"out.{fmt}"
        result = newsledger("export", "--format", fmt, "--output", str(target), db=ingested)
        assert result.returncode == 0, (fmt, result.stderr)
        assert target.stat().st_size > 0
    articles = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(articles) == SLICE + 2
    geo = json.loads((tmp_path / "out.geojson").read_text(encoding="utf-8"))
    assert geo["features"] and all(-180 <= f["geometry"]["coordinates"][0] <= 180 for f in geo["features"])


def test_bad_stores_and_filters_get_one_line(tmp_path: Path, ingested: Path) -> None:
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(os.urandom(4096))
    for args in (("events",), ("ingest", str(EXAMPLE))):
        result = newsledger(*args, db=garbage)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr and "not a newsledger SQLite database" in result.stderr
    missing = newsledger("events", db=tmp_path / "none.db")
    assert missing.returncode == 1 and "run `newsledger ingest` first" in missing.stderr
    for bad in (("--since", "last week"), ("--near", "north"), ("--country", "Atlantis")):
        result = newsledger("events", *bad, db=ingested)
        assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1, bad


def test_a_killed_ingest_resumes_and_ends_with_what_a_clean_one_stores(
    corpus_file: Path, ingested: Path, tmp_path: Path
) -> None:
    db = tmp_path / "killed.db"
    process = subprocess.Popen(
        [*COMMAND, "ingest", str(EXAMPLE), str(corpus_file), "--db", str(db), "--batch", "3"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as conn:
                    stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.Error:
                stored = 0
        if stored >= 3:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the ingest ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    killed = counts(db)["articles"]
    assert 3 <= killed < SLICE + 2 and killed % 3 == 0  # whole batches only: none half-written
    resumed = newsledger("ingest", str(EXAMPLE), str(corpus_file), db=db)
    assert resumed.returncode == 0, resumed.stderr
    assert "already stored" in resumed.stderr
    assert counts(db) == counts(ingested)


def test_two_ingests_at_once_store_each_article_once(corpus_file: Path, ingested: Path, tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    runs = [
        subprocess.Popen([*COMMAND, "ingest", str(EXAMPLE), str(corpus_file), "--db", str(db)], stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    errors = [run.communicate(timeout=600)[1].decode() for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors
    assert counts(db)["articles"] == SLICE + 2
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(DISTINCT content_hash) FROM articles").fetchone()[0] == SLICE + 2


@pytest.mark.skipif(not PG_URL, reason="no NEWSLEDGER_TEST_PG")
def test_postgresql_store_ingests_and_answers_like_sqlite(corpus_file: Path, ingested: Path) -> None:
    fresh_postgresql().dispose()
    result = newsledger("ingest", str(EXAMPLE), str(corpus_file), db=PG_URL)
    assert result.returncode == 0, result.stderr
    again = newsledger("ingest", str(corpus_file), db=PG_URL)
    assert f"{SLICE} already stored" in again.stderr

    def answer(db: str | Path) -> list[tuple[str, str]]:
        rows = json.loads(newsledger("events", "--format", "json", "--limit", "0", db=db).stdout)
        return sorted((row["type"], row["day"] or "") for row in rows)

    assert answer(PG_URL) == answer(ingested)
    found = json.loads(newsledger("quotes", "--search", "ceasefire", "--format", "json", db=PG_URL).stdout)
    assert found and all("ceasefire" in row["text"].lower() for row in found)

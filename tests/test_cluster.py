"""Extraction on Dask: a local:2 run gives the single-process ledgers exactly once each, against a
scheduler started apart too; a killed worker costs nothing; bad input is a row of ``skipped``; the
dataset and ledger JSON Lines load into the store without extracting again."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pyarrow.parquet as pq
import pytest

from newsledger.cluster import run as cluster_run
from newsledger.cluster.dataset import read_dataset
from newsledger.cluster.partitions import plan, read_partition
from test_contract import run_cli

TOWNS = ["Vienna", "Geneva", "Oslo", "Doha", "Ankara", "Nairobi", "Lima", "Hanoi", "Rabat", "Quito", "Accra", "Baku"]


def news(folder: Path, count: int = 12) -> Path:
    """A JSON Lines file of short, distinct hand-written articles."""
    lines = []
    for number in range(count):
        town = TOWNS[number % len(TOWNS)]
        text = (
            f"Foreign ministers met in {town} on Monday to discuss a prisoner exchange, officials said. "
            f"Police arrested {number + 2} protesters outside the talks, and the interior ministry said "
            f"it would investigate. Round {number} of the talks ended without an agreement."
        )
        lines.append(
            json.dumps(
                {
                    "id": f"a{number}",
                    "headline": f"Talks in {town}",
                    "published": f"2025-03-{10 + number % 3}",
                    "text": text,
                }
            )
        )
    path = folder / "news.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def single_process(path: Path) -> dict[str, dict]:
    result = run_cli("extract", str(path), "--format", "jsonl")
    assert result.returncode == 0, result.stderr.decode()
    return {ledger["id"]: ledger for ledger in map(json.loads, result.stdout.splitlines())}


def dataset(path: Path) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for article in read_dataset(path):
        assert article.id not in found, f"{article.id} twice"
        found[article.id] = article.ledger_dict()
    return found


@pytest.fixture
def small_partitions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cluster_run, "MIN_PARTITION_BYTES", 700)  # a record or two per task


def test_partitions_of_a_file_give_its_records_once_with_their_line_numbers(tmp_path: Path) -> None:
    path = news(tmp_path)
    parts = list(plan([str(path)], partition_bytes=900))
    assert len(parts) > 3
    sources = [item.source for part in parts for item in read_partition(part)]
    assert sources == [f"{path}:{line}" for line in range(1, 13)]


def test_a_local_cluster_gives_the_single_process_ledgers(tmp_path: Path, small_partitions: None) -> None:
    path = news(tmp_path)
    done = cluster_run.run([str(path)], "local:2", tmp_path / "out", echo=lambda _line: None)
    assert done.partitions > 3 and done.workers == 2 and done.counts["articles"] == 12
    assert dataset(tmp_path / "out") == single_process(path)
    events = pq.read_table(tmp_path / "out" / "events").to_pandas()
    assert len(events) == sum(len(ledger["events"]) for ledger in single_process(path).values())
    assert set(events["day"].astype(str)) <= {"2025-03-10", "2025-03-11", "2025-03-12"}


def test_a_bad_input_is_a_row_of_skipped_and_the_rest_is_written(tmp_path: Path, small_partitions: None) -> None:
    path = news(tmp_path, 4)
    with path.open("a", encoding="utf-8") as out:
        out.write("{not json\n")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    done = cluster_run.run(
        [str(path), str(tmp_path / "binary.txt"), str(tmp_path / "missing.txt")],
        "local:1",
        tmp_path / "out",
        echo=lambda _line: None,
    )
    assert done.counts["articles"] == 4
    skipped = pq.read_table(tmp_path / "out" / "skipped").to_pylist()
    reasons = " | ".join(row["reason"] for row in skipped)
    assert len(skipped) == 3 and "not JSON" in reasons and "binary" in reasons and "no such file" in reasons


def test_a_worker_killed_mid_run_costs_no_article(tmp_path: Path, small_partitions: None) -> None:
    path = news(tmp_path, 24)
    out = tmp_path / "out"
    killed: list[int] = []

    def kill_a_worker() -> None:
        deadline = time.time() + 120
        while time.time() < deadline and not list(out.glob("articles/day=*/part-*.parquet")):
            time.sleep(0.2)
        # LocalCluster's nannies live in this process; each starts its worker as a spawned child.
        workers = [p for p in psutil.Process().children(recursive=True) if "spawn_main" in " ".join(p.cmdline())]
        if workers:
            workers[0].send_signal(signal.SIGKILL)  # as the kernel's out-of-memory killer would
            killed.append(workers[0].pid)

    watcher = threading.Thread(target=kill_a_worker)
    watcher.start()
    done = cluster_run.run([str(path)], "local:2", out, echo=lambda _line: None)
    watcher.join()
    assert killed, "a worker was killed during the run"
    assert sorted(dataset(out)) == sorted(f"a{number}" for number in range(24))
    assert done.counts["articles"] >= 24  # a partition run twice is counted twice, written once


def test_a_scheduler_and_workers_started_apart(tmp_path: Path) -> None:
    bin_dir = Path(sys.executable).parent
    scheduler_file = tmp_path / "scheduler.json"
    scheduler = subprocess.Popen(
        [str(bin_dir / "dask"), "scheduler", "--port", "0", "--no-dashboard", "--scheduler-file", str(scheduler_file)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    worker = None
    try:
        for _ in range(100):
            if scheduler_file.exists() and scheduler_file.stat().st_size:
                break
            time.sleep(0.2)
        address = json.loads(scheduler_file.read_text())["address"]
        worker = subprocess.Popen(
            [str(bin_dir / "dask"), "worker", "--scheduler-file", str(scheduler_file), "--nworkers", "1",
             "--nthreads", "1", "--no-dashboard"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        path = news(tmp_path, 3)
        result = run_cli("extract", str(path), "--cluster", address, "--output", str(tmp_path / "out"))
        assert result.returncode == 0, result.stderr.decode()
        assert dataset(tmp_path / "out") == single_process(path)
    finally:
        for process in (worker, scheduler):
            if process is not None:
                process.terminate()
                process.wait(timeout=30)


def test_bad_cluster_options_are_one_line(tmp_path: Path) -> None:
    path = news(tmp_path, 1)
    for args, message in [
        (["--cluster", "local:2"], b"--cluster and --output go together"),
        (["--cluster", "local:x", "--output", str(tmp_path / "o")], b"wants a number of workers"),
        (["--cluster", "http://x", "--output", str(tmp_path / "o")], b"a scheduler address"),
        (["--cluster", "tcp://127.0.0.1:1", "--output", str(tmp_path / "o")], b"cannot reach the Dask scheduler"),
    ]:
        result = run_cli("extract", str(path), *args)
        assert result.returncode == 1 and message in result.stderr and b"Traceback" not in result.stderr


def test_a_dataset_and_ledger_lines_load_into_the_store_as_direct_ingest_does(tmp_path: Path) -> None:
    path = news(tmp_path, 5)
    assert run_cli("extract", str(path), "--cluster", "local:1", "--output", str(tmp_path / "ds")).returncode == 0
    (tmp_path / "ledgers.jsonl").write_bytes(run_cli("extract", str(path), "--format", "jsonl").stdout)

    def counts(db: Path) -> tuple:
        rows = [
            json.loads(run_cli(kind, "--db", str(db), "--format", "json", "--limit", "0").stdout)
            for kind in ("events", "quotes", "places")
        ]
        return tuple(len(found) for found in rows), sorted(row["type"] for row in rows[0])

    for name, source in [("direct", path), ("dataset", tmp_path / "ds"), ("ledgers", tmp_path / "ledgers.jsonl")]:
        loaded = run_cli("ingest", str(source), "--db", str(tmp_path / f"{name}.db"))
        assert loaded.returncode == 0, loaded.stderr.decode()
    direct = counts(tmp_path / "direct.db")
    assert direct[0][0] > 0
    assert counts(tmp_path / "dataset.db") == direct == counts(tmp_path / "ledgers.db")

"""Extraction on Dask: local:1 against local:2 on this machine, and loading the dataset into the store.

The VOA stories are repeated (each copy its own id and url, the text unchanged) to
``$NEWSLEDGER_BENCH_CLUSTER_ARTICLES`` articles (2,000 by default) in one JSON Lines file, which the
cluster cuts into byte ranges. Start-up (the cluster and its workers) is timed apart from the work;
each worker loads the model on its first task, which is part of the work. The two datasets must hold
the same ledgers, and a sample of them the single-process ones. Then the local:2 dataset is loaded
into SQLite (and PostgreSQL when ``$NEWSLEDGER_BENCH_PG`` or ``$NEWSLEDGER_TEST_PG`` is set) without
extracting again. Its copies of one story share their text, so a store would take all but the first as
"already stored"; before loading, each copy becomes a new article as in the store benchmark
(:func:`newsledger.benchmarks.store.variant`: dates moved on, every fifth word letter-shifted), so the
load figure is the writer's real rate of linking new articles.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from newsledger.harness import Report
from newsledger.model import Article

NAME = "cluster"
TITLE = "Cluster: extraction on Dask (local:1 vs local:2) and loading its dataset"
DEFAULT_ARTICLES = 2_000
SAMPLE = 30  # articles compared with the single-process extraction


def _corpus(voa: Path, total: int, folder: Path) -> Path:
    records = [json.loads(line) for line in voa.read_text(encoding="utf-8").splitlines() if line.strip()]
    path = folder / "voa-repeated.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for number in range(total):
            record = dict(records[number % len(records)])
            record["id"] = f"{record.get('id', 'voa')}-{number}"
            record["url"] = f"{record.get('url', 'https://voa.example/')}?copy={number}"
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def _ledgers(dataset: Path) -> dict[str, str]:
    from newsledger.cluster.dataset import read_dataset

    return {article.id: json.dumps(article.ledger_dict(), sort_keys=True) for article in read_dataset(dataset)}


def _distinct(dataset: Path, folder: Path) -> Path:
    """The dataset with each copy of a story made a new article: copy ``n`` of the story in round ``n // 89``."""
    from newsledger.benchmarks.store import variant
    from newsledger.cluster.dataset import read_dataset, write_marker, write_partition

    out = folder / "distinct"
    stories = len({article.id.rsplit("-", 1)[0] for article in read_dataset(dataset)})

    def rounds() -> Iterator[Article]:
        for article in read_dataset(dataset):
            number = int(article.id.rsplit("-", 1)[1])
            yield variant(article, number // max(stories, 1))

    counts = write_partition(out, 0, rounds())
    write_marker(out, 1, counts)
    return out


def _load(dataset: Path, db: str) -> tuple[int, int, float]:
    from newsledger.cluster.dataset import read_extracted
    from newsledger.store.database import open_engine
    from newsledger.store.ingest import Ingest

    engine = open_engine(db)
    started = time.perf_counter()
    summary = Ingest(engine, None, False, extractor=iter, reader=read_extracted).run([str(dataset)])
    seconds = time.perf_counter() - started
    engine.dispose()
    return summary.stored + summary.copies + summary.present, summary.stored, seconds


def run(data: Path) -> Report | None:
    from newsledger.cluster.run import run as run_cluster

    voa = data / "voa" / "voa_stories.jsonl"
    if not voa.exists():
        return Report(columns=["run"], rows=[], notes=[f"skipped: {voa} is absent"])
    total = int(os.environ.get("NEWSLEDGER_BENCH_CLUSTER_ARTICLES", DEFAULT_ARTICLES))
    rows: list[list[str]] = []
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as folder:
        corpus = _corpus(voa, total, Path(folder))
        rates: dict[int, float] = {}
        for workers in (1, 2):
            out = Path(folder) / f"local{workers}"
            done = run_cluster([str(corpus)], f"local:{workers}", out, echo=lambda _line: None)
            rates[workers] = done.rate
            rows.append(
                [
                    f"extract, local:{workers}",
                    f"{done.counts['articles']:,}",
                    f"{done.partitions}",
                    f"{done.start_up_seconds:.1f}",
                    f"{done.seconds:.1f}",
                    f"{done.rate:.1f}",
                ]
            )
        one, two = _ledgers(Path(folder) / "local1"), _ledgers(Path(folder) / "local2")
        same = one == two and len(one) == total
        sample_ok = _same_as_single_process(corpus, two, Path(folder))
        distinct = _distinct(Path(folder) / "local2", Path(folder))
        for label, db in _stores(Path(folder)):
            count, stored, seconds = _load(distinct, db)
            label = f"load into {label} ({stored:,} stored new)"
            rows.append([label, f"{count:,}", "", "", f"{seconds:.1f}", f"{count / seconds:.1f}"])
    ratio = rates[2] / rates[1] if rates.get(1) else 0.0
    return Report(
        columns=["run", "articles", "partitions", "start-up s", "work s", "articles/s"],
        rows=rows,
        notes=[
            f"Throughput local:2 / local:1: **{ratio:.2f}** (target ≥ 1.8). Load average at the start: {load:.1f} "
            f"on {os.cpu_count()} cores (other work on the machine lowers the ratio).",
            f"Both datasets hold the same {len(two):,} ledgers, each article once: {'yes' if same else 'NO'}; "
            f"the first {SAMPLE} equal the single-process extraction: {'yes' if sample_ok else 'NO'}.",
            "Work seconds include each worker loading the model on its first task (about 3 s).",
            f"Articles: the 89 VOA stories repeated to {total:,} (`$NEWSLEDGER_BENCH_CLUSTER_ARTICLES`). "
            "Loading: the local:2 dataset with each copy made a new article (dates moved on, every fifth word "
            "letter-shifted, as in `bench --only store`), so every article is linked, none taken as already "
            "stored; one writer, batches of 50.",
        ],
    )


def _same_as_single_process(corpus: Path, cluster: dict[str, str], folder: Path) -> bool:
    from newsledger.api import extract
    from newsledger.pipeline import default_pipeline
    from newsledger.readers import Article, read_inputs

    sample = folder / "sample.jsonl"
    sample.write_text("".join(corpus.read_text(encoding="utf-8").splitlines(keepends=True)[:SAMPLE]), encoding="utf-8")
    single = [item for item in extract(read_inputs([str(sample)]), default_pipeline()) if isinstance(item, Article)]

    def without_source(ledger: str) -> dict[str, object]:
        found = json.loads(ledger)
        found.pop("source")  # the sample is another file: "sample.jsonl:3", not "voa-repeated.jsonl:3"
        return found

    return len(single) == SAMPLE and all(
        article.id in cluster
        and without_source(cluster[article.id]) == without_source(json.dumps(article.ledger_dict(), sort_keys=True))
        for article in single
    )


def _stores(folder: Path) -> list[tuple[str, str]]:
    stores = [("SQLite", str(folder / "bench.db"))]
    url = os.environ.get("NEWSLEDGER_BENCH_PG") or os.environ.get("NEWSLEDGER_TEST_PG")
    if url:
        from newsledger.store.database import empty_postgresql

        empty_postgresql(url)
        stores.append(("PostgreSQL", url))
    return stores

"""Extraction on a Dask cluster: each partition is a task that a worker reads, extracts and writes itself.

``ADDRESS`` is ``local:N`` (a :class:`~distributed.LocalCluster` of N single-threaded worker
processes on this machine) or a running scheduler (``tcp://host:8786``, started by ``dask scheduler``,
dask-kubernetes or dask-jobqueue). Each worker process builds the pipeline once, on its first task.
A worker that dies has its tasks run again elsewhere (Dask does this); a task that fails is retried;
each partition's files are replaced whole, so the dataset holds every input article exactly once.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsledger.cluster.dataset import MARKER, write_marker, write_partition
from newsledger.cluster.partitions import PARTITION_BYTES, Partition, plan, read_partition
from newsledger.readers import Skipped

# A task's failure (not a worker's death, which Dask handles by itself) is retried this many times.
RETRIES = 2
MIN_PARTITION_BYTES = 64 * 1024  # ~15 news records: small runs still give each worker several tasks
_pipelines: dict[tuple[str | None, tuple[str, ...]], Any] = {}


class ClusterError(RuntimeError):
    """The cluster cannot be reached or started, or the output cannot be written; one line says why."""


@dataclass
class ClusterRun:
    partitions: int = 0
    counts: dict[str, int] = field(default_factory=lambda: {"articles": 0, "events": 0, "quotes": 0, "skipped": 0})
    start_up_seconds: float = 0.0
    seconds: float = 0.0
    workers: int = 0

    @property
    def rate(self) -> float:
        return self.counts["articles"] / self.seconds if self.seconds else 0.0


def _worker_pipeline(model: str | None, actor_files: tuple[str, ...]) -> Any:
    """The pipeline of this worker process, built on its first task and kept for the others."""
    key = (model, actor_files)
    if key not in _pipelines:
        from newsledger.pipeline import default_pipeline

        _pipelines[key] = default_pipeline(model, actor_files)
    return _pipelines[key]


def extract_partition(
    partition: Partition, output: str, model: str | None, actor_files: tuple[str, ...]
) -> dict[str, int]:
    """One task: read the partition, extract it, write its files into the dataset; returns its counts."""
    from newsledger.api import extract

    pipeline = _worker_pipeline(model, actor_files)
    return write_partition(Path(output), partition.index, extract(read_partition(partition), pipeline))


@contextmanager
def connect(address: str) -> Iterator[Any]:
    """A Dask client on ``local:N`` or on the scheduler at ``address``."""
    from distributed import Client, LocalCluster

    if address.startswith("local:"):
        try:
            workers = int(address.removeprefix("local:"))
        except ValueError:
            raise ClusterError(f"--cluster local:N wants a number of workers, not {address!r}") from None
        if not 1 <= workers <= 256:
            raise ClusterError("--cluster local:N wants between 1 and 256 workers")
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=50
        )
        client = Client(cluster)
        try:
            yield client
        finally:
            client.close()
            cluster.close()
        return
    if not address.startswith(("tcp://", "tls://", "ucx://")):
        raise ClusterError(f"--cluster is local:N or a scheduler address (tcp://host:8786), not {address!r}")
    try:
        client = Client(address, timeout="20s")
    except (OSError, TimeoutError) as error:
        raise ClusterError(f"cannot reach the Dask scheduler at {address} ({error})") from None
    try:
        yield client
    finally:
        client.close()


def partition_size(paths: list[str], workers: int) -> int:
    """Bytes per partition: about eight per worker, so that the last ones finish together, within
    [MIN_PARTITION_BYTES, PARTITION_BYTES] (a task of a few seconds to a few minutes)."""
    total = 0
    for path in paths:
        candidate = Path(path)
        if candidate.is_file():
            total += candidate.stat().st_size
        elif candidate.is_dir():
            total += sum(file.stat().st_size for file in candidate.rglob("*") if file.is_file())
    wanted = total // max(1, 8 * workers)
    return max(MIN_PARTITION_BYTES, min(PARTITION_BYTES, wanted))


def _prepare(output: Path) -> None:
    if output.exists() and any(output.iterdir()):
        if not (output / MARKER).exists() and not (output / "articles").exists():
            raise ClusterError(f"{output} is not empty: give a new folder for the dataset")
        shutil.rmtree(output)  # a dataset of an earlier run: this run writes it anew
    output.mkdir(parents=True, exist_ok=True)


def run(
    paths: list[str],
    address: str,
    output: Path,
    model: str | None = None,
    actor_files: tuple[str, ...] = (),
    echo: Callable[[str], None] = print,
) -> ClusterRun:
    """Extract ``paths`` on the cluster at ``address`` into the dataset at ``output``."""
    from distributed import as_completed

    started = time.perf_counter()
    _prepare(output)
    done = ClusterRun()
    with connect(address) as client:
        done.workers = len(client.scheduler_info().get("workers", {}))
        planned = list(plan(paths, partition_size(paths, done.workers)))
        partitions = [item for item in planned if isinstance(item, Partition)]
        not_found = [item for item in planned if isinstance(item, Skipped)]
        done.partitions = len(partitions)
        done.start_up_seconds = time.perf_counter() - started
        working = time.perf_counter()
        futures = client.map(
            extract_partition,
            partitions,
            output=str(output),
            model=model,
            actor_files=actor_files,
            retries=RETRIES,
            pure=False,
        )
        for finished, future in enumerate(as_completed(futures), start=1):
            counts = future.result()
            for name in done.counts:
                done.counts[name] += counts.get(name, 0)
            elapsed = time.perf_counter() - working
            echo(
                f"{finished}/{len(partitions)} partitions, {done.counts['articles']:,} articles, "
                f"{done.counts['articles'] / elapsed if elapsed else 0:,.1f} articles/s on {done.workers} workers"
            )
        done.seconds = time.perf_counter() - working
    if not_found:
        counts = write_partition(output, len(partitions), not_found)
        done.counts["skipped"] += counts["skipped"]
    write_marker(output, len(partitions), done.counts)
    return done

"""The Python API: ``newsledger.read(text_or_path) -> Ledger``."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from os import PathLike
from pathlib import Path

from newsledger.model import Article, Ledger
from newsledger.pipeline import Pipeline, default_pipeline
from newsledger.readers import ReadError, Skipped, failure, read_inputs, read_string


def extract(items: Iterable[Article | Skipped], pipeline: Pipeline | None = None) -> Iterator[Article | Skipped]:
    """Run the pipeline over read articles, passing skipped inputs through in order."""
    pipeline = pipeline or default_pipeline()
    skipped: list[Skipped] = []

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, Skipped):
                skipped.append(item)
            else:
                yield item

    for article in pipeline.run(articles()):
        while pipeline.failed:
            failed, reason = pipeline.failed.pop(0)
            skipped.append(Skipped(failed.source, f"could not be processed ({reason[:200]})"))
        while skipped:
            yield skipped.pop(0)
        yield article
    for failed, reason in pipeline.failed:
        skipped.append(Skipped(failed.source, f"could not be processed ({reason[:200]})"))
    pipeline.failed.clear()
    yield from skipped


_worker_pipeline: Pipeline | None = None


def _start_worker(model: str | None, actor_files: tuple[str, ...]) -> None:
    global _worker_pipeline  # one pipeline per worker process, loaded once
    _worker_pipeline = default_pipeline(model, actor_files)


def _extract_chunk(chunk: list[Article | Skipped]) -> list[Article | Skipped]:
    return list(extract(chunk, _worker_pipeline))


class WorkersFailed(RuntimeError):
    """Worker processes die however the work is divided: the run itself fails, not one input."""


# A worker that dies (killed for memory, a crash in native code) takes its pool with it. The articles
# in flight are then retried one at a time on a new pool, so only the one at fault is skipped; this
# many deaths in a row without one article done means the workers cannot run at all.
_MAX_DEATHS_IN_A_ROW = 4


class _Workers:
    """A process pool that is replaced when one of its workers dies."""

    def __init__(self, jobs: int, model: str | None, actor_files: tuple[str, ...]) -> None:
        self.jobs, self.initargs = jobs, (model, actor_files)
        self.deaths = 0
        self.pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.jobs, initializer=_start_worker, initargs=self.initargs)

    def submit(self, chunk: list[Article | Skipped]) -> Future[list[Article | Skipped]]:
        try:
            return self.pool.submit(_extract_chunk, chunk)
        except BrokenProcessPool as error:
            # The pool broke since the last result was read: fail this chunk the way a running one
            # fails, so that it is retried with the others in flight.
            broken: Future[list[Article | Skipped]] = Future()
            broken.set_exception(error)
            return broken

    def restart(self) -> None:
        self.deaths += 1
        if self.deaths > _MAX_DEATHS_IN_A_ROW:
            raise WorkersFailed(f"extraction workers died {self.deaths} times in a row; try --jobs 1")
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._start()

    def one_at_a_time(self, chunk: list[Article | Skipped]) -> Iterator[Article | Skipped]:
        """The chunk's items each on their own, after a worker died: only the one at fault is lost."""
        for item in chunk:
            if isinstance(item, Skipped):
                yield item
                continue
            try:
                yield from self.submit([item]).result()
                self.deaths = 0
            except BrokenProcessPool:
                self.restart()
                yield Skipped(item.source, "could not be processed (the worker process died: out of memory?)")
            except Exception as error:
                yield Skipped(item.source, f"could not be processed ({failure(error)})")

    def shutdown(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def extract_parallel(
    items: Iterable[Article | Skipped],
    jobs: int,
    model: str | None = None,
    actor_files: Iterable[str] = (),
    chunk_size: int = 16,
) -> Iterator[Article | Skipped]:
    """:func:`extract` on ``jobs`` processes, each with its own pipeline; results keep the input order.

    Chunks go out as they are read and come back in order, with a few in flight per worker, so a
    corpus of any size streams through in bounded memory. A failure inside a worker, even its death,
    costs only the articles at fault, each as a :class:`Skipped`.
    """
    workers = _Workers(jobs, model, tuple(actor_files))
    pending: deque[tuple[list[Article | Skipped], Future[list[Article | Skipped]]]] = deque()

    def results(chunk: list[Article | Skipped], future: Future[list[Article | Skipped]]) -> list[Article | Skipped]:
        try:
            done = future.result()
            workers.deaths = 0
            return done
        except BrokenProcessPool:
            # Every chunk in flight is lost with the pool: resend them all, one article at a time.
            workers.restart()
            retried = [chunk, *(waiting for waiting, _ in pending)]
            pending.clear()
            return [item for lost in retried for item in workers.one_at_a_time(lost)]
        except Exception:  # e.g. a result that cannot be sent back: find the article at fault
            return list(workers.one_at_a_time(chunk))

    try:
        iterator = iter(items)
        while chunk := list(islice(iterator, chunk_size)):
            pending.append((chunk, workers.submit(chunk)))
            while len(pending) > 2 * jobs:
                yield from results(*pending.popleft())
        while pending:
            yield from results(*pending.popleft())
    finally:
        workers.shutdown()


def read(text_or_path: str | PathLike[str], pipeline: Pipeline | None = None) -> Ledger:
    """Read a file, folder, glob or a string of news and return its ledger.

    Raises :class:`ReadError` when nothing could be read.
    """
    value = str(text_or_path)
    is_path = isinstance(text_or_path, PathLike) or (
        value.strip() != "" and "\n" not in value and len(value) < 4096 and Path(value).exists()
    )
    items = read_inputs([value]) if is_path else read_string(value)
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for item in extract(items, pipeline):
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            articles.append(item)
    if not articles:
        raise ReadError("; ".join(map(str, skipped)) or "no article found")
    return Ledger(articles=articles)

"""The Python API: ``newsledger.read(text_or_path) -> Ledger``."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from os import PathLike
from pathlib import Path

from newsledger.model import Article, Ledger
from newsledger.pipeline import Pipeline, default_pipeline
from newsledger.readers import ReadError, Skipped, read_inputs, read_string


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


def extract_parallel(
    items: Iterable[Article | Skipped],
    jobs: int,
    model: str | None = None,
    actor_files: Iterable[str] = (),
    chunk_size: int = 16,
) -> Iterator[Article | Skipped]:
    """:func:`extract` on ``jobs`` processes, each with its own pipeline; results keep the input order.

    Chunks go out as they are read and come back in order, with a few in flight per worker, so a
    corpus of any size streams through in bounded memory.
    """
    with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(model, tuple(actor_files))) as pool:
        pending: deque[Future[list[Article | Skipped]]] = deque()
        iterator = iter(items)
        while chunk := list(islice(iterator, chunk_size)):
            pending.append(pool.submit(_extract_chunk, chunk))
            while len(pending) > 2 * jobs:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def read(text_or_path: str | PathLike[str], pipeline: Pipeline | None = None) -> Ledger:
    """Read a file, folder, glob or a string of news and return its ledger.

    Raises :class:`ReadError` when nothing could be read.
    """
    value = str(text_or_path)
    is_path = isinstance(text_or_path, PathLike) or (
        value.strip() != "" and "\n" not in value and len(value) < 4096 and Path(value).exists()
    )
    items = read_inputs([value]) if is_path else read_string(value)
    articles, skipped = [], []
    for item in extract(items, pipeline):
        (skipped if isinstance(item, Skipped) else articles).append(item)
    if not articles:
        raise ReadError("; ".join(map(str, skipped)) or "no article found")
    return Ledger(articles=articles)

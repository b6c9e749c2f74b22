"""The Python API: ``newsledger.read(text_or_path) -> Ledger``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
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

"""``newsledger ingest``: read, extract and store a corpus, a batch of articles per transaction.

Already-stored texts are recognised by their content hash before extraction, so
re-running an ingest costs a lookup per article and an interrupted ingest
resumes where it stopped. A database failure (lock, full disk, lost server)
stops the run with one line; the batch being written is rolled back whole and every
batch before it stays stored (see :mod:`newsledger.store.batches`).
"""

from __future__ import annotations

import gzip
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from time import perf_counter

from sqlalchemy import Engine, exc, select
from tqdm import tqdm

from newsledger.api import extract
from newsledger.model import Article
from newsledger.pipeline import Pipeline
from newsledger.readers import Skipped, failure, read_inputs
from newsledger.readers.sources import ReadError, expand
from newsledger.store.batches import BATCH_ARTICLES, FATAL, BatchWriter
from newsledger.store.database import StoreError, describe_error, open_engine
from newsledger.store.schema import articles
from newsledger.store.writer import Written, content_hash, stored_copy


@dataclass
class IngestSummary:
    stored: int = 0
    near_duplicates: int = 0
    copies: int = 0  # the same text from another source, noted without extracting again
    present: int = 0  # already in the store
    events_new: int = 0
    events_merged: int = 0
    quotes: int = 0
    places: int = 0
    entities: int = 0
    stories_new: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0
    storage_seconds: float = 0.0

    def add(self, written: Written) -> None:
        if written.status == "present":
            self.present += 1
            return
        if written.status == "copy":
            self.copies += 1
            return
        self.stored += 1
        self.near_duplicates += written.duplicate_of is not None
        self.events_new += written.events_new
        self.events_merged += written.events_merged
        self.quotes += written.quotes
        self.places += written.places
        self.entities += written.entities
        self.stories_new += written.story_new

    def lines(self) -> list[str]:
        rate = self.stored / self.seconds if self.seconds else 0.0
        lines = [
            f"{self.stored} articles stored ({self.near_duplicates} near-duplicates linked), "
            f"{self.present} already stored, {self.copies} copies of stored articles, {len(self.skipped)} skipped",
            f"{self.events_new + self.events_merged} event reports: {self.events_new} new events, "
            f"{self.events_merged} joined to events already reported",
            f"{self.quotes} quotes, {self.places} place and {self.entities} entity records, "
            f"{self.stories_new} new stories",
            f"{self.seconds:.1f} s, {rate:.1f} articles/s; storing took {self.storage_seconds:.1f} s",
        ]
        kinds = Counter(item.kind for item in self.skipped)
        lines += [f"skipped {count}: {kind}" for kind, count in kinds.most_common(10)]
        return lines


def estimate_articles(paths: list[str]) -> int | None:
    """How many articles the inputs hold, roughly (a line per JSON Lines record), for the ETA."""
    total = 0
    try:
        for source in expand(paths):
            if source.path is None:
                return None
            if source.suffix in (".jsonl", ".ndjson"):
                opener = gzip.open if source.compressed else open
                with opener(source.path, "rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            else:
                total += 1
    except (ReadError, OSError):
        return None
    return total


class Ingest:
    """One ingest run into one store."""

    def __init__(
        self,
        engine: Engine,
        pipeline: Pipeline | None,
        progress: bool | None = None,
        extractor: Callable[[Iterable[Article | Skipped]], Iterator[Article | Skipped]] | None = None,
        reader: Callable[[list[str]], Iterator[Article | Skipped]] = read_inputs,
        batch_size: int = BATCH_ARTICLES,
    ) -> None:
        self.engine = engine
        # Reads that need no write lock (is this text stored?) go through a plain engine on the same store.
        self.reader = open_engine(engine.url.render_as_string(hide_password=False), create=False, write=False)
        self.pipeline = pipeline
        # How articles are extracted: the pipeline in this process, or e.g. api.extract_parallel.
        self.extractor = extractor or (lambda items: extract(items, pipeline))
        # How inputs become articles: the readers, or e.g. cluster.dataset.read_extracted for ledgers
        # extracted already (then the extractor passes them through).
        self.read = reader
        self.summary = IngestSummary()
        self.progress = progress
        self._bar: tqdm | None = None
        self.batches = BatchWriter(engine, batch_size)

    def _write(self, action: Callable[..., Written | None], article: Article) -> Written | None:
        started = perf_counter()
        try:
            with self.engine.begin() as conn:
                return action(conn, article)
        except FATAL as error:
            raise StoreError(describe_error(error)) from None
        except exc.SQLAlchemyError as error:
            self.summary.skipped.append(Skipped(article.source, f"could not be stored ({describe_error(error)[:200]})"))
            return None
        except Exception as error:  # this article's data, not the store: skip it, keep the rest
            self.summary.skipped.append(Skipped(article.source, f"could not be stored ({failure(error)})"))
            return None
        finally:
            self.summary.storage_seconds += perf_counter() - started

    def _new_articles(self, items: Iterable[Article | Skipped]) -> Iterator[Article | Skipped]:
        """Inputs not stored yet; stored ones are counted (and a new source noted) without extraction."""
        for item in items:
            if isinstance(item, Skipped):
                yield item
                continue
            if not self._is_stored(item):
                yield item  # the common case: checked without taking the write lock
                continue
            known = self._write(stored_copy, item)
            if known is None:
                yield item
            else:
                self.summary.add(known)
                self._tick()

    def _is_stored(self, article: Article) -> bool:
        """Whether the article's text is stored, read without a write transaction."""
        try:
            with self.reader.connect() as conn:
                query = select(articles.c.id).where(articles.c.content_hash == content_hash(article.text))
                return conn.execute(query).first() is not None
        except FATAL as error:
            raise StoreError(describe_error(error)) from None

    def _count(self, outcomes: list[Written | Skipped]) -> None:
        for outcome in outcomes:
            if isinstance(outcome, Skipped):
                self.summary.skipped.append(outcome)
            else:
                self.summary.add(outcome)

    def _tick(self) -> None:
        bar = self._bar
        if bar is None:
            return
        if bar.total is not None and bar.n + 1 >= bar.total:
            bar.total = bar.n + 2  # a page dump held more articles than the estimate: keep an ETA
        bar.update(1)

    def run(self, paths: list[str]) -> IngestSummary:
        started = perf_counter()
        show = sys.stderr.isatty() if self.progress is None else self.progress
        total = estimate_articles(paths) if show else None
        self._bar = tqdm(total=total, unit=" articles", disable=not show, file=sys.stderr, smoothing=0.1)
        try:
            for item in self.extractor(self._new_articles(self.read(paths))):
                if isinstance(item, Skipped):
                    self.summary.skipped.append(item)
                else:
                    self._count(self.batches.add(item))
                self._tick()
            self._count(self.batches.flush())
        finally:
            self.summary.storage_seconds += self.batches.storage_seconds
            if self._bar.total is not None:
                self._bar.total = self._bar.n
                self._bar.refresh()
            self._bar.close()
            self.reader.dispose()
            self.summary.seconds = perf_counter() - started
        return self.summary


def ingest(paths: list[str], engine: Engine, pipeline: Pipeline, progress: bool | None = None) -> IngestSummary:
    """Read, extract and store every article in ``paths``."""
    return Ingest(engine, pipeline, progress).run(paths)

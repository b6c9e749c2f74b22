"""The pipeline: articles flow through an ordered list of stages.

Each stage is a module under :mod:`newsledger.stages` that adds one layer to
the article (entities, places, dates, quotes, events) and never rewrites its
``text``: every offset a stage records points into that text. Stages work on
batches so a language model can parse many articles at once; the parse is kept
on :class:`Work` and shared by every later stage.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from time import perf_counter
from typing import Any, Protocol

from newsledger.model import Article


@dataclass
class Work:
    """An article on its way through the pipeline, with what stages share."""

    article: Article
    doc: Any = None  # the language model's parse, set once by the parse stage


class Stage(Protocol):
    """One step of the pipeline: adds one layer to each article of a batch."""

    name: str

    def __call__(self, batch: list[Work]) -> None: ...


class TextRewritten(RuntimeError):
    """A stage changed an article's text, which would break every offset."""


class Pipeline:
    """Runs its stages, in order, over batches of articles."""

    def __init__(self, stages: Sequence[Stage] = (), batch_size: int = 32) -> None:
        self.stages = list(stages)
        self.batch_size = batch_size
        self.seconds: dict[str, float] = {stage.name: 0.0 for stage in self.stages}  # time spent per stage
        self.failed: list[tuple[Article, str]] = []  # articles a stage raised on, with the reason

    @property
    def names(self) -> list[str]:
        return [stage.name for stage in self.stages]

    def run(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Every article through every stage. An article a stage fails on is left out and
        recorded in :attr:`failed`, so one bad article never stops a batch."""
        iterator = iter(articles)
        while batch := [Work(article) for article in islice(iterator, self.batch_size)]:
            try:
                self._run_batch(batch)
            except TextRewritten:
                raise
            except Exception:  # find the article at fault, keep the others
                for work in batch:
                    single = Work(work.article.model_copy(deep=True))
                    try:
                        self._run_batch([single])
                    except TextRewritten:
                        raise
                    except Exception as error:  # this article alone: record it and go on
                        self.failed.append((work.article, f"{type(error).__name__}: {error}"))
                        continue
                    yield single.article
                continue
            for work in batch:
                yield work.article

    def _run_batch(self, batch: list[Work]) -> None:
        texts = [work.article.text for work in batch]
        for stage in self.stages:
            started = perf_counter()
            stage(batch)
            self.seconds[stage.name] += perf_counter() - started
            if any(work.article.text is not text for work, text in zip(batch, texts, strict=True)):
                raise TextRewritten(f"stage {stage.name!r} rewrote an article's text")


def default_pipeline(model: str | None = None, actors: Sequence[str] = ()) -> Pipeline:
    """The stages ``newsledger extract`` runs, in order.

    ``model`` names a spaCy pipeline (else ``$NEWSLEDGER_MODEL`` or the best
    installed); ``actors`` are user actor lists that override the defaults.
    """
    from pathlib import Path

    from newsledger.lexicon import actor_dictionary
    from newsledger.stages.amounts import AmountStage
    from newsledger.stages.dates import DateStage
    from newsledger.stages.entities import EntityStage
    from newsledger.stages.events import EventStage
    from newsledger.stages.parse import ParseStage
    from newsledger.stages.places import PlaceStage
    from newsledger.stages.quotes import QuoteStage

    return Pipeline(
        stages=[
            ParseStage(model),
            EntityStage(actor_dictionary([Path(p) for p in actors])),
            PlaceStage(),
            DateStage(),
            AmountStage(),
            QuoteStage(),
            EventStage(),
        ]
    )

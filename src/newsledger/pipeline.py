"""The pipeline: articles flow through an ordered list of stages.

Each stage is a module under :mod:`newsledger.stages` that adds one layer to
the article (entities, places, dates, quotes, events) and never rewrites its
``text``: every offset a stage records points into that text. What a stage is,
what it declares, and the registry by name are in :mod:`newsledger.stage`. Stages work on
batches so a language model can parse many articles at once; the parse is kept
on :class:`Work` and shared by every later stage.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from time import perf_counter
from typing import Any

from newsledger.model import Article
from newsledger.stage import (
    LayerRewritten,
    Stage,
    TextRewritten,
    Work,
    check_layers,
    check_order,
    layer_snapshot,
    stage_factory,
)

DEFAULT_STAGES = ("parse", "entities", "places", "dates", "amounts", "quotes", "events")


class Pipeline:
    """Runs its stages, in order, over batches of articles."""

    def __init__(self, stages: Sequence[Stage] = (), batch_size: int = 32) -> None:
        check_order(stages)  # a stage that needs a layer nothing before it assigns fails here, not mid-corpus
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
            except (TextRewritten, LayerRewritten):  # a defect of the stage, not of the article
                raise
            except Exception:  # find the article at fault, keep the others
                for work in batch:
                    single = Work(work.article.model_copy(deep=True))
                    try:
                        self._run_batch([single])
                    except (TextRewritten, LayerRewritten):
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
            before = layer_snapshot(batch)
            started = perf_counter()
            stage(batch)
            self.seconds[stage.name] += perf_counter() - started
            check_layers(stage, before, batch)
            if any(work.article.text is not text for work, text in zip(batch, texts, strict=True)):
                raise TextRewritten(f"stage {stage.name!r} rewrote an article's text")


def default_pipeline(
    model: str | None = None, actors: Sequence[str] = (), stages: Sequence[str] = DEFAULT_STAGES
) -> Pipeline:
    """The stages ``newsledger extract`` runs, in order, built by name.

    ``model`` names a spaCy pipeline (else ``$NEWSLEDGER_MODEL`` or the best
    installed); ``actors`` are user actor lists that override the defaults;
    ``stages`` may name a user's own stages (see :mod:`newsledger.stage`).
    """
    from pathlib import Path

    from newsledger.lexicon import actor_dictionary

    settings: dict[str, dict[str, Any]] = {
        "parse": {"model": model},
        "entities": {"actors": actor_dictionary([Path(p) for p in actors])},
    }
    return Pipeline([stage_factory(name)(**settings.get(name, {})) for name in stages])


__all__ = ["DEFAULT_STAGES", "LayerRewritten", "Pipeline", "Stage", "TextRewritten", "Work", "default_pipeline"]

"""Declared stages: the pipeline checks their order when built, finds them by name (built-in, registered,
or from a user's package through the entry-point group), and refuses one that rewrites a layer it does not own."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import ClassVar

import pytest

from newsledger.model import Article, DateMention
from newsledger.pipeline import DEFAULT_STAGES, Pipeline
from newsledger.stage import (
    BUILTIN_STAGES,
    LayerRewritten,
    PipelineOrderError,
    Work,
    check_order,
    register_stage,
    stage_factory,
)


class Dates:
    name = "test-dates"
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ("dates",)

    def __call__(self, batch: list[Work]) -> None:
        for work in batch:
            work.article.dates = [DateMention(text="today", start=0, end=5)]


class NeedsDates:
    name = "needs-dates"
    requires: ClassVar[tuple[str, ...]] = ("dates",)
    assigns: ClassVar[tuple[str, ...]] = ("events",)

    def __call__(self, batch: list[Work]) -> None:
        pass


class ClearsDates(NeedsDates):
    name = "clears-dates"

    def __call__(self, batch: list[Work]) -> None:
        for work in batch:
            work.article.dates = []


def test_a_stage_before_what_it_requires_is_refused_when_the_pipeline_is_built() -> None:
    with pytest.raises(PipelineOrderError, match="'needs-dates' requires dates"):
        Pipeline([NeedsDates(), Dates()])
    Pipeline([Dates(), NeedsDates()])  # the right order is fine


def test_an_unknown_layer_is_refused() -> None:
    class Typo(Dates):
        assigns: ClassVar[tuple[str, ...]] = ("datse",)

    with pytest.raises(PipelineOrderError, match="unknown layer 'datse'"):
        check_order([Typo()])


def test_a_stage_that_rewrites_a_layer_it_does_not_own_is_stopped() -> None:
    pipeline = Pipeline([Dates(), ClearsDates()])
    with pytest.raises(LayerRewritten, match="'clears-dates' changed the dates layer"):
        list(pipeline.run([Article(id="a", source="t", text="today it rained")]))


def test_the_default_stages_declare_an_order_that_holds() -> None:
    stages = [stage_factory(name) for name in DEFAULT_STAGES]
    have: set[str] = set()
    for stage in stages:
        assert set(stage.requires) <= have, stage.name
        have |= set(stage.assigns)
    assert have == {"doc", "entities", "places", "dates", "amounts", "quotes", "events"}
    assert set(BUILTIN_STAGES) == set(DEFAULT_STAGES)


def test_stages_are_found_by_name_registered_and_from_an_entry_point(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    register_stage("test-dates")(Dates)
    assert stage_factory("test-dates") is Dates

    # A user's installed package: a module and a dist-info declaring it in the entry-point group.
    (tmp_path / "my_layers.py").write_text(
        "class Shout:\n"
        "    name = 'shout'\n"
        "    requires = ()\n"
        "    assigns = ('amounts',)\n"
        "    def __call__(self, batch):\n"
        "        pass\n",
        encoding="utf-8",
    )
    info = tmp_path / "my_layers-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: my-layers\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[newsledger.stages]\nshout = my_layers:Shout\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    factory = stage_factory("shout")
    assert factory.__name__ == "Shout" and factory.__module__ == "my_layers"
    with pytest.raises(PipelineOrderError, match="no stage named 'nope'"):
        stage_factory("nope")
    sys.modules.pop("my_layers", None)

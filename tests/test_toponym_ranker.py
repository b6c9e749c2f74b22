"""The learned toponym ranker: its data file, its choices on our own sentences, and the fallback without it."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from newsledger.gazetteer import ranker as ranker_module
from newsledger.gazetteer.ranker import Ranker, default_ranker, read
from newsledger.model import Article, Place
from newsledger.pipeline import Pipeline
from newsledger.stages.entities import EntityStage
from newsledger.stages.parse import ParseStage, load_model
from newsledger.stages.places import BASE_FEATURES, CUE_FEATURES, PlaceStage


@pytest.fixture(scope="module")
def model() -> Ranker:
    found = read()
    assert found is not None, "models/toponym_ranker.json is missing"
    return found.model


def places(text: str, ranker: object, dateline: str | None = None, default: bool = False) -> list[Place]:
    """The places of ``text`` resolved with ``ranker`` (with the stage's own default one if ``default``)."""
    load_model()
    stage = PlaceStage() if default else PlaceStage(ranker=ranker)
    pipeline = Pipeline([ParseStage(), EntityStage(), stage])
    (article,) = pipeline.run([Article(id="t", source="test", text=text, dateline=dateline)])
    return article.places


def named(found: list[Place], name: str) -> Place:
    for place in found:
        if any(m.text == name for m in place.mentions):
            return place
    raise AssertionError(f"no place for {name!r}: {[(p.name, p.country) for p in found]}")


def test_ranker_file_loads_quickly_with_its_provenance() -> None:
    started = time.perf_counter()
    found = read()
    assert time.perf_counter() - started < 0.05  # a JSON read, no scikit-learn
    assert found is not None
    assert set(BASE_FEATURES + CUE_FEATURES) <= set(found.model.weights)
    trained = found.meta["trained"]
    assert "train_ranker" in trained["command"] and trained["folds"] == len(found.folds) >= 2
    assert 0.0 < found.meta["cross_validated"]["accuracy_161"] <= 1.0
    assert "GeoWebNews" in found.meta["licence"] and "GPL" in found.meta["licence"]
    # The folds hold out disjoint sets of articles: each article has exactly one model that did not see it.
    held = [ids for ids, _ in found.folds]
    assert sum(len(ids) for ids in held) == len(frozenset().union(*held))
    some = sorted(held[1])[0]
    assert found.for_article(some) is found.folds[1][1]
    assert found.for_article("not a GeoWebNews article") is None


def test_dateline_in_georgia_us_picks_athens_georgia(model: Ranker) -> None:
    text = "Students marched through downtown Athens on Friday, and the mayor of Athens met them at noon."
    athens = named(places(text, model, dateline="ATHENS, Ga."), "Athens")
    assert athens.country == "US" and athens.admin1 == "Georgia"


def test_article_about_greece_picks_athens_greece(model: Ranker) -> None:
    text = "Greek ministers met in Athens on Friday as the government of Greece drew up a new budget."
    athens = named(places(text, model), "Athens")
    assert athens.country == "GR"


def test_other_places_of_the_article_pick_the_us_state(model: Ranker) -> None:
    # "Georgia" alone is first the country; beside two towns of the US state it is the state.
    found = places("Farmers in Georgia said the storm near Athens and Macon had ruined their peanut crop.", model)
    georgia = named(found, "Georgia")
    assert georgia.country == "US" and georgia.kind == "admin1"
    assert named(found, "Macon").admin1 == "Georgia"
    alone = named(places("Georgia and Armenia signed a trade deal in Tbilisi on Monday.", model), "Georgia")
    assert alone.country == "GE" and alone.kind == "country"


def test_the_choice_follows_the_weights() -> None:
    # A made-up model that only likes small towns must not pick Athens, Greece; one that likes big ones must.
    text = "Talks in Athens ended without a deal on Tuesday."
    big = named(places(text, Ranker({"log_population": 10.0})), "Athens")
    small = named(places(text, Ranker({"log_population": -10.0})), "Athens")
    assert big.country == "GR"
    assert small.geonameid != big.geonameid


def test_missing_file_falls_back_to_the_hand_set_scores(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert read(tmp_path / "nothing.json") is None
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"format": 0, "model": {"weights": {}}}), encoding="utf-8")
    assert read(old) is None  # a file of another format is ignored, not misread
    monkeypatch.setattr(ranker_module, "FILE", "no_such_ranker.json")
    monkeypatch.delenv(ranker_module.ENV, raising=False)
    default_ranker.cache_clear()
    try:
        assert default_ranker() is None
        text = "Heavy rain flooded roads near Kursk and in the Belgorod region, officials in Russia said."
        assert PlaceStage().ranker is None
        fallback = places(text, None, default=True)
        hand = places(text, None)
        assert [p.model_dump() for p in fallback] == [p.model_dump() for p in hand]
        assert named(fallback, "Kursk").country == "RU"
    finally:
        monkeypatch.undo()
        default_ranker.cache_clear()

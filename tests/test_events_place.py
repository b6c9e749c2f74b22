"""Where an event happened: the learned place linker on our own sentences, and its fallback to the hand rule."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from newsledger.model import Article, Event
from newsledger.syntax import event_place
from newsledger.syntax.event_place import MODEL_ENV, EventPlaceModel, event_place_model

Read = Callable[[str], Article]  # the `read` fixture of conftest.py: one text through the pipeline


@pytest.fixture
def weights(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Lets a test point the linker at another weights file; the bundled one is read again afterwards."""
    event_place_model.cache_clear()
    yield
    monkeypatch.delenv(MODEL_ENV, raising=False)
    event_place_model.cache_clear()


def place_name(article: Article, event: Event) -> str | None:
    return next((p.name for p in article.places if p.id == event.place), None)


def coded(article: Article, event_type: str) -> Event:
    events = [e for e in article.events if e.type == event_type]
    assert events, f"no {event_type} among {[(e.type, e.trigger.text) for e in article.events]}"
    return events[0]


def test_bundled_weights_are_read_and_credit_the_data() -> None:
    model = event_place_model()
    assert model is not None and len(model.weights) > 20
    assert "MIT" in str(model.about["data"]) and model.about["command"].startswith("python -m newsledger")
    assert float(model.about["held_out"]["F1"]) > 0.5


def test_the_shelled_town_not_where_the_officials_are(read: Read) -> None:
    article = read("Troops shelled the town of Bakhmut on Monday, officials in Kyiv said.")
    event = coded(article, "ASSAULT")
    assert place_name(article, event) == "Bakhmut"


def test_a_place_on_the_event_wins_over_a_nearer_one(read: Read) -> None:
    article = read("Police in Lahore said gunmen killed three soldiers in Quetta late on Sunday.")
    event = coded(article, "ASSAULT")
    assert place_name(article, event) == "Quetta" and event.place_source == "clause"


def test_a_statement_does_not_happen_in_its_topic(read: Read) -> None:
    article = read("Speaking in Geneva on Tuesday, the French foreign minister accused Russia of war crimes.")
    event = coded(article, "ACCUSE")
    assert place_name(article, event) != "Russia"


def test_a_sentence_without_the_events_place_says_none(read: Read) -> None:
    # the Italian minister's country is not where the arrests were made
    article = read("Italian Interior Minister Matteo Piantedosi said 40 people had been arrested.")
    assert all(event.place is None for event in article.events if event.type == "COERCE")


def test_places_of_other_clauses_are_not_the_events(read: Read) -> None:
    # the hand rule takes the nearest place of the sentence in both; neither says where the event was
    for text, event_type in (
        ("The refugees, who fled Syria in 2015, protested outside the town hall on Monday.", "PROTEST"),
        ("Protesters marched to the embassy, chanting slogans against Israel.", "PROTEST"),
    ):
        article = read(text)
        event = coded(article, event_type)
        assert event.place_source not in ("clause", "sentence"), (text, place_name(article, event))


def test_missing_weights_fall_back_to_the_hand_rule(read: Read, weights, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(MODEL_ENV, str(tmp_path / "absent.json"))
    assert event_place_model() is None
    # the hand rule: no locative phrase on "killed", so the nearest place of the sentence
    article = read("Officials in Kabul said a bomb killed nine people.")
    assert place_name(article, coded(article, "ASSAULT")) == "Kabul"


def test_the_weights_decide(read: Read, weights, monkeypatch, tmp_path: Path) -> None:
    # a hand-made file that wants the place before the trigger and nothing else: proves the file is used
    path = tmp_path / "before.json"
    path.write_text(json.dumps({"threshold": 0.0, "weights": {"before": 1.0, "after": -1.0}}), encoding="utf-8")
    monkeypatch.setenv(MODEL_ENV, str(path))
    article = read("Officials in Lahore said gunmen killed three soldiers in Quetta.")
    assert place_name(article, coded(article, "ASSAULT")) == "Lahore"
    path.write_text(json.dumps({"threshold": 5.0, "weights": {"before": 1.0}}), encoding="utf-8")
    event_place_model.cache_clear()
    article = read("Gunmen killed three soldiers in Quetta.")
    assert coded(article, "ASSAULT").place_source != "clause"  # below the threshold: the sentence says none


def test_choose_takes_the_best_option_above_the_threshold() -> None:
    model = EventPlaceModel(weights={"a": 2.0, "b": 1.0}, threshold=1.5, about={})
    assert model.choose([(0, {"b": 1.0}), (1, {"a": 1.0})]) == 1
    assert model.choose([(0, {"b": 1.0})]) is None
    assert event_place.EventPlaceModel.score(model, {"a": 1.0, "b": 2.0, "unknown": 3.0}) == 4.0

"""Events: PLOVER type, actors, status and source on our own sentences."""

from __future__ import annotations

import pytest

import newsledger
from newsledger.model import Article, Event


@pytest.fixture(scope="module")
def read():  # type: ignore[no-untyped-def]
    from newsledger.pipeline import default_pipeline

    pipeline = default_pipeline()

    def run(text: str) -> Article:
        article = Article(id="t", source="test", text=text, published="2024-06-12")
        return next(iter(pipeline.run([article])))

    return run


def only(article: Article, event_type: str) -> Event:
    events = [e for e in article.events if e.type == event_type]
    assert events, f"no {event_type} among {[(e.type, e.trigger.text) for e in article.events]}"
    return events[0]


def test_assault_with_actors_and_codes(read) -> None:  # type: ignore[no-untyped-def]
    article = read("Israeli forces shelled the Gaza Strip on Tuesday, killing four civilians.")
    event = only(article, "ASSAULT")
    assert event.actor1.country == "IL" and event.actor1.actor_code == "ISR MIL"
    assert article.text[event.trigger.start : event.trigger.end] == event.trigger.text
    assert event.status == "asserted" and event.source is None
    assert event.date is not None and event.date.value == "2024-06-11"


def test_claimed_event_names_its_source(read) -> None:  # type: ignore[no-untyped-def]
    article = read("The Sudanese army said it had recaptured the town of Wad Madani from the Rapid Support Forces.")
    event = only(article, "ASSAULT")
    assert event.status == "claimed"
    source = next(e for e in article.entities if e.id == event.source)
    assert source.country == "SD"


def test_unverified_claim(read) -> None:  # type: ignore[no-untyped-def]
    text = "Rebels said they had captured the airport in Goma, a claim that could not be independently verified."
    assert only(read(text), "ASSAULT").status == "unverified"


def test_negated_planned_and_conditional(read) -> None:  # type: ignore[no-untyped-def]
    assert only(read("Turkey did not attack the Kurdish fighters near Kobani."), "ASSAULT").status == "negated"
    meeting = only(read("Egyptian President Abdel Fattah el-Sisi will meet Qatar's emir on Friday."), "CONSULT")
    assert meeting.status == "planned"
    text = "Iran would attack Israel if the United States deployed more warships, a commander said."
    assert only(read(text), "ASSAULT").status == "conditional"


def test_verbal_types(read) -> None:  # type: ignore[no-untyped-def]
    assert only(read("Poland accused Belarus of pushing migrants across the border."), "ACCUSE").actor2 is not None
    rejected = only(read("Hamas rejected the Israeli proposal for a six-week truce."), "REJECT")
    assert rejected.actor1.actor_code and rejected.actor1.actor_code.endswith("REB")
    assert only(read("The European Union imposed new sanctions on Iran."), "SANCTION").actor2 is not None
    urged = only(read("Germany urged China to press Russia to end the war."), "REQUEST")
    assert urged.actor1.country == "DE"


def test_repeated_reports_become_mentions() -> None:
    text = (
        "Ukrainian troops attacked Russian positions near Bakhmut on Monday.\n\n"
        "Officials in Kyiv confirmed the fighting.\n\n"
        "Ukrainian troops attacked Russian positions again, the army said."
    )
    ledger = newsledger.read(text)
    assaults = [e for e in ledger.articles[0].events if e.type == "ASSAULT"]
    assert len(assaults) == 1 and len(assaults[0].mentions) == 1

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


def types(article: Article) -> list[str]:
    return [e.type for e in article.events]


def test_protests_from_crowds_and_protest_nouns(read) -> None:  # type: ignore[no-untyped-def]
    assert only(read("Thousands of protesters rallied in Minsk on Sunday."), "PROTEST").mode == "demo"
    assert only(read("Workers at the port went on strike on Monday."), "PROTEST").mode == "strike"
    assert "PROTEST" in types(read("Protests erupted in several Colombian cities on Tuesday."))
    assert "PROTEST" in types(read("Thousands of people took to the streets of Kampala."))
    assert "PROTEST" in types(read("Demonstrators staged a sit-in outside the parliament in Yerevan."))
    # One protest, not two: the noun is folded into the verb that carries it.
    marched = read("Hundreds of students marched in a peaceful protest over the shooting.")
    assert types(marched).count("PROTEST") == 1


def test_what_is_not_a_street_protest(read) -> None:  # type: ignore[no-untyped-def]
    assert types(read("Stocks rallied on Monday after the Federal Reserve decision.")) == []
    assert "PROTEST" not in types(read("The minister resigned in protest."))
    assert "PROTEST" not in types(read("This is a demonstration of our commitment to the alliance."))
    # A state's protest is a diplomatic complaint.
    lodged = read("Serbia lodged an official protest with Albania on Tuesday.")
    assert "ACCUSE" in types(lodged) and "PROTEST" not in types(lodged)


def test_crowd_violence_is_a_riot(read) -> None:  # type: ignore[no-untyped-def]
    article = read("Protesters hurled rocks at police outside the parliament in Beirut.")
    assert only(article, "PROTEST").mode == "riot" and "ASSAULT" not in types(article)
    assert only(read("Police used tear gas and water cannon against the crowd."), "ASSAULT").mode == "crowd-control"
    assert only(read("Gunmen opened fire on a bus near Peshawar."), "ASSAULT").mode == "firearms"


def test_hazards_and_figures_of_speech_are_not_attacks(read) -> None:  # type: ignore[no-untyped-def]
    assert types(read("A strong earthquake killed eight people on the Indonesian island of Java.")) == []
    assert "ASSAULT" not in types(read("Four people were injured when a gas tank exploded at the plant in Ohio."))
    assert "ASSAULT" in types(read("Four people were killed when a bomb exploded at a market in Mogadishu."))
    assert "ASSAULT" not in types(read("A drone captured footage of the flooding in Pakistan."))
    assert "ASSAULT" not in types(read("With treatment, the senator regained control over his health."))
    assert "ASSAULT" in types(read("Al-Shabab militants took control of the town of Bulo Burde."))
    assert "ASSAULT" not in types(read("North Korea is preparing to launch a long-range missile, officials said."))


def test_lexical_negation_and_modality(read) -> None:  # type: ignore[no-untyped-def]
    assert only(read("Israel and Hamas failed to reach an agreement in Cairo."), "AGREE").status == "negated"
    assert only(read("Hamas refused to release the hostages."), "RETREAT").status == "negated"
    assert only(read("The teachers' union called off the strike in Nairobi."), "PROTEST").status == "negated"
    assert only(read("Police foiled an attack on the embassy in Nairobi."), "ASSAULT").status == "negated"
    assert only(read("No one was killed in the attack on the convoy, the army said."), "ASSAULT").status == "negated"
    denied = only(read("Russia denied attacking the convoy near Kharkiv."), "ASSAULT")
    assert denied.status == "disputed" and denied.source is None  # the denier does not claim it
    assert only(read("Turkey plans to deploy troops to Libya."), "MOBILIZE").status == "planned"
    assert only(read("Unions called for a general strike in Athens on Friday."), "PROTEST").status == "planned"

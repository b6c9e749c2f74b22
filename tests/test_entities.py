"""Entities: merged mentions, roles, countries and actor codes, on our own fixture sentences."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from newsledger.lexicon import ActorDictionary, actor_dictionary, countries, name_key
from newsledger.model import Entity
from newsledger.stages.entities import build_entities, sector_of
from newsledger.stages.parse import load_model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model()


def entities_of(nlp: Language, text: str, actors: ActorDictionary | None = None) -> list[Entity]:
    return build_entities(nlp(text), actors)


def find(entities: list[Entity], name: str) -> Entity:
    matches = [e for e in entities if e.name == name]
    assert matches, f"{name!r} not among {[e.name for e in entities]}"
    return matches[0]


TEXT = (
    "Maria Kovalenko, Ukraine's deputy foreign minister, said on Tuesday that talks would resume. "
    "Kovalenko added that prisoners would be exchanged. "
    "Maj. Gen. Petro Hrytsenko, commander of Ukraine's Eastern Operational Command, was dismissed. "
    "Kremlin spokesman Ivan Sorokin declined to comment. "
    "The Russian Defense Ministry said its forces had captured a village in the Sumy region. "
    "Local official Peter Jones said the road was closed."
)


def test_mentions_merge_and_offsets_point_into_the_text(nlp: Language) -> None:
    entities = entities_of(nlp, TEXT)
    kovalenko = find(entities, "Maria Kovalenko")
    assert len(kovalenko.mentions) == 2
    for entity in entities:
        for mention in entity.mentions:
            assert TEXT[mention.start : mention.end] == mention.text
    assert len({e.id for e in entities}) == len(entities)


def test_roles_titles_and_countries(nlp: Language) -> None:
    entities = entities_of(nlp, TEXT)
    kovalenko = find(entities, "Maria Kovalenko")
    assert "Ukraine's deputy foreign minister" in kovalenko.roles
    assert kovalenko.country == "UA" and kovalenko.actor_code == "UKR GOV"
    general = find(entities, "Petro Hrytsenko")
    assert "Maj. Gen." in general.roles
    assert any(role.startswith("commander of Ukraine's Eastern Operational Command") for role in general.roles)
    assert general.country == "UA" and general.actor_code == "UKR MIL"
    sorokin = find(entities, "Ivan Sorokin")
    assert sorokin.roles == ["Kremlin spokesman"]
    assert sorokin.country == "RU" and sorokin.actor_code == "RUS GOV"


def test_organisation_country_from_its_name(nlp: Language) -> None:
    ministry = find(entities_of(nlp, TEXT), "Russian Defense Ministry")
    assert ministry.type == "ORG" and ministry.country == "RU" and ministry.actor_code == "RUS MIL"


def test_unknown_country_stays_null(nlp: Language) -> None:
    jones = find(entities_of(nlp, TEXT), "Peter Jones")
    assert jones.country is None


def test_places_are_entities_even_where_the_ner_fails(nlp: Language) -> None:
    entities = entities_of(nlp, TEXT)
    sumy = find(entities, "Sumy")
    assert sumy.type == "GPE"
    ukraine = find(entities, "Ukraine")
    assert ukraine.type == "GPE" and ukraine.country == "UA" and ukraine.actor_code == "UKR"


def test_possessive_gives_the_owner_country(nlp: Language) -> None:
    text = "Ukrainian President Andriy Melnyk spoke on Friday. Melnyk's chief adviser, Taras Bondar, told reporters."
    entities = entities_of(nlp, text)
    assert find(entities, "Andriy Melnyk").country == "UA"
    assert find(entities, "Taras Bondar").country == "UA"


def test_surname_tagged_as_organisation_joins_the_person(nlp: Language) -> None:
    text = "Envoy Robert Hale arrived in Cairo on Sunday. Hale's talks with officials lasted four hours."
    hale = find(entities_of(nlp, text), "Robert Hale")
    assert len(hale.mentions) == 2


def test_seat_of_government_stands_for_its_country(nlp: Language) -> None:
    text = "The Pentagon said on Monday that it would send more air defence systems to the region."
    pentagon = next(e for e in entities_of(nlp, text) if name_key(e.name) == "pentagon")
    assert pentagon.country == "US" and pentagon.actor_code == "USA GOV"


def test_user_actor_list_overrides_defaults(nlp: Language, tmp_path: Path) -> None:
    path = tmp_path / "actors.csv"
    path.write_text("name,aliases,type,country,sector\nPeter Jones,P. Jones,PERSON,GB,GOV\n", encoding="utf-8")
    jones = find(entities_of(nlp, TEXT, actor_dictionary([path])), "Peter Jones")
    assert jones.country == "GB" and jones.actor_code == "GBR GOV"
    yaml_path = tmp_path / "actors.yaml"
    yaml_path.write_text("- name: Peter Jones\n  type: PERSON\n  country: IE\n  sector: MIL\n", encoding="utf-8")
    assert find(entities_of(nlp, TEXT, actor_dictionary([yaml_path])), "Peter Jones").actor_code == "IRL MIL"


def test_lexicon_lookups() -> None:
    table = countries()
    assert table.named("U.S.").iso2 == "US"
    assert table.named("the United States").iso2 == "US"
    assert table.named("Ukrainian").iso2 == "UA"
    assert table.governed_from("the Kremlin").iso2 == "RU"
    assert table.mentioned_in("commander of Ukraine's Northern Command").iso2 == "UA"
    assert table.named("Ministry") is None


@pytest.mark.parametrize(
    ("role", "sector"),
    [("Kremlin spokesman", "GOV"), ("commander of the 3rd Brigade", "MIL"), ("a Washington-based think tank", "NGO"),
     ("rebel commander", "REB"), ("news agency", "MED"), ("chess champion", None)],
)  # fmt: skip
def test_sector_words(role: str, sector: str | None) -> None:
    assert sector_of(role) == sector


def test_surname_alone_resolves_through_a_unique_dictionary_entry(nlp: Language, tmp_path: Path) -> None:
    entities = entities_of(nlp, "Talks continued after a meeting with Gerasimov on Monday.")
    general = find(entities, "Valery Gerasimov")
    assert general.country == "RU" and general.mentions[0].text == "Gerasimov"
    path = tmp_path / "actors.csv"
    path.write_text(
        "name,aliases,type,country,sector\nJohn Okoro,,PERSON,NG,MIL\nMary Okoro,,PERSON,GH,GOV\n", encoding="utf-8"
    )
    entities = entities_of(nlp, "Okoro told reporters the talks would go on.", actor_dictionary([path]))
    okoro = next(e for e in entities if "Okoro" in e.name)
    assert okoro.country is None  # two dictionary people share the surname: no guess


def holders(nlp: Language, text: str, day: str) -> dict[str, list[str]]:
    """Person entities of ``text`` read on ``day``: name -> the texts of their mentions."""
    found = build_entities(nlp(text), published=day)
    return {e.name: [m.text or "" for m in e.mentions] for e in found if e.type == "PERSON"}


def test_an_office_names_whoever_held_it_on_the_article_date(nlp: Language) -> None:
    text = "The U.S. president spoke with the Russian president about the talks on Friday."
    before = holders(nlp, text, "2010-06-04")  # held then by Obama (Phoenix) and Medvedev (our list)
    assert before == {"Barack Obama": ["U.S. president"], "Dmitry Medvedev": ["Russian president"]}
    after = holders(nlp, text, "2022-06-03")  # the same offices, other holders
    assert after == {"Joe Biden": ["U.S. president"], "Vladimir Putin": ["Russian president"]}
    assert holders(nlp, text, "1890-01-01") == {}  # nobody known then
    assert build_entities(nlp(text)) == build_entities(nlp(text), published=None)  # undated: nothing guessed


def test_an_office_holder_already_named_gets_the_description_as_a_mention(nlp: Language) -> None:
    text = "Olaf Scholz arrived in Paris on Monday. Germany's chancellor met the president of France there."
    found = holders(nlp, text, "2023-02-06")
    assert found["Olaf Scholz"] == ["Olaf Scholz", "Germany's chancellor"]
    assert found["Emmanuel Macron"] == ["president of France"]


def test_descriptions_that_name_no_current_holder_are_left_alone(nlp: Language) -> None:
    text = (
        "A former U.S. president visited the club. The club president and Ukraine's deputy prime minister "
        "greeted him, and presidents of three companies came too."
    )
    assert holders(nlp, text, "2023-02-06") == {}


def test_a_bare_office_takes_the_dateline_country_unless_a_holder_is_named(nlp: Language) -> None:
    doc = nlp("The president said on Tuesday that the talks would go on.")
    found = build_entities(doc, dateline="KYIV", published="2024-03-05")
    assert [(e.name, e.country) for e in found if e.type == "PERSON"] == [("Volodymyr Zelensky", "UA")]
    named = nlp("President Andrzej Duda spoke first. The president said on Tuesday that the talks would go on.")
    found = build_entities(named, dateline="KYIV", published="2024-03-05")
    assert [e.name for e in found if e.type == "PERSON"] == ["Andrzej Duda"]  # the resolver's to tie "the president"


def test_a_surname_joins_the_article_person_before_a_dictionary_alias(nlp: Language) -> None:
    # "Lavrov" is also a Phoenix alias of "Sergey Lavrov": the article's Sergei Lavrov comes first
    text = 'Sergei Lavrov arrived in Ankara on Monday. "We are ready," Lavrov told reporters.'
    people = holders(nlp, text, "2026-02-03")
    assert people == {"Sergei Lavrov": ["Sergei Lavrov", "Lavrov"]}

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

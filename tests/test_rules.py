"""Rule tables: the bundled speech and sector tables, a user's rows on top, and row-numbered errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import extract_in_subprocess
from newsledger.resolve import sectors
from newsledger.rules import RuleError
from newsledger.syntax import place_nouns, speech


@pytest.fixture(autouse=True)
def _fresh_tables() -> Iterator[None]:
    speech._classes.cache_clear()
    sectors.sector_patterns.cache_clear()
    place_nouns.place_nouns.cache_clear()
    yield
    speech._classes.cache_clear()
    sectors.sector_patterns.cache_clear()
    place_nouns.place_nouns.cache_clear()


def test_bundled_speech_verbs_know_clause_and_evaluation_verbs() -> None:
    verbs = speech.speech_verbs()
    assert "clause" in verbs["say"] and verbs["praise"] == {"evaluation"}
    assert "claim" in speech.speech_nouns() and "said" in speech.speech_nouns()["report"]


def test_a_reporting_verb_is_one_row_of_a_user_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    user = tmp_path / "verbs.tsv"
    user.write_text("# mine\nlemma\tclasses\nopine\tclause\npraise\tclause\n", encoding="utf-8")
    monkeypatch.setenv("NEWSLEDGER_SPEECH_VERBS", str(user))
    verbs = speech.speech_verbs()
    assert verbs["opine"] == {"clause"} and verbs["praise"] == {"clause"} and "say" in verbs


def test_a_bad_row_names_its_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    user = tmp_path / "verbs.tsv"
    user.write_text("lemma\tclasses\n# a comment\nmumble\tloudly\n", encoding="utf-8")
    monkeypatch.setenv("NEWSLEDGER_SPEECH_VERBS", str(user))
    with pytest.raises(RuleError, match=r"verbs\.tsv: line 3: needs a lemma"):
        speech.speech_verbs()


def test_sectors_first_match_wins_and_user_rows_come_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert sectors.sector_of("rebels") == "REB" and sectors.sector_of("army commander") == "MIL"
    assert sectors.sector_of("riot police") == "COP" and sectors.sector_of("the foreign minister") == "GOV"
    assert sectors.sector_of("a baker") is None
    user = tmp_path / "sectors.tsv"
    user.write_text("sector\tpattern\nBUS\tbakers?\nCOP\tministers?\n", encoding="utf-8")
    monkeypatch.setenv("NEWSLEDGER_SECTORS", str(user))
    sectors.sector_patterns.cache_clear()
    assert sectors.sector_of("a baker") == "BUS" and sectors.sector_of("the foreign minister") == "COP"


def test_a_bad_sector_pattern_is_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    user = tmp_path / "sectors.tsv"
    user.write_text("sector\tpattern\nGOV\t(unclosed\n", encoding="utf-8")
    monkeypatch.setenv("NEWSLEDGER_SECTORS", str(user))
    with pytest.raises(RuleError, match="line 2: the pattern is not a regular expression"):
        sectors.sector_of("x")


def test_a_missing_user_file_is_a_rule_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLEDGER_SECTORS", "/nonexistent/sectors.tsv")
    with pytest.raises(RuleError, match="cannot read it"):
        sectors.sector_of("x")


def test_place_nouns_serve_both_the_entity_rules_and_the_geocoder() -> None:
    nouns = place_nouns.place_nouns()
    assert nouns["region"].unit == "admin1" and {"place-after", "unit-of"} <= nouns["region"].roles
    assert nouns["border"].unit is None and nouns["border"].roles == {"place-after"}
    assert "town" in place_nouns.nouns_with("place-of") and "rayon" in place_nouns.nouns_with("unit-after", "admin2")


def test_a_place_noun_is_one_row_of_a_user_file(tmp_path: Path) -> None:
    """ "the Kursk okrug": unknown, no place; one user row makes it a place and the oblast, not the city."""
    story = tmp_path / "story.txt"
    story.write_text("Kursk shelling\n\nRussian shelling hit a school in the Kursk okrug on Monday, officials said.\n")
    mine = tmp_path / "nouns.tsv"
    mine.write_text("noun\tunit\troles\nokrug\tadmin1\tplace-after|unit-after\n", encoding="utf-8")

    def places(env: dict[str, str]) -> list[tuple[str, str]]:
        ledger = extract_in_subprocess(story, env)
        return [(p["name"], p["kind"]) for p in ledger["articles"][0]["places"]]

    assert ("Kursk Oblast", "admin1") not in places({})
    assert ("Kursk Oblast", "admin1") in places({"NEWSLEDGER_PLACE_NOUNS": str(mine)})


def test_a_place_noun_that_picks_a_unit_must_name_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    user = tmp_path / "nouns.tsv"
    user.write_text("noun\tunit\troles\n\nenclave\t-\tunit-after\n", encoding="utf-8")
    monkeypatch.setenv("NEWSLEDGER_PLACE_NOUNS", str(user))
    with pytest.raises(RuleError, match=r"nouns\.tsv: line 3: 'enclave' picks a unit"):
        place_nouns.place_nouns()


def test_admin1_names_are_a_table_and_a_bad_code_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsledger.gazetteer import build

    build.admin1_english.cache_clear()
    assert build.admin1_english()["RU-PRI"] == ("Primorsky Krai", "Primorye")
    user = tmp_path / "admin1.tsv"
    user.write_text("code\tname\taliases\nPrimorye\tPrimorsky Krai\t\n", encoding="utf-8")
    monkeypatch.setenv(build.ADMIN1_NAMES_ENV, str(user))
    build.admin1_english.cache_clear()
    with pytest.raises(RuleError, match=r"admin1\.tsv: line 2: needs an ISO 3166-2 code"):
        build.admin1_english()
    build.admin1_english.cache_clear()

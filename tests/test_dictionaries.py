"""The dictionaries converter on small invented CAMEO/Phoenix/PLOVER files, and the frame lookup."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsledger.cli import main
from newsledger.dictionaries.cameo import parse_pattern, read_frames, read_plover_table
from newsledger.dictionaries.frames import FrameTable, VerbFrame, cameo_frames
from newsledger.dictionaries.phoenix import actor_rows, read_actor_blocks, read_agents
from newsledger.lexicon import ActorDictionary, Term, phoenix_actors

CAMEO = """# invented
&GOODS
+WIDGETS
+GADGET

####### VERB PATTERNS #######

---  FROB   [170]  ---
FROB {FROBBED FROBBING }
+FROB_OFF [084]
- * &GOODS                     [163]  # FROB
- * {TRADE TALKS} (WITH)       [046]
- * (ON {FOREIGN WIDGETS})     [999]
"""
PLOVER = """04: CONSULT
046: CONSULT,   , diplomatic    # Engage in negotiation
084: RETREAT,   ,  # Return, release
163: COERCE, restrict,   diplomatic # Impose embargo
170: COERCE, ,    # Coerce
"""
AGENTS = """!PERSON! = MAN, WOMAN
RIOT_POLICE [~COP]
DOCK!PERSON! [~LAB]
RIOT_POLICE [~GOV]
"""

# An invented country whose presidency changed hands twice, a minister under a titled alias, an institution
# and a bare country block (which the converter leaves to countries.tsv).
COUNTRY_ACTORS = """FREEDONIA_ [FRE]
+FREEDONIAN_
# Presidents
RUFUS_FIREFLY_  # CountryInfo.txt
+R._T._FIREFLY
+PRESIDENT_FIREFLY
	[FREELI 600101-990630]
	[FREGOV 990701-050131]
	[FREELI]
ANNA_TRENTINO
TRENTINO_
	[FREGOV >050201]
# Ministers
BOB_ROLAND_  # CountryInfo.txt
+FOREIGN_MINISTER_BOB_ROLAND
	[FREGOV 020301-080101]
FREEDONIAN_WAR_OFFICE_ [FREGOVMIL]
+WAR_OFFICE_OF_FREEDONIA
"""
GROUP_ACTORS = """RED_HAND_FRONT_ [FREREB] # invented
+RHF_
"""


@pytest.fixture
def source(tmp_path: Path) -> Path:
    (tmp_path / "CAMEO.2.0.txt").write_text(CAMEO, encoding="utf-8")
    (tmp_path / "CAMEO2PLOVER-2021.txt").write_text(PLOVER, encoding="utf-8")
    (tmp_path / "Phoenix.agents.txt").write_text(AGENTS, encoding="utf-8")
    (tmp_path / "LICENSE-petrarch2").write_text("MIT", encoding="utf-8")
    (tmp_path / "Phoenix.Countries.actors.txt").write_text(COUNTRY_ACTORS, encoding="utf-8")
    (tmp_path / "Phoenix.International.actors.txt").write_text("", encoding="utf-8")
    (tmp_path / "Phoenix.MilNonState.actors.txt").write_text(GROUP_ACTORS, encoding="utf-8")
    return tmp_path


def test_actor_blocks_keep_names_dated_codes_and_offices(source: Path) -> None:
    iso2 = {"FRE": "FD"}
    rows = {row[0]: row for row in actor_rows(read_actor_blocks(source / "Phoenix.Countries.actors.txt"), iso2, False)}
    assert "Freedonia" not in rows  # a country block: countries.tsv holds it
    firefly = rows["Rufus Firefly"]
    assert firefly[1] == "r. t. firefly" and firefly[2:5] == ("PERSON", "FD", "GOV")  # the titled alias dropped
    assert firefly[5] == "FREELI 1960-01-01..1999-06-30|FREGOV 1999-07-01..2005-01-31 president|FREELI .."
    assert rows["Anna Trentino"][1] == "trentino" and rows["Anna Trentino"][5] == "FREGOV 2005-02-01.. president"
    # no header names his office, his titled alias does
    assert rows["Bob Roland"][5] == "FREGOV 2002-03-01..2008-01-01 foreign minister"
    assert rows["Freedonian War Office"][2:5] == ("ORG", "FD", "GOV")
    groups = list(actor_rows(read_actor_blocks(source / "Phoenix.MilNonState.actors.txt"), iso2, True))
    assert groups == [("Red Hand Front", "rhf", "GROUP", "FD", "REB", "FREREB ..")]


def test_patterns_become_typed_frames(source: Path) -> None:
    plover = read_plover_table(source / "CAMEO2PLOVER-2021.txt")
    assert plover["163"] == ("COERCE", "restrict")
    frames = {
        (f.verb, f.particle, f.object, f.prep, f.prep_object, f.type)
        for f in read_frames(source / "CAMEO.2.0.txt", plover)
    }
    assert ("frob", "", "", "", "", "COERCE") in frames  # the block's default
    assert ("frob", "off", "", "", "", "RETREAT") in frames  # a phrasal verb's own code
    assert ("frob", "", "&goods", "", "", "COERCE") in frames
    assert ("frob", "", "talk", "with", "", "CONSULT") in frames
    assert not any(f[3] == "on" for f in frames)  # [999] has no PLOVER type: dropped, not guessed
    assert parse_pattern("* {MARTIAL LAW} (OF EMERGENCY)", {}) == ("law", "of", "emergency")


def test_agents_expand_macros_and_keep_the_first_code(source: Path) -> None:
    assert list(read_agents(source / "Phoenix.agents.txt")) == [
        ("riot police", "COP"), ("dock man", "LAB"), ("dock woman", "LAB")
    ]  # fmt: skip


def test_command_writes_the_tables_with_credits(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["dictionaries", "--source", str(source), "--output", str(out)])
    assert result.exit_code == 0, result.output
    frames = (out / "cameo_frames.tsv").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in frames and "frob\t\t&goods" in frames
    assert "gadget" in (out / "cameo_synsets.tsv").read_text(encoding="utf-8")
    assert (out / "LICENSE-petrarch2").exists()
    actors = (out / "phoenix_actors.tsv").read_text(encoding="utf-8")
    assert "MIT" in actors and "Anna Trentino\ttrentino\tPERSON" in actors
    missing = CliRunner().invoke(main, ["dictionaries", "--source", str(tmp_path / "nowhere"), "--output", str(out)])
    assert missing.exit_code != 0 and "is missing" in missing.output


def test_the_most_specific_frame_wins() -> None:
    table = FrameTable(
        {"frob": [VerbFrame("", "", "", "", "COERCE", None, "170"), VerbFrame("", "&goods", "", "", "AID", None, "07"),
                  VerbFrame("", "", "with", "", "CONSULT", None, "046")]},
        {"&goods": frozenset({"widget"})},
    )  # fmt: skip
    assert table.frame_for("frob", objects=frozenset({"widget"})).type == "AID"
    assert table.frame_for("frob", preps={"with": frozenset({"ann"})}).type == "CONSULT"
    assert table.frame_for("frob") is None
    assert table.frame_for("frob", defaults=True).type == "COERCE"


def test_bundled_frames_load_fast_enough() -> None:
    import time

    cameo_frames.cache_clear()
    started = time.perf_counter()
    table = cameo_frames()
    assert time.perf_counter() - started < 1.5 and len(table.frames) > 1000


def test_the_holder_of_an_office_is_the_one_who_held_it_on_the_day() -> None:
    from newsledger.lexicon import Actor

    def president(name: str, start: str, end: str) -> Actor:
        return Actor(name, "PERSON", "FD", "GOV", terms=(Term("FD", "GOV", start, end, "president"),))

    phoenix = ActorDictionary([president("Rufus Firefly", "1999-07-01", "2005-01-31")])
    ours = ActorDictionary(
        [president("Anna Trentino", "2005-02-01", "2012-06-30"), president("Chico Ravelli", "2012-07-01", "")],
        fallback=phoenix,
    )
    assert ours.holder("president", "FD", "2003-05-01").name == "Rufus Firefly"  # only the fallback knows
    assert ours.holder("president", "FD", "2010-05-01").name == "Anna Trentino"
    assert ours.holder("president", "FD", "2020-05-01").name == "Chico Ravelli"
    assert ours.holder("president", "FD", "1990-05-01") is None
    assert ours.holder("prime minister", "FD", "2010-05-01") is None
    # two holders known only to the year: neither is named
    vague = ActorDictionary(
        [
            Actor("A", "PERSON", "FD", "GOV", terms=(Term("FD", "GOV", "2019-01-01", "2022-12-31", "chancellor"),)),
            Actor("B", "PERSON", "FD", "GOV", terms=(Term("FD", "GOV", "2022-01-01", "", "chancellor"),)),
        ]
    )
    assert vague.holder("chancellor", "FD", "2022-06-01") is None
    assert vague.holder("chancellor", "FD", "2021-06-01").name == "A"


def test_a_dated_role_gives_the_sector_of_its_day() -> None:
    yeltsin = next(a for a in phoenix_actors().by_key.values() if a.name == "Boris Yeltsin")
    assert yeltsin.on("1995-06-01") == ("RU", "GOV") and yeltsin.on("2005-06-01") == ("RU", "ELI")

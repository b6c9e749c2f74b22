"""The dictionaries converter on small invented CAMEO/Phoenix/PLOVER files, and the frame lookup."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsledger.cli import main
from newsledger.dictionaries.cameo import parse_pattern, read_frames, read_plover_table
from newsledger.dictionaries.frames import FrameTable, VerbFrame, cameo_frames
from newsledger.dictionaries.phoenix import read_agents

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


@pytest.fixture
def source(tmp_path: Path) -> Path:
    (tmp_path / "CAMEO.2.0.txt").write_text(CAMEO, encoding="utf-8")
    (tmp_path / "CAMEO2PLOVER-2021.txt").write_text(PLOVER, encoding="utf-8")
    (tmp_path / "Phoenix.agents.txt").write_text(AGENTS, encoding="utf-8")
    (tmp_path / "LICENSE-petrarch2").write_text("MIT", encoding="utf-8")
    return tmp_path


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

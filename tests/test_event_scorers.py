"""The events and factuality scorers: label mappings, the PTB detokeniser, and smoke runs on the gold data."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.evaluation import events as ev
from newsledger.evaluation import factuality as fa
from newsledger.model import Actor, Event, Span

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def _ptb(text: str) -> list[str]:
    """MEANTIME-style tokens: the text split on single spaces."""
    return text.split(" ")


def _event(kind: str, trigger: str, start: int = 0, status: str = "asserted") -> Event:
    return Event(
        id="V1",
        type=kind,
        actor1=Actor(text="x"),
        status=status,
        trigger=Span(start=start, end=start + len(trigger), text=trigger),
        sentence=Span(start=0, end=100),
    )


# --- events: label mapping -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [("DEMAND", "REQUEST"), ("DISAPPROVE", "ACCUSE"), ("INVESTIGATE", "ACCUSE"), ("FIGHT", "ASSAULT"),
     ("AGREE", "AGREE"), ("COERCE", "COERCE")],
)  # fmt: skip
def test_plover_05_names_map_to_current_types(old: str, new: str) -> None:
    assert ev.plover_type(old) == new


def test_case_labels_follow_the_readme_table() -> None:
    assert ev.case_type("AIR_STRIKE") == "ASSAULT"
    assert ev.case_type("ARREST") == "COERCE"
    assert ev.case_type("DISR_WEAP") == "COERCE"
    assert ev.case_type("MOB_VIOL") == "PROTEST"
    assert ev.case_type("HQ_ESTABLISHED") == "MOBILIZE"
    assert ev.case_type("NON_VIOL_TERRIT_TRANSFER") == "RETREAT"
    assert ev.case_type("ATTRIB") == "ACCUSE"
    assert ev.case_type("DIPLO") == ev.DIPLO
    for label in ("NATURAL_DISASTER", "MAN_MADE_DISASTER", "ORG_CRIME", "CHANGE_TO_GROUP_ACT", "OTHER"):
        assert ev.case_type(label) is None
    assert len(ev.CASE_TYPES) == 30
    with pytest.raises(KeyError):
        ev.case_type("NOT_A_LABEL")


def test_diplo_matches_any_verbal_type_or_sanction() -> None:
    assert ev.type_matches(ev.DIPLO, "THREATEN")
    assert ev.type_matches(ev.DIPLO, "SANCTION")
    assert not ev.type_matches(ev.DIPLO, "ASSAULT")
    assert not ev.type_matches(ev.DIPLO, "PROTEST")
    assert ev.type_matches("ASSAULT", "ASSAULT")
    assert not ev.type_matches("ASSAULT", "COERCE")


def test_top_event_prefers_a_trigger_among_the_gold_words() -> None:
    first, second = _event("CONSULT", "met"), _event("AGREE", "agreed", 10)
    assert ev.top_event([first, second], ["agreed", "cooperate"]) is second
    assert ev.top_event([first, second], ["Agreed"]) is second
    assert ev.top_event([first, second], ["signed"]) is first
    assert ev.top_event([first, second]) is first
    assert ev.top_event([], ["agreed"]) is None


def test_tally_counts_recall_precision_and_empty_items() -> None:
    tally = ev.Tally()
    found = tally.add("ASSAULT", [_event("ASSAULT", "killed"), _event("COERCE", "arrested")], None)
    assert found
    assert not tally.add("ASSAULT", [], None)
    assert (tally.items, tally.found, tally.empty, tally.events, tally.right_events) == (2, 1, 1, 2, 1)
    row = tally.row("x")
    assert row[:6] == ["x", "2", "0.500", "0.500", "0.000", "0.500"]


def test_confusion_counts_wrong_and_missing_types() -> None:
    confusion = ev.Confusion()
    confusion.add("PROTEST", None)
    confusion.add("PROTEST", _event("ASSAULT", "clashed"))
    confusion.add("PROTEST", _event("PROTEST", "rallied"))
    assert confusion.wrong == {("PROTEST", ev.NO_EVENT): 1, ("PROTEST", "ASSAULT"): 1}
    assert "PROTEST as ASSAULT 1" in confusion.summary()


def test_source_codes_read_lists_and_tolerate_odd_records() -> None:
    assert ev.source_codes({"source": [{"actorText": "Hungarian", "code": "HUN"}, {"actorText": "x"}]}) == ["HUN"]
    assert ev.source_codes({"source": ""}) == []
    assert ev.source_codes({}) == []
    codes = ev.iso3_codes()
    assert {"HUN", "USA", "ROU"} <= codes
    assert "IGO" not in codes


# --- factuality: detokeniser and 3-way mapping -----------------------------------------------------------------


def _check_offsets(tokens: list[str], text: str, offsets: list[tuple[int, int]]) -> None:
    assert len(offsets) == len(tokens)
    for token, (start, end) in zip(tokens, offsets, strict=True):
        assert text[start:end] == fa._PTB.get(token, token)


def test_detokenise_joins_punctuation_quotes_and_clitics() -> None:
    tokens = _ptb("`` We love the Beatles , '' said Apple 's CEO ( Steve Jobs ) , who did n't buy US$ 5 bn .")
    text, offsets = fa.detokenise(tokens)
    assert text == "\"We love the Beatles,\" said Apple's CEO (Steve Jobs), who didn't buy US$5 bn."
    _check_offsets(tokens, text, offsets)
    assert text[slice(*offsets[tokens.index("said")])] == "said"


def test_detokenise_alternates_plain_double_quotes_and_handles_brackets() -> None:
    tokens = _ptb('using the " Apple " brand -LRB- in the [ US ] -RRB- , the Beatles \' label .')
    text, offsets = fa.detokenise(tokens)
    assert text == 'using the "Apple" brand (in the [US]), the Beatles\' label.'
    _check_offsets(tokens, text, offsets)


def test_detokenise_single_backquote_pair() -> None:
    tokens = _ptb("known as ` Black Monday ' .")
    text, offsets = fa.detokenise(tokens)
    assert text == "known as 'Black Monday'."
    _check_offsets(tokens, text, offsets)


@pytest.mark.parametrize(
    ("value", "label"),
    [(3.0, "factual"), (2.0, "factual"), (1.5, "possible"), (0.75, "possible"), (0.0, "possible"),
     (-0.75, "possible"), (-1.5, "possible"), (-2.0, "negated"), (-3.0, "negated")],
)  # fmt: skip
def test_gold_values_bin_into_three_classes(value: float, label: str) -> None:
    assert fa.gold_class(value) == label


def test_every_status_has_a_class() -> None:
    from typing import get_args

    from newsledger.model import EventStatus

    assert {fa.status_class(s) for s in get_args(EventStatus)} == set(fa.CLASSES)
    assert fa.status_class("asserted") == fa.status_class("claimed") == "factual"
    assert fa.status_class("planned") == fa.status_class("conditional") == fa.status_class("unverified") == "possible"
    assert fa.status_class("negated") == "negated"


def test_event_at_finds_the_overlapping_trigger() -> None:
    events = [_event("ASSAULT", "attacked", 10), _event("COERCE", "arrested", 30)]
    assert fa.event_at(events, 12, 14) is events[0]
    assert fa.event_at(events, 30, 38) is events[1]
    assert fa.event_at(events, 18, 30) is None


def test_macro_f1() -> None:
    assert fa.macro_f1([("factual", "factual"), ("negated", "negated")]) == pytest.approx(1.0)
    # factual F1 2/3, possible F1 0 (one gold, never predicted) -> 1/3
    assert fa.macro_f1([("factual", "factual"), ("possible", "factual")]) == pytest.approx(1 / 3)
    assert fa.macro_f1([]) == 0.0


# --- smoke runs on the gold data -------------------------------------------------------------------------------


def test_events_scorer_smoke() -> None:
    folder = DATA / ev.DATA
    if not folder.exists():
        pytest.skip(f"gold data {folder} is absent")
    report = ev.score(folder, limit=5)
    rows = {row[0]: row for row in report.rows}
    plover = rows["PLOVER GSR dev: all types"]
    assert plover[1] == "5"
    assert 0.0 <= float(plover[2]) <= 1.0
    assert 0.0 <= float(plover[5]) <= 1.0
    case = rows["CASE 2021: mapped snippets"]
    none = rows["CASE 2021: none (outside PLOVER)"]
    assert int(case[1]) + int(none[1]) + int(rows["CASE 2021: DIPLO (any verbal or SANCTION)"][1]) == 5
    assert len(report.columns) == len(plover)
    assert any("PLOVER GSR" in note for note in report.notes)


def test_factuality_scorer_smoke() -> None:
    folder = DATA / fa.DATA
    if not folder.exists():
        pytest.skip(f"gold data {folder} is absent")
    articles, targets = fa.read_sentences(folder, limit=5)
    assert len(articles) == 10  # five from each split
    for target in targets:  # every gold token lands on its own text
        assert articles[target.sentence].text[target.start : target.end] == fa._PTB.get(target.text, target.text)
    report = fa.score(folder, limit=5)
    main = report.rows[0]
    assert main[1] == str(len(targets))
    assert 0.0 <= float(main[2]) <= 1.0
    assert all(len(row) == len(report.columns) for row in report.rows)


def test_macro_f1_averages_each_gold_types_f1() -> None:
    from newsledger.evaluation.events import macro_f1

    pairs = [("ASSAULT", "ASSAULT"), ("ASSAULT", "(no event)"), ("AGREE", "ASSAULT"), ("AGREE", "AGREE")]
    macro, per_type = macro_f1(pairs)
    # ASSAULT: one hit, one wrong (the AGREE), one missed; AGREE: one hit, one missed.
    assert per_type == {"AGREE": pytest.approx(2 / 3), "ASSAULT": pytest.approx(0.5)}
    assert macro == pytest.approx((2 / 3 + 0.5) / 2)
    assert macro_f1([]) == (0.0, {})

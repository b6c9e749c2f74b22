"""The event-location scorer's reading of the gold records, and a smoke run on a slice."""

from __future__ import annotations

from conftest import needs_data
from newsledger.evaluation import event_location


def test_gold_spans_use_token_offsets() -> None:
    record = {
        "text": "Rebels attacked a base in Gao.",
        "tokens": [
            {"start": s, "end": e} for s, e in [(0, 6), (7, 15), (16, 17), (18, 22), (23, 25), (26, 29), (29, 30)]
        ],
        # character offsets wrong on purpose, as in part of the data set: token ids are the truth
        "spans": [{"label": "VERB", "token_start": 1, "token_end": 1, "start": 1, "end": 1},
                  {"label": "LOCATION", "token_start": 5, "token_end": 5, "start": 5, "end": 5}],
    }  # fmt: skip
    verb, places = event_location.gold_spans(record)
    assert verb == (7, 15) and places == [(26, 29)]


def test_scorer_smoke_on_a_slice() -> None:
    folder = needs_data("event-location")
    report = event_location.score(folder, limit=5)
    assert [row[1] for row in report.rows] == ["5"] * 6  # learned, hand rule, first place; on test and dev
    assert all(0.0 <= float(cell) <= 1.0 for row in report.rows for cell in row[2:])

"""Dates layer against TempEval-3 training data (TimeBank + AQUAINT, TBAQ-cleaned), DATE TIMEX3s.

Each document's text is the character data of ``<TEXT>``; its creation time
(DCT) is the anchor. Gold is every TIMEX3 of type DATE. Extent is scored strict
(same span) and relaxed (any overlap); value accuracy is the share of relaxed
matches with the gold value; value F1 counts a prediction correct when it
overlaps a gold DATE and has the same value (TempEval-3's "value F1" restricted
to DATEs). Predictions that only overlap a gold TIME, DURATION or SET are
neither right nor wrong and are left out.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from newsledger.evaluation import Report
from newsledger.stages.dates import find_dates, parse_anchor

NAME = "dates"
TITLE = "Dates: TempEval-3 (TimeBank + AQUAINT)"
DATA = "temporal"
PUBLISHED_VALUE_F1 = [("HeidelTime (published, TempEval-3, all TIMEX3 types, test set)", 0.776)]

_CONTRACT_VALUE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_WEEK_VALUE = re.compile(r"^(\d{4})-W(\d{1,2})$")
_DAY_TIME_VALUE = re.compile(r"^(\d{4}-\d{2}-\d{2})T")


@dataclass
class Timex:
    start: int
    end: int
    type: str
    value: str | None  # the gold value in the contract's terms, None when it has no equivalent
    raw: str


@dataclass
class Document:
    name: str
    text: str
    dct: str
    timexes: list[Timex]


def contract_value(value: str) -> str | None:
    """A TimeML value in the contract's terms: day, month, year or ISO week; None for anything else.

    Day-part values (``1998-02-11TNI`` for "Wednesday night") keep their day; ``1998-W8`` is padded.
    Quarters, seasons, decades, weekends, ``PRESENT_REF`` and partly unknown values (``X``) have no
    equivalent.
    """
    if _CONTRACT_VALUE.match(value):
        return value
    if week := _WEEK_VALUE.match(value):
        return f"{week[1]}-W{int(week[2]):02d}"
    if day := _DAY_TIME_VALUE.match(value):
        return day[1]
    return None


def read_document(path: Path) -> Document:
    """One TimeML file: the plain text of ``<TEXT>``, its DCT and its TIMEX3 spans in that text."""
    root = ET.parse(path).getroot()
    dct_node = root.find("DCT/TIMEX3")
    dct = dct_node.get("value", "") if dct_node is not None else ""
    text_node = root.find("TEXT")
    pieces: list[str] = []
    timexes: list[Timex] = []
    length = 0

    def walk(node: ET.Element) -> None:
        nonlocal length
        if node.text:
            pieces.append(node.text)
            length += len(node.text)
        for child in node:
            start = length
            walk(child)
            if child.tag == "TIMEX3":
                raw = child.get("value", "")
                timexes.append(Timex(start, length, child.get("type", ""), contract_value(raw), raw))
            if child.tail:
                pieces.append(child.tail)
                length += len(child.tail)

    if text_node is not None:
        walk(text_node)
    return Document(path.name, "".join(pieces), dct, timexes)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


@dataclass
class Counts:
    predicted: int = 0  # predictions that count (not only on a TIME/DURATION/SET)
    ignored: int = 0  # predictions that only overlap a gold TIME/DURATION/SET
    gold: int = 0  # gold DATEs
    gold_scorable: int = 0  # gold DATEs whose value the contract can express
    strict_pred: int = 0
    strict_gold: int = 0
    relaxed_pred: int = 0
    relaxed_gold: int = 0
    on_unscorable: int = 0  # predictions whose matched gold DATE has no contract value
    matched_scorable: int = 0  # predictions matched to a gold DATE with a contract value
    value_right: int = 0  # of those, with the same value
    gold_value_found: int = 0  # scorable gold DATEs with at least one right prediction
    relaxed_gold_scorable: int = 0  # scorable gold DATEs overlapped by a prediction


def score_document(doc: Document, counts: Counts) -> None:
    """Add one document's figures to ``counts``."""
    predictions = find_dates(doc.text, parse_anchor(doc.dct))
    dates = [t for t in doc.timexes if t.type == "DATE"]
    others = [t for t in doc.timexes if t.type != "DATE"]
    counts.gold += len(dates)
    counts.gold_scorable += sum(t.value is not None for t in dates)
    found: set[int] = set()
    strict_gold: set[int] = set()
    relaxed_gold: set[int] = set()
    for mention in predictions:
        overlapping = [i for i, t in enumerate(dates) if t.start < mention.end and mention.start < t.end]
        if not overlapping:
            if any(t.start < mention.end and mention.start < t.end for t in others):
                counts.ignored += 1
            else:
                counts.predicted += 1
            continue
        counts.predicted += 1
        counts.relaxed_pred += 1
        relaxed_gold.update(overlapping)
        exact = [i for i in overlapping if (dates[i].start, dates[i].end) == (mention.start, mention.end)]
        if exact:
            counts.strict_pred += 1
            strict_gold.update(exact)
        best = max(overlapping, key=lambda i: min(mention.end, dates[i].end) - max(mention.start, dates[i].start))
        if exact:
            best = exact[0]
        right = [i for i in overlapping if dates[i].value is not None and dates[i].value == mention.value]
        if right:
            counts.matched_scorable += 1
            counts.value_right += 1
            found.update(right)
        elif dates[best].value is None:
            counts.on_unscorable += 1
        else:
            counts.matched_scorable += 1
    counts.strict_gold += len(strict_gold)
    counts.relaxed_gold += len(relaxed_gold)
    counts.relaxed_gold_scorable += sum(dates[i].value is not None for i in relaxed_gold)
    counts.gold_value_found += len(found)


def score(folder: Path, limit: int | None = None) -> Report:
    paths = sorted(folder.rglob("*.tml"), key=lambda p: p.name)[:limit]
    counts = Counts()
    for path in paths:
        score_document(read_document(path), counts)
    c = counts
    strict_p, strict_r = _ratio(c.strict_pred, c.predicted), _ratio(c.strict_gold, c.gold)
    relaxed_p, relaxed_r = _ratio(c.relaxed_pred, c.predicted), _ratio(c.relaxed_gold, c.gold)
    accuracy = _ratio(c.value_right, c.matched_scorable)
    # Value F1 on the DATEs the contract can express: predictions on the others are set aside.
    value_p = _ratio(c.value_right, c.predicted - c.on_unscorable)
    value_r = _ratio(c.gold_value_found, c.gold_scorable)
    # Value F1 on every gold DATE: an inexpressible gold value is a miss, a prediction on it is wrong.
    all_p, all_r = _ratio(c.value_right, c.predicted), _ratio(c.gold_value_found, c.gold)
    # TempEval-3's own formula: relaxed extent F1 times value accuracy over the relaxed-matched gold.
    scorable_p = _ratio(c.matched_scorable, c.predicted - c.on_unscorable)
    scorable_r = _ratio(c.relaxed_gold_scorable, c.gold_scorable)
    te3_scorable = _f1(scorable_p, scorable_r) * _ratio(c.gold_value_found, c.relaxed_gold_scorable)
    te3_all = _f1(relaxed_p, relaxed_r) * _ratio(c.gold_value_found, c.relaxed_gold)
    rows = [
        [
            "newsledger (gold DATEs with a contract value)",
            f"{_f1(strict_p, strict_r):.3f}",
            f"{relaxed_p:.3f}",
            f"{relaxed_r:.3f}",
            f"{_f1(relaxed_p, relaxed_r):.3f}",
            f"{accuracy:.3f}",
            f"{value_p:.3f}",
            f"{value_r:.3f}",
            f"{_f1(value_p, value_r):.3f}",
        ],
        [
            "newsledger (every gold DATE)",
            "",
            "",
            "",
            "",
            "",
            f"{all_p:.3f}",
            f"{all_r:.3f}",
            f"{_f1(all_p, all_r):.3f}",
        ],
    ]
    rows += [[name, "", "", "", "", "", "", "", f"{f1:.3f}"] for name, f1 in PUBLISHED_VALUE_F1]
    notes = [
        f"{len(paths)} documents of `temporal/TBAQ-cleaned` (TempEval-3 training data), DCT as the anchor, "
        "`find_dates` without a spaCy parse (rules only); "
        f"{c.gold} gold DATE TIMEX3s, {c.gold_scorable} of them with a value the contract can express "
        "(day, month, year, ISO week; day-part values such as `1998-02-11TNI` count as their day, `1998-W8` as "
        "`1998-W08`).",
        "Extent (strict F1, relaxed P/R/F1) is scored against every gold DATE. Predictions that overlap only a "
        f"gold TIME, DURATION or SET ({c.ignored}) are left out: neither false positives nor matches. This follows "
        "TempEval-3, whose scorer matches extents whatever the TIMEX3 type, so such a prediction is an extent match "
        "there, not a false positive (its value would then be compared with the TIME/DURATION/SET value, which a "
        "DATE-only scorer cannot do).",
        "Value accuracy: share of predictions overlapping a gold DATE with a contract value that carry that "
        "value. Value F1 (first row): a prediction is right when it overlaps a gold DATE and has its value; "
        "predictions overlapping gold DATEs valued `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`, quarters, seasons, "
        f"decades, weekends or `X` values ({c.on_unscorable}) are set aside, and those gold DATEs are not in the "
        "recall denominator. Second row: the same predictions against every gold DATE (those set aside count as "
        "wrong, the inexpressible gold as misses). TempEval-3's scorer computes value F1 as relaxed F1 times value "
        f"accuracy over the relaxed-matched gold; that formula gives {te3_scorable:.3f} (first row) and "
        f"{te3_all:.3f} (second row).",
        "The HeidelTime row is the published TempEval-3 figure on the platinum test set over all TIMEX3 types; "
        "it is an anchor, not a like-for-like comparison. The rules were refined while reading errors on this "
        "corpus, so these figures are in-sample.",
    ]
    return Report(
        columns=[
            "system",
            "strict F1",
            "relaxed P",
            "relaxed R",
            "relaxed F1",
            "value accuracy",
            "value P",
            "value R",
            "value F1",
        ],
        rows=rows,
        notes=notes,
    )

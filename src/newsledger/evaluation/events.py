"""Event types against the PLOVER gold-standard records (dev half) and CASE 2021 task 2.

Every sentence (PLOVER) or snippet (CASE) is one article run through the
default pipeline. Measures, per item:

* type recall: the gold type is among the types of our events;
* precision: over all our events, the share whose type is the gold type;
* top-1 accuracy: the type of our first event whose trigger is one of the gold
  ``eventText`` words (PLOVER only), else of our first event, is the gold type;
* no event: the share of items where we coded nothing;
* actor1 country (PLOVER): on sentences where we found the gold type and the
  gold source actor has an ISO 3166 alpha-3 code, the first three letters of
  our ``actor1.actor_code`` (of the first event of the gold type) equal one of
  the gold source codes.

PLOVER 0.5 names are mapped to the current types (DEMAND -> REQUEST,
DISAPPROVE/INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT). CASE labels are mapped by
the table in ``shared/data/events/README.md``; DIPLO counts as found when we
coded any verbal type or SANCTION; "none" labels (disasters, crime, group
changes, other) score the false-event rate: the share with any event at all.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsledger.evaluation import Report
from newsledger.model import Article, Event

NAME = "events"
TITLE = "Events: PLOVER type (PLOVER GSR dev, CASE 2021 task 2)"
DATA = "events"

PLOVER_05 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
VERBAL = frozenset(["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"])
DIPLO = "DIPLO"  # CASE label scored as "any verbal type or SANCTION"
DIPLO_TYPES = VERBAL | {"SANCTION"}
# CASE 2021 task 2 label -> PLOVER type; None: outside PLOVER (no event expected).
CASE_TYPES: dict[str, str | None] = {
    "ABDUCT_DISSAP": "ASSAULT", "AGREEMENT": "AGREE", "AIR_STRIKE": "ASSAULT", "ARMED_CLASH": "ASSAULT",
    "ARREST": "COERCE", "ART_MISS_ATTACK": "ASSAULT", "ATTACK": "ASSAULT", "ATTRIB": "ACCUSE",
    "CHANGE_TO_GROUP_ACT": None, "CHEM_WEAP": "ASSAULT", "DIPLO": DIPLO, "DISR_WEAP": "COERCE",
    "FORCE_AGAINST_PROTEST": "ASSAULT", "GOV_REGAINS_TERIT": "ASSAULT", "GRENADE": "ASSAULT",
    "HQ_ESTABLISHED": "MOBILIZE", "MAN_MADE_DISASTER": None, "MOB_VIOL": "PROTEST", "NATURAL_DISASTER": None,
    "NON_STATE_ACTOR_OVERTAKES_TER": "ASSAULT", "NON_VIOL_TERRIT_TRANSFER": "RETREAT", "ORG_CRIME": None,
    "OTHER": None, "PEACE_PROTEST": "PROTEST", "PROPERTY_DISTRUCT": "ASSAULT", "PROTEST_WITH_INTER": "PROTEST",
    "REM_EXPLOS": "ASSAULT", "SEX_VIOL": "ASSAULT", "SUIC_BOMB": "ASSAULT", "VIOL_DEMONSTR": "PROTEST",
}  # fmt: skip
CASE_TABLE_TYPES = ("ASSAULT", "PROTEST", "COERCE", "AGREE")
NO_EVENT = "(no event)"
_WORD = re.compile(r"[\w'-]+")


def plover_type(event: str) -> str:
    """The current PLOVER type of a PLOVER 0.5 ``event`` name."""
    return PLOVER_05.get(event, event)


def case_type(label: str) -> str | None:
    """The PLOVER type of a CASE 2021 label, :data:`DIPLO` for DIPLO, None outside PLOVER."""
    if label not in CASE_TYPES:
        raise KeyError(f"unknown CASE 2021 label {label!r}")
    return CASE_TYPES[label]


def type_matches(gold: str, ours: str) -> bool:
    """Whether our type counts as the gold one (DIPLO: any verbal type or SANCTION)."""
    return ours in DIPLO_TYPES if gold == DIPLO else ours == gold


def top_event(events: list[Event], words: Iterable[str] = ()) -> Event | None:
    """Our first event whose trigger is one of ``words`` (case-insensitive), else our first event."""
    wanted = {word.lower() for word in words}
    return next((e for e in events if (e.trigger.text or "").lower() in wanted), events[0] if events else None)


def iso3_codes() -> frozenset[str]:
    from newsledger.lexicon import countries

    return frozenset(country.iso3 for country in countries().by_iso2.values())


@dataclass
class Tally:
    """Figures over a set of items that share one gold type (or all of them)."""

    items: int = 0
    found: int = 0  # gold type among ours
    top1: int = 0
    empty: int = 0  # no event at all
    events: int = 0
    right_events: int = 0
    actor_checked: int = 0
    actor_right: int = 0

    def add(self, gold: str, events: list[Event], top: Event | None) -> bool:
        self.items += 1
        found = any(type_matches(gold, e.type) for e in events)
        self.found += found
        self.top1 += top is not None and type_matches(gold, top.type)
        self.empty += not events
        self.events += len(events)
        self.right_events += sum(type_matches(gold, e.type) for e in events)
        return found

    def row(self, name: str, actor: bool = False) -> list[str]:
        actor_cell = _share(self.actor_right, self.actor_checked) if actor else ""
        return [
            name,
            str(self.items),
            _share(self.found, self.items),
            _share(self.right_events, self.events),
            _share(self.top1, self.items),
            _share(self.empty, self.items),
            "",
            actor_cell,
        ]


@dataclass
class Confusion:
    """Gold type -> the type we gave instead (our top event's), or :data:`NO_EVENT`."""

    wrong: Counter[tuple[str, str]] = field(default_factory=Counter)
    pairs: list[tuple[str, str]] = field(default_factory=list)  # every (gold, top-1) pair, for macro F1

    def add(self, gold: str, top: Event | None) -> None:
        if top is None:
            self.wrong[(gold, NO_EVENT)] += 1
        elif not type_matches(gold, top.type):
            self.wrong[(gold, top.type)] += 1

    def summary(self, most: int = 10) -> str:
        return ", ".join(f"{gold} as {ours} {n}" for (gold, ours), n in self.wrong.most_common(most))


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else ""


def read_plover(path: Path, limit: int | None = None) -> list[dict]:
    records = json.loads(path.read_text(encoding="utf-8"))
    return [r for r in records if r.get("event") != "DOCUMENT"][:limit]


def read_case(path: Path, limit: int | None = None) -> list[tuple[str, str, str]]:
    """(id, snippet, label) rows of the CASE 2021 task 2 TSV."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [(row[0], row[1], row[2]) for row in rows[1:] if len(row) >= 3][:limit]


def source_codes(record: dict) -> list[str]:
    """The gold source actors' codes of a PLOVER record."""
    sources = record.get("source")
    return [s["code"] for s in sources if isinstance(s, dict) and s.get("code")] if isinstance(sources, list) else []


def _run(articles: list[Article]) -> list[Article]:
    from newsledger.pipeline import default_pipeline

    return list(default_pipeline().run(articles))


def macro_f1(pairs: list[tuple[str, str]]) -> tuple[float, dict[str, float]]:
    """Macro F1 over the gold types of (gold, top-1 predicted) pairs, and each type's F1."""
    per_type: dict[str, float] = {}
    for kind in sorted({gold for gold, _ in pairs}):
        hits = sum(1 for gold, ours in pairs if gold == ours == kind)
        wrong = sum(1 for gold, ours in pairs if ours == kind and gold != kind)
        missed = sum(1 for gold, ours in pairs if gold == kind and ours != kind)
        per_type[kind] = 2 * hits / (2 * hits + wrong + missed) if hits + wrong + missed else 0.0
    return (sum(per_type.values()) / len(per_type) if per_type else 0.0), per_type


def score_plover(records: list[dict], articles: list[Article]) -> tuple[Tally, Confusion]:
    tally, confusion, iso3 = Tally(), Confusion(), iso3_codes()
    for record, article in zip(records, articles, strict=True):
        gold = plover_type(record["event"])
        top = top_event(article.events, _WORD.findall(record.get("eventText", "")))
        found = tally.add(gold, article.events, top)
        confusion.add(gold, top)
        confusion.pairs.append((gold, top.type if top else NO_EVENT))
        codes = [code for code in source_codes(record) if code in iso3]
        if found and codes:
            event = next(e for e in article.events if e.type == gold)
            tally.actor_checked += 1
            tally.actor_right += (event.actor1.actor_code or "")[:3] in codes
    return tally, confusion


def score(folder: Path, limit: int | None = None) -> Report:
    records = read_plover(folder / "plover-gsr-dev.json", limit)
    snippets = read_case(folder / "case2021-task2.tsv", limit)
    articles = [Article(id=r["id"], source="plover-gsr-dev", text=r["text"]) for r in records]
    articles += [Article(id=f"case-{i}", source="case2021-task2", text=text) for i, text, _ in snippets]
    done = _run(articles)
    plover, plover_confusion = score_plover(records, done[: len(records)])
    macro, per_type = macro_f1(plover_confusion.pairs)

    mapped, diplo, none_tally = Tally(), Tally(), Tally()
    by_type: dict[str, Tally] = {}
    case_confusion = Confusion()
    for (_, _, label), article in zip(snippets, done[len(records) :], strict=True):
        gold = case_type(label)
        events = article.events
        top = top_event(events)
        if gold is None:
            none_tally.items += 1
            none_tally.empty += not events
            continue
        if gold == DIPLO:
            diplo.add(gold, events, top)
            continue
        mapped.add(gold, events, top)
        by_type.setdefault(gold, Tally()).add(gold, events, top)
        case_confusion.add(gold, top)

    rows = [plover.row("PLOVER GSR dev: all types", actor=True), mapped.row("CASE 2021: mapped snippets")]
    rows += [by_type[t].row(f"CASE 2021: {t}") for t in CASE_TABLE_TYPES if t in by_type]
    rows.append(diplo.row("CASE 2021: DIPLO (any verbal or SANCTION)"))
    false_events = none_tally.items - none_tally.empty
    empty_share, false_share = _share(none_tally.empty, none_tally.items), _share(false_events, none_tally.items)
    rows.append(["CASE 2021: none (outside PLOVER)", str(none_tally.items), "", "", "", empty_share, false_share, ""])
    others = ", ".join(
        f"{t} {_share(by_type[t].found, by_type[t].items)} ({by_type[t].items})"
        for t in sorted(by_type)
        if t not in CASE_TABLE_TYPES
    )
    notes = [
        f"{len(records)} sentences of `events/plover-gsr-dev.json` (PLOVER 0.5 names mapped: DEMAND -> REQUEST, "
        "DISAPPROVE/INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT) and "
        f"{len(snippets)} snippets of `events/case2021-task2.tsv` (labels mapped by the table in its README), "
        "each run as one article through the default pipeline.",
        "Type recall: the gold type is among our events' types. Precision: share of all our events whose type "
        "is the gold type. Top-1: the type of our first event whose trigger is a gold `eventText` word (PLOVER), "
        "else of our first event. False-event rate: share of snippets outside PLOVER "
        "(disasters, crime, group changes, other) with any event. "
        "Actor1 country: on sentences where we found the gold type and a gold source code is ISO 3166 alpha-3, "
        f"our actor1 code's first three letters equal it ({plover.actor_checked} sentences).",
        f"CASE 2021 recall of the other mapped types: {others or 'none scored'}.",
        f"Macro F1 over the 16 types (top-1 type against the gold type), PLOVER GSR: {macro:.3f} "
        f"(target 0.70; anchor: POLECAT's demo classifiers 0.52). Per type: "
        + ", ".join(f"{kind} {value:.2f}" for kind, value in per_type.items())
        + ".",
        f"Most common wrong top-1 types, PLOVER GSR: {plover_confusion.summary() or 'none'}.",
        f"Most common wrong top-1 types, CASE 2021: {case_confusion.summary() or 'none'}.",
    ]
    return Report(
        columns=["set", "items", "type recall", "precision", "top-1 accuracy", "no event", "false-event rate",
                 "actor1 country"],
        rows=rows,
        notes=notes,
    )  # fmt: skip

"""Claim status against MEANTIME event factuality (train and dev splits, both dev data for us).

Each pre-tokenised MEANTIME sentence is detokenised (PTB quotes, brackets and
spacing undone) with a map from token to character offsets, and run as one
article through the default pipeline. A gold target is *covered* when one of
our events has a trigger overlapping the target token; its ``status`` is then
compared with the gold value on a 3-way scale.

MEANTIME's -3..+3 value is the author's commitment to the event, not who it is
attributed to, so:

* gold: ``factual`` when the value is >= 2 (POS/CERTAIN), ``negated`` when
  <= -2 (NEG/CERTAIN), else ``possible`` (probable, possible, underspecified);
* ours: ``asserted`` and ``claimed`` -> ``factual`` (a reported event the text
  does not hedge is, for MEANTIME, presented as a fact: "X said the army
  attacked" is +3 on "attacked"); ``planned``, ``conditional``, ``unverified``
  and ``disputed`` -> ``possible``; ``negated`` -> ``negated``.

Measures: coverage (share of gold targets with an event of ours), 3-way
accuracy and macro-F1 over the three classes on covered targets, per-class
counts, and, for scale, the majority baseline (everything ``factual``) on the
same covered targets.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsledger.evaluation import Report
from newsledger.model import Article, Event
from newsledger.pipeline import Work

NAME = "factuality"
TITLE = "Claim status: MEANTIME factuality"
DATA = "factuality"

CLASSES = ("factual", "possible", "negated")
STATUS_CLASS = {
    "asserted": "factual",
    "claimed": "factual",
    "planned": "possible",
    "conditional": "possible",
    "unverified": "possible",
    "disputed": "possible",
    "negated": "negated",
}
SPLITS = ("train.jsonl", "dev.jsonl")

# PTB token -> text
_PTB = {"``": '"', "''": '"', "`": "'", "-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{",
        "-RCB-": "}"}  # fmt: skip
_NO_SPACE_BEFORE = frozenset(
    [",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "-RRB-", "-RSB-", "-RCB-", "''", "...", "n't", "N'T"]
)
_CLITICS = frozenset(["'s", "'S", "'re", "'ve", "'ll", "'d", "'m", "'RE", "'VE", "'LL", "'D", "'M"])
_NO_SPACE_AFTER = frozenset(["``", "`", "(", "[", "{", "-LRB-", "-LSB-", "-LCB-", "$", "US$", "#"])


def gold_class(value: float) -> str:
    """The 3-way class of a unified factuality value (-3..+3)."""
    if value >= 2:
        return "factual"
    if value <= -2:
        return "negated"
    return "possible"


def status_class(status: str) -> str:
    """The 3-way class of one of our event statuses."""
    return STATUS_CLASS[status]


def detokenise(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Plain text from PTB tokens, and each token's ``(start, end)`` in it."""
    text = ""
    offsets: list[tuple[int, int]] = []
    glue = True  # no space before the next token
    double_open = False
    for token in tokens:
        word = _PTB.get(token, token)
        attach = token in _NO_SPACE_BEFORE or token in _CLITICS or token.lower() == "n't"
        opens = token in _NO_SPACE_AFTER
        if token == '"':
            attach, opens, double_open = double_open, not double_open, not double_open
        elif token == "``":
            double_open = True
        elif token == "''":
            double_open = False
        elif token == "'":
            attach = True  # a closing single quote or a possessive ("the Beatles '")
        if text and not glue and not attach:
            text += " "
        offsets.append((len(text), len(text) + len(word)))
        text += word
        glue = opens
    return text, offsets


@dataclass(frozen=True)
class Target:
    sentence: int  # index of the article
    start: int
    end: int
    gold: str  # 3-way class
    text: str


def read_sentences(folder: Path, limit: int | None = None) -> tuple[list[Article], list[Target]]:
    """Articles (one per sentence) and gold targets with character offsets, from every split present."""
    articles: list[Article] = []
    targets: list[Target] = []
    for split in SPLITS:
        path = folder / split
        if not path.exists():
            continue
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()][:limit]
        for line in lines:
            record = json.loads(line)
            text, offsets = detokenise(record["text"].split(" "))
            index = len(articles)
            articles.append(Article(id=f"{path.stem}-{record['idx']}", source=f"meantime/{split}", text=text))
            for target in record["targets"]:
                first, last = target["span1"][0], target["span1"][1] - 1
                start, end = offsets[first][0], offsets[last][1]
                targets.append(Target(index, start, end, gold_class(float(target["label"])), text[start:end]))
    return articles, targets


def event_at(events: list[Event], start: int, end: int) -> Event | None:
    """Our first event whose trigger overlaps ``[start, end)``."""
    return next((e for e in events if e.trigger.start < end and start < e.trigger.end), None)


def macro_f1(pairs: list[tuple[str, str]]) -> float:
    """Macro-F1 of (gold, predicted) pairs over the :data:`CLASSES` that occur in either (0.0 if none)."""
    scores = []
    for label in [c for c in CLASSES if any(c in pair for pair in pairs)]:
        tp = sum(g == label and p == label for g, p in pairs)
        fp = sum(g != label and p == label for g, p in pairs)
        fn = sum(g == label and p != label for g, p in pairs)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


class _KeepDocs:
    """A last pipeline stage that keeps each article's parse, for the status probe."""

    name = "keep-docs"
    requires = ("doc",)
    assigns = ()

    def __init__(self) -> None:
        self.docs: dict[str, Any] = {}

    def __call__(self, batch: list[Work]) -> None:
        for work in batch:
            self.docs[work.article.id] = work.doc


def probe_statuses(articles: list[Article], docs: dict[str, Any], targets: list[Target]) -> list[str] | None:
    """The events stage's status rule applied to every gold target token, whether or not it is an event of ours.

    None when the events stage no longer offers the rule (it is internal to it).
    """
    try:
        from newsledger.stages.events import EventCoder
    except ImportError:
        return None
    if not callable(getattr(EventCoder, "status", None)):
        return None
    coders: dict[int, Any] = {}
    statuses = []
    for target in targets:
        article = articles[target.sentence]
        doc = docs[article.id]
        if target.sentence not in coders:
            coders[target.sentence] = EventCoder(article, doc)
        span = doc.char_span(target.start, target.end, alignment_mode="expand")
        token = span[0] if span is not None and len(span) else doc[0]
        status, _ = coders[target.sentence].status(token, token.sent)
        statuses.append(status)
    return statuses


def _accuracy(pairs: list[tuple[str, str]]) -> float:
    return sum(g == p for g, p in pairs) / len(pairs) if pairs else 0.0


def score(folder: Path, limit: int | None = None) -> Report:
    from newsledger.pipeline import Pipeline, default_pipeline

    articles, targets = read_sentences(folder, limit)
    keep = _KeepDocs()
    pipeline = default_pipeline()
    done = list(Pipeline([*pipeline.stages, keep], batch_size=pipeline.batch_size).run(articles))
    pairs: list[tuple[str, str]] = []
    gold_counts: Counter[str] = Counter(t.gold for t in targets)
    covered: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    missed_triggers: Counter[str] = Counter()
    for target in targets:
        event = event_at(done[target.sentence].events, target.start, target.end)
        if event is None:
            missed_triggers[target.text.lower()] += 1
            continue
        covered[target.gold] += 1
        statuses[event.status] += 1
        pairs.append((target.gold, status_class(event.status)))
    n = len(pairs)
    baseline = [(g, "factual") for g, _ in pairs]
    rows = [
        ["newsledger events (status of our event at the target)", str(len(targets)),
         f"{n / len(targets):.3f}" if targets else "", f"{_accuracy(pairs):.3f}", f"{macro_f1(pairs):.3f}"],
        ["all factual (majority, same covered targets)", str(len(targets)), "", f"{_accuracy(baseline):.3f}",
         f"{macro_f1(baseline):.3f}"],
    ]  # fmt: skip
    probe = probe_statuses(done, keep.docs, targets)
    probe_note = "Status probe: not run (the events stage's status rule is not available)."
    if probe is not None:
        probe_pairs = [(t.gold, status_class(s)) for t, s in zip(targets, probe, strict=True)]
        probe_base = [(t.gold, "factual") for t in targets]
        rows += [
            ["status rule probe (every gold target, typed or not)", str(len(targets)), "1.000",
             f"{_accuracy(probe_pairs):.3f}", f"{macro_f1(probe_pairs):.3f}"],
            ["all factual (majority, all targets)", str(len(targets)), "1.000", f"{_accuracy(probe_base):.3f}",
             f"{macro_f1(probe_base):.3f}"],
        ]  # fmt: skip
        probe_classes = "; ".join(
            f"{label}: gold {gold_counts[label]}, predicted {sum(p == label for _, p in probe_pairs)}, "
            f"right {sum(g == label and p == label for g, p in probe_pairs)}"
            for label in CLASSES
        )
        future = [
            (t.gold, "factual" if s == "planned" else status_class(s)) for t, s in zip(targets, probe, strict=True)
        ]
        probe_note = (
            "Status probe: the events stage's status rule (negation, if/unless, will/plan, modals, "
            "unverified, quotes and reporting verbs) applied to the token of every gold target, as if it were "
            f"a trigger; it scores the rule apart from event typing. Per class: {probe_classes}. "
            'MEANTIME ignores time, so a future event stated as certain ("will be delivered") is +3: with '
            f"planned -> factual the probe scores accuracy {_accuracy(future):.3f}, macro-F1 {macro_f1(future):.3f}."
        )
    per_class = []
    for label in CLASSES:
        predicted = sum(p == label for _, p in pairs)
        right = sum(g == label and p == label for g, p in pairs)
        per_class.append(
            f"{label}: gold {gold_counts[label]}, covered {covered[label]}, predicted {predicted}, right {right}"
        )
    splits = ", ".join(s for s in SPLITS if (folder / s).exists())
    notes = [
        f"{len(articles)} sentences, {len(targets)} gold event targets of `factuality/` ({splits}; "
        "MEANTIME, unified -3..+3 factuality), detokenised and run one sentence per article through the default "
        "pipeline.",
        "Gold classes: factual (value >= 2), negated (<= -2), possible (otherwise: probable, possible, "
        "underspecified). Ours: asserted/claimed -> factual; planned/conditional/unverified/disputed -> possible; "
        "negated -> negated. Coverage: share of gold targets overlapped by one of our event triggers; accuracy and "
        "macro-F1 (over the classes present) on covered targets.",
        "Per class (our events): " + "; ".join(per_class) + ".",
        "Our statuses on covered targets: "
        + (", ".join(f"{s} {c}" for s, c in statuses.most_common()) or "none")
        + ".",
        probe_note,
        "Most frequent uncovered gold targets (MEANTIME marks every event word, most outside PLOVER): "
        + ", ".join(f"{w} {c}" for w, c in missed_triggers.most_common(12))
        + ".",
    ]
    return Report(columns=["system", "targets", "coverage", "3-way accuracy", "macro-F1"], rows=rows, notes=notes)

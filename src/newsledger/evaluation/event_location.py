"""Event location: which place in a sentence is where its event happened (ahalterman/event_location).

Each record is a sentence with one marked event verb and the LOCATION spans
where that event happened (none when the sentence does not say). The
pipeline's parse, entities and places run on the sentence; the events stage's
place linker (:meth:`_Coder.place_token`) is asked for the place of the gold
verb. A predicted place is right when it overlaps a gold LOCATION token span.
Baseline: the first place mention of the sentence. Headline figures are on the
re-adjudicated ``RELABEL`` records; the single-annotator rest is reported too.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from newsledger.evaluation import Report
from newsledger.model import Article
from newsledger.stage import Work

NAME = "event-location"
TITLE = "Event location: place of an event (ahalterman/event_location)"
DATA = "event-location"


def gold_spans(record: dict[str, Any]) -> tuple[tuple[int, int] | None, list[tuple[int, int]]]:
    """The verb's character span and the LOCATION character spans, from token offsets."""
    tokens = record["tokens"]
    verb, places = None, []
    for span in record.get("spans") or []:
        first, last = span.get("token_start"), span.get("token_end")
        if first is None or last is None or last >= len(tokens):
            continue
        chars = (tokens[first]["start"], tokens[last]["end"])
        if span["label"] == "VERB" and verb is None:
            verb = chars
        elif span["label"] == "LOCATION":
            places.append(chars)
    return verb, places


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


class _Counts:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0
        self.none_right = self.none_predicted = self.none_gold = 0

    def add(self, predicted: tuple[int, int] | None, gold: list[tuple[int, int]]) -> None:
        if predicted is None:
            self.none_predicted += 1
            self.fn += bool(gold)
            self.none_right += not gold
        elif any(_overlaps(predicted, g) for g in gold):
            self.tp += 1
        else:
            self.fp += 1
            self.fn += bool(gold)
        self.none_gold += not gold

    def row(self, name: str, items: int) -> list[str]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        none_p = self.none_right / self.none_predicted if self.none_predicted else 0.0
        none_r = self.none_right / self.none_gold if self.none_gold else 0.0
        return [name, str(items), f"{p:.3f}", f"{r:.3f}", f"{f:.3f}", f"{none_p:.3f}", f"{none_r:.3f}"]


class _KeepParses:
    """A last stage that keeps each parse, so the linker can be asked about the gold verb."""

    name = "keep-parses"
    requires = ("doc",)
    assigns = ()

    def __init__(self) -> None:
        self.docs: list[Any] = []

    def __call__(self, batch: list[Work]) -> None:
        self.docs.extend(work.doc for work in batch)


def score(folder: Path, limit: int | None = None) -> Report:
    from newsledger.pipeline import Pipeline
    from newsledger.stages.entities import EntityStage
    from newsledger.stages.events import _Coder
    from newsledger.stages.parse import ParseStage
    from newsledger.stages.places import PlaceStage

    records = json.loads(zipfile.ZipFile(folder / "labeled_text.jsonl.zip").read("labeled_text.jsonl"))
    relabel = [r for r in records if r.get("source") == "RELABEL"][:limit]
    rest = [r for r in records if r.get("source") != "RELABEL"][: limit if limit else 2000]
    keep = _KeepParses()
    pipeline = Pipeline([ParseStage(), EntityStage(), PlaceStage(), keep])
    rows = []
    for name, subset in (("RELABEL (gold, re-adjudicated)", relabel), ("other batches (first 2,000)", rest)):
        ours, first = _Counts(), _Counts()
        articles = [Article(id=str(i), source=str(r.get("_id")), text=r["text"]) for i, r in enumerate(subset)]
        keep.docs.clear()
        done = list(pipeline.run(articles))
        for article, doc, record in zip(done, keep.docs, subset, strict=True):
            verb, gold = gold_spans(record)
            if verb is None:
                continue
            coder = _Coder(article, doc)
            span = doc.char_span(verb[0], verb[1], alignment_mode="expand")
            token = coder.place_token(span.root) if span is not None and len(span) else None
            ours.add((token.idx, token.idx + len(token.text)) if token is not None else None, gold)
            mentions = sorted((m.start, m.end) for place in article.places for m in place.mentions)
            first.add(mentions[0] if mentions else None, gold)
        rows.append(ours.row(f"newsledger place linker: {name}", len(subset)))
        rows.append(first.row(f"first place of the sentence (baseline): {name}", len(subset)))
    return Report(
        columns=["system", "sentences", "location P", "location R", "location F1", "no-location P", "no-location R"],
        rows=rows,
        notes=[(__doc__ or "").strip().replace("\n", " ")],
    )

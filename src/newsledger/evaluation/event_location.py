"""Event location: which place in a sentence is where its event happened (ahalterman/event_location).

Each record is a sentence with one marked event verb and the LOCATION spans
where that event happened (none when the sentence does not say). The
pipeline's parse, entities and places run on the sentence; the events stage's
place linker (:meth:`EventCoder.place_token`) is asked for the place of the gold
verb. A predicted place is right when it overlaps a gold LOCATION token span.
Baselines: the hand rule the learned linker replaced (a locative phrase on the
event, else the nearest place) and the first place mention of the sentence.
Headline figures are on the re-adjudicated ``RELABEL`` records, which the
linker is never trained on (nor on the same sentences in other batches); the
single-annotator rest is split by a hash of the sentence, one in five held out
as dev (reported here), the others for training; the ``Masdar_RA`` batch, whose
LOCATION spans are mostly missing, is in neither.
"""

from __future__ import annotations

import json
import zipfile
import zlib
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Token

from newsledger.evaluation import Report
from newsledger.model import Article
from newsledger.stage import Work
from newsledger.syntax.event_place import MODEL_FILE

NAME = "event-location"
TITLE = "Event location: place of an event (ahalterman/event_location)"
DATA = "event-location"
# A batch whose LOCATION spans are mostly missing: 11% of its records have one (60% elsewhere), and a
# locative phrase on the verb ("killed near Baiji") is its gold in 18% of cases (70% elsewhere).
UNRELIABLE = frozenset({"Masdar_RA"})
DEV_EVERY = 5  # one sentence in five of the non-RELABEL batches is held out from training, as dev


def records(folder: Path) -> list[dict[str, Any]]:
    """The data set's records (one JSON array inside the zip, despite the ``.jsonl`` name)."""
    return json.loads(zipfile.ZipFile(folder / "labeled_text.jsonl.zip").read("labeled_text.jsonl"))


def _text_key(text: str) -> str:
    return " ".join(text.split()).lower()


def splits(items: list[dict[str, Any]], keep_unreliable: bool = False) -> dict[str, list[dict[str, Any]]]:
    """The records as "test" (the re-adjudicated ``RELABEL`` ones), "dev" and "train" (the rest, by a hash
    of the sentence, one in five to dev), without the :data:`UNRELIABLE` batches. A sentence that is also
    a RELABEL sentence (the same sentence is in several batches) is in no split: the learned linker never
    sees the test sentences."""
    test = [r for r in items if r.get("source") == "RELABEL"]
    if not keep_unreliable:
        items = [r for r in items if r.get("source") not in UNRELIABLE]
    held = {_text_key(r["text"]) for r in test}
    out: dict[str, list[dict[str, Any]]] = {"test": test, "dev": [], "train": []}
    for record in items:
        key = _text_key(record["text"])
        if record.get("source") == "RELABEL" or key in held:
            continue
        out["dev" if zlib.crc32(key.encode("utf-8")) % DEV_EVERY == 0 else "train"].append(record)
    return out


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


def parse(items: list[dict[str, Any]]) -> list[tuple[Article, Doc]]:
    """Each record's sentence through the pipeline's parse, entities and places."""
    from newsledger.pipeline import Pipeline
    from newsledger.stages.entities import EntityStage
    from newsledger.stages.parse import ParseStage
    from newsledger.stages.places import PlaceStage

    keep = _KeepParses()
    pipeline = Pipeline([ParseStage(), EntityStage(), PlaceStage(), keep])
    articles = [Article(id=str(i), source=str(r.get("_id")), text=r["text"]) for i, r in enumerate(items)]
    done = list(pipeline.run(articles))
    return list(zip(done, keep.docs, strict=True))


def trigger_token(doc: Doc, record: dict[str, Any]) -> Token | None:
    """The token of the record's marked event verb (its span's head)."""
    verb, _ = gold_spans(record)
    if verb is None:
        return None
    span = doc.char_span(verb[0], verb[1], alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _chars(token: Token | None) -> tuple[int, int] | None:
    return (token.idx, token.idx + len(token.text)) if token is not None else None


def score(folder: Path, limit: int | None = None) -> Report:
    from newsledger.stages.events import EventCoder
    from newsledger.syntax.event_place import event_place_model

    split = splits(records(folder))
    model = event_place_model()
    trained = model.about.get("training", {}) if model is not None else {}
    rows = []
    subsets = (
        ("RELABEL (gold, re-adjudicated; never trained on)", split["test"][:limit]),
        ("other batches, held-out dev split (never trained on)", split["dev"][:limit]),
    )
    for name, subset in subsets:
        learned, rule, first = _Counts(), _Counts(), _Counts()
        for record, (article, doc) in zip(subset, parse(subset), strict=True):
            token = trigger_token(doc, record)
            if token is None:
                continue
            _, gold = gold_spans(record)
            coder = EventCoder(article, doc)
            learned.add(_chars(coder.place_token(token)), gold)
            rule.add(_chars(coder.rule_locate(token)[0]), gold)
            mentions = sorted((m.start, m.end) for place in article.places for m in place.mentions)
            first.add(mentions[0] if mentions else None, gold)
        if model is not None:
            rows.append(learned.row(f"newsledger place linker (learned): {name}", len(subset)))
        rows.append(rule.row(f"hand rule (without the weights file): {name}", len(subset)))
        rows.append(first.row(f"first place of the sentence (baseline): {name}", len(subset)))
    notes = [(__doc__ or "").strip().replace("\n", " ")]
    if model is not None:
        notes.append(
            f"Learned linker: `data/{MODEL_FILE}`, logistic regression over {len(model.weights)} features, fitted on "
            f"{trained.get('records', '?')} records of the non-RELABEL batches (dev split and RELABEL sentences "
            f"left out); retrain with `{model.about.get('command', '')}`."
        )
    return Report(
        columns=["system", "sentences", "location P", "location R", "location F1", "no-location P", "no-location R"],
        rows=rows,
        notes=notes,
    )

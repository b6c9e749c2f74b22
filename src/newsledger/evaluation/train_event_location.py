"""Fit the event-location linker's weights (``data/event_location.json``) on ahalterman/event_location.

Run ``python -m newsledger.evaluation.train_event_location [--data ../shared/data] [--cache DIR]``. It parses
the non-RELABEL records as the scorer does (parse, entities, places), takes each place mention of the marked
verb's sentence as a candidate with the features of :mod:`newsledger.syntax.event_place`, labelled by whether
it overlaps a gold LOCATION span, and fits a logistic regression (scikit-learn, a dev dependency) on the train
split. The regularisation and the "no place" threshold are chosen on the dev split; the 496 re-adjudicated
RELABEL records (and their sentences in other batches) are never used. Serving needs only the weights.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, DocBin

from newsledger.evaluation import event_location
from newsledger.model import Article
from newsledger.syntax.event_place import MODEL_FILE, EventPlaceModel

COMMAND = "python -m newsledger.evaluation.train_event_location"
DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "data" / MODEL_FILE
CREDIT = {
    "name": "ahalterman/event_location (labeled_text.jsonl), commit 444a2df",
    "citation": 'Halterman, "Geolocating Political Events in Text", NAACL 2019 workshop on NLP+CSS',
    "licence": "MIT, Copyright (c) 2019 Andy Halterman",
    "note": "weights only; no sentence of the data set is shipped",
}
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)

# One example: the candidates' features, their labels, and the gold spans (for the task's F1).
Example = tuple[list[dict[str, float]], list[bool], bool]


def _parsed(items: list[dict[str, Any]], cache: Path | None, name: str) -> list[tuple[Article, Doc]]:
    """The records parsed, read from ``cache`` when it holds this split (parsing 10k sentences takes minutes)."""
    if cache is not None and (cache / f"{name}.spacy").is_file():
        from newsledger.stages.parse import load_model

        vocab = load_model().vocab
        docs = list(DocBin().from_disk(cache / f"{name}.spacy").get_docs(vocab))
        lines = (cache / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        articles = [Article.model_validate_json(line) for line in lines]
        if len(docs) == len(items) == len(articles):
            return list(zip(articles, docs, strict=True))
    done = event_location.parse(items)
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        bin_ = DocBin(store_user_data=False)
        for _, doc in done:
            bin_.add(doc)
        bin_.to_disk(cache / f"{name}.spacy")
        text = "\n".join(article.model_dump_json() for article, _ in done)
        (cache / f"{name}.jsonl").write_text(text + "\n", encoding="utf-8")
    return done


def examples(items: list[dict[str, Any]], parsed: list[tuple[Article, Doc]]) -> list[Example]:
    """Per record: each candidate's features and whether it overlaps a gold LOCATION; whether gold has any."""
    from newsledger.stages.events import EventCoder

    out: list[Example] = []
    for record, (article, doc) in zip(items, parsed, strict=True):
        token = event_location.trigger_token(doc, record)
        if token is None:
            continue
        _, gold = event_location.gold_spans(record)
        options = EventCoder(article, doc).place_options(token)
        labels = [
            any(min(doc[m.last].idx + len(doc[m.last]), g[1]) > max(doc[m.first].idx, g[0]) for g in gold)
            for m, _, _ in options
        ]
        out.append(([features for _, features, _ in options], labels, bool(gold)))
    return out


def task_f1(model: EventPlaceModel, data: list[Example]) -> tuple[float, float, float]:
    """Location P, R, F1 as the scorer counts them (a chosen candidate is right when it overlaps gold)."""
    tp = fp = fn = 0
    for features, labels, has_gold in data:
        best = model.choose(enumerate(features))
        if best is None:
            fn += has_gold
        elif labels[best]:
            tp += 1
        else:
            fp += 1
            fn += has_gold
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def fit(train: list[Example], c: float) -> dict[str, float]:
    """Logistic regression weights per feature name (the intercept folded into ``bias``)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [f for features, _, _ in train for f in features]
    labels = [y for _, ys, _ in train for y in ys]
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows)
    classifier = LogisticRegression(C=c, max_iter=2000)
    classifier.fit(matrix, labels)
    weights = {name: float(w) for name, w in zip(vectorizer.get_feature_names_out(), classifier.coef_[0], strict=True)}
    weights["bias"] = weights.get("bias", 0.0) + float(classifier.intercept_[0])
    return {name: round(w, 4) for name, w in sorted(weights.items()) if abs(w) >= 1e-4}


def best_threshold(weights: dict[str, float], dev: list[Example]) -> tuple[float, tuple[float, float, float]]:
    """The score threshold for "no place" that gives the best dev F1."""
    best = (-math.inf, (0.0, 0.0, 0.0))
    for step in range(-40, 41):
        threshold = step / 10
        figures = task_f1(EventPlaceModel(weights, threshold, {}), dev)
        if figures[2] > best[1][2]:
            best = (threshold, figures)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=COMMAND, description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"), help="folder of the gold data sets")
    parser.add_argument("--cache", type=Path, default=None, help="keep the parses here to re-run quickly")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    started = time.monotonic()
    split = event_location.splits(event_location.records(args.data / event_location.DATA))
    data = {}
    for name in ("train", "dev"):
        items = split[name]
        print(f"{name}: parsing {len(items)} records ...", file=sys.stderr)
        data[name] = examples(items, _parsed(items, args.cache, name))
    chosen: tuple[float, dict[str, float], float, tuple[float, float, float]] | None = None
    for c in C_GRID:
        weights = fit(data["train"], c)
        threshold, figures = best_threshold(weights, data["dev"])
        p, r, f = figures
        print(f"C={c}: dev P/R/F1 {p:.3f} / {r:.3f} / {f:.3f} at threshold {threshold}", file=sys.stderr)
        if chosen is None or figures[2] > chosen[3][2]:
            chosen = (c, weights, threshold, figures)
    assert chosen is not None
    c, weights, threshold, (p, r, f) = chosen
    train_figures = task_f1(EventPlaceModel(weights, threshold, {}), data["train"])
    about = {
        "about": "Weights of the event-location linker (newsledger.syntax.event_place): logistic regression over "
        "(event trigger, place mention) features; the best candidate above the threshold is the event's place.",
        "command": COMMAND,
        "data": CREDIT,
        "training": {
            "records": len(data["train"]),
            "candidates": sum(len(x[0]) for x in data["train"]),
            "C": c,
            "in_sample_f1": round(train_figures[2], 3),
            "split": "non-RELABEL records by a hash of the sentence, 1 in "
            f"{event_location.DEV_EVERY} to dev; RELABEL records and their sentences in other batches excluded",
        },
        "held_out": {
            "split": "dev",
            "records": len(data["dev"]),
            "P": round(p, 3),
            "R": round(r, 3),
            "F1": round(f, 3),
        },
        "threshold": threshold,
        "weights": weights,
    }
    args.output.write_text(json.dumps(about, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(
        f"wrote {args.output}: {len(weights)} weights, C={c}, threshold {threshold}, dev F1 {f:.3f} "
        f"({time.monotonic() - started:.0f} s)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

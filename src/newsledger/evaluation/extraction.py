"""HTML reader against the article extraction benchmark (scrapinghub), 4-gram shingle F1.

Re-implements the benchmark's metric: per page, true/false positive and false
negative shingle counts are normalised to sum to one; precision and recall are
means over pages; F1 is the harmonic mean of those two means.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path

from newsledger.evaluation import Report
from newsledger.readers.html import extract_body

NAME = "html"
TITLE = "HTML reader: article body extraction"
DATA = "extraction"
PUBLISHED = [
    ("trafilatura 2.0.0 (published)", 0.958, 0.938, 0.978),
    ("newspaper4k 0.9.3.1 (published)", 0.949, 0.964, 0.934),
]

_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _WORD.findall(text)
    if len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def page_scores(predicted: str, truth: str) -> tuple[float | None, float | None, bool]:
    """Precision, recall (None where undefined) and exact token match for one page."""
    pred, true = shingles(predicted), shingles(truth)
    tp = sum((pred & true).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    exact = _WORD.findall(predicted) == _WORD.findall(truth)
    if total == 0:
        return 1.0, 1.0, exact
    hit, false_hit, miss = tp / total, fp / total, fn / total
    precision = hit / (hit + false_hit) if hit + false_hit else (1.0 if miss == 0 else None)
    recall = hit / (hit + miss) if hit + miss else None
    if tp == 0:
        precision, recall = (0.0 if precision is not None else None), (0.0 if recall is not None else None)
    return precision, recall, exact


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(folder: Path, limit: int | None = None) -> Report:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    precisions: list[float] = []
    recalls: list[float] = []
    exact = 0
    items = sorted(truth.items())[:limit]
    for item_id, gold in items:
        html = gzip.decompress((folder / "html" / f"{item_id}.html.gz").read_bytes()).decode("utf-8", "replace")
        predicted = extract_body(html, url=gold.get("url")) or ""
        precision, recall, same = page_scores(predicted, gold["articleBody"])
        if precision is not None:
            precisions.append(precision)
        if recall is not None:
            recalls.append(recall)
        exact += same
    p, r = sum(precisions) / len(precisions), sum(recalls) / len(recalls)
    rows = [
        [
            "newsledger (trafilatura extract, tables, no comments)",
            f"{f1(p, r):.3f}",
            f"{p:.3f}",
            f"{r:.3f}",
            f"{exact / len(items):.3f}",
        ]
    ]
    rows += [[name, f"{f:.3f}", f"{pp:.3f}", f"{rr:.3f}", ""] for name, f, pp, rr in PUBLISHED]
    return Report(
        columns=["system", "F1", "precision", "recall", "accuracy"],
        rows=rows,
        notes=[f"{len(items)} pages of `extraction/` (scrapinghub/article-extraction-benchmark)."],
    )

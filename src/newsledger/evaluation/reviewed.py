"""``newsledger eval --gold FILE``: score the pipeline against a team's own reviews.

``newsledger review export`` writes the reviewed articles, texts included, in the voa-gold format;
this scores the current pipeline on them with the same rules as ``voa-events`` (see
:mod:`newsledger.evaluation.voa_events`). Articles whose every event was reviewed (``complete``)
give a fair recall; on the others an event nobody reviewed is missing from the gold.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsledger.evaluation.voa_events import Tally, score_article
from newsledger.harness import Report
from newsledger.model import Article


class GoldFileError(ValueError):
    """The file is not gold as `review export` writes it; the message says why."""


def read_gold_file(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        coded = list(data["articles"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise GoldFileError(f"{path}: not a gold file written by `newsledger review export` ({error})") from None
    if any("text" not in article or "events" not in article for article in coded):
        raise GoldFileError(
            f"{path}: each article needs its text and events (write it with `newsledger review export`)"
        )
    return coded


def score_file(path: Path, complete_only: bool = False) -> Report:
    """The pipeline on the gold file's articles, scored against it."""
    from newsledger.pipeline import default_pipeline

    coded = [article for article in read_gold_file(path) if article.get("complete") or not complete_only]
    articles = [
        Article(
            id=str(article.get("article_id") or number),
            source=f"{path.name}#{number}",
            headline=article.get("headline_contains") or None,
            published=article.get("published"),
            text=article["text"],
        )
        for number, article in enumerate(coded)
    ]
    done = list(default_pipeline().run(articles))
    tally, errors = Tally(), list[str]()
    for gold, article in zip(coded, done, strict=True):
        score_article(gold, article, tally, errors)
    precision, recall, f1 = tally.prf()
    rows = [
        ["events: F1 / precision / recall", str(tally.gold_required), f"{f1:.3f}", f"{precision:.3f} / {recall:.3f}"]
    ]
    for name in ("actor1", "actor2", "place", "date", "status"):
        right, checked = tally.fields.get(name, [0, 0])
        rows.append([f"matched events: {name}", str(checked), f"{right / checked:.3f}" if checked else "", ""])
    found = f"{tally.quotes_found / tally.quotes_gold:.3f}" if tally.quotes_gold else ""
    rows.append(["quotes: found", str(tally.quotes_gold), found, ""])
    complete = sum(1 for article in coded if article.get("complete"))
    return Report(
        columns=["measure", "gold items", "value", "precision / recall"],
        rows=rows,
        notes=[
            f"{len(coded)} reviewed articles of `{path.name}` ({complete} with every event reviewed), through the "
            f"default pipeline: {tally.predicted} events predicted, {tally.duplicates} duplicates, "
            f"{tally.unmatched} matched nothing.",
        ],
    )

"""Serving the learned toponym ranker: a linear model over candidate features, read from
``models/toponym_ranker.json`` of a source checkout or the file ``$NEWSLEDGER_TOPONYM_RANKER`` names
(written by ``python -m newsledger.gazetteer.train_ranker``).

The weights are learned from GeoWebNews, whose data is GPL-3.0 and for evaluation only, not to be
bundled into the product: so the file is kept in the repository beside the code, never in the
package, and an installed newsledger without it uses the places stage's hand-set scores (which the
ranker does not beat under cross-validation; the file says ``serve: false``).

The places stage turns each (mention, candidate) pair into a vector of named features
(``BASE_FEATURES`` and ``CUE_FEATURES`` in :mod:`newsledger.stages.places`); a candidate's score is the
dot product with the weights, and the highest score wins. No scikit-learn at run time: the weights are
plain numbers (the trainer folds its feature scaling into them), so loading is a JSON read and scoring a
few multiplications.

The file also holds one model per cross-validation fold and the articles each fold held out, so that the
GeoWebNews scorer resolves every article with a model that never saw it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import cache
from operator import mul
from pathlib import Path

FILE = "toponym_ranker.json"
ENV = "NEWSLEDGER_TOPONYM_RANKER"
# A source checkout's models/ folder (src/newsledger/gazetteer/ranker.py -> the repository root).
MODELS = Path(__file__).resolve().parents[3] / "models"
FORMAT = 1  # bumped when the file's layout or the features' meaning changes; a file of another format is ignored


@dataclass
class Ranker:
    """A linear scorer: ``weights`` by feature name (a feature it does not know weighs 0)."""

    weights: dict[str, float]
    _aligned: dict[tuple[str, ...], tuple[float, ...]] = field(default_factory=dict, repr=False)

    def aligned(self, names: tuple[str, ...]) -> tuple[float, ...]:
        """The weights in the order of ``names`` (cached: the places stage asks with the same tuples)."""
        found = self._aligned.get(names)
        if found is None:
            found = self._aligned[names] = tuple(self.weights.get(name, 0.0) for name in names)
        return found

    def score(self, names: tuple[str, ...], values: list[float]) -> float:
        return sum(map(mul, self.aligned(names), values))

    @classmethod
    def from_json(cls, data: dict) -> Ranker:
        return cls({str(k): float(v) for k, v in data["weights"].items()})


@dataclass(frozen=True)
class RankerFile:
    """The data file: the shipped model, the per-fold models with each fold's held-out article ids, and the
    header (how it was trained, the cross-validated figure, the credits)."""

    model: Ranker
    folds: list[tuple[frozenset[str], Ranker]]
    meta: dict

    def for_article(self, article_id: str) -> Ranker | None:
        """The fold model that did not see ``article_id`` (None when no fold held it out)."""
        for held_out, ranker in self.folds:
            if article_id in held_out:
                return ranker
        return None


def read(path: Path | None = None) -> RankerFile | None:
    """The ranker file at ``path`` (default: ``$NEWSLEDGER_TOPONYM_RANKER``, else the checkout's
    ``models/toponym_ranker.json``); None when missing or of another format."""
    if path is None:
        path = Path(os.environ[ENV]) if os.environ.get(ENV) else MODELS / FILE
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    data = json.loads(text)
    if data.get("format") != FORMAT:
        return None
    folds = [(frozenset(fold["held_out"]), Ranker.from_json(fold)) for fold in data.get("folds", [])]
    meta = {k: v for k, v in data.items() if k not in ("model", "folds")}
    return RankerFile(Ranker.from_json(data["model"]), folds, meta)


@cache
def default_ranker() -> Ranker | None:
    """The model of the default file, read once; None (the places stage then uses its hand-set scores) when the file is
    missing or says not to serve it (it did not beat the hand-set scores under cross-validation)."""
    found = read()
    return found.model if found is not None and found.meta.get("serve", True) else None

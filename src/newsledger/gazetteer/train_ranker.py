"""Train the toponym ranker on GeoWebNews: ``python -m newsledger.gazetteer.train_ranker``.

Needs scikit-learn (a dev dependency) and the GeoWebNews gold (``../shared/data/geo`` in the source tree).
Each GeoWebNews article is parsed and its place entries are built as the places stage builds them; every
gold toponym with coordinates that a place mention overlaps gives one ranking example: the mention's
leading candidates (:data:`newsledger.stages.places.RANKED_CANDIDATES`) with their features, positive
when the candidate has the gold GeoNames id or lies within 161 km of the gold point. A mention with no
positive candidate, or only positive ones, teaches nothing and is left out.

The model is a logistic regression on pairs: for each example, a positive candidate's features less a
negative one's (and the reverse), so the fitted weights score candidates against each other and serve as a
plain dot product. Articles are cut into ``--folds`` folds (article *i* of ``GWN.xml`` in fold *i* mod k),
one model is fitted per fold on the other folds, and each held-out article is resolved by the places
stage with its fold's model and scored as ``newsledger eval --only geo`` scores it: that cross-validated
accuracy@161 km is printed and stored. The file keeps the per-fold models (the scorer uses them) and a
model fitted on all articles (the places stage uses it).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from newsledger.evaluation import geo
from newsledger.gazetteer.ranker import FILE, FORMAT, MODELS, Ranker
from newsledger.model import Article
from newsledger.stages.places import BASE_FEATURES, CUE_FEATURES, _Resolver

FEATURES = BASE_FEATURES + CUE_FEATURES
COMMAND = "python -m newsledger.gazetteer.train_ranker"
LICENCE = (
    "Weights learned from GeoWebNews (Gritta, Pilehvar, Collier, 'A Pragmatic Guide to Geoparsing Evaluation', "
    "Language Resources and Evaluation, 2019; milangritta/Pragmatic-Guide-to-Geoparsing-Evaluation, commit "
    "6947d46), which is distributed under the GNU GPL v3; no GeoWebNews text is stored here, only feature "
    "weights and article ids."
)
DEFAULT_DATA = Path("..") / "shared" / "data" / "geo"
DEFAULT_OUTPUT = MODELS / FILE  # outside the package: learned from GPL-3.0 evaluation data
# Inverse regularisation strengths tried (chosen by an inner cross-validation on each training set).
CS = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
MARGIN = 0.005  # top-1 accuracy a larger C must add in the inner cross-validation to be chosen
# The hand-set scores enter scaled up, so the penalty hardly pulls on their weights: the ranker starts from the
# hand-set choice and the other features, penalised, only move it where the training articles agree.
HAND_SET = ("heuristic_base",)
# The hand-set score is split in a part per candidate and a part per mention, with one weight for both.
TIED = ("heuristic_cue", "heuristic_base")
BOOST = 10.0


def PAIR_WEIGHT(n: int) -> float:
    """Weight of one pair of an example with ``n`` right-wrong pairs: each example weighs 1 in all."""
    return 1.0 / n


Group = tuple[list[list[float]], list[bool]]  # one example: the candidates' feature rows, which are right


def examples(article: Article, doc: object, truth: geo.GoldArticle) -> list[Group]:
    """One article's ranking examples (see the module docstring)."""
    resolver = _Resolver(article, doc)  # type: ignore[arg-type]
    resolver._heuristic_passes()
    owners = [(entry, index) for entry in resolver.entries for index in range(len(entry.entity.mentions))]
    spans = [(m.start, m.end) for entry in resolver.entries for m in entry.entity.mentions]
    gold = [t for t in truth.toponyms if not t.adjective and t.lat is not None and t.lon is not None]
    matched = geo.match(spans, [(t.start, t.end) for t in gold])
    features = {id(entry): resolver.features(entry) for entry in resolver.entries}
    groups: list[Group] = []
    for g, p in matched.items():
        entry, index = owners[p]
        found = features[id(entry)]
        if found is None:
            continue
        candidates, base_rows, cue_rows = found
        toponym = gold[g]
        right = [_right(c, toponym) for c in candidates]
        if any(right) and not all(right):
            rows = [base + cue for base, cue in zip(base_rows, cue_rows[index], strict=True)]
            groups.append(([[float(v) for v in row] for row in rows], right))
    return groups


def _right(candidate: object, toponym: geo.Toponym) -> bool:
    if toponym.geonameid is not None and candidate.geonameid == toponym.geonameid:  # type: ignore[attr-defined]
        return True
    lat, lon = candidate.lat, candidate.lon  # type: ignore[attr-defined]
    if lat is None or lon is None or toponym.lat is None or toponym.lon is None:
        return False
    return geo.distance_km(lat, lon, toponym.lat, toponym.lon) < 161


def _pairs(groups: list[Group], scale: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Right-less-wrong differences (label 1) and their reverse (label 0); each example weighs 1 in all,
    however many candidates it has."""
    pairs, labels, weights = [], [], []
    for rows, right in groups:
        values = np.array(rows) / scale
        n = sum(right) * (len(right) - sum(right))
        for i, good in enumerate(right):
            for j, bad in enumerate(right):
                if good and not bad:
                    pairs += [values[i] - values[j], values[j] - values[i]]
                    labels += [1, 0]
                    weights += [PAIR_WEIGHT(n)] * 2
    return np.array(pairs), np.array(labels), np.array(weights)


def _fit(groups: list[Group], c: float) -> np.ndarray:
    """Raw-feature weights fitted with regularisation ``c``."""
    from sklearn.linear_model import LogisticRegression

    groups = [(_tie(rows), right) for rows, right in groups]
    scale = np.array([row for rows, _ in groups for row in rows]).std(axis=0)
    scale[scale == 0] = 1.0
    scale[[FEATURES.index(name) for name in HAND_SET]] /= BOOST
    pairs, labels, weights = _pairs(groups, scale)
    model = LogisticRegression(C=c, fit_intercept=False, max_iter=5000)
    model.fit(pairs, labels, sample_weight=weights)
    weights = model.coef_[0] / scale
    weights[FEATURES.index(TIED[0])] = weights[FEATURES.index(TIED[1])]
    return weights


def _tie(rows: list[list[float]]) -> list[list[float]]:
    """Rows with the tied feature added into its partner (and zeroed), so both get the partner's weight."""
    source, target = FEATURES.index(TIED[0]), FEATURES.index(TIED[1])
    tied = []
    for row in rows:
        row = list(row)
        row[target] += row[source]
        row[source] = 0.0
        tied.append(row)
    return tied


def _top1(groups: list[Group], weights: np.ndarray) -> float:
    """Share of the examples whose best-scored candidate is a right one."""
    right = sum(bool(labels[int(np.argmax(np.array(_tie(rows)) @ weights))]) for rows, labels in groups)
    return right / len(groups) if groups else 0.0


def fit(by_article: list[list[Group]], folds: int) -> tuple[dict[str, float], float]:
    """Weights by feature name (applying to raw features) and the regularisation chosen for them: the ``C``
    of :data:`CS` with the best top-1 accuracy in a cross-validation over these articles only (the smallest
    unless a larger one wins by :data:`MARGIN`)."""
    best_c, best = CS[0], -1.0
    for c in CS:
        correct, total = 0.0, 0
        for k in range(folds):
            train = [g for i, groups in enumerate(by_article) if i % folds != k for g in groups]
            test = [g for i, groups in enumerate(by_article) if i % folds == k for g in groups]
            correct += _top1(test, _fit(train, c)) * len(test)
            total += len(test)
        # A weaker penalty (further from the hand-set scores) must win by a margin, not by one lucky example.
        if correct / max(total, 1) > best + (MARGIN if best >= 0 else 0.0):
            best_c, best = c, correct / max(total, 1)
    weights = _fit([g for groups in by_article for g in groups], best_c)
    return {name: round(float(w), 5) for name, w in zip(FEATURES, weights, strict=True)}, best_c


def accuracy(
    parsed: list[tuple[Article, object]], gold: list[geo.GoldArticle], ranker_of: dict[str, Ranker | None]
) -> tuple[float, float, geo.Tally]:
    """accuracy@161 km and recognition recall as ``newsledger eval --only geo`` scores them."""
    places, _ = geo.resolve(parsed, lambda article: ranker_of.get(article.id))
    counts = geo.Tally()
    for found, truth in zip(places, gold, strict=True):
        geo.tally(found, [t for t in truth.toponyms if not t.adjective], counts)
    return geo.accuracy_161(counts.errors), counts.prf()[1], counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=COMMAND, description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="GeoWebNews folder (with GWN.xml)")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds, by article")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="the ranker file to write")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only (a quick try)")
    args = parser.parse_args(argv)
    gwn = args.data / "GWN.xml"
    if not gwn.is_file():
        print(f"{COMMAND}: no {gwn}", file=sys.stderr)
        return 2
    print(f"parsing {gwn} ...", file=sys.stderr)
    gold, parsed = geo.parse(args.data, args.limit)
    by_article = [examples(article, doc, truth) for (article, doc), truth in zip(parsed, gold, strict=True)]
    fold_of = {article.id: i % args.folds for i, (article, _) in enumerate(parsed)}
    folds = []
    ranker_of: dict[str, Ranker | None] = {}
    top1 = 0.0
    for k in range(args.folds):
        train = [groups for (article, _), groups in zip(parsed, by_article, strict=True) if fold_of[article.id] != k]
        weights, c = fit(train, args.folds)
        test = [g for (article, _), groups in zip(parsed, by_article, strict=True) if fold_of[article.id] == k
                for g in groups]  # fmt: skip
        vector = np.array([weights[name] for name in FEATURES])
        top1 += _top1(test, vector) * len(test)
        held_out = sorted((a for a, f in fold_of.items() if f == k), key=lambda a: (len(a), a))
        folds.append({"held_out": held_out, "C": c, "weights": weights})
        for article_id in held_out:
            ranker_of[article_id] = Ranker(weights)
    hand_acc, hand_recall, _ = accuracy(parsed, gold, {})
    cv_acc, cv_recall, counts = accuracy(parsed, gold, ranker_of)
    n_examples = sum(len(groups) for groups in by_article)
    top = FEATURES.index("heuristic_top")
    hand_top1 = sum(bool(right[[row[top] for row in rows].index(1.0)]) for groups in by_article
                    for rows, right in groups) / max(n_examples, 1)  # fmt: skip
    print(f"{n_examples} examples from {len(parsed)} articles; {args.folds} folds by article")
    print(f"examples' best candidate right: hand-set {hand_top1:.3f}, ranker (cross-validated) {top1 / n_examples:.3f}")
    print(f"hand-set scores:              accuracy@161 km {hand_acc:.3f}  recall {hand_recall:.3f}")
    print(f"ranker, cross-validated:      accuracy@161 km {cv_acc:.3f}  recall {cv_recall:.3f}")
    if cv_acc <= hand_acc:
        print("the ranker does not beat the hand-set scores: written with serve=false (the places stage keeps them)")
    model, c = fit(by_article, args.folds)
    print(f"C per fold {[fold['C'] for fold in folds]}, for the shipped model {c}")
    data = {
        "format": FORMAT,
        "about": "Learned toponym ranker of the places stage (newsledger/gazetteer/ranker.py): a candidate's score "
        "is the dot product of its features (BASE_FEATURES + CUE_FEATURES in newsledger/stages/places.py) with "
        "these weights; the highest wins. Do not edit: regenerate with the command below.",
        "trained": {
            "command": COMMAND,
            "date": datetime.now(UTC).strftime("%Y-%m-%d"),
            "data": "GeoWebNews GWN.xml, 200 articles",
            "gwn_sha256": hashlib.sha256(gwn.read_bytes()).hexdigest(),
            "model": f"scikit-learn LogisticRegression on candidate pairs (no intercept; C={c}, chosen from {list(CS)} "
            f"by an inner {args.folds}-fold cross-validation, per fold too), features divided by their standard "
            f"deviation (the hand-set scores {list(HAND_SET)} then multiplied by {BOOST}), that scaling folded into "
            "the weights",
            "examples": n_examples,
            "folds": args.folds,
            "fold_by": f"article i of GWN.xml (file order) in fold i mod {args.folds}",
        },
        "cross_validated": {
            "accuracy_161": round(cv_acc, 4),
            "recall": round(cv_recall, 4),
            "hand_set_accuracy_161": round(hand_acc, 4),
            "resolved": len(counts.errors),
            "note": "each article resolved by the fold model that did not see it, scored as newsledger eval --only geo",
        },
        # The places stage uses the model only when it beat the hand-set scores under cross-validation.
        "serve": cv_acc > hand_acc,
        "licence": LICENCE,
        "features": list(FEATURES),
        "model": {"weights": model},
        "folds": folds,
    }
    if args.limit is None or args.output != DEFAULT_OUTPUT:
        args.output.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {args.output}")
    for name, weight in sorted(model.items(), key=lambda item: -abs(item[1])):
        print(f"  {name:20s} {weight:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

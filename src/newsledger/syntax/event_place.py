"""Which place of a sentence is where its event happened: features of (event trigger, place mention) and a
learned linear scorer over them.

Each place mention of the trigger's sentence is a candidate. Its features are read off the parse: the
dependency path from the candidate up to where it meets the trigger and down to the trigger (labels, with the
preposition word on a ``prep`` step: "killed in Kabul" is ``pobj/prep:in^``), the first preposition above
the candidate and whether it hangs on the trigger, token distance and order, whether the candidate is in the
subject ("Syrian troops"), its place kind (country, city, ...) and entity label, how many places the sentence
has, and what the hand rule (a locative phrase on the trigger, else the nearest place) chose.

The weights are data (``data/event_location.json``), fitted by ``python -m newsledger.evaluation.train_event_location``
on the ahalterman/event_location sentences; serving is a dot product, with no scikit-learn at run time. The
best-scoring candidate is the event's place when its score clears the file's threshold; else the sentence does
not say where ("no place").
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Token

MODEL_ENV = "NEWSLEDGER_EVENT_LOCATION"  # a weights file to use instead of the bundled one; "off": the hand rule
MODEL_FILE = "event_location.json"
LOCAL_KINDS = frozenset({"city", "locality", "admin2"})
# Dependency labels that open a new clause: a place beyond one is seldom the event's ("officials in Y said").
CLAUSE_LABELS = frozenset({"ccomp", "advcl", "relcl", "xcomp", "conj", "parataxis", "acl", "pcomp", "csubj"})
_MAX_PATH = 4  # longer paths are only described by their labels, not spelled out whole


@dataclass(frozen=True)
class Mention:
    """A place mention of the sentence: its tokens (first, last inclusive) and its place's kind."""

    first: int
    last: int
    kind: str

    def root(self, doc: Doc) -> Token:
        """The mention's syntactic head: the token whose head lies outside the mention."""
        inside = range(self.first, self.last + 1)
        for i in inside:
            if doc[i].head.i not in inside or doc[i].head.i == i:
                return doc[i]
        return doc[self.first]


def _bucket(value: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if value <= edge:
            return str(edge)
    return f">{edges[-1]}"


def _chain(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) < 64:
        chain.append(chain[-1].head)
    return chain


def _step(token: Token) -> str:
    return f"prep:{token.lower_}" if token.dep_ in ("prep", "agent") else token.dep_


def candidate_features(
    trigger: Token,
    verb: Token,
    mention: Mention,
    mentions: list[Mention],
    subject: frozenset[int],
    rule: tuple[int | None, str | None],
) -> dict[str, float]:
    """The features of one candidate place ``mention`` for the event of ``trigger`` (``verb`` its clause's
    verb); ``mentions`` are all place mentions of the sentence in order, ``subject`` the token indices of
    the verb's subject, ``rule`` the index of the token the hand rule chose and how ("clause", "sentence")."""
    root = mention.root(trigger.doc)
    f: dict[str, float] = {"bias": 1.0}
    up, down = _chain(root), _chain(trigger)
    down_at = {t.i: n for n, t in enumerate(down)}
    meet = next((n for n, t in enumerate(up) if t.i in down_at), len(up) - 1)
    up_steps = [_step(t) for t in up[:meet]]
    down_steps = [t.dep_ for t in down[: down_at.get(up[meet].i, 0)]]
    lca = up[meet]
    f[f"up_len={_bucket(len(up_steps), (0, 1, 2, 3, 4))}"] = 1.0
    f[f"down_len={_bucket(len(down_steps), (0, 1, 2, 3))}"] = 1.0
    for step in set(up_steps):
        f[f"up:{step}"] = 1.0
    for step in set(down_steps):
        f[f"down:{step}"] = 1.0
    if len(up_steps) + len(down_steps) <= _MAX_PATH:
        f[f"path={'/'.join(up_steps)}^{'/'.join(down_steps)}"] = 1.0
    f["lca=trigger" if lca.i == trigger.i else "lca=verb" if lca.i == verb.i else "lca=other"] = 1.0
    if any(step in CLAUSE_LABELS for step in up_steps):
        f["clause_up"] = 1.0
    if any(step in CLAUSE_LABELS for step in down_steps):
        f["clause_down"] = 1.0
    # The first preposition above the candidate, and whether it hangs on the event ("killed in Kabul") or
    # elsewhere ("officials in Y said").
    prep = next((t for t in up[1 : meet + 1] if t.dep_ in ("prep", "agent")), None)
    if prep is not None:
        on_event = prep.head.i in (trigger.i, verb.i) or (prep.head.dep_ == "acl" and prep.head.head.i == trigger.i)
        f[f"prep={prep.lower_}"] = 1.0
        f[f"prep={prep.lower_}&{'on_event' if on_event else 'elsewhere'}"] = 1.0
        if on_event:
            f["prep_on_event"] = 1.0
            if root.dep_ in ("compound", "amod", "poss", "nmod"):
                f["modifier_in_prep_on_event"] = 1.0  # "sent troops to Mexico's northern border"
        if prep.lower_ == "of":
            f[f"of_head={prep.head.pos_}"] = 1.0
    f[f"dep={root.dep_}"] = 1.0
    if root.head.i == trigger.i and root.dep_ in ("dobj", "nsubjpass", "nsubj"):
        f[f"arg={root.dep_}"] = 1.0
    if root.i in subject:
        f["in_subject"] = 1.0
    # Distance and order.
    distance = min(abs(mention.first - trigger.i), abs(mention.last - trigger.i))
    side = "after" if mention.first > trigger.i else "before"
    f[f"dist={_bucket(distance, (1, 2, 3, 5, 8, 12, 20))}"] = 1.0
    f[side] = 1.0
    f[f"{side}&dist={_bucket(distance, (2, 5, 12))}"] = 1.0
    nth = mentions.index(mention)
    f[f"nth={min(nth, 3)}"] = 1.0
    ranked = sorted(mentions, key=lambda m: min(abs(m.first - trigger.i), abs(m.last - trigger.i)))
    f[f"rank={min(ranked.index(mention), 3)}"] = 1.0
    f[f"places={min(len(mentions), 4)}"] = 1.0
    same_side = [m for m in mentions if (m.first > trigger.i) == (mention.first > trigger.i)]
    if same_side and min(same_side, key=lambda m: abs(m.first - trigger.i)) == mention:
        f[f"nearest_{side}"] = 1.0
    # What kind of place, and what kind of word.
    f[f"kind={mention.kind}"] = 1.0
    if mention.kind == "country" and any(m.kind in LOCAL_KINDS for m in mentions if m != mention):
        f["country_with_local"] = 1.0
    f[f"ent={root.ent_type_ or 'none'}"] = 1.0
    f[f"pos={root.pos_}"] = 1.0
    if root.ent_type_ == "NORP" or root.pos_ == "ADJ":
        f["adjectival"] = 1.0
    if root.dep_ in ("compound", "amod", "poss", "nmod"):
        f[f"modifier&kind={mention.kind}"] = 1.0
    f[f"trigger_pos={trigger.pos_}"] = 1.0
    # What the hand rule said.
    chosen, how = rule
    if chosen is not None and mention.first <= chosen <= mention.last:
        f[f"rule={how}"] = 1.0
    elif chosen is not None:
        f[f"rule_other={how}"] = 1.0
    return f


@dataclass(frozen=True)
class EventPlaceModel:
    """A logistic-regression scorer read from a weights file: weights per feature, and a threshold on the
    best candidate's score below which the sentence is taken not to say where."""

    weights: dict[str, float]
    threshold: float
    about: dict[str, Any]

    @classmethod
    def read(cls, path: Path | str) -> EventPlaceModel:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(weights=dict(data["weights"]), threshold=float(data["threshold"]), about=data)

    def score(self, features: dict[str, float]) -> float:
        weights = self.weights
        return sum(weights.get(name, 0.0) * value for name, value in features.items())

    def choose(self, options: Iterable[tuple[int, dict[str, float]]]) -> int | None:
        """The index of the best option whose score clears the threshold, else None."""
        best, best_score = None, self.threshold
        for index, features in options:
            value = self.score(features)
            if value > best_score:
                best, best_score = index, value
        return best


@cache
def event_place_model() -> EventPlaceModel | None:
    """The bundled (or ``$NEWSLEDGER_EVENT_LOCATION``) weights, read once; None when there are none (or the
    variable is "off"), and the hand rule decides."""
    chosen = os.environ.get(MODEL_ENV)
    if chosen == "off":
        return None
    path = Path(chosen) if chosen else Path(str(files("newsledger") / "data" / MODEL_FILE))
    if not path.is_file():
        return None
    return EventPlaceModel.read(path)

"""How the text holds an event: claimed, negated, planned, conditional; and a date's precision."""

from __future__ import annotations

import re

from spacy.tokens import Token

from newsledger.stages.events.clauses import _nominal, _nominal_context
from newsledger.stages.events.words import (
    CLAIM_NOUNS,
    DENYING_HEADS,
    NEGATING_HEADS,
    NOUN_GOVERNORS,
    PLAN_HEADS,
    PLANNED_MODIFIERS,
    THREAT_HEADS,
)
from newsledger.syntax.speech import event_status_cues


def _presupposed(verb: Token, reporting: Token) -> bool:
    """Whether an event under a reporting verb is background the report takes as known, not what is claimed:
    in a relative clause ("the Uyghurs who were deported") or an adverbial one ("since authorities deported
    them", "while she demanded an end ..., she said") on the way up to the reporting verb."""
    token = verb
    while token.i != reporting.i and token.head is not token:
        if token.dep_ in ("relcl", "advcl") or (token.dep_ == "acl" and token.tag_ != "VBN"):
            return True
        if token.dep_ == "dobj" and token.head.i == reporting.i:
            return True  # "Canada announced tariffs on ...": a thing announced is done, not claimed
        token = token.head
    return False


def status_cue(trigger: Token, verb: Token) -> str | None:
    """The status a hedging word gives an event the report tells in its own voice: "reportedly killed",
    "the alleged attack", "is said to have fled" (words and statuses in ``data/event_status_cues.tsv``)."""
    cues = event_status_cues()
    for word in (*verb.children, *trigger.children):
        if word.dep_ in ("advmod", "amod") and (status := cues.get(word.lower_)) is not None:
            return status
    head = verb.head if verb.dep_ == "xcomp" else None
    if head is not None and head.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in head.children):
        return cues.get(f"be {head.lower_} to")  # "is said to", "were believed to"
    return None


def date_precision(value: str) -> str:
    """How precise an ISO value is: "day" (2025-03-13), "week" (2025-W11), "month" (2025-03), "year" (2025), or
    "other" (a season, a decade, a time of day)."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "day"
    if re.fullmatch(r"\d{4}-W\d{2}", value):
        return "week"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "month"
    return "year" if re.fullmatch(r"\d{4}", value) else "other"


def _lexical_status(trigger: Token, verb: Token, chain: list[Token]) -> str | None:
    """The status that a governing word gives an event: "failed to reach a deal" (negated), "called off the
    strike" (negated), "denied attacking" (disputed), "threatened to strike" (conditional), "plans to visit",
    "the planned talks" (planned). None when no such word governs it."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and (
        subject.lower_ in ("nobody", "none")
        or (subject.lower_ == "one" and any(c.lower_ == "no" for c in subject.children))
    ):
        return "negated"  # "no one was killed"
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "without":
        return "negated"  # "took the town without a fight"
    governing = _governing_words(trigger, verb)
    lemmas = [g.lemma_.lower() for g in governing]
    if any(lemma in NEGATING_HEADS for lemma in lemmas) or any(
        g.lemma_.lower() == "call" and any(c.lower_ == "off" for c in g.children) for g in governing
    ):
        return "negated"
    if any(a.lemma_.lower() in DENYING_HEADS for a in chain[1:]) or any(
        a.lemma_.lower() in CLAIM_NOUNS and a.head.lemma_.lower() in ("reject", "dismiss", "deny") for a in chain
    ):
        return "disputed"  # "denied involvement in the attack", "rejected accusations of bombing"
    if any(lemma in THREAT_HEADS for lemma in lemmas):
        return "conditional"  # a threat or warning holds only unless its target yields
    if any(lemma in PLAN_HEADS for lemma in lemmas) or _planned_word(trigger, governing):
        return "planned"
    return None


def _governing_words(trigger: Token, verb: Token) -> list[Token]:
    """The words that take the event as their complement: the head of "to attack" in "refused to attack", and
    for an event noun the verb that takes it as object ("called off the talks", "the flight was delayed"), not
    the one it is the subject of ("troubles delay the tour") nor one it modifies ("delayed after an accident")."""
    words: list[Token] = []
    above = trigger
    if _nominal(trigger) and verb.i != trigger.i:
        context = _nominal_context(trigger)
        taken = context.dep_ in ("dobj", "nsubjpass") or (
            context.dep_ == "pobj"
            and context.head.lower_ in ("for", "of", "on", "in", "from")
            and context.head.head.i == verb.i
        )
        if taken and (verb.lemma_.lower() in NOUN_GOVERNORS or verb.lemma_.lower() == "call"):
            words.append(verb)
        above = verb
    if above.dep_ == "xcomp":
        words.append(above.head)
    elif above.dep_ == "pcomp" and above.head.lower_ in ("from", "of"):
        words.append(above.head.head)  # "prevented them from attacking"
    return words


def _planned_word(trigger: Token, governing: list[Token]) -> bool:
    """Whether a word marks the event as scheduled: "the planned talks", "is set to meet", "called for a strike"."""
    if _nominal(trigger) and any(c.lower_ in PLANNED_MODIFIERS for c in trigger.children if c.dep_ == "amod"):
        return True
    for word in governing:
        if word.lemma_.lower() in ("set", "due", "poised") and trigger.dep_ == "xcomp" and word is trigger.head:
            return True
    return _nominal(trigger) and trigger.head.lower_ == "for" and trigger.head.head.lemma_.lower() == "call"

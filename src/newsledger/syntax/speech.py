"""The vocabulary of speech that quotes and events share, read from rule tables.

- ``data/speech_verbs.tsv``: the reporting verbs a quote's cue can be; those of
  class ``clause`` govern a reported clause, which quotes take as what was said
  and in which events read an event as claimed by the verb's subject.
- ``data/speech_nouns.tsv``: nouns that name a statement ("claim", "warning") or
  stand for their owner as a speaker ("the ministry's report said").

A user's file (``$NEWSLEDGER_SPEECH_VERBS``, ``$NEWSLEDGER_SPEECH_NOUNS``)
adds rows or, for a lemma it repeats, replaces the bundled row's classes.
"""

from __future__ import annotations

from functools import cache

from newsledger.rules import read_table

VERB_CLASSES = frozenset({"clause", "evaluation"})
NOUN_CLASSES = frozenset({"statement", "said"})


@cache
def _classes(name: str, env: str, allowed: frozenset[str]) -> dict[str, frozenset[str]]:
    bundled, user = read_table(name, env, ("lemma", "classes"))
    table: dict[str, frozenset[str]] = {}
    for row in [*bundled, *user]:
        lemma = row.get("lemma").lower()
        classes = frozenset(c.strip() for c in row.get("classes").split("|") if c.strip())
        if not lemma or not classes or not classes <= allowed:
            raise row.error(f"needs a lemma and classes among {', '.join(sorted(allowed))} (| between them)")
        table[lemma] = classes
    return table


def speech_verbs() -> dict[str, frozenset[str]]:
    """Reporting verb lemma -> its classes."""
    return _classes("speech_verbs.tsv", "NEWSLEDGER_SPEECH_VERBS", VERB_CLASSES)


def speech_nouns() -> dict[str, frozenset[str]]:
    """Statement noun lemma -> its classes."""
    return _classes("speech_nouns.tsv", "NEWSLEDGER_SPEECH_NOUNS", NOUN_CLASSES)


# Read once at import, as the stages match lemmas against them token by token.
SPEECH_LEMMAS = frozenset(speech_verbs())
CLAUSE_TAKING = frozenset(lemma for lemma, classes in speech_verbs().items() if "clause" in classes)
STATEMENT_NOUNS = frozenset(lemma for lemma, classes in speech_nouns().items() if "statement" in classes)
# What someone said, besides the statement nouns: "her words", "the ministry's report".
SAID_NOUNS = frozenset(lemma for lemma, classes in speech_nouns().items() if "said" in classes)


STATUS_CUE_VALUES = frozenset({"claimed", "unverified", "disputed"})


@cache
def event_status_cues() -> dict[str, str]:
    """Hedging words -> the status they give an event: "reportedly" claimed (``data/event_status_cues.tsv``,
    with ``$NEWSLEDGER_EVENT_STATUS_CUES`` on top). A cue "be said to" stands for "is/was/were said to"."""
    bundled, user = read_table("event_status_cues.tsv", "NEWSLEDGER_EVENT_STATUS_CUES", ("cue", "status"))
    cues: dict[str, str] = {}
    for row in [*bundled, *user]:
        cue, status = " ".join(row.get("cue").lower().split()), row.get("status")
        if not cue or status not in STATUS_CUE_VALUES:
            raise row.error(f"needs a cue and a status among {', '.join(sorted(STATUS_CUE_VALUES))}")
        cues[cue] = status
    return cues

"""Small readings of spaCy's parse that the events stage's parts share: lemmas, subjects, objects, hosts."""

from __future__ import annotations

from collections.abc import Container

from spacy.tokens import Token

from newsledger.resolve.sectors import sector_of
from newsledger.stages.events.words import CROWDS, NOUN_TRIGGERS, QUANTITIES, TRIGGERS


def _lemma(token: Token, known: Container[str]) -> str:
    """The token's lemma, or a plain stem of its form when the lemmatiser errs ("staged" -> "stag")."""
    lemma = token.lemma_.lower()
    if lemma in known:
        return lemma
    form = token.lower_
    for suffix, replacement in (("ied", "y"), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("s", "")):
        if form.endswith(suffix) and (stem := form[: -len(suffix)] + replacement) in known:
            return stem
    return lemma


def _objects(verb: Token) -> list[Token]:
    """Direct objects, particles and objects of prepositions of ``verb``."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "prt", "attr", "acomp", "oprd")]
    return objects + [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]


def _subject(verb: Token) -> Token | None:
    """The subject of ``verb``, or of the verb it is coordinated with ("rallied and marched")."""
    while True:
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None and verb.dep_ == "acl":
            return verb.head  # "strikers gathered outside"
        if subject is not None or verb.dep_ != "conj" or verb.head is verb:
            return subject
        verb = verb.head


def _crowd(subject: Token | None, kinds: frozenset[str] = CROWDS) -> bool:
    """Whether ``subject`` names a crowd of people ("thousands of protesters", "students and workers")."""
    if subject is None:
        return False
    words = [subject, *(c for c in subject.children if c.dep_ == "conj")]
    words += [g for c in subject.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    return any(_lemma(word, kinds) in kinds for word in words)


def _people(subject: Token | None) -> bool:
    """Whether ``subject`` can be people taking to the streets: a crowd, a named group or a person."""
    if subject is None:
        return False
    if _crowd(subject) or subject.ent_type_ in ("PERSON", "NORP", "ORG") or sector_of(subject.text):
        return True
    return subject.pos_ == "PRON" and subject.lower_ in ("they", "we", "he", "she", "who", "i")


def _object_words(objects: list[Token]) -> set[str]:
    """Lemmas of the objects and of their compound modifiers ("tear gas" -> gas, tear)."""
    words = {o.lemma_.lower() for o in objects}
    return words | {c.lemma_.lower() for o in objects for c in o.children if c.dep_ in ("compound", "amod")}


def _mistagged_verb(token: Token) -> bool:
    """Whether a noun-tagged trigger is a verb the tagger missed: a plural form taking a direct object
    ("Kyiv rejects Russian calls"); nouns take no direct objects."""
    return (
        token.pos_ == "NOUN"
        and token.tag_ == "NNS"
        and _lemma(token, TRIGGERS) in TRIGGERS
        and any(c.dep_ == "dobj" for c in token.children)
    )


def _nominal(token: Token) -> bool:
    """Whether the trigger is an event noun (not a verb, nor a verb tagged as a noun)."""
    return token.pos_ == "NOUN" and not _mistagged_verb(token)


def _stray_host(token: Token) -> Token | None:
    """The "take place" verb of an event noun: its subject ("a meeting is to take place"), or the subject the
    parser attached elsewhere: in "... efforts to hold talks and a meeting with X is to take place in Y" the
    meeting hangs from "talks" though it is what takes place."""
    sentence = token.sent
    for verb in sentence:
        if verb.lemma_.lower() != "take" or not any(c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children):
            continue
        clause = verb.head if verb.dep_ == "xcomp" and verb.head.i < verb.i else verb
        if token.dep_ == "nsubj" and token.head.i == clause.i:
            return verb  # "a meeting ... is to take place": the subject of "is", the event of "take place"
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for t in (verb, clause) for c in t.children):
            continue  # the verb has its subject
        before = clause.left_edge.i - 1
        if before < sentence.start:
            continue
        word = token.doc[before]
        # climb from the word just before the clause to the event noun that heads its phrase
        while word.i != token.i and word.head.i != word.i and word.head.i < clause.i and word.pos_ != "VERB":
            if word.pos_ == "NOUN" and _lemma(word, NOUN_TRIGGERS) in NOUN_TRIGGERS:
                break
            word = word.head
        if word.i == token.i:
            return verb
    return None


def _when(token: Token) -> bool:
    """Whether a phrase names a time ("on Thursday"), which is never an actor; a bare count the recogniser took
    for a date ("wounding 80") is no time."""
    return token.ent_type_ in ("DATE", "TIME") and not token.like_num


def _nominal_context(token: Token) -> Token:
    """The noun that stands for ``token`` in its clause: "a string of airstrikes" -> string."""
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in QUANTITIES:
        return token.head.head
    return token


def _host(trigger: Token) -> Token:
    """The word whose phrases (place, date) an event shares: the verb, or the head of an event noun."""
    if not _nominal(trigger):
        return trigger
    return _stray_host(trigger) or trigger.head


def _governor(trigger: Token) -> Token:
    """The word an event hangs from: the trigger verb, or the verb that governs an event noun
    ("carried out a string of airstrikes" -> carried, "went on strike" -> went)."""
    if not _nominal(trigger):
        return trigger
    if (host := _stray_host(trigger)) is not None:
        return host
    head = _nominal_context(trigger).head
    return head.head if head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX") else head


def _antecedent(token: Token | None) -> Token | None:
    """What a relative pronoun stands for ("the bombing that killed 12" -> bombing), else the token itself."""
    if token is not None and token.tag_ == "WDT" and token.head.dep_ == "relcl":
        return token.head.head
    return token


def _responsible(event_noun: Token | None) -> Token | None:
    """The subject of "claimed (took, accepted) responsibility for" an event noun: "al-Shabab claimed
    responsibility for the attack" -> al-Shabab."""
    if event_noun is None or event_noun.dep_ != "pobj" or event_noun.head.lower_ != "for":
        return None
    noun = event_noun.head.head
    if noun.lemma_.lower() not in ("responsibility", "credit") or noun.dep_ != "dobj":
        return None
    verb = noun.head
    if verb.lemma_.lower() not in ("claim", "take", "accept", "admit", "assume"):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _thing(token: Token | None) -> bool:
    """Whether an object is a thing, even one named after a party ("World Trade Organization consultations"):
    a common noun that is no entity and no described group."""
    return token is not None and token.pos_ == "NOUN" and not token.ent_type_ and not sector_of(token.lower_)

"""Readings of a reporting verb: its subject, whether it is hypothetical, its channel, 'according to'."""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsledger.stages.quotes.words import ATTRIBUTION_LEMMAS, CHANNEL_NOUNS


def _subject_of(verb: Token) -> Token | None:
    """The grammatical subject of a cue, climbing from "adding", "saying" to the main verb."""
    token: Token | None = verb
    for _ in range(4):
        if token is None:
            return None
        # The subject nearest the verb: in "The museum, Ortiz said, will ..." the parser may give "said" both.
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "SCONJ"]
        if subjects:
            at = token.i  # the lambda below must not see ``token`` as possibly None
            child = min(subjects, key=lambda c: abs(c.i - at))
            if child.tag_ in ("WP", "WDT") and token.dep_ == "relcl":
                return token.head  # "Putin, who has said ...": the speaker is Putin
            return _appositive_head(child) or child
        if (
            token.dep_ == "conj"
            and token.lemma_.lower() in ATTRIBUTION_LEMMAS
            and token.head.dep_ == "ccomp"
            and token.head.head.lemma_.lower() in ATTRIBUTION_LEMMAS
        ):
            # "She said that the city is ready and urged the state to help": the parser joins "urged" to the
            # reported clause, but it is coordinated with "said" and shares its subject.
            token = token.head.head
        elif token.dep_ in ("advcl", "xcomp", "conj", "relcl") and token.head is not token:
            token = token.head
        elif token.dep_ == "pcomp" and token.head.dep_ == "prep":
            token = token.head.head  # "By signaling X, Ukraine has ...", "after saying X, he ..."
        else:
            return None
    return None


def _hypothetical(cue: Token) -> bool:
    """Whether a cue is only weighed, not done: "the dilemma of whether to accept a truce or reject the offer"."""
    if cue.tag_ != "VB":
        return False
    token = cue
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ == "whether" for c in token.children):
            return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)  # "whether to ...", an infinitive
        if token.dep_ not in ("conj", "xcomp", "advcl", "acl") or token.head is token:
            return False
        token = token.head
    return False


def _appositive_head(subject: Token) -> Token | None:
    """The noun an apposition-like subject describes, when the parser took the apposition for the subject:
    in "The ministry's comment, one of many ..., praised ..." the subject is "comment", not "one"."""
    if subject.i < 2 or subject.doc[subject.left_edge.i - 1].text != ",":
        return None
    before = subject.doc[subject.left_edge.i - 2]
    for sibling in subject.head.children:
        if (
            sibling.dep_ in ("dep", "nsubj")
            and sibling.i < subject.i
            and sibling.pos_ in ("NOUN", "PROPN")
            and sibling.right_edge.i == before.i
        ):
            return sibling
    return None


def _according_to(sentence: Span) -> tuple[Token, Token] | None:
    """("according", the source token) in "according to X"."""
    for token in sentence:
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
            objects = [c for c in token.doc[token.i + 1].children if c.dep_ == "pobj"]
            if objects:
                return token, objects[0]
    return None


def _channel(verb: Token) -> str | None:
    """Where or to whom: "on his Telegram messaging app", "in televised remarks", "reporters"."""
    for child in verb.children:
        if child.dep_ == "dative" or (child.dep_ == "dobj" and verb.lemma_ == "tell"):
            return child.doc[child.left_edge.i : child.right_edge.i + 1].text
        if child.dep_ == "prep" and child.lower_ in ("on", "in", "to"):
            for pobj in child.children:
                if pobj.dep_ == "pobj" and (pobj.lower_ in CHANNEL_NOUNS or pobj.lemma_ in ("reporter", "journalist")):
                    return child.doc[child.i : pobj.right_edge.i + 1].text
    return None

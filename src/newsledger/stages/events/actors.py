"""Who did it and to whom: the parse paths from a trigger to its acting and receiving parties."""

from __future__ import annotations

from spacy.tokens import Token

from newsledger.model import Actor
from newsledger.resolve.sectors import sector_of
from newsledger.stages.events.clauses import _lemma, _nominal, _when
from newsledger.stages.events.triggers import _party
from newsledger.stages.events.words import _PARTIES, NOUN_TRIGGERS, PARTITIVES, RELATIVES, THREAT_WORDS


def _actor_head(token: Token | None) -> Token | None:
    """The word that names an actor: the antecedent of a relative pronoun ("a ceasefire that Ukraine accepted"),
    the whole of a partitive ("parts of the region"); None for a time or a bare number ("one of many")."""
    count: Token | None = None  # the count of a partitive, kept when its whole cannot be found ("37 of whom")
    # a bare "some" or "many" is a victim as object ("shooting many"), no actor as subject ("one of many praised")
    patient = token is not None and token.dep_ != "nsubj"
    for _ in range(3):
        if token is None or _when(token):
            return None
        lower = token.lower_
        if lower in RELATIVES and token.dep_ != "mark":  # the tagger may call "that" a conjunction
            clause = next((a for a in token.ancestors if a.dep_ == "relcl"), None)
            token = clause.head if clause is not None else count
            continue
        if lower in PARTITIVES or token.pos_ == "NUM":
            whole = next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children), None)
            if whole is None and (lower not in PARTITIVES or patient):
                return count or token  # a count of victims: "killed 12", "shooting many", "18 of those"
            count = token if lower not in PARTITIVES or patient else None
            token = whole
            continue
        return token
    return None


def _other_side(trigger: Token) -> Token | None:
    """The other side named by the event an event names: "arrived for talks with X" (X), "threatened to hit
    Russia" and "threats to hit Russia" (Russia)."""
    for child in trigger.children:
        if child.dep_ in ("xcomp", "acl") and trigger.lemma_.lower() in THREAT_WORDS:
            targets = [c for c in child.children if c.dep_ in ("dobj", "dative")]
            targets += [
                g for c in child.children if c.dep_ == "prep" and c.lower_ in ("on", "against") for g in c.children
            ]
            # who is threatened, not the means ("to use force", "with bigger tariffs")
            target = next((t for t in targets if _party(t)), None)
            if target is not None:
                return target
        if child.dep_ == "prep" and child.lower_ == "for" and trigger.pos_ == "VERB":
            for talks in child.children:
                if (
                    _lemma(talks, NOUN_TRIGGERS) in NOUN_TRIGGERS
                    and NOUN_TRIGGERS[_lemma(talks, NOUN_TRIGGERS)][0] == "CONSULT"
                ):
                    return next(
                        (g for c in talks.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children), None
                    )
    return None


def _targeter(become: Token) -> Token | None:
    """Who holds the target in "will become legitimate targets for the Russian Armed Forces"."""
    for target in (c for c in become.children if c.dep_ == "attr"):
        for prep in (c for c in target.children if c.dep_ == "prep" and c.lower_ in ("for", "of")):
            return next((g for g in prep.children if g.dep_ == "pobj"), None)
    return None


def _recipient(trigger: Token, obj: Token | None) -> Token | None:
    """Who receives aid when the object is what is given: "sent weapons to Ukraine", "lifted its suspension of
    military aid for Kyiv". None when the object is already the recipient ("helped Ukraine")."""
    if obj is not None and (obj.ent_type_ in _PARTIES or obj.pos_ == "PROPN"):
        return None
    verb = trigger if not _nominal(trigger) else trigger.head
    scopes = [verb, *([obj] if obj is not None else []), *(obj.subtree if obj is not None else [])]
    for word in scopes:
        for prep in (c for c in word.children if c.dep_ in ("prep", "dative") and c.lower_ in ("to", "for")):
            pobj = next((g for g in prep.children if g.dep_ == "pobj" and not _when(g)), None)
            if pobj is not None and (pobj.ent_type_ in _PARTIES or pobj.pos_ in ("PROPN", "PRON")):
                return pobj
    return None


def _is_state(actor: Actor, subject: Token | None) -> bool:
    """Whether the actor is a state or its government (a country, a ministry, officials)."""
    if subject is not None and subject.ent_type_ == "GPE":
        return True
    return sector_of(actor.text) in ("GOV", "IGO")

"""Which words report an event, and of which PLOVER type: verbs, event nouns, their objects and frames."""

from __future__ import annotations

import os

from spacy.tokens import Span, Token

from newsledger.dictionaries.frames import cameo_frames
from newsledger.resolve.sectors import sector_of
from newsledger.stages.events.clauses import (
    _crowd,
    _lemma,
    _mistagged_verb,
    _nominal,
    _nominal_context,
    _object_words,
    _objects,
    _people,
    _stray_host,
    _subject,
    _when,
)
from newsledger.stages.events.words import (
    _ATTACK_CUE,
    _PARTIES,
    ACCIDENT_VERBS,
    ACCUSING_NOUNS,
    ACCUSING_PREDICATES,
    AID_GOODS,
    CAMEO_FRAMES_ENV,
    DIPLOMATIC,
    FIGURATIVE_OBJECTS,
    FIGURATIVE_SUBJECTS,
    FORCES,
    GENERIC_HEADS,
    GROUND,
    HAZARDS,
    LIGHT_VERBS,
    MATERIAL_CONFLICT,
    NOUN_FRAMES,
    NOUN_TRIGGERS,
    OBJECT_OVERRIDES,
    OCCURRENCE,
    OUTPOSTS,
    PARTICLE_VERBS,
    PARTITIVES,
    PROTEST_MODIFIERS,
    PROTEST_VERBS,
    RELEASED_THINGS,
    REPORTING,
    RIOTERS,
    ROUTES,
    STREET_VERBS,
    SYMPTOMS,
    TAKING,
    THREAT_WORDS,
    TRIGGERS,
    WEAPON_MODES,
    WEAPON_VERBS,
)
from newsledger.syntax.speech import CLAUSE_TAKING


def _by_object(token: Token, lemma: str) -> tuple[str, str | None] | None:
    """The event a verb makes with its object: "used tear gas", "opened fire", "took control", "set up a base"."""
    objects = _objects(token)
    for child in objects:
        if (lemma, child.lemma_.lower()) in OBJECT_OVERRIDES:
            return OBJECT_OVERRIDES[(lemma, child.lemma_.lower())]
    direct = [o for o in objects if o.dep_ in ("dobj", "attr", "oprd")]
    heads = {o.lemma_.lower() for o in direct}
    particles = {c.lower_ for c in token.children if c.dep_ == "prt"}
    if lemma in WEAPON_VERBS and (weapons := [WEAPON_MODES[w] for w in _object_words(direct) if w in WEAPON_MODES]):
        # "poison gas" is a chemical weapon, "tear gas" crowd control
        unconventional = _object_words(direct) & {"poison", "toxic", "chlorine", "sarin", "nerve", "chemical"}
        aimed = any(c.dep_ == "prep" and c.lower_ in ("at", "on", "against", "into", "toward") for c in token.children)
        if lemma == "launch" and not aimed:
            return None  # a missile launch with no target is a test, not an attack
        return ("ASSAULT", "unconventional" if unconventional else weapons[0])
    if _as_target(token):
        return ("THREATEN", "violence")  # "will treat those forces as legitimate targets"
    if lemma == "blow" and "up" in particles:
        suicide = heads & {"themselves", "himself", "herself"}
        return ("ASSAULT", "suicide-attack" if suicide else "explosives")
    if lemma == "set" and ({c.lower_ for c in token.children} & {"ablaze", "alight"} or "fire" in heads):
        return ("ASSAULT", "destroy")
    if ((lemma == "set" and "up" in particles) or lemma == "establish") and heads & OUTPOSTS:
        return ("MOBILIZE", "troops")
    if (lemma in TAKING and _ground(direct) and not _progress(token, direct)) or (
        lemma == "take" and "over" in particles and direct
    ):
        return ("ASSAULT", None)  # taking ground by force
    if (lemma == "pull" and particles & {"out", "back"}) or (
        lemma == "hand" and "over" in particles and heads & GROUND
    ):
        return ("RETREAT", "withdraw")
    streets = lemma in STREET_VERBS and "street" in {o.lemma_.lower() for o in objects}
    if streets and (lemma == "take" or _crowd(_subject(token))):
        return ("PROTEST", "demo")  # "took to the streets", "crowds poured into the streets"
    if lemma in ("block", "barricade") and heads & ROUTES:
        subject = _subject(token)
        if subject is None or sector_of(subject.text) not in ("MIL", "COP"):
            return ("PROTEST", "obstruct")  # protesters blocking roads; police roadblocks are not protests
    if (lemma == "walk" and "out" in particles) or (lemma == "down" and "tool" in heads):
        return ("PROTEST", "strike")
    if lemma == "stop" and "work" in heads:
        return ("PROTEST", "strike")
    return None


def _elided_passive(verb: Token) -> bool:
    """Whether a participle shares the passive of the verb it is coordinated with ("were killed and four others
    wounded"), which the parser reads as active with the patient as its subject."""
    if verb.tag_ != "VBN" or verb.dep_ != "conj" or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    return any(c.dep_ == "auxpass" for c in verb.head.children)


def _progress(verb: Token, objects: list[Token]) -> bool:
    """Whether "gained ground" is a figure for progress: "gained ground in their battle to contain the fires",
    "in the polls"; not "gained ground inside the town"."""
    if not any(
        o.lemma_.lower() == "ground" and not any(c.dep_ in ("det", "poss") for c in o.children) for o in objects
    ):
        return False
    contests = {"battle", "fight", "race", "poll", "election", "campaign", "struggle", "effort", "bid", "market"}
    return any(g.lemma_.lower() in contests for c in verb.children if c.dep_ == "prep" for g in c.children)


def _ground(objects: list[Token]) -> bool:
    """Whether the objects are ground held by force: a town, a base, or control of a place ("control of Afghanistan",
    not "control over his health")."""
    for obj in objects:
        lemma = obj.lemma_.lower()
        if lemma != "control":
            if lemma in GROUND:
                return True
            continue
        held = [g for c in obj.children if c.dep_ == "prep" and c.lower_ in ("of", "over") for g in c.children]
        places = ("GPE", "LOC", "FAC", "ORG", "PRODUCT")
        if not held or any(h.ent_type_ in places or h.lemma_.lower() in GROUND for h in held):
            return True
    return False


def _verb_trigger(token: Token) -> tuple[str, str | None] | None:
    lemma = _lemma(token, TRIGGERS)
    if _threatened(token):
        return None  # "threats to hit Russia with sanctions": the threat is the event, coded on its own
    for particle in (c.lower_ for c in token.children if c.dep_ == "prt"):
        if (token.lemma_.lower(), particle) in PARTICLE_VERBS:
            return PARTICLE_VERBS[(token.lemma_.lower(), particle)]  # "turned the offer down", "backed down"
    if (found := _by_object(token, lemma)) is not None:
        return found
    if lemma not in TRIGGERS:
        return _by_cameo_frame(token)
    found = TRIGGERS[lemma]
    if lemma == "call" and not any(c.lower_ == "for" for c in token.children):
        # "called him a liar", "so-called": only "call for" and "call on X to" are requests
        on = any(c.dep_ == "prep" and c.lower_ == "on" for c in token.children)
        return found if on and any(c.dep_ in ("xcomp", "advcl") for c in token.children) else None
    if lemma == "drive" and not any(c.lower_ == "out" for c in token.children):
        return None
    of = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    if lemma == "complain" and _object_words(of) & SYMPTOMS:
        return None  # "complained of breathing problems": symptoms, not a grievance ("complain of inaction")
    if lemma == "ask" and _question(token):
        return None  # "asked whether the talks would resume", "asked what he planned": a question, not a request
    if lemma == "seek" and any(c.dep_ == "xcomp" for c in token.children):
        return None  # "insurgents who seek to infiltrate": an aim, not a request
    if lemma == "arrive" and not _arrival_visit(token):
        return None  # "militants arrived on motorcycles": only arriving in a place, or for talks, is a visit
    direct = [c for c in token.children if c.dep_ in ("dobj", "ccomp")]
    if found[0] in MATERIAL_CONFLICT and _object_words(direct) & FIGURATIVE_OBJECTS:
        return None  # "captured footage", "hit a record", "fight the virus"
    if lemma == "strike" and _object_words(direct) & {"deal", "agreement", "accord", "bargain", "compromise"}:
        return ("AGREE", None)  # "struck a deal"
    if lemma == "send" and not _object_words(direct) & AID_GOODS:
        return None  # "sending plumes of smoke": only sent goods are aid
    if found[0] == "MOBILIZE" and direct and not _object_words(direct) & FORCES:
        return None  # "mobilized efforts", "reinforced their defences"
    subject = _subject(token)
    if (
        found[0] == "ASSAULT"
        and not _nominal(token)
        and _object_words([subject] if subject else []) & FIGURATIVE_SUBJECTS
    ):
        return None  # "tariffs targeting Canada", "the effort targeting fentanyl"
    crowd_verb = lemma in PROTEST_VERBS and lemma not in ("protest", "riot")
    if crowd_verb and (not _people(subject) or (direct and lemma not in ("chant", "picket"))):
        return None  # "stocks rallied", "gathered evidence", "demonstrated that ..."
    if lemma == "strike" and not direct and _crowd(subject) and not _crowd(subject, RIOTERS):
        return ("PROTEST", "strike")  # "teachers struck for a week"
    return found


def _by_cameo_frame(token: Token) -> tuple[str, str | None] | None:
    """The type the CAMEO verb frames give a verb the lexicon does not know, from its object or its
    prepositional phrase ("spoke with Putin" consults, "levied duties on" ...); never from the verb alone,
    which CAMEO's broad synonym sets make too loose."""
    lemma = token.lemma_.lower()
    table = cameo_frames()
    if lemma not in table.frames or os.environ.get(CAMEO_FRAMES_ENV) == "off":
        return None
    if not any(c.dep_ in ("dobj", "nsubjpass", "prep") for c in token.children):
        return None  # every frame used names an object or a phrase
    if lemma in WEAPON_VERBS or lemma in LIGHT_VERBS or lemma in CLAUSE_TAKING:
        return None  # their own rules decide ("launch a missile" with no target is a test; light verbs carry nouns;
        # reporting verbs report: "crews report some progress")
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), "")
    objects = frozenset(_lemma(c, frozenset()) for c in token.children if c.dep_ in ("dobj", "nsubjpass"))
    preps: dict[str, frozenset[str]] = {}
    for prep in (c for c in token.children if c.dep_ == "prep"):
        preps[prep.lower_] = frozenset(g.lemma_.lower() for g in prep.children if g.dep_ == "pobj")
    frame = table.frame_for(lemma, particle, objects, preps)
    direct = [c for c in token.children if c.dep_ == "dobj"]
    if frame is None or _object_words(direct) & FIGURATIVE_OBJECTS:
        return None
    if any(_lemma(c, NOUN_TRIGGERS) in NOUN_TRIGGERS for c in direct):
        return None  # "foiled an attack": the noun is the event, the verb says what became of it
    if not frame.object and not frame.prep_object:
        # a bare preposition ("came from", "heading to") says little; only "with"/"between" a party does
        # ("spoke with Putin")
        if frame.prep not in ("with", "between"):
            return None
        sides = [g for c in token.children if c.dep_ == "prep" and c.lower_ == frame.prep for g in c.children]
        if not any(g.dep_ == "pobj" and g.ent_type_ in _PARTIES for g in sides):
            return None
    return frame.type, frame.mode


def _arrival_visit(token: Token) -> bool:
    """Whether an arrival is a visit: in or at a named place, or for talks ("arrived in Moscow for talks")."""
    for prep in (c for c in token.children if c.dep_ == "prep"):
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            if prep.lower_ in ("in", "at") and pobj.ent_type_ in ("GPE", "LOC", "FAC"):
                return True
            if prep.lower_ == "for" and NOUN_TRIGGERS.get(_lemma(pobj, NOUN_TRIGGERS), ("", None))[0] == "CONSULT":
                return True
    return False


def _threatened(token: Token) -> bool:
    """Whether ``token`` is the act a threat or warning names ("threatened to strike", "threats to hit")."""
    return token.head.lemma_.lower() in THREAT_WORDS and token.dep_ in ("xcomp", "acl")


def _threat_mode(trigger: Token) -> str | None:
    """The THREATEN mode from the act threatened: "threatened to attack" (violence), "to expel", "to cut ties"."""
    acts = [c for c in trigger.children if c.dep_ in ("xcomp", "acl")]
    for act in acts:
        lemma = _lemma(act, TRIGGERS)
        words = _object_words(_objects(act))
        if words & {"tie", "relation"}:
            return "relations"
        if lemma in ("expel", "deport"):
            return "expel"
        if lemma in ("arrest", "detain", "jail", "imprison"):
            return "arrest"
        if lemma in ("annex", "seize", "occupy") and words & GROUND:
            return "territory"
        if words & {"sanction", "tariff", "embargo", "penalty"}:
            return None  # sanctions have no THREATEN mode of their own in the contract's closed list
        if TRIGGERS.get(lemma, ("", None))[0] == "ASSAULT" or words & {"force", "retaliation", "war", "target"}:
            return "violence"
    return None


def _as_target(token: Token) -> bool:
    """Whether the verb names its object a military target: "will treat those forces as legitimate targets",
    "would become targets": a threat of force."""
    lemma = token.lemma_.lower()
    if lemma in ("treat", "regard", "consider", "view", "see", "deem"):
        return any(
            c.dep_ == "prep" and c.lower_ == "as" and any(g.lemma_.lower() == "target" for g in c.children)
            for c in token.children
        )
    # "will become legitimate targets" declares them targets; "could become targets" only fears it
    return lemma == "become" and any(
        c.dep_ == "attr" and c.lemma_.lower() == "target" and any(m.lower_ == "legitimate" for m in c.children)
        for c in token.children
    )


def _is_light(token: Token) -> bool:
    """Whether a light verb carries the event noun ``token`` ("carried out strikes", "talks held in Doha")."""
    light = _lemma(token.head, LIGHT_VERBS) in LIGHT_VERBS and token.dep_ in ("dobj", "nsubjpass")
    # "a meeting ... is to take place"
    light = light or (
        token.dep_ == "nsubj" and token.head.lemma_ == "take" and "place" in {c.lower_ for c in token.head.children}
    )
    # "took part in protests", "participated in marches"
    light = light or (
        token.dep_ == "pobj"
        and token.head.lower_ in ("in", "into")
        and (
            token.head.head.lemma_.lower() in ("participate", "part", "engage", "join")
            or any(c.lower_ == "part" for c in token.head.head.children)
        )
    )
    light = light or (token.pos_ == "NOUN" and _stray_host(token) is not None)
    # "talks held in Saudi Arabia": the light verb is a participle on the noun
    return light or any(c.dep_ == "acl" and _lemma(c, LIGHT_VERBS) in LIGHT_VERBS for c in token.children)


def _standalone(token: Token, context: Token, event_type: str) -> bool:
    """Whether an event noun with no light verb still reports an event: a protest that erupted, was held against
    something or was dispersed; an attack on someone or by someone. Not a generic, figurative or modifying use."""
    if context.dep_ in ("compound", "amod", "nmod", "poss"):
        return False  # "protest leaders", "attack helicopter"
    head = context.head
    above = head.head if head.dep_ == "prep" else head
    if head.lemma_.lower() in GENERIC_HEADS or above.lemma_.lower() in GENERIC_HEADS:
        return False  # "the right to protest", "a ban on rallies"
    modifiers = {c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod")}
    if modifiers & {"heart", "panic", "market", "stock", "share", "price", "relief", "asthma", "anxiety"}:
        return False
    if context.dep_ == "nsubj" and _lemma(head, OCCURRENCE) in OCCURRENCE:
        return True  # "protests erupted", "clashes broke out", "the attack killed five"
    if context.dep_ == "pobj" and head.lower_ == "under":
        return True  # "came under attack"
    preps = {c.lower_ for c in token.children if c.dep_ == "prep"}
    if event_type == "PROTEST":
        if "of" in preps and token.lemma_.lower() == "demonstration":
            return False  # "a demonstration of our commitment"
        if context.dep_ == "pobj" and head.lower_ == "in" and not any(c.dep_ == "det" for c in context.children):
            return bool(preps & {"against", "over"}) and above.pos_ != "VERB"  # "resigned in protest": a motive
        return True
    if preps & {"on", "against", "by", "between", "in", "near", "at"}:
        return True  # "an attack on the base", "clashes between police and protesters"
    return bool(modifiers & (set(WEAPON_MODES) | {"suicide", "air", "drone", "gas", "sexual", "gang"}))


def _noun_trigger(token: Token) -> tuple[str, str | None] | None:
    lemma = _lemma(token, NOUN_TRIGGERS)
    first = next((c.lower_ for c in token.children if c.dep_ == "compound" and c.i < token.i), "")
    if token.lower_ in ("in", "ins") and first in ("sit", "die", "teach", "sleep"):
        lemma = "sit-in"  # the parser splits "sit-in" and makes "in" the noun
    if lemma == "chain" and any(c.lower_ == "human" for c in token.children):
        return ("PROTEST", "demo")  # "a human chain"
    if (framed := _noun_frame(token)) is not None:
        return framed
    if lemma not in NOUN_TRIGGERS:
        return None
    found = NOUN_TRIGGERS[lemma]
    context = _nominal_context(token)
    modifiers = {c.lower_ for c in token.children if c.dep_ in ("compound", "amod", "poss")}
    if lemma == "protest" and (modifiers & DIPLOMATIC or _lemma(context.head, {"lodge", "file"}) in ("lodge", "file")):
        return ("ACCUSE", "disapprove")  # "lodged an official protest": a diplomatic complaint
    if lemma == "strike":
        crowd_owner = any(_crowd(c) for c in token.children if c.dep_ in ("poss", "compound"))
        # "workers' strike", "the union called off the strike": people, not aircraft, strike
        crowd_owner = crowd_owner or (_crowd(_subject(context.head)) and not _crowd(_subject(context.head), RIOTERS))
        labour = modifiers & PROTEST_MODIFIERS or crowd_owner
        on = context.dep_ == "pobj" and context.head.lower_ == "on"
        on_strike = on and context.head.head.pos_ in ("VERB", "AUX")
        if labour or on_strike:
            return ("PROTEST", "hunger" if "hunger" in modifiers else "strike")  # not an air strike
    if _is_light(context):
        return found
    if found[0] == "CONSULT" and _met_with(token, context):
        return found
    if found[0] in ("PROTEST", "ASSAULT") and lemma != "strike" and _standalone(token, context, found[0]):
        return found
    return None


def _noun_frame(token: Token) -> tuple[str, str | None] | None:
    """An event named by a noun and the party its phrase names (``noun+prep`` rows of the lexicon): "the
    arrest of five people", "unwavering support for Ukraine", "talks in Doha", "tariffs on steel". Not a
    modifier ("arrest warrant"), nor under a generic head ("the right to support for ...")."""
    context = _nominal_context(token)
    if context.dep_ in ("compound", "amod", "nmod") or context.head.lemma_.lower() in GENERIC_HEADS:
        return None
    lemma = token.lemma_.lower()
    preps = [c for c in token.children if c.dep_ == "prep"]
    if token.dep_ == "dobj":
        # the parser often hangs the phrase on the verb: "announced tariffs on steel"
        preps += [c for c in token.head.children if c.dep_ == "prep" and c.i == token.right_edge.i + 1]
    for prep in preps:
        code = NOUN_FRAMES.get((lemma, prep.lower_))
        if code is None:
            continue
        for pobj in (g for g in prep.children if g.dep_ == "pobj" and not _when(g)):
            if code[0] == "SANCTION" or _party(pobj):
                return code
    return None


def _party(token: Token) -> bool:
    """Whether a noun names a party an event can concern: a named person, group or place, a crowd, a
    described group ("officials", "rebels"), people counted ("five people", "dozens")."""
    if token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC") or _crowd(token) or _people(token):
        return True
    return token.like_num or any(c.dep_ == "nummod" for c in token.children) or token.lemma_.lower() in PARTITIVES


def _met_with(token: Token, context: Token) -> bool:
    """Whether a meeting noun with no light verb reports a meeting: it names who it was with ("his phone call
    with Waltz", "a meeting with Russian and Ukrainian representatives"); not "talks on trade" nor "talk of war"."""
    if context.dep_ in ("compound", "amod", "nmod"):
        return False  # "meeting room"
    head = context.head
    if head.lemma_.lower() in GENERIC_HEADS or (head.dep_ == "prep" and head.head.lemma_.lower() in GENERIC_HEADS):
        return False
    if _lemma(token, NOUN_TRIGGERS) == "call" and any(c.dep_ == "prep" and c.lower_ == "for" for c in token.children):
        return False  # "calls for a ceasefire" is an appeal
    sides = [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("with", "between") for g in c.children]
    sides += [c for s in sides for c in s.children if c.dep_ == "conj"]
    return any(
        side.ent_type_ in _PARTIES
        or any(c.ent_type_ in _PARTIES for c in side.children if c.dep_ in ("compound", "amod", "poss"))
        for side in sides
    )


def _is_trigger(token: Token) -> tuple[str, str | None] | None:
    if token.pos_ == "VERB" or _mistagged_verb(token):
        return _verb_trigger(token)
    if token.pos_ == "NOUN":
        return _noun_trigger(token)
    return None


def _said_accusation(verb: Token) -> tuple[Token | None, Token] | None:
    """(speaker, accused) when the reporting verb ``verb`` says its clause's subject did wrong: "said Kabul
    was failing to rein in separatists", "said the attackers were behind it", "said it may amount to crimes
    against humanity". Not a denial ("said X did not violate") nor one's own ("we failed")."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in REPORTING:
        return None
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is None or any(c.dep_ == "neg" for c in clause.children):
        return None
    accused = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    if accused is None or accused.lower_ in ("i", "we", "us", "it", "this", "that"):  # a deed, not a party
        return None
    lemma = clause.lemma_.lower()
    said = lemma in ACCUSING_PREDICATES
    if not said and lemma == "be":  # "X was responsible", "X was behind the attack"
        said = any(
            (c.dep_ in ("acomp", "attr") and c.lemma_.lower() in ACCUSING_PREDICATES | ACCUSING_NOUNS)
            or (c.dep_ == "prep" and c.lower_ == "behind")
            for c in clause.children
        )
    if not said:  # "may amount to crimes", "committed atrocities"
        objects = [c for c in clause.children if c.dep_ == "dobj"]
        objects += [g for c in clause.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        said = bool(_object_words(objects) & ACCUSING_NOUNS)
    if not said:
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj"), None), accused


def _question(ask: Token) -> bool:
    """Whether "ask" puts a question ("whether", "if", a wh-word opening its clause) rather than a request
    ("asked Germany to send tanks", "asked for more air defence")."""
    for clause in ask.children:
        if clause.dep_ != "ccomp":
            continue
        if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in clause.children):
            return True
        if any(t.tag_ in ("WDT", "WP", "WRB") for t in clause.subtree if t.i < clause.i):
            return True
    return False


def _by_hazard(trigger: Token, subject: Token | None, sentence: Span) -> bool:
    """Whether a harm is done by a natural hazard or an accident, not by an attacker."""
    start = sentence.start
    before = trigger.doc[start - 1].sent if start > 0 else None
    cue = _ATTACK_CUE.search(sentence.text if before is None else before.text + " " + sentence.text) is not None
    explosive = {"explosion", "blast", "fire", "blaze"}
    if subject is not None and not _nominal(trigger):
        words = {subject.lemma_.lower(), *(c.lemma_.lower() for c in subject.children if c.dep_ == "compound")}
        return bool(words & HAZARDS) and not (words & explosive and cue)
    verb = trigger.head if _nominal(trigger) else trigger
    passive = any(c.dep_ == "nsubjpass" for c in verb.children) or _elided_passive(verb)
    if _nominal(trigger) or not passive or cue:
        return False
    # An agentless "were killed/injured" in a sentence (or after one) that tells of a disaster.
    scope = [*sentence, *(before or [])]
    return any(
        (t.pos_ == "NOUN" and t.lemma_.lower() in HAZARDS - {"effect", "carrier", "rock", "wave", "fire"})
        or (t.pos_ == "VERB" and t.lemma_.lower() in ACCIDENT_VERBS)
        for t in scope
    )


def _rioting(trigger: Token, subject: Token | None, obj: Token | None) -> bool:
    """Whether a violent act is a crowd's: done by protesters, or a clash with them."""
    if not _nominal(trigger) and _crowd(subject, RIOTERS):
        return True
    if _lemma(trigger, {"clash"}) != "clash":
        return False
    sides = [obj, *(g for c in trigger.children if c.dep_ == "prep" and c.lower_ == "between" for g in c.children)]
    return any(_crowd(side, RIOTERS) for side in sides if side is not None)


def _things(trigger: Token, obj: Token | None) -> bool:
    """Whether what was released is a thing, not people ("released a statement", "gas released")."""
    released = obj if obj is not None else (trigger.head if trigger.dep_ == "acl" else None)
    return released is not None and released.lemma_.lower() in RELEASED_THINGS

"""The events stage: PLOVER events with actors, place, date, status and source.

Each verb (or a light verb with an event noun: "carried out strikes", "held
talks") whose lemma is in :data:`TRIGGERS` is an event. Its ``actor1`` is the
subject (the agent of a passive), ``actor2`` the object or the object of
"with/on/against/to"; both are tied to the article's entities. ``status`` says
how the text holds it: inside a quote or a reported clause it is ``claimed``
(``source`` the speaker), ``unverified`` when the sentence says it could not be
verified, ``negated`` under a negation, ``planned`` under will/plan/expect,
``conditional`` under if/would/could. Repeated reports of one event (same type
and actors) become ``mentions`` of the first.
"""

from __future__ import annotations

import os
import re
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from newsledger.dictionaries.frames import cameo_frames
from newsledger.lexicon import countries, event_lexicon
from newsledger.model import Actor, Article, Entity, Event, EventDate, Place, Quote
from newsledger.model import Span as TextSpan
from newsledger.resolve.mentions import MentionResolver
from newsledger.resolve.sectors import sector_of
from newsledger.stage import Work
from newsledger.syntax.event_place import Mention, candidate_features, event_place_model
from newsledger.syntax.speech import CLAUSE_TAKING, event_status_cues

# Which verbs and nouns report which event: data, in data/event_lexicon.tsv (users extend it).
_LEXICON = event_lexicon()
CAMEO_FRAMES_ENV = "NEWSLEDGER_CAMEO_FRAMES_SWITCH"  # development: "off" codes without the CAMEO frames
TRIGGERS = _LEXICON.verbs  # verb lemma -> (type, mode)
NOUN_TRIGGERS = _LEXICON.nouns  # event nouns, coded when a light verb carries them ("held talks", "made threats")
LIGHT_VERBS = frozenset(
    ["carry", "launch", "conduct", "stage", "hold", "make", "mount", "have", "announce", "declare", "reach", "impose",
     "begin", "start", "continue", "call", "go", "lodge", "open", "organise", "organize", "lead", "join", "complete",
     "attend"]
)  # fmt: skip
# Objects that change a trigger's type: "send troops" mobilises, "lift sanctions" concedes.
OBJECT_OVERRIDES = _LEXICON.verb_objects
NOUN_FRAMES = _LEXICON.noun_frames  # (noun, preposition) -> (type, mode)
# Verb x object classes: the object decides the event ("used tear gas", "opened fire", "set up a base").
WEAPON_MODES: dict[str, str] = {
    "gas": "crowd-control", "cannon": "crowd-control", "bullet": "crowd-control", "spray": "crowd-control",
    "baton": "crowd-control", "teargas": "crowd-control", "bomb": "explosives", "grenade": "explosives",
    "explosive": "explosives", "firebomb": "explosives", "cocktail": "explosives", "ied": "explosives",
    "missile": "heavy-weapons", "rocket": "heavy-weapons", "shell": "heavy-weapons", "mortar": "heavy-weapons",
    "artillery": "heavy-weapons", "projectile": "primitive", "stone": "primitive", "rock": "primitive",
    "brick": "primitive", "bottle": "primitive", "firework": "primitive", "firecracker": "primitive",
    "chlorine": "unconventional", "sarin": "unconventional", "chemical": "unconventional",
}  # fmt: skip
WEAPON_VERBS = frozenset(["use", "fire", "throw", "hurl", "lob", "drop", "launch", "shoot", "spray", "deploy", "plant"])
# Nouns of holding ground: "took control of the town", "seized two oil fields" is taking territory by force.
GROUND = frozenset(
    ["control", "territory", "town", "city", "village", "area", "region", "district", "base", "airport", "field",
     "oilfield", "crossing", "border", "post", "checkpoint", "position", "hill", "stronghold", "neighborhood",
     "neighbourhood", "province", "camp", "ground"]
)  # fmt: skip
TAKING = frozenset(["take", "seize", "gain", "capture", "wrest", "establish", "regain", "assume"])
OUTPOSTS = frozenset(["base", "outpost", "checkpoint", "post", "headquarters", "camp", "position", "point"])
# Objects of a war verb that make it a figure of speech ("captured footage", "hit a record", "fight the virus").
FIGURATIVE_OBJECTS = frozenset(
    ["footage", "image", "video", "photo", "picture", "film", "movie", "scene", "moment", "attention",
     "imagination", "heart", "mood", "record", "high", "low", "milestone", "headline", "opportunity", "chance",
     "initiative", "title", "trophy", "medal", "market", "audience", "balance", "chord", "note", "tone", "pose",
     "expectation", "odds", "deadline", "bill", "time", "idea", "virus", "disease", "cancer", "corruption",
     "poverty", "pandemic", "inflation", "fire", "blaze", "effort", "campaign", "product", "website", "app",
     "smoke", "ash", "plume", "tremor", "shiver", "wave", "panic", "lava", "sky"]
)  # fmt: skip
# Natural hazards and accidents: "an earthquake killed eight", "floods hit Japan" are not attacks.
HAZARDS = frozenset(
    ["earthquake", "quake", "tremor", "tsunami", "flood", "flooding", "rain", "rainfall", "downpour", "storm",
     "hurricane", "cyclone", "typhoon", "tornado", "landslide", "mudslide", "avalanche", "eruption", "volcano",
     "wildfire", "blaze", "fire", "explosion", "blast", "crash", "accident", "collision", "collapse", "leak",
     "poisoning", "drought", "heatwave", "lightning", "wave", "snow", "snowfall", "disease", "virus", "epidemic",
     "outbreak", "pandemic", "stampede", "derailment", "rock", "wind", "effect", "disaster", "sinking", "carrier"]
)  # fmt: skip
# Explosions and fires are attacks when the sentence names a weapon or an attacker.
_ATTACK_CUE = re.compile(
    r"\b(?:bomb\w*|grenade|ied|explosive device|(?:land)?mine\w*|suicide|militant|attack\w*|rocket|missile|"
    r"shell\w*|gunm[ae]n|terror\w*|insurgent|rebel|jihadi\w*|arson\w*)\b",
    re.I,
)
# Who protests: a subject that makes "rallied", "marched", "gathered" a protest and not "stocks rallied".
CROWDS = frozenset(
    ["protester", "protestor", "demonstrator", "activist", "student", "worker", "employee", "people", "crowd",
     "thousand", "hundred", "dozen", "resident", "villager", "supporter", "rioter", "mob", "striker", "marcher",
     "unionist", "union", "farmer", "teacher", "doctor", "nurse", "youth", "woman", "man", "fan", "citizen",
     "local", "pensioner", "miner", "driver", "vendor", "trader", "detainee", "prisoner", "inmate", "member",
     "opposition", "opponent", "group", "party", "movement", "family", "relative", "lawyer", "journalist",
     "believer", "worshipper", "muslim", "christian", "refugee", "migrant", "veteran", "victim", "parent",
     "looter", "vigilante", "mourner", "participant", "organizer", "organiser", "voter", "staff", "community",
     "tribesman", "villager", "shopkeeper", "merchant", "trucker", "labourer", "laborer", "agitator"]
)  # fmt: skip
# Crowds whose violence is a riot (PLOVER PROTEST riot), not an armed attack.
RIOTERS = frozenset(
    ["protester", "protestor", "demonstrator", "rioter", "mob", "crowd", "looter", "marcher", "villager", "youth",
     "vigilante"]
)  # fmt: skip
# Where a protest goes: "blocked roads", "took to the streets".
ROUTES = frozenset(
    ["road", "roadway", "street", "highway", "motorway", "bridge", "traffic", "railway", "rail", "entrance",
     "access", "junction", "intersection", "thoroughfare", "transport", "port", "route", "track", "line"]
)  # fmt: skip
STREET_VERBS = frozenset(["take", "pour", "flood", "fill", "return", "hit", "throng", "march", "spill"])
PROTEST_VERBS = frozenset(["rally", "march", "demonstrate", "gather", "chant", "picket", "riot", "protest"])
# Occurrence verbs: a protest noun as their subject happened ("protests erupted", "clashes broke out").
OCCURRENCE = frozenset(
    ["erupt", "break", "continue", "spread", "take", "resume", "begin", "start", "turn", "escalate", "rock",
     "grip", "sweep", "paralyse", "paralyze", "enter", "rage", "flare", "intensify", "end", "occur", "happen",
     "descend", "spill", "hit", "leave", "kill", "injure", "wound", "disrupt", "block", "shut", "cause"]
)  # fmt: skip
# Heads that make a protest noun generic or unreal: "the right to protest", "a ban on rallies", "fears of riots".
GENERIC_HEADS = frozenset(
    ["right", "law", "freedom", "ban", "fear", "risk", "threat", "possibility", "prospect", "wave", "culture",
     "history", "movement", "leader", "organizer", "organiser", "site", "symbol", "song", "slogan", "sign"]
)  # fmt: skip
# Words for one protest when plural or repeated ("a string of protests", "a day of demonstrations").
QUANTITIES = frozenset(["string", "series", "wave", "spate", "day", "night", "week", "round", "number", "host", "lot"])
PROTEST_MODIFIERS = frozenset(["hunger", "general", "labour", "labor", "national", "nationwide", "workers", "worker",
                               "teacher", "teachers", "doctor", "doctors", "transport", "rail", "indefinite",
                               "open-ended", "sit-down", "wildcat", "token", "student", "students"])  # fmt: skip
# What is sent as aid ("sent food", "sent weapons"); troops are MOBILIZE by OBJECT_OVERRIDES.
AID_GOODS = frozenset(
    ["aid", "help", "assistance", "supply", "supplies", "food", "medicine", "weapon", "arm", "ammunition", "money",
     "equipment", "tank", "missile", "vaccine", "fuel", "relief", "shipment", "convoy", "grain", "fund", "loan",
     "doctor", "team", "plane", "ship", "water", "tent", "troop", "force", "soldier"]
)  # fmt: skip
# What is mobilised or deployed: forces and their weapons, not "efforts" or "resources".
FORCES = frozenset(
    ["troop", "force", "soldier", "unit", "reservist", "reserve", "police", "militia", "fighter", "army", "men",
     "member", "warship", "ship", "tank", "jet", "aircraft", "missile", "weapon", "battalion", "brigade", "division",
     "reinforcement", "personnel", "military", "equipment", "vehicle", "artillery", "boat", "hardware", "asset",
     "system", "defense", "defence", "guard", "officer", "contingent", "vessel", "destroyer", "carrier", "bomber",
     "submarine", "drone", "launcher", "battery", "presence", "patrol"]
)  # fmt: skip
RELEASED_THINGS = frozenset(
    ["gas", "statement", "report", "video", "footage", "data", "figure", "information", "detail", "album", "list",
     "image", "photo", "recording", "document", "book", "film", "smoke", "water", "chemical", "toxin", "result",
     "plan", "budget", "fund", "version", "song", "record", "audio", "tape", "picture", "photograph", "guideline",
     "transcript", "letter", "study", "survey", "poll", "name", "radiation", "energy", "balloon", "emission"]
)  # fmt: skip
ACCIDENT_VERBS = frozenset(["explode", "erupt", "collapse", "crash", "capsize", "derail", "sink", "plunge", "burn"])
# State actors protest in words: "Serbia lodged an official protest" is a diplomatic complaint (ACCUSE).
DIPLOMATIC = frozenset(["official", "formal", "diplomatic", "strong", "strongly-worded"])
# Prepositions that introduce where an event happened.
LOCATIVE = frozenset({"in", "at", "near", "on", "to", "inside", "outside", "into", "across", "around"})
# Verbs whose direct object is where the event happens.
TERRITORIAL = frozenset(
    ["visit", "capture", "recapture", "occupy", "seize", "invade", "attack", "shell", "strike", "bomb", "liberate",
     "free", "storm", "retake", "enter", "raid", "bombard", "target", "besiege", "surround", "reach", "tour"]
)  # fmt: skip
VERBAL = frozenset({"AGREE", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
# Triggers that are speech acts: a report of one attests the act itself ("Khan urged ..."), it claims nothing.
SPEECH_ACTS = frozenset(
    ["urge", "demand", "ask", "call", "appeal", "accuse", "condemn", "denounce", "warn", "threaten", "reject",
     "deny", "praise", "welcome", "criticize", "criticise", "blame"]
)  # fmt: skip
MATERIAL_CONFLICT = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "SANCTION"})
# Places that can be where a story happens when its events name none (not a building or a whole region).
LOCAL_KINDS = frozenset({"city", "locality", "admin1", "admin2"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})
# Words that say a governed event did not happen ("failed to reach", "refused to meet", "foiled an attack").
NEGATING_HEADS = frozenset(
    ["fail", "refuse", "decline", "neglect", "avoid", "cancel", "abandon", "scrap", "prevent", "foil", "thwart",
     "avert", "forgo", "postpone", "delay"]
)  # fmt: skip
# Of those and of PLAN_HEADS, the verbs that settle an event noun they take as object ("cancelled the talks",
# "plans a visit"); "agreed a ceasefire" or "resolved the dispute" are no plans.
NOUN_GOVERNORS = frozenset(
    ["cancel", "abandon", "scrap", "prevent", "foil", "thwart", "avert", "forgo", "postpone", "delay", "avoid",
     "refuse", "decline", "plan", "propose", "schedule", "consider", "seek", "want", "expect", "prepare"]
)  # fmt: skip
# Words that contest a governed event's report ("denied attacking", "disputed reports that ...").
DENYING_HEADS = frozenset(["deny", "dispute", "refute", "contest"])
CLAIM_NOUNS = frozenset(["accusation", "allegation", "claim", "charge", "report"])
THREAT_HEADS = frozenset(["threaten", "warn"])
THREAT_WORDS = frozenset(["threat", "threaten", "warn", "warning"])
# Words of intention or schedule: the governed event is planned ("plans to visit", "agreed to withdraw").
PLAN_HEADS = frozenset(
    ["plan", "intend", "expect", "schedule", "prepare", "aim", "want", "propose", "pledge", "promise", "decide",
     "agree", "resolve", "consider", "vow", "ready", "willing", "eager", "hope", "seek"]
)  # fmt: skip
PLANNED_MODIFIERS = frozenset(["planned", "proposed", "upcoming", "scheduled", "forthcoming", "expected", "future"])
FUTURE_HEADS = frozenset(["plan", "intend", "expect", "schedule", "prepare", "aim", "hope", "want", "seek", "propose"])
CONDITIONAL_MODALS = frozenset({"would", "could", "might", "may", "should"})
_UNVERIFIED = re.compile(r"\b(?:could ?n[o’']t|could not|cannot|can ?n[o’']t|not|un)\s*(?:be\s+)?(?:independently\s+)?"
                         r"(?:verif|confirm)|unverified|unconfirmed", re.I)  # fmt: skip
_DISPUTED = re.compile(r"\b(?:denied|denies|deny|disputed|disputes|rejected the claim|dismissed the claim)\b", re.I)


def _lemma(token: Token, known: dict[str, object] | frozenset[str]) -> str:
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
            if prep.lower_ == "for" and NOUN_TRIGGERS.get(_lemma(pobj, NOUN_TRIGGERS), ("",))[0] == "CONSULT":
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


# What people complain of when they are unwell, not aggrieved.
SYMPTOMS = frozenset(
    ["pain", "ache", "headache", "symptom", "nausea", "fatigue", "dizziness", "breathing", "respiratory", "fever",
     "cough", "illness", "sickness", "irritation", "suffocation", "breathlessness", "vomiting", "itching"]
)  # fmt: skip
# Possessive pronouns and the personal pronoun they stand for.
POSSESSIVES = {"his": "he", "her": "she", "its": "it", "their": "they", "our": "we"}
# Titles of people acting for someone: an unnamed "envoy" can be matched to the one named person holding it.
TITLES = frozenset(
    ["envoy", "spokesman", "spokeswoman", "spokesperson", "ambassador", "negotiator", "mediator", "emissary"]
)
# Words for a part or number of something: the actor is what follows "of" ("parts of Ukraine", "one of them").
PARTITIVES = frozenset(
    ["one", "some", "many", "most", "all", "several", "each", "both", "part", "parts", "rest", "much", "few",
     "any", "none", "number", "majority", "those"]
)  # fmt: skip
RELATIVES = frozenset(["that", "which", "who", "whom", "whose"])


def _when(token: Token) -> bool:
    """Whether a phrase names a time ("on Thursday"), which is never an actor; a bare count the recogniser took
    for a date ("wounding 80") is no time."""
    return token.ent_type_ in ("DATE", "TIME") and not token.like_num


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


def _party(token: Token) -> bool:
    """Whether a word can name someone an act is done to: a name, a pronoun, people ("the hostages")."""
    if token.ent_type_ in _PARTIES or token.pos_ in ("PROPN", "PRON"):
        return True
    return _crowd(token) or token.lemma_.lower() in ("hostage", "civilian", "soldier", "troop", "official")


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


# Entity types that make the other side of a meeting someone ("talks with Waltz", "with Russian officials").
_PARTIES = frozenset(["PERSON", "ORG", "GPE", "NORP"])


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


class _Coder:
    def __init__(self, article: Article, doc: Doc) -> None:
        self.article, self.doc = article, doc
        self.speakers = MentionResolver(doc, article.entities)
        self.entities = {entity.id: entity for entity in article.entities}
        self.places = article.places
        self.place_at: dict[int, str] = {}
        self.mention_at: dict[int, Mention] = {}  # token index -> the place mention it is part of
        for place in article.places:
            for mention in place.mentions:
                tokens = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if tokens is None or not len(tokens):
                    continue
                found = Mention(first=tokens.start, last=tokens.end - 1, kind=place.kind)
                for token in tokens:
                    self.place_at[token.i] = place.id
                    self.mention_at[token.i] = found
        self.quotes = article.quotes

    def actor(self, token: Token | None) -> Actor | None:
        token = _actor_head(token)
        if token is None:
            return None
        doc = self.doc
        # The entity behind a phrase: the head itself, an apposition, else a modifier ("Russian forces"); for a
        # place, its name before its owner ("Ukraine's Sumy region" is Sumy; "Iran's U.N. ambassador" is Iran's).
        modifiers = [c for c in token.children if c.dep_ in ("compound", "amod", "nmod", "poss")]
        if token.lemma_.lower() in GROUND:
            modifiers.sort(key=lambda c: c.dep_ == "poss")
            # "the town of Sudzha": the name the place noun introduces
            modifiers[:0] = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
        candidates = [token, *[c for c in token.children if c.dep_ == "appos"], *modifiers]
        entity: Entity | None = None
        for candidate in candidates:
            if candidate.i in self.speakers.entity_at:
                entity = self.speakers.entity_at[candidate.i]
                break
        if entity is None and token.pos_ == "PRON":
            entity = self.pronoun(token)
        if entity is None:
            entity = self.titled(token)
        end = token.i + 1
        phrase = doc[min(token.left_edge.i, token.i) : end]
        text = phrase.text if len(phrase) <= 8 else token.text
        country = entity.country if entity else None
        code = entity.actor_code if entity else None
        if entity is not None and entity.type in ("NORP", "GPE") and entity is not self.speakers.entity_at.get(token.i):
            # "Russian forces": the country of the modifier, the sector of the head noun.
            sector = sector_of(token.text)
            iso3 = countries().iso3(country)
            code = " ".join(part for part in (iso3, sector) if part) or code
        return Actor(entity=entity.id if entity else None, text=text, country=country, actor_code=code)

    def claimer_owned(self, trigger: Token, subject: Token | None, actor: Actor, sentence: Span) -> Actor:
        """ "Russia claimed that its troops ...", "rebels said their fighters ...": in a reported clause the
        owner named by "its"/"their" is the claimant; the head noun keeps its sector ("its troops": RUS MIL)."""
        if actor.entity is not None or subject is None or _lemma(subject, FORCES) not in FORCES | {"fighter"}:
            return actor  # only the claimant's own forces ("its troops"), not "their countries"
        if not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in subject.children):
            return actor
        _, source = self.status(trigger, sentence)
        entity = self.entities.get(source) if source else None
        if entity is None or entity.type == "PERSON":
            return actor
        iso3 = countries().iso3(entity.country) if entity.country else None
        sector = sector_of(subject.text)
        code = " ".join(part for part in (iso3, sector) if part) or entity.actor_code
        return Actor(entity=entity.id, text=actor.text, country=entity.country, actor_code=code)

    def pronoun(self, token: Token) -> Entity | None:
        """The entity a personal or possessive pronoun refers to ("he", "his", "its")."""
        lower = POSSESSIVES.get(token.lower_) if token.tag_ == "PRP$" else None
        if lower is None:
            resolved, _, _ = self.speakers.resolve(token)
            return resolved
        wanted = {"PERSON"} if lower in ("he", "she") else {"ORG", "GROUP", "GPE", "NORP"}
        return self.speakers.antecedent(token.idx, wanted)

    def titled(self, token: Token) -> Entity | None:
        """The one named person of the article who holds the title an unnamed actor is called by: "an envoy of
        Trump" is Witkoff when the article calls him "Trump's special envoy"; None when none or several do."""
        title = token.lemma_.lower()
        if token.pos_ != "NOUN" or title not in TITLES:
            return None
        holders = [
            entity
            for entity in self.entities.values()
            if entity.type == "PERSON" and any(re.search(rf"\b{title}", role.lower()) for role in entity.roles)
        ]
        owner = next(
            (g for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "for") for g in c.children), None
        )
        named = self.speakers.entity_at.get(owner.i) if owner is not None else None
        if len(holders) > 1 and named is not None:
            # "an envoy of Trump": the holder whose title names that owner
            last = named.name.split()[-1].lower()
            holders = [h for h in holders if any(last in role.lower() for role in h.roles)]
        return holders[0] if len(holders) == 1 else None

    def subject_and_object(self, trigger: Token) -> tuple[Token | None, Token | None]:
        verb = _governor(trigger)
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
        passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb is trigger and agent is not None and subject is None:
            # "soldiers massacred by ISIL": the noun is who it was done to, the agent who did it
            done = TRIGGERS.get(_lemma(verb, TRIGGERS), ("", None))[0] in MATERIAL_CONFLICT
            by = self.actor(agent)
            if done and by is not None and (by.entity or sector_of(by.text)):
                return agent, verb.head
        if subject is None and verb.dep_ in ("xcomp", "advcl", "conj", "acl", "relcl") and verb.head is not verb:
            # "came as Trump presses Moscow to agree": the subject of the governing verb or its object.
            head = verb.head
            subject = next((c for c in head.children if c.dep_ == "dobj"), None) if verb.dep_ == "xcomp" else None
            subject = subject or next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if verb.dep_ == "acl" and subject is None and any(c.lower_ == "to" for c in verb.children):
                # "spearheaded efforts to hold talks": who makes the efforts, not the efforts
                above = head.head if head.dep_ in ("dobj", "pobj", "attr") else None
                above = above.head if above is not None and above.dep_ == "prep" else above
                subject = next((c for c in above.children if c.dep_ == "nsubj"), None) if above is not None else None
            elif verb.dep_ in ("acl", "relcl") and subject is None:
                subject = head
        if subject is None and _mistagged_verb(verb):
            # "Kyiv rejects ...": the tagger made the verb a noun and its subject a modifier
            subject = next((c for c in verb.children if c.i < verb.i and c.dep_ in ("amod", "compound", "nmod")), None)
        if subject is None and verb.dep_ == "pcomp" and verb.head.lower_ == "by":
            # "could expand its gains by capturing ...": whoever does the governing act
            above = verb.head.head
            while (subject := _subject(above)) is None and above.dep_ in ("xcomp", "advcl") and above.head is not above:
                above = above.head  # "Moscow could try to expand its gains by capturing ..."
        obj = None
        if _nominal(trigger):
            preps = [c for c in trigger.children if c.dep_ == "prep" and c.lower_ in ("on", "against", "with", "to")]
            obj = next((g for p in preps for g in p.children if g.dep_ == "pobj" and not _when(g)), None)
        else:
            obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
            if obj is None:
                preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("with", "on", "against", "to")]
                obj = next((g for p in preps for g in p.children if g.dep_ == "pobj" and not _when(g)), None)
        if obj is None:
            # "arrived for talks with X", "threats to hit Russia": the other side of the event it names
            obj = _other_side(trigger if _nominal(trigger) else verb)
        if _nominal(trigger):
            # "protests by students", "Palestinian riots", "his phone call"; not the noun itself ("protests erupted")
            by = next((g for c in trigger.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children), None)
            owner = next(
                (
                    c
                    for c in trigger.children
                    if c.dep_ in ("poss", "amod", "compound") and (c.ent_type_ in _PARTIES or c.pos_ == "PRON")
                ),
                None,
            )
            context = _nominal_context(trigger)
            carried = context.dep_ in ("dobj", "nsubjpass") or _is_light(context) or context.head.lower_ == "on"
            if subject is None or not carried or context.i == subject.i:
                subject = by or owner  # "during a protest": the clause's subject did not protest
            if passive is not None and passive.i == trigger.i:
                passive = None
        if passive is not None:
            return agent, passive
        if subject is not None and subject.head.i == verb.i and obj is None and _elided_passive(verb):
            return agent, subject  # "two were killed and four others wounded": the four were wounded
        return subject, obj

    def claim_subject(self, trigger: Token) -> Token | None:
        """The subject of the reporting verb that governs ``trigger``, if any."""
        for ancestor in trigger.ancestors:
            if ancestor.lemma_.lower() in CLAUSE_TAKING:
                return next((c for c in ancestor.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)
        return None

    def status(self, trigger: Token, sentence: Span) -> tuple[str, str | None]:
        """(status, source entity id) from the trigger's context."""
        verb = _governor(trigger)
        chain = [verb, *verb.ancestors]
        quote = next((q for q in self.quotes if q.start <= trigger.idx < q.end), None)
        reported = quote is not None  # inside a quote, or (below) a clause of a reporting verb
        claimed_by = quote.speaker.entity if quote is not None else None
        attested = quote is not None and self.attested(trigger, verb, quote)
        if attested:
            reported, claimed_by = False, None
        for ancestor in [] if attested else verb.ancestors:
            if ancestor.lemma_.lower() in CLAUSE_TAKING | {"claim"} and ancestor.i != verb.i:
                if _presupposed(verb, ancestor):
                    break  # "advocates say those who remain since authorities deported 40 are at risk"
                subject = next((c for c in ancestor.children if c.dep_ in ("nsubj", "poss", "amod")), None)
                if subject is not None:
                    actor = self.actor(subject)
                    claimed_by = actor.entity if actor else None
                reported = True
                break
        if not reported and (cue := status_cue(trigger, verb)) is not None:
            return cue, None  # "reportedly killed", "the alleged attack", "is said to have fled"
        if any(c.lower_ in NEGATIONS and c.dep_ == "neg" for c in verb.children) or any(
            c.dep_ == "det" and c.lower_ == "no" for c in trigger.children
        ):
            return "negated", claimed_by
        # "would attack if X deployed" (the condition hangs from the event) or "if deployed, would ..." (above it).
        clauses = [*chain, *(c for c in verb.children if c.dep_ == "advcl")]
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for a in clauses for c in a.children):
            return "conditional", claimed_by
        if (lexical := _lexical_status(trigger, verb, chain)) is not None:
            # a denial's speaker contests the event, it does not claim it
            return lexical, None if lexical == "disputed" and quote is None else claimed_by
        aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        # "plans to visit"; not "a plan that Hamas accepted", whose relative clause tells what happened
        heads = chain[1:3] if verb.dep_ != "relcl" else []
        if "will" in aux or "’ll" in aux or "'ll" in aux or any(a.lemma_ in FUTURE_HEADS for a in heads):
            return "planned", claimed_by
        if verb.dep_ == "xcomp" and verb.head.lemma_ == "be" and "to" in aux:
            return "planned", claimed_by  # "is to take place"
        if "would" in aux and any(a.lemma_.lower() in CLAUSE_TAKING and a.tag_ == "VBD" for a in chain[1:3]):
            return "planned", claimed_by  # "said they would meet": a reported "will", not a condition
        if aux & CONDITIONAL_MODALS:
            return "conditional", claimed_by
        if reported:
            if _UNVERIFIED.search(sentence.text):
                return "unverified", claimed_by
            if _DISPUTED.search(sentence.text):
                return "disputed", claimed_by
            return "claimed", claimed_by
        if _UNVERIFIED.search(sentence.text):
            return "unverified", claimed_by
        return "asserted", None

    def attested(self, trigger: Token, verb: Token, quote: Quote) -> bool:
        """Whether an event inside a quote is told by the report as fact: a speech act the quote performs ("'We
        urge Afghanistan to ...,' Khan said", "he urged ...", the quoted words of a partial quote), or background
        under the reporting verb ("advocates say the Uyghurs who remain since authorities deported 40 ...")."""
        if trigger.pos_ == "VERB" and _lemma(trigger, TRIGGERS) in SPEECH_ACTS:
            if any(c.dep_ == "nsubj" and c.lower_ in ("we", "i") for c in trigger.children) or quote.kind == "partial":
                return True
            if quote.cue_span is not None and quote.cue_span.start <= trigger.idx < quote.cue_span.end:
                return True
        if quote.kind != "indirect" or quote.cue_span is None:
            return False
        cue = next((t for t in verb.ancestors if t.idx == quote.cue_span.start), None)
        return cue is not None and _presupposed(verb, cue)

    def place_of(
        self, trigger: Token, verbal: bool = False, away: Token | None = None
    ) -> tuple[str | None, str | None]:
        """(id, how found) of the place where the event of ``trigger`` happened, if its clause or sentence says;
        a guess from the sentence never falls on ``away`` (the recipient of aid: "aid for Kyiv" is not given in
        Kyiv)."""
        token, how = self.locate(trigger, verbal)
        if token is not None and away is not None and token.i in {t.i for t in away.subtree}:
            locative = any(
                a.dep_ == "prep" and a.lower_ in LOCATIVE and a.head.i == _host(trigger).i for a in token.ancestors
            )
            token = token if locative else None
        return (self.place_at[token.i], how) if token is not None else (None, None)

    def place_token(self, trigger: Token, verbal: bool = False) -> Token | None:
        """The token of the place mention where the event happened (see :meth:`locate`)."""
        return self.locate(trigger, verbal)[0]

    def locate(self, trigger: Token, verbal: bool = False) -> tuple[Token | None, str | None]:
        """The token of the place mention where the event happened and how it was found ("clause": on the
        event's own words, "sentence": elsewhere in its sentence). The learned scorer
        (:mod:`newsledger.syntax.event_place`) chooses among the sentence's places or none; without its
        weights file, the hand rule (:meth:`rule_locate`)."""
        model = event_place_model()
        if model is None:
            return self.rule_locate(trigger, verbal)
        if verbal:
            # A statement's sentence names its topic ("accused Moscow"), not where it was made: only a place
            # on its own words ("said in Geneva") is its place.
            return self.rule_locate(trigger, verbal)
        options = self.place_options(trigger)
        best = model.choose((n, features) for n, (_, features, _) in enumerate(options))
        if best is None:
            return None, None
        mention, _, on_rule = options[best]
        token = mention.root(self.doc)
        return token, "clause" if on_rule or self.on_clause(trigger, token) else "sentence"

    def place_options(self, trigger: Token) -> list[tuple[Mention, dict[str, float], bool]]:
        """Each place mention of the trigger's sentence with its features for the learned scorer, and whether
        the hand rule found it on the event's own words."""
        sentence = trigger.sent
        mentions = list(dict.fromkeys(self.mention_at[t.i] for t in sentence if t.i in self.mention_at))
        if not mentions:
            return []
        verb = _host(trigger)
        subject = frozenset(t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree)
        rule_token, how = self.rule_locate(trigger, verbal=False, verb=verb)
        rule = (rule_token.i if rule_token is not None else None, how)
        return [
            (
                m,
                candidate_features(trigger, verb, m, mentions, subject, rule),
                how == "clause" and rule[0] is not None and m.first <= rule[0] <= m.last,
            )
            for m in mentions
        ]

    def on_clause(self, trigger: Token, token: Token) -> bool:
        """Whether ``token`` is under a locative phrase of the event's own words ("killed in Kabul")."""
        heads = {trigger.i, _host(trigger).i, *(c.i for c in trigger.children if c.dep_ == "acl")}
        return any(a.dep_ == "prep" and a.lower_ in LOCATIVE and a.head.i in heads for a in token.ancestors)

    def rule_locate(
        self, trigger: Token, verbal: bool = False, verb: Token | None = None
    ) -> tuple[Token | None, str | None]:
        """The hand rule: "clause", a locative phrase on the trigger ("killed in Kabul", "talks held in Doha")
        or the object of a territorial verb ("captured Sudzha"); else "sentence", the nearest place of the
        sentence. ``verb``: the trigger's host verb, when the caller has it."""
        verb = verb if verb is not None else _host(trigger)
        heads = [trigger, verb, *(c for c in trigger.children if c.dep_ == "acl")]
        for head in heads:
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ in LOCATIVE:
                    for token in prep.subtree:
                        if token.i in self.place_at:
                            return token, "clause"
            for child in head.children:
                if child.dep_ == "dobj" and child.i in self.place_at and _lemma(head, TERRITORIAL) in TERRITORIAL:
                    return child, "clause"  # "visited Kyiv", "captured Sudzha"; not "accused Moscow"
        # No locative phrase on the event itself: the nearest place of its sentence that is not part of
        # its subject ("Syrian troops"), measured on event-location (see `newsledger eval --only event-location`).
        # Only for material events, which the fallback was measured on: a statement's sentence
        # names its topic ("accused Moscow"), not where it was made.
        if verbal:
            return None, None
        excluded = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
        sentence = trigger.sent
        places = [t for t in sentence if t.i in self.place_at and t.i not in excluded and t.ent_type_ != "NORP"]
        return (min(places, key=lambda t: abs(t.i - trigger.i)), "sentence") if places else (None, None)

    def date_of(self, trigger: Token, sentence: Span) -> EventDate | None:
        verb = _host(trigger)
        span = [t.idx for t in verb.subtree]
        low, high = min(span), max(span) + 1
        for mention in self.article.dates:
            in_clause = low <= mention.start < high
            if sentence.start_char <= mention.start < sentence.end_char and in_clause and mention.value:
                return EventDate(value=mention.value, text=mention.text, precision=date_precision(mention.value))
        return None

    def code(self) -> list[Event]:
        events: list[Event] = []
        for sentence in self.doc.sents:
            tokens: dict[int, str] = {}  # trigger index -> type, in this sentence
            for token in sentence:
                found = _is_trigger(token)
                if found is None:
                    continue
                event_type, mode = found
                subject, obj = self.subject_and_object(token)
                if event_type in MATERIAL_CONFLICT and _by_hazard(token, subject, sentence):
                    continue  # "an earthquake killed eight", "four people were injured when a tank exploded"
                if event_type == "ASSAULT" and _rioting(token, subject, obj):
                    event_type, mode = "PROTEST", "riot"  # "protesters hurled rocks": a riot, not an armed attack
                if event_type == "THREATEN":
                    if _lemma(token, {"become"}) == "become":
                        # "X will become targets for Y": Y threatens X
                        subject, obj = _targeter(token), subject
                    mode = mode or _threat_mode(token)
                if event_type == "AID" and (recipient := _recipient(token, obj)) is not None:
                    obj = recipient  # "lifted its suspension of aid for Kyiv", "sent weapons to Ukraine"
                if subject is not None and subject.pos_ == "PRON" and subject.lower_ in ("it", "they", "we"):
                    # "Rebels said they had captured ...": the pronoun is the speaker of the claim.
                    speaker_subject = self.claim_subject(token)
                    subject = speaker_subject if speaker_subject is not None else subject
                actor1 = self.actor(subject) or Actor(entity=None, text="", country=None)
                actor1 = self.claimer_owned(token, subject, actor1, sentence)
                actor2 = self.actor(obj)
                named = actor1.entity or (actor2 is not None and actor2.entity) or sector_of(actor1.text)
                # "Six people were killed": material events are news even when the agent is unnamed.
                named = named or (event_type in MATERIAL_CONFLICT and actor2 is not None and bool(actor2.text))
                named = named or (event_type == "PROTEST" and _people(subject))  # "thousands of people marched"
                if not named and not _nominal(token):
                    continue  # no actor on either side: "it would be wrong to talk", "people fight colds"
                if mode == "release" and _things(token, obj):
                    continue  # "released a statement", "a gas released from a chemical"
                if event_type == "RETREAT" and mode == "release" and obj is not None and obj.i in self.place_at:
                    event_type, mode = "ASSAULT", None  # "free the Kursk region": taking ground, not releasing
                if event_type == "PROTEST" and _lemma(token, TRIGGERS) == "protest" and _is_state(actor1, subject):
                    event_type, mode = "ACCUSE", "disapprove"  # "Russia protested": a diplomatic complaint
                folded = _nominal(token) and _stray_host(token) is None
                if folded and any(tokens.get(t.i) == event_type for t in token.ancestors):
                    continue  # "marched in a peaceful protest": one event, coded on the verb
                tokens[token.i] = event_type
                status, source = self.status(token, sentence)
                away = obj if event_type in ("AID", "COOPERATE") else None
                place, place_source = self.place_of(token, verbal=event_type in VERBAL, away=away)
                events.append(
                    Event(
                        id=f"V{len(events) + 1}",
                        type=event_type,  # type: ignore[arg-type]
                        mode=mode,
                        actor1=actor1,
                        actor2=actor2 if actor2 and (actor2.entity or actor2.text) else None,
                        place=place,
                        place_source=place_source,
                        date=self.date_of(token, sentence),
                        status=status,  # type: ignore[arg-type]
                        source=source,
                        trigger=TextSpan(start=token.idx, end=token.idx + len(token.text), text=token.text),
                        sentence=TextSpan(start=sentence.start_char, end=sentence.end_char, text=sentence.text),
                        confidence=0.6 if actor1.entity else 0.4,
                    )
                )
        states = frozenset(e.id for e in self.article.entities if e.type in ("GPE", "ORG") and e.country)
        merged = _merge_repeats(events, states)
        for event in merged:
            self.fill_from_article(event)
        return merged

    def fill_from_article(self, event: Event) -> None:
        """What the event's own words leave open, from the article: the date of publication (precision
        "article"); the dateline's place, else, for a material event, the article's own place; and the home
        country for a described party with none ("security forces", "the government", "protesters")."""
        if event.date is None and self.article.published and re.match(r"\d{4}-\d{2}-\d{2}", self.article.published):
            event.date = EventDate(value=self.article.published[:10], text=None, precision="article")
        if event.place is None:
            if (dateline := self.dateline_place()) is not None:
                event.place, event.place_source = dateline.id, "dateline"
            elif event.type in MATERIAL_CONFLICT and (home := self.home_place()) is not None:
                event.place, event.place_source = home.id, "article"
        place = next((p for p in self.places if p.id == event.place), None)
        home = self.home_place()
        if (
            place is not None
            and event.place_source == "sentence"
            and place.kind == "country"
            and home is not None
            and home.kind != "country"
            and home.country == place.country
        ):
            # "security forces in Somalia killed the attackers" in a story from Beledweyne: the story's town
            event.place, event.place_source, place = home.id, "article", home
        there = place.country if place is not None else None
        for role in ("actor1", "actor2"):
            actor = getattr(event, role)
            if actor is None or actor.entity or actor.country:
                continue
            # the acting party is most often of the story's country ("authorities deported 40 to China"), the
            # receiving one of where it happened ("a train in Pakistan", "40 others to China")
            country = (self.home_country() or there) if role == "actor1" else (there or self.home_country())
            if country is None:
                continue
            other = event.actor2 if role == "actor1" else None
            if other is not None and other.country == country and event.type in VERBAL:
                continue  # "the minister pledged support for Ukraine": not Ukraine's own minister
            described = bool(actor.text) and (sector_of(actor.text) is not None or event.type in MATERIAL_CONFLICT)
            unnamed_state = role == "actor1" and not actor.text and event.type == "COERCE"  # "were arrested"
            if described or unnamed_state:
                sector = sector_of(actor.text) if actor.text else "GOV"
                code = " ".join(part for part in (countries().iso3(country), sector) if part)
                setattr(event, role, Actor(entity=None, text=actor.text, country=country, actor_code=code))

    def dateline_place(self) -> Place | None:
        dateline = (self.article.dateline or "").lower()
        if not dateline:
            return None
        return next((p for p in self.places if p.name.lower() in dateline), None)

    @cached_property
    def home_country_code(self) -> str | None:
        placed = [place for place in self.places if place.country]
        return max(placed, key=self.weight).country if placed else None

    def home_country(self) -> str | None:
        """The country the article is about: that of its weightiest place (see :meth:`weight`); not the sum
        over a country's places, which a story about one country's dealings with a bigger one tilts."""
        return self.home_country_code

    def weight(self, place: Place) -> int:
        """How much a place is the article's: its mentions, three more for one in the lead (the first
        sentence), which says where the story is, and three more when the headline says the story is "in" it
        ("Fate of 8 Uyghurs in Thailand in limbo after 40 deported to China")."""
        return self.weights.get(place.id, 0)

    @cached_property
    def weights(self) -> dict[str, int]:
        lead = next(iter(self.doc.sents), None)
        end = lead.end_char if lead is not None else 0
        headline = self.article.headline or ""
        weights = {}
        for place in self.places:
            located = re.search(rf"\b(?:in|at|near) (?:the )?{re.escape(place.name)}\b", headline, re.I) is not None
            weights[place.id] = len(place.mentions) + 3 * any(m.start < end for m in place.mentions) + 3 * located
        return weights

    def home_place(self) -> Place | None:
        return self.home_place_found

    @cached_property
    def home_place_found(self) -> Place | None:
        """The article's own place: its weightiest place within its home country, a town or province over the
        country when it is named at least twice or in the lead."""
        country = self.home_country()
        inside = [p for p in self.places if p.country == country]
        local = [p for p in inside if p.kind in LOCAL_KINDS and self.weight(p) >= 2]
        if local:
            return max(local, key=self.weight)
        return next((p for p in inside if p.kind == "country"), None)


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


def _is_state(actor: Actor, subject: Token | None) -> bool:
    """Whether the actor is a state or its government (a country, a ministry, officials)."""
    if subject is not None and subject.ent_type_ == "GPE":
        return True
    return sector_of(actor.text) in ("GOV", "IGO")


def _merge_repeats(events: list[Event], states: frozenset[str] = frozenset()) -> list[Event]:
    """Later reports of the same event (type, actors, place) become mentions of the first. ``states`` are the
    ids of countries and their organs: a state's statement repeated in the name of its ministry or army ("Russia
    would treat them as targets" ... "targets for the Russian Armed Forces") is one statement."""
    kept: list[Event] = []
    seen: dict[tuple[str, str | None, str | None], Event] = {}
    for event in events:
        a1 = event.actor1.entity
        a2 = event.actor2.entity if event.actor2 else None
        key = (event.type, a1, a2)
        state = None
        if a1 in states and a2 is None and event.type in VERBAL and event.actor1.country and event.mode:
            # the mode says it is the same statement ("targets": a threat of violence), not any other request
            state = (event.type, f"state:{event.actor1.country}:{event.mode}", None)
        first = seen.get(key) if a1 else None
        if first is None and state is not None:
            first = seen.get(state)
        if first is not None and first.sentence.start != event.sentence.start:
            first.mentions.append(event.sentence)
            continue
        if (happening := _same_happening(kept, event)) is not None:
            _absorb(happening, event)
            continue
        seen[key] = event
        if state is not None:
            seen.setdefault(state, event)
        kept.append(event)
    for number, event in enumerate(kept, start=1):
        event.id = f"V{number}"
    return kept


# How far apart (in characters, from the end of the last mention) two reports of one attack, arrest or protest
# can be: a story tells one happening over a few paragraphs ("attacked the hotel ... blew up ... stormed").
HAPPENING_WINDOW = 400


def _compatible(one: Actor | None, other: Actor | None) -> bool:
    """Whether two actors can be the same party: either unnamed, or the same entity or country."""
    if one is None or other is None or not (one.entity or one.country) or not (other.entity or other.country):
        return True
    if one.entity and other.entity:
        return one.entity == other.entity
    return not (one.country and other.country) or one.country == other.country


def _same_happening(kept: list[Event], event: Event) -> Event | None:
    """The kept event that ``event`` reports again: one material event told with several verbs ("stormed",
    "blew up", "killed") close together, or the same type twice in one sentence, with no party, place or date
    that tells them apart."""
    for other in reversed(kept):
        if other.type != event.type:
            continue
        last = max([other.sentence, *other.mentions], key=lambda span: span.start)
        same_sentence = last.start == event.sentence.start
        near = event.sentence.start - last.end <= HAPPENING_WINDOW
        if not same_sentence and not (event.type in MATERIAL_CONFLICT and near):
            continue
        if event.place and other.place and event.place != other.place:
            continue
        if event.date and other.date and event.date.value != other.date.value:
            continue
        if _compatible(other.actor1, event.actor1) and _compatible(other.actor2, event.actor2):
            return other
    return None


def _known(actor: Actor | None) -> bool:
    return actor is not None and bool(actor.entity or actor.country)


def _absorb(first: Event, later: Event) -> None:
    """``later`` becomes a mention of ``first``, which takes the parties, place and date it lacked."""
    if later.sentence.start != first.sentence.start and later.sentence not in first.mentions:
        first.mentions.append(later.sentence)
    if not _known(first.actor1) and _known(later.actor1):
        first.actor1 = later.actor1
    if not _known(first.actor2) and _known(later.actor2):
        first.actor2 = later.actor2
    first.place = first.place or later.place
    first.date = first.date or later.date


def code_events(article: Article, doc: Doc) -> list[Event]:
    """The PLOVER events of one parsed article (entities, places, dates and quotes already filled)."""
    return _Coder(article, doc).code()


class EventStage:
    """Fills ``events``; runs after entities, places, dates and quotes."""

    name = "events"
    requires = ("doc", "entities", "places", "dates", "quotes")
    assigns = ("events",)

    def __call__(self, batch: list[Work]) -> None:
        for work in batch:
            work.article.events = code_events(work.article, work.doc)

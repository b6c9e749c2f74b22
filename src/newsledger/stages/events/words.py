"""The events stage's word lists and the tables read from the event lexicon (data/event_lexicon.tsv)."""

from __future__ import annotations

import re

from newsledger.lexicon import event_lexicon

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
PARTICLE_VERBS = _LEXICON.verb_particles


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


# Subjects that make a war verb a figure of speech: a measure or a force of the economy is not an attacker
# ("tariffs targeting Canada", "the effort targeting fentanyl", "inflation hit households").
FIGURATIVE_SUBJECTS = frozenset(
    ["tariff", "duty", "sanction", "tax", "levy", "measure", "policy", "price", "cost", "inflation", "recession",
     "ban", "restriction", "rule", "regulation", "law", "legislation", "bill", "effort", "crisis", "shortage",
     "slowdown", "downturn", "decision", "proposal", "reform", "budget", "cut", "market", "investigation",
     "probe", "inquiry", "lawsuit", "ruling", "report", "study"]
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


# Accusations made by saying: a reporting verb whose clause charges its subject with a failing or a wrong
# ("said Kabul was failing to rein in separatists", "said the attackers collaborated with militants").
REPORTING = frozenset(["say", "claim", "allege", "insist", "charge", "assert", "argue", "maintain", "tell"])
ACCUSING_PREDICATES = frozenset(
    ["fail", "violate", "breach", "harbor", "harbour", "shelter", "sponsor", "finance", "fund", "arm", "collaborate",
     "collude", "conspire", "plot", "orchestrate", "mastermind", "lie", "mislead", "deceive", "sabotage",
     "obstruct", "undermine", "betray", "exploit", "abuse", "persecute", "oppress", "commit", "responsible",
     "complicit", "guilty", "behind"]
)  # fmt: skip
# What a reported clause can call someone's deeds: "their treatment may amount to crimes against humanity".
ACCUSING_NOUNS = frozenset(
    ["crime", "atrocity", "genocide", "violation", "abuse", "terrorism", "aggression", "lie", "propaganda",
     "provocation", "sabotage", "war crime", "massacre", "persecution", "cleansing"]
)  # fmt: skip


MATERIAL_CONFLICT = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "SANCTION"})
# Events done with a partner: when their object is a thing ("signed a deal", "requested consultations"), the
# other party is named by the preposition ("with Rwanda"; for a request also "from China").
PARTNER_PREPOSITIONS: dict[str, frozenset[str]] = {
    "AGREE": frozenset({"with"}),
    "CONSULT": frozenset({"with"}),
    "COOPERATE": frozenset({"with"}),
    "REQUEST": frozenset({"with", "from"}),
}


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


# Entity types that make the other side of a meeting someone ("talks with Waltz", "with Russian officials").
_PARTIES = frozenset(["PERSON", "ORG", "GPE", "NORP"])


# How far apart (in characters, from the end of the last mention) two reports of one attack, arrest or protest
# can be: a story tells one happening over a few paragraphs ("attacked the hotel ... blew up ... stormed").
HAPPENING_WINDOW = 400

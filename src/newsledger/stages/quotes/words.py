"""The quotes stage's word lists: channels, attribution verbs and nouns, stance words, quotation marks."""

from __future__ import annotations

import re

from newsledger.syntax.speech import SPEECH_LEMMAS

CHANNEL_NOUNS = frozenset(
    [
        "app",
        "telegram",
        "channel",
        "statement",
        "interview",
        "remarks",
        "remark",
        "post",
        "briefing",
        "conference",
        "television",
        "tv",
        "radio",
        "website",
        "x",
        "twitter",
        "facebook",
        "video",
        "address",
        "speech",
        "broadcast",
        "message",
        "letter",
        "newspaper",
        "outlet",
        "network",
    ]
)


# Verbs that attribute a statement, a belief or a stance to their subject: news attributes far more than
# speech ("the poll shows", "Trump wants", "she called for"). Kept apart from the speech verbs, which events also read.
ATTRIBUTION_LEMMAS = SPEECH_LEMMAS | frozenset(
    [
        "call",
        "cite",
        "mention",
        "find",
        "show",
        "know",
        "expect",
        "hope",
        "fear",
        "worry",
        "feel",
        "learn",
        "understand",
        "realize",
        "recognize",
        "doubt",
        "wonder",
        "decide",
        "pledge",
        "threaten",
        "propose",
        "demand",
        "encourage",
        "question",
        "condemn",
        "denounce",
        "blast",
        "attack",
        "slam",
        "endorse",
        "reject",
        "dismiss",
        "defend",
        "discuss",
        "highlight",
        "echo",
        "tout",
        "downplay",
        "liken",
        "label",
        "dub",
        "reference",
        "express",
        "point",
        "plan",
        "intend",
        "recommend",
        "applaud",
        "welcome",
        "lament",
        "bemoan",
        "decry",
        "mock",
        "hint",
        "guarantee",
        "rule",
        "document",
        "yell",
        "shout",
        "chant",
        "joke",
        "brag",
        "boast",
        "suspect",
        "promote",
        "thank",
        "refer",
        "speak",
        "talk",
    ]
)


# Adjectives that report a belief or a stance: "is convinced that ...", "was critical of ...".
STANCE_ADJECTIVES = frozenset(
    ["convinced", "confident", "sure", "certain", "aware", "skeptical", "sceptical", "adamant", "optimistic",
     "pessimistic", "worried", "concerned", "critical", "hopeful", "frustrated", "coy", "adamant", "insistent"]
)  # fmt: skip


# Their direct object can itself be what is said: "announced the arrest", "cited his endorsements".
NOMINAL_LEMMAS = ATTRIBUTION_LEMMAS - frozenset(
    ["know", "expect", "hope", "fear", "worry", "feel", "learn", "understand", "realize", "recognize", "doubt",
     "wonder", "decide", "plan", "intend", "think", "believe", "agree", "continue", "add",
     "tell", "find", "show", "point", "rule", "respond", "reply", "post", "conclude", "observe", "disclose",
     "refer", "speak", "talk", "counter"]
)  # fmt: skip


# Their "to" clause is what is said or wanted: "urged supporters to monitor", "vowed to repeal".
XCOMP_LEMMAS = frozenset(
    ["urge", "encourage", "ask", "tell", "call", "pledge", "promise", "vow", "threaten",
     "decide", "agree", "plan", "intend", "demand", "propose", "warn", "expect", "hope", "claim"]
)  # fmt: skip


# Prepositions that introduce the content of a cue: "called for", "accused X of", "described X as";
# a few belong to one verb only ("called on X to", "pointed to", "agreed with").
_CONTENT_PREPS = frozenset({"for", "of", "about", "as", "against"})


_VERB_PREPS = {
    "call": {"on"},
    "point": {"to"},
    "liken": {"to"},
    "agree": {"with", "on"},
    "refer": {"to"},
    "speak": {"about", "of", "against"},
    "talk": {"about"},
}


# Cues that compare what is said rather than report it when their subject is itself something said:
# "Ushakov's comments echoed statements from Putin" attributes nothing.
_RELATING_LEMMAS = frozenset({"echo"})


# Verbs whose quotation right after them is a whole statement: 'saying “...”', 'added “...”'.
_INTRODUCING = frozenset({"say", "add", "write", "tweet", "ask", "reply", "respond", "declare", "state", "continue"})


# Cues whose "as" phrase is what they say of their object: "described X as ...", "labelled X as ...".
_AS_LEMMAS = frozenset({"describe", "label", "dub", "brand", "portray", "characterize", "depict", "hail", "cast"})


_CLAUSE_ENDS = frozenset({".", ",", "?", "!", "…", "—"})


_OPEN = {"“": "”", '"': '"', "''": "''"}


_ANY_MARK = re.compile("''|[“”\"]")


# "Sanders: Clinton needs to ...", "PENCE: Well, ...": a short capitalised label, a colon, the statement.
_LABEL = re.compile(r"[\"“]?([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,4}): (\S.*)")


# Headline labels that name a kind of article, not a source.
_NOT_SOURCES = frozenset(
    ["update", "analysis", "opinion", "editorial", "breaking", "breaking news", "watch", "video", "photos", "live",
     "exclusive", "review", "commentary", "perspective", "factbox", "explainer", "timeline", "fact check", "correction"]
)  # fmt: skip


_DASHES = frozenset({"―", "—", "–", "--", "-"})


_SIGNATURE = re.compile(r"[”\"']*[ \t\xa0]*(―|—|–|--|-)[ \t\xa0]*(?=[A-Z])")

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

import re

from spacy.tokens import Doc, Span, Token

from newsledger.lexicon import countries
from newsledger.model import Actor, Article, Entity, Event, EventDate
from newsledger.model import Span as TextSpan
from newsledger.pipeline import Work
from newsledger.stages.entities import sector_of
from newsledger.stages.quotes import CLAUSE_TAKING, _Speakers

# lemma -> (type, mode). Verbs first; nouns count only after a light verb or as subjects/objects noted below.
TRIGGERS: dict[str, tuple[str, str | None]] = {
    # verbal cooperation
    "agree": ("AGREE", None), "sign": ("AGREE", None), "accept": ("AGREE", None), "ratify": ("AGREE", None),
    "approve": ("AGREE", None),
    "meet": ("CONSULT", None), "visit": ("CONSULT", "visit"), "negotiate": ("CONSULT", None),
    "host": ("CONSULT", None), "discuss": ("CONSULT", None), "mediate": ("CONSULT", "third-party"),
    "phone": ("CONSULT", "phone"), "talk": ("CONSULT", None), "arrive": ("CONSULT", "visit"),
    "consult": ("CONSULT", None), "confer": ("CONSULT", None),
    "praise": ("SUPPORT", None), "support": ("SUPPORT", None), "welcome": ("SUPPORT", None),
    "commend": ("SUPPORT", None), "endorse": ("SUPPORT", None), "liberate": ("ASSAULT", None),
    "value": ("SUPPORT", None), "congratulate": ("SUPPORT", None), "defend": ("SUPPORT", None),
    "apologize": ("CONCEDE", None), "apologise": ("CONCEDE", None), "pardon": ("CONCEDE", None),
    "lift": ("CONCEDE", None), "ease": ("CONCEDE", None), "concede": ("CONCEDE", None),
    # material cooperation
    "cooperate": ("COOPERATE", None), "collaborate": ("COOPERATE", None),
    "aid": ("AID", None), "provide": ("AID", None), "supply": ("AID", None), "donate": ("AID", None),
    "deliver": ("AID", None), "fund": ("AID", None), "pledge": ("AID", None), "send": ("AID", None),
    "withdraw": ("RETREAT", "withdraw"), "retreat": ("RETREAT", "withdraw"), "release": ("RETREAT", "release"),
    "free": ("RETREAT", "release"), "exchange": ("RETREAT", "release"), "resign": ("RETREAT", "resign"),
    "evacuate": ("RETREAT", "withdraw"), "disarm": ("RETREAT", "disarm"),
    # verbal conflict
    "ask": ("REQUEST", None), "urge": ("REQUEST", None), "demand": ("REQUEST", None), "appeal": ("REQUEST", None),
    "request": ("REQUEST", None), "press": ("REQUEST", None), "call": ("REQUEST", None), "seek": ("REQUEST", None),
    "accuse": ("ACCUSE", "allege"), "blame": ("ACCUSE", "allege"), "criticize": ("ACCUSE", "disapprove"),
    "criticise": ("ACCUSE", "disapprove"), "condemn": ("ACCUSE", "disapprove"), "denounce": ("ACCUSE", "disapprove"),
    "chide": ("ACCUSE", "disapprove"), "investigate": ("ACCUSE", "investigate"), "probe": ("ACCUSE", "investigate"),
    "complain": ("ACCUSE", "disapprove"), "protest": ("PROTEST", "demo"),
    "reject": ("REJECT", None), "refuse": ("REJECT", None), "veto": ("REJECT", None), "decline": ("REJECT", None),
    "rebuff": ("REJECT", None), "boycott": ("PROTEST", "boycott"),
    "threaten": ("THREATEN", None), "warn": ("THREATEN", None),
    # material conflict
    "demonstrate": ("PROTEST", "demo"), "rally": ("PROTEST", "demo"), "riot": ("PROTEST", "riot"),
    "sanction": ("SANCTION", None), "embargo": ("SANCTION", None), "expel": ("SANCTION", "expel"),
    "convict": ("SANCTION", "convict"), "sentence": ("SANCTION", "convict"), "suspend": ("SANCTION", "discontinue"),
    "deploy": ("MOBILIZE", "troops"), "mobilize": ("MOBILIZE", "troops"), "mobilise": ("MOBILIZE", "troops"),
    "reinforce": ("MOBILIZE", "troops"), "mass": ("MOBILIZE", "troops"),
    "arrest": ("COERCE", "arrest"), "detain": ("COERCE", "arrest"), "seize": ("COERCE", "seize"),
    "ban": ("COERCE", "restrict"), "censor": ("COERCE", "censor"), "dismiss": ("COERCE", None),
    "deport": ("COERCE", "deport"), "confiscate": ("COERCE", "seize"), "jail": ("COERCE", "arrest"),
    "imprison": ("COERCE", "arrest"), "abduct": ("ASSAULT", "abduct"), "kidnap": ("ASSAULT", "abduct"),
    "attack": ("ASSAULT", None), "strike": ("ASSAULT", None), "bomb": ("ASSAULT", "aerial"),
    "shell": ("ASSAULT", "heavy-weapons"), "kill": ("ASSAULT", None), "shoot": ("ASSAULT", "firearms"),
    "invade": ("ASSAULT", None), "capture": ("ASSAULT", None), "recapture": ("ASSAULT", None),
    "destroy": ("ASSAULT", "destroy"), "raid": ("ASSAULT", None), "fight": ("ASSAULT", None),
    "clash": ("ASSAULT", None), "ambush": ("ASSAULT", None), "assassinate": ("ASSAULT", "targeted"),
    "wound": ("ASSAULT", None), "injure": ("ASSAULT", None), "occupy": ("ASSAULT", None),
    "dislodge": ("ASSAULT", None), "drive": ("ASSAULT", None), "storm": ("ASSAULT", None),
    "retake": ("ASSAULT", None), "bombard": ("ASSAULT", "heavy-weapons"), "torture": ("ASSAULT", "torture"),
    "beat": ("ASSAULT", "beat"), "hit": ("ASSAULT", None), "target": ("ASSAULT", None),
    "march": ("PROTEST", "demo"), "gather": ("PROTEST", "demo"), "loot": ("ASSAULT", "destroy"),
    "detonate": ("ASSAULT", "explosives"), "fire": ("ASSAULT", None), "disperse": ("COERCE", None),
    "promise": ("AGREE", None), "offer": ("AGREE", None), "rape": ("ASSAULT", "sexual"),
}  # fmt: skip
# Event nouns, coded when a light verb carries them ("carried out strikes", "held talks", "made threats").
NOUN_TRIGGERS: dict[str, tuple[str, str | None]] = {
    "strike": ("ASSAULT", None), "airstrike": ("ASSAULT", "aerial"), "attack": ("ASSAULT", None),
    "raid": ("ASSAULT", None), "incursion": ("ASSAULT", None), "offensive": ("ASSAULT", None),
    "assault": ("ASSAULT", None), "bombardment": ("ASSAULT", "heavy-weapons"), "invasion": ("ASSAULT", None),
    "talk": ("CONSULT", None), "meeting": ("CONSULT", None), "visit": ("CONSULT", "visit"),
    "call": ("CONSULT", "phone"), "negotiation": ("CONSULT", None), "threat": ("THREATEN", None),
    "sanction": ("SANCTION", None), "protest": ("PROTEST", "demo"), "demonstration": ("PROTEST", "demo"),
    "accusation": ("ACCUSE", "allege"), "appeal": ("REQUEST", None), "ceasefire": ("CONCEDE", None),
    "truce": ("CONCEDE", None), "deal": ("AGREE", None), "agreement": ("AGREE", None), "aid": ("AID", None),
    "curfew": ("COERCE", "curfew"), "rally": ("PROTEST", "demo"), "march": ("PROTEST", "demo"),
}  # fmt: skip
LIGHT_VERBS = frozenset(
    ["carry", "launch", "conduct", "stage", "hold", "make", "mount", "have", "announce", "declare", "reach", "impose",
     "begin", "start", "continue", "call", "go"]
)  # fmt: skip
# Objects that change a trigger's type: "send troops" mobilises, "lift sanctions" concedes.
OBJECT_OVERRIDES: dict[tuple[str, str], tuple[str, str | None]] = {
    ("send", "troop"): ("MOBILIZE", "troops"), ("send", "force"): ("MOBILIZE", "troops"),
    ("send", "soldier"): ("MOBILIZE", "troops"), ("send", "weapon"): ("AID", None),
    ("impose", "sanction"): ("SANCTION", None), ("impose", "curfew"): ("COERCE", "curfew"),
    ("lift", "suspension"): ("AID", None), ("call", "ceasefire"): ("REQUEST", None),
    ("hit", "sanction"): ("THREATEN", None), ("drive", "out"): ("ASSAULT", None),
}  # fmt: skip
# Prepositions that introduce where an event happened.
LOCATIVE = frozenset({"in", "at", "near", "on", "to", "inside", "outside", "into", "across", "around"})
# Verbs whose direct object is where the event happens.
TERRITORIAL = frozenset(
    ["visit", "capture", "recapture", "occupy", "seize", "invade", "attack", "shell", "strike", "bomb", "liberate",
     "free", "storm", "retake", "enter", "raid", "bombard", "target", "besiege", "surround", "reach", "tour"]
)  # fmt: skip
VERBAL = frozenset({"AGREE", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
MATERIAL_CONFLICT = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "SANCTION"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})
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


def _is_trigger(token: Token) -> tuple[str, str | None] | None:
    lemma = _lemma(token, TRIGGERS)
    if token.pos_ == "VERB":
        objects = [c for c in token.children if c.dep_ in ("dobj", "prt", "attr")]
        objects += [g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        for child in objects:
            key = (lemma, child.lemma_.lower())
            if key in OBJECT_OVERRIDES:
                return OBJECT_OVERRIDES[key]
    if token.pos_ in ("VERB",) and lemma in TRIGGERS:
        found = TRIGGERS[lemma]
        if token.head.lemma_.lower() in ("threat", "threaten", "warn", "warning") and token.dep_ in ("xcomp", "acl"):
            return None  # "threats to hit Russia": the threat is the event, coded on its own
        if lemma == "call" and not any(c.lower_ == "for" for c in token.children):
            return None  # "called him a liar", "so-called": only "call for" is a request
        if lemma == "drive" and not any(c.lower_ == "out" for c in token.children):
            return None
        return found
    light = _lemma(token.head, LIGHT_VERBS) in LIGHT_VERBS and token.dep_ in ("dobj", "nsubjpass")
    # "a meeting ... is to take place"
    light = light or (
        token.dep_ == "nsubj" and token.head.lemma_ == "take" and "place" in {c.lower_ for c in token.head.children}
    )
    # "talks held in Saudi Arabia": the light verb is a participle on the noun
    light = light or any(c.dep_ == "acl" and _lemma(c, LIGHT_VERBS) in LIGHT_VERBS for c in token.children)
    lemma = _lemma(token, NOUN_TRIGGERS)
    if token.pos_ == "NOUN" and lemma in NOUN_TRIGGERS and light:
        modifiers = {c.lower_ for c in token.children if c.dep_ in ("compound", "amod")}
        if lemma == "strike" and modifiers & {"hunger", "general", "labour", "labor", "national", "workers"}:
            return ("PROTEST", "hunger" if "hunger" in modifiers else "strike")  # not an air strike
        return NOUN_TRIGGERS[lemma]
    return None


class _Coder:
    def __init__(self, article: Article, doc: Doc) -> None:
        self.article, self.doc = article, doc
        self.speakers = _Speakers(doc, article.entities)
        self.entities = {entity.id: entity for entity in article.entities}
        self.places = article.places
        self.place_at: dict[int, str] = {}
        for place in article.places:
            for mention in place.mentions:
                for token in doc.char_span(mention.start, mention.end, alignment_mode="expand") or []:
                    self.place_at[token.i] = place.id
        self.quotes = article.quotes

    def actor(self, token: Token | None) -> Actor | None:
        if token is None:
            return None
        doc = self.doc
        # The entity behind a phrase: the head itself, an apposition, else a modifier ("Russian forces").
        candidates = [token, *[c for c in token.children if c.dep_ == "appos"],
                      *[c for c in token.children if c.dep_ in ("compound", "amod", "poss", "nmod")]]  # fmt: skip
        entity: Entity | None = None
        for candidate in candidates:
            if candidate.i in self.speakers.entity_at:
                entity = self.speakers.entity_at[candidate.i]
                break
        if entity is None and token.pos_ == "PRON":
            resolved, _, _ = self.speakers.resolve(token)
            entity = resolved
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

    def subject_and_object(self, trigger: Token) -> tuple[Token | None, Token | None]:
        verb = trigger.head if trigger.pos_ == "NOUN" else trigger
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
        passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        if subject is None and verb.dep_ in ("xcomp", "advcl", "conj", "acl", "relcl") and verb.head is not verb:
            # "came as Trump presses Moscow to agree": the subject of the governing verb or its object.
            head = verb.head
            subject = next((c for c in head.children if c.dep_ == "dobj"), None) if verb.dep_ == "xcomp" else None
            subject = subject or next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if verb.dep_ in ("acl", "relcl") and subject is None:
                subject = head
        obj = None
        if trigger.pos_ == "NOUN":
            preps = [c for c in trigger.children if c.dep_ == "prep" and c.lower_ in ("on", "against", "with", "to")]
            obj = next((g for p in preps for g in p.children if g.dep_ == "pobj"), None)
        else:
            obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
            if obj is None:
                preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("with", "on", "against", "to")]
                obj = next((g for p in preps for g in p.children if g.dep_ == "pobj"), None)
        if passive is not None:
            return agent, passive
        return subject, obj

    def claim_subject(self, trigger: Token) -> Token | None:
        """The subject of the reporting verb that governs ``trigger``, if any."""
        for ancestor in trigger.ancestors:
            if ancestor.lemma_.lower() in CLAUSE_TAKING:
                return next((c for c in ancestor.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)
        return None

    def status(self, trigger: Token, sentence: Span) -> tuple[str, str | None]:
        """(status, source entity id) from the trigger's context."""
        verb = trigger.head if trigger.pos_ == "NOUN" else trigger
        chain = [verb, *verb.ancestors]
        quote = next((q for q in self.quotes if q.start <= trigger.idx < q.end), None)
        reported = quote is not None  # inside a quote, or (below) a clause of a reporting verb
        claimed_by = quote.speaker.entity if quote is not None else None
        for ancestor in verb.ancestors:
            if ancestor.lemma_.lower() in CLAUSE_TAKING | {"claim"} and ancestor.i != verb.i:
                subject = next((c for c in ancestor.children if c.dep_ in ("nsubj", "poss", "amod")), None)
                if subject is not None:
                    actor = self.actor(subject)
                    claimed_by = actor.entity if actor else None
                reported = True
                break
        if any(c.lower_ in NEGATIONS and c.dep_ == "neg" for c in verb.children) or any(
            c.dep_ == "det" and c.lower_ == "no" for c in trigger.children
        ):
            return "negated", claimed_by
        # "would attack if X deployed" (the condition hangs from the event) or "if deployed, would ..." (above it).
        clauses = [*chain, *(c for c in verb.children if c.dep_ == "advcl")]
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for a in clauses for c in a.children):
            return "conditional", claimed_by
        aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if "will" in aux or "’ll" in aux or "'ll" in aux or any(a.lemma_ in FUTURE_HEADS for a in chain[1:3]):
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

    def place_of(self, trigger: Token, verbal: bool = False) -> str | None:
        """The id of the place where the event of ``trigger`` happened, if the sentence says."""
        token = self.place_token(trigger, verbal)
        return self.place_at[token.i] if token is not None else None

    def place_token(self, trigger: Token, verbal: bool = False) -> Token | None:
        """The token of the place mention where the event happened: a locative phrase on the trigger
        ("killed in Kabul", "talks held in Doha") or the object of a territorial verb ("captured Sudzha")."""
        verb = trigger.head if trigger.pos_ == "NOUN" else trigger
        heads = [trigger, verb, *(c for c in trigger.children if c.dep_ == "acl")]
        for head in heads:
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ in LOCATIVE:
                    for token in prep.subtree:
                        if token.i in self.place_at:
                            return token
            for child in head.children:
                if child.dep_ == "dobj" and child.i in self.place_at and _lemma(head, TERRITORIAL) in TERRITORIAL:
                    return child  # "visited Kyiv", "captured Sudzha"; not "accused Moscow"
        # No locative phrase on the event itself: the nearest place of its sentence that is not part of
        # its subject ("Syrian troops"), measured on event-location (see `newsledger eval --only event-location`).
        # Only for material events, which the fallback was measured on: a statement's sentence
        # names its topic ("accused Moscow"), not where it was made.
        if verbal:
            return None
        excluded = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
        sentence = trigger.sent
        places = [t for t in sentence if t.i in self.place_at and t.i not in excluded and t.ent_type_ != "NORP"]
        return min(places, key=lambda t: abs(t.i - trigger.i)) if places else None

    def date_of(self, trigger: Token, sentence: Span) -> EventDate | None:
        verb = trigger.head if trigger.pos_ == "NOUN" else trigger
        span = [t.idx for t in verb.subtree]
        low, high = min(span), max(span) + 1
        for mention in self.article.dates:
            in_clause = low <= mention.start < high
            if sentence.start_char <= mention.start < sentence.end_char and in_clause and mention.value:
                return EventDate(value=mention.value, text=mention.text)
        return None

    def code(self) -> list[Event]:
        events: list[Event] = []
        for sentence in self.doc.sents:
            for token in sentence:
                found = _is_trigger(token)
                if found is None:
                    continue
                event_type, mode = found
                subject, obj = self.subject_and_object(token)
                if subject is not None and subject.pos_ == "PRON" and subject.lower_ in ("it", "they", "we"):
                    # "Rebels said they had captured ...": the pronoun is the speaker of the claim.
                    speaker_subject = self.claim_subject(token)
                    subject = speaker_subject if speaker_subject is not None else subject
                actor1 = self.actor(subject) or Actor(entity=None, text="", country=None)
                actor2 = self.actor(obj)
                named = actor1.entity or (actor2 is not None and actor2.entity) or sector_of(actor1.text)
                # "Six people were killed": material events are news even when the agent is unnamed.
                named = named or (event_type in MATERIAL_CONFLICT and actor2 is not None and bool(actor2.text))
                if not named and token.pos_ == "VERB":
                    continue  # no actor on either side: "it would be wrong to talk", "people fight colds"
                if event_type == "RETREAT" and mode == "release" and obj is not None and obj.i in self.place_at:
                    event_type, mode = "ASSAULT", None  # "free the Kursk region": taking ground, not releasing
                status, source = self.status(token, sentence)
                events.append(
                    Event(
                        id=f"V{len(events) + 1}",
                        type=event_type,  # type: ignore[arg-type]
                        mode=mode,
                        actor1=actor1,
                        actor2=actor2 if actor2 and (actor2.entity or actor2.text) else None,
                        place=self.place_of(token, verbal=event_type in VERBAL),
                        date=self.date_of(token, sentence),
                        status=status,  # type: ignore[arg-type]
                        source=source,
                        trigger=TextSpan(start=token.idx, end=token.idx + len(token.text), text=token.text),
                        sentence=TextSpan(start=sentence.start_char, end=sentence.end_char, text=sentence.text),
                        confidence=0.6 if actor1.entity else 0.4,
                    )
                )
        return _merge_repeats(events)


def _merge_repeats(events: list[Event]) -> list[Event]:
    """Later reports of the same event (type, actors, place) become mentions of the first."""
    kept: list[Event] = []
    seen: dict[tuple[str, str | None, str | None], Event] = {}
    for event in events:
        a1 = event.actor1.entity
        a2 = event.actor2.entity if event.actor2 else None
        key = (event.type, a1, a2)
        first = seen.get(key) if a1 else None
        if first is not None and first.sentence.start != event.sentence.start:
            first.mentions.append(event.sentence)
            continue
        seen[key] = event
        kept.append(event)
    for number, event in enumerate(kept, start=1):
        event.id = f"V{number}"
    return kept


def code_events(article: Article, doc: Doc) -> list[Event]:
    """The PLOVER events of one parsed article (entities, places, dates and quotes already filled)."""
    return _Coder(article, doc).code()


class EventStage:
    """Fills ``events``; runs after entities, places, dates and quotes."""

    name = "events"

    def __call__(self, batch: list[Work]) -> None:
        for work in batch:
            work.article.events = code_events(work.article, work.doc)

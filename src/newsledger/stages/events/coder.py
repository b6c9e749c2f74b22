"""The events coder: one article's triggers, actors, place, date, status and source, as ledger events."""

from __future__ import annotations

import re
from functools import cached_property
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from newsledger.lexicon import countries
from newsledger.model import Actor, Article, Entity, Event, EventDate, Place, Quote
from newsledger.model import Span as TextSpan
from newsledger.resolve.mentions import MentionResolver
from newsledger.resolve.sectors import sector_of
from newsledger.stages.events.actors import _actor_head, _is_state, _other_side, _recipient, _targeter
from newsledger.stages.events.clauses import (
    _antecedent,
    _governor,
    _host,
    _lemma,
    _mistagged_verb,
    _nominal,
    _nominal_context,
    _people,
    _responsible,
    _stray_host,
    _subject,
    _thing,
    _when,
)
from newsledger.stages.events.merge import _merge_repeats
from newsledger.stages.events.status import _lexical_status, _presupposed, date_precision, status_cue
from newsledger.stages.events.triggers import (
    _by_hazard,
    _elided_passive,
    _is_light,
    _is_trigger,
    _rioting,
    _said_accusation,
    _things,
    _threat_mode,
)
from newsledger.stages.events.words import (
    _DISPUTED,
    _PARTIES,
    _UNVERIFIED,
    CONDITIONAL_MODALS,
    FORCES,
    FUTURE_HEADS,
    GROUND,
    LOCAL_KINDS,
    LOCATIVE,
    MATERIAL_CONFLICT,
    NEGATIONS,
    PARTNER_PREPOSITIONS,
    POSSESSIVES,
    SPEECH_ACTS,
    TERRITORIAL,
    TITLES,
    TRIGGERS,
    VERBAL,
)
from newsledger.syntax.event_place import Mention, candidate_features, event_place_model
from newsledger.syntax.speech import CLAUSE_TAKING

_PROTESTERS = re.compile(r"\b(?:protest[eo]r|demonstrator|marcher)s?\b", re.I)


def _protesters(actor: Actor | None) -> bool:
    return actor is not None and bool(_PROTESTERS.search(actor.text or ""))


class EventCoder:
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
            by_phrase = next(
                (g for c in trigger.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children), None
            )
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
                subject = by_phrase or owner  # "during a protest": the clause's subject did not protest
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

    def date_of(self, trigger: Token, sentence: Span, verbal: bool = False) -> EventDate | None:
        """The date written in the event's clause; for a statement reported by a verb of saying with no date
        of its own, the saying's date ("Pakistan expects Kabul to act," the military said Wednesday): a
        statement happens when it is made. A material event reported as said keeps no such date: "said on
        Friday that troops attacked" does not date the attack."""
        verb = _host(trigger)
        found = self._date_within(verb, sentence, exclude=None)
        if found is None and verbal:
            clause = verb
            # up through what was said ("expects ... to uphold", ccomp) or how ("said ..., repeating a demand")
            while (clause.dep_ in ("ccomp", "xcomp", "conj") or (clause.dep_ == "advcl" and clause.tag_ == "VBG")) and (
                clause.head is not clause
            ):
                clause = clause.head
                if clause.pos_ == "VERB" and clause.lemma_.lower() in CLAUSE_TAKING:
                    return self._date_within(clause, sentence, exclude=verb)
        return found

    def _date_within(self, head: Token, sentence: Span, exclude: Token | None) -> EventDate | None:
        """The first valued date in ``head``'s phrase, outside ``exclude``'s phrase."""
        span = [t.idx for t in head.subtree]
        low, high = min(span), max(span) + 1
        if exclude is not None:
            inner = [t.idx for t in exclude.subtree]
            skip_low, skip_high = min(inner), max(inner) + 1
        else:
            skip_low = skip_high = -1
        for mention in self.article.dates:
            in_clause = low <= mention.start < high and not skip_low <= mention.start < skip_high
            if sentence.start_char <= mention.start < sentence.end_char and in_clause and mention.value:
                return EventDate(value=mention.value, text=mention.text, precision=date_precision(mention.value))
        return None

    def code(self) -> list[Event]:
        events: list[Event] = []
        for sentence in self.doc.sents:
            tokens: dict[int, str] = {}  # trigger index -> type, in this sentence
            for token in sentence:
                found = _is_trigger(token)
                said = _said_accusation(token) if found is None else None
                if said is not None:
                    found = ("ACCUSE", None)  # an accusation made by saying: the reporting verb is its trigger
                if found is None:
                    continue
                event_type, mode = found
                if event_type == "AGREE" and self.cues_quote(token):
                    continue  # '"The danger is not passed yet," agreed Polat': agreeing with words, not a deal
                subject, obj = said if said is not None else self.subject_and_object(token)
                # "claimed responsibility for the attack", "... for the bombing that killed 12": the claimer did it
                if (claimer := _responsible(token) or _responsible(_antecedent(subject))) is not None:
                    subject = claimer
                if said is not None and not self.is_party(obj):
                    owner = next((c for c in obj.children if c.dep_ == "poss"), None) if obj is not None else None
                    if not self.is_party(owner):
                        continue  # "said talks failed": a thing, not a party, did wrong
                    obj = owner  # "said Russia's treatment of them amounts to crimes": Russia
                if said is None and event_type in PARTNER_PREPOSITIONS and (_thing(obj) or not self.is_party(obj)):
                    obj = self.partner(token, obj, PARTNER_PREPOSITIONS[event_type]) or obj
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
                named: object = actor1.entity or (actor2 is not None and actor2.entity) or sector_of(actor1.text)
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
                        date=self.date_of(token, sentence, verbal=event_type in VERBAL),
                        status=status,  # type: ignore[arg-type]
                        source=source,
                        trigger=TextSpan(start=token.idx, end=token.idx + len(token.text), text=token.text),
                        sentence=TextSpan(start=sentence.start_char, end=sentence.end_char, text=sentence.text),
                        confidence=0.6 if actor1.entity else 0.4,
                    )
                )
        states = frozenset(e.id for e in self.article.entities if e.type in ("GPE", "ORG") and e.country)
        merged = _merge_repeats(events, states)
        self.carry_narrative_dates(merged)
        for event in merged:
            self.fill_from_article(event)
        return merged

    def carry_narrative_dates(self, events: list[Event]) -> None:
        """ "On Wednesday, Trump levied tariffs ... Canada imposed new tariffs ...": an act told in the sentence
        right after a dated act, with no date of its own, happened in the same time (precision "narrative").
        Statements are left to their saying's date or the article's: what is said is often said now."""
        starts = [sentence.start_char for sentence in self.doc.sents]
        previous = {start: before for before, start in pairwise(starts)}
        dated: dict[int, EventDate] = {}
        for event in events:
            if event.type not in VERBAL and event.date is not None and event.date.precision == "day":
                dated.setdefault(event.sentence.start, event.date)
        for event in events:
            before = previous.get(event.sentence.start)
            if event.date is None and event.type not in VERBAL and before is not None and before in dated:
                event.date = EventDate(value=dated[before].value, text=dated[before].text, precision="narrative")

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
            elif event.type in MATERIAL_CONFLICT and (tied := self.associated_place(event)) is not None:
                event.place, event.place_source = tied.id, "associative"  # "Sudanese troops shelled ..."
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
            # receiving one of where it happened ("a train in Pakistan", "40 others to China"); an unnamed
            # crowd protests where it is ("protests spread across Myanmar")
            crowd = role == "actor1" and not actor.text and event.type == "PROTEST"
            home_first = role == "actor1" and not crowd
            country = (self.home_country() or there) if home_first else (there or self.home_country())
            if country is None:
                continue
            other = event.actor2 if role == "actor1" else None
            if other is not None and other.country == country and event.type in VERBAL:
                continue  # "the minister pledged support for Ukraine": not Ukraine's own minister
            described = bool(actor.text) and (sector_of(actor.text) is not None or event.type in MATERIAL_CONFLICT)
            # "were arrested"; "demonstrators were killed": with no one named, the state's forces
            unnamed_state = (
                role == "actor1"
                and not actor.text
                and (event.type == "COERCE" or (event.type == "ASSAULT" and _protesters(event.actor2)))
            )
            if described or unnamed_state or crowd:
                sector = sector_of(actor.text) if actor.text else "CVL" if crowd else "GOV"
                code = " ".join(part for part in (countries().iso3(country), sector) if part)
                setattr(event, role, Actor(entity=None, text=actor.text, country=country, actor_code=code))

    def partner(self, trigger: Token, obj: Token | None, prepositions: frozenset[str]) -> Token | None:
        """The party named by a partner preposition on the event's object or verb: "signed a deal with
        Rwanda", "requested consultations with the U.S.", "sought aid from China"."""
        heads = [h for h in (obj, _governor(trigger), trigger) if h is not None]
        for head in heads:
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ in prepositions:
                    found = next((g for g in prep.children if g.dep_ == "pobj" and not _when(g)), None)
                    if self.is_party(found):
                        return found
        return None

    def is_party(self, token: Token | None) -> bool:
        """Whether a phrase names a party: an entity, or a described group with a sector or country."""
        actor = self.actor(token)
        return actor is not None and bool(actor.entity or actor.country or sector_of(actor.text or ""))

    def cues_quote(self, token: Token) -> bool:
        """Whether ``token`` is the speech verb that attributes a direct quote."""
        return any(
            quote.kind == "direct"
            and quote.cue_span is not None
            and quote.cue_span.start <= token.idx < quote.cue_span.end
            for quote in self.quotes
        )

    def associated_place(self, event: Event) -> Place | None:
        """The country a demonym of the event's own clause ties it to, nearest the trigger: an event's place
        only when nothing else places it ("Sudanese troops shelled the camp" in a story naming no place). Not
        a demonym outside the clause: "Italian minister X said 40 people were arrested" is not placed in Italy."""
        span = self.doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        clause = list(_host(span[0]).subtree)
        low, high = clause[0].idx, clause[-1].idx + len(clause[-1].text)
        tied = [
            (abs(mention.start - event.trigger.start), place)
            for place in self.places
            for mention in place.associative_mentions
            if low <= mention.start < high
        ]
        return min(tied, key=lambda pair: pair[0])[1] if tied else None

    def dateline_place(self) -> Place | None:
        dateline = (self.article.dateline or "").lower()
        if not dateline:
            return None
        return next((p for p in self.places if p.name.lower() in dateline), None)

    @cached_property
    def home_country_code(self) -> str | None:
        placed = [place for place in self.places if place.country and place.mentions]  # named, not a demonym's
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
        inside = [p for p in self.places if p.country == country and p.mentions]
        local = [p for p in inside if p.kind in LOCAL_KINDS and self.weight(p) >= 2]
        if local:
            return max(local, key=self.weight)
        return next((p for p in inside if p.kind == "country"), None)

"""The quotes stage: who said what, with the cue verb, the channel, and the speaker's entity.

- Direct quotes: text between quotation marks (curly or straight), split around
  the cue (“X,” he said. “Y.”) and running over paragraphs (an opening mark at
  the start of each, one closing mark at the end).
- Partial quotes: quoted words inside a clause ("would grant a “temporary break”").
- Indirect quotes: the clause a reporting verb governs ("Peskov said that ..."),
  "according to X", "accusing Moscow of ...".

Speakers are the subject of the cue verb, resolved to an entity of the article:
names directly; "he"/"she" to the nearest preceding person; "it"/"they" to the
nearest organisation or group; descriptions ("the ministry", "the commander")
to the nearest entity with that word in its name or roles; an indefinite
description ("a US official who wasn't authorized to comment") is an anonymous
speaker (``entity: null``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsledger.model import Entity, Quote, Speaker
from newsledger.model import Span as TextSpan
from newsledger.pipeline import Work

SPEECH_LEMMAS = frozenset(
    [
        "say",
        "tell",
        "add",
        "complain",
        "reaffirm",
        "write",
        "post",
        "state",
        "announce",
        "insist",
        "warn",
        "claim",
        "deny",
        "note",
        "explain",
        "argue",
        "stress",
        "ask",
        "urge",
        "describe",
        "reiterate",
        "declare",
        "confirm",
        "acknowledge",
        "suggest",
        "predict",
        "promise",
        "vow",
        "assess",
        "accuse",
        "charge",
        "allege",
        "remark",
        "recall",
        "report",
        "testify",
        "admit",
        "concede",
        "contend",
        "assert",
        "maintain",
        "emphasize",
        "emphasise",
        "caution",
        "respond",
        "reply",
        "counter",
        "tweet",
        "continue",
        "conclude",
        "observe",
        "believe",
        "think",
        "estimate",
        "indicate",
        "agree",
        "disclose",
        "reveal",
        "signal",
        "announce",
        "quip",
        "chide",
        "criticize",
        "criticise",
        "praise",
        "blame",
    ]
)
CLAUSE_TAKING = SPEECH_LEMMAS - {"praise", "chide", "criticize", "criticise", "blame"}
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
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
_GROUP_PRONOUNS = frozenset({"it", "they", "we"})
_OPEN = {"“": "”", '"': '"'}


@dataclass
class _Mark:
    """Quoted text: content offsets (marks excluded)."""

    start: int
    end: int


def find_quoted(text: str) -> list[_Mark]:
    """Quoted passages, joined across paragraphs that each open with a quotation mark."""
    marks: list[_Mark] = []
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    open_at: int | None = None
    closer = ""
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        # A quote running on from the previous paragraph repeats its opening mark here.
        i = p_start + 1 if open_at is not None else p_start
        while i < p_end:
            ch = text[i]
            if open_at is None and ch in _OPEN and (i == p_start or not text[i - 1].isalnum()):
                open_at, closer = i + 1, _OPEN[ch]
            elif open_at is not None and ch == closer and (ch != '"' or i + 1 >= p_end or not text[i + 1].isalnum()):
                if i > open_at:
                    marks.append(_Mark(open_at, i))
                open_at = None
            i += 1
        if open_at is not None:
            following = paragraphs[p_index + 1][0] if p_index + 1 < len(paragraphs) else None
            if following is None or text[following] != ("“" if closer == "”" else '"'):
                open_at = None  # an unclosed mark: not a quote
    return marks


class _Speakers:
    """Resolves cue subjects to entities of the article."""

    def __init__(self, doc: Doc, entities: list[Entity]) -> None:
        self.doc = doc
        self.entity_at: dict[int, Entity] = {}
        self.mentions: list[tuple[int, Entity]] = []
        for entity in entities:
            for mention in entity.mentions:
                self.mentions.append((mention.start, entity))
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                for token in span or []:
                    self.entity_at[token.i] = entity
        self.mentions.sort(key=lambda pair: pair[0])
        self.starts = [start for start, _ in self.mentions]
        self.last_speaker: tuple[int, Entity] | None = None  # (offset, entity) of the latest resolved speaker
        # Entities that are grammatical subjects, in text order: "he" most often refers back to one.
        self.subjects: list[tuple[int, Entity]] = [
            (token.idx, self.entity_at[token.i])
            for token in doc
            if token.dep_ in ("nsubj", "nsubjpass") and token.i in self.entity_at
        ]

    def _preceding(self, before: int, wanted: set[str], word: str | None = None) -> Entity | None:
        for index in range(bisect_right(self.starts, before) - 1, -1, -1):
            entity = self.mentions[index][1]
            if entity.type not in wanted:
                continue
            if word is None or word in entity.name.lower() or any(word in role.lower() for role in entity.roles):
                return entity
        return None

    def resolve(self, subject: Token) -> tuple[Entity | None, str, Span]:
        """The speaker entity (or None), its name, and the span that names it here."""
        doc = self.doc
        phrase = doc[subject.left_edge.i : subject.right_edge.i + 1]
        # "Putin's adviser, Yuri Ushakov": the apposition names the speaker.
        for child in subject.children:
            if child.dep_ == "appos" and child.i in self.entity_at:
                entity = self.entity_at[child.i]
                return entity, entity.name, doc[child.left_edge.i : child.right_edge.i + 1]
        if subject.i in self.entity_at:
            entity = self.entity_at[subject.i]
            return entity, entity.name, self._name_span(subject)
        lower = subject.lower_
        if subject.pos_ == "PRON":
            wanted = {"PERSON"} if lower in _PERSON_PRONOUNS else {"ORG", "GROUP", "GPE", "NORP"}
            if lower in _PERSON_PRONOUNS or lower in _GROUP_PRONOUNS:
                # "It said" is far more often an organisation than a place.
                entity = (lower in _GROUP_PRONOUNS and self._antecedent(subject.idx, {"ORG", "GROUP"})) or (
                    self._antecedent(subject.idx, wanted)
                )
                if entity is not None:
                    return entity, entity.name, doc[subject.i : subject.i + 1]
            return None, subject.text, doc[subject.i : subject.i + 1]
        determiner = next((c.lower_ for c in subject.children if c.dep_ == "det"), None)
        if determiner == "the" or determiner in ("this", "that"):
            entity = self._preceding(subject.idx - 1, {"PERSON", "ORG", "GROUP", "GPE"}, subject.lemma_.lower())
            if entity is not None:
                return entity, entity.name, phrase
        # An unresolved description: the noun phrase up to its first comma ("a US official who ...").
        end = subject.right_edge.i + 1
        comma = next((t.i for t in doc[subject.i : end] if t.text == ","), None)
        phrase = doc[subject.left_edge.i : comma if comma is not None else end]
        return None, phrase.text, phrase

    def _antecedent(self, offset: int, wanted: set[str]) -> Entity | None:
        """What "he"/"it" refers to: the latest of the last speaker and the last subject entity
        of the right type (within a few sentences), else the nearest mention of that type."""
        window = 600
        options = []
        if self.last_speaker and self.last_speaker[1].type in wanted and offset - self.last_speaker[0] < window:
            options.append(self.last_speaker)
        subject = next((s for s in reversed(self.subjects) if s[0] < offset and s[1].type in wanted), None)
        if subject is not None and offset - subject[0] < window:
            options.append(subject)
        if options:
            return max(options, key=lambda option: option[0])[1]
        return self._preceding(offset - 1, wanted)

    def _name_span(self, token: Token) -> Span:
        entity = self.entity_at[token.i]
        start = token.i
        while start > 0 and self.entity_at.get(start - 1) is entity:
            start -= 1
        end = token.i + 1
        while end < len(self.doc) and self.entity_at.get(end) is entity:
            end += 1
        return self.doc[start:end]


def _subject_of(verb: Token) -> Token | None:
    """The grammatical subject of a cue, climbing from "adding", "saying" to the main verb."""
    token: Token | None = verb
    for _ in range(4):
        if token is None:
            return None
        for child in token.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ != "SCONJ":
                if child.tag_ in ("WP", "WDT") and token.dep_ == "relcl":
                    return token.head  # "Putin, who has said ...": the speaker is Putin
                return child
        if token.dep_ in ("advcl", "xcomp", "conj", "relcl") and token.head is not token:
            token = token.head
        else:
            return None
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


class _Builder:
    def __init__(self, doc: Doc, entities: list[Entity]) -> None:
        self.doc = doc
        self.text = doc.text
        self.speakers = _Speakers(doc, entities)
        self.quotes: list[Quote] = []

    def _quote(self, start: int, end: int, kind: str, cue: Token | None, subject: Token | None,
               inherited: Quote | None = None) -> Quote:  # fmt: skip
        start, end = _strip(self.text, start, end)
        if inherited is not None:
            speaker, cue_text, cue_span, channel = (
                inherited.speaker,
                inherited.cue,
                inherited.cue_span,
                inherited.channel,
            )
        else:
            speaker, cue_text, cue_span, channel = Speaker(), None, None, None
            if subject is not None:
                entity, name, mention = self.speakers.resolve(subject)
                if entity is not None and (
                    self.speakers.last_speaker is None or mention.start_char >= self.speakers.last_speaker[0]
                ):
                    self.speakers.last_speaker = (mention.start_char, entity)
                speaker = Speaker(
                    entity=entity.id if entity else None,
                    name=name,
                    mention=TextSpan(start=mention.start_char, end=mention.end_char, text=mention.text),
                )
            if cue is not None:
                cue_text = cue.text
                cue_span = TextSpan(start=cue.idx, end=cue.idx + len(cue.text), text=cue.text)
                channel = _channel(cue)
        quote = Quote(
            id=f"Q{len(self.quotes) + 1}",
            text=self.text[start:end],
            start=start,
            end=end,
            kind=kind,  # type: ignore[arg-type]
            speaker=speaker,
            cue=cue_text,
            cue_span=cue_span,
            channel=channel,
        )
        self.quotes.append(quote)
        return quote

    def _cue_near(self, sentence: Span, start: int, end: int) -> Token | None:
        """The reporting verb of a quote: outside it, in its sentence, nearest to it."""
        cues = [
            t for t in sentence
            if t.lemma_.lower() in SPEECH_LEMMAS and t.pos_ in ("VERB", "AUX") and not (start <= t.idx < end)
        ]  # fmt: skip
        if not cues:
            return None
        return min(cues, key=lambda t: min(abs(t.idx - start), abs(t.idx - end)))

    def direct(self) -> list[tuple[int, int]]:
        covered: list[tuple[int, int]] = []
        previous: Quote | None = None
        previous_paragraph = -1
        for mark in find_quoted(self.text):
            span = self.doc.char_span(mark.start, mark.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            paragraph = self.text.count("\n\n", 0, mark.start)
            sentences = {t.sent.start: t.sent for t in span} | {span[0].sent.start: span[0].sent}
            sentence = self.doc[min(s.start for s in sentences.values()) : max(s.end for s in sentences.values())]
            before = self.text[sentence.start_char : max(sentence.start_char, mark.start - 1)].strip()
            cue = self._cue_near(sentence, mark.start - 1, mark.end + 1)
            subject = _subject_of(cue) if cue is not None else None
            if cue is None:
                according = _according_to(sentence)
                if according is not None:
                    cue, subject = according
            whole = not before or before.endswith((":", ",")) or before.lower().endswith(("said", "says"))
            kind = "direct" if whole else "partial"
            if (
                cue is None
                and previous is not None
                and paragraph in (previous_paragraph, previous_paragraph + 1)
                and whole
            ):
                quote = self._quote(mark.start, mark.end, kind, None, None, inherited=previous)
            elif cue is None and kind == "partial":
                continue  # scare quotes: no one is quoted
            else:
                quote = self._quote(mark.start, mark.end, kind, cue, subject)
            previous, previous_paragraph = quote, paragraph
            covered.append((mark.start, mark.end))
        return covered

    def indirect(self, covered: list[tuple[int, int]]) -> None:
        for sentence in self.doc.sents:
            according = _according_to(sentence)
            if according is not None:
                word, source = according
                pp = [t.i for t in self.doc[word.i : source.right_edge.i + 1]]
                rest = [t for t in sentence if t.i not in pp and not t.is_punct]
                if rest:
                    start, end = rest[0].idx, rest[-1].idx + len(rest[-1].text)
                    if not _inside(start, end, covered):
                        self._quote(start, end, "indirect", word, source)
            for token in sentence:
                if token.lemma_.lower() not in CLAUSE_TAKING or token.pos_ not in ("VERB", "AUX"):
                    continue
                clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
                if clause is None and token.lemma_ == "accuse":
                    clause = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                if clause is not None:
                    tokens = list(clause.subtree)
                elif (colon := _colon_after(token, sentence)) is not None:
                    # "The ministry wrote: ..." with no quotation marks: the rest of the sentence.
                    tokens = list(self.doc[colon + 1 : sentence.end])
                elif token.dep_ in ("parataxis", "ccomp") and token.i > token.head.i and _subject_of(token) is not None:
                    # "The talks will resume, he said.": the content is the head clause without the cue.
                    own = {t.i for t in token.subtree}
                    tokens = [t for t in token.head.subtree if t.i not in own and t.i < min(own)]
                else:
                    continue
                while tokens and tokens[-1].is_punct:
                    tokens.pop()
                if (clause is not None and clause.lower_ == "of") or (tokens and tokens[0].dep_ == "mark"):
                    tokens = tokens[1:]  # "that ...", "of trying ..."
                if not tokens:
                    continue
                start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
                if _inside(start, end, covered) or len(tokens) < 3:
                    continue
                self._quote(start, end, "indirect", token, _subject_of(token))


def _colon_after(cue: Token, sentence: Span) -> int | None:
    """The index of a colon that closes the cue's own clause ("he said:", "wrote on X:"), if any."""
    for token in cue.doc[cue.i + 1 : min(cue.i + 8, sentence.end - 1)]:
        if token.text == ":":
            return token.i
        if token.is_punct or token.pos_ in ("VERB", "AUX"):
            return None
    return None


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in ' \n“”"‘’,.':
        start += 1
    while end > start and text[end - 1] in ' \n“”"‘’,':
        end -= 1
    return start, end


def _inside(start: int, end: int, covered: list[tuple[int, int]]) -> bool:
    """Whether a clause is mostly a direct quote already found."""
    for q_start, q_end in covered:
        overlap = min(end, q_end) - max(start, q_start)
        if overlap > 0.5 * (end - start):
            return True
    return False


def find_quotes(doc: Doc, entities: list[Entity]) -> list[Quote]:
    """Every quote of a parsed article, in text order."""
    builder = _Builder(doc, entities)
    builder.indirect(builder.direct())
    quotes = sorted(builder.quotes, key=lambda q: (q.start, q.end))
    for number, quote in enumerate(quotes, start=1):
        quote.id = f"Q{number}"
    return quotes


class QuoteStage:
    """Fills ``quotes`` from the shared parse and the article's entities."""

    name = "quotes"

    def __call__(self, batch: list[Work]) -> None:
        for work in batch:
            work.article.quotes = find_quotes(work.doc, work.article.entities)

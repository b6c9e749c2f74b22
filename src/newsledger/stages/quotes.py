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
from newsledger.resolve.mentions import MentionResolver
from newsledger.stage import Work
from newsledger.syntax.speech import SAID_NOUNS, SPEECH_LEMMAS, STATEMENT_NOUNS

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


@dataclass
class _Mark:
    """Quoted text: content offsets (marks excluded)."""

    start: int
    end: int


def _mark_at(text: str, i: int) -> str:
    """The quotation mark starting at ``i``: a curly or straight double quote, or the doubled
    apostrophe some archives (the New York Times) print instead."""
    if text.startswith("''", i):
        return "''"
    return text[i] if text[i] in _OPEN or text[i] == "”" else ""


def find_quoted(text: str) -> list[_Mark]:
    """Quoted passages, joined across paragraphs that each open with a quotation mark."""
    marks: list[_Mark] = []
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    open_at: int | None = None
    opener = closer = ""
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        # A quote running on from the previous paragraph repeats its opening mark here.
        i = p_start + len(opener) if open_at is not None else p_start
        while i < p_end:
            # Jump to the next quotation mark: stepping through every character is slow on long articles.
            found = _ANY_MARK.search(text, i, p_end)
            if found is None:
                break
            i = found.start()
            mark = _mark_at(text, i)
            if open_at is None and mark in _OPEN and (i == p_start or not text[i - 1].isalnum()):
                open_at, opener, closer = i + len(mark), mark, _OPEN[mark]
            elif (
                open_at is not None
                # Typed text sometimes closes a curly opening mark with a straight one.
                and (mark == closer or (closer == "”" and mark == '"'))
                and (mark == "”" or i + len(mark) >= p_end or not text[i + len(mark)].isalnum())
            ):
                if i > open_at:
                    marks.append(_Mark(open_at, i))
                open_at = None
            i += max(len(mark), 1)
        if open_at is not None:
            following = paragraphs[p_index + 1][0] if p_index + 1 < len(paragraphs) else None
            if following is None or not text.startswith(opener, following):
                open_at = None  # an unclosed mark: not a quote
    return marks


def _subject_of(verb: Token) -> Token | None:
    """The grammatical subject of a cue, climbing from "adding", "saying" to the main verb."""
    token: Token | None = verb
    for _ in range(4):
        if token is None:
            return None
        # The subject nearest the verb: in "The museum, Ortiz said, will ..." the parser may give "said" both.
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "SCONJ"]
        if subjects:
            child = min(subjects, key=lambda c: abs(c.i - token.i))
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


class _Builder:
    def __init__(self, doc: Doc, entities: list[Entity]) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text joins every token on each access: read it once
        self.starts = [token.idx for token in doc]
        # Each token's sentence, found once: Token.sent walks the sentence on every call.
        self.sentences = list(doc.sents)
        self.sentence_of = [0] * len(doc)
        for number, sentence in enumerate(self.sentences):
            self.sentence_of[sentence.start : sentence.end] = [number] * len(sentence)
        self.marks = find_quoted(self.text)
        self.speakers = MentionResolver(doc, entities, surnames=True)
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
                if entity is not None:
                    self.speakers.note(mention.start_char, entity)
                if cue is not None:
                    mention = _source_phrase(subject, cue, self.text)
                speaker = Speaker(
                    entity=entity.id if entity else None,
                    name=name,
                    mention=TextSpan(start=mention.start_char, end=mention.end_char, text=mention.text),
                )
            if cue is not None:
                cue_text = cue.text.lstrip("”\"'")  # "”―" when the tokenizer glued the dash to the mark
                cue_start = cue.idx + len(cue.text) - len(cue_text)
                cue_span = TextSpan(start=cue_start, end=cue_start + len(cue_text), text=cue_text)
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

    def _cue_near(self, sentence: Span, start: int, end: int, quoted: Span) -> Token | None:
        """The reporting verb of a quote: outside it, in its sentence, the nearest that governs it, else
        the nearest ("said that “it's up to Russia now” as ... presses Moscow to agree": "said")."""
        # Only in the paragraph where the quote opens or closes: the parser's sentences can run past a line end.
        lines = {_line_of(self.text, start), _line_of(self.text, end)}
        cues = [
            t for t in sentence
            if t.lemma_.lower() in SPEECH_LEMMAS and t.pos_ in ("VERB", "AUX") and not (start <= t.idx < end)
            and _line_of(self.text, t.idx) in lines
        ]  # fmt: skip
        if not cues:
            return None
        governing = {t.i for t in cues} & {a.i for a in quoted.root.ancestors}
        if governing:
            return next(a for a in quoted.root.ancestors if a.i in governing)  # the nearest of them upwards
        return min(cues, key=lambda t: min(abs(t.idx - start), abs(t.idx - end)))

    def _introduced(self, start: int) -> Token | None:
        """The cue of a quote opening a paragraph after one that ends "..., the Times reports:"."""
        line = _line_of(self.text, start)
        previous = self.text[: max(line - 1, 0)].rstrip()
        if self.text[line:start].strip("“\"' ") or not previous.endswith(":"):
            return None
        colon = self.doc.char_span(len(previous) - 1, len(previous))
        if colon is None:
            return None
        before = self.doc[colon[0].sent.start : colon[0].i]
        cues = [t for t in before if t.lemma_.lower() in SPEECH_LEMMAS and t.pos_ == "VERB"]
        return cues[-1] if cues else None

    def labelled(self) -> list[tuple[int, int]]:
        """Statements labelled with their source and a colon: a headline ("Sanders: Clinton needs to ...")
        or a transcript line ("PENCE: Well, look, ...")."""
        found: list[tuple[int, int]] = []
        lines = list(re.finditer(r"[^\n]+", self.text))
        matches = [_LABEL.match(line.group()) for line in lines]
        # A transcript has several turns; a lone capitalised word and a colon is a dateline ("MOSCOW: ...").
        turns = sum(1 for m in matches[1:] if m is not None and m.group(1).isupper())
        for number, (line, match) in enumerate(zip(lines, matches, strict=True)):
            if match is None or not (number == 0 or (match.group(1).isupper() and turns >= 2)):
                continue
            label = self.doc.char_span(
                line.start() + match.start(1), line.start() + match.end(1), alignment_mode="expand"
            )
            colon = self.doc.char_span(line.start() + match.end(1), line.start() + match.end(1) + 1)
            if (
                label is None
                or colon is None
                or ((number or label.text.isupper()) and label.root.ent_type_ in ("GPE", "LOC"))  # a dateline
                or any(t.pos_ in ("VERB", "AUX") for t in label)
                or label.text.lower() in _NOT_SOURCES
            ):
                continue
            start, end = line.start() + match.start(2), line.end()
            self._quote(start, end, "direct" if number else "indirect", colon[0], label.root)
            found.append((start, end))
        return found

    def direct(self, labelled: list[tuple[int, int]]) -> list[tuple[int, int]]:
        covered: list[tuple[int, int]] = list(labelled)
        previous: Quote | None = None
        previous_paragraph = -1
        for mark in self.marks:
            span = self.doc.char_span(mark.start, mark.end, alignment_mode="expand")
            if span is None or not len(span) or any(mark.start < e and s < mark.end for s, e in labelled):
                continue
            paragraph = self.text.count("\n\n", 0, mark.start)
            first, last = self.sentences[self.sentence_of[span.start]], self.sentences[self.sentence_of[span.end - 1]]
            sentence = self.doc[first.start : last.end]
            opens = max(sentence.start_char, _line_of(self.text, mark.start))  # sentences can run past a line end
            before = self.text[opens : max(opens, mark.start - 1)].strip()
            cue, subject = _dash_source(self.doc, self.text, self.starts, mark.end)
            signed = cue is not None
            if cue is None:
                # A cue after the closing mark only for a quote ending its own clause ("know?” Graham asked"),
                # not for words running on ("“up to Russia now” as his administration presses Moscow to agree").
                # Nor for a quote inside a sentence of its own ("saying there are “links ... flows.” He cited ...").
                ends_clause = not before and self.text[mark.start : mark.end].rstrip()[-1:] in _CLAUSE_ENDS
                cue = _cue_after(self.doc, self.starts, mark.end + 1) if ends_clause else None
                cue = cue or self._cue_near(sentence, mark.start - 1, mark.end + 1, span)
                subject = _subject_of(cue) if cue is not None else None
            if cue is None and (introduced := self._introduced(mark.start)) is not None:
                cue, subject = introduced, _subject_of(introduced)
            if cue is None:
                according = _according_to(sentence)
                if according is not None:
                    cue, subject = according
            opening = _first_token(self.doc, self.starts, mark.start - 1)  # the token holding the opening mark
            introduced_by = self.doc[opening - 1] if opening > 0 else None
            whole = (
                signed
                or not before
                or before.endswith((":", ","))
                or before.lower().endswith(("said", "says"))
                # 'saying “I'm guessing ...”': a verb of saying right before the mark opens a whole quote.
                or (
                    introduced_by is not None
                    and introduced_by.lemma_.lower() in _INTRODUCING
                    and introduced_by.pos_ == "VERB"
                    and before.endswith(introduced_by.text)
                )
            )
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
            if kind == "direct":  # a partial quote lies inside a reported clause, which is still wanted
                covered.append((mark.start, mark.end))
        return covered

    def _nominal(self, noun: Token, covered: list[tuple[int, int]]) -> None:
        """A statement named by a noun: "Trump's claim that the vote was rigged", "her criticism of the bank"."""
        clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp") and c.i > noun.i), None)
        if clause is not None and not any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
            clause = None  # "the claim he made": a relative clause, not what was claimed
        if clause is None:
            clause = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "about")), None)
            if clause is None or noun.lemma_.lower() not in ("criticism", "comment", "remark", "warning", "statement"):
                return
        tokens = _trimmed(list(clause.subtree))
        if tokens and (tokens[0].dep_ == "mark" or (tokens[0] is clause and clause.dep_ == "prep")):
            tokens = tokens[1:]
        if len(tokens) < 2 or "\n" in self.text[noun.idx : tokens[-1].idx]:
            return
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        if _inside(start, end, covered):
            return
        # The parser sometimes makes "the Ministry's" the subject of "claim" instead of its possessor.
        owner = next(
            (
                c
                for c in noun.children
                if c.i < noun.i
                and (
                    c.dep_ == "poss"
                    or (c.dep_ == "nsubj" and any(g.dep_ == "case" for g in c.children))
                    # "a Russian claim that ...": a nationality or a name as the adjective names the claimant.
                    or (c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG", "PERSON"))
                )
            ),
            None,
        )
        self._quote(start, end, "indirect", noun, owner)
        covered.append((start, end))

    def indirect(self, covered: list[tuple[int, int]]) -> None:
        # A cue inside quotation marks is the quoted speaker's own "I think", not the article's attribution.
        quoted = [(m.start, m.end) for m in self.marks]
        for sentence in self.sentences:
            according = _according_to(sentence)
            if according is not None:
                word, source = according
                # "X, according to Y, Z" / "According to Y, Z": the statement on either side of the phrase.
                line = _line_of(self.text, word.idx)
                runs = [
                    run
                    for run in (
                        _trimmed([t for t in self.doc[sentence.start : word.i] if _line_of(self.text, t.idx) == line]),
                        _trimmed(
                            [t for t in self.doc[_np_end(source) : sentence.end] if _line_of(self.text, t.idx) == line]
                        ),
                    )
                    if run
                ]
                spans = [(r[0].idx, r[-1].idx + len(r[-1].text)) for r in runs]
                if spans and not any(_inside(*span, covered) for span in spans):
                    for start, end in spans:
                        self._quote(start, end, "indirect", word, source)
            for token in sentence:
                stance = token.lower_ in STANCE_ADJECTIVES and token.dep_ == "acomp"
                if token.pos_ == "NOUN" and token.lemma_.lower() in STATEMENT_NOUNS:
                    self._nominal(token, covered)
                    continue
                if not stance and (token.lemma_.lower() not in ATTRIBUTION_LEMMAS or token.pos_ not in ("VERB", "AUX")):
                    continue
                if any(start <= token.idx < end for start, end in quoted):
                    continue
                line = _line_of(self.text, token.idx)
                fragments = [
                    kept
                    for fragment in (_stance_of(token) if stance else _content_of(token, sentence)) or []
                    if (kept := _undated(_trimmed([t for t in fragment if _line_of(self.text, t.idx) == line])))
                ]  # a statement stays in its cue's paragraph
                if not fragments:
                    continue
                spans = [(f[0].idx, f[-1].idx + len(f[-1].text)) for f in fragments]
                whole = (spans[0][0], spans[-1][1])
                # "chided Russia for what he said was its slow response": "what he said was X" inside another
                # statement is an attribution of its own; the statement around it does not cover it.
                others = [(s, e) for s, e in covered if not s <= token.idx < e] if _says_what_was(token) else covered
                if _inside(*whole, others) or any(_inside(*span, others) for span in spans):
                    continue
                if _hypothetical(token):
                    continue
                subject, passive_source = _subject_of(token.head if stance else token), _agent_of(token)
                if (
                    token.lemma_.lower() in _RELATING_LEMMAS
                    and subject is not None
                    and subject.lemma_.lower() in STATEMENT_NOUNS | SAID_NOUNS
                ):
                    continue
                if passive_source is not None:
                    subject = passive_source
                elif subject is not None and subject.dep_ == "nsubjpass" and subject.lower_ == "it":
                    subject = None  # "it was reported that ...": no source is named
                for start, end in spans:
                    self._quote(start, end, "indirect", token, subject)
                covered.append(whole)


def _stance_of(adjective: Token) -> list[list[Token]] | None:
    """What someone "is convinced that ...", "was critical of ...", "is skeptical about ..."."""
    for child in adjective.children:
        if child.dep_ in ("ccomp", "xcomp") or (child.dep_ == "prep" and child.lower_ in ("of", "about", "that")):
            tokens = list(child.subtree)
            tokens = tokens[1:] if child.dep_ == "prep" or tokens[0].dep_ == "mark" else tokens
            return [tokens] if len(tokens) >= 2 else None
    return None


def _content_of(cue: Token, sentence: Span) -> list[list[Token]] | None:
    """What a cue attributes, as one or two runs of tokens (two when the cue sits inside it:
    "The museum, he said, celebrated ...")."""
    doc = cue.doc
    lemma = cue.lemma_.lower()
    clause = next((c for c in cue.children if c.dep_ == "ccomp"), None)
    if clause is None and lemma in SPEECH_LEMMAS:
        # "said after the convention he would not ...": the parser often makes the clause an advcl.
        clause = next(
            (
                c
                for c in cue.children
                if c.dep_ == "advcl"
                and c.i > cue.i
                and not any(m.dep_ == "mark" for m in c.children)
                # "chided Russia ..., accusing Moscow of ...": a participle that is a cue itself is not what is said.
                and not (c.tag_ == "VBG" and c.lemma_.lower() in ATTRIBUTION_LEMMAS)
            ),
            None,
        )
    if clause is None and lemma == "accuse":
        clause = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    tokens: list[Token]
    if clause is None and cue.dep_ == "csubj" and _is_what_was(cue, cue.head):
        clause = cue.head  # "[what she said] was a slow response": the cue is the subject of "was"
    if clause is not None and _is_what_was(cue, clause):
        # "what he said was its slow response": what was said is the complement of "was".
        clause = next((c for c in clause.children if c.dep_ in ("attr", "acomp", "ccomp") and c.i > clause.i), None)
    if clause is not None:
        tokens = list(clause.subtree)
        if clause.lower_ == "of":
            tokens = tokens[1:]
        subject = _subject_of(cue)
        stray = [c for c in cue.children if c.dep_ == "nsubj" and subject is not None and c.i < subject.i]
        if stray and clause.i > cue.i:
            # "The museum, Ortiz said, will open ...": a second subject before the speaker opens the statement.
            return [_trimmed(list(stray[0].subtree)), _trimmed(tokens)]
    colon = None if clause is not None else _colon_after(cue, sentence)
    if colon is not None:
        # "The ministry wrote: ..." with no quotation marks: the rest of the sentence.
        tokens = list(doc[colon + 1 : sentence.end])
    elif clause is None and (
        (_is_aside(cue) and _subject_of(cue) is not None)
        or (cue.dep_ == "advcl" and any(m.lower_ in ("as", "like") and m.dep_ == "mark" for m in cue.children))
    ):
        # "The talks will resume, he said." / "..., as police have said": the head clause without the cue.
        own = {t.i for t in cue.subtree}
        head = [t for t in cue.head.subtree if t.i not in own]
        before = _trimmed([t for t in head if t.i < min(own)])
        after = _trimmed([t for t in head if t.i > max(own)])
        if cue.dep_ == "advcl" or len(after) < 2:
            after = []
        runs = [run for run in (before, after) if run]
        return runs if sum(len(r) for r in runs) >= 3 else None
    elif clause is None:
        tokens = _complements(cue)
        # One word is enough for a noun ("declared bankruptcy"), not for a pronoun ("criticized him");
        # a name alone ("citing Minister Sergei Lavrov") is who spoke, not what was said.
        if not tokens or (len(tokens) == 1 and tokens[0].pos_ not in ("NOUN", "PROPN")) or _only_a_name(tokens):
            return None
    tokens = _trimmed(tokens)
    if tokens and tokens[0].dep_ == "mark" and tokens[0].lower_ in ("that", "whether", "if"):
        tokens = tokens[1:]  # "that ..."
    if colon is None:
        tokens = _pruned(tokens)
    if clause is not None and len(tokens) < 3:
        return None
    return [tokens] if tokens else None


def _only_a_name(tokens: list[Token]) -> bool:
    """Whether a cue's object is nothing but a person's name and title: "Minister Sergei Lavrov"."""
    words = [t for t in tokens if not t.is_punct]
    return bool(words) and all(t.pos_ == "PROPN" for t in words) and any(t.ent_type_ == "PERSON" for t in words)


def _says_what_was(cue: Token) -> bool:
    """Whether a cue is the "what he said" of "what he said was X"."""
    if not any(c.lower_ == "what" and c.i < cue.i for c in cue.children):
        return False
    if cue.dep_ == "csubj":
        return _is_what_was(cue, cue.head)
    return any(c.dep_ == "ccomp" and _is_what_was(cue, c) for c in cue.children)


def _is_what_was(cue: Token, clause: Token) -> bool:
    """Whether ``clause`` is the "was X" of "what he said was X": a copula with no subject of its own,
    its subject being the "what" the cue governs."""
    return (
        clause.lemma_ == "be"
        and not any(
            c.dep_ in ("nsubj", "nsubjpass", "expl") or (c.dep_ == "csubj" and c != cue) for c in clause.children
        )
        and any(c.tag_ == "WP" and c.i < cue.i for c in cue.children)
    )


def _pruned(tokens: list[Token]) -> list[Token]:
    """A statement without what the writer adds at its end: ", which ..." or ", citing ..." closing it,
    "and suggested that ..." (a statement of its own), "; they ..."."""
    inside = {t.i for t in tokens}
    last = tokens[-1].i if tokens else -1
    cut = len(tokens)
    for position, token in enumerate(tokens):
        if position < 3 or token.head.i not in inside or token.head is token:
            if position >= 3 and token.text == ";":
                cut = min(cut, position)
            continue
        opens = token.left_edge.i - 1
        final = token.right_edge.i >= last and token.doc[opens].text == ","
        if final and (token.dep_ == "relcl" or (token.dep_ in ("advcl", "xcomp", "conj") and token.tag_ == "VBG")):
            cut = min(cut, opens - tokens[0].i)
        elif (
            token.right_edge.i >= last
            and token.dep_ == "advcl"
            and token.doc[opens].tag_ == "''"
            and any(m.dep_ == "mark" and m.lower_ == "as" for m in token.children)
        ):
            # "said that “it's up to Russia now” as his administration presses ...": the quoted words end the
            # statement; an "as" clause after the closing mark is the writer's ("if", "because" are often said).
            cut = min(cut, opens - tokens[0].i)
        elif (
            token.dep_ == "conj"
            and token.lemma_.lower() in ATTRIBUTION_LEMMAS
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
        ):
            # "said X and suggested that Y": the second cue's clause is not part of the first.
            cc = next((c.i for c in token.head.children if c.dep_ == "cc" and c.i < token.i), token.left_edge.i)
            cut = min(cut, cc - tokens[0].i)
    return _trimmed(tokens[:cut]) if cut >= 3 else tokens


def _np_end(token: Token) -> int:
    """Where the noun phrase of ``token`` ends: its subtree, unless a misparse hung a clause on it
    ("according to Limbaugh, the move reeks of fear")."""
    end = token.right_edge.i + 1
    for inner in token.doc[token.i + 1 : end]:
        if inner.dep_ in ("nsubj", "nsubjpass") and inner.tag_ not in ("WP", "WDT"):
            comma = next((t.i for t in token.doc[token.i + 1 : inner.i] if t.text == ","), None)
            return comma if comma is not None else end
    return end


def _is_aside(cue: Token) -> bool:
    """Whether a cue is set into the statement it attributes ("The talks, he said, will resume"), not
    the head of a clause of its own ("officials say they hope that ...")."""
    if cue.dep_ == "parataxis":
        return cue.i > cue.head.i or cue.head.lemma_.lower() not in ATTRIBUTION_LEMMAS
    return (
        cue.dep_ == "ccomp"
        and cue.i > cue.head.i
        and cue.head.lemma_.lower() not in ATTRIBUTION_LEMMAS
        and not any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in cue.children)
    )


def _complements(cue: Token) -> list[Token]:
    """A cue's own object and what completes it: "urged [supporters to vote]", "called [the senator a liar]",
    "called [for a ban]", "cited [his endorsements]"."""
    parts = [child for child in cue.children if child.i > cue.i and _is_content(child, cue)]
    if not parts:
        return []
    # "wrote [a memoir of her time] [at the White House]": the parser hangs the object's own phrases on the verb.
    for child in cue.children:
        if child.i == max(p.right_edge.i for p in parts) + 1 and child.dep_ == "prep" and not _when_or_where(child):
            parts.append(child)
        elif (
            child.dep_ == "advcl"
            and cue.lemma_.lower() in _AS_LEMMAS
            and child.left_edge.lower_ == "as"
            and child.left_edge.i == max(p.right_edge.i for p in parts) + 1
        ):
            parts.append(child)  # "described Trump as “one of the few ...”" parsed as a clause of its own
    first = min(p.left_edge.i for p in parts)
    last = max(p.right_edge.i for p in parts)
    if len(parts) == 1 and parts[0].dep_ == "prep" and parts[0].lower_ in ("for", "on", "to", "with"):
        first += 1  # "called for a ban": the preposition is part of the cue
    return list(cue.doc[first : last + 1])


def _when_or_where(prep: Token) -> bool:
    """ "on Friday", "in Ohio", "in a statement", "to reporters": circumstances of the saying."""
    pobj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)
    return (
        pobj is None
        or pobj.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC")
        or (pobj.lower_ in CHANNEL_NOUNS or pobj.lemma_ in ("reporter", "journalist", "interview", "rally", "speech"))
    )


def _is_content(child: Token, cue: Token) -> bool:
    lemma = cue.lemma_.lower()
    if child.dep_ == "dobj":
        if lemma == "call":
            return _called_something(cue)
        # "told his advisers to ...": the addressee belongs to the request.
        return lemma in NOMINAL_LEMMAS or (lemma in XCOMP_LEMMAS and any(c.dep_ == "xcomp" for c in cue.children))
    if child.dep_ == "xcomp":
        return lemma in XCOMP_LEMMAS
    if child.dep_ == "oprd":
        return lemma in NOMINAL_LEMMAS
    if child.dep_ == "prep" and (
        (child.lower_ in _CONTENT_PREPS and lemma in NOMINAL_LEMMAS) or child.lower_ in _VERB_PREPS.get(lemma, ())
    ):
        pobj = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
        # "announced on Friday", "said in Ohio": when and where, not what.
        return pobj is not None and pobj.ent_type_ not in ("DATE", "TIME", "GPE", "LOC", "FAC")
    return False


def _called_something(cue: Token) -> bool:
    """ "called X a Y" names what X is; "called a meeting" or "called him" attributes nothing."""
    return any(c.dep_ in ("oprd", "xcomp") for c in cue.children)


def _source_phrase(subject: Token, cue: Token, text: str) -> Span:
    """The words that name the source where the cue is: the whole noun phrase with its apposition
    ("Sean Spicer, chief strategist for the RNC"), or the relative pronoun of "who said"."""
    doc = cue.doc
    if cue.dep_ == "relcl" and subject is cue.head:
        pronoun = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WP", "WDT")), None)
        if pronoun is not None:
            return doc[pronoun.i : pronoun.i + 1]
    start, end = subject.left_edge.i, _np_end(subject)
    for child in subject.children:
        # A clause that holds a cue of its own ("an architect who said he was ...") is not part of the name.
        if (
            child.dep_ in ("relcl", "acl")
            and child.i > subject.i
            and (
                child.i == cue.i
                or any(t.lemma_.lower() in ATTRIBUTION_LEMMAS and t.pos_ == "VERB" for t in child.subtree)
            )
        ):
            end = min(end, child.left_edge.i)
    if start <= cue.i < end:
        if subject.i < cue.i:
            end = cue.i
        else:
            start = cue.i + 1
    while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].dep_ in ("cc", "mark", "case")):
        end -= 1
    while start < end - 1 and doc[start].is_punct:
        start += 1
    if end - start > 30:  # a misparse swallowed the sentence: keep the subject's own words
        return doc[subject.i : subject.i + 1]
    # Not past a line end: "03 February 2026\nFollow\n\nRussia says" names Russia only.
    while start < subject.i and "\n" in text[doc[start].idx : subject.idx]:
        start += 1
    while end - 1 > subject.i and "\n" in text[subject.idx : doc[end - 1].idx]:
        end -= 1
    return doc[start:end]


def _agent_of(cue: Token) -> Token | None:
    """The source of a passive cue: "was reported by [the Times]"."""
    agent = next((c for c in cue.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None


def _undated(tokens: list[Token]) -> list[Token]:
    """Without a dateline opening the paragraph ("MOSCOW: Russia would ...", "KYIV — ...")."""
    for position, token in enumerate(tokens[:4]):
        if token.text in (":", "—", "–", "--") and all(t.text.isupper() or t.is_punct for t in tokens[:position]):
            return _trimmed(tokens[position + 1 :]) if position else tokens
    return tokens


def _trimmed(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].dep_ == "cc"):
        tokens = tokens[:-1]
    while tokens and (tokens[0].is_punct or tokens[0].is_space or tokens[0].dep_ == "cc"):
        tokens = tokens[1:]
    return tokens


# "Sanders: Clinton needs to ...", "PENCE: Well, ...": a short capitalised label, a colon, the statement.
_LABEL = re.compile(r"[\"“]?([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,4}): (\S.*)")
# Headline labels that name a kind of article, not a source.
_NOT_SOURCES = frozenset(
    ["update", "analysis", "opinion", "editorial", "breaking", "breaking news", "watch", "video", "photos", "live",
     "exclusive", "review", "commentary", "perspective", "factbox", "explainer", "timeline", "fact check", "correction"]
)  # fmt: skip
_DASHES = frozenset({"―", "—", "–", "--", "-"})


_SIGNATURE = re.compile(r"[”\"']*[ \t\xa0]*(―|—|–|--|-)[ \t\xa0]*(?=[A-Z])")


def _first_token(doc: Doc, starts: list[int], offset: int) -> int:
    """The index of the token holding ``offset``, else of the first one after it (``len(doc)`` if none):
    what ``char_span(offset, len(text), "expand")`` starts with, without building a span to the end."""
    index = bisect_right(starts, offset) - 1
    if index < 0:
        return 0
    return index + 1 if offset >= starts[index] + len(doc[index]) else index


def _dash_source(doc: Doc, text: str, starts: list[int], quote_end: int) -> tuple[Token | None, Token | None]:
    """(dash, name) when a quote is signed with a dash: "“...” ― Jorge Falcon"."""
    match = _SIGNATURE.match(text, quote_end)
    if match is None:
        return None, None
    # The tokenizer may glue the dash to the closing mark ("”―"): take the token that holds it.
    dash = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
    first = _first_token(doc, starts, match.end())
    if dash is None or first >= len(doc) or doc[first].pos_ != "PROPN":
        return None, None
    name = [doc[first]]
    for token in doc[first + 1 : first + 5]:
        if token.pos_ != "PROPN" or "\n" in text[name[-1].idx : token.idx]:
            break
        name.append(token)
    # The head of the name ("Raúl" in "Carlos Raúl"), so the speaker resolves to the whole.
    head = next((t for t in name if t.head not in name or t.head is t), name[-1])
    return dash[0], head


def _cue_after(doc: Doc, starts: list[int], quote_end: int) -> Token | None:
    """The cue right after a quote that ends its own sentence: "“Does anybody know?” Graham asked."."""
    first = _first_token(doc, starts, quote_end)
    for token in doc[first : first + 8]:
        if token.is_space or token.text in (".", "!", "?") or "\n" in token.text:
            return None
        if token.lemma_.lower() in ATTRIBUTION_LEMMAS and token.pos_ == "VERB" and _subject_of(token) is not None:
            return token
    return None


def _colon_after(cue: Token, sentence: Span) -> int | None:
    """The index of a colon that closes the cue's own clause ("he said:", "wrote on X:"), if any."""
    for token in cue.doc[cue.i + 1 : min(cue.i + 8, sentence.end - 1)]:
        if token.text == ":":
            return token.i
        if token.is_punct or token.pos_ in ("VERB", "AUX"):
            return None
    return None


def _line_of(text: str, offset: int) -> int:
    """The offset where the line holding ``offset`` starts."""
    return text.rfind("\n", 0, offset) + 1


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start] in ' \n“”"‘’,.' or text.startswith("''", start)):
        start += 2 if text.startswith("''", start) else 1
    while end > start and (text[end - 1] in ' \n“”"‘’,' or text.startswith("''", end - 2)):
        end -= 2 if text.startswith("''", end - 2) else 1
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
    builder.indirect(builder.direct(builder.labelled()))
    quotes = sorted(builder.quotes, key=lambda q: (q.start, q.end))
    for number, quote in enumerate(quotes, start=1):
        quote.id = f"Q{number}"
    return quotes


class QuoteStage:
    """Fills ``quotes`` from the shared parse and the article's entities."""

    name = "quotes"
    requires = ("doc", "entities")
    assigns = ("quotes",)

    def __call__(self, batch: list[Work]) -> None:
        for work in batch:
            work.article.quotes = find_quotes(work.doc, work.article.entities)

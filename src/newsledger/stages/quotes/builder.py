"""The quote builder: one article's quotes, direct, partial and indirect, with speaker, cue and channel."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from newsledger.model import Entity, Quote, Speaker
from newsledger.model import Span as TextSpan
from newsledger.resolve.mentions import MentionResolver
from newsledger.stages.quotes.content import (
    _agent_of,
    _content_of,
    _np_end,
    _says_what_was,
    _source_phrase,
    _stance_of,
    _trimmed,
    _undated,
)
from newsledger.stages.quotes.cues import _according_to, _channel, _hypothetical, _subject_of
from newsledger.stages.quotes.marks import find_quoted
from newsledger.stages.quotes.signatures import _cue_after, _dash_source, _first_token, _inside, _line_of, _strip
from newsledger.stages.quotes.words import (
    _CLAUSE_ENDS,
    _INTRODUCING,
    _LABEL,
    _NOT_SOURCES,
    _RELATING_LEMMAS,
    ATTRIBUTION_LEMMAS,
    STANCE_ADJECTIVES,
)
from newsledger.syntax.speech import SAID_NOUNS, SPEECH_LEMMAS, STATEMENT_NOUNS


class QuoteBuilder:
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

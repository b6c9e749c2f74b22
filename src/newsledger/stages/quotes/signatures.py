"""Signatures and labels: a dash or a colon naming the source after or before a quote; span helpers."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from newsledger.stages.quotes.cues import _subject_of
from newsledger.stages.quotes.words import _SIGNATURE, ATTRIBUTION_LEMMAS


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

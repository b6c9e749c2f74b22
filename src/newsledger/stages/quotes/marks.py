"""Quotation marks: which spans of a text are quoted, pairing openers with closers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsledger.stages.quotes.words import _ANY_MARK, _OPEN


@dataclass
class QuotedSpan:
    """Quoted text: content offsets (marks excluded)."""

    start: int
    end: int


def _mark_at(text: str, i: int) -> str:
    """The quotation mark starting at ``i``: a curly or straight double quote, or the doubled
    apostrophe some archives (the New York Times) print instead."""
    if text.startswith("''", i):
        return "''"
    return text[i] if text[i] in _OPEN or text[i] == "”" else ""


def find_quoted(text: str) -> list[QuotedSpan]:
    """Quoted passages, joined across paragraphs that each open with a quotation mark."""
    marks: list[QuotedSpan] = []
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
                    marks.append(QuotedSpan(open_at, i))
                open_at = None
            i += max(len(mark), 1)
        if open_at is not None:
            following = paragraphs[p_index + 1][0] if p_index + 1 < len(paragraphs) else None
            if following is None or not text.startswith(opener, following):
                open_at = None  # an unclosed mark: not a quote
    return marks

"""What one input, one article and one parse may cost, in one place.

A hostile or broken input must never take a worker's memory or a batch's time: an article under
the size limit costs at most about 1 GB and 10 s on one core (``newsledger bench --only
adversarial`` measures the worst cases). Longer text is cut into parts or segments rather than
refused, as long as it can still be news.
"""

from __future__ import annotations

import re

# One article's text: spaCy refuses texts over a million characters; no news article is anywhere near this.
MAX_ARTICLE_CHARS = 500_000
# Tokens in one article: parse time and memory grow with tokens, about 10 s per 50,000 on one core.
# A longer text (a transcript, a live blog) is read as consecutive parts of at most this many.
MAX_ARTICLE_TOKENS = 30_000
# Characters per spaCy doc, and per call of the model (see stages/parse.py).
MAX_SEGMENT_CHARS = 20_000
MAX_BATCH_CHARS = 2 * MAX_SEGMENT_CHARS
# Tokens in one sentence: news sentences run to 60 or 80; a longer run is a list, a table or junk.
MAX_SENTENCE_TOKENS = 150

_TOKEN = re.compile(r"\w+|[^\w\s]")
# Where text may be cut, best first: a paragraph break, a line break, a sentence end, a space.
_BREAKS = (re.compile(r"\n\s*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?][\"”’')\]]*\s+"), re.compile(r"\s+"))
_SURROGATE = re.compile("[\ud800-\udfff]")


def estimate_tokens(text: str) -> int:
    """About as many tokens as spaCy's English tokenizer makes of ``text`` (words and punctuation)."""
    return sum(1 for _ in _TOKEN.finditer(text))


def segments(text: str, limit: int = MAX_SEGMENT_CHARS) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` characters that join back into it exactly.

    Each cut falls after the last paragraph break in the second half of the window, else the last
    line break, sentence end or space; a piece with none of these (no news reads so) is cut at the limit.
    """
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = end
        for pattern in _BREAKS:
            last = None
            for last in pattern.finditer(text, start + limit // 2, end):  # noqa: B007
                pass
            if last is not None:
                cut = last.end()
                break
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def parts(text: str, max_tokens: int = MAX_ARTICLE_TOKENS) -> list[str]:
    """``text`` as consecutive parts of at most about ``max_tokens`` tokens each (itself if it is short)."""
    tokens = estimate_tokens(text)
    if tokens <= max_tokens:
        return [text]
    limit = max(1_000, int(len(text) * max_tokens / tokens * 0.9))
    found: list[str] = []
    for piece in segments(text, limit):
        found += parts(piece, max_tokens) if len(piece) > 1_000 and estimate_tokens(piece) > max_tokens else [piece]
    return found


def without_surrogates(text: str) -> str:
    """``text`` with lone surrogate code points (from JSON ``\\ud800`` escapes or undecodable file
    names) replaced by U+FFFD: they cannot be written as UTF-8. One character for one, so offsets hold."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text

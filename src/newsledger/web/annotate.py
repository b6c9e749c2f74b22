"""An article's text cut into runs for the reader, in the manner of displaCy's entity view.

Two kinds of layer: *spans* that may be long and may contain others (quotes, and the passage a link
asked to show), drawn as a background; and *marks* on a few words (entities, places, dates, event
triggers), each a link to its fact. Marks never overlap: where two would, the one of the higher
layer wins (a trigger over a place over an entity over a date). The text is cut at every boundary,
so a run has one set of spans and at most one mark, and the template only escapes and wraps.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

MARK_ORDER = ("trigger", "place", "entity", "date")  # who wins an overlap


@dataclass(frozen=True)
class Mark:
    layer: str  # one of MARK_ORDER
    start: int
    end: int
    href: str | None  # the fact it stands for
    label: str  # what the tooltip says: "PERSON Vladimir Putin (RU)"


@dataclass(frozen=True)
class Span:
    layer: str  # "quote" or "focus"
    start: int
    end: int
    key: str  # the span's identity, so that runs of one quote share it
    label: str = ""
    href: str | None = None


@dataclass
class Run:
    text: str
    start: int
    end: int
    spans: list[Span] = field(default_factory=list)
    mark: Mark | None = None
    opens: list[Span] = field(default_factory=list)  # spans starting here: their label goes first


def _valid(start: int, end: int, length: int) -> bool:
    return 0 <= start < end <= length


def choose_marks(marks: Iterable[Mark], length: int) -> list[Mark]:
    """Non-overlapping marks, higher layers first, then longer ones."""
    ranked = sorted(
        (mark for mark in marks if _valid(mark.start, mark.end, length)),
        key=lambda m: (MARK_ORDER.index(m.layer), -(m.end - m.start), m.start),
    )
    taken: list[Mark] = []
    for mark in ranked:
        if all(mark.end <= other.start or mark.start >= other.end for other in taken):
            taken.append(mark)
    return sorted(taken, key=lambda m: m.start)


def runs(text: str, marks: Iterable[Mark], spans: Iterable[Span]) -> list[Run]:
    """The text as runs, each with the spans covering it and the mark it belongs to."""
    length = len(text)
    chosen = choose_marks(marks, length)
    kept = [span for span in spans if _valid(span.start, span.end, length)]
    cuts = {0, length}
    for chosen_mark in chosen:
        cuts.update((chosen_mark.start, chosen_mark.end))
    for span in kept:
        cuts.update((span.start, span.end))
    points = sorted(cuts)
    result: list[Run] = []
    mark_index = 0
    for start, end in pairwise(points):
        while mark_index < len(chosen) and chosen[mark_index].end <= start:
            mark_index += 1
        mark = chosen[mark_index] if mark_index < len(chosen) and chosen[mark_index].start <= start else None
        covering = [span for span in kept if span.start <= start and end <= span.end]
        opens = [span for span in covering if span.start == start]
        result.append(Run(text[start:end], start, end, covering, mark, opens))
    return result


def paragraph_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (between blank lines or line breaks) holding the span, to show a sentence in place."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    return left, len(text) if right == -1 else right

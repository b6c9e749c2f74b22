"""Office holders named by their office: "the Russian president", "Britain's prime minister", "the
president of Ukraine" are whoever held that office on the article's date (``ActorDictionary.holder``).

Only a definite, singular description of a country's office counts: "the U.S. secretary of state", not
"a president", "former presidents", "the deputy prime minister" or "the president of the club". A bare
"the president" says no country: the entities stage takes the dateline's.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsledger.lexicon import Countries, offices

# Words before an office that make someone else its holder, or no one in particular.
NOT_THE_HOLDER = frozenset(
    {
        "former",
        "ex",
        "late",
        "then",
        "future",
        "next",
        "incoming",
        "acting",
        "interim",
        "deputy",
        "vice",
        "first",
        "elected",
        "elect",
        "would-be",
        "previous",
        "past",
        "founding",
        "honorary",
        "assistant",
        "another",
        "every",
    }
)


@dataclass(frozen=True)
class OfficeMention:
    span: Span  # "Russian President", "prime minister of Britain" (no determiner)
    office: str
    country: str | None  # None: not said (a bare "the president")


def _office_of(token: Token) -> tuple[str, int, int] | None:
    """(office, first, end token index) when ``token`` heads the name of an office: "prime [minister]",
    "[secretary] of state"."""
    table = offices()
    doc = token.doc
    best = (table[token.lower_], token.i, token.i + 1) if token.lower_ in table else None
    start = token.i
    # "prime minister", "foreign minister": extend leftwards over the words of the office's name
    for child in sorted((c for c in token.children if c.i < token.i and c.dep_ in ("compound", "amod")), reverse=True):
        if child.i != start - 1:
            break
        start = child.i
        phrase = doc[start : token.i + 1].text.lower()
        if phrase in table:
            best = (table[phrase], start, token.i + 1)
    tail = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    object_ = next((g for g in tail.children if g.dep_ == "pobj"), None) if tail is not None else None
    if object_ is not None:
        phrase = doc[(best[1] if best else token.i) : object_.i + 1].text.lower()
        for form in (phrase, phrase.removesuffix("s")):
            if form in table:
                best = (table[form], best[1] if best else token.i, object_.i + 1)
    return best


def _country_of(modifier: Token, table: Countries) -> str | None:
    phrase = modifier.doc[modifier.left_edge.i : modifier.i + 1].text
    phrase = phrase.removesuffix("'s").removesuffix("’s").removesuffix("'")
    found = table.named(phrase) or table.governed_from(phrase)
    return found.iso2 if found else None


def office_mentions(doc: Doc, table: Countries, taken: set[int]) -> Iterator[OfficeMention]:
    """The definite descriptions of an office in ``doc`` whose tokens no entity holds (``taken``)."""
    for token in doc:
        if token.tag_ not in ("NN", "NNP") or token.i in taken:
            continue
        found = _office_of(token)
        if found is None:
            continue
        office, first, end = found
        if token.dep_ == "compound" or any(c.dep_ in ("appos", "compound") and c.i in taken for c in token.children):
            continue  # "President Putin", "the president, Vladimir Putin": the name is there
        if any(c.lower_.strip(".-") in NOT_THE_HOLDER for c in token.subtree if c.i < token.i):
            continue
        modifiers = [c for c in token.children if c.i < first]
        determiner = next((c for c in modifiers if c.dep_ == "det"), None)
        named = [c for c in modifiers if c.dep_ in ("amod", "compound", "nmod", "poss")]
        if not any(c.dep_ == "poss" for c in named) and (determiner is None or determiner.lower_ != "the"):
            continue  # "a president", "presidents", "President said" (a headline's title)
        said = [_country_of(m, table) for m in named]
        if None in said:
            continue  # "the club president", "the company's president"
        country = said[-1] if said else None
        tail = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of" and c.i >= end), None)
        object_ = next((g for g in tail.children if g.dep_ == "pobj"), None) if tail is not None else None
        if object_ is not None:
            place = table.named(doc[object_.left_edge.i : object_.i + 1].text)
            if place is None or (country and place.iso2 != country):
                continue  # "the president of the company"
            country, end = place.iso2, object_.i + 1
        span = doc[min([first, *(m.left_edge.i for m in named)]) : end]
        if not any(t.i in taken for t in span):
            yield OfficeMention(span=span, office=office, country=country)

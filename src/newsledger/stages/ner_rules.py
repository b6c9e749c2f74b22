"""Rules placed around spaCy's statistical NER, from the lexicon and the gazetteer.

After the NER, an entity ruler adds what it missed and the lexicon knows:
countries and their aliases (GPE), demonyms (NORP), capitals (GPE), seats of
government ("the Kremlin", ORG) and the actor dictionary's names. Then a
repair component fixes what small statistical models get wrong on news:

- countries and capitals the lexicon knows but the NER labelled otherwise ("Kyiv" as PERSON);
- possessives and determiners inside spans ("The Russian Defense Ministry’s");
- a surname labelled ORG/GPE where the full name is a PERSON ("Witkoff's");
- toponyms labelled PERSON/ORG/PRODUCT ("Kyiv", "Sumy", "Kursk"), relabelled
  when the gazetteer knows the name and the context is locative ("the Kursk
  region", "the town of Sudzha") or the same name is a place elsewhere in the
  article;
- toponyms it missed, found the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsledger.lexicon import countries, default_actors, name_key
from newsledger.syntax.place_nouns import nouns_with

# Words after a name that make it a place ("the Kursk region"), and nouns before "of X" that make X a
# place ("the town of Sudzha"): data/place_nouns.tsv.
PLACE_NOUNS = nouns_with("place-after")
PLACE_OF = nouns_with("place-of")
LOCATIVE_PREPOSITIONS = frozenset(
    ["in", "near", "at", "into", "outside", "around", "across", "toward", "towards", "from", "to", "inside"]
)
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "maj",
        "lt",
        "col",
        "sgt",
        "capt",
        "adm",
        "cmdr",
        "brig",
        "president",
        "premier",
        "minister",
        "sen",
        "rep",
        "gov",
        "king",
        "queen",
        "prince",
        "princess",
        "sheikh",
        "pope",
        "general",
        "lieutenant",
        "colonel",
        "major",
        "captain",
        "admiral",
        "sir",
        "dame",
    ]
)
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
MISLABELLED = frozenset({"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "NORP", "EVENT", "LAW"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


def ruler_patterns() -> list[dict[str, str]]:
    """Phrase patterns for the entity ruler, from countries and the actor dictionary."""
    patterns: list[dict[str, str]] = []

    def add(label: str, phrase: str, ident: str) -> None:
        phrase = phrase.removeprefix("the ").removeprefix("The ")
        if phrase:
            patterns.append({"label": label, "pattern": phrase, "id": ident})

    table = countries()
    for country in table.by_iso2.values():
        for name in (country.name, *country.aliases):
            add("GPE", name, country.iso2)
        for demonym in country.demonyms:
            add("NORP", demonym, country.iso2)
        if country.capital:
            add("GPE", country.capital, country.iso2)
        for seat in country.seats:
            add("ORG", seat, country.iso2)
    for alias, actor in default_actors().names():
        add("PERSON" if actor.type == "PERSON" else "ORG", alias, actor.name)
    return patterns


@cache
def _place_test() -> Callable[[str], bool]:
    """Whether a name is a known place (country lexicon, then the gazetteer)."""
    from newsledger.gazetteer import get_gazetteer

    gazetteer = get_gazetteer()
    table = countries()
    return lambda text: bool(table.named(text) or table.by_capital.get(name_key(text)) or gazetteer.is_name(text))


def _trim(span: Span) -> Span | None:
    """Drop a leading determiner and a trailing possessive from an entity span."""
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and span.doc[end - 1].text in _POSSESSIVE:
        end -= 1
    if start >= end:
        return None
    return Span(span.doc, start, end, label=span.label_, kb_id=span.kb_id_)


def _locative(doc: Doc, start: int, end: int) -> bool:
    """Whether the context of doc[start:end] says it is a place."""
    after = doc[end] if end < len(doc) else None
    if after is not None and after.lower_ in PLACE_NOUNS:
        return True
    before = doc[start - 1] if start > 0 else None
    if before is not None and before.lower_ == "of" and start > 1 and doc[start - 2].lower_ in PLACE_OF:
        return True
    return before is not None and before.lower_ in LOCATIVE_PREPOSITIONS


def _strip_titles(span: Span) -> list[str]:
    words = [token.text for token in span]
    while words and name_key(words[0]) in TITLES:
        words.pop(0)
    return words


def repair(doc: Doc, is_place: Callable[[str], bool]) -> Doc:
    """Apply the post-NER rules to ``doc.ents`` (see the module docstring)."""
    table = countries()
    actors = default_actors()
    spans = [trimmed for span in doc.ents if (trimmed := _trim(span)) is not None]
    full_names = [_strip_titles(s) for s in spans if s.label_ == "PERSON"]
    surnames = {words[-1] for words in full_names if len(words) >= 2}
    place_texts = {s.text for s in spans if s.label_ in PLACE_LABELS}

    repaired: list[Span] = []
    for span in spans:
        label, text = span.label_, span.text
        if label in ("GPE", "NORP", "PERSON", "ORG") and table.by_demonym.get(name_key(text)):
            label = "NORP"  # "Ukrainian" tagged GPE
        elif label != "PERSON" and text in surnames:
            label = "PERSON"  # "Witkoff's talks" tagged ORG
        elif (
            label in MISLABELLED | {"GPE"}
            and len(span) == 1
            and actors.get(text) is None
            and not (table.named(text) or table.governed_from(text))
            and actors.by_surname(text) is not None
            and (label != "GPE" or not is_place(text))
        ):
            label = "PERSON"  # "Gerasimov" tagged ORG: the one person of the actor dictionary so named
        elif (
            label in MISLABELLED
            and actors.get(text) is None
            and (table.named(text) or table.by_capital.get(name_key(text)))
        ):
            label = "GPE"  # "Kyiv" tagged PERSON: the lexicon is certain
        elif (
            label in MISLABELLED
            and text not in surnames
            and actors.get(text) is None
            and (text in place_texts or _locative(doc, span.start, span.end) or table.named(text))
            and is_place(text)
        ):
            label = "GPE"
        repaired.append(Span(doc, span.start, span.end, label=label, kb_id=span.kb_id_))

    # Toponyms the NER missed: a proper noun the gazetteer knows, in a locative context.
    taken = {i for span in repaired for i in range(span.start, span.end)}
    for token in doc:
        if (
            token.i not in taken
            and token.pos_ == "PROPN"
            and token.is_title
            and len(token.text) > 2
            and (token.text in place_texts or _locative(doc, token.i, token.i + 1))
            and token.text not in surnames
            and is_place(token.text)
        ):
            repaired.append(Span(doc, token.i, token.i + 1, label="GPE"))
    doc.ents = sorted(repaired, key=lambda span: span.start)
    return doc


@Language.component("newsledger_ner_repair")
def ner_repair(doc: Doc) -> Doc:
    return repair(doc, _place_test())


def install(nlp: Language) -> None:
    """Add the entity ruler before the NER and the repair component after it."""
    if "ner" not in nlp.pipe_names:
        return
    # After the NER, so its wider spans ("the Russian Defense Ministry") win over the lexicon's
    # ("Russian"); the repair below fixes the NER's labels where the lexicon is certain.
    ruler = nlp.add_pipe("entity_ruler", name="newsledger_ruler", after="ner", config={"overwrite_ents": False})
    ruler.add_patterns(ruler_patterns())  # type: ignore[attr-defined]
    nlp.add_pipe("newsledger_ner_repair", after="newsledger_ruler")

"""What newsledger knows before reading: countries, a default actor dictionary, the event lexicon.

``data/countries.tsv`` maps country names, aliases, demonyms, capitals and seats
of government ("the Kremlin") to ISO 3166-1 codes. ``data/actors.tsv`` is the
default actor dictionary, as event coders keep for CAMEO/PLOVER: well-known
people, organisations and armed groups with country and sector. Users add
their own lists (CSV or YAML with the same columns); theirs override ours.
"""

from __future__ import annotations

import csv
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path

ACTORS_ENV = "NEWSLEDGER_ACTORS"


def name_key(name: str) -> str:
    """A lookup key: case, accents, apostrophes, periods and a leading "the" do not matter."""
    text = unicodedata.normalize("NFKD", name.replace("’", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"(?<=\w)\.(?=\w|$)|\.(?=\s)", "", text)  # U.S. -> us, Gen. -> gen
    text = re.sub(r"[^\w']+", " ", text).strip()
    return re.sub(r"^the ", "", text)


@dataclass(frozen=True)
class Country:
    iso2: str
    iso3: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str
    seats: tuple[str, ...]


@dataclass(frozen=True)
class Actor:
    """An entry of an actor dictionary."""

    name: str
    type: str  # PERSON, ORG or GROUP
    country: str | None
    sector: str | None
    role: str | None = None
    aliases: tuple[str, ...] = field(default=())


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split("|") if part.strip())


def _tsv(name: str) -> Iterator[dict[str, str]]:
    text = (files("newsledger") / "data" / name).read_text(encoding="utf-8")
    yield from csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)


class Countries:
    """Country lookups by name, alias, demonym, capital and seat of government."""

    def __init__(self, rows: Iterable[Country]) -> None:
        self.by_iso2: dict[str, Country] = {}
        self.by_name: dict[str, Country] = {}
        self.by_demonym: dict[str, Country] = {}
        self.by_capital: dict[str, Country] = {}
        self.by_seat: dict[str, Country] = {}
        for country in rows:
            self.by_iso2[country.iso2] = country
            for alias in (country.name, *country.aliases):
                self.by_name.setdefault(name_key(alias), country)
            for demonym in country.demonyms:
                self.by_demonym.setdefault(name_key(demonym), country)
            if country.capital:
                self.by_capital.setdefault(name_key(country.capital), country)
            for seat in country.seats:
                self.by_seat.setdefault(name_key(seat), country)

    def named(self, text: str) -> Country | None:
        """The country a name, alias or demonym denotes ("U.S.", "Ukrainian")."""
        key = name_key(text)
        return self.by_name.get(key) or self.by_demonym.get(key)

    def governed_from(self, text: str) -> Country | None:
        """The country whose government a capital or seat names ("Moscow", "the Kremlin")."""
        key = name_key(text)
        return self.by_seat.get(key) or self.by_capital.get(key)

    def mentioned_in(self, text: str) -> Country | None:
        """The first country a phrase mentions by any of its names ("Ukraine's top commander")."""
        words = re.findall(r"[\w.’'-]+", text)
        for size in (4, 3, 2, 1):
            for start in range(len(words) - size + 1):
                phrase = " ".join(words[start : start + size])
                if not phrase[0].isupper():
                    continue  # names are capitalised: "let us" is not the US
                phrase = re.sub(r"['’]s?$", "", phrase)
                found = self.named(phrase) or self.governed_from(phrase)
                if found:
                    return found
        return None

    def iso3(self, iso2: str | None) -> str | None:
        country = self.by_iso2.get(iso2 or "")
        return country.iso3 if country else None


@cache
def countries() -> Countries:
    return Countries(
        Country(
            iso2=row["iso2"],
            iso3=row["iso3"],
            name=row["name"],
            aliases=_split(row["aliases"]),
            demonyms=_split(row["demonyms"]),
            capital=row["capital"] or "",
            seats=_split(row["seats"]),
        )
        for row in _tsv("countries.tsv")
    )


class ActorDictionary:
    """Actors by every name and alias; later entries override earlier ones."""

    def __init__(self, actors: Iterable[Actor] = ()) -> None:
        self.by_key: dict[str, Actor] = {}
        self._surnames: dict[str, set[Actor]] | None = None  # built on first use
        self.add(actors)

    def add(self, actors: Iterable[Actor]) -> None:
        self._surnames = None
        for actor in actors:
            for alias in (actor.name, *actor.aliases):
                self.by_key[name_key(alias)] = actor

    def get(self, name: str) -> Actor | None:
        return self.by_key.get(name_key(name))

    def by_surname(self, surname: str) -> Actor | None:
        """The one person of the dictionary with this surname ("Waltz"), or None when none or several."""
        if self._surnames is None:
            found: dict[str, set[Actor]] = {}
            for alias, actor in self.names():
                words = alias.split()
                if actor.type == "PERSON" and len(words) >= 2:
                    found.setdefault(name_key(words[-1]), set()).add(actor)
            self._surnames = found
        actors = self._surnames.get(name_key(surname), set())
        return next(iter(actors)) if len(actors) == 1 else None

    def __len__(self) -> int:
        return len(self.by_key)

    def names(self) -> Iterator[tuple[str, Actor]]:
        for actor in set(self.by_key.values()):
            for alias in (actor.name, *actor.aliases):
                yield alias, actor


def _actor_from_row(row: dict[str, object]) -> Actor:
    def text(key: str) -> str | None:
        value = row.get(key)
        if isinstance(value, list):
            return "|".join(map(str, value))
        return str(value).strip() if value not in (None, "") else None

    name = text("name")
    if not name:
        raise ValueError("an actor without a name")
    kind = (text("type") or "ORG").upper()
    if kind not in ("PERSON", "ORG", "GROUP"):
        raise ValueError(f"{name}: type {kind!r} is not PERSON, ORG or GROUP")
    country = (text("country") or "").upper() or None
    return Actor(
        name=name,
        type=kind,
        country=country,
        sector=(text("sector") or "").upper() or None,
        role=text("role"),
        aliases=_split(text("aliases")),
    )


def read_actor_file(path: Path) -> list[Actor]:
    """A user's actor list: CSV/TSV with a header, or YAML (a list of mappings)."""
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml

        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        rows = data.get("actors", []) if isinstance(data, dict) else data
    else:
        text = path.read_text(encoding="utf-8-sig")
        delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
        rows = list(csv.DictReader(text.splitlines(), delimiter=delimiter))
    return [_actor_from_row(row) for row in rows]


@cache
def default_actors() -> ActorDictionary:
    return ActorDictionary(_actor_from_row(row) for row in _tsv("actors.tsv"))  # type: ignore[arg-type]


def actor_dictionary(extra: Iterable[Path] = ()) -> ActorDictionary:
    """The default actors, overridden by files named in ``extra`` and ``$NEWSLEDGER_ACTORS``."""
    paths = [*extra, *(Path(p) for p in os.environ.get(ACTORS_ENV, "").split(os.pathsep) if p)]
    if not paths:
        return default_actors()
    dictionary = ActorDictionary(default_actors().by_key.values())
    for path in paths:
        dictionary.add(read_actor_file(path))
    return dictionary


EventCode = tuple[str, str | None]  # (PLOVER type, mode)


@dataclass(frozen=True)
class EventLexicon:
    """Which words report which PLOVER event: ``data/event_lexicon.tsv``, plus the user's file."""

    verbs: dict[str, EventCode]
    nouns: dict[str, EventCode]
    verb_objects: dict[tuple[str, str], EventCode]
    # (noun, preposition) -> code: an event named by a noun and the party its phrase names ("the arrest of
    # five people", "support for Ukraine", "talks in Doha"), with no light verb needed.
    noun_frames: dict[tuple[str, str], EventCode] = field(default_factory=dict)
    # (verb, particle) -> code: a phrasal verb whose particle makes the event ("turned the offer down" rejects,
    # "backed down" concedes), whatever its object.
    verb_particles: dict[tuple[str, str], EventCode] = field(default_factory=dict)


def _event_rows(text: str, source: str) -> Iterator[tuple[str, str, str, EventCode]]:
    """(kind, lemma, object, (type, mode)) rows of an event lexicon file; comment lines start with #."""
    from typing import get_args

    from newsledger.model import EventType

    types = set(get_args(EventType))
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    for number, row in enumerate(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE), start=2):
        kind, lemma = (row.get("kind") or "").strip(), (row.get("lemma") or "").strip().lower()
        event_type, mode = (row.get("type") or "").strip().upper(), (row.get("mode") or "").strip() or None
        if kind not in ("verb", "noun", "verb+object", "noun+prep", "verb+particle") or not lemma:
            raise ValueError(
                f"{source}: row {number}: kind must be one of verb, noun, verb+object, noun+prep, "
                "verb+particle; and a lemma"
            )
        if kind in ("verb+object", "noun+prep", "verb+particle") and not (row.get("object") or "").strip():
            raise ValueError(
                f"{source}: row {number}: a {kind} row needs its object (the object, preposition or particle)"
            )
        if event_type not in types:
            raise ValueError(f"{source}: row {number}: {event_type!r} is not a PLOVER event type")
        yield kind, lemma, (row.get("object") or "").strip().lower(), (event_type, mode)


@cache
def event_lexicon() -> EventLexicon:
    """The bundled event lexicon, with the rows of ``$NEWSLEDGER_EVENT_LEXICON`` added or overriding."""
    lexicon = EventLexicon({}, {}, {})
    sources = [("event_lexicon.tsv", (files("newsledger") / "data" / "event_lexicon.tsv").read_text(encoding="utf-8"))]
    extra = os.environ.get("NEWSLEDGER_EVENT_LEXICON")
    if extra:
        sources.append((extra, Path(extra).read_text(encoding="utf-8")))
    for source, text in sources:
        for kind, lemma, object_lemma, code in _event_rows(text, source):
            if kind == "verb":
                lexicon.verbs[lemma] = code
            elif kind == "noun":
                lexicon.nouns[lemma] = code
            elif kind == "noun+prep":
                lexicon.noun_frames[(lemma, object_lemma)] = code
            elif kind == "verb+particle":
                lexicon.verb_particles[(lemma, object_lemma)] = code
            else:
                lexicon.verb_objects[(lemma, object_lemma)] = code
    return lexicon

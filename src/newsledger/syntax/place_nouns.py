"""The nouns that say a name beside them is a place, read from ``data/place_nouns.tsv``.

The entity rules ask whether a name is a place ("the Kursk region", "the town of Sudzha"); the
geocoder asks which unit it is (the oblast or the city of Kursk). Both read this one table, so a
place noun is one row. A user's file (``$NEWSLEDGER_PLACE_NOUNS``) adds rows or, for a noun it
repeats, replaces the bundled row.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from newsledger.rules import read_table

UNITS = frozenset({"admin1", "admin2", "city", "-"})
ROLES = frozenset({"place-after", "place-of", "unit-after", "unit-of"})


@dataclass(frozen=True)
class PlaceNoun:
    noun: str
    unit: str | None  # admin1, admin2, city, or None
    roles: frozenset[str]


@cache
def place_nouns() -> dict[str, PlaceNoun]:
    """Noun -> its row, the user's rows over the bundled ones."""
    bundled, user = read_table("place_nouns.tsv", "NEWSLEDGER_PLACE_NOUNS", ("noun", "unit", "roles"))
    table: dict[str, PlaceNoun] = {}
    for row in [*bundled, *user]:
        noun, unit = row.get("noun").lower(), row.get("unit")
        roles = frozenset(r.strip() for r in row.get("roles").split("|") if r.strip())
        if not noun or unit not in UNITS or not roles or not roles <= ROLES:
            raise row.error(
                f"needs a noun, a unit among {', '.join(sorted(UNITS))} and roles among "
                f"{', '.join(sorted(ROLES))} (| between them)"
            )
        if unit == "-" and roles & {"unit-after", "unit-of"}:
            raise row.error(f"{noun!r} picks a unit (unit-after, unit-of) but names none: give admin1, admin2 or city")
        table[noun] = PlaceNoun(noun, None if unit == "-" else unit, roles)
    return table


def nouns_with(role: str, unit: str | None = None) -> frozenset[str]:
    """The nouns with this role (and this unit, if given)."""
    return frozenset(n.noun for n in place_nouns().values() if role in n.roles and (unit is None or n.unit == unit))

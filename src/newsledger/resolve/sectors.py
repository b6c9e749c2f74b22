"""The CAMEO-style sector ("GOV", "MIL", "REB" ...) a role, title or group name points to.

The patterns are ``data/sectors.tsv``; a user's rows (``$NEWSLEDGER_SECTORS``)
are tried before the bundled ones, so they win.
"""

from __future__ import annotations

import re
from functools import cache

from newsledger.rules import read_table

SECTORS = frozenset({"REB", "MIL", "SPY", "COP", "LEG", "JUD", "MED", "NGO", "IGO", "GOV", "OPP", "BUS", "CVL", "EDU"})


@cache
def sector_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    bundled, user = read_table("sectors.tsv", "NEWSLEDGER_SECTORS", ("sector", "pattern"))
    patterns = []
    for row in [*user, *bundled]:
        sector, words = row.get("sector").upper(), row.get("pattern")
        if sector not in SECTORS or not words:
            raise row.error(f"needs a sector among {', '.join(sorted(SECTORS))} and a pattern")
        try:
            patterns.append((sector, re.compile(rf"\b(?:{words})\b", re.I)))
        except re.error as error:
            raise row.error(f"the pattern is not a regular expression: {error}") from None
    return tuple(patterns)


def sector_of(text: str) -> str | None:
    """The sector a role or organisation name points to (the first pattern that matches), or None."""
    for sector, pattern in sector_patterns():
        if pattern.search(text):
            return sector
    return None

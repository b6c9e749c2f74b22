"""The CLI's filters from a URL's parameters: the same names (``?actor=Putin&since=2025-03``), checked by
:func:`newsledger.store.query.build_filters`, so a page and the command line agree on what a value means."""

from __future__ import annotations

from collections.abc import Mapping

from newsledger.store.query import Filters, QueryError, build_filters, country_code

# Which filters each list takes, as the CLI's commands do (see commands/queries.py); every list also takes ?raw=1.
LIST_FILTERS: dict[str, tuple[str, ...]] = {
    "events": ("actor", "country", "type", "status", "since", "until", "place", "near", "radius", "story", "search",
               "limit"),
    "quotes": ("actor", "country", "type", "since", "until", "place", "near", "radius", "story", "search", "limit"),
    "entities": ("actor", "country", "type", "since", "until", "story", "search", "limit"),
    "places": ("country", "since", "until", "place", "near", "radius", "story", "search", "limit"),
    "stories": ("actor", "country", "since", "until", "story", "search", "limit"),
    "timeline": ("actor", "country", "type", "status", "since", "until", "limit"),
}  # fmt: skip
MAX_LIMIT = 10_000  # a page of rows, not a dump: `newsledger export` is for all of it (or limit=0)


def filters_from(params: Mapping[str, str], allowed: tuple[str, ...]) -> Filters:
    """Filters from URL parameters; empty values (an untouched form field) are no filter.

    Raises :class:`QueryError` with a one-line reason for a value that cannot be used.
    """
    given = {name: params.get(name, "").strip() or None for name in allowed}
    radius = _number(given.pop("radius", None), "radius", float)
    limit = _number(given.pop("limit", None), "limit", int)
    if limit is not None and not 0 <= limit <= MAX_LIMIT:
        raise QueryError(
            f"limit wants a count of rows up to {MAX_LIMIT:,} (0: all, as on the command line), not {limit}"
        )
    country = given.get("country")
    if country:
        country_code(country)  # an unknown country is a bad request, not an empty page
    # ?raw=1: the machine's output, without the analysts' corrections (as --raw on the command line).
    raw = params.get("raw", "").strip().lower() in ("1", "true", "yes", "on")
    return build_filters(**given, radius=radius, limit=100 if limit is None else int(limit), raw=raw)


def _number(value: str | None, name: str, kind: type[int] | type[float]) -> int | float | None:
    if value is None:
        return None
    try:
        number = kind(value)
    except ValueError:
        raise QueryError(f"{name} wants a number, not {value!r}") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise QueryError(f"{name} wants a finite number, not {value!r}")
    return number


def query_string(params: Mapping[str, str], allowed: tuple[str, ...]) -> dict[str, str]:
    """The filters that are set, for the form's fields and the JSON link."""
    return {name: params[name] for name in allowed if params.get(name, "").strip()}

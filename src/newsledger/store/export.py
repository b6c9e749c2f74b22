"""Writing the store, or a query of it, as files: JSON Lines, CSV, Parquet, GeoJSON, PLOVER."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import Connection, literal_column, select

from newsledger.store.query import (
    Filters,
    events_query,
    find_entities,
    find_places,
    find_quotes,
    find_stories,
    merged_into,
)
from newsledger.store.schema import articles, event_mentions, events
from newsledger.store.writer import unpack_ledger

TABLES = ("events", "quotes", "entities", "places", "stories", "articles")
FORMATS = ("jsonl", "csv", "parquet", "geojson", "plover")


class ExportError(ValueError):
    pass


def rows_of(conn: Connection, table: str, f: Filters) -> list[dict[str, Any]]:
    """The rows of one table under the filters, events with the articles that report them."""
    if table == "events":
        rows = [
            dict(row._mapping)
            for row in conn.execute(_limited(events_query(conn, f).order_by(literal_column("day"), events.c.id), f))
        ]
        sources = _reports(conn, [row["id"] for row in rows], raw=f.raw)
        for row in rows:
            reports = sources.get(row["id"], [])
            row["articles"] = [article for article, _ in reports]
            row["report_ids"] = [report for _, report in reports]  # what `review split` names
        return rows
    finders = {"quotes": find_quotes, "entities": find_entities, "places": find_places, "stories": find_stories}
    if table in finders:
        return finders[table](conn, f)
    raise ExportError(f"no table {table}: choose one of {', '.join(TABLES)}")


def _limited(query: Any, f: Filters) -> Any:
    return query.limit(f.limit) if f.limit else query


def _reports(conn: Connection, event_ids: list[int], raw: bool = False) -> dict[int, list[tuple[str, int]]]:
    """(article id, report id) of each report of each event, with those of the events a reviewer merged into it."""
    found: dict[int, list[tuple[str, int]]] = {}
    one_with: dict[int, int] = {}
    if not raw:
        for start in range(0, len(event_ids), 900):
            one_with.update(merged_into(conn, "event", event_ids[start : start + 900]))
    event_ids = [*event_ids, *one_with]
    for start in range(0, len(event_ids), 900):
        query = (
            select(event_mentions.c.event_id, articles.c.article_id, event_mentions.c.id)
            .join(articles, articles.c.id == event_mentions.c.article_id)
            .where(event_mentions.c.event_id.in_(event_ids[start : start + 900]))
            .order_by(articles.c.id)
        )
        for event_id, article_id, report_id in conn.execute(query):
            found.setdefault(one_with.get(event_id, event_id), []).append((article_id, report_id))
    return found


def ledger_articles(conn: Connection, f: Filters) -> Iterator[dict[str, Any]]:
    """Stored articles exactly as the contract has them (what `newsledger extract` printed)."""
    query = select(articles.c.ledger, articles.c.text).order_by(articles.c.id)
    if f.since:
        query = query.where(articles.c.day >= f.since)
    if f.until:
        query = query.where(articles.c.day <= f.until)
    if f.search:
        from newsledger.store.query import matching_articles

        query = query.where(articles.c.id.in_(matching_articles(conn, f.search)))
    if f.story:
        from newsledger.store.query import matching_stories

        query = query.where(articles.c.story_id.in_(matching_stories(conn, f.story)))
    for packed, text in conn.execution_options(yield_per=500).execute(_limited(query, f)):
        yield unpack_ledger(packed, text)


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection"):
# "=HYPERLINK(...)" in a headline or "=cmd|..." in a quote must open as text, not run.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_safe(value: str) -> str:
    """``value`` as a cell that opens as text: a leading apostrophe before a would-be formula.

    The apostrophe is what spreadsheets themselves use to mark a cell as text, and it is shown
    only in the edit bar. Numbers are left alone: they are written as numbers, never as strings.
    """
    return "'" + value if value.lstrip(" ").startswith(_FORMULA_STARTS) else value


def csv_cell(value: Any) -> Any:
    """One value as a CSV cell: lists and dicts as JSON text, text made spreadsheet-safe."""
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False, default=str)
    return spreadsheet_safe(value) if isinstance(value, str) else value


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    return {key: csv_cell(value) for key, value in row.items()}


def write_jsonl(rows: Any, out: IO[str]) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        count += 1
    return count


def write_csv(rows: list[dict[str, Any]], out: IO[str], columns: list[str] | None = None) -> int:
    """Rows as CSV, every text cell spreadsheet-safe; the header only when there are no rows."""
    if not rows and not columns:
        return 0
    writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else list(columns or []), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(_flat(row) for row in rows)
    return len(rows)


def write_parquet(rows: list[dict[str, Any]], out: IO[bytes]) -> int:
    table = pa.Table.from_pylist(rows) if rows else pa.table({})
    pq.write_table(table, out)
    return len(rows)


def write_geojson(rows: list[dict[str, Any]], out: IO[str]) -> int:
    """A FeatureCollection of the rows that have coordinates (events at their place, places)."""
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
            "properties": {key: value for key, value in row.items() if key not in ("lat", "lon")},
        }
        for row in rows
        if row.get("lat") is not None and row.get("lon") is not None
    ]
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False, default=str)
    out.write("\n")
    return len(features)


def _plover_actor(name: str | None, code: str | None, country: str | None) -> dict[str, Any]:
    """POLECAT splits an actor code "RUS GOV" into country and sector."""
    parts = (code or "").split()
    from newsledger.lexicon import countries

    return {
        "actorText": name,
        "code": parts[0] if parts else countries().iso3(country),
        "sector": " ".join(parts[1:]) or None,
        "country": country,
    }


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    """One event as a PLOVER/POLECAT JSON record (the gold-standard files' field names)."""
    record: dict[str, Any] = {
        "id": f"newsledger-{row['id']}",
        "date": row["day"],
        "event": row["type"],
        "mode": row["mode"],
        "status": row["status"],
        "source": [_plover_actor(row["actor1"], row["actor1_code"], row["actor1_country"])],
        "target": [_plover_actor(row["actor2"], row["actor2_code"], row["actor2_country"])] if row["actor2"] else [],
        "geolocation": None,
        "reports": row["reports"],
        "sources": row["sources"],
        "articles": row.get("articles", []),
        "story_id": row["story_id"],
        "coder": "newsledger",
    }
    if row["place"] is not None:
        record["geolocation"] = {
            "placeName": row["place"],
            "countryCode": row["place_country"],
            "lat": row["lat"],
            "lon": row["lon"],
            "geonamesID": row["geonameid"],
        }
    return record


def export(conn: Connection, fmt: str, table: str | None, f: Filters, out: IO[bytes]) -> int:
    """Write one export to a binary stream; returns the number of records."""
    if fmt not in FORMATS:
        raise ExportError(f"no format {fmt}: choose one of {', '.join(FORMATS)}")
    if fmt == "plover" and table not in (None, "events"):
        raise ExportError("plover exports events only")
    if fmt == "geojson" and table not in (None, "events", "places"):
        raise ExportError("geojson exports events or places")
    if table == "articles" and fmt != "jsonl":
        raise ExportError("articles export as jsonl (the contract's article objects)")
    table = table or ("articles" if fmt == "jsonl" else "events")
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        if table == "articles":
            return write_jsonl(ledger_articles(conn, f), text)
        rows = rows_of(conn, table, f)
        if fmt == "jsonl":
            return write_jsonl(rows, text)
        if fmt == "csv":
            return write_csv(rows, text)
        if fmt == "geojson":
            return write_geojson(rows, text)
        if fmt == "plover":
            return write_jsonl((plover_record(row) for row in rows), text)
        text.flush()
        return write_parquet(rows, out)
    finally:
        text.detach()

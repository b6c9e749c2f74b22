"""The Parquet dataset a cluster run writes, and reading it back.

Layout (Hive-style, partitioned by publication day, so DuckDB, pandas, pyarrow and Spark read it as is)::

    DIR/_newsledger.json                          contract version, partitions done, counts
    DIR/articles/day=2025-03-13/part-00007.parquet   one row per article: its whole ledger as JSON (lossless)
    DIR/events/day=.../part-00007.parquet            one row per event, flat
    DIR/quotes/day=.../part-00007.parquet            one row per quote, flat
    DIR/places/day=.../part-00007.parquet            one row per place, flat
    DIR/skipped/part-00007.parquet                   inputs or records not read, with the reason

Each partition's files are named by the partition's number and written through a temporary name, so
a partition that is run again (its worker was killed) replaces its own files and the dataset holds
every article exactly once. Articles with no publication day go under ``day=unknown``.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newsledger.model import CONTRACT_VERSION, Article
from newsledger.readers import Skipped

MARKER = "_newsledger.json"
TABLES = ("articles", "events", "quotes", "places")
NO_DAY = "unknown"

_STR = pa.string()
_F64 = pa.float64()
_I64 = pa.int64()
SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [
            ("article_id", _STR),
            ("source", _STR),
            ("url", _STR),
            ("headline", _STR),
            ("published", _STR),
            ("language", _STR),
            ("events", _I64),
            ("quotes", _I64),
            ("places", _I64),
            ("ledger", _STR),  # the contract's article object, JSON: every field, losslessly
        ]
    ),
    "events": pa.schema(
        [
            ("article_id", _STR),
            ("event_id", _STR),
            ("type", _STR),
            ("mode", _STR),
            ("actor1", _STR),
            ("actor1_country", _STR),
            ("actor1_code", _STR),
            ("actor2", _STR),
            ("actor2_country", _STR),
            ("actor2_code", _STR),
            ("place", _STR),
            ("place_country", _STR),
            ("lat", _F64),
            ("lon", _F64),
            ("date", _STR),
            ("status", _STR),
            ("claimed_by", _STR),
            ("trigger", _STR),
            ("trigger_start", _I64),
            ("trigger_end", _I64),
            ("sentence_start", _I64),
            ("sentence_end", _I64),
            ("sentence", _STR),
        ]
    ),
    "quotes": pa.schema(
        [
            ("article_id", _STR),
            ("quote_id", _STR),
            ("kind", _STR),
            ("speaker", _STR),
            ("speaker_entity", _STR),
            ("cue", _STR),
            ("channel", _STR),
            ("text", _STR),
            ("start", _I64),
            ("end", _I64),
        ]
    ),
    "places": pa.schema(
        [
            ("article_id", _STR),
            ("place_id", _STR),
            ("name", _STR),
            ("kind", _STR),
            ("country", _STR),
            ("admin1", _STR),
            ("lat", _F64),
            ("lon", _F64),
            ("geonameid", _I64),
            ("mentions", _I64),
        ]
    ),
    "skipped": pa.schema([("input", _STR), ("reason", _STR)]),
}


def day_of(article: Article) -> str:
    published = article.published or ""
    return published[:10] if len(published) >= 10 and published[4] == "-" and published[7] == "-" else NO_DAY


def flat_rows(article: Article) -> dict[str, list[dict[str, Any]]]:
    """The article as one row of ``articles`` and its rows of ``events``, ``quotes``, ``places``."""
    places = {place.id: place for place in article.places}
    names = {entity.id: entity.name for entity in article.entities}
    rows: dict[str, list[dict[str, Any]]] = {
        "articles": [
            {
                "article_id": article.id,
                "source": article.source,
                "url": article.url,
                "headline": article.headline,
                "published": article.published,
                "language": article.language,
                "events": len(article.events),
                "quotes": len(article.quotes),
                "places": len(article.places),
                "ledger": json.dumps(article.ledger_dict(), ensure_ascii=False),
            }
        ],
        "events": [],
        "quotes": [],
        "places": [],
    }
    for event in article.events:
        place = places.get(event.place) if event.place else None
        rows["events"].append(
            {
                "article_id": article.id,
                "event_id": event.id,
                "type": event.type,
                "mode": event.mode,
                "actor1": event.actor1.text,
                "actor1_country": event.actor1.country,
                "actor1_code": event.actor1.actor_code,
                "actor2": event.actor2.text if event.actor2 else None,
                "actor2_country": event.actor2.country if event.actor2 else None,
                "actor2_code": event.actor2.actor_code if event.actor2 else None,
                "place": place.name if place else None,
                "place_country": place.country if place else None,
                "lat": place.lat if place else None,
                "lon": place.lon if place else None,
                "date": event.date.value if event.date else None,
                "status": event.status,
                "claimed_by": names.get(event.source, event.source) if event.source else None,
                "trigger": event.trigger.text,
                "trigger_start": event.trigger.start,
                "trigger_end": event.trigger.end,
                "sentence_start": event.sentence.start,
                "sentence_end": event.sentence.end,
                "sentence": article.text[event.sentence.start : event.sentence.end].strip(),
            }
        )
    for quote in article.quotes:
        rows["quotes"].append(
            {
                "article_id": article.id,
                "quote_id": quote.id,
                "kind": quote.kind,
                "speaker": quote.speaker.name,
                "speaker_entity": names.get(quote.speaker.entity or ""),
                "cue": quote.cue,
                "channel": quote.channel,
                "text": quote.text,
                "start": quote.start,
                "end": quote.end,
            }
        )
    for place in article.places:
        rows["places"].append(
            {
                "article_id": article.id,
                "place_id": place.id,
                "name": place.name,
                "kind": place.kind,
                "country": place.country,
                "admin1": place.admin1,
                "lat": place.lat,
                "lon": place.lon,
                "geonameid": place.geonameid,
                "mentions": len(place.mentions),
            }
        )
    return rows


def _write_table(path: Path, name: str, rows: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[name]), partial)
    os.replace(partial, path)  # atomic: a rerun of the partition replaces, never doubles


def write_partition(output: Path, index: int, items: Iterable[Article | Skipped]) -> dict[str, int]:
    """Write one partition's articles (grouped by day) and skips; returns its counts."""
    by_day: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: {name: [] for name in TABLES})
    skipped: list[dict[str, Any]] = []
    for item in items:
        if isinstance(item, Skipped):
            skipped.append({"input": item.name, "reason": item.reason})
            continue
        tables = by_day[day_of(item)]
        for name, rows in flat_rows(item).items():
            tables[name].extend(rows)
    part = f"part-{index:05d}.parquet"
    counts = {"articles": 0, "events": 0, "quotes": 0, "places": 0, "skipped": len(skipped)}
    for day, tables in sorted(by_day.items()):
        for name in TABLES:
            if tables[name] or name == "articles":
                _write_table(output / name / f"day={day}" / part, name, tables[name])
            counts[name] += len(tables[name])
    _write_table(output / "skipped" / part, "skipped", skipped)
    return counts


def write_marker(output: Path, partitions: int, counts: dict[str, int]) -> None:
    marker = {"newsledger": CONTRACT_VERSION, "partitions": partitions, **counts}
    (output / MARKER).write_text(json.dumps(marker, indent=1) + "\n", encoding="utf-8")


def is_dataset(path: str | Path) -> bool:
    return (Path(path) / MARKER).is_file()


def read_dataset(path: str | Path) -> Iterator[Article]:
    """Every article of a dataset, day by day (oldest first), then in input order within a day."""
    root = Path(path) / "articles"

    def order(file: Path) -> tuple[str, str]:
        day = file.parent.name.removeprefix("day=")
        return ("9999" if day == NO_DAY else day, file.name)

    for file in sorted(root.glob("day=*/part-*.parquet"), key=order):
        for ledger in pq.read_table(file, columns=["ledger"]).column("ledger").to_pylist():
            yield Article.model_validate_json(ledger)


LEDGER_KEYS = {"id", "source", "text", "entities", "places", "events", "quotes"}


def is_ledger_lines(path: str | Path) -> bool:
    """Whether a file is JSON Lines of extracted ledgers (``extract --format jsonl``, ``export --format jsonl``)."""
    path = Path(path)
    if not path.is_file() or not path.name.removesuffix(".gz").endswith((".jsonl", ".ndjson")):
        return False
    try:
        with _open_text(path) as handle:
            for line in handle:
                if line.strip():
                    record = json.loads(line)
                    return isinstance(record, dict) and record.keys() >= LEDGER_KEYS
    except (OSError, EOFError, ValueError, RecursionError):
        return False
    return False


def read_ledger_lines(path: str | Path) -> Iterator[Article | Skipped]:
    """The articles of a ledger JSON Lines file, as extracted; a line that is not one is a skip."""
    from pydantic import ValidationError

    with _open_text(Path(path)) as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield Article.model_validate_json(line)
            except (ValidationError, ValueError, RecursionError) as error:
                first = str(error).splitlines()[0][:200]
                yield Skipped(f"{path}:{number}", f"not a newsledger article ({first})")


def _open_text(path: Path) -> Any:
    import gzip

    if path.name.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8", errors="replace")
    return open(path, encoding="utf-8", errors="replace")


def read_extracted(paths: list[str]) -> Iterator[Article | Skipped]:
    """Articles already extracted: datasets (folders with ``_newsledger.json``) and ledger JSON Lines files."""
    for path in paths:
        if is_dataset(path):
            yield from read_dataset(path)
        elif is_ledger_lines(path):
            yield from read_ledger_lines(path)
        else:
            yield Skipped(path, "not a newsledger dataset or ledger JSON Lines file")


def all_extracted(paths: list[str]) -> bool:
    """Whether every input is already extracted (so ``ingest`` loads instead of extracting)."""
    return bool(paths) and all(is_dataset(path) or is_ledger_lines(path) for path in paths)

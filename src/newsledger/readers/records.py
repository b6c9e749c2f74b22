"""JSON Lines and JSON records with the field names news feeds and scrapers use."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from newsledger.limits import without_surrogates
from newsledger.model import Article
from newsledger.readers.cleanup import article_id, normalise_timestamp, split_dateline

_TITLE = ("headline", "title", "name")
_TEXT = ("text", "body", "content", "article", "maintext", "articleBody", "story", "full_text")
_PUBLISHED = (
    "published",
    "date",
    "published_at",
    "publish_date",
    "pubdate",
    "datePublished",
    "date_publish",
    "timestamp",
)
_UPDATED = ("updated", "modified", "updated_at", "dateModified", "date_modify")
_URL = ("url", "link", "canonical_url", "href")
_ID = ("id", "guid", "uuid", "article_id", "doc_id")
_SUMMARY = ("summary", "description", "standfirst", "lede", "abstract")
_AUTHOR = ("author", "authors", "byline")


class RecordError(ValueError):
    """A record without article text; the message says which fields were looked for."""


def _first(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = record.get(name)
        if value not in (None, "", []):
            return value
    return None


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(item.get("name", item)) if isinstance(item, dict) else str(item) for item in value]
    return [str(value)]


def record_to_article(record: dict[str, Any], source: str) -> Article:
    """One article from a record; raises :class:`RecordError` when it has no text."""
    body = _first(record, _TEXT)
    if not isinstance(body, str) or not body.strip():
        raise RecordError(f"no article text (looked for {', '.join(_TEXT)})")
    dateline, text = split_dateline(body.strip())
    headline = _first(record, _TITLE)
    url = _first(record, _URL)
    identifier = _first(record, _ID)
    return Article(
        id=str(identifier) if identifier is not None else article_id(url or source, headline, text),
        source=source,
        url=str(url) if url is not None else None,
        headline=str(headline).strip() if headline is not None else None,
        published=normalise_timestamp(_first(record, _PUBLISHED)),
        updated=normalise_timestamp(_first(record, _UPDATED)),
        dateline=dateline,
        byline=_strings(_first(record, _AUTHOR)),
        summary=_strings(_first(record, _SUMMARY)),
        captions=_strings(record.get("captions")),
        text=text,
    )


def iter_json_lines(lines: Iterable[str], source: str, first_line: int = 1) -> Iterator[Article | RecordError]:
    """Stream records one line at a time; a bad line yields an error, not an exception.
    ``first_line`` is the number of the first line given (a range of a larger file starts later)."""
    for number, line in enumerate(lines, start=first_line):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield RecordError(f"{where}: not JSON ({error.msg})")
            continue
        except RecursionError:
            yield RecordError(f"{where}: JSON nested too deeply")
            continue
        except ValueError as error:  # e.g. an integer of more digits than Python converts
            yield RecordError(f"{where}: not JSON ({error})")
            continue
        if not isinstance(record, dict):
            yield RecordError(f"{where}: a JSON {type(record).__name__}, not an object")
            continue
        yield _article_or_error(record, where)


def _without_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return without_surrogates(value)
    if isinstance(value, list):
        return [_without_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {_without_surrogates(key): _without_surrogates(item) for key, item in value.items()}
    return value


def _article_or_error(record: dict[str, Any], where: str) -> Article | RecordError:
    """One record's article, or why it has none: no odd value in one record stops the file."""
    try:
        try:
            return record_to_article(record, where)
        except UnicodeEncodeError:
            # Lone surrogates from "\\ud800" escapes cannot be hashed or written as UTF-8.
            return record_to_article(_without_surrogates(record), where)
    except RecordError as error:
        return RecordError(f"{where}: {error}")
    except RecursionError:
        return RecordError(f"{where}: record nested too deeply")
    except Exception as error:
        return RecordError(f"{where}: bad record ({type(error).__name__}: {error})")


def iter_json_document(text: str, source: str) -> Iterator[Article | RecordError]:
    """A ``.json`` file: one record, a list of records, or ``{"articles": [...]}``."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        # Many ".json" exports are really JSON Lines.
        yield from iter_json_lines(text.splitlines(), source)
        return
    except RecursionError:
        yield RecordError(f"{source}: JSON nested too deeply")
        return
    except ValueError as error:
        yield RecordError(f"{source}: not JSON ({error})")
        return
    if isinstance(data, dict):
        data = data.get("articles", data.get("items", data.get("records", [data])))
    if not isinstance(data, list):
        yield RecordError(f"{source}: JSON holds no records")
        return
    for number, record in enumerate(data):
        where = f"{source}#{number}"
        if not isinstance(record, dict):
            yield RecordError(f"{where}: not a JSON object")
            continue
        yield _article_or_error(record, where)

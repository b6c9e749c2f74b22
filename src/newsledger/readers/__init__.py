"""Readers: turn files, folders, globs and standard input into :class:`Article` objects.

Formats are told apart by name and, failing that, by content: HTML pages
(:mod:`.html`), JSON Lines and JSON records (:mod:`.records`), and plain-text
page dumps (:mod:`.textdump`). Bad inputs come out as :class:`Skipped` items
with a one-line reason, so a batch goes on past them.
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from newsledger.limits import MAX_ARTICLE_CHARS, parts, without_surrogates
from newsledger.model import Article
from newsledger.readers.cleanup import guess_language
from newsledger.readers.html import read_html
from newsledger.readers.records import RecordError, iter_json_document, iter_json_lines
from newsledger.readers.sources import Input, ReadError, expand, read_page, sniff
from newsledger.readers.textdump import read_text_dump

__all__ = [
    "MAX_ARTICLE_CHARS",
    "Article",
    "Input",
    "ReadError",
    "Skipped",
    "failure",
    "read_inputs",
    "read_json_lines",
    "read_string",
    "skip_summary",
]


# A skip reason is one line of at most this many characters, whatever the exception said.
_MAX_REASON = 300
_LOCATION = re.compile(r"^\S*?[:#]\d+: ")  # "feed.jsonl:12: " before a record's own reason
_KIND_END = re.compile(r" \(|[:;,]")


@dataclass(frozen=True)
class Skipped:
    """An input (or one record or article of it) that was not read, and why."""

    name: str
    reason: str

    def __post_init__(self) -> None:
        reason = " ".join(without_surrogates(self.reason).split())
        if len(reason) > _MAX_REASON:
            reason = reason[: _MAX_REASON - 1] + "…"
        object.__setattr__(self, "reason", reason)

    @property
    def kind(self) -> str:
        """The reason without its particulars ("not JSON", "empty input"), for counting skips."""
        reason = _LOCATION.sub("", self.reason, count=1)
        return _KIND_END.split(reason, maxsplit=1)[0].strip() or "unreadable"

    def __str__(self) -> str:
        return f"{self.name}: {self.reason}"


def skip_summary(skipped: list[Skipped], shown: int = 10) -> str:
    """Skips counted by kind, most common first, then the first names: "3 not JSON, 1 empty input: a, b"."""
    kinds = Counter(item.kind for item in skipped)
    counts = ", ".join(f"{count} {kind}" for kind, count in kinds.most_common())
    names = ", ".join(item.name for item in skipped[:shown]) + (", ..." if len(skipped) > shown else "")
    return f"{counts}: {names}"


def failure(error: BaseException) -> str:
    """An unexpected exception as the particulars of a skip reason."""
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def _format_of(source: Input, head: bytes) -> str:
    if source.suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if source.suffix == ".json":
        return "json"
    if source.suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if source.suffix in (".txt", ".text"):
        return "text"
    return _format_of_content(head.decode("utf-8", errors="ignore"))


def _format_of_content(text: str) -> str:
    start = text.lstrip()[:2000].lower()
    if start.startswith("{"):
        return "jsonl"
    if start.startswith("["):
        return "json"
    if start.startswith("<") and any(tag in start for tag in ("<html", "<body", "<p", "<div", "<head", "<!doctype")):
        return "html"
    return "text"


_STRING_FIELDS = ("id", "source", "url", "headline", "published", "updated", "dateline", "text")
_LIST_FIELDS = ("byline", "summary", "captions")


def _scrubbed(article: Article) -> Article:
    """The article with no lone surrogate in any field (they cannot be written out as UTF-8)."""
    changes: dict[str, object] = {}
    for name in _STRING_FIELDS:
        value = getattr(article, name)
        if value is not None and (clean := without_surrogates(value)) is not value:
            changes[name] = clean
    for name in _LIST_FIELDS:
        values = getattr(article, name)
        cleaned = [without_surrogates(value) for value in values]
        if any(a is not b for a, b in zip(cleaned, values, strict=True)):
            changes[name] = cleaned
    return article.model_copy(update=changes) if changes else article


# News prose is about 78% letters (the VOA corpus: 0.78 at least); a results table, 40% or more.
# Text below this is punctuation, numbers or symbols that only cost a parse.
_MIN_LETTER_SHARE = 0.25


def _is_prose(text: str) -> bool:
    sample = text[:20_000] if len(text) <= 40_000 else text[:10_000] + text[len(text) // 2 :][:10_000]
    return sum(character.isalpha() for character in sample) >= _MIN_LETTER_SHARE * len(sample)


def _checked(article: Article) -> Iterator[Article | Skipped]:
    """The article as the pipeline takes it: in bounds, English, and in consecutive parts when it is
    longer than one article's token budget (a transcript, a live blog) rather than refused."""
    if len(article.text) > MAX_ARTICLE_CHARS:
        yield Skipped(
            article.source, f"article text too long ({len(article.text):,} characters; at most {MAX_ARTICLE_CHARS:,})"
        )
        return
    article = _scrubbed(article)
    if not _is_prose(article.text):
        yield Skipped(article.source, "not prose (mostly punctuation, digits or symbols); no news to read")
        return
    language = guess_language(article.text)
    if language not in (None, "en"):
        yield Skipped(article.source, f"not English ({language}); newsledger reads English news")
        return
    article.language = language or "en"
    pieces = parts(article.text)
    if len(pieces) == 1:
        yield article
        return
    for number, piece in enumerate(pieces, start=1):
        text = piece.strip()
        if not text:
            continue
        first = number == 1
        yield article.model_copy(
            update={
                "id": f"{article.id}-part{number}",
                "text": text,
                "dateline": article.dateline if first else None,
                "summary": article.summary if first else [],
                "captions": article.captions if first else [],
            }
        )


def _read_content(text: str, name: str, fmt: str) -> Iterator[Article | Skipped]:
    if fmt == "html":
        yield from _checked(read_html(text, name))
        return
    items = iter_json_document(text, name) if fmt in ("json", "jsonl") else read_text_dump(text, name)
    found = False
    for item in items:
        found = True
        if isinstance(item, RecordError):
            yield Skipped(name, str(item))
        else:
            yield from _checked(item)
    if not found:
        raise ReadError("no article found (no paragraph of prose)")


def _read_one(source: Input) -> Iterator[Article | Skipped]:
    try:
        stream = io.BufferedReader(source.open(), buffer_size=64 * 1024)  # type: ignore[type-var]
        with stream:
            head = stream.peek(64 * 1024)[: 64 * 1024]
            sniff(head)
            fmt = _format_of(source, head)
            if fmt == "jsonl":
                # Streamed line by line: a file of any size never sits in memory at once.
                lines = io.TextIOWrapper(stream, encoding="utf-8", errors="replace")
                found = False
                for item in iter_json_lines(lines, source.name):
                    found = True
                    if isinstance(item, RecordError):
                        yield Skipped(source.name, str(item))
                    else:
                        yield from _checked(item)
                if not found:
                    raise ReadError("no records in this JSON Lines file")
                return
            text = read_page(stream)
        yield from _read_content(text, source.name, fmt)
    except ReadError as error:
        yield Skipped(source.name, str(error))
    except (zlib.error, gzip.BadGzipFile) as error:
        yield Skipped(source.name, f"corrupt compressed data ({error})")
    except (OSError, EOFError) as error:
        yield Skipped(source.name, f"cannot read: {error}")
    except RecursionError:
        yield Skipped(source.name, "nested too deeply to read")
    except Exception as error:  # whatever else one input does, the batch goes on without it
        yield Skipped(source.name, f"could not be read ({failure(error)})")


def read_inputs(paths: list[str]) -> Iterator[Article | Skipped]:
    """Every article in the named inputs, in order, with a :class:`Skipped` for each bad one."""
    for path in paths:
        try:
            sources = list(expand([path]))
        except ReadError as error:
            yield Skipped(path, str(error).removeprefix(f"{path}: "))
            continue
        except OSError as error:
            yield Skipped(path, f"cannot read: {error}")
            continue
        for source in sources:
            yield from _read_one(source)


def read_json_lines(lines: Iterable[str], name: str, first_line: int = 1) -> Iterator[Article | Skipped]:
    """Articles from JSON Lines already open (a byte range of a larger file, say), checked as files are."""
    try:
        for item in iter_json_lines(lines, name, first_line):
            if isinstance(item, RecordError):
                yield Skipped(name, str(item))
            else:
                yield from _checked(item)
    except (zlib.error, gzip.BadGzipFile) as error:
        yield Skipped(name, f"corrupt compressed data ({error})")
    except (OSError, EOFError) as error:
        yield Skipped(name, f"cannot read: {error}")


def read_string(text: str, name: str = "<string>") -> Iterator[Article | Skipped]:
    """Articles from text already in memory (HTML, JSON or a page dump)."""
    try:
        if not text.strip():
            raise ReadError("empty input")
        yield from _read_content(text, name, _format_of_content(text))
    except ReadError as error:
        yield Skipped(name, str(error))
    except RecursionError:
        yield Skipped(name, "nested too deeply to read")
    except Exception as error:
        yield Skipped(name, f"could not be read ({failure(error)})")

"""Readers: turn files, folders, globs and standard input into :class:`Article` objects.

Formats are told apart by name and, failing that, by content: HTML pages
(:mod:`.html`), JSON Lines and JSON records (:mod:`.records`), and plain-text
page dumps (:mod:`.textdump`). Bad inputs come out as :class:`Skipped` items
with a one-line reason, so a batch goes on past them.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

from newsledger.model import Article
from newsledger.readers.cleanup import guess_language
from newsledger.readers.html import read_html
from newsledger.readers.records import RecordError, iter_json_document, iter_json_lines
from newsledger.readers.sources import Input, ReadError, expand, read_page, sniff
from newsledger.readers.textdump import read_text_dump

__all__ = ["Article", "Input", "ReadError", "Skipped", "read_inputs", "read_string"]


@dataclass(frozen=True)
class Skipped:
    """An input (or one record of it) that was not read, and why."""

    name: str
    reason: str

    def __str__(self) -> str:
        return f"{self.name}: {self.reason}"


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


# spaCy refuses texts over a million characters; no news article is anywhere near this long.
MAX_ARTICLE_CHARS = 500_000


def _checked(article: Article) -> Article | Skipped:
    if len(article.text) > MAX_ARTICLE_CHARS:
        return Skipped(
            article.source, f"article text too long ({len(article.text):,} characters; at most {MAX_ARTICLE_CHARS:,})"
        )
    language = guess_language(article.text)
    if language not in (None, "en"):
        return Skipped(article.source, f"not English ({language}); newsledger reads English news")
    article.language = language or "en"
    return article


def _read_content(text: str, name: str, fmt: str) -> Iterator[Article | Skipped]:
    if fmt == "html":
        yield _checked(read_html(text, name))
        return
    items = iter_json_document(text, name) if fmt in ("json", "jsonl") else read_text_dump(text, name)
    found = False
    for item in items:
        found = True
        yield Skipped(name, str(item)) if isinstance(item, RecordError) else _checked(item)
    if not found:
        raise ReadError("no article found (no paragraph of prose)")


def _read_one(source: Input) -> Iterator[Article | Skipped]:
    try:
        stream = io.BufferedReader(source.open(), buffer_size=64 * 1024)  # type: ignore[arg-type]
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
                    yield Skipped(source.name, str(item)) if isinstance(item, RecordError) else _checked(item)
                if not found:
                    raise ReadError("no records in this JSON Lines file")
                return
            text = read_page(stream)  # type: ignore[arg-type]
        yield from _read_content(text, source.name, fmt)
    except ReadError as error:
        yield Skipped(source.name, str(error))
    except (OSError, EOFError) as error:
        yield Skipped(source.name, f"cannot read: {error}")


def read_inputs(paths: list[str]) -> Iterator[Article | Skipped]:
    """Every article in the named inputs, in order, with a :class:`Skipped` for each bad one."""
    for path in paths:
        try:
            sources = list(expand([path]))
        except ReadError as error:
            yield Skipped(path, str(error).removeprefix(f"{path}: "))
            continue
        for source in sources:
            yield from _read_one(source)


def read_string(text: str, name: str = "<string>") -> Iterator[Article | Skipped]:
    """Articles from text already in memory (HTML, JSON or a page dump)."""
    try:
        if not text.strip():
            raise ReadError("empty input")
        yield from _read_content(text, name, _format_of_content(text))
    except ReadError as error:
        yield Skipped(name, str(error))

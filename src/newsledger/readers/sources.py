"""Turn what a user names (paths, folders, globs, ``-``) into decoded inputs.

Inputs are checked before any parsing: empty, binary, oversized and
undecodable files raise :class:`ReadError`, whose message is one line.
"""

from __future__ import annotations

import glob
import gzip
import io
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

from charset_normalizer import from_bytes

# One page (HTML or a text dump) above this is not an article; JSON Lines are streamed instead.
MAX_PAGE_BYTES = 20 * 1024 * 1024
_SNIFF_BYTES = 64 * 1024
_READABLE_SUFFIXES = {".txt", ".text", ".html", ".htm", ".xhtml", ".json", ".jsonl", ".ndjson", ".gz"}


class ReadError(Exception):
    """An input that cannot be read as news; ``str()`` is a one-line reason."""


@dataclass(frozen=True)
class Input:
    """One file (or standard input) to read."""

    name: str
    path: Path | None = None  # None for standard input

    @property
    def compressed(self) -> bool:
        return self.name.endswith(".gz")

    @property
    def suffix(self) -> str:
        """The format suffix, ignoring a trailing ``.gz``."""
        name = self.name[:-3] if self.compressed else self.name
        return Path(name).suffix.lower()

    def open(self) -> IO[bytes]:
        raw: IO[bytes] = sys.stdin.buffer if self.path is None else open(self.path, "rb")  # noqa: SIM115
        if self.compressed:
            return cast(IO[bytes], gzip.GzipFile(fileobj=raw))  # a binary file in all but typeshed's name
        if self.path is None:
            # Standard input is read once; buffer it so it can be sniffed and then read.
            return io.BytesIO(raw.read(MAX_PAGE_BYTES * 4))
        return raw


def expand(paths: list[str]) -> Iterator[Input]:
    """Each named file, folder (recursively), glob pattern, or ``-`` for standard input."""
    for name in paths:
        if name == "-":
            yield Input("<stdin>")
            continue
        path = Path(name)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                if found.is_file() and _readable_name(found.name):
                    yield Input(str(found), found)
        elif path.is_file():
            yield Input(name, path)
        elif glob.has_magic(name):
            matches = sorted(glob.glob(name, recursive=True))
            if not matches:
                raise ReadError(f"{name}: no file matches this pattern")
            for match in matches:
                if os.path.isfile(match):
                    yield Input(match, Path(match))
        else:
            raise ReadError(f"{name}: no such file or folder")


def _readable_name(name: str) -> bool:
    # Folders hold other things too (images, .DS_Store); take only what we can read.
    lower = name.lower()
    return not lower.startswith(".") and any(lower.endswith(s) for s in _READABLE_SUFFIXES)


def sniff(head: bytes) -> None:
    """Refuse empty and binary content from its first bytes."""
    if not head.strip():
        raise ReadError("empty input")
    if b"\x00" in head[:_SNIFF_BYTES] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError("binary content, not text (no news to read)")


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 when it is, else the encoding charset-normalizer detects."""
    sniff(data[:_SNIFF_BYTES])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[: 2 * 1024 * 1024]).best()
    if best is None or best.encoding is None:
        raise ReadError("unknown text encoding (not UTF-8, and no other encoding fits)")
    return data.decode(best.encoding, errors="replace")


def read_page(stream: IO[bytes]) -> str:
    """The whole decoded content of a one-page input (HTML or a text dump)."""
    try:
        data = stream.read(MAX_PAGE_BYTES + 1)
    except (OSError, EOFError) as error:
        raise ReadError(f"cannot read: {error}") from None
    if len(data) > MAX_PAGE_BYTES:
        raise ReadError(
            f"too large for one page (over {MAX_PAGE_BYTES // 2**20} MB); split it, or give many articles as JSON Lines"
        )
    return decode(data)

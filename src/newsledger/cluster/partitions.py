"""Cutting inputs into partitions that a worker reads by itself.

A partition is a file, or a byte range of a large uncompressed JSON Lines file. A record belongs to the
partition its line starts in, and each range knows the number of its first line, so the articles (and
their ``source``, ``file.jsonl:LINE``) are the same as one process reading the whole file.
Gzip files cannot be entered in the middle: each is one partition.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from newsledger.model import Article
from newsledger.readers import Skipped, read_inputs, read_json_lines
from newsledger.readers.sources import ReadError, expand

PARTITION_BYTES = 8 * 1024 * 1024  # ~2,000 news records: a few minutes of work for one core


@dataclass(frozen=True)
class Partition:
    """What one task reads: a whole input, or ``[start, end)`` bytes of a JSON Lines file."""

    index: int
    name: str  # the input as the user named it (a path)
    start: int = 0
    end: int | None = None  # None: the whole input
    first_line: int = 1

    @property
    def label(self) -> str:
        return self.name if self.end is None else f"{self.name}[{self.start}:{self.end}]"


def plan(paths: list[str], partition_bytes: int = PARTITION_BYTES) -> Iterator[Partition | Skipped]:
    """The partitions of the inputs, in input order (a name that matches nothing is a :class:`Skipped`)."""
    index = 0
    for path in paths:
        try:
            sources = list(expand([path]))
        except ReadError as error:
            yield Skipped(path, str(error).removeprefix(f"{path}: "))
            continue
        for source in sources:
            if source.path is None:
                yield Skipped("-", "standard input cannot be split across a cluster: give files")
                continue
            size = source.path.stat().st_size if source.path.exists() else 0
            if source.suffix in (".jsonl", ".ndjson") and not source.compressed and size > partition_bytes:
                for start, end, first_line in _line_ranges(source.path, size, partition_bytes):
                    yield Partition(index, source.name, start, end, first_line)
                    index += 1
            else:
                yield Partition(index, source.name)
                index += 1


def _line_ranges(path: Path, size: int, partition_bytes: int) -> Iterator[tuple[int, int, int]]:
    """Ranges of about ``partition_bytes`` that end just after a newline, with the first line's number."""
    with open(path, "rb") as handle:
        start, line = 0, 1
        while start < size:
            handle.seek(min(start + partition_bytes, size))
            handle.readline()  # to the end of the line the cut falls in
            end = min(handle.tell(), size)
            yield start, end, line
            handle.seek(start)
            line += _count_newlines(handle, end - start)
            start = end


def _count_newlines(handle: BinaryIO, length: int) -> int:
    count = 0
    while length > 0:
        chunk = handle.read(min(length, 1 << 20))
        if not chunk:
            break
        count += chunk.count(b"\n")
        length -= len(chunk)
    return count


def read_partition(partition: Partition) -> Iterator[Article | Skipped]:
    """The articles of one partition, with a :class:`Skipped` for each bad input or record."""
    if partition.end is None:
        yield from read_inputs([partition.name])
        return
    try:
        with open(partition.name, "rb") as handle:
            handle.seek(partition.start)
            data = handle.read(partition.end - partition.start)
    except OSError as error:
        yield Skipped(partition.label, f"cannot read: {error}")
        return
    lines = io.StringIO(data.decode("utf-8", errors="replace"), newline="\n")
    yield from read_json_lines(lines, partition.name, first_line=partition.first_line)

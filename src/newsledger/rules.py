"""Rule tables: the tab-separated files of ``newsledger/data/`` with a user's own file on top.

A table has a header row, ``#`` comment lines, and one rule a row. The bundled
file is read first; the file named by the table's environment variable (if
set) is read after it, so its rows add to or override the bundled ones (how a
row overrides is up to the table's reader: by lemma, or by coming first).
Errors name the file and the line.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path


class RuleError(ValueError):
    """A rule table row that cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class Row:
    source: str
    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return (self.values.get(column) or "").strip()

    def error(self, message: str) -> RuleError:
        return RuleError(f"{self.source}: line {self.line}: {message}")


def _rows(text: str, source: str, columns: tuple[str, ...]) -> Iterator[Row]:
    numbered = [(n, line) for n, line in enumerate(text.splitlines(), start=1)]
    kept = [(n, line) for n, line in numbered if line.strip() and not line.lstrip().startswith("#")]
    if not kept:
        return
    header = kept[0][1].split("\t")
    missing = [c for c in columns if c not in header]
    if missing:
        raise RuleError(f"{source}: line {kept[0][0]}: the header lacks {', '.join(missing)}")
    reader = csv.DictReader([line for _, line in kept], delimiter="\t", quoting=csv.QUOTE_NONE)
    for (number, _), values in zip(kept[1:], reader, strict=True):
        yield Row(source, number, values)


def read_table(name: str, env: str, columns: tuple[str, ...]) -> tuple[list[Row], list[Row]]:
    """(bundled rows, the user's rows) of ``data/<name>``; the user's file is ``$<env>``, if set."""
    bundled = list(_rows((files("newsledger") / "data" / name).read_text(encoding="utf-8"), name, columns))
    path = os.environ.get(env)
    if not path:
        return bundled, []
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise RuleError(f"{path} (${env}): cannot read it: {error.strerror or error}") from None
    return bundled, list(_rows(text, path, columns))

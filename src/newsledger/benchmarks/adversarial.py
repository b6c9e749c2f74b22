"""Hostile input: the worst cost of one input, by kind, in memory and time.

Each kind of pathological input (see :func:`hostile_inputs`) is extracted by a fresh
``newsledger extract`` process, so that the peak resident memory of that process is the cost of
that input alone (plus the model, measured on its own as the "a normal article" row).
The limits in :mod:`newsledger.limits` exist to keep every row under about 1 GB and 10 s.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from newsledger.harness import Report
from newsledger.limits import MAX_ARTICLE_CHARS

NAME = "adversarial"
TITLE = "Hostile input"

# An ordinary news paragraph, the material most kinds are built from.
_PROSE = (
    "Officials in the capital said on Tuesday that talks between the two governments would resume next week, "
    "after a ministry spokesman accused the rebels of shelling a village near the border. "
)


def _near_limit(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def hostile_inputs(size: int = MAX_ARTICLE_CHARS - 1_000) -> dict[str, Callable[[], bytes]]:
    """Pathological inputs by kind, each just under ``size`` characters of article text: the
    cases that once took gigabytes or minutes, and the malformed files that once stopped a batch."""
    return {
        "a normal article": lambda: (_PROSE * 8).encode(),
        "one sentence, no full stop": lambda: _near_limit(_PROSE.replace(".", ","), size).encode(),
        "punctuation only": lambda: _near_limit("!?.,;:-()\"' ", size).encode(),
        "one word, no spaces": lambda: _near_limit("abcdefghij", size).encode(),
        "nested quotation marks": lambda: ("He said " + "“she said ‘they said " * (size // 44) + "no” ’" * 200 + ".")[
            :size
        ].encode(),
        "open quotation marks, never closed": lambda: _near_limit("The minister said “we will ", size).encode(),
        "one line per word": lambda: _near_limit("Ceasefire\n", size).encode(),
        "a list of names": lambda: _near_limit(
            "Officials from Ukraine, Russia, NATO and the United Nations met Joe Biden and Emmanuel Macron in Kyiv, ",
            size,
        ).encode(),
        "numbers and dates": lambda: _near_limit("On 3 March 2024 1,000,000 $5bn 12:30 GMT; ", size).encode(),
        "long article of prose": lambda: _near_limit(_PROSE + "\n\n", size).encode(),
        "deeply nested HTML": lambda: (
            "<html><body>" + "<div>" * 50_000 + "<p>" + _PROSE + "</p>" + "</div>" * 50_000 + "</body></html>"
        ).encode(),
        "deeply nested JSON": lambda: b'{"text": ' + b"[" * 200_000 + b"]" * 200_000 + b"}",
        "JSON with a huge number": lambda: json.dumps(
            {"text": _PROSE, "published": 10**400, "headline": "Numbers"}
        ).encode(),
        "JSON with a lone surrogate": lambda: (
            '{"headline": "Talks \\ud800 resume", "text": "' + _PROSE.strip() + ' \\udfff"}'
        ).encode(),
        "gzip corrupt in the middle": lambda: _corrupt_gzip((json.dumps({"text": _PROSE}) + "\n").encode() * 2000),
        "binary": lambda: bytes(range(256)) * (size // 256),
    }


_SUFFIX = {
    "deeply nested HTML": ".html",
    "deeply nested JSON": ".json",
    "JSON with a huge number": ".json",
    "JSON with a lone surrogate": ".json",
    "gzip corrupt in the middle": ".jsonl.gz",
    "binary": ".bin",
}


def _corrupt_gzip(data: bytes) -> bytes:
    packed = bytearray(gzip.compress(data))
    middle = len(packed) // 2
    packed[middle : middle + 64] = bytes(64)
    return bytes(packed)


def write_inputs(folder: Path, size: int = MAX_ARTICLE_CHARS - 1_000) -> dict[str, Path]:
    """Each hostile input in its own file under ``folder``, by kind."""
    paths = {}
    for number, (kind, make) in enumerate(hostile_inputs(size).items()):
        path = folder / f"{number:02d}{_SUFFIX.get(kind, '.txt')}"
        path.write_bytes(make())
        paths[kind] = path
    return paths


def _measure(path: Path, folder: Path) -> tuple[float, float, str]:
    """Seconds, peak resident MB and the outcome of one ``newsledger extract`` of ``path``."""
    command = [sys.executable, "-m", "newsledger.cli", "extract", "--format", "jsonl", str(path)]
    with open(folder / "out", "w+b") as out, open(folder / "err", "w+b") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err)
        _, _, usage = os.wait4(process.pid, 0)  # this child's own peak memory, not the largest so far
        seconds = time.perf_counter() - started
        process.returncode = 0
        out.seek(0)
        err.seek(0)
        articles = len(out.read().splitlines())
        messages = err.read().decode(errors="replace").splitlines()
    peak_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
    skipped = [line.removeprefix("newsledger: ") for line in messages if "skipped" in line]
    failed = [line for line in messages if line.startswith("newsledger: ")]
    outcome = f"{articles} article(s)" if articles else (skipped or failed or ["no output"])[0][:90]
    return seconds, peak_mb, outcome.replace(f"{folder}/", "").replace("|", "/")


def run(data: Path) -> Report:
    del data  # the inputs are generated
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for kind, path in write_inputs(Path(folder)).items():
            seconds, peak, outcome = _measure(path, Path(folder))
            rows.append([kind, f"{path.stat().st_size:,}", f"{seconds:.1f}", "", f"{peak:,.0f}", outcome])
    # Work beyond start-up, per article (a long text is read in parts, each an article).
    start_up = float(rows[0][2])
    for row in rows:
        articles = int(row[5].split()[0]) if row[5].endswith("article(s)") else 0
        if articles:
            row[3] = f"{max(float(row[2]) - start_up, 0.0) / articles:.1f}"
    return Report(
        columns=["input", "bytes", "seconds", "s per article", "peak MB", "outcome"],
        rows=rows,
        notes=[
            "One fresh `newsledger extract` process per input: seconds include loading the model "
            "(the 'a normal article' row is that cost alone), peak MB is the process's peak resident memory.",
            "'s per article' is the time beyond start-up divided by the articles read: a text longer than "
            "one article's token budget (newsledger.limits.MAX_ARTICLE_TOKENS) is read as consecutive parts.",
            "Target: every input under the size limit at most ~1 GB, and ~10 s per article beyond start-up, "
            "or a one-line skip.",
        ],
    )

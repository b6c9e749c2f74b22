"""Reader throughput: JSON Lines records and plain-text page dumps, articles per second."""

from __future__ import annotations

import tempfile
import time
from importlib.resources import files
from pathlib import Path

from newsledger.evaluation import Report
from newsledger.readers import Article, read_inputs

NAME = "readers"
TITLE = "Readers"


def _rate(paths: list[str], repeat: int = 1) -> tuple[int, float]:
    count, started = 0, time.perf_counter()
    for _ in range(repeat):
        count += sum(isinstance(item, Article) for item in read_inputs(paths))
    return count, time.perf_counter() - started


def run(data: Path) -> Report:
    rows = []
    voa = data / "voa" / "voa_stories.jsonl"
    if voa.exists():
        lines = voa.read_text(encoding="utf-8").splitlines(keepends=True)
        with tempfile.TemporaryDirectory() as folder:
            big = Path(folder) / "voa-x100.jsonl"
            big.write_text("".join(lines * 100), encoding="utf-8")
            count, seconds = _rate([str(big)])
            words = sum(len(line.split()) for line in lines) * 100
        rows.append(
            [
                "JSON Lines (VOA stories x100)",
                f"{count:,}",
                f"{seconds:.2f}",
                f"{count / seconds:,.0f}",
                f"{words / seconds:,.0f}",
            ]
        )
    example = str(files("newsledger") / "examples" / "ceasefire-talks.txt")
    count, seconds = _rate([example], repeat=200)
    rows.append(
        ["text page dump (bundled example x200)", f"{count:,}", f"{seconds:.2f}", f"{count / seconds:,.0f}", ""]
    )
    return Report(
        columns=["input", "articles", "seconds", "articles/s", "words/s"],
        rows=rows,
        notes=[
            "Reading only: decode, split, clean, fill the model; no language stages.",
            "Target: 2,000 articles/s for JSON Lines.",
        ],
    )

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

import pytest

from newsledger.model import Article

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE = Path(str(files("newsledger") / "examples" / "ceasefire-talks.txt"))


@pytest.fixture(scope="session")
def schema() -> dict:
    """The contract: shared/ when it is beside the checkout, else the copy in the package."""
    shared = SHARED / "contract" / "ledger.schema.json"
    path = shared if shared.exists() else Path(str(files("newsledger") / "contract" / "ledger.schema.json"))
    return json.loads(path.read_text(encoding="utf-8"))


def needs_data(name: str) -> Path:
    folder = DATA / name
    if not folder.exists():
        pytest.skip(f"gold data {folder} is absent")
    return folder


@pytest.fixture(scope="module")
def read() -> Callable[[str], Article]:
    """One text through the default pipeline, published 2024-06-12 (the pipeline loads once per module)."""
    from newsledger.pipeline import default_pipeline

    pipeline = default_pipeline()

    def run(text: str) -> Article:
        article = Article(id="t", source="test", text=text, published="2024-06-12")
        return next(iter(pipeline.run([article])))

    return run


def extract_in_subprocess(path: Path, env: dict[str, str]) -> dict:
    """`newsledger extract PATH` in a fresh process with these environment variables (rule tables are read
    once per process, so a user's table needs one), its JSON ledger."""
    result = subprocess.run(
        [sys.executable, "-c", "from newsledger.cli import run; run()", "extract", str(path)],
        capture_output=True, text=True, timeout=300, env={**os.environ, **env}, check=True,
    )  # fmt: skip
    return json.loads(result.stdout)

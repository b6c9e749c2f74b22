"""`newsledger extract` output against the ledger contract."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.resources import files

import jsonschema

from conftest import EXAMPLE, SHARED
from newsledger.model import Article, Ledger


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-c", "from newsledger.cli import run; run()", *args],
        input=stdin, capture_output=True, timeout=300, check=False,
    )  # fmt: skip


def test_extract_json_validates_against_the_contract(schema: dict) -> None:
    result = run_cli("extract", str(EXAMPLE), "--format", "json")
    assert result.returncode == 0, result.stderr
    ledger = json.loads(result.stdout)
    jsonschema.Draft202012Validator(schema).validate(ledger)
    assert ledger["newsledger"] == "1"
    assert len(ledger["articles"]) == 2


def test_extract_jsonl_is_one_valid_article_per_line(schema: dict) -> None:
    result = run_cli("extract", str(EXAMPLE), "--format", "jsonl")
    lines = result.stdout.decode().splitlines()
    assert len(lines) == 2
    article_schema = {"$defs": schema["$defs"], "$ref": "#/$defs/article"}
    for line in lines:
        jsonschema.Draft202012Validator(article_schema).validate(json.loads(line))


def test_every_contract_field_is_present_even_when_empty(schema: dict) -> None:
    article = Article(id="a", source="s", text="Body.")
    dumped = Ledger(articles=[article]).ledger_dict()
    required = schema["$defs"]["article"]["required"]
    assert set(required) <= set(dumped["articles"][0])
    jsonschema.Draft202012Validator(schema).validate(dumped)


def test_packaged_contract_copy_matches_shared() -> None:
    shared = SHARED / "contract" / "ledger.schema.json"
    if not shared.exists():
        return
    packaged = files("newsledger") / "contract" / "ledger.schema.json"
    assert json.loads(packaged.read_text()) == json.loads(shared.read_text())

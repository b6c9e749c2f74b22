"""`newsledger extract` output against the ledger contract."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

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


def test_extract_geojson_is_one_point_feature_per_place_and_per_located_event() -> None:
    result = run_cli("extract", str(EXAMPLE), "--format", "geojson")
    assert result.returncode == 0, result.stderr
    collection = json.loads(result.stdout)
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    places = [f for f in features if f["properties"]["feature"] == "place"]
    events = [f for f in features if f["properties"]["feature"] == "event"]
    assert places and events and len(places) + len(events) == len(features)
    for feature in features:
        lon, lat = feature["geometry"]["coordinates"]
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    moscow = next(f for f in places if f["properties"]["name"] == "Moscow")
    assert moscow["geometry"]["coordinates"] == [37.61781, 55.75204]  # lon first, as RFC 7946 says
    located = {(f["properties"]["article"], f["properties"]["name"]): f["geometry"] for f in places}
    for event in events:
        assert located[(event["properties"]["article"], event["properties"]["place"])] == event["geometry"]


def test_extract_with_two_jobs_prints_what_one_job_prints(tmp_path: Path) -> None:
    voa = SHARED / "data" / "voa" / "voa_stories.jsonl"
    inputs = [str(EXAMPLE)]
    if voa.exists():
        sample = tmp_path / "sample.jsonl"
        sample.write_text("".join(voa.read_text(encoding="utf-8").splitlines(keepends=True)[:12]), encoding="utf-8")
        inputs.insert(0, str(sample))
    one = run_cli("extract", "--format", "jsonl", *inputs)
    two = run_cli("extract", "--format", "jsonl", "--jobs", "2", *inputs)
    assert one.returncode == two.returncode == 0, two.stderr
    assert two.stdout == one.stdout
    assert len(one.stdout.splitlines()) == 2 + (12 if voa.exists() else 0)  # the seed holds two articles

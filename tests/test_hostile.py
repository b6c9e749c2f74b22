"""Hostile input: one bad input never stops a batch, no text costs without bound, exports open as text."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import random
from pathlib import Path

import pytest

from newsledger import api
from newsledger.limits import MAX_SENTENCE_TOKENS, estimate_tokens, parts, segments, without_surrogates
from newsledger.readers import Article, Skipped, read_inputs, read_string, skip_summary
from newsledger.store.export import csv_cell, spreadsheet_safe, write_csv
from test_contract import run_cli

PROSE = (
    "The defence ministers of the two countries met in Vienna on Monday to discuss the return of detained "
    "sailors, officials said. The meeting, hosted by the Austrian government, lasted four hours and ended "
    "with a promise to meet again in the spring."
)


def _corrupt_gzip(data: bytes) -> bytes:
    packed = bytearray(gzip.compress(data))
    middle = len(packed) // 2
    packed[middle : middle + 32] = bytes(32)
    return bytes(packed)


def _record(**fields: object) -> str:
    return json.dumps({"headline": "Ministers meet", "text": PROSE, **fields})


# Each kind of input that once aborted a whole batch with "internal error", by file name.
BAD_INPUTS: dict[str, bytes] = {
    "corrupt.jsonl.gz": _corrupt_gzip((_record() + "\n").encode() * 3000),
    "nested.json": b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "nested-line.jsonl": b"[" * 100_000 + b"]" * 100_000 + b"\n",
    "many-digits.jsonl": ('{"text": "x", "published": ' + "9" * 5000 + "}\n").encode(),
}


def test_a_bad_file_between_good_ones_costs_only_itself(tmp_path: Path) -> None:
    (tmp_path / "a-good.txt").write_text("Ministers meet in Vienna\n\n" + PROSE, encoding="utf-8")
    for name, content in BAD_INPUTS.items():
        (tmp_path / f"b-{name}").write_bytes(content)
    # Values that once raised deep inside reading: a number too large for a float, lone surrogates.
    (tmp_path / "c-odd-values.jsonl").write_text(
        _record(published=10**400) + "\n" + '{"headline": "Talks \\ud800 resume", "text": "' + PROSE + ' \\udfff"}\n',
        encoding="utf-8",
    )
    (tmp_path / "d-good.txt").write_text("Sailors freed\n\n" + PROSE, encoding="utf-8")
    result = run_cli("extract", str(tmp_path), "--format", "jsonl")
    err = result.stderr.decode()
    assert result.returncode == 0, err
    assert "Traceback" not in err and "internal error" not in err
    ledgers = [json.loads(line) for line in result.stdout.splitlines()]
    headlines = [ledger["headline"] for ledger in ledgers]
    assert headlines[0] == "Ministers meet in Vienna" and headlines[-1] == "Sailors freed"
    # Both odd records are read: the huge number is no date, the surrogates become U+FFFD (offsets hold).
    odd = [ledger for ledger in ledgers if "c-odd-values.jsonl" in ledger["source"]]
    assert len(odd) == 2
    assert odd[0]["published"] is None
    assert odd[1]["headline"] == "Talks \ufffd resume" and odd[1]["text"].endswith("\ufffd")
    skips = [line for line in err.splitlines() if line.startswith("newsledger: skipped ")]
    skipped_names = {Path(line.split()[2].rstrip(":")).name for line in skips}
    assert {f"b-{name}" for name in BAD_INPUTS} <= skipped_names
    assert "corrupt compressed data" in err and "nested too deeply" in err
    # The summary counts skips by kind.
    summary = err.strip().splitlines()[-1]
    assert summary.startswith(f"newsledger: {len(ledgers)} articles read, ") and "inputs skipped: " in summary


def test_skip_reasons_are_one_short_line_and_counted_by_kind() -> None:
    long_reason = "could not be read (ValueError: " + "x\n" * 500 + ")"
    item = Skipped("feed.jsonl", long_reason)
    assert "\n" not in item.reason and len(item.reason) <= 300
    assert Skipped("a", "not JSON (Expecting value)").kind == "not JSON"
    assert Skipped("a", "feed.jsonl:3: not JSON (Expecting value)").kind == "not JSON"
    summary = skip_summary([Skipped("a", "empty input"), Skipped("b", "empty input"), Skipped("c", "not JSON (x)")])
    assert summary == "2 empty input, 1 not JSON: a, b, c"
    assert "\ud800" not in Skipped("a", "bad \ud800 name").reason


def test_segments_join_back_exactly_and_respect_the_limit() -> None:
    rng = random.Random(7)
    alphabet = ["word ", "Word. ", "\n", "\n\n", ",", "“", "”", "x" * 30, " "]
    for _ in range(50):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 3000)))
        limit = rng.randint(50, 2000)
        pieces = segments(text, limit)
        assert "".join(pieces) == text
        assert all(len(piece) <= limit for piece in pieces)


def test_segments_prefer_paragraph_breaks() -> None:
    paragraph = "One sentence here. " * 20
    text = "\n\n".join([paragraph] * 10)
    pieces = segments(text, 1000)
    assert all(piece.endswith("\n\n") for piece in pieces[:-1])


def test_a_long_text_is_read_in_parts_not_refused() -> None:
    words = 80_000
    text = ("Talks resumed in the capital today. " * (words // 6)).strip()
    assert estimate_tokens(text) > 30_000
    pieces = parts(text)
    assert len(pieces) > 1 and all(estimate_tokens(piece) <= 30_000 for piece in pieces)
    items = list(read_string(json.dumps({"id": "transcript", "headline": "Transcript", "text": text})))
    read = [item for item in items if isinstance(item, Article)]
    assert len(read) == len(pieces)
    assert [article.id for article in read][:2] == ["transcript-part1", "transcript-part2"]


def test_a_run_with_no_sentence_end_is_cut_before_the_parser() -> None:
    from newsledger.stages.parse import load_model

    nlp = load_model()
    text = " ".join(["ministers", "talks", "border", "rebels", "said"] * 200)  # 1,000 tokens, no full stop
    doc = nlp(text)
    assert max(len(sentence) for sentence in doc.sents) <= MAX_SENTENCE_TOKENS


def test_a_long_article_is_parsed_in_segments_over_the_unchanged_text() -> None:
    from newsledger.limits import MAX_SEGMENT_CHARS
    from newsledger.pipeline import default_pipeline

    text = "\n\n".join([PROSE] * (2 * MAX_SEGMENT_CHARS // len(PROSE) + 2))
    ledger = api.read(json.dumps({"headline": "Long", "text": text}), default_pipeline())
    (article,) = ledger.articles
    assert article.text == text
    for entity in article.entities:
        for span in entity.mentions:
            assert text[span.start : span.end] == span.text


def _dying_chunk(chunk: list[Article | Skipped]) -> list[Article | Skipped]:
    if any(isinstance(item, Article) and "poison" in item.text for item in chunk):
        os._exit(3)  # as a worker killed for memory dies: no exception, no goodbye
    return list(chunk)


def _no_pipeline(model: str | None, actor_files: tuple[str, ...]) -> None:
    del model, actor_files


def test_a_worker_that_dies_costs_only_the_article_at_fault(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "_extract_chunk", _dying_chunk)
    monkeypatch.setattr(api, "_start_worker", _no_pipeline)
    texts = [f"fine {number}" for number in range(30)]
    texts[13] = "poison"
    items = [Article(id=str(i), source=f"s{i}", text=text) for i, text in enumerate(texts)]
    results = list(api.extract_parallel(items, jobs=2, chunk_size=4))
    assert [item.text for item in results if isinstance(item, Article)] == [t for t in texts if t != "poison"]
    (dead,) = [item for item in results if isinstance(item, Skipped)]
    assert dead.name == "s13" and "worker process died" in dead.reason


def test_workers_that_always_die_fail_the_run_with_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "_extract_chunk", _dying_chunk)
    monkeypatch.setattr(api, "_start_worker", _no_pipeline)
    items = [Article(id=str(i), source=f"s{i}", text="poison") for i in range(20)]
    with pytest.raises(api.WorkersFailed, match="died"):
        list(api.extract_parallel(items, jobs=2, chunk_size=2))


@pytest.mark.parametrize(
    "value",
    ['=HYPERLINK("http://evil.example","click")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\t=1", " =1"],
)
def test_would_be_formulas_open_as_text(value: str) -> None:
    assert spreadsheet_safe(value) == "'" + value


def test_plain_cells_and_numbers_are_left_alone() -> None:
    assert spreadsheet_safe("Kyiv") == "Kyiv"
    assert csv_cell(-3.5) == -3.5
    assert csv_cell(["=x"]) == '["=x"]'
    out = io.StringIO()
    write_csv([{"headline": '=HYPERLINK("x")', "lat": -33.9, "quote": "fine"}], out)
    (row,) = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row == {"headline": '\'=HYPERLINK("x")', "lat": "-33.9", "quote": "fine"}


def test_csv_export_of_a_stored_hostile_article_is_safe(tmp_path: Path) -> None:
    page = tmp_path / "hostile.jsonl"
    page.write_text(
        json.dumps(
            {"headline": '=HYPERLINK("http://evil.example","Talks")', "text": PROSE, "url": "https://x.example/a"}
        )
        + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "store.db"
    assert run_cli("ingest", str(page), "--db", str(db)).returncode == 0
    for command in (["export", "--format", "csv"], ["events", "--format", "csv"]):
        result = run_cli(*command, "--db", str(db))
        assert result.returncode == 0, result.stderr.decode()
        for row in csv.reader(io.StringIO(result.stdout.decode())):
            assert not any(cell.startswith(("=", "+", "@")) for cell in row)


def test_fuzzed_inputs_never_escape_as_exceptions() -> None:
    rng = random.Random(1234)
    seeds = [
        _record(),
        "<html><body><article><h1>Talks</h1><p>" + PROSE + "</p></article></body></html>",
        "Ministers meet\n\nVIENNA (AP) — " + PROSE,
        "[" + _record() + "," + _record(published="2024-02-30") + "]",
    ]
    for _ in range(300):
        data = bytearray(rng.choice(seeds).encode())
        for _ in range(rng.randint(1, 12)):
            position = rng.randrange(len(data))
            action = rng.random()
            if action < 0.4:
                data[position] = rng.randrange(256)
            elif action < 0.7:
                data[position:position] = rng.choice(
                    [b"{", b"[", b"\\ud800", b"\x00", b"\xff", b'"', b"<div>"]
                ) * rng.randint(1, 50)
            else:
                del data[position : position + rng.randint(1, 40)]
        text = data.decode("utf-8", errors="surrogateescape")
        for item in read_string(text, "fuzz"):
            assert isinstance(item, Article | Skipped)
            if isinstance(item, Skipped):
                assert "\n" not in item.reason
            else:
                assert without_surrogates(item.text) == item.text


def test_fuzzed_files_never_stop_a_batch(tmp_path: Path) -> None:
    rng = random.Random(99)
    good = tmp_path / "z-good.txt"
    good.write_text("Ministers meet\n\n" + PROSE, encoding="utf-8")
    for number in range(40):
        content = bytearray((_record() + "\n").encode() * 3)
        for _ in range(rng.randint(1, 20)):
            content[rng.randrange(len(content))] = rng.randrange(256)
        suffix = rng.choice([".jsonl", ".json", ".html", ".txt", ".jsonl.gz"])
        if suffix == ".jsonl.gz":
            content = bytearray(_corrupt_gzip(bytes(content)) if number % 2 else gzip.compress(bytes(content)))
        (tmp_path / f"fuzz{number:02d}{suffix}").write_bytes(bytes(content))
    items = list(read_inputs([str(tmp_path)]))
    assert any(isinstance(item, Article) and item.source.endswith("z-good.txt") for item in items)
    assert all(isinstance(item, Article | Skipped) for item in items)

"""Readers: formats, folders, globs, gzip, stdin, and bad input without tracebacks."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

import newsledger
from newsledger.readers import Article, Skipped, read_inputs, sources
from test_contract import run_cli

PROSE = (
    "The foreign ministers of the two countries met in Geneva on Tuesday to discuss a prisoner exchange, "
    "officials said. The talks, which were mediated by the Red Cross, lasted more than six hours and "
    "ended without a joint statement, but both sides said they would meet again next month."
)
HTML = f"""<!doctype html><html><head><title>Ministers meet in Geneva | Example News</title>
<link rel="canonical" href="https://news.example.org/geneva-talks">
<meta property="article:published_time" content="2025-04-02T09:30:00Z">
<meta name="author" content="Jane Doe"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Ministers meet in Geneva</h1><p>GENEVA (Reuters) - {PROSE}</p>
<p>A spokesman for the ministry said the exchange could include hundreds of detainees held since the
start of the conflict, and that lists of names had been handed over to the mediators.</p></article>
<footer>Copyright 2025 Example News. Subscribe to our newsletter.</footer></body></html>"""


def articles(*paths: str | Path) -> list[Article]:
    return [item for item in read_inputs([str(p) for p in paths]) if isinstance(item, Article)]


def skipped(*paths: str | Path) -> list[Skipped]:
    return [item for item in read_inputs([str(p) for p in paths]) if isinstance(item, Skipped)]


def test_jsonl_records_with_usual_field_names(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    records = [
        {"id": "a1", "title": "One", "text": PROSE, "published": "2025-03-14 20:30:26Z", "url": "https://x.org/1"},
        {"headline": "Two", "body": "KHARTOUM, Sudan (AP) — " + PROSE, "date": "2025-03-15"},
        {"title": "Three", "content": PROSE, "published_at": 1741996800},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n\nnot json\n", encoding="utf-8")
    found = articles(path)
    assert [a.headline for a in found] == ["One", "Two", "Three"]
    assert found[0].id == "a1" and found[0].url == "https://x.org/1"
    assert found[0].published == "2025-03-14T20:30:26Z"
    assert found[1].published == "2025-03-15" and found[1].dateline == "KHARTOUM"
    assert found[1].text.startswith("The foreign ministers")
    assert found[2].published == "2025-03-15T00:00:00Z"
    (bad,) = skipped(path)
    assert "feed.jsonl:5" in str(bad) and "not JSON" in bad.reason


def test_voa_corpus_reads_every_story() -> None:
    from conftest import needs_data

    voa = needs_data("voa") / "voa_stories.jsonl"
    found = articles(voa)
    assert len(found) == 89
    assert all(a.headline and a.published and a.url and a.text for a in found)


def test_json_array_and_wrapped_records(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps([{"title": "A", "text": PROSE}]), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"articles": [{"title": "B", "body": PROSE}]}), encoding="utf-8")
    assert [a.headline for a in articles(tmp_path / "a.json", tmp_path / "b.json")] == ["A", "B"]


def test_html_page_through_trafilatura(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    (article,) = articles(path)
    assert article.headline and "Ministers meet in Geneva" in article.headline
    assert article.url == "https://news.example.org/geneva-talks"
    assert article.published and article.published.startswith("2025-04-02")
    assert article.dateline == "GENEVA"
    assert article.text.startswith("The foreign ministers")
    assert "Home" not in article.text and "newsletter" not in article.text


def test_folders_globs_and_gzip(tmp_path: Path) -> None:
    nested = tmp_path / "in" / "deeper"
    nested.mkdir(parents=True)
    (tmp_path / "in" / "one.txt").write_text("Talks in Geneva\n\n" + PROSE, encoding="utf-8")
    with gzip.open(nested / "two.jsonl.gz", "wt", encoding="utf-8") as stream:
        stream.write(json.dumps({"title": "Zipped", "text": PROSE}) + "\n")
    (nested / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert sorted(a.headline or "" for a in articles(tmp_path / "in")) == ["Talks in Geneva", "Zipped"]
    assert [a.headline for a in articles(f"{tmp_path}/in/**/*.gz")] == ["Zipped"]


def test_encodings_are_detected(tmp_path: Path) -> None:
    text = "Talks resume\n\n" + PROSE.replace("Geneva", "Genève") + " The café near the lake was closed."
    (tmp_path / "latin.txt").write_bytes(text.encode("latin-1"))
    (article,) = articles(tmp_path / "latin.txt")
    assert "Genève" in article.text and "café" in article.text


def test_bad_inputs_are_skipped_with_one_line_reasons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    russian = "Переговоры в Женеве\n\n" + "Министры иностранных дел двух стран встретились во вторник в Женеве. " * 8
    (tmp_path / "cp1251.txt").write_bytes(russian.encode("cp1251"))
    french = "Les ministres des affaires étrangères des deux pays se sont réunis mardi à Genève pour discuter. " * 5
    (tmp_path / "french.txt").write_text("Pourparlers à Genève\n\n" + french, encoding="utf-8")
    (tmp_path / "broken.html").write_text("<html><body><div><p>unclosed <b>bold <div", encoding="utf-8")
    (tmp_path / "big.txt").write_text("Title\n\n" + PROSE * 50, encoding="utf-8")
    monkeypatch.setattr(sources, "MAX_PAGE_BYTES", 1000)
    reasons = {Path(s.name).name: s.reason for s in skipped(tmp_path)}
    assert reasons["empty.txt"] == "empty input"
    assert reasons["binary.txt"].startswith("binary content")
    assert reasons["cp1251.txt"].startswith("not English (cyrillic)")
    assert reasons["french.txt"].startswith("not English")
    assert "no article text" in reasons["broken.html"]
    assert reasons["big.txt"].startswith("too large")
    assert all("\n" not in reason for reason in reasons.values())


def test_cli_batch_goes_on_past_bad_files(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Talks in Geneva\n\n" + PROSE, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    result = run_cli("extract", str(tmp_path), "--format", "jsonl")
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 1
    err = result.stderr.decode()
    assert "1 articles read, 1 inputs skipped" in err and "bad.txt" in err
    assert "Traceback" not in err


def test_cli_single_bad_file_exits_non_zero_with_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = run_cli("extract", str(missing))
    assert result.returncode == 1
    assert result.stderr.decode().strip().splitlines()[0] == f"newsledger: skipped {missing}: no such file or folder"
    assert b"Traceback" not in result.stderr


def test_cli_reads_huge_file_without_traceback(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("w", encoding="utf-8") as stream:
        chunk = "Title\n\n" + PROSE + "\n"
        for _ in range((25 * 2**20) // len(chunk) + 1):
            stream.write(chunk)
    result = run_cli("extract", str(huge))
    assert result.returncode == 1
    assert b"too large for one page" in result.stderr and b"Traceback" not in result.stderr


def test_cli_reads_standard_input() -> None:
    result = run_cli("extract", "-", "--format", "jsonl", stdin=("Talks in Geneva\n\n" + PROSE).encode())
    assert result.returncode == 0
    assert json.loads(result.stdout)["headline"] == "Talks in Geneva"


def test_python_api_reads_paths_and_strings(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text("Talks in Geneva\n\n" + PROSE, encoding="utf-8")
    assert newsledger.read(path).articles[0].headline == "Talks in Geneva"
    assert newsledger.read("Talks in Geneva\n\n" + PROSE).articles[0].text == PROSE
    with pytest.raises(newsledger.ReadError):
        newsledger.read("")


def test_an_article_a_stage_fails_on_is_skipped_and_the_rest_go_on() -> None:
    from newsledger.api import extract
    from newsledger.pipeline import Pipeline, Work

    class Fragile:
        name = "fragile"

        def __call__(self, batch: list[Work]) -> None:
            if any("poison" in work.article.text for work in batch):
                raise ValueError("cannot handle poison")

    items = [Article(id=str(i), source=f"a{i}", text=text) for i, text in enumerate(["fine one", "poison", "fine two"])]
    results = list(extract(items, Pipeline([Fragile()], batch_size=8)))
    assert [r.text for r in results if isinstance(r, Article)] == ["fine one", "fine two"]
    (failed,) = [r for r in results if isinstance(r, Skipped)]
    assert failed.name == "a1" and "cannot handle poison" in failed.reason


def test_overlong_article_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"title": "Long", "text": PROSE * 2000}) + "\n", encoding="utf-8")
    (bad,) = skipped(path)
    assert bad.reason.startswith("article text too long")

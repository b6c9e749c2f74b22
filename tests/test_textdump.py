"""Plain-text page dumps: the bundled example and fixtures in the style of many outlets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import EXAMPLE, FIXTURES
from newsledger.readers.textdump import Kind, classify, read_text_dump

FURNITURE = ["Short Url", "Follow", "Updated 13 March 2025", "Updated 03 February 2026", "Share"]


def test_seed_splits_into_its_two_articles() -> None:
    articles = list(read_text_dump(EXAMPLE.read_text(encoding="utf-8"), "seed"))
    assert [a.headline for a in articles] == [
        "US envoy visits Moscow for ceasefire talks that a Russian official says would help Ukraine",
        "Russia says foreign forces in Ukraine would be ‘legitimate targets’",
    ]
    assert [a.published for a in articles] == ["2025-03-13", "2026-02-03"]
    assert [a.dateline for a in articles] == ["MOSCOW", "MOSCOW"]
    assert [len(a.summary) for a in articles] == [2, 1]
    assert articles[0].captions[0].startswith("This grab taken from a handout footage")
    assert articles[1].captions == []
    for article in articles:
        lines = article.text.split("\n")
        assert not any(line.strip() in FURNITURE for line in lines)
        assert article.headline not in article.text
        assert not article.text.startswith("MOSCOW")
    assert articles[0].text.startswith("An envoy of US President Donald Trump")
    assert articles[1].text.endswith("publicly spoke about its root causes.”")


DUMPS = sorted((FIXTURES / "dumps").glob("*.txt"))


@pytest.mark.parametrize("dump", DUMPS, ids=[d.stem for d in DUMPS])
def test_outlet_styles(dump: Path) -> None:
    expected = json.loads(dump.with_suffix(".expected.json").read_text(encoding="utf-8"))["articles"]
    text = dump.read_bytes().decode("utf-8")
    articles = list(read_text_dump(text, dump.name))
    assert len(articles) == len(expected)
    for article, want in zip(articles, expected, strict=True):
        assert article.headline == want["headline"]
        assert article.published == want["published"]
        assert article.dateline == want["dateline"]
        assert article.summary == want["summary"]
        assert article.captions == want["captions"]
        assert [name.lower() for name in article.byline] == [name.lower() for name in want["byline"]]
        assert article.text.startswith(want["text_starts_with"])
        for phrase in want["text_contains"]:
            assert phrase in article.text
        lines = {line.strip() for line in article.text.split("\n")}
        for furniture in want["text_excludes"]:
            assert furniture.replace("\u00a0", " ").strip() not in lines


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Updated 13 March 2025", Kind.DATE),
        ("March 13, 20258:14 PM GMT+1Updated 2 hours ago", Kind.DATE),
        ("Published: 18/06/2024 - 14:22", Kind.DATE),
        ("By Jane Doe and John Roe", Kind.BYLINE),
        ("  • Ministers met in Cairo", Kind.BULLET),
        ("Soldiers walk past a destroyed tank near Bakhmut. (AP Photo/Efrem Lukatsky)", Kind.CAPTION),
        (
            "We use cookies to improve your experience. By continuing to browse you accept our use of cookies.",
            Kind.FURNITURE,
        ),
        ("Reporting by Jane Doe; Editing by John Roe", Kind.FURNITURE),
        ("The ministry said the talks would resume in Geneva next week after a pause of two months.", Kind.PROSE),
        ("Talks resume in Geneva", Kind.SHORT),
    ],
)
def test_line_kinds(line: str, kind: Kind) -> None:
    assert classify(line) is kind


def test_subheading_stays_in_body_and_trailer_links_do_not() -> None:
    dump = (
        "Rebels seize border crossing\n\n"
        "Updated 2 May 2024\n\n"
        "GOMA, Congo (AP) — Rebels seized a border crossing on Thursday, officials said, as fighting spread east.\n"
        "Aid response\n"
        "Aid groups said they had suspended deliveries to the area until the roads were safe again.\n\n"
        "More stories\n"
        "Floods hit the capital\n"
    )
    (article,) = read_text_dump(dump, "x")
    assert article.dateline == "GOMA"
    assert "Aid response" in article.text
    assert "Floods hit the capital" not in article.text
    assert "More stories" not in article.text

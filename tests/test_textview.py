"""The readable ledger (`extract --format text`): what a person sees, plain in pipes, coloured on a terminal."""

from __future__ import annotations

import io
import json
import os
import pty
import subprocess
import sys

from newsledger.model import Actor, Article, Entity, Event, EventDate, Place, Quote, Span, Speaker
from newsledger.textview import TextView, make_console
from test_contract import run_cli

TEXT = (
    "KHARTOUM — Paramilitary fighters shelled a market in the city on Monday, the army said in a statement "
    "that also accused them of blocking aid convoys for a third week. "
    "“We will not stop until the siege is lifted,” the army spokesman told reporters."
)


def _article() -> Article:
    shelled = TEXT.index("shelled")
    first_end = TEXT.index("week.") + len("week.")
    quote = "We will not stop until the siege is lifted,"
    at = TEXT.index(quote)
    return Article(
        id="a1",
        source="feed.jsonl",
        url="https://news.example.org/market",
        headline="Market shelled [bold]in[/bold] Khartoum",
        published="2025-05-05",
        dateline="KHARTOUM",
        text=TEXT,
        entities=[Entity(id="E1", name="Sudanese Armed Forces", type="ORG", country="SD")],
        places=[Place(id="P1", name="Khartoum", lat=15.5518, lon=32.5324, country="SD", kind="city")],
        events=[
            Event(
                id="V1",
                type="ASSAULT",
                mode="shelling",
                actor1=Actor(text="Paramilitary fighters", country="SD"),
                actor2=Actor(text="a market"),
                place="P1",
                date=EventDate(value="2025-05-05", text="Monday"),
                status="claimed",
                source="E1",
                trigger=Span(start=shelled, end=shelled + 7, text="shelled"),
                sentence=Span(start=0, end=first_end),
            )
        ],
        quotes=[
            Quote(
                id="Q1",
                text=quote,
                start=at,
                end=at + len(quote),
                kind="direct",
                speaker=Speaker(name="the army spokesman"),
                cue="told",
                channel="reporters",
            )
        ],
    )


def render(*, terminal: bool, width: int = 300) -> str:
    out = io.StringIO()
    console = make_console(out, width=width, force_terminal=terminal or None)
    view = TextView(console)
    view.article(_article())
    view.summary(skipped=1)
    return out.getvalue()


def test_an_article_reads_as_headline_events_quotes_places_and_counts() -> None:
    shown = " ".join(render(terminal=False).split())
    assert "Market shelled [bold]in[/bold] Khartoum" in shown  # article text is never console markup
    assert "2025-05-05 · KHARTOUM · https://news.example.org/market" in shown
    assert "ASSAULT / shelling" in shown
    assert "Paramilitary fighters [SD] → a market" in shown
    assert "claimed" in shown and "by Sudanese Armed Forces" in shown  # the claimant by name, not "E1"
    assert "Paramilitary fighters shelled a market" in shown
    assert "the army spokesman (reporters)" in shown and "direct" in shown
    assert "15.552, 32.532" in shown
    assert "1 events, 1 quotes, 1 places" in shown
    assert "1 articles: 1 events, 1 quotes, 1 places, 1 entities; 1 inputs skipped" in shown


def test_plain_text_in_a_pipe_and_colour_on_a_terminal() -> None:
    assert "\x1b[" not in render(terminal=False)
    coloured = render(terminal=True)
    assert "\x1b[" in coloured
    assert "\x1b[1;4mshelled" in coloured  # the trigger stands out in its sentence


def test_a_long_sentence_is_shortened_around_its_trigger() -> None:
    article = _article()
    long_text = "Officials in the capital said that " * 12 + TEXT
    offset = len(long_text) - len(TEXT)
    event = article.events[0]
    trigger = Span(start=event.trigger.start + offset, end=event.trigger.end + offset, text="shelled")
    article = article.model_copy(
        update={
            "text": long_text,
            "events": [event.model_copy(update={"trigger": trigger, "sentence": Span(start=0, end=len(long_text))})],
            "quotes": [],
        }
    )
    out = io.StringIO()
    TextView(make_console(out, width=200)).article(article)
    flat = " ".join(out.getvalue().split())
    assert "shelled" in flat and "…" in flat
    assert flat.count("Officials in the capital") < 12


def test_extract_defaults_to_json_in_a_pipe_and_text_on_a_terminal() -> None:
    piped = run_cli("extract")
    assert piped.returncode == 0, piped.stderr
    assert json.loads(piped.stdout)["newsledger"] == "1"

    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "140", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen(
        [sys.executable, "-c", "from newsledger.cli import run; run()", "extract"],
        stdout=follower,
        stderr=subprocess.PIPE,
        env=env,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert process.wait(timeout=300) == 0, process.stderr.read() if process.stderr else ""
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert "Events" in shown and "Quotes" in shown and "Places" in shown
    assert "\x1b[" in shown  # coloured
    assert "2 articles:" in shown
    assert '"newsledger"' not in shown


def test_format_text_in_a_pipe_is_plain_tables() -> None:
    result = run_cli("extract", "--format", "text")
    assert result.returncode == 0, result.stderr
    shown = result.stdout.decode()
    assert "\x1b[" not in shown
    assert "2 articles:" in shown and "→" in shown


def test_the_trigger_is_marked_at_its_offsets_when_its_word_occurs_twice() -> None:
    text = "Rebels shelled the  town\nafter the army shelled a market on Monday."
    second = text.rindex("shelled")
    article = _article().model_copy(
        update={
            "text": text,
            "events": [
                _article()
                .events[0]
                .model_copy(
                    update={
                        "trigger": Span(start=second, end=second + 7, text="shelled"),
                        "sentence": Span(start=0, end=len(text)),
                    }
                )
            ],
            "quotes": [],
        }
    )
    out = io.StringIO()
    TextView(make_console(out, width=300, force_terminal=True)).article(article)
    shown = out.getvalue()
    assert "\x1b[1;4mshelled\x1b[0m a market" in shown
    assert "the town after" in shown  # whitespace inside the sentence is folded

"""The ledger as a person reads it (``newsledger extract --format text``).

Each article becomes a heading (headline, date, source), then its events, quotes and places as rich
tables, then the counts. rich decides colour from the terminal: colour on a terminal, plain text in a
pipe or a file (``NO_COLOR`` is honoured). Article text is untrusted, so it is always printed as
``rich.text.Text``, never parsed as console markup.
"""

from __future__ import annotations

from collections import Counter
from typing import IO

from rich.console import Console
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from newsledger.model import Actor, Article, Event

SENTENCE_CHARS = 110  # a source sentence is shortened to this, around its trigger
QUOTE_CHARS = 160

STATUS_STYLES = {
    "asserted": "green",
    "claimed": "yellow",
    "unverified": "yellow",
    "disputed": "red",
    "negated": "red",
    "planned": "cyan",
    "conditional": "cyan",
}


def make_console(
    file: IO[str] | None = None, *, width: int | None = None, force_terminal: bool | None = None
) -> Console:
    """A console that colours only a terminal; in a pipe it writes plain text 120 columns wide."""
    console = Console(file=file, highlight=False, soft_wrap=False, force_terminal=force_terminal)
    if not console.is_terminal and width is None:
        width = 120
    if width:
        console.width = width
    return console


class TextView:
    """Prints articles one by one as they are extracted, then the totals."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.totals: Counter[str] = Counter()

    def article(self, article: Article) -> None:
        console = self.console
        self.totals.update(
            articles=1,
            events=len(article.events),
            quotes=len(article.quotes),
            places=len(article.places),
            entities=len(article.entities),
        )
        console.print(Rule(style="dim"))
        console.print(Text(article.headline or "(no headline)", style="bold"))
        facts = [article.published or "no date", article.dateline or "", article.url or article.source]
        if article.byline:
            facts.append("by " + ", ".join(article.byline))
        console.print(Text(" · ".join(fact for fact in facts if fact), style="dim"))
        if article.events:
            console.print(_events_table(article))
        if article.quotes:
            console.print(_quotes_table(article))
        if article.places:
            console.print(_places_table(article))
        console.print(
            Text(
                f"{len(article.events)} events, {len(article.quotes)} quotes, {len(article.places)} places, "
                f"{len(article.entities)} entities, {len(article.dates)} dates, {len(article.amounts)} amounts",
                style="dim",
            )
        )

    def summary(self, skipped: int = 0) -> None:
        totals = self.totals
        line = (
            f"{totals['articles']} articles: {totals['events']} events, {totals['quotes']} quotes, "
            f"{totals['places']} places, {totals['entities']} entities"
        )
        if skipped:
            line += f"; {skipped} inputs skipped"
        self.console.print(Rule(style="dim"))
        self.console.print(Text(line, style="bold"))


def _events_table(article: Article) -> Table:
    places = {place.id: place for place in article.places}
    names = {entity.id: entity.name for entity in article.entities}
    table = Table(title="Events", title_justify="left", show_lines=False, expand=True)
    table.add_column("date", no_wrap=True)
    table.add_column("type / mode", no_wrap=True)
    table.add_column("actor → target", ratio=2)
    table.add_column("place", ratio=1)
    table.add_column("status", ratio=1, min_width=11)
    table.add_column("source sentence", ratio=4)
    for event in article.events:
        place = places.get(event.place) if event.place else None
        type_mode = event.type + (f" / {event.mode}" if event.mode else "")
        actors = _actor(event.actor1) + " → " + (_actor(event.actor2) if event.actor2 else "—")
        status = Text(event.status, style=STATUS_STYLES.get(event.status, ""))
        if event.source:
            # `source` is who claims it: an entity id in the contract, shown by name.
            status.append(f"\nby {names.get(event.source, event.source)}", style="dim")
        table.add_row(
            Text(event.date.value if event.date else article.published or ""),
            Text(type_mode, style="bold"),
            Text(actors),
            Text(place.name if place else ""),
            status,
            _sentence(article, event),
        )
    return table


def _quotes_table(article: Article) -> Table:
    table = Table(title="Quotes", title_justify="left", expand=True)
    table.add_column("speaker", ratio=1)
    table.add_column("kind", no_wrap=True)
    table.add_column("words", ratio=4)
    for quote in article.quotes:
        speaker = quote.speaker.name or "(unknown)"
        if quote.channel:
            speaker += f" ({quote.channel})"
        table.add_row(Text(speaker), Text(quote.kind), Text(shorten(quote.text, QUOTE_CHARS)))
    return table


def _places_table(article: Article) -> Table:
    table = Table(title="Places", title_justify="left", expand=True)
    table.add_column("place", ratio=2)
    table.add_column("kind", no_wrap=True)
    table.add_column("country", no_wrap=True)
    table.add_column("lat, lon", no_wrap=True, justify="right")
    table.add_column("mentions", justify="right", no_wrap=True)
    table.add_column("by adjective", justify="right", no_wrap=True)  # associative: "Sudanese"
    for place in article.places:
        where = place.name + (f", {place.admin1}" if place.admin1 and place.admin1 != place.name else "")
        point = f"{place.lat:.3f}, {place.lon:.3f}" if place.lat is not None and place.lon is not None else "—"
        table.add_row(Text(where), Text(place.kind), Text(place.country or ""), Text(point), str(len(place.mentions)),
                      str(len(place.associative_mentions)))  # fmt: skip
    return table


def _actor(actor: Actor | None) -> str:
    if actor is None or not actor.text.strip():
        return "—"
    return actor.text + (f" [{actor.country}]" if actor.country else "")


def _sentence(article: Article, event: Event) -> Text:
    """The event's sentence, shortened around its trigger, with the trigger in bold.

    The trigger is placed by its offsets, not by searching its word, so a word that occurs twice in the
    sentence is marked where the event was read."""
    start, end = event.sentence.start, event.sentence.end
    trigger_start = min(max(event.trigger.start, start), end)
    trigger_end = min(max(event.trigger.end, trigger_start), end)
    before = " ".join(article.text[start:trigger_start].split())
    trigger = " ".join(article.text[trigger_start:trigger_end].split())
    after = " ".join(article.text[trigger_end:end].split())
    space_before = " " if before and article.text[trigger_start - 1 : trigger_start].isspace() else ""
    space_after = " " if after and article.text[trigger_end : trigger_end + 1].isspace() else ""
    sentence = before + space_before + trigger + space_after + after
    at = len(before) + len(space_before)
    if len(sentence) > SENTENCE_CHARS:
        cut = max(0, min(at - SENTENCE_CHARS // 3, len(sentence) - SENTENCE_CHARS))
        prefix, suffix = ("…" if cut else ""), ("…" if cut + SENTENCE_CHARS < len(sentence) else "")
        sentence = prefix + sentence[cut : cut + SENTENCE_CHARS] + suffix
        at = at - cut + len(prefix)
    text = Text(sentence)
    if trigger:
        text.stylize("bold underline", at, min(at + len(trigger), len(sentence)))
    return text


def shorten(words: str, limit: int) -> str:
    words = " ".join(words.split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"

"""The quotes stage: who said what, with the cue verb, the channel, and the speaker's entity.

- Direct quotes: text between quotation marks (curly or straight), split around
  the cue (“X,” he said. “Y.”) and running over paragraphs (an opening mark at
  the start of each, one closing mark at the end).
- Partial quotes: quoted words inside a clause ("would grant a “temporary break”").
- Indirect quotes: the clause a reporting verb governs ("Peskov said that ..."),
  "according to X", "accusing Moscow of ...".

Speakers are the subject of the cue verb, resolved to an entity of the article:
names directly; "he"/"she" to the nearest preceding person; "it"/"they" to the
nearest organisation or group; descriptions ("the ministry", "the commander")
to the nearest entity with that word in its name or roles; an indefinite
description ("a US official who wasn't authorized to comment") is an anonymous
speaker (``entity: null``).

The package, one concern a module: :mod:`.words` (word lists), :mod:`.marks` (quotation marks),
:mod:`.cues` (readings of a reporting verb), :mod:`.content` (what was said), :mod:`.signatures`
(dash signatures and "Name: ..." labels), :mod:`.builder` (:class:`QuoteBuilder`, one article's
quotes). Who a speaker is comes from :mod:`newsledger.resolve.mentions`, shared with events.
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsledger.model import Entity, Quote
from newsledger.stage import Work
from newsledger.stages.quotes.builder import QuoteBuilder
from newsledger.stages.quotes.marks import QuotedSpan, find_quoted

__all__ = ["QuoteBuilder", "QuoteStage", "QuotedSpan", "find_quoted", "find_quotes"]


def find_quotes(doc: Doc, entities: list[Entity]) -> list[Quote]:
    """Every quote of a parsed article, in text order."""
    builder = QuoteBuilder(doc, entities)
    builder.indirect(builder.direct(builder.labelled()))
    quotes = sorted(builder.quotes, key=lambda q: (q.start, q.end))
    for number, quote in enumerate(quotes, start=1):
        quote.id = f"Q{number}"
    return quotes


class QuoteStage:
    """Fills ``quotes`` from the shared parse and the article's entities."""

    name = "quotes"
    requires = ("doc", "entities")
    assigns = ("quotes",)

    def __call__(self, batch: list[Work]) -> None:
        for work in batch:
            work.article.quotes = find_quotes(work.doc, work.article.entities)

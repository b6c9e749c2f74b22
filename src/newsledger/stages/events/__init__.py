"""The events stage: PLOVER events with actors, place, date, status and source.

Each verb (or a light verb with an event noun: "carried out strikes", "held
talks") whose lemma is in :data:`TRIGGERS` is an event. Its ``actor1`` is the
subject (the agent of a passive), ``actor2`` the object or the object of
"with/on/against/to"; both are tied to the article's entities. ``status`` says
how the text holds it: inside a quote or a reported clause it is ``claimed``
(``source`` the speaker), ``unverified`` when the sentence says it could not be
verified, ``negated`` under a negation, ``planned`` under will/plan/expect,
``conditional`` under if/would/could. Repeated reports of one event (same type
and actors) become ``mentions`` of the first.

The package, one concern a module:

- :mod:`.words`: the word lists, and the tables read from ``data/event_lexicon.tsv``;
- :mod:`.clauses`: small readings of the parse the others share (lemmas, subjects, objects, hosts);
- :mod:`.triggers`: which words report an event and of which type (verbs, nouns, objects, frames);
- :mod:`.actors`: the parse paths from a trigger to its acting and receiving parties;
- :mod:`.status`: how the text holds an event (claimed, negated, planned, ...);
- :mod:`.coder`: :class:`EventCoder`, one article's events with actors, place, date, status, source;
- :mod:`.merge`: repeated reports of one event within an article joined into one.

Who a phrase names (shared with quotes) is :mod:`newsledger.resolve.mentions`; the speech
vocabulary :mod:`newsledger.syntax.speech`; an event's candidate places :mod:`newsledger.syntax.event_place`.
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsledger.model import Article, Event
from newsledger.stage import Work
from newsledger.stages.events.coder import EventCoder

__all__ = ["EventCoder", "EventStage", "code_events"]


def code_events(article: Article, doc: Doc) -> list[Event]:
    """The PLOVER events of one parsed article (entities, places, dates and quotes already filled)."""
    return EventCoder(article, doc).code()


class EventStage:
    """Fills ``events``; runs after entities, places, dates and quotes."""

    name = "events"
    requires = ("doc", "entities", "places", "dates", "quotes")
    assigns = ("events",)

    def __call__(self, batch: list[Work]) -> None:
        for work in batch:
            work.article.events = code_events(work.article, work.doc)

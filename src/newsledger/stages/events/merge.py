"""Repeated reports of one event within an article become mentions of the first."""

from __future__ import annotations

from newsledger.model import Actor, Event
from newsledger.stages.events.words import HAPPENING_WINDOW, MATERIAL_CONFLICT, VERBAL


def _merge_repeats(events: list[Event], states: frozenset[str] = frozenset()) -> list[Event]:
    """Later reports of the same event (type, actors, place) become mentions of the first. ``states`` are the
    ids of countries and their organs: a state's statement repeated in the name of its ministry or army ("Russia
    would treat them as targets" ... "targets for the Russian Armed Forces") is one statement."""
    kept: list[Event] = []
    seen: dict[tuple[str, str | None, str | None], Event] = {}
    for event in events:
        a1 = event.actor1.entity
        a2 = event.actor2.entity if event.actor2 else None
        key = (event.type, a1, a2)
        state = None
        if a1 in states and a2 is None and event.type in VERBAL and event.actor1.country and event.mode:
            # the mode says it is the same statement ("targets": a threat of violence), not any other request
            state = (event.type, f"state:{event.actor1.country}:{event.mode}", None)
        first = seen.get(key) if a1 else None
        if first is None and state is not None:
            first = seen.get(state)
        # A statement or a measure between two countries told again in the article ("the tariffs on Canada"
        # after "Trump imposed tariffs on Canada"): one event, whatever words name its parties.
        between = _between(event)
        if first is None and between is not None:
            first = seen.get(between)
        if first is not None and first.sentence.start != event.sentence.start:
            _absorb(first, event)  # the telling that dates or places it dates or places it
            continue
        if (happening := _same_happening(kept, event)) is not None:
            _absorb(happening, event)
            continue
        seen[key] = event
        if state is not None:
            seen.setdefault(state, event)
        if between is not None:
            seen.setdefault(between, event)
        kept.append(event)
    for number, event in enumerate(kept, start=1):
        event.id = f"V{number}"
    return kept


def _between(event: Event) -> tuple[str, str | None, str | None] | None:
    """The key of a verbal event or a sanction by one country on another, by the countries alone."""
    one, other = event.actor1.country, event.actor2.country if event.actor2 else None
    if event.type not in VERBAL | {"SANCTION"} or not one or not other or one == other:
        return None
    return (f"{event.type}:{event.mode or ''}", f"country:{one}", f"country:{other}")


def _compatible(one: Actor | None, other: Actor | None) -> bool:
    """Whether two actors can be the same party: either unnamed, or the same entity or country."""
    if one is None or other is None or not (one.entity or one.country) or not (other.entity or other.country):
        return True
    if one.entity and other.entity:
        return one.entity == other.entity
    return not (one.country and other.country) or one.country == other.country


def _same_happening(kept: list[Event], event: Event) -> Event | None:
    """The kept event that ``event`` reports again: one material event told with several verbs ("stormed",
    "blew up", "killed") close together, or the same type twice in one sentence, with no party, place or date
    that tells them apart."""
    for other in reversed(kept):
        if other.type != event.type:
            continue
        last = max([other.sentence, *other.mentions], key=lambda span: span.start)
        same_sentence = last.start == event.sentence.start
        near = event.sentence.start - last.end <= HAPPENING_WINDOW
        if not same_sentence and not (event.type in MATERIAL_CONFLICT and near):
            continue
        if event.place and other.place and event.place != other.place:
            continue
        if event.date and other.date and event.date.value != other.date.value:
            continue
        if _compatible(other.actor1, event.actor1) and _compatible(other.actor2, event.actor2):
            return other
    return None


def _known(actor: Actor | None) -> bool:
    return actor is not None and bool(actor.entity or actor.country)


def _absorb(first: Event, later: Event) -> None:
    """``later`` becomes a mention of ``first``, which takes the parties, place and date it lacked."""
    if later.sentence.start != first.sentence.start and later.sentence not in first.mentions:
        first.mentions.append(later.sentence)
    if not _known(first.actor1) and _known(later.actor1):
        first.actor1 = later.actor1
    if not _known(first.actor2) and _known(later.actor2):
        first.actor2 = later.actor2
    if first.place is None and later.place is not None:
        first.place, first.place_source = later.place, later.place_source
    first.date = first.date or later.date

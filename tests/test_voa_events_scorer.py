"""The VOA gold scorer's matching rules on an invented story (never the gold's own text)."""

from __future__ import annotations

from newsledger.evaluation import voa_events as voa
from newsledger.model import Actor, Article, Event, Place, Quote, Span, Speaker

TEXT = "Ruritania shelled the port of Oskar on Monday. The shelling went on. Elsewhere, nothing happened."


def _event(kind: str, sentence: tuple[int, int], country: str | None = None, place: str | None = None) -> Event:
    return Event(
        id=f"E{sentence[0]}",
        type=kind,
        actor1=Actor(text="Ruritania", country=country),
        place=place,
        trigger=Span(start=sentence[0], end=sentence[0] + 3),
        sentence=Span(start=sentence[0], end=sentence[1]),
    )


def _gold() -> dict:
    return {
        "places": [{"name": "Oskar", "lat": 10.0, "lon": 20.0, "km": 30, "required": True}],
        "quotes": [{"contains": "we will “win”", "speaker": ["Blum"]}],
        "events": [
            {"id": "G1", "types": ["ASSAULT"], "sentences": ["shelled the port", "The shelling went on"],
             "actor1": "RU", "place": "Oskar", "status": ["asserted"], "required": True},
            {"id": "G2", "types": ["AGREE"], "sentences": ["nothing happened"], "required": True},
        ],
    }  # fmt: skip


def test_matching_duplicates_fields_and_quotes() -> None:
    first, second = TEXT.index("The shelling"), TEXT.index("Elsewhere")
    article = Article(
        id="a",
        source="t",
        text=TEXT,
        places=[Place(id="P1", name="Oskar City", lat=10.1, lon=20.1)],
        events=[
            _event("ASSAULT", (0, first), country="RU", place="P1"),
            _event("ASSAULT", (first, second)),  # the same gold event again: a duplicate
            _event("PROTEST", (second, len(TEXT))),  # no gold event of that type: unmatched
        ],
        quotes=[Quote(id="Q1", text='"We will \u201cwin\u201d  soon"', start=0, end=5, kind="direct",
                      speaker=Speaker(name="Anna Blum"))],
    )  # fmt: skip
    tally, errors = voa.Tally(), list[str]()
    voa.score_article(_gold(), article, tally, errors)
    assert (tally.predicted, tally.matched_required, tally.duplicates, tally.unmatched) == (3, 1, 1, 1)
    assert tally.gold_required == 2 and tally.found_required == 1
    assert tally.fields["actor1"] == [1, 1] and tally.fields["place"] == [1, 1] and tally.fields["status"] == [1, 1]
    precision, recall, _ = tally.prf()
    assert (round(precision, 3), recall) == (0.333, 0.5)
    assert (tally.quotes_found, tally.speaker_right) == (1, 1)
    assert any(line.startswith("missed G2") for line in errors)


def test_place_resolves_by_distance_or_country() -> None:
    gold_places = [{"name": "Oskar", "lat": 10.0, "lon": 20.0, "km": 30}, {"name": "Ruritania", "country": "RU"}]
    article = Article(
        id="a",
        source="t",
        text=TEXT,
        places=[Place(id="P1", name="Port Oskar", lat=10.05, lon=20.0), Place(id="P2", name="Far", lat=0, lon=0),
                Place(id="P3", name="Republic of R.", country="RU", kind="country")],
    )  # fmt: skip
    assert voa.place_right(article, _event("ASSAULT", (0, 5), place="P1"), "Oskar", gold_places)
    assert not voa.place_right(article, _event("ASSAULT", (0, 5), place="P2"), "Oskar", gold_places)
    assert voa.place_right(article, _event("ASSAULT", (0, 5), place="P3"), "Ruritania", gold_places)
    assert not voa.place_right(article, _event("ASSAULT", (0, 5)), "Oskar", gold_places)


def test_norm_treats_curly_quotes_and_spaces_alike() -> None:
    assert voa.norm("  It\u2019s  \u201cso\u201d\n") == 'it\'s "so"'

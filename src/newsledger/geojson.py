"""GeoJSON of a ledger: one Feature per resolved place, and one per event with a place.

Coordinates are ``[lon, lat]`` (RFC 7946). Each feature says which article it
came from and where in its text it was read.
"""

from __future__ import annotations

from typing import Any

from newsledger.model import Article


def _point(lat: float | None, lon: float | None) -> dict[str, Any]:
    """A GeoJSON point; only called for places that have both coordinates."""
    assert lat is not None and lon is not None
    return {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}


def article_features(article: Article) -> list[dict[str, Any]]:
    """The article's places with coordinates, then its events that happened at one of them."""
    features: list[dict[str, Any]] = []
    located = {place.id: place for place in article.places if place.lat is not None and place.lon is not None}
    for place in located.values():
        features.append(
            {
                "type": "Feature",
                "geometry": _point(place.lat, place.lon),
                "properties": {
                    "feature": "place",
                    "article": article.id,
                    "id": place.id,
                    "name": place.name,
                    "kind": place.kind,
                    "country": place.country,
                    "admin1": place.admin1,
                    "geonameid": place.geonameid,
                    "confidence": place.confidence,
                    "mentions": [[span.start, span.end] for span in place.mentions],
                    # demonyms ("Sudanese"); a place with only these is never named in the text
                    "associative_mentions": [[span.start, span.end] for span in place.associative_mentions],
                },
            }
        )
    for event in article.events:
        event_place = located.get(event.place or "")
        if event_place is None:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": _point(event_place.lat, event_place.lon),
                "properties": {
                    "feature": "event",
                    "article": article.id,
                    "id": event.id,
                    "type": event.type,
                    "mode": event.mode,
                    "actor1": event.actor1.text,
                    "actor2": event.actor2.text if event.actor2 else None,
                    "place": event_place.name,
                    "date": event.date.value if event.date else None,
                    "status": event.status,
                    "trigger": [event.trigger.start, event.trigger.end],
                    "sentence": [event.sentence.start, event.sentence.end],
                },
            }
        )
    return features

"""The map of events, drawn on the server as SVG: Natural Earth country outlines (shipped in
``basemap/``) in an equirectangular projection, and one circle per place that has events, sized by
how many. No tiles, no JavaScript map library, nothing fetched.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Any

MIN_WIDTH = 60.0  # degrees of longitude shown at least: one city still shows its region and neighbours
ASPECT = 2.0  # width / height of the drawing
PAD = 0.15  # margin around the events, as a share of their extent


@dataclass
class Marker:
    name: str
    country: str | None
    lat: float
    lon: float
    x: float
    y: float
    events: list[dict[str, Any]] = field(default_factory=list)

    @property
    def radius(self) -> float:
        return math.sqrt(len(self.events))

    @property
    def status(self) -> str:
        """ "asserted" when any of its events is, else "claim": how the circle is drawn."""
        return "asserted" if any(e.get("status") == "asserted" for e in self.events) else "claim"


@dataclass
class WorldMap:
    view_box: tuple[float, float, float, float]
    markers: list[Marker]
    countries: list[dict[str, str]]

    @property
    def view_box_text(self) -> str:
        return " ".join(f"{value:.2f}" for value in self.view_box)

    @property
    def scale(self) -> float:
        """Degrees per unit of marker radius: circles keep their size on the page whatever the zoom."""
        return self.view_box[2] / 180.0


@lru_cache(maxsize=1)
def countries() -> list[dict[str, str]]:
    path = files("newsledger.web") / "basemap" / "countries-110m.json"
    return json.loads(path.read_text(encoding="utf-8"))["countries"]


@lru_cache(maxsize=1)
def basemap_svg() -> str:
    """The country outlines as a standalone SVG file, for the app's pages to load once and cache (the
    report inlines the paths instead). Names are escaped: they are our data, but the file is XML."""
    from html import escape

    paths = "".join(f'<path d="{c["d"]}"><title>{escape(c["name"])}</title></path>' for c in countries())
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 180" width="360" height="180">'
        '<g fill="#d7dcd3" stroke="#ffffff" stroke-width="0.15">' + paths + "</g></svg>\n"
    )


def project(lat: float, lon: float) -> tuple[float, float]:
    return lon + 180.0, 90.0 - lat


def world_map(event_rows: list[dict[str, Any]]) -> WorldMap:
    """The map of these events (rows of ``find_events``/``timeline``): those without coordinates are left off."""
    by_place: dict[tuple[float, float], Marker] = {}
    for row in event_rows:
        lat, lon = row.get("lat"), row.get("lon")
        if lat is None or lon is None:
            continue
        key = (round(lat, 4), round(lon, 4))
        marker = by_place.get(key)
        if marker is None:
            x, y = project(lat, lon)
            marker = Marker(row.get("place") or "", row.get("place_country"), lat, lon, x, y)
            by_place[key] = marker
        marker.events.append(row)
    markers = sorted(by_place.values(), key=lambda m: -len(m.events))  # small circles drawn last, on top
    return WorldMap(_fit(markers), markers, countries())


def _fit(markers: list[Marker]) -> tuple[float, float, float, float]:
    if not markers:
        return (0.0, 0.0, 360.0, 180.0)
    xs = [m.x for m in markers]
    ys = [m.y for m in markers]
    width = max(MIN_WIDTH, (max(xs) - min(xs)) * (1 + 2 * PAD), (max(ys) - min(ys)) * (1 + 2 * PAD) * ASPECT)
    width = min(width, 360.0)
    height = width / ASPECT
    x = min(max((min(xs) + max(xs)) / 2 - width / 2, 0.0), 360.0 - width)
    y = min(max((min(ys) + max(ys)) / 2 - height / 2, 0.0), 180.0 - height)
    return (x, y, width, height)

#!/usr/bin/env python3
"""Convert world-atlas's countries-110m TopoJSON (Natural Earth) into the web app's basemap:
one SVG path per country, equirectangular, in degrees (x = lon + 180, y = 90 - lat).

Run once when the basemap changes; the output is committed:
    npm pack world-atlas@2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build-basemap.py package/countries-110m.json src/newsledger/web/basemap/countries-110m.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs are quantised and delta-encoded: back to (lon, lat) points."""
    scale = topology["transform"]["scale"]
    translate = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indices: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def path_data(rings: list[list[tuple[float, float]]]) -> str:
    parts = []
    for points in rings:
        coords = []
        last = None
        shift = 0.0  # a ring crossing the antimeridian (Russia, Fiji) is unwrapped past x = 360, not drawn across
        previous = points[0][0] if points else 0.0
        for lon, lat in points:
            if lon - previous > 180:
                shift -= 360
            elif lon - previous < -180:
                shift += 360
            previous = lon
            xy = (round(lon + shift + 180, 1), round(90 - lat, 1))
            if xy != last:
                coords.append(f"{xy[0]:g} {xy[1]:g}")
                last = xy
        if len(coords) >= 3:
            parts.append("M" + "L".join(coords) + "Z")
    return "".join(parts)


def main(source: str, target: str) -> None:
    topology = json.loads(Path(source).read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("type") == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry.get("type") == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = [ring(arcs, indices) for polygon in polygons for indices in polygon]
        d = path_data(rings)
        if d:
            countries.append({"name": geometry.get("properties", {}).get("name", ""), "d": d})
    out = {
        "source": "world-atlas 2.0.2 countries-110m.json (Natural Earth 1:110m, public domain)",
        "projection": "equirectangular, degrees: x = lon + 180, y = 90 - lat",
        "countries": countries,
    }
    Path(target).write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{target}: {len(countries)} countries, {Path(target).stat().st_size:,} bytes")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

#!/usr/bin/env python3
"""Build briefgen/data/world-110m.json, the map block's country shapes, once.

Source: Natural Earth 1:110m admin-0 countries (public domain), as TopoJSON in the npm
package world-atlas 2.0.2 (ISC licence, Mike Bostock). Run from the repository root:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build-world-map.py package/countries-110m.json

The output keys each country by its ISO 3166 alpha-2 code (from the numeric ids, through
Babel's CLDR data) and stores its rings as flat lists of longitude and latitude in tenths of
a degree: about a third of the TopoJSON's size, read with the standard library alone.
Shapes without an ISO code (N. Cyprus, Somaliland) are kept, unnamed, as background.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.core import get_global

OUTPUT = Path(__file__).resolve().parent.parent / "briefgen" / "data" / "world-110m.json"
NAMED_WITHOUT_ID = {"Kosovo": "XK"}


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[int]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    flat: list[int] = []
    last = None
    for lon, lat in points:
        point = (round(lon * 10), round(lat * 10))
        if point != last:
            flat.extend(point)
            last = point
    return flat


def main(source: str) -> None:
    topology = json.loads(Path(source).read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    aliases = get_global("territory_aliases")
    countries: dict[str, list[list[int]]] = {}
    unnamed = 0
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs", [])], "MultiPolygon": geometry.get("arcs", [])}
        rings = [
            ring(arcs, indexes)
            for polygon in polygons.get(geometry["type"], [])
            for indexes in polygon
        ]
        rings = [r for r in rings if len(r) >= 6]
        name = geometry["properties"]["name"]
        numeric = geometry.get("id")
        if numeric:
            (code,) = aliases[numeric]
        elif name in NAMED_WITHOUT_ID:
            code = NAMED_WITHOUT_ID[name]
        else:
            unnamed += 1
            code = f"-{unnamed}"
        countries.setdefault(code, []).extend(rings)
    document = {
        "source": "Natural Earth 1:110m admin-0 countries (public domain), via world-atlas 2.0.2",
        "units": "rings of longitude, latitude pairs in tenths of a degree",
        "countries": dict(sorted(countries.items())),
    }
    OUTPUT.write_text(json.dumps(document, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size // 1024} KB, {len(countries)} shapes)")


if __name__ == "__main__":
    main(sys.argv[1])

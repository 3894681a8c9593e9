"""Country maps drawn offline: Natural Earth shapes, the Equal Earth projection, SVG out.

The shapes, codes and names are the model's (:mod:`briefgen.model.countries`: shipped
shapes, CLDR through Babel, so a brief in French names Côte d'Ivoire the French way without
a table of our own); this module projects and draws them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from xml.sax.saxutils import quoteattr

from briefgen.model.countries import shapes

WIDTH = 300.0  # SVG units; the image is scaled to the column's width
LAND = "#d9dee5"  # countries not named: a quiet grey, so the named ones stand out
BORDER = "#ffffff"
FRAME = "#c9ced6"

# Equal Earth (Šavrič, Patterson and Jenny, 2018): an equal-area projection for world maps.
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def equal_earth(longitude: float, latitude: float) -> tuple[float, float]:
    """Projected x, y (y up) of a point given in degrees; the world spans x in +-2.71."""
    lam, phi = math.radians(longitude), math.radians(latitude)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


def _one_side(ring: list[int]) -> list[tuple[float, float]]:
    """A ring's points in degrees; a ring that crosses the antimeridian (Fiji, Chukotka) is
    held on its first point's side, so it is not drawn as a band across the whole world."""
    points = [(ring[i] / 10, ring[i + 1] / 10) for i in range(0, len(ring), 2)]
    longitudes = [lon for lon, _ in points]
    if max(longitudes) - min(longitudes) <= 270:
        return points
    side = 180.0 if points[0][0] > 0 else -180.0
    return [(lon if (lon > 0) == (side > 0) else side, lat) for lon, lat in points]


@cache
def _projected() -> dict[str, list[list[tuple[float, float]]]]:
    return {
        code: [[equal_earth(lon, lat) for lon, lat in _one_side(ring)] for ring in rings]
        for code, rings in shapes().items()
    }


@dataclass(frozen=True)
class MapData:
    fills: dict[str, str]  # alpha-2 code -> colour of each named country
    whole_world: bool


def _bounds(codes: list[str]) -> tuple[float, float, float, float]:
    points = [point for code in codes for ring in _projected()[code] for point in ring]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def view_box(codes: list[str], whole_world: bool) -> tuple[float, float, float, float]:
    """The projected area to draw: the whole world, or the countries with context around."""
    if whole_world or not codes:
        return _bounds([code for code in shapes() if code != "AQ"])
    left, bottom, right, top = _bounds(codes)
    width, height = right - left, top - bottom
    pad = max(width, height) * 0.2 + 0.08
    left, right, bottom, top = left - pad, right + pad, bottom - pad, top + pad
    width, height = right - left, top - bottom
    # Keep a landscape shape between 3:2 and 2:1, widening or heightening around the centre.
    if width < height * 3 / 2:
        grow = (height * 3 / 2 - width) / 2
        left, right = left - grow, right + grow
    elif width > height * 2:
        grow = (width / 2 - height) / 2
        bottom, top = bottom - grow, top + grow
    return left, bottom, right, top


def _path(rings: list[list[tuple[float, float]]], scale: float, left: float, top: float) -> str:
    parts = []
    for ring in rings:
        points = " ".join(f"{(x - left) * scale:.1f} {(top - y) * scale:.1f}" for x, y in ring)
        parts.append(f"M{points}Z")
    return "".join(parts)


def _overlaps(
    rings: list[list[tuple[float, float]]], box: tuple[float, float, float, float]
) -> bool:
    left, bottom, right, top = box
    return any(
        min(x for x, _ in ring) < right
        and max(x for x, _ in ring) > left
        and min(y for _, y in ring) < top
        and max(y for _, y in ring) > bottom
        for ring in rings
    )


def draw_map(data: MapData) -> str:
    """The map as a standalone SVG document."""
    box = view_box(list(data.fills), data.whole_world)
    left, bottom, right, top = box
    scale = WIDTH / (right - left)
    height = (top - bottom) * scale
    body = []
    for code, rings in _projected().items():
        if (code == "AQ" and code not in data.fills) or not _overlaps(rings, box):
            continue
        fill = data.fills.get(code, LAND)
        body.append(f'<path d="{_path(rings, scale, left, top)}" fill={quoteattr(fill)}/>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:.0f} {height:.1f}" '
        f'width="{WIDTH:.0f}" height="{height:.1f}">'
        f'<g stroke="{BORDER}" stroke-width="0.4" stroke-linejoin="round" fill-rule="evenodd">'
        + "".join(body)
        + f'</g><rect x="0.25" y="0.25" width="{WIDTH - 0.5:.1f}" height="{height - 0.5:.1f}" '
        f'fill="none" stroke="{FRAME}" stroke-width="0.5"/></svg>'
    )

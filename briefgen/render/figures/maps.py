"""Country maps drawn offline: Natural Earth shapes, the Equal Earth projection, SVG out.

The shapes, codes and names are the model's (:mod:`briefgen.model.countries`: shipped
shapes, CLDR through Babel, so a brief in French names Côte d'Ivoire the French way without
a table of our own); this module projects and draws them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache
from xml.sax.saxutils import escape, quoteattr

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
    labels: dict[str, str] = field(default_factory=dict)  # code -> its value, as printed
    font_family: str = "sans-serif"


LABEL_SIZE = 7.0  # SVG units: the size of the legend's text once the map is scaled
HALO = "#ffffff"
TEXT = "#1d1d1f"


def _edges(ring: list[tuple[float, float]]) -> list[tuple[float, float, float, float, float]]:
    """Each edge of a closed ring: x0, y0, x1, y1 and its cross product x0 * y1 - x1 * y0."""
    following = ring[1:] + ring[:1]
    return [
        (x0, y0, x1, y1, x0 * y1 - x1 * y0)
        for (x0, y0), (x1, y1) in zip(ring, following, strict=True)
    ]


def _area(ring: list[tuple[float, float]]) -> float:
    return abs(sum(edge[4] for edge in _edges(ring)))


def _centre(ring: list[tuple[float, float]]) -> tuple[float, float]:
    """The ring's centroid (its points' mean when it has no area)."""
    edges = _edges(ring)
    twice = sum(edge[4] for edge in edges)
    if abs(twice) < 1e-12:
        return sum(x for x, _ in ring) / len(ring), sum(y for _, y in ring) / len(ring)
    cx = sum((x0 + x1) * cross for x0, _, x1, _, cross in edges)
    cy = sum((y0 + y1) * cross for _, y0, _, y1, cross in edges)
    return cx / (3 * twice), cy / (3 * twice)


Box = tuple[float, float, float, float]  # left, top, right, bottom, in SVG units


def _inside(point: tuple[float, float], ring: list[tuple[float, float]]) -> bool:
    """Whether ``point`` lies inside ``ring`` (even-odd rule)."""
    x, y = point
    hit = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            hit = not hit
    return hit


def _probes(box: Box) -> list[tuple[float, float]]:
    """The corners, edge middles and centre of a label's box."""
    left, top, right, bottom = box
    middle, centre = (left + right) / 2, (top + bottom) / 2
    return [(x, y) for x in (left, middle, right) for y in (top, centre, bottom)]


def _label_places(
    data: MapData, scale: float, left: float, top: float, height: float
) -> list[tuple[float, float, str, str]]:
    """Where each value goes: on its country when its box lies inside the country, else
    next to it (right, left, above, below) where it covers no other named country, stays
    in the picture and clear of the other labels; a value that fits nowhere is left to the
    legend. (x, y of the baseline, anchor, text), labels inside their country first."""
    from briefgen.render.figures.charts import text_width

    def svg_ring(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
        return [((x - left) * scale, (top - y) * scale) for x, y in ring]

    shapes_ = {code: [svg_ring(ring) for ring in _projected().get(code, [])] for code in data.fills}
    ascent, descent = LABEL_SIZE * 0.75, LABEL_SIZE * 0.25
    placed: list[Box] = []
    places: list[tuple[float, float, str, str]] = []

    def free(box: Box, own: str, *, inside: bool) -> bool:
        if box[0] < 0 or box[2] > WIDTH or box[1] < 0 or box[3] > height:
            return False
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
            return False
        points = _probes(box)
        if inside:  # the centre and the middle of each edge: corners may touch a border
            middles = [points[i] for i in (1, 3, 4, 5, 7)]
            return all(any(_inside(point, ring) for ring in shapes_[own]) for point in middles)
        return not any(
            _inside(point, ring) for rings in shapes_.values() for ring in rings for point in points
        )

    def box_at(start: float, centre_y: float, width: float) -> tuple[Box, float]:
        baseline = centre_y + LABEL_SIZE * 0.35
        return (
            start - 1,
            baseline - ascent - 1,
            start + width + 1,
            baseline + descent + 1,
        ), baseline

    wanted = [(code, text) for code, text in data.labels.items() if text and shapes_.get(code)]
    pending = []
    for code, text in wanted:  # first, each value on its own country where it fits
        ring = max(shapes_[code], key=_area)
        x, y = _centre(ring)
        xs, ys = [px for px, _ in ring], [py for _, py in ring]
        width = text_width(text, LABEL_SIZE)
        for cx, cy in ((x, y), ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)):
            box, baseline = box_at(cx - width / 2, cy, width)
            if free(box, code, inside=True):
                placed.append(box)
                places.append((cx, baseline, "middle", text))
                break
        else:
            pending.append((code, text, ring, x, y, width))
    for code, text, ring, x, y, width in pending:  # then beside it, covering no country
        xs, ys = [px for px, _ in ring], [py for _, py in ring]
        gap = 2.0
        half = LABEL_SIZE / 2
        options = [
            (max(xs) + gap, y, "start", max(xs) + gap),
            (min(xs) - gap, y, "end", min(xs) - gap - width),
            (x, min(ys) - gap - half, "middle", x - width / 2),
            (x, max(ys) + gap + half, "middle", x - width / 2),
        ]
        for anchor_x, centre_y, anchor, start in options:
            box, baseline = box_at(start, centre_y, width)
            if free(box, code, inside=False):
                placed.append(box)
                places.append((anchor_x, baseline, anchor, text))
                break
    return places


def _labels_svg(places: list[tuple[float, float, str, str]], family: str) -> str:
    """Each value twice: a white halo under it, so it reads on any shade and border."""
    if not places:
        return ""
    texts = []
    for x, y, anchor, text in places:
        where = f'x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"'
        texts.append(
            f'<text {where} fill="{HALO}" stroke="{HALO}" stroke-width="1.6" '
            f'stroke-linejoin="round">{escape(text)}</text><text {where}>{escape(text)}</text>'
        )
    return (
        f'<g font-family={quoteattr(family)} font-size="{LABEL_SIZE:.0f}" font-weight="600"'
        f' fill="{TEXT}">' + "".join(texts) + "</g>"
    )


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
    labels = _labels_svg(_label_places(data, scale, left, top, height), data.font_family)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:.0f} {height:.1f}" '
        f'width="{WIDTH:.0f}" height="{height:.1f}">'
        f'<g stroke="{BORDER}" stroke-width="0.4" stroke-linejoin="round" fill-rule="evenodd">'
        + "".join(body)
        + "</g>"
        + labels
        + f'<rect x="0.25" y="0.25" width="{WIDTH - 0.5:.1f}" height="{height - 0.5:.1f}" '
        f'fill="none" stroke="{FRAME}" stroke-width="0.5"/></svg>'
    )

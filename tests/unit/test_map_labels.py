"""A map's values are written on their countries where they fit, else beside them
(issue 30: the values were only in the legend)."""

from __future__ import annotations

import re

from briefgen.render.figures.maps import (
    LABEL_SIZE,
    WIDTH,
    MapData,
    _inside,
    _projected,
    draw_map,
    view_box,
)

FILLS = {code: "#1f4e79" for code in ("JO", "LB", "IQ", "SY", "EG")}
VALUES = {"JO": "61%", "LB": "44%", "IQ": "52%", "SY": "38%", "EG": "47%"}
LABEL = re.compile(r'<text x="([\d.]+)" y="([\d.]+)" text-anchor="(\w+)">([^<]+)</text>')


def _svg_rings(code: str, svg: str) -> list[list[tuple[float, float]]]:
    left, _bottom, right, top = view_box(list(FILLS), False)
    scale = WIDTH / (right - left)
    return [
        [((x - left) * scale, (top - y) * scale) for x, y in ring] for ring in _projected()[code]
    ]


def test_each_value_is_written_on_or_beside_its_country() -> None:
    svg = draw_map(MapData(FILLS, False, VALUES, '"briefgen Source Sans", sans-serif'))
    labels = {text: (float(x), float(y), anchor) for x, y, anchor, text in LABEL.findall(svg)}
    assert sorted(labels) == sorted(VALUES.values())  # every value, once (its halo apart)
    height = float(re.search(r'viewBox="0 0 300 ([\d.]+)"', svg).group(1))  # type: ignore[union-attr]
    for code in ("EG", "IQ", "SY"):  # large enough: the value sits on the country
        x, y, anchor = labels[VALUES[code]]
        assert anchor == "middle"
        centre = (x, y - LABEL_SIZE * 0.35)
        assert any(_inside(centre, ring) for ring in _svg_rings(code, svg)), code
    for code in ("LB", "JO"):  # too small: beside it, covering no named country
        x, y, anchor = labels[VALUES[code]]
        centre = (x, y - LABEL_SIZE * 0.35)
        assert not any(
            _inside(centre, ring) for other in FILLS for ring in _svg_rings(other, svg)
        ), code
    for x, y, _anchor in labels.values():
        assert 0 <= x <= WIDTH and 0 <= y <= height
    assert "font-family='\"briefgen Source Sans\", sans-serif'" in svg


def test_a_map_without_values_has_no_labels_and_text_is_escaped() -> None:
    assert "<text" not in draw_map(MapData(FILLS, False))
    svg = draw_map(MapData({"EG": "#1f4e79"}, False, {"EG": "<1 & 2>"}))
    assert "&lt;1 &amp; 2&gt;" in svg and "<1 &" not in svg

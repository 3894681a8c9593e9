"""Charts are drawn to scale: what a reader compares is the bars' lengths."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest

from briefgen.render.figures.charts import WIDTH, ChartData, draw_chart

SVG = "{http://www.w3.org/2000/svg}"


def _chart(kind: str, values: list[list[float]]) -> ElementTree.Element:
    data = ChartData(
        kind=kind,
        categories=["Field offices", "Headquarters", "Regional hubs"][: len(values[0])],
        series_names=[f"Series {number}" for number in range(len(values))],
        values=values,
        value_labels=[[f"{value:g}" for value in row] for row in values],
        colours=["#1f4e79", "#a35200"][: len(values)],
        font_family="sans-serif",
    )
    return ElementTree.fromstring(draw_chart(data))


def _bars(svg: ElementTree.Element) -> list[dict[str, float]]:
    return [
        {k: float(v) for k, v in rect.attrib.items() if k != "fill"}
        for rect in svg.iter(f"{SVG}rect")
    ]


@pytest.mark.parametrize("values", [[[35.0, 20.0]], [[35.0, 20.0, 7.0], [14.0, 28.0, 0.0]]])
def test_columns_are_as_tall_as_their_values_and_the_tallest_spans_the_plot(
    values: list[list[float]],
) -> None:
    svg = _chart("column", values)
    heights = [bar["height"] for bar in _bars(svg)]
    flat = [value for category in zip(*values, strict=True) for value in category]
    peak = max(flat)
    tallest = max(heights)
    assert heights == pytest.approx([tallest * value / peak for value in flat], abs=0.11)
    (axis,) = svg.iter(f"{SVG}line")
    baseline = float(axis.attrib["y1"])
    top = min(bar["y"] for bar in _bars(svg))
    assert top < 0.15 * baseline  # the tallest column reaches the top: only its label is above


@pytest.mark.parametrize("values", [[[35.0, 20.0]], [[35.0, 20.0, 7.0], [14.0, 28.0, 0.0]]])
def test_bars_are_as_long_as_their_values_and_the_longest_spans_the_chart(
    values: list[list[float]],
) -> None:
    svg = _chart("bar", values)
    lengths = [bar["width"] for bar in _bars(svg)]
    flat = [value for category in zip(*values, strict=True) for value in category]
    longest = max(lengths)
    assert lengths == pytest.approx([longest * value / max(flat) for value in flat], abs=0.11)
    end = max(bar["x"] + bar["width"] for bar in _bars(svg))
    assert end > 0.85 * WIDTH  # the longest bar runs to the edge, leaving room for its value

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


CATEGORIES = ["Field offices", "Headquarters and more words here", "Regional hubs"]


def _drawn(
    kind: str,
) -> tuple[ElementTree.Element, list[dict[str, float]], list[ElementTree.Element]]:
    data = ChartData(
        kind=kind,
        categories=CATEGORIES,
        series_names=["A", "B"],
        values=[[35.0, 20.0, 7.0], [14.0, 28.0, 0.0]],
        value_labels=[["35", "20", "7"], ["14", "28", "0"]],
        colours=["#1f4e79", "#a35200"],
        font_family="sans-serif",
    )
    svg = ElementTree.fromstring(draw_chart(data))
    return svg, _bars(svg), list(svg.iter(f"{SVG}text"))


def _box(text: ElementTree.Element) -> tuple[float, float, float, float]:
    """Left, top, right, bottom of a text: half an em a character, caps 0.75 em high."""
    x, y, size = (float(text.attrib[name]) for name in ("x", "y", "font-size"))
    width = len(text.text or "") * 0.5 * size
    left = {"start": x, "middle": x - width / 2, "end": x - width}[text.attrib["text-anchor"]]
    return left, y - size * 0.75, left + width, y + size * 0.1  # digits have no descent


def _apart(first: tuple[float, ...], second: tuple[float, ...]) -> bool:
    return (
        first[2] <= second[0]
        or second[2] <= first[0]
        or first[3] <= second[1]
        or second[3] <= first[1]
    )


@pytest.mark.parametrize("kind", ["column", "bar"])
def test_every_label_is_inside_the_picture_and_clear_of_the_others(kind: str) -> None:
    svg, bars, texts = _drawn(kind)
    width, height = (float(value) for value in svg.attrib["viewBox"].split()[2:])
    boxes = [_box(text) for text in texts]
    for left, top, right, bottom in boxes:
        assert left >= 0 and right <= width and top >= 0 and bottom <= height + 0.5
    for index, box in enumerate(boxes):
        assert all(_apart(box, other) for other in boxes[index + 1 :])
    for bar in bars:  # and no label is written over a bar
        rect = (bar["x"], bar["y"], bar["x"] + bar["width"], bar["y"] + bar["height"])
        assert all(_apart(box, rect) for box in boxes)


def test_each_value_is_written_just_above_its_column_and_each_category_under_its_columns() -> None:
    svg, bars, texts = _drawn("column")
    values = [t for t in texts if t.text and t.text.isdigit()]
    assert [t.text for t in values] == ["35", "14", "20", "28", "7", "0"]
    (axis,) = svg.iter(f"{SVG}line")
    baseline = float(axis.attrib["y1"])
    for bar, value in zip(bars, values, strict=True):
        assert float(value.attrib["x"]) == pytest.approx(bar["x"] + bar["width"] / 2, abs=0.6)
        assert 0 < bar["y"] - float(value.attrib["y"]) < float(value.attrib["font-size"])
        assert bar["y"] + bar["height"] == pytest.approx(baseline, abs=0.1)  # on the axis
    words = [t for t in texts if t not in values]
    assert " ".join(t.text or "" for t in words) == " ".join(CATEGORIES)
    for group, pair in enumerate(zip(bars[::2], bars[1::2], strict=True)):
        middle = (pair[0]["x"] + pair[1]["x"] + pair[1]["width"]) / 2
        for word in words:
            if word.text and word.text in CATEGORIES[group]:
                assert float(word.attrib["x"]) == pytest.approx(middle, abs=1.5)
                assert float(word.attrib["y"]) > baseline


def test_each_value_is_written_just_after_its_bar_and_each_category_before_its_bars() -> None:
    _, bars, texts = _drawn("bar")
    values = [t for t in texts if t.text and t.text.isdigit()]
    assert [t.text for t in values] == ["35", "14", "20", "28", "7", "0"]
    for bar, value in zip(bars, values, strict=True):
        gap = float(value.attrib["x"]) - (bar["x"] + bar["width"])
        assert 0 < gap < 6
        assert bar["y"] <= float(value.attrib["y"]) <= bar["y"] + bar["height"] + 2
    start = min(bar["x"] for bar in bars)
    assert all(bar["x"] == start for bar in bars)  # every bar starts at the axis
    words = [t for t in texts if t not in values]
    for word in words:
        assert _box(word)[2] <= start  # a category's name ends before the bars start
    for group, pair in enumerate(zip(bars[::2], bars[1::2], strict=True)):
        top, bottom = pair[0]["y"], pair[1]["y"] + pair[1]["height"]
        names = [w for w in words if w.text and w.text in CATEGORIES[group]]
        assert names and all(top - 9 <= float(w.attrib["y"]) <= bottom + 9 for w in names)

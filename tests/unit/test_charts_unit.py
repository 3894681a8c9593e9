"""Charts are drawn to scale: what a reader compares is the bars' lengths."""

from __future__ import annotations

import itertools
from xml.etree import ElementTree

import pytest

from briefgen.render.figures.charts import WIDTH, ChartData, _wrap, draw_chart, text_width

LABEL_SIZE = 9.0  # the charts' font size when a label fits
SMALLEST_SIZE = 6.0  # labels shrink to fit down to this size, and no further
MAX_COLUMN = 34.0  # a column's slot is never wider

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
    if "transform" in text.attrib:  # turned a quarter to the left about (x, y): upright
        across = x + float(text.attrib.get("dy", "0"))
        return across - size * 0.75, y - width, across + size * 0.1, y
    left = {"start": x, "middle": x - width / 2, "end": x - width}[text.attrib["text-anchor"]]
    return left, y - size * 0.75, left + width, y + size * 0.1  # digits have no descent


def _apart(first: tuple[float, ...], second: tuple[float, ...]) -> bool:
    return (
        first[2] <= second[0]
        or second[2] <= first[0]
        or first[3] <= second[1]
        or second[3] <= first[1]
    )


def _inside_and_apart(
    svg: ElementTree.Element, texts: list[ElementTree.Element]
) -> list[tuple[float, float, float, float]]:
    """Every text's box inside the picture and clear of every other; the boxes."""
    width, height = (float(value) for value in svg.attrib["viewBox"].split()[2:])
    boxes = [_box(text) for text in texts]
    for left, top, right, bottom in boxes:
        assert left >= 0 and right <= width and top >= 0 and bottom <= height + 0.5
    for index, box in enumerate(boxes):
        assert all(_apart(box, other) for other in boxes[index + 1 :])
    return boxes


@pytest.mark.parametrize("kind", ["column", "bar"])
def test_every_label_is_inside_the_picture_and_clear_of_the_others(kind: str) -> None:
    svg, bars, texts = _drawn(kind)
    boxes = _inside_and_apart(svg, texts)
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


# Long and many labels: wrapped names, the smallest font, the chart's width used.


def _data(kind: str, categories: list[str], values: list[list[float]]) -> ChartData:
    return ChartData(
        kind=kind,
        categories=categories,
        series_names=[f"Series {number}" for number in range(len(values))],
        values=values,
        value_labels=[[f"{value:,.0f}" for value in row] for row in values],
        colours=["#1f4e79", "#a35200", "#2e7d32"][: len(values)],
        font_family="sans-serif",
    )


def _percentages(values: list[list[float]]) -> ChartData:
    """A column chart of four years whose values are written as percentages ("44%")."""
    data = _data("column", ["2021", "2022", "2023", "2024"], values)
    return ChartData(
        kind=data.kind,
        categories=data.categories,
        series_names=data.series_names,
        values=values,
        value_labels=[[f"{v:g}%" for v in row] for row in values],
        colours=data.colours,
        font_family=data.font_family,
    )


def _parts(
    data: ChartData,
) -> tuple[ElementTree.Element, list[dict[str, float]], list[ElementTree.Element]]:
    svg = ElementTree.fromstring(draw_chart(data))
    return svg, _bars(svg), list(svg.iter(f"{SVG}text"))


def _estimated_right(text: ElementTree.Element) -> float:
    """Where a text ends, at the width the chart estimates for its font."""
    x, size = float(text.attrib["x"]), float(text.attrib["font-size"])
    width = text_width(text.text or "", size)
    return {"start": x + width, "middle": x + width / 2, "end": x}[text.attrib["text-anchor"]]


def _estimated_left(text: ElementTree.Element) -> float:
    x, size = float(text.attrib["x"]), float(text.attrib["font-size"])
    width = text_width(text.text or "", size)
    return {"start": x, "middle": x - width / 2, "end": x - width}[text.attrib["text-anchor"]]


def _greedy(text: str, lines: list[str], size: float, room: float) -> None:
    """Every line fits (or is one word); the next line's first word would not have."""
    assert " ".join(lines) == " ".join(text.split())  # every word, in order
    for line in lines:
        assert text_width(line, size) <= room or " " not in line
    for line, following in itertools.pairwise(lines):
        assert text_width(f"{line} {following.split()[0]}", size) > room


def test_a_long_name_wraps_after_the_last_word_that_fits_and_keeps_every_word() -> None:
    room = text_width("Headquarters and", 9.0)  # exactly the first two words
    name = "Headquarters and regional hubs of the mission"
    lines = _wrap(name, 9.0, room)
    assert lines[0] == "Headquarters and" and len(lines) >= 3
    _greedy(name, lines, 9.0, room)
    narrower = _wrap(name, 9.0, room - 0.01)
    assert narrower[0] == "Headquarters"
    _greedy(name, narrower, 9.0, room - 0.01)
    assert _wrap("Headquarters", 9.0, 1.0) == ["Headquarters"]  # one word is never cut
    assert _wrap("Field  offices", 9.0, 1.0) == ["Field", "offices"]  # as SVG draws spaces
    fits = "Field offices"
    assert _wrap(fits, 9.0, text_width(fits, 9.0)) == [fits]  # exactly as wide as the room


def test_a_first_word_wider_than_the_room_is_a_line_of_its_own() -> None:
    assert _wrap("Headquarters of", 9.0, 10.0) == ["Headquarters", "of"]


@pytest.mark.parametrize("kind", ["column", "bar"])
def test_labels_are_full_size_when_they_fit_and_values_never_overflow_the_picture(
    kind: str,
) -> None:
    svg, _, texts = _parts(_data(kind, ["North", "South"], [[1200.0, 800.0]]))
    words = [t for t in texts if t.text in ("North", "South")]
    assert [float(t.attrib["font-size"]) for t in words] == [LABEL_SIZE, LABEL_SIZE]
    assert all(_estimated_right(t) <= WIDTH + 0.05 and _estimated_left(t) >= 0 for t in texts)
    assert "".join(svg.itertext()) == "".join(t.text or "" for t in texts)  # no stray text


def test_many_long_category_names_shrink_to_fit_their_columns_down_to_a_floor() -> None:
    names = [f"Zone{number}north" for number in range(6)]  # 10 letters, no space
    _, _, texts = _parts(_data("column", names, [[10.0 * n for n in range(1, 7)]]))
    words = [t for t in texts if t.text in names]
    size = float(words[0].attrib["font-size"])
    assert SMALLEST_SIZE < size < LABEL_SIZE and all(
        float(t.attrib["font-size"]) == size for t in words
    )
    slot = WIDTH / len(names)
    for number, word in enumerate(words):  # as wide as its slot allows, and no wider
        width = text_width(word.text or "", size)
        assert 0.9 * slot <= width <= slot
        assert (
            number * slot <= _estimated_left(word) and _estimated_right(word) <= (number + 1) * slot
        )
    many = [f"Region{number}" * 3 for number in range(12)]
    _, _, texts = _parts(_data("column", many, [[1.0] * 12]))
    assert {float(t.attrib["font-size"]) for t in texts if t.text in many} == {SMALLEST_SIZE}


@pytest.mark.parametrize("series", [1, 2, 3])
def test_each_categorys_columns_stand_side_by_side_centred_in_its_slot(series: int) -> None:
    names = ["A", "B", "C", "D", "E", "F", "G"]
    values = [[float(1 + n + s) for n in range(len(names))] for s in range(series)]
    svg, bars, texts = _parts(_data("column", names, values))
    slot = WIDTH / len(names)
    (axis,) = svg.iter(f"{SVG}line")
    assert (float(axis.attrib["x1"]), float(axis.attrib["x2"])) == (0.0, WIDTH)
    for number in range(len(names)):
        group = bars[number * series : (number + 1) * series]
        width = group[0]["width"]
        assert all(bar["width"] == width for bar in group)
        left, right = group[0]["x"], group[-1]["x"] + width
        gaps = [b["x"] - (a["x"] + a["width"]) for a, b in itertools.pairwise(group)]
        assert all(0 < gap < 0.15 * width for gap in gaps)  # close together, not touching
        assert (left + right) / 2 == pytest.approx((number + 0.5) * slot, abs=0.05 * width)
        assert 0.6 * slot <= right - left <= 0.8 * slot  # neither thin lines nor a wall
    drawn = [t for t in texts if t.text and t.text[0].isdigit()]
    assert len({t.attrib["font-size"] for t in drawn}) == 1


def test_a_column_is_never_wider_than_the_widest_column() -> None:
    _, bars, _ = _parts(_data("column", ["North"], [[5.0]]))
    (bar,) = bars
    assert bar["width"] <= MAX_COLUMN and (bar["x"] + bar["width"] / 2) == pytest.approx(
        WIDTH / 2, abs=0.05 * bar["width"]
    )


@pytest.mark.parametrize("series", [1, 2, 3])
def test_each_categorys_bars_are_stacked_level_with_its_name_and_values(series: int) -> None:
    names = ["North", "Regional offices of the south and east", "West"]
    values = [[float(3 + n + 2 * s) for n in range(len(names))] for s in range(series)]
    svg, bars, texts = _parts(_data("bar", names, values))
    height = float(svg.attrib["viewBox"].split()[3])
    drawn = [t for t in texts if t.text and t.text[0].isdigit()]
    words = [t for t in texts if t not in drawn]
    blocks = [bars[n * series : (n + 1) * series] for n in range(len(names))]
    centres = []
    for block, value_row in zip(
        blocks, [drawn[n * series : (n + 1) * series] for n in range(3)], strict=True
    ):
        for upper, lower in itertools.pairwise(block):
            assert 0 < lower["y"] - (upper["y"] + upper["height"]) < 0.2 * upper["height"]
        for bar, value in zip(block, value_row, strict=True):  # a value level with its bar
            middle = float(value.attrib["y"]) - 0.35 * float(value.attrib["font-size"])
            assert middle == pytest.approx(bar["y"] + bar["height"] / 2, abs=0.1)
        centres.append((block[0]["y"] + block[-1]["y"] + block[-1]["height"]) / 2)
    for name, centre in zip(names, centres, strict=True):  # a name level with its bars
        lines = [w for w in words if w.text and w.text in name]
        size = float(lines[0].attrib["font-size"])
        middle = (float(lines[0].attrib["y"]) + float(lines[-1].attrib["y"])) / 2 - 0.35 * size
        assert middle == pytest.approx(centre, abs=0.1 * blocks[0][0]["height"])
        assert len(lines) == (2 if " " in name else 1)
    spacing = [b - a for a, b in itertools.pairwise(centres)]
    assert max(spacing) - min(spacing) < 0.1  # evenly spaced rows
    bottom = blocks[-1][-1]["y"] + blocks[-1][-1]["height"]
    assert blocks[0][0]["y"] > 0 and bottom < height
    assert 0 < height - bottom < spacing[0] / 2  # no empty row under the last
    (axis,) = svg.iter(f"{SVG}line")
    assert float(axis.attrib["y1"]) <= blocks[0][0]["y"]
    assert bottom <= float(axis.attrib["y2"]) <= height


def test_the_longest_bars_value_ends_just_inside_the_edge_and_names_stay_inside() -> None:
    names = ["Regional offices of the south, the east and the islands beyond", "HQ"]
    _, bars, texts = _parts(_data("bar", names, [[1_250_000.0, 400.0]]))
    longest = max(bars, key=lambda bar: bar["width"])
    (value,) = [t for t in texts if t.text == "1,250,000"]
    assert WIDTH - 1.5 < _estimated_right(value) < WIDTH
    assert 0 < float(value.attrib["x"]) - (longest["x"] + longest["width"]) < 6
    for text in texts:
        assert _estimated_left(text) >= 0
    assert longest["x"] <= 0.45 * WIDTH  # a long name wraps: the bars keep most of the width


@pytest.mark.parametrize("kind", ["column", "bar"])
def test_wrapped_names_and_long_values_stay_clear_of_each_other(kind: str) -> None:
    names = [f"Regional office number {n} of the south" for n in range(5)]
    values = [[1_234_567.0 * (n + 1) for n in range(5)], [7_654_321.0] * 5]
    svg, _, texts = _parts(_data(kind, names, values))
    assert any(len([t for t in texts if t.text and t.text in name]) > 2 for name in names)
    _inside_and_apart(svg, texts)
    if kind == "column":
        slot = WIDTH / len(names)
        for text in texts:
            if text.text and not text.text[0].isdigit():
                column = int(float(text.attrib["x"]) // slot)
                left, right = _estimated_left(text), _estimated_right(text)
                assert column * slot <= left and right <= (column + 1) * slot


# Gaps: a value that is not known (null) is no bar, but "no data" where the bar would be.

NO_DATA = "no data"


def _gapped(kind: str, values: list[list[float | None]], no_data: str = NO_DATA) -> ChartData:
    return ChartData(
        kind=kind,
        categories=["2021", "2022", "2023"][: len(values[0])],
        series_names=[f"Series {number}" for number in range(len(values))],
        values=values,
        value_labels=[[no_data if v is None else f"{v:g}%" for v in row] for row in values],
        colours=["#1f4e79", "#a35200", "#2e7d32"][: len(values)],
        font_family="sans-serif",
    )


def _baseline(svg: ElementTree.Element) -> float:
    (axis,) = svg.iter(f"{SVG}line")
    return float(axis.attrib["y1"])


def _gaps(texts: list[ElementTree.Element], no_data: str = NO_DATA) -> list[ElementTree.Element]:
    gaps = [t for t in texts if t.text == no_data]
    assert all(t.attrib["font-style"] == "italic" for t in gaps)  # set apart from values
    return gaps


def test_a_columns_gap_is_no_data_across_its_slot_on_the_axis_and_the_rest_to_scale() -> None:
    svg, bars, texts = _parts(_gapped("column", [[18.0, None, 36.0]]))
    assert len(bars) == 2  # no column, not even a flat one, where the value is missing
    (gap,) = _gaps(texts)
    slot = WIDTH / 3
    assert "transform" not in gap.attrib  # one series: room to write it across
    assert gap.attrib["text-anchor"] == "middle"
    assert float(gap.attrib["x"]) == pytest.approx(1.5 * slot, abs=0.1)  # where the column was
    size = float(gap.attrib["font-size"])
    assert size == LABEL_SIZE  # it fits: as large as the other labels
    assert 0 < _baseline(svg) - float(gap.attrib["y"]) < size / 2  # standing on the axis
    assert slot < _estimated_left(gap) and _estimated_right(gap) < 2 * slot
    # The known values keep their scale: the null is neither 0 nor the peak.
    assert bars[1]["height"] == pytest.approx(2 * bars[0]["height"], abs=0.1)
    assert bars[1]["y"] < 0.15 * _baseline(svg)
    assert [t.text for t in texts if t.text and t.text[0].isdigit() and "%" in t.text] == [
        "18%",
        "36%",
    ]


def test_a_long_no_data_shrinks_to_fit_its_slot_as_a_label_does() -> None:
    words = "pas de données"  # French, the longest of the translations
    values: list[list[float | None]] = [[5.0, None, 7.0, 9.0]]
    data = ChartData(
        kind="column",
        categories=["2021", "2022", "2023", "2024"],
        series_names=["Share"],
        values=values,
        value_labels=[[words if v is None else f"{v:g}" for v in row] for row in values],
        colours=["#1f4e79"],
        font_family="sans-serif",
    )
    svg, bars, texts = _parts(data)
    (gap,) = _gaps(texts, words)
    slot = WIDTH / 4
    size = float(gap.attrib["font-size"])
    assert SMALLEST_SIZE < size < LABEL_SIZE
    assert slot <= _estimated_left(gap) and _estimated_right(gap) <= 2 * slot
    assert _estimated_right(gap) - _estimated_left(gap) > 0.85 * slot  # no smaller than it must
    assert 0 < _baseline(svg) - float(gap.attrib["y"]) < size / 2
    assert len(bars) == 3


def _rotation(text: ElementTree.Element) -> tuple[float, float, float]:
    """The angle and centre of a text's ``rotate(...)``."""
    transform = text.attrib["transform"]
    assert transform.startswith("rotate(") and transform.endswith(")")
    angle, x, y = (float(part) for part in transform[len("rotate(") : -1].split())
    return angle, x, y


@pytest.mark.parametrize("series", [2, 3])
def test_a_gap_among_several_columns_is_no_data_upright_in_the_columns_place(series: int) -> None:
    values: list[list[float | None]] = [[10.0 + s, 20.0 + s, 30.0 + s] for s in range(series)]
    values[0][1] = None  # the first series' middle column
    values[series - 1][2] = None  # the last series' last column
    svg, bars, texts = _parts(_gapped("column", values))
    assert len(bars) == 3 * series - 2
    first = bars[:series]  # the first category is whole: where each column stands
    pitch = first[1]["x"] - first[0]["x"]
    width = first[0]["width"]
    slot = WIDTH / 3
    spots = [  # where the missing columns would have stood
        (slot + first[0]["x"], 0),
        (2 * slot + first[-1]["x"], series - 1),
    ]
    gaps = _gaps(texts)
    assert len(gaps) == 2
    baseline = _baseline(svg)
    for gap, (left, _) in zip(gaps, spots, strict=True):
        x, y, size = (float(gap.attrib[name]) for name in ("x", "y", "font-size"))
        assert _rotation(gap) == (-90.0, x, y)  # read from the bottom up, turned about itself
        assert gap.attrib.get("text-anchor", "start") == "start"  # rising from the axis
        assert 0 < baseline - y < size / 2
        assert SMALLEST_SIZE <= size < LABEL_SIZE  # smaller than the values: an aside
        # Turned, the letters span dy - 0.75 em to dy + 0.1 em across: inside the column's
        # place and centred in it.
        shift = float(gap.attrib["dy"])
        across = (x + shift - 0.75 * size, x + shift + 0.1 * size)
        assert left <= across[0] and across[1] <= left + width
        assert (across[0] + across[1]) / 2 == pytest.approx(left + width / 2, abs=1.0)
        assert y - text_width(NO_DATA, size) > 0  # the words stay inside the picture
    # The neighbours of the gaps stay where they would be.
    second = bars[series : 2 * series - 1]
    assert second[0]["x"] == pytest.approx(slot + first[1]["x"], abs=0.1)
    assert pitch > width


def test_a_bars_gap_is_no_data_at_the_axis_level_with_where_the_bar_would_be() -> None:
    svg, bars, texts = _parts(_gapped("bar", [[18.0, None, 36.0], [20.0, 24.0, None]]))
    assert len(bars) == 4
    (axis,) = svg.iter(f"{SVG}line")
    start = float(axis.attrib["x1"])
    gaps = _gaps(texts)
    values = [t for t in texts if t.text and t.text.endswith("%")]
    assert [t.text for t in values] == ["18%", "20%", "24%", "36%"]
    assert len({t.attrib["font-size"] for t in [*values, *gaps]}) == 1  # as a value is
    # Where the bars would be: one row's pitch from the other bar of their category.
    pitch = bars[1]["y"] - bars[0]["y"]
    spots = [bars[2]["y"] - pitch, bars[3]["y"] + pitch]
    for gap, top in zip(gaps, spots, strict=True):
        assert gap.attrib["text-anchor"] == "start" and "transform" not in gap.attrib
        assert 0 < float(gap.attrib["x"]) - start < 6  # just after the axis
        middle = float(gap.attrib["y"]) - 0.35 * float(gap.attrib["font-size"])
        assert middle == pytest.approx(top + bars[0]["height"] / 2, abs=0.1)
    # The known values keep their scale.
    assert bars[3]["width"] == pytest.approx(2 * bars[0]["width"], abs=0.1)
    _inside_and_apart(svg, texts)


@pytest.mark.parametrize("kind", ["column", "bar"])
def test_a_chart_with_no_value_known_is_only_its_gaps(kind: str) -> None:
    svg, bars, texts = _parts(_gapped(kind, [[None, None], [None, None]]))
    assert bars == []
    assert len(_gaps(texts)) == 4
    _inside_and_apart(svg, texts)


@pytest.mark.parametrize("kind", ["column", "bar"])
def test_a_chart_of_zeros_draws_empty_bars_and_writes_each_zero(kind: str) -> None:
    svg, bars, texts = _parts(_gapped(kind, [[0.0, 0.0, 0.0]]))
    assert len(bars) == 3
    assert all(bar["height" if kind == "column" else "width"] == 0 for bar in bars)
    assert [t.text for t in texts if t.text == "0%"] == ["0%"] * 3
    _inside_and_apart(svg, texts)


# At the edges: labels wider than their slot are pushed inside the picture, no further.


def test_labels_wider_than_the_edge_slots_are_pushed_inside_only_as_far_as_they_must() -> None:
    names = ["Telecommunications", *(f"C{n}" for n in range(10)), "Administration"]
    values = [[1_250_000.0 * (n % 3 + 1) for n in range(12)]]
    _, bars, texts = _parts(_data("column", names, values))
    by_column: dict[
        bool, list[ElementTree.Element]
    ] = {}  # each column's value and name, left to right
    for text in texts:
        by_column.setdefault((text.text or "")[0].isdigit(), []).append(text)
    numbers, words = by_column[True], by_column[False]
    assert len(numbers) == len(words) == len(bars) == 12
    for column, (bar, value, name) in enumerate(zip(bars, numbers, words, strict=True)):
        centre = bar["x"] + bar["width"] / 2
        for text in (value, name):
            left, right = _estimated_left(text), _estimated_right(text)
            assert left >= 0 and right <= WIDTH  # inside the picture
            assert left < centre < right  # and still over its column
            if (column == 0 and text is value) or text.text == names[0]:
                assert left <= 1.5  # pushed in from the left edge, no further
            elif (column == 11 and text is value) or text.text == names[-1]:
                assert right >= WIDTH - 1.5  # pushed in from the right edge, no further
            else:  # the others stand centred on their columns
                assert float(text.attrib["x"]) == pytest.approx(centre, abs=1.0)


def test_long_values_shrink_so_that_neighbours_at_one_height_stay_clear() -> None:
    """Equal values stand at one height, side by side: they must not run together."""
    values = [[1234.0] * 12]
    _, _, texts = _parts(_data("column", [f"C{n}" for n in range(12)], values))
    numbers = [t for t in texts if t.text == "1,234"]
    assert len(numbers) == 12 and len({t.attrib["y"] for t in numbers}) == 1
    for first, second in itertools.pairwise(numbers):
        assert _estimated_right(first) < _estimated_left(second)
    assert float(numbers[0].attrib["font-size"]) < LABEL_SIZE


@pytest.mark.parametrize("series", [1, 2])
def test_short_values_are_written_as_large_as_the_names(series: int) -> None:
    values = [[44.0 + s, 52.0 - s, 61.0 + 2 * s, 63.0] for s in range(series)]
    data = _percentages(values)
    _, _, texts = _parts(data)
    assert {float(t.attrib["font-size"]) for t in texts} == {LABEL_SIZE}


@pytest.mark.parametrize("kind", ["column", "bar"])
def test_the_last_names_descenders_stay_inside_the_picture(kind: str) -> None:
    """ "g", "p", "y" reach about a quarter of an em below the line: not cut off."""
    names = ["Kpg", "Jypsy gap", "Regional group of typing agencies, quay by quay"]
    svg, _, texts = _parts(_data(kind, names, [[3.0, 2.0, 1.0]]))
    height = float(svg.attrib["viewBox"].split()[3])
    lowest = max((t for t in texts if not (t.text or "0")[0].isdigit()), key=_y)
    descent = _y(lowest) + 0.25 * float(lowest.attrib["font-size"])
    assert descent <= height
    if kind == "column":  # and the picture ends there: no empty band under the names
        assert height - descent < LABEL_SIZE / 2


def _y(text: ElementTree.Element) -> float:
    return float(text.attrib["y"])


@pytest.mark.parametrize("series", [1, 2])
def test_a_bar_charts_rows_are_no_further_apart_than_a_line_between_names(series: int) -> None:
    names = ["Regional offices of the south and east", "Headquarters in the capital city"]
    values = [[5.0 - s, 4.0 - s] for s in range(series)]
    svg, bars, texts = _parts(_data("bar", names, values))
    words = [t for t in texts if not (t.text or "0")[0].isdigit()]
    rows = [[w for w in words if w.text and w.text in name] for name in names]
    assert [len(row) for row in rows] == [2, 2]  # each name wraps on two lines, full size
    assert {float(w.attrib["font-size"]) for w in words} == {LABEL_SIZE}
    for row in rows:  # a name's lines one line apart, as in a paragraph
        assert 1.1 * LABEL_SIZE <= _y(row[1]) - _y(row[0]) <= 1.3 * LABEL_SIZE
    first_bottom = max(_box(w)[3] for w in rows[0])
    second_top = min(_box(w)[1] for w in rows[1])
    assert 0 < second_top - first_bottom < 1.5 * LABEL_SIZE
    assert bars[series]["y"] > bars[series - 1]["y"] + bars[series - 1]["height"]
    _inside_and_apart(svg, texts)


# A no-break space holds its words together, as it does in the brief's text.


def test_a_no_break_space_is_never_a_line_break() -> None:
    assert _wrap("Zone\u00a0A and the rest", 9.0, 1.0) == ["Zone\u00a0A", "and", "the", "rest"]
    assert _wrap("10\u202f000 to 20\u202f000", 9.0, 1.0) == ["10\u202f000", "to", "20\u202f000"]
    assert _wrap(" Field \t offices\n", 9.0, 1.0) == ["Field", "offices"]  # as SVG draws them


@pytest.mark.parametrize(
    ("kind", "held"),
    [("column", "Union\u00a0des\u00a0Comores"), ("bar", "Organisation\u00a0internationale")],
)
def test_a_name_held_together_by_no_break_spaces_fits_its_room_on_one_line(
    kind: str, held: str
) -> None:
    names = [held, "Autres", "Total", "Reste"]
    _, bars, texts = _parts(_data(kind, names, [[4.0, 3.0, 2.0, 1.0]]))
    (name,) = [t for t in texts if t.text and t.text[:3] == held[:3]]
    assert name.text == held  # one line, unbroken
    assert SMALLEST_SIZE < float(name.attrib["font-size"]) < LABEL_SIZE  # shrunk to fit
    left, right = _estimated_left(name), _estimated_right(name)
    if kind == "column":
        assert left >= 0 and right <= WIDTH / len(names)  # inside its slot
    else:
        assert left >= 0 and right <= bars[0]["x"]  # before the bars start


@pytest.mark.parametrize("series", [2, 3])
def test_values_of_near_equal_columns_side_by_side_stay_clear(series: int) -> None:
    """Close values stand at nearly one height, a column apart: they must not run together
    ("44%45%46%")."""
    values = [[44.0 + s, 50.0 + s, 60.0 + s, 70.0 + s] for s in range(series)]
    data = _percentages(values)
    _, bars, texts = _parts(data)
    numbers = [t for t in texts if t.text and t.text.endswith("%")]
    assert len(numbers) == len(bars) == 4 * series
    for first, second in itertools.pairwise(numbers[:series]):
        assert _estimated_right(first) < _estimated_left(second)


def test_a_single_series_values_shrink_only_as_far_as_their_slot_needs() -> None:
    """With one series a value's neighbours are a whole slot away: it may be wider than
    its column, and is not made smaller than that room needs."""
    _, _, texts = _parts(_data("column", [f"C{n}" for n in range(12)], [[1234.0] * 12]))
    numbers = [t for t in texts if t.text == "1,234"]
    slot = WIDTH / 12
    assert all(0.8 * slot < _estimated_right(t) - _estimated_left(t) < slot for t in numbers)

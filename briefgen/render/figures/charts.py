"""Column and bar charts drawn as small SVG files, in the brief's font and colours.

A chart library would cost seconds of start-up and megabytes of wheel for what is, in a
brief, a handful of bars: this module draws them directly. Every value is written beside
its bar (so no axis or gridlines are needed and nothing is read off a scale), and labels are
sized from an estimate of the font's width so that they never run into each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

WIDTH = 300.0  # SVG units; the image is scaled to the column's width
CHAR_WIDTH = 0.54  # a Source Sans / Lato character's average advance, in ems
TEXT = "#1d1d1f"
AXIS = "#4a4f57"
LABEL_SIZE = 9.0  # the font size of labels and values, when they fit
SMALLEST_SIZE = 6.0  # labels shrink to fit down to this size, and no further
LINE_SPACING = 1.15  # a wrapped label's lines, in ems
MAX_COLUMN = 34.0  # a column's slot is never wider, however few the columns


@dataclass(frozen=True)
class ChartData:
    """What to draw: plain values, already formatted for the brief's language."""

    kind: str  # "column" or "bar"
    categories: list[str]
    series_names: list[str]
    values: list[list[float]]  # per series, one value per category
    value_labels: list[list[str]]  # the same, as printed
    colours: list[str]  # one per series
    font_family: str


def text_width(text: str, size: float) -> float:
    return len(text) * CHAR_WIDTH * size


def _wrap(text: str, size: float, room: float) -> list[str]:
    """The text in lines that fit ``room``, broken between words, as many as it takes.

    A word wider than the room is a line of its own (the font is sized so that it fits).
    Runs of spaces count as one, as SVG draws them.
    """
    words = text.split()
    lines = words[:1]
    for word in words[1:]:
        candidate = f"{lines[-1]} {word}"
        if text_width(candidate, size) <= room:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines or [text]


def _fit_size(texts: list[str], room: float) -> float:
    """The largest font size, from LABEL_SIZE down to SMALLEST_SIZE, at which every text
    fits ``room`` (there is always at least one text: a chart has a category)."""
    widest = max(len(text) for text in texts) or 1
    return max(SMALLEST_SIZE, min(LABEL_SIZE, room / (widest * CHAR_WIDTH)))


def _text(x: float, y: float, content: str, size: float, anchor: str) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:.1f}" text-anchor="{anchor}">'
        f"{escape(content)}</text>"
    )


def _svg(height: float, body: list[str], family: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:.0f} {height:.1f}" '
        f'width="{WIDTH:.0f}" height="{height:.1f}">'
        f"<g font-family={quoteattr(family)} fill={quoteattr(TEXT)}>" + "".join(body) + "</g></svg>"
    )


def column_chart(data: ChartData) -> str:
    categories = len(data.categories)
    series = len(data.series_names)
    group = WIDTH / categories
    bar = min(group * 0.74 / series, MAX_COLUMN)
    value_size = _fit_size([v for row in data.value_labels for v in row], bar * 1.15)
    label_size = _fit_size([word for c in data.categories for word in c.split()], group * 0.95)
    label_lines = [_wrap(c, label_size, group * 0.95) for c in data.categories]
    lines = max(len(wrapped) for wrapped in label_lines)
    top, plot = value_size + 4, 120.0
    baseline = top + plot
    height = baseline + 4 + lines * label_size * LINE_SPACING + 2
    peak = max(v for row in data.values for v in row) or 1  # all 0: no division by 0
    body: list[str] = []
    for index in range(categories):
        left = index * group + (group - bar * series) / 2
        for number in range(series):
            value = data.values[number][index]
            tall = plot * value / peak
            x = left + number * bar
            body.append(
                f'<rect x="{x:.1f}" y="{baseline - tall:.1f}" width="{bar * 0.92:.1f}" '
                f'height="{tall:.1f}" fill="{data.colours[number]}"/>'
            )
            body.append(
                _text(
                    x + bar * 0.46,
                    baseline - tall - 2.5,
                    data.value_labels[number][index],
                    value_size,
                    "middle",
                )
            )
        for line, words in enumerate(label_lines[index]):
            y = baseline + 3 + label_size * (0.9 + LINE_SPACING * line)
            body.append(_text(index * group + group / 2, y, words, label_size, "middle"))
    body.append(
        f'<line x1="0" y1="{baseline:.1f}" x2="{WIDTH:.0f}" y2="{baseline:.1f}" '
        f'stroke="{AXIS}" stroke-width="0.8"/>'
    )
    return _svg(height, body, data.font_family)


def bar_chart(data: ChartData) -> str:
    categories = len(data.categories)
    series = len(data.series_names)
    widest = max(text_width(c, LABEL_SIZE) for c in data.categories)
    label_room = min(WIDTH * 0.4, widest + 2)
    label_size = _fit_size([word for c in data.categories for word in c.split()], label_room)
    label_lines = [_wrap(c, label_size, label_room) for c in data.categories]
    value_size = 8.5
    value_room = max(text_width(v, value_size) for row in data.value_labels for v in row) + 4
    start = label_room + 5
    room = WIDTH - start - value_room
    bar = 11.0 if series == 1 else 9.0
    group = max(bar * series, len(max(label_lines, key=len)) * label_size * LINE_SPACING) + 7
    peak = max(v for row in data.values for v in row) or 1  # all 0: no division by 0
    body: list[str] = []
    for index in range(categories):
        top = 3 + index * group
        block = bar * series
        for number in range(series):
            value = data.values[number][index]
            y = top + (group - 7 - block) / 2 + number * bar
            long = room * value / peak
            body.append(
                f'<rect x="{start:.1f}" y="{y:.1f}" width="{long:.1f}" height="{bar * 0.88:.1f}" '
                f'fill="{data.colours[number]}"/>'
            )
            body.append(
                _text(
                    start + long + 3,
                    y + bar * 0.44 + value_size * 0.35,
                    data.value_labels[number][index],
                    value_size,
                    "start",
                )
            )
        lines = label_lines[index]
        middle = top + (group - 7) / 2
        first = middle - (len(lines) - 1) * label_size * LINE_SPACING / 2 + label_size * 0.35
        for line, words in enumerate(lines):
            y = first + line * label_size * LINE_SPACING
            body.append(_text(label_room, y, words, label_size, "end"))
    height = 3 + categories * group
    body.append(
        f'<line x1="{start:.1f}" y1="0" x2="{start:.1f}" y2="{height - 4:.1f}" '
        f'stroke="{AXIS}" stroke-width="0.8"/>'
    )
    return _svg(height, body, data.font_family)


def draw_chart(data: ChartData) -> str:
    """The chart as a standalone SVG document."""
    return bar_chart(data) if data.kind == "bar" else column_chart(data)

"""Column and bar charts drawn as small SVG files, in the brief's font and colours.

A chart library would cost seconds of start-up and megabytes of wheel for what is, in a
brief, a handful of bars: this module draws them directly. Every value is written beside
its bar (so no axis or gridlines are needed and nothing is read off a scale), and labels are
sized from an estimate of the font's width so that they never run into each other.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

WIDTH = 300.0  # SVG units; the image is scaled to the column's width
# Advances in ems generous enough for the brief's fonts and for the wide fallback a
# browser may use (DejaVu Sans: 0.64 a digit, 0.95 a "%"): a label measured with them is
# never wider than its room, so nothing is clipped at the picture's edge.
_ADVANCE = {
    **dict.fromkeys("0123456789", 0.64),
    "%": 0.96,
    " ": 0.32,
    "\u00a0": 0.32,
    "\u202f": 0.2,
    **dict.fromkeys(".,:;'|!il", 0.34),
    **dict.fromkeys("MWmw@", 1.0),
}
_UPPER, _LOWER, _WIDE = 0.74, 0.62, 1.0  # other capitals, other letters, CJK and the rest
# Where a name may break: the spaces SVG collapses, never a no-break space (U+00A0, or the
# narrow U+202F that groups digits in French), which Python's str.split() would break at.
_BREAKS = re.compile(r"[ \t\n\r]+")
TEXT = "#1d1d1f"
AXIS = "#4a4f57"


@dataclass(frozen=True)
class ChartData:
    """What to draw: plain values, already formatted for the brief's language."""

    kind: str  # "column" or "bar"
    categories: list[str]
    series_names: list[str]
    values: Sequence[Sequence[float | None]]  # per series, one value per category; None: no data
    value_labels: list[list[str]]  # the same, as printed
    colours: list[str]  # one per series
    font_family: str


def _advance(character: str) -> float:
    if character in _ADVANCE:
        return _ADVANCE[character]
    if ord(character) > 0x2E7F:  # CJK and beyond: a full em
        return _WIDE
    return _UPPER if character.isupper() else _LOWER


def text_width(text: str, size: float) -> float:
    """An upper bound of ``text``'s width at ``size``, whatever the font that draws it."""
    return sum(_advance(character) for character in text) * size


def _words(text: str) -> list[str]:
    """The words a name may be broken between."""
    return [word for word in _BREAKS.split(text) if word]


def _wrap(text: str, size: float, room: float) -> list[str]:
    """The text in lines that fit ``room``, broken between words, as many as it takes.

    A word wider than the room is a line of its own (the font is sized so that it fits).
    Runs of spaces count as one, as SVG draws them; a no-break space holds its words.
    """
    words = _words(text)
    lines = words[:1]
    for word in words[1:]:
        candidate = f"{lines[-1]} {word}"
        if text_width(candidate, size) <= room:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines or [text]


def _fit_size(texts: list[str], room: float, largest: float, smallest: float = 6.0) -> float:
    """The largest font size, down to ``smallest``, at which every text fits ``room``."""
    widest = max((text_width(text, 1.0) for text in texts), default=1.0) or 1.0
    return max(smallest, min(largest, room / widest))


def _text(x: float, y: float, content: str, size: float, anchor: str, **extra: str) -> str:
    attributes = "".join(f" {name.replace('_', '-')}={quoteattr(v)}" for name, v in extra.items())
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:.1f}" text-anchor="{anchor}"'
        f"{attributes}>{escape(content)}</text>"
    )


def _svg(height: float, body: list[str], family: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:.0f} {height:.1f}" '
        f'width="{WIDTH:.0f}" height="{height:.1f}">'
        f"<g font-family={quoteattr(family)} fill={quoteattr(TEXT)}>" + "".join(body) + "</g></svg>"
    )


def _gap_label(x: float, y: float, label: str, room: float, largest: float, upright: bool) -> str:
    """A column chart's "no data", in italics, standing on the axis where the bar would:
    across when it has the category's width (one series), else upright beside the others."""
    if not upright:
        size = _fit_size([label], room, largest)
        return _text(x, y, label, size, "middle", font_style="italic")
    size = min(largest, 8.0)
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:.1f}" font-style="italic"'
        f' transform="rotate(-90 {x:.1f} {y:.1f})" dy="{size * 0.35:.1f}">{escape(label)}</text>'
    )


def column_chart(data: ChartData) -> str:
    categories = len(data.categories)
    series = len(data.series_names)
    group = WIDTH / categories
    bar = min(group * 0.74 / series, 34.0)
    printed = [
        label
        for row, labels in zip(data.values, data.value_labels, strict=True)
        for value, label in zip(row, labels, strict=True)
        if value is not None  # "no data" stands upright, and is sized on its own
    ]
    # One series: a value's neighbours are a slot away, it may be wider than its column.
    # Several: the next value stands one column away, at about the same height if close.
    value_size = _fit_size(printed, bar * (1.15 if series == 1 else 0.95), 9.0)
    label_size = _fit_size([word for c in data.categories for word in _words(c)], group * 0.95, 9.0)
    label_lines = [_wrap(c, label_size, group * 0.95) for c in data.categories]
    lines = max(len(wrapped) for wrapped in label_lines)
    top, plot = value_size + 4, 120.0
    baseline = top + plot
    height = baseline + 4 + lines * label_size * 1.15 + 2
    peak = max((v for row in data.values for v in row if v is not None), default=0) or 1
    body: list[str] = []
    for index in range(categories):
        left = index * group + (group - bar * series) / 2
        for number in range(series):
            value = data.values[number][index]
            x = left + number * bar
            if value is None:  # a gap, said in words where the bar would stand
                label = data.value_labels[number][index]
                if series == 1:
                    middle = index * group + group / 2
                    body.append(_gap_label(middle, baseline - 3, label, group * 0.9, 9.0, False))
                else:
                    body.append(_gap_label(x + bar * 0.46, baseline - 3, label, bar, 9.0, True))
                continue
            tall = plot * value / peak
            body.append(
                f'<rect x="{x:.1f}" y="{baseline - tall:.1f}" width="{bar * 0.92:.1f}" '
                f'height="{tall:.1f}" fill="{data.colours[number]}"/>'
            )
            label = data.value_labels[number][index]
            half = text_width(label, value_size) / 2
            centre = min(max(x + bar * 0.46, half + 1), WIDTH - half - 1)  # inside the picture
            body.append(_text(centre, baseline - tall - 2.5, label, value_size, "middle"))
        for line, words in enumerate(label_lines[index]):
            y = baseline + 3 + label_size * (0.9 + 1.15 * line)
            half = text_width(words, label_size) / 2
            centre = min(max(index * group + group / 2, half + 1), WIDTH - half - 1)
            body.append(_text(centre, y, words, label_size, "middle"))
    body.append(
        f'<line x1="0" y1="{baseline:.1f}" x2="{WIDTH:.0f}" y2="{baseline:.1f}" '
        f'stroke="{AXIS}" stroke-width="0.8"/>'
    )
    return _svg(height, body, data.font_family)


def bar_chart(data: ChartData) -> str:
    categories = len(data.categories)
    series = len(data.series_names)
    # A word that cannot be wrapped must fit the labels' room (two-fifths of the width).
    label_size = _fit_size([w for c in data.categories for w in _words(c)], WIDTH * 0.4, 9.0)
    widest = max(text_width(c, label_size) for c in data.categories)
    label_room = min(WIDTH * 0.4, widest + 2)
    label_lines = [_wrap(c, label_size, label_room) for c in data.categories]
    value_size = 8.5
    value_room = max(text_width(v, value_size) for row in data.value_labels for v in row) + 4
    start = label_room + 5
    room = WIDTH - start - value_room
    bar = 11.0 if series == 1 else 9.0
    group = max(bar * series, len(max(label_lines, key=len)) * label_size * 1.15) + 7
    peak = max((v for row in data.values for v in row if v is not None), default=0) or 1
    body: list[str] = []
    for index in range(categories):
        top = 3 + index * group
        block = bar * series
        for number in range(series):
            value = data.values[number][index]
            y = top + (group - 7 - block) / 2 + number * bar
            if value is None:  # a gap: "no data" where the bar would start
                label = data.value_labels[number][index]
                y_text = y + bar * 0.44 + value_size * 0.35
                body.append(
                    _text(start + 3, y_text, label, value_size, "start", font_style="italic")
                )
                continue
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
        first = middle - (len(lines) - 1) * label_size * 1.15 / 2 + label_size * 0.35
        for line, words in enumerate(lines):
            body.append(
                _text(label_room, first + line * label_size * 1.15, words, label_size, "end")
            )
    height = 3 + categories * group
    body.append(
        f'<line x1="{start:.1f}" y1="0" x2="{start:.1f}" y2="{height - 4:.1f}" '
        f'stroke="{AXIS}" stroke-width="0.8"/>'
    )
    return _svg(height, body, data.font_family)


def draw_chart(data: ChartData) -> str:
    """The chart as a standalone SVG document."""
    return bar_chart(data) if data.kind == "bar" else column_chart(data)

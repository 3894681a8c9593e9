"""Chart labels are never clipped at the picture's edge (issue 30: the web page cut "63%"),
measured with the real advances of the brief's fonts and of the browser's usual fallback
(DejaVu Sans, installed with the runtime packages)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from briefgen.fonts import font_files
from briefgen.render.figures.charts import WIDTH, ChartData, draw_chart, text_width

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _fonts() -> dict[str, Path]:
    fonts = {name: font_files(name)[0][1] for name in ("source-sans", "lato", "source-serif")}
    return {**fonts, "dejavu": DEJAVU}


@functools.cache  # each font read once, not once a test
def _advances(path: Path) -> tuple[dict[int, float], float]:
    font = TTFont(path, fontNumber=0, lazy=True)
    scale = 1.0 / font["head"].unitsPerEm
    metrics = font["hmtx"].metrics
    cmap = font.getBestCmap()
    widths = {code: metrics[glyph][0] * scale for code, glyph in cmap.items()}
    return widths, metrics[".notdef"][0] * scale


def _width(text: str, size: float, font: tuple[dict[int, float], float]) -> float:
    widths, missing = font
    return sum(widths.get(ord(character), missing) for character in text) * size


CHARTS = {
    "bar, 63% on the longest bar": ChartData(
        "bar",
        ["Amman", "Irbid", "Zarqa governorate"],
        ["Women"],
        [[44.0, 52.0, 63.0]],
        [["44%", "52%", "63%"]],
        ["#1f4e79"],
        "x",
    ),
    "column, three series": ChartData(
        "column",
        ["2021", "2022", "2023", "2024"],
        ["Women", "Men", "All"],
        [[44.0, 52.0, 61.0, 63.0], [40.0, 47.0, 55.0, 58.0], [42.0, 49.5, 58.0, 100.0]],
        [
            ["44%", "52%", "61%", "63%"],
            ["40%", "47%", "55%", "58%"],
            ["42%", "49.5%", "58%", "100%"],
        ],
        ["#1f4e79", "#c55a11", "#7f7f7f"],
        "x",
    ),
    "column, long words": ChartData(
        "column",
        ["Telecommunications", "Administration"],
        ["Budget"],
        [[18_200_000.0, 1_450_000.0]],
        [["USD 18,200,000", "USD 1,450,000"]],
        ["#1f4e79"],
        "x",
    ),
    "bar, one long word": ChartData(
        "bar",
        ["Internationalisation-programmes", "Other"],
        ["Share"],
        [[99.5, 0.5]],
        [["99.5%", "0.5%"]],
        ["#1f4e79"],
        "x",
    ),
}

TEXT = re.compile(
    r'<text x="([\d.-]+)" y="[\d.-]+" font-size="([\d.]+)" text-anchor="(\w+)"[^>]*>([^<]*)</text>'
)


@pytest.mark.parametrize("font", sorted(_fonts()))
@pytest.mark.parametrize("chart", sorted(CHARTS))
def test_every_label_lies_inside_the_picture(chart: str, font: str) -> None:
    advances = _advances(_fonts()[font])
    svg = draw_chart(CHARTS[chart])
    texts = TEXT.findall(svg)
    assert texts
    for x, size, anchor, content in texts:
        content = content.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
        width = _width(content, float(size), advances)
        left = float(x) - {"start": 0.0, "middle": width / 2, "end": width}[anchor]
        assert left >= 0, f"{content!r} starts {-left:.1f} units left of the picture"
        assert left + width <= WIDTH, f"{content!r} ends {left + width - WIDTH:.1f} past it"


# Values as each language writes them: French groups digits with a narrow no-break space
# and puts a no-break space before "%"; German groups with points.
NUMBERS = [
    "1\u202f234\u202f567",
    "12,5\u00a0%",
    "1.234.567",
    "63%",
    "49.5%",
    "0.5%",
    "USD 18,200,000",
    "2021",
]
NAMES = ["Women", "MEN", "Mwanza", "Windows", "SUMMARY", "new@example", "a; b: c!", "Zarqa"]


@pytest.mark.parametrize(
    ("text", "slack"), [*((n, 1.05) for n in NUMBERS), *((n, 1.25) for n in NAMES)]
)
def test_a_label_is_measured_as_wide_as_the_widest_font_draws_it_and_not_much_wider(
    text: str, slack: float
) -> None:
    """Narrower, it would be clipped at the picture's edge; much wider, the chart would
    shrink its labels and shorten its bars for nothing. A number is measured closely: a
    chart's values are mostly digits and their separators."""
    widest = max(_width(text, 10.0, _advances(path)) for path in _fonts().values())
    assert widest <= text_width(text, 10.0) <= slack * widest


@functools.cache
def _han() -> tuple[dict[int, float], float]:
    """The Han font's advances (a collection: the face briefgen uses)."""
    face, path = font_files("noto-sans-cjk-sc")[0]
    font = TTFont(path, fontNumber=face.index, lazy=True)
    scale = 1.0 / font["head"].unitsPerEm
    metrics = font["hmtx"].metrics
    widths = {code: metrics[glyph][0] * scale for code, glyph in font.getBestCmap().items()}
    return widths, metrics[".notdef"][0] * scale


@pytest.mark.parametrize("text", ["中国", "\u2e80\u2e81", "北京 上海"])
def test_han_is_measured_as_wide_as_the_han_font_draws_it(text: str) -> None:
    """From U+2E80, where the CJK blocks begin, a character is a full em in the Han font."""
    widths, _ = _han()
    assert all(ord(character) in widths for character in text)
    drawn = _width(text, 10.0, _han())
    assert drawn <= text_width(text, 10.0) <= 1.05 * drawn

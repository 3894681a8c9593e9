"""Right-to-left Arabic and Chinese line breaking, on small briefs in those languages."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pytest

from briefgen.api import render_brief
from tests.conftest import ROOT
from tests.packaged_fonts import assert_only_packaged_fonts

BRIEFS = ROOT / "tests" / "briefs"


@pytest.fixture(scope="module")
def arabic(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("arabic")
    return {r.format: r.path for r in render_brief(BRIEFS / "arabic.yaml", ["pdf", "html"], folder)}


def _words(pdf: Path) -> list[tuple[float, str]]:
    """(left edge in points, word) of each Latin word on page 1, as poppler finds them."""
    xml = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-bbox", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = re.findall(r'xMin="([\d.]+)"[^>]*>([^<]+)</word>', xml)
    return [(float(x), word) for x, word in found]


def _line_left_edge(pdf: Path, text: str) -> float:
    """The left edge of the first line of page 1 holding ``text``. pdfminer reads the Arabic
    text layer in logical order (tests/test_text_layer.py), whole words and all."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer, LTTextLine

    for page in extract_pages(pdf, page_numbers=[0]):
        for element in page:
            if isinstance(element, LTTextContainer):
                for line in element:
                    if isinstance(line, LTTextLine) and text in line.get_text():
                        return float(line.x0)
    raise AssertionError(f"{text!r} is not on page 1 of {pdf}")


def test_arabic_mirrors_the_layout(arabic: dict[str, Path]) -> None:
    page = arabic["html"].read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in page
    with pikepdf.open(arabic["pdf"]) as pdf:
        assert str(pdf.Root.Lang) == "ar"
    words = dict((word, x) for x, word in reversed(_words(arabic["pdf"])))
    middle = 595.28 / 2
    assert words["Emmanuelle"] < middle, "the quick facts box belongs on the left (inline end)"
    assert words["UNODC"] > middle, "the masthead's acronym belongs on the right"
    assert _line_left_edge(arabic["pdf"], "النتائج") > middle, "headings start at the right"
    # Latin codes, numbers and the phone number keep their own order (bidi).
    assert words["(+43-1)"] < words["26060-0"]
    assert words["USD"] < words["20,000,833"]


def test_arabic_text_and_fonts(arabic: dict[str, Path]) -> None:
    names = assert_only_packaged_fonts(arabic["pdf"])
    assert all(name.startswith("briefgen-Amiri") for name in names), names
    text = subprocess.run(
        ["pdftotext", str(arabic["pdf"]), "-"], capture_output=True, text=True, check=True
    ).stdout
    spaced = text.replace(" ", "")  # poppler sometimes splits an Arabic word at a kern
    for words in ("مكتب الأمم المتحدة المعني بالمخدرات والجريمة", "التوصيات الرئيسية", "GLOT59"):
        assert words.replace(" ", "") in spaced, words
    assert "«نهاية»" in arabic["html"].read_text(encoding="utf-8")


def test_chinese_lines_and_fonts(tmp_path: Path) -> None:
    (pdf,) = (r.path for r in render_brief(BRIEFS / "chinese.yaml", ["pdf"], tmp_path))
    names = assert_only_packaged_fonts(pdf)
    assert names and all(name.startswith("briefgen-Noto-Sans-CJK-SC") for name in names), names
    lines = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    body = [line for line in lines if "方案" in line]
    assert len(body) > 3
    assert not [line for line in lines if line and line[0] in "，。、；：？！）」”"], lines
    joined = "".join(lines)
    assert "“被广泛采用”" in joined and "主要建议" in joined and "2017年10月" in joined
    assert pdf.stat().st_size < 80_000  # the CJK font is subset, not embedded whole

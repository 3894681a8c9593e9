"""The printed page is defined once, in render/view/page_geometry.py."""

from __future__ import annotations

import re

import pytest

from briefgen.render.view.page_geometry import MARGINS, PAPERS, page_css
from tests.conftest import ROOT


def _box(css: str, name: str) -> str:
    found = re.search(rf"@{name} \{{([^}}]*)\}}", css)
    assert found, css
    return found.group(1)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_page_rule_has_the_paper_and_the_margins(paper: str) -> None:
    css = page_css(paper, start_content='"S"', end_content='"P"', rtl=False)
    assert f"size: {PAPERS[paper].css_size};" in css
    assert "margin: 14mm 14mm 16mm 14mm;" in css
    assert MARGINS.css() == "14mm 14mm 16mm 14mm"


@pytest.mark.parametrize(
    ("rtl", "series_at", "number_at"), [(False, "left", "right"), (True, "right", "left")]
)
def test_the_footer_follows_the_writing_direction(
    rtl: bool, series_at: str, number_at: str
) -> None:
    css = page_css("a4", start_content='"Series"', end_content='"Page"', rtl=rtl)
    assert 'content: "Series";' in _box(css, f"bottom-{series_at}")
    assert 'content: "Page";' in _box(css, f"bottom-{number_at}")
    # The page number stays at the right margin's edge in both directions.
    assert "text-align: right;" in _box(css, "bottom-right")
    assert "text-align" not in _box(css, "bottom-left")


def test_no_stylesheet_or_template_defines_the_page_again() -> None:
    templates = [
        *ROOT.joinpath("templates").glob("*.css"),
        *ROOT.joinpath("templates").glob("*.j2"),
    ]
    assert templates
    assert [path.name for path in templates if "@page" in path.read_text(encoding="utf-8")] == []

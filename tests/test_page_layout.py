"""The page as a publications editor checks it, measured on the PDFs' word positions.

The briefs are the session's renders (tests/conftest.py): the reference, the second
example, the starter, and two test briefs of other shapes (a team of five with long names
and a 150-character URL; a brief that runs just past page 1). That no word collides with
another, leaves the page or hides is checked on every example in tests/test_visual.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import LAYOUT_BRIEFS, Renders
from tests.layout_check import Word, collisions, pages

MM = 72 / 25.4
MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM = 14 * MM, 14 * MM, 16 * MM
QUICK_FACTS_WIDTH = 52 * MM

BRIEFS = LAYOUT_BRIEFS


@pytest.fixture(scope="module")
def pdfs(renders: Renders, reference_outputs: dict[str, Path]) -> dict[str, Path]:
    rendered = {"reference": reference_outputs["pdf"]}
    for name, brief in BRIEFS.items():
        rendered[name] = renders.only(brief, "pdf")
    return rendered


def _footer(height: float, words: list[Word]) -> list[Word]:
    return [word for word in words if word.y0 > height - MARGIN_BOTTOM]


def _body(height: float, words: list[Word]) -> list[Word]:
    return [word for word in words if word.y1 < height - MARGIN_BOTTOM]


def test_page_number_ends_at_the_same_x_on_every_page(pdfs: dict[str, Path]) -> None:
    right_edges: dict[str, float] = {}
    for name, pdf in pdfs.items():
        for number, (_, height, words) in enumerate(pages(pdf), start=1):
            footer = _footer(height, words)
            assert footer[-1].text == str(len(pages(pdf))), (name, number, footer)
            right_edges[f"{name} p{number}"] = max(word.x1 for word in footer)
            assert min(word.x0 for word in footer) == pytest.approx(MARGIN_SIDE, abs=1), name
    assert len(right_edges) >= 9
    expected = 595.28 - MARGIN_SIDE
    off = {page: x for page, x in right_edges.items() if abs(x - expected) > 0.5}
    assert not off, f"page number not at the right margin ({expected:.1f} pt): {off}"


@pytest.mark.parametrize("name", ["reference", "single-project", "starter"])
def test_no_page_is_less_than_half_filled(pdfs: dict[str, Path], name: str) -> None:
    """A brief meant as two full pages has no page whose text covers under half of it."""
    for number, (_, height, words) in enumerate(pages(pdfs[name]), start=1):
        body = _body(height, words)
        content = height - MARGIN_TOP - MARGIN_BOTTOM
        fill = (max(word.y1 for word in body) - MARGIN_TOP) / content
        assert fill >= 0.5, f"{name}: page {number}: text covers {fill:.0%} of the page"


def test_last_page_columns_are_balanced(pdfs: dict[str, Path]) -> None:
    """When a brief ends early on page 2, both columns hold text and end close together."""
    width, height, words = pages(pdfs["short-two-pages"])[-1]
    body = _body(height, words)
    middle = width / 2
    left = max(word.y1 for word in body if word.x1 < middle)
    right = [word.y1 for word in body if word.x0 > middle]
    assert right, "the right column of the last page is empty"
    assert abs(left - max(right)) < 0.35 * max(left, max(right)), (left, max(right))


def test_body_takes_the_full_width_below_the_quick_facts(pdfs: dict[str, Path]) -> None:
    width, height, words = pages(pdfs["single-project"])[0]
    sidebar_left = width - MARGIN_SIDE - QUICK_FACTS_WIDTH
    heading = next(word for word in words if word.text == "FACTS")
    beside = [w for w in words if w.x1 < sidebar_left and abs(w.y0 - heading.y0) < 30]
    below_right = [w for w in _body(height, words) if w.x1 > width - MARGIN_SIDE - 20 * MM]
    assert beside, "no body text beside the quick facts"
    # Words reach the right margin far below the box: the text runs full width there.
    assert any(w.y0 > height / 2 for w in below_right), "text stays narrow below the box"


def test_a_150_character_url_in_the_quick_facts_wraps_inside_the_page(
    pdfs: dict[str, Path],
) -> None:
    url = (
        "https://data.example.org/evaluations/regional_programme_access_to_justice_women/"
        "2024/final_report/annexes/survey_microdata_codebook_and_weights_v2.csv"
    )
    assert len(url) == 150
    pdf = pdfs["team-of-five"]
    width, _, words = pages(pdf)[0]
    pieces = [w for w in words if w.text.startswith(("https://data", "regional_", "2024/"))]
    assert pieces, "the URL is not on page 1"
    assert all(w.x1 <= width - MARGIN_SIDE + 1 for w in words), "text runs into the margin"
    assert url in "".join(w.text for w in words), "the URL lost characters"
    assert collisions(pdf) == []

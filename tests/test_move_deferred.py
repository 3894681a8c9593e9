"""Where a section deferred to page 2 goes after the cut (beside_float.move_deferred).

Small trees built by hand, cut by page_split.apply_cut: no PDF engine needed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from briefgen.render.pdf.beside_float import DEFERRED, move_deferred
from briefgen.render.pdf.page_split import Cut, apply_cut, continued_flow

CHART = """<section class="section kind-chart level-2" id="chart" data-deferred=""
 data-beside-float="" style="display: none"><h3>Referrals by year</h3></section>"""
FINDINGS = """<section class="section level-2" id="findings"><h3>Findings</h3>
<p>One two three four five six.</p></section>"""
TABLE = """<section class="section kind-table level-2" id="table"><h3>Targets</h3></section>"""
MAP = """<section class="section kind-map level-2" id="map"><h3>Where</h3></section>"""


def _document(*results: str) -> str:
    """A brief's flow: the results' sections, then lessons and the contact block."""
    return f"""<html><body><main class="content"><div class="flow">
<section class="section level-1" id="results"><h2>Results</h2>{"".join(results)}</section>
<section class="section level-1" id="lessons"><h2>Lessons</h2><p>Lesson.</p></section>
<footer class="contact">Contact</footer>
</div></main></body></html>"""


def _headings(element: ET.Element) -> list[str]:
    return [heading.text or "" for heading in element.iter() if heading.tag in {"h2", "h3"}]


def _cut_and_moved(document: str, cut_at: str, words: int = 0) -> ET.Element:
    """The continued flow (page 2 on) after cutting before ``cut_at`` or after ``words``
    words of its paragraph, and moving the deferred chart."""
    root = ET.fromstring(document)
    element = next(e for e in root.iter() if e.get("id") == cut_at)
    if words:
        paragraph = element.find("p")
        assert paragraph is not None
        element = paragraph
    apply_cut(root, Cut(element, words))
    continued = continued_flow(root)
    assert continued is not None
    move_deferred(root, continued)
    assert not any(DEFERRED in e.attrib for e in root.iter())
    return continued


def test_a_deferred_section_starts_the_rest_of_its_own_section_on_page_2() -> None:
    # Page 1 ended inside the results, before the map: the chart of the results starts
    # page 2 among the results, not after all of them (the map, then the chart).
    continued = _cut_and_moved(_document(FINDINGS, CHART, TABLE, MAP), "map")
    assert _headings(continued) == ["Referrals by year", "Where", "Lessons"]
    results_rest = continued[0]
    assert results_rest.get("class") == "section level-1"
    assert results_rest[0].get("id") == "chart"
    assert results_rest[0].get("style") is None  # shown again


def test_a_deferred_section_follows_the_piece_of_text_carried_over() -> None:
    # Page 1 ended inside the findings' paragraph, after the chart: the paragraph's rest
    # opens page 2 (one paragraph in the tags), then the chart, both in the results.
    continued = _cut_and_moved(_document(TABLE, CHART, FINDINGS, MAP), "findings", words=3)
    assert _headings(continued) == ["Referrals by year", "Where", "Lessons"]
    findings_rest, chart = continued[0][0], continued[0][1]
    assert "".join(findings_rest.itertext()).split() == ["four", "five", "six."]
    assert chart.get("id") == "chart"


def test_a_deferred_section_whose_section_ended_on_page_1_starts_page_2() -> None:
    continued = _cut_and_moved(_document(FINDINGS, CHART, TABLE), "lessons")
    assert _headings(continued) == ["Referrals by year", "Lessons"]
    assert continued[0].get("id") == "chart"

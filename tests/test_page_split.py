"""Cutting the document where page 1 ends: no text lost, doubled or reordered.

The cut is made on the element tree (briefgen/render/pdf/page_split.py); these tests build
small trees by hand, so they need no PDF engine.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from briefgen.render.pdf.page_split import Cut, _whole_words, apply_cut

DOCUMENT = """<html><body><main class="content"><div class="flow">
<section class="level-2" id="findings"><h2 id="h">Findings</h2>
<p>One <strong>two three</strong> four five.</p></section>
<section class="level-2" id="recs"><h2 id="r">Recommendations</h2>
<ol><li>First thing;</li><li>Second <em>long</em> thing that runs over;</li><li>Third.</li></ol>
</section>
<footer class="contact">Contact</footer>
</div></main></body></html>"""


def _tree() -> ET.Element:
    return ET.fromstring(DOCUMENT)


def _text(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _flows(root: ET.Element) -> list[ET.Element]:
    return [e for e in root.iter() if "flow" in (e.get("class") or "").split()]


def test_a_list_item_cut_inside_goes_on_unnumbered_and_the_list_keeps_counting() -> None:
    root = _tree()
    before = _text(root)
    item = root.findall(".//li")[1]
    apply_cut(root, Cut(item, words=2))  # "Second long" on page 1
    first, second = _flows(root)
    assert "continued" in (second.get("class") or "")
    assert _text(root) == before  # nothing lost, doubled or reordered
    assert _text(first).endswith("First thing;Second long")
    assert _text(second).startswith("thing that runs over;Third.")
    carried = second.find(".//li")
    assert carried is not None and "carried-over" in (carried.get("class") or "")
    assert "runs-over" in (item.get("class") or "")
    ol = second.find(".//ol")
    assert (
        ol is not None and ol.get("start") == "3"
    )  # the carried item shows no number: "Third." is 3
    assert ol.get("style") == "counter-reset: list-item 2"  # what WeasyPrint counts from
    # Copies of split elements keep their classes but not their ids.
    copies = second.findall(".//section")
    assert copies and all(c.get("id") is None for c in copies)


def test_a_paragraph_cut_inside_bold_text_keeps_its_formatting() -> None:
    root = _tree()
    paragraph = root.find(".//p")
    assert paragraph is not None
    apply_cut(root, Cut(paragraph, words=2))  # "One two" | "three four five."
    first, second = _flows(root)
    # Page 1's part ends with its last word, not a space (WeasyPrint 70 set the end of a
    # hyphenated word alone on a line when it did: corpus brief 75, page 2 left empty).
    assert ET.tostring(first.find(".//p")).decode().endswith("One <strong>two</strong></p>")  # type: ignore[arg-type]
    carried = second.find(".//p")
    assert carried is not None
    assert (
        ET.tostring(carried)
        .decode()
        .startswith('<p class="carried-over"><strong> three</strong> four five.</p>')
    )


def test_a_cut_before_an_element_moves_it_and_all_that_follows() -> None:
    root = _tree()
    section = root.findall(".//section")[1]
    apply_cut(root, Cut(section))
    first, second = _flows(root)
    assert _text(first) == "Findings One two three four five."
    assert _text(second).startswith("Recommendations First thing;")
    assert second.find(".//footer") is not None
    assert second.find(".//section").get("id") == "recs"  # type: ignore[union-attr]


def test_whole_words_ignores_hyphens_added_at_line_ends() -> None:
    source = "the sustainability of the programme's results"
    assert _whole_words("the sustain-ability of the", source) == 4
    assert _whole_words("the sustain\u2010", source) == 1  # a word cut by the page
    assert _whole_words("the sustainability of the programme's results", source) == 6


RATINGS = """<html><body><main class="content"><div class="flow">
<section class="level-2"><h2>Ratings</h2><div class="evidence evidence-ratings"><table>
<caption class="scale">Scale: best to worst</caption>
<thead><tr><th id="criterion">Criterion</th><th>Rating</th></tr></thead>
<tbody class="table-start"><tr><th>Relevance</th><td>High</td></tr>
<tr><th>Coherence</th><td>High</td></tr></tbody>
<tbody class="table-end"><tr><th>Impact</th><td>Low</td></tr>
<tr><th>Sustainability</th><td>Low</td></tr></tbody>
</table></div></section>
<footer class="contact">Contact</footer>
</div></main></body></html>"""


def _cells(table: ET.Element) -> list[str]:
    return [_text(cell) for cell in table.iter() if cell.tag in {"caption", "th", "td"}]


def test_a_table_cut_between_rows_repeats_its_header_and_ends_with_its_scale() -> None:
    """The part of a table that starts page 2 has the header row too (a reader of page 2
    sees what the columns are), and the scale set below the table goes with its last
    part: left with the first, it ran on to page 2 alone and the rows after it started
    page 3 (corpus brief 45)."""
    root = ET.fromstring(RATINGS)
    rows_after = root.find(".//tbody[@class='table-end']")
    assert rows_after is not None
    apply_cut(root, Cut(rows_after))
    first, second = (flow.find(".//table") for flow in _flows(root))
    assert first is not None and second is not None
    assert _cells(first) == ["Criterion", "Rating", "Relevance", "High", "Coherence", "High"]
    assert _cells(second) == [
        *["Scale: best to worst", "Criterion", "Rating"],
        *["Impact", "Low", "Sustainability", "Low"],
    ]
    assert [child.tag for child in second] == ["caption", "thead", "tbody"]
    assert [e.get("id") for e in root.iter() if e.get("id")] == ["criterion"]  # not twice

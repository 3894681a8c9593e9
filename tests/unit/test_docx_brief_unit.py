"""The Word writer's brief as a reader and ``briefgen update`` open it: the title, the
masthead, headings at their levels, lists numbered by Word, links and bookmarks, the
footer's page fields, the quick facts table, the contact block and the file's properties.

Each test writes its own tiny brief (one document per test: mutation testing counts the
code a document runs to the test that wrote it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

from briefgen.api import load_brief
from briefgen.errors import BriefError
from briefgen.model.inline import Span
from briefgen.render.docx import fonts as docx_fonts
from briefgen.render.docx import pictures as docx_pictures
from briefgen.render.docx.brief import MarkedDocx, render_marked_docx
from briefgen.render.docx.package import built_in_document
from briefgen.render.docx.styles import ensure_styles
from briefgen.render.docx.writer import FIELD_BOOKMARK, WordWriter
from tests.conftest import PNG, brief_head
from tests.docx_fields import marked_fields


def _render(folder: Path, sections: list[dict[str, Any]], **head: Any) -> tuple[MarkedDocx, Any]:
    """A brief of the least head and these sections (``head`` changes the head)."""
    data = brief_head() | head | {"sections": sections}
    path = folder / "brief.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    marked = render_marked_docx(load_brief(path))
    return marked, docx.Document(io.BytesIO(marked.content))


def _styled(document: Any) -> list[tuple[str, str]]:
    """The body's paragraphs as (style, text), in reading order."""
    return [(p.style.name, p.text) for p in document.paragraphs]


def test_the_title_comes_first_and_the_masthead_is_the_first_page_header(
    tmp_path: Path,
) -> None:
    organisation = {"name": "Evaluation **Office**", "acronym": "EO", "unit": "Audit unit"}
    evaluation = {"type": "Final evaluation", "title": "Water *for* all", "subtitle": "Year two"}
    marked, document = _render(
        tmp_path,
        [{"kind": "background", "text": "Some text."}],
        organisation=organisation,
        evaluation=evaluation,
        series="Brief series",
    )
    assert _styled(document)[:2] == [("Title", "Water for all"), ("Subtitle", "Year two")]
    assert marked.title_style == document.styles["Title"].style_id
    title = marked.fields.index(("evaluation", "title"))  # found by its style, unmarked
    assert not document.element.xpath(f"//w:bookmarkStart[@w:name='{FIELD_BOOKMARK}{title}']")
    section = document.sections[0]
    assert section.different_first_page_header_footer
    header = section.first_page_header
    assert not header.is_linked_to_previous
    lines = [(p.style.name, p.text) for p in header.paragraphs]
    assert lines == [
        ("Masthead", "EO\nEvaluation Office"),
        ("Masthead", "Audit unit \u00b7 Brief series \u00b7 October 2017"),
        ("Evaluation Type", "Final evaluation"),
    ]
    acronym, *_ = header.paragraphs[0].runs
    assert acronym.text == "EO" and acronym.style.name == "Masthead Acronym"
    assert [r.bold for r in header.paragraphs[0].runs if r.text == "Office"] == [True]
    fields = marked_fields(marked, document.element.body, header._element)
    assert fields == {
        ("organisation", "name"): "Evaluation Office",
        ("organisation", "unit"): "Audit unit",
        ("evaluation", "type"): "Final evaluation",
        ("evaluation", "subtitle"): "Year two",
        ("sections", 0, "text", 0): "Some text.",
    }


def test_a_masthead_without_acronym_or_unit_has_just_the_name_and_the_date(
    tmp_path: Path,
) -> None:
    _, document = _render(tmp_path, [{"kind": "background", "text": "Some text."}])
    header = document.sections[0].first_page_header
    assert [p.text for p in header.paragraphs] == [
        "Office",
        "Evaluation brief \u00b7 October 2017",
        "Evaluation",
    ]
    assert _styled(document)[0] == ("Title", "A title")
    assert [p.style.name for p in document.paragraphs].count("Subtitle") == 0


def test_a_logo_is_a_picture_in_the_masthead_named_by_the_acronym(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(PNG)
    organisation = {"name": "Evaluation Office", "acronym": "EO"}
    _, document = _render(
        tmp_path,
        [{"kind": "background", "text": "Some text."}],
        organisation=organisation,
        theme={"logo": "logo.png"},
    )
    header = document.sections[0].first_page_header
    first = header.paragraphs[0]
    (doc_properties,) = first._p.xpath(".//wp:docPr")
    assert doc_properties.get("descr") == "EO"
    (extent,) = first._p.xpath(".//wp:extent")
    assert int(extent.get("cy")) == Mm(14)  # the PDF's logo height
    assert first.text == "\nEvaluation Office"  # the picture, a break, the name
    assert not [r for r in first.runs if r.style.name == "Masthead Acronym"]


def test_headings_nest_to_the_deepest_level_and_a_hidden_heading_is_left_out(
    tmp_path: Path,
) -> None:
    def nested(depth: int) -> dict[str, Any]:
        section: dict[str, Any] = {"heading": f"Level {depth}", "text": f"Text {depth}."}
        if depth < 7:
            section["sections"] = [nested(depth + 1)]
        return section

    hidden = {"kind": "findings", "show_heading": False, "text": "Unheaded."}
    marked, document = _render(tmp_path, [nested(1), hidden])
    levels = [(s, t) for s, t in _styled(document) if s.startswith("Heading")]
    assert levels == [
        ("Heading 1", "Level 1"),
        ("Heading 2", "Level 2"),
        ("Heading 3", "Level 3"),
        ("Heading 4", "Level 4"),
        ("Heading 5", "Level 5"),
        ("Heading 5", "Level 6"),
        ("Heading 5", "Level 7"),
    ]
    body = [t for s, t in _styled(document) if s == "Body Text"]
    assert body == [*(f"Text {n}." for n in range(1, 8)), "Unheaded."]
    fields = marked_fields(marked, document.element.body)
    assert fields[("sections", 0, "heading")] == "Level 1"
    assert fields[("sections", 0, "sections", 0, "sections", 0, "text", 0)] == "Text 3."


def test_a_standard_heading_is_briefgens_and_closing_paragraphs_follow_the_list(
    tmp_path: Path,
) -> None:
    section = {
        "kind": "recommendations",
        "text": "We recommend:",
        "items": ["Keep going.", "Measure more."],
        "closing": ["That is all.", "Truly."],
    }
    marked, document = _render(tmp_path, [section])
    assert _styled(document)[1:] == [
        ("Heading 1", "Main recommendations"),
        ("Body Text", "We recommend:"),
        ("List Number", "Keep going."),
        ("List Number", "Measure more."),
        ("Body Text", "That is all."),
        ("Body Text", "Truly."),
    ]
    fields = marked_fields(marked, document.element.body)
    assert ("sections", 0, "heading") not in fields  # a label: not the brief's text
    assert fields[("sections", 0, "closing", 1)] == "Truly."
    assert fields[("sections", 0, "items", 1)] == "Measure more."
    assert fields[("sections", 0, "text", 0)] == "We recommend:"


def _list_ids(paragraphs: list[Any]) -> list[tuple[int, int]]:
    """Each paragraph's (level, list) in Word's numbering."""
    ids = []
    for paragraph in paragraphs:
        numbering = paragraph._p.pPr.numPr
        ids.append((numbering.ilvl.val, numbering.numId.val))
    return ids


def _number_format(document: Any, num_id: int) -> tuple[str, str, str]:
    """A list's mark as Word draws it: (numFmt, lvlText, start override)."""
    numbering = document.part.numbering_part.element
    (num,) = numbering.xpath(f"./w:num[@w:numId='{num_id}']")
    abstract_id = num.abstractNumId.val
    level = f"./w:abstractNum[@w:abstractNumId='{abstract_id}']/w:lvl"
    (start,) = numbering.xpath(f"./w:num[@w:numId='{num_id}']/w:lvlOverride/w:startOverride/@w:val")
    return (
        numbering.xpath(f"{level}/w:numFmt/@w:val")[0],
        numbering.xpath(f"{level}/w:lvlText/@w:val")[0],
        start,
    )


def test_each_list_is_its_own_word_list_numbered_or_bulleted(tmp_path: Path) -> None:
    sections = [
        {"heading": "A", "items": ["One.", "Two."], "numbered": True},
        {"heading": "B", "items": ["Three."], "numbered": True},
        {"heading": "C", "items": ["Dot.", "Dash."], "numbered": False},
    ]
    _, document = _render(tmp_path, sections)
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    bullets = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    assert [p.text for p in numbered] == ["One.", "Two.", "Three."]
    assert [p.text for p in bullets] == ["Dot.", "Dash."]
    first, second, third = (ids := _list_ids(numbered))
    assert first == second and first[0] == 0 and third[0] == 0
    assert len({first[1], third[1], *(n for _, n in _list_ids(bullets))}) == 3
    assert _list_ids(bullets)[0] == _list_ids(bullets)[1]
    assert _number_format(document, ids[0][1]) == ("decimal", "%1.", "1")
    assert _number_format(document, ids[2][1]) == ("decimal", "%1.", "1")
    assert _number_format(document, _list_ids(bullets)[0][1]) == ("bullet", "\u2022", "1")
    numbering = document.part.numbering_part.element
    (abstract_id,) = numbering.xpath(f"./w:num[@w:numId='{ids[0][1]}']/w:abstractNumId/@w:val")
    (indent,) = numbering.xpath(
        f"./w:abstractNum[@w:abstractNumId='{abstract_id}']/w:lvl/w:pPr/w:ind"
    )
    assert indent.get(qn("w:left")) == indent.get(qn("w:hanging")) == "360"


def test_items_cited_by_id_are_bold_ids_bookmarked_for_cross_references(
    tmp_path: Path,
) -> None:
    recommendations = {
        "kind": "recommendations",
        "cite_ids": True,
        "items": [{"id": "R-1", "text": "Do it."}, "Then this"],
    }
    findings = {"kind": "findings", "text": "See [](#R-1) and [the list](#recs)."}
    marked, document = _render(tmp_path, [{**recommendations, "id": "recs"}, findings])
    body = _styled(document)
    assert ("Body Text", "R-1 Do it.") in body and ("Body Text", "2 Then this") in body
    item = next(p for p in document.paragraphs if p.text == "R-1 Do it.")
    assert item.runs[0].text == "R-1 " and item.runs[0].bold
    assert not item._p.xpath("./w:pPr/w:numPr")
    bookmarks = {b.get(qn("w:name")) for b in item._p.xpath("./w:bookmarkStart")}
    assert "R_1" in bookmarks
    heading = next(p for p in document.paragraphs if p.text == "Main recommendations")
    assert heading._p.xpath("./w:bookmarkStart/@w:name") == ["recs"]
    assert heading._p.index(heading._p.xpath("./w:bookmarkStart")[0]) == 1  # after pPr
    links = next(p for p in document.paragraphs if p.text.startswith("See "))
    anchors = links._p.xpath("./w:hyperlink/@w:anchor")
    assert anchors == ["R_1", "recs"]
    assert marked.anchors == {"R_1": "R-1", "recs": "recs"}
    fields = marked_fields(marked, document.element.body)
    assert fields[("sections", 0, "items", 0)] == "Do it."  # the id is briefgen's
    assert fields[("sections", 0, "items", 1)] == "Then this"
    for hyperlink in links._p.xpath("./w:hyperlink"):
        assert hyperlink.get(qn("w:history")) == "1"
        for run in hyperlink.xpath("./w:r"):
            assert run.xpath("./w:rPr/w:rStyle/@w:val") == [document.styles["Hyperlink"].style_id]
    ids = [int(b.get(qn("w:id"))) for b in document.element.body.iter(qn("w:bookmarkStart"))]
    assert len(ids) == len(set(ids))  # every bookmark its own id
    ends = [int(b.get(qn("w:id"))) for b in document.element.body.iter(qn("w:bookmarkEnd"))]
    assert sorted(ends) == sorted(ids)


def test_run_in_lists_read_as_one_paragraph(tmp_path: Path) -> None:
    base = {"list_style": "run-in", "text": "Lead:", "items": ["first", "second"]}
    sections = [
        {"heading": "Numbered", **base, "numbered": True},
        {"heading": "Plain", **base, "numbered": False},
        {
            "heading": "Cited",
            **base,
            "cite_ids": True,
            "items": [{"id": "K1", "text": "first"}, "second"],
        },
    ]
    marked, document = _render(tmp_path, sections)
    body = [t for s, t in _styled(document) if s == "Body Text"]
    assert body == [
        "Lead: 1) first 2) second",
        "Lead: first second",
        "Lead: K1) first second",  # an item without an id: no number
    ]
    fields = marked_fields(marked, document.element.body)
    assert fields[("sections", 0, "items", 1)] == "second"
    assert fields[("sections", 2, "text", 0)] == "Lead:"


def test_links_code_and_emphasis_are_word_runs(tmp_path: Path) -> None:
    text = "Go [site **bold**](https://e.org/x) then `code` and *it* <https://f.org>."
    _, document = _render(tmp_path, [{"heading": "Links", "text": text}])
    paragraph = next(p for p in document.paragraphs if p.text.startswith("Go "))
    assert paragraph.text == "Go site bold then code and it https://f.org."
    hyperlinks = paragraph._p.xpath("./w:hyperlink")
    assert len(hyperlinks) == 2  # consecutive spans of one link share one hyperlink
    targets = [paragraph.part.rels[h.get(qn("r:id"))].target_ref for h in hyperlinks]
    assert targets == ["https://e.org/x", "https://f.org"]
    assert ["".join(h.xpath(".//w:t/text()")) for h in hyperlinks] == ["site bold", "https://f.org"]
    runs = {run.text: run for run in paragraph.runs}
    assert runs["code"].style.name == "Verbatim Char"
    assert runs["it"].italic and not runs["it"].bold
    assert runs["Go "].bold is None and runs["Go "].italic is None
    assert runs["Go "].style.name == "Default Paragraph Font"
    bold = hyperlinks[0].xpath("./w:r")[1]
    assert bold.xpath("./w:rPr/w:b") and bold.xpath("string(.//w:t)") == "bold"


def test_a_line_break_is_a_break_not_text(tmp_path: Path) -> None:
    _, document = _render(tmp_path, [{"heading": "B", "text": "one\\\ntwo"}])
    paragraph = next(p for p in document.paragraphs if p.text.startswith("one"))
    assert paragraph.text == "one\ntwo"
    assert len(paragraph._p.xpath(".//w:br")) == 1


def test_a_figure_is_a_picture_with_alt_text_then_its_caption_and_credit(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.png").write_bytes(PNG)
    figure = {
        "kind": "figure",
        "heading": "Fig",
        "image": "a.png",
        "alt": "A dot",
        "caption": "One dot",
        "credit": "Us",
    }
    marked, document = _render(tmp_path, [figure])
    (shape,) = document.inline_shapes
    assert shape._inline.docPr.get("descr") == "A dot"
    styles = _styled(document)
    assert styles[-2:] == [("Figure", ""), ("Caption", "One dot; Us")]
    fields = marked_fields(marked, document.element.body)
    assert fields[("sections", 0, "caption")] == "One dot"
    assert fields[("sections", 0, "credit")] == "Us"


@pytest.mark.parametrize(
    ("caption", "credit", "shown"),
    [({"caption": "Only"}, {}, "Only"), ({}, {"credit": "Us"}, "Us"), ({}, {}, None)],
)
def test_a_figure_caption_without_credit_or_credit_without_caption(
    tmp_path: Path, caption: dict[str, str], credit: dict[str, str], shown: str | None
) -> None:
    (tmp_path / "a.png").write_bytes(PNG)
    figure = {"kind": "figure", "heading": "Fig", "image": "a.png", "alt": "x"}
    _, document = _render(tmp_path, [figure | caption | credit])
    captions = [t for s, t in _styled(document) if s == "Caption"]
    assert captions == ([] if shown is None else [shown])


def test_a_decorative_figure_has_no_alt_text_and_is_marked_decorative(tmp_path: Path) -> None:
    (tmp_path / "a.png").write_bytes(PNG)
    figure = {"kind": "figure", "heading": "F", "image": "a.png", "decorative": True}
    _, document = _render(tmp_path, [figure])
    (shape,) = document.inline_shapes
    properties = shape._inline.docPr
    assert properties.get("descr") == ""
    flags = properties.xpath(".//*[local-name()='decorative']/@val")
    assert flags == ["1"]


def test_a_figure_is_shrunk_to_the_text_width(tmp_path: Path) -> None:
    from PIL import Image as PilImage

    PilImage.new("RGB", (4000, 1000), "white").save(tmp_path / "wide.png", dpi=(72, 72))
    PilImage.new("RGB", (100, 4000), "white").save(tmp_path / "tall.png", dpi=(72, 72))
    PilImage.new("RGB", (72, 36), "white").save(tmp_path / "small.png", dpi=(72, 72))
    figures = [
        {"kind": "figure", "heading": name, "image": f"{name}.png", "alt": name}
        for name in ("wide", "tall", "small")
    ]
    _, document = _render(tmp_path, figures)
    section = document.sections[0]
    width = section.page_width - section.left_margin - section.right_margin
    height = section.page_height - section.top_margin - section.bottom_margin
    wide, tall, small = document.inline_shapes
    assert wide.width == width and abs(wide.height - width // 4) <= 1
    assert tall.height == int(0.8 * height) and abs(tall.width - tall.height // 40) <= 1
    assert (small.width, small.height) == (914400, 457200)  # 1 x 0.5 inch, its own size


def test_an_svg_figure_is_as_wide_as_the_text(tmp_path: Path) -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10">'
        '<rect width="20" height="10"/></svg>'
    )
    (tmp_path / "a.svg").write_text(svg, "utf-8")
    figure = {"kind": "figure", "heading": "F", "image": "a.svg", "alt": "x"}
    _, document = _render(tmp_path, [figure])
    section = document.sections[0]
    width = section.page_width - section.left_margin - section.right_margin
    (shape,) = document.inline_shapes
    assert shape.width == width and abs(shape.height - width // 2) <= 1


def test_quick_facts_are_a_two_column_table_with_a_header_row(tmp_path: Path) -> None:
    facts = [
        {"label": "Budget", "value": "USD *5* million"},
        {"label": "Team", "value": [{"name": "A. One", "role": "Lead"}, {"name": "B. Two"}]},
        {"label": "Places", "value": ["Here", "There"]},
    ]
    evaluation = {
        "type": "Evaluation",
        "title": "A title",
        "report": {"url": "https://e.org/r", "text": "the report"},
    }
    marked, document = _render(
        tmp_path,
        [{"kind": "background", "text": "Some text."}],
        quick_facts=facts,
        evaluation=evaluation,
    )
    (table,) = document.tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows == [
        ["Quick facts", "Quick facts"],
        ["Budget", "USD 5 million"],
        ["Team", "A.\u00a0One, Lead\nB.\u00a0Two"],
        ["Places", "Here\nThere"],
        ["Evaluation report", "the report"],
    ]
    assert table.style.name == "Quick Facts Table" and table.autofit is False
    assert table.rows[0].cells[0].paragraphs[0].style.name == "Quick Facts Heading"
    assert table.rows[1].cells[0].paragraphs[0].style.name == "Quick Facts Label"
    assert [p.style.name for p in table.rows[3].cells[1].paragraphs] == ["Quick Facts Value"] * 2
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:tblHeader")) is None for row in table.rows[1:])
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    section = document.sections[0]
    width = section.page_width - section.left_margin - section.right_margin
    label, value = (column.width for column in table.columns)
    twip = 635  # the grid is stored in twentieths of a point
    assert abs(label - width * 0.32) < twip and abs(value - width * 0.68) < twip
    assert [c.width for c in table.rows[2].cells] == [label, value]
    report = table.rows[-1].cells[1].paragraphs[0]
    (hyperlink,) = report._p.xpath("./w:hyperlink")
    assert report.part.rels[hyperlink.get(qn("r:id"))].target_ref == "https://e.org/r"
    assert not table._tbl.tblPr.xpath("./w:bidiVisual")
    fields = marked_fields(marked, document.element.body)
    assert fields[("quick_facts", 1, "value", 0, "name")] == "A.\u00a0One"
    assert fields[("quick_facts", 1, "value", 0, "role")] == "Lead"
    assert fields[("quick_facts", 2, "value", 1)] == "There"
    assert fields[("quick_facts", 0, "label")] == "Budget"


def test_a_report_alone_makes_the_table_and_its_address_is_its_text(tmp_path: Path) -> None:
    evaluation = {"type": "Evaluation", "title": "A title", "report": {"url": "https://e.org/r"}}
    _, document = _render(tmp_path, [{"kind": "background", "text": "x"}], evaluation=evaluation)
    (table,) = document.tables
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Quick facts", "Quick facts"],
        ["Evaluation report", "https://e.org/r"],
    ]


def test_no_facts_and_no_report_make_no_table(tmp_path: Path) -> None:
    _, document = _render(tmp_path, [{"kind": "background", "text": "x"}])
    assert document.tables == []


def test_the_contact_is_one_paragraph_of_lines_with_links(tmp_path: Path) -> None:
    contact = {
        "unit": "Evaluation *unit*",
        "organisation": "The Office",
        "address": ["1 Road", "Town"],
        "email": "eval@e.org",
        "phone": "+1 555",
        "website": "https://e.org/",
    }
    marked, document = _render(tmp_path, [{"kind": "background", "text": "x"}], contact=contact)
    (paragraph,) = [p for p in document.paragraphs if p.style.name == "Contact"]
    assert paragraph.text == (
        "Evaluation unit\nThe Office\n1 Road\nTown\nE-mail: eval@e.org\nTel.: +1 555\nhttps://e.org/"
    )
    assert paragraph.paragraph_format.keep_together
    unit = [r for r in paragraph.runs if r.text in {"Evaluation ", "unit"}]
    assert [(r.bold, r.italic) for r in unit] == [(True, None), (True, True)]
    targets = [
        paragraph.part.rels[h.get(qn("r:id"))].target_ref
        for h in paragraph._p.xpath("./w:hyperlink")
    ]
    assert targets == ["mailto:eval@e.org", "https://e.org/"]
    fields = marked_fields(marked, document.element.body)
    assert fields[("contact", "organisation")] == "The Office"
    assert fields[("contact", "address", 1)] == "Town"
    assert ("contact", "unit") not in fields


def test_the_footer_names_the_series_and_counts_pages_with_fields(tmp_path: Path) -> None:
    organisation = {"name": "Office", "acronym": "EO"}
    _, document = _render(
        tmp_path, [{"kind": "background", "text": "x"}], organisation=organisation
    )
    section = document.sections[0]
    for footer in (section.footer, section.first_page_footer):
        assert not footer.is_linked_to_previous
        (paragraph,) = footer.paragraphs
        assert paragraph.style.name == "Footer"
        assert paragraph.text == "EO Evaluation brief\tPage 1 / 1"
        kinds = paragraph._p.xpath(".//w:fldChar/@w:fldCharType")
        assert kinds == ["begin", "separate", "end"] * 2
        assert paragraph._p.xpath(".//w:instrText/text()") == [" PAGE ", " NUMPAGES "]
        (tab,) = paragraph._p.xpath(".//w:tab")
        assert tab is not None


def test_without_an_acronym_the_footer_is_the_series_alone(tmp_path: Path) -> None:
    _, document = _render(tmp_path, [{"kind": "background", "text": "x"}])
    (paragraph,) = document.sections[0].footer.paragraphs
    assert paragraph.text.split("\t")[0] == "Evaluation brief"


def test_the_files_properties_and_origin(tmp_path: Path) -> None:
    marked, document = _render(
        tmp_path,
        [{"kind": "background", "text": "x"}],
        keywords=["water", "health"],
    )
    properties = document.core_properties
    assert properties.title == "A title"
    assert properties.author == properties.last_modified_by == "Office"
    assert properties.keywords == "water, health"
    assert properties.subject == "Evaluation: A title"
    assert properties.revision == 1
    moment = dt.datetime(2017, 10, 1, tzinfo=dt.UTC)
    assert properties.created == properties.modified == properties.last_printed == moment
    empty = (properties.comments, properties.category, properties.version)
    assert empty == ("", "", "")
    assert (properties.content_status, properties.identifier) == ("", "")
    custom = _custom_properties(document)
    text = (tmp_path / "brief.yaml").read_text("utf-8")
    assert custom == {  # the names briefgen update reads
        "briefgen.source": "sha256:" + hashlib.sha256(text.encode()).hexdigest(),
        "briefgen.file": "brief.yaml",
        "briefgen.language": "en",
        "briefgen.title": "A title",
        "briefgen.fields": str(len(marked.fields)),
    }
    assert marked.fields == (  # the masthead's, the title, the section's text
        ("organisation", "name"),
        ("evaluation", "type"),
        ("evaluation", "title"),
        ("sections", 0, "text", 0),
    )


def _custom_properties(document: Any) -> dict[str, str]:
    part = next(
        rel.target_part
        for rel in document.part.package.rels.values()
        if rel.reltype.endswith("/custom-properties")
    )
    root = etree.fromstring(part.blob)
    return {prop.get("name"): "".join(prop.itertext()) for prop in root}


def test_a_right_to_left_brief_reads_right_to_left(tmp_path: Path) -> None:
    facts = [{"label": "الميزانية", "value": "خمسة"}]
    contact = {"organisation": "المكتب"}
    (tmp_path / "a.png").write_bytes(PNG)
    figure = {"kind": "figure", "heading": "شكل", "image": "a.png", "alt": "نقطة"}
    _, document = _render(
        tmp_path,
        [{"heading": "خلفية", "text": "نص."}, figure],
        language="ar",
        quick_facts=facts,
        contact=contact,
    )
    (table,) = document.tables
    assert table._tbl.tblPr.xpath("./w:bidiVisual")
    for paragraph in document.paragraphs:
        if paragraph.text:
            assert paragraph._p.xpath("./w:pPr/w:bidi"), paragraph.text
            assert all(r._r.xpath("./w:rPr/w:rtl") for r in paragraph.runs), paragraph.text
    (footer,) = document.sections[0].footer.paragraphs
    assert footer._p.xpath("./w:pPr/w:bidi")
    (picture,) = [p for p in document.paragraphs if p.style.name == "Figure"]
    assert picture._p.xpath("./w:pPr/w:bidi")  # the picture stands at the right margin


def test_a_left_to_right_brief_has_no_right_to_left_marks(tmp_path: Path) -> None:
    _, document = _render(tmp_path, [{"heading": "H", "text": "Text."}])
    assert not document.element.body.xpath(".//w:bidi | .//w:rtl")


def test_bookmark_names_are_word_names_unique_and_short() -> None:
    writer = WordWriter.__new__(WordWriter)
    writer.bookmarks = {}
    assert writer.bookmark_name("a-b") == "a_b"
    assert writer.bookmark_name("a_b") == "a_b_2"
    assert writer.bookmark_name("a.b") == "a_b_3"
    assert writer.bookmark_name("a-b") == "a_b"  # looked up again, the same
    long = "x" * 50
    assert writer.bookmark_name(long) == "x" * 36
    assert writer.bookmark_name("x" * 49 + "y") == "x" * 33 + "_2"
    assert writer.bookmark_name("é1") == "_1"


def test_a_picture_word_cannot_place_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / "a.png").write_bytes(PNG)
    figure = {"kind": "figure", "heading": "F", "image": "a.png", "alt": "x"}

    def refuse(image: object) -> bytes:
        raise docx_pictures.PictureError("broken")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(docx_pictures, "placeable_bytes", refuse)
        with pytest.raises(BriefError) as raised:
            _render(tmp_path, [figure])
    (problem,) = raised.value.problems
    assert problem.message == "'a.png' cannot be drawn for the DOCX (broken)"
    assert problem.key_path == "sections[0].image"
    assert (problem.line, problem.column) == (
        10,
        10,
    ) and problem.hint == "export the image again, or as PNG"
    assert problem.path is not None and problem.path.name == "brief.yaml"


def test_a_cross_reference_to_a_section_leads_to_its_heading(tmp_path: Path) -> None:
    # the body ends with its section properties (w:sectPr): paragraphs go in before them,
    # so counting it once skipped the heading, and a section of sub-sections only (whose
    # children are written after its bookmark) had no bookmark at all: a dead link in Word
    sections: list[dict[str, Any]] = [
        {"heading": "Parent", "id": "par", "sections": [{"heading": "Child", "text": "Kid."}]},
        {"heading": "One", "id": "one", "text": "Only paragraph."},
        {"show_heading": False, "heading": "Hidden", "id": "hid", "text": ["First.", "Next."]},
        {"kind": "findings", "text": "See [](#par), [](#one) and [](#hid)."},
    ]
    marked, document = _render(tmp_path, sections)
    marks = {
        name: p.text
        for p in document.paragraphs
        for name in p._p.xpath("./w:bookmarkStart/@w:name")
        if not name.startswith(FIELD_BOOKMARK)
    }
    assert marks == {"par": "Parent", "one": "One", "hid": "First."}
    (links,) = [p for p in document.paragraphs if p.text.startswith("See ")]
    assert links._p.xpath("./w:hyperlink/@w:anchor") == ["par", "one", "hid"]
    assert marked.anchors == {"par": "par", "one": "one", "hid": "hid"}


def test_the_fonts_embedded_are_the_briefs_for_its_text_in_every_part(tmp_path: Path) -> None:
    embedded: list[tuple[list[str], str]] = []

    def record(document: object, families: list[str], text: str) -> list[object]:
        embedded.append((families, text))
        return []

    theme = {"font": "lato", "heading_font": "source-serif"}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(docx_fonts, "embed_fonts", record)
        _render(
            tmp_path,
            [{"heading": "H", "text": "Body \u0645\u0631\u062d\u0628\u0627."}],
            theme=theme,
        )
    ((families, text),) = embedded
    assert families == ["lato", "amiri", "source-serif", "amiri"]
    assert "Body" in text and "Evaluation brief" in text  # the body and the masthead
    assert "Page" in text  # and the footers


def test_without_arabic_text_no_arabic_font_is_embedded(tmp_path: Path) -> None:
    embedded: list[list[str]] = []

    def record(document: object, families: list[str], text: str) -> list[object]:
        embedded.append(families)
        return []

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(docx_fonts, "embed_fonts", record)
        _render(tmp_path, [{"heading": "H", "text": "Body."}])
    assert embedded == [["source-sans", "source-sans"]]


def test_a_long_title_is_cut_at_a_word_in_the_properties_and_the_origin(tmp_path: Path) -> None:
    names = [f"word{n:03}" for n in range(40)]
    evaluation = {"type": "Evaluation", "title": " ".join(names)}  # 319 characters
    _, document = _render(tmp_path, [{"kind": "background", "text": "x"}], evaluation=evaluation)
    assert document.core_properties.title == " ".join(names[:31]) + "\u2026"  # 248 of 255
    origin = _custom_properties(document)["briefgen.title"]
    assert origin == " ".join(names[:25]) + "\u2026"  # 200 at most


@pytest.mark.parametrize(
    ("kind", "mark"), [("decimal", "%1."), ("bullet", "\u2022"), ("none", "\u200b")]
)
def test_a_list_of_items_is_one_word_list_of_its_kind(tmp_path: Path, kind: str, mark: str) -> None:
    (tmp_path / "brief.yaml").write_text(yaml.safe_dump(brief_head() | {"sections": [
        {"kind": "background", "text": "x"}]}), "utf-8")  # fmt: skip
    document = built_in_document()
    ensure_styles(document)
    writer = WordWriter(load_brief(tmp_path / "brief.yaml"), document)
    paragraphs: list[Any] = writer.item_paragraphs(
        [[Span("one")], [Span("two")]], kind, style="Caption"
    )
    assert [(p.style.name, p.text) for p in paragraphs] == [("Caption", "one"), ("Caption", "two")]
    (num_id,) = {p._p.pPr.numPr.numId.val for p in paragraphs}
    numbering = document.part.numbering_part.element
    (abstract,) = numbering.xpath(f"./w:num[@w:numId='{num_id}']/w:abstractNumId/@w:val")
    level = f"./w:abstractNum[@w:abstractNumId='{abstract}']/w:lvl"
    assert numbering.xpath(f"{level}/w:lvlText/@w:val") == [mark]
    again: list[Any] = writer.item_paragraphs([[Span("three")]], kind)
    assert again[0]._p.pPr.numPr.numId.val != num_id  # a list of its own, from 1
    assert again[0].style.name == "Body Text"


def test_a_numbered_item_with_an_id_is_where_its_cross_reference_leads(tmp_path: Path) -> None:
    items = [{"id": "first", "text": "Do it."}, {"id": "second", "text": "Then this."}]
    sections: list[dict[str, Any]] = [
        {"kind": "recommendations", "items": items},
        {"kind": "findings", "text": "See [](#second)."},
    ]
    _, document = _render(tmp_path, sections)
    (item,) = [p for p in document.paragraphs if p.text == "Then this."]
    assert item.style.name == "List Number"
    assert item._p.xpath("./w:bookmarkStart/@w:name")[0] == "second"

"""The WordprocessingML pieces python-docx has no API for, each on a document of its own:
what Word reads from them (a list's mark and numbering, a bookmark's place, a field, a
rule, right-to-left text, a legend's key, alt text), in the order its schema demands."""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from briefgen.render.docx import xml as docx_xml
from tests.conftest import PNG


def _children(element: Any) -> list[str]:
    """The element's children by their prefixed tag (``w:pPr``)."""
    names = {v: k for k, v in element.nsmap.items()}
    out = []
    for child in element:
        namespace, _, local = child.tag[1:].partition("}")
        out.append(f"{names.get(namespace, namespace)}:{local}")
    return out


def _numbering(document: Any) -> Any:
    return document.part.numbering_part.element


@pytest.mark.parametrize(
    ("kind", "number_format", "text", "suffix"),
    [
        ("decimal", "decimal", "%1.", None),
        ("bullet", "bullet", "\u2022", None),
        ("none", "bullet", "\u200b", "nothing"),
    ],
)
def test_a_list_definition_is_one_level_with_its_mark(
    kind: Any, number_format: str, text: str, suffix: str | None
) -> None:
    document = docx.Document()
    numbering = _numbering(document)
    before = numbering.xpath("./w:abstractNum/@w:abstractNumId")
    abstract_id = docx_xml.add_abstract_numbering(numbering, kind, 240)
    assert abstract_id == max(int(n) for n in before) + 1 if before else abstract_id == 0
    abstract = f"./w:abstractNum[@w:abstractNumId='{abstract_id}']"
    assert numbering.xpath(f"{abstract}/w:multiLevelType/@w:val") == ["singleLevel"]
    (level,) = numbering.xpath(f"{abstract}/w:lvl")
    lvl = f"{abstract}/w:lvl"
    assert level.get(qn("w:ilvl")) == "0"
    assert numbering.xpath(f"{lvl}/w:start/@w:val") == ["1"]
    assert numbering.xpath(f"{lvl}/w:numFmt/@w:val") == [number_format]
    assert numbering.xpath(f"{lvl}/w:lvlText/@w:val") == [text]
    assert numbering.xpath(f"{lvl}/w:suff/@w:val") == ([suffix] if suffix else [])
    assert numbering.xpath(f"{lvl}/w:lvlJc/@w:val") == ["left"]
    (indent,) = numbering.xpath(f"{lvl}/w:pPr/w:ind")
    assert (indent.get(qn("w:left")), indent.get(qn("w:hanging"))) == ("240", "240")
    order = _children(level)
    expected = ["w:start", "w:numFmt", *(["w:suff"] if suffix else []), "w:lvlText", "w:lvlJc"]
    assert order == [*expected, "w:pPr"]  # CT_Lvl's sequence


def test_list_definitions_are_numbered_on_and_come_before_every_list() -> None:
    document = docx.Document()
    numbering = _numbering(document)
    for child in list(numbering):
        numbering.remove(child)
    first = docx_xml.add_abstract_numbering(numbering, "decimal", 360)
    num_id = docx_xml.add_numbering_instance(numbering, first)
    second = docx_xml.add_abstract_numbering(numbering, "bullet", 360)
    assert (first, second) == (0, 1)
    assert _children(numbering) == ["w:abstractNum", "w:abstractNum", "w:num"]
    another = docx_xml.add_numbering_instance(numbering, second)
    assert another != num_id
    (override,) = numbering.xpath(f"./w:num[@w:numId='{another}']/w:lvlOverride")
    assert override.get(qn("w:ilvl")) == "0"
    assert override.xpath("./w:startOverride/@w:val") == ["1"]
    assert numbering.xpath(f"./w:num[@w:numId='{another}']/w:abstractNumId/@w:val") == ["1"]


def test_a_paragraph_is_made_an_item_of_its_list() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("item")
    docx_xml.set_numbering(paragraph, 7)
    assert paragraph._p.xpath("./w:pPr/w:numPr/w:ilvl/@w:val") == ["0"]
    assert paragraph._p.xpath("./w:pPr/w:numPr/w:numId/@w:val") == ["7"]


@pytest.mark.parametrize("styled", [False, True])
def test_a_bookmark_wraps_the_paragraphs_content_after_its_properties(styled: bool) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("text", style="Title" if styled else None)
    paragraph.add_run(" more")
    docx_xml.add_bookmark(paragraph, "here", 4)
    head = ["w:pPr"] if styled else []
    runs = ["w:r", "w:r"]
    assert _children(paragraph._p) == [*head, "w:bookmarkStart", *runs, "w:bookmarkEnd"]
    (start,) = paragraph._p.xpath("./w:bookmarkStart")
    assert (start.get(qn("w:id")), start.get(qn("w:name"))) == ("4", "here")
    assert paragraph._p.xpath("./w:bookmarkEnd/@w:id") == ["4"]


def test_links_outside_and_inside_the_document() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    outside = docx_xml.add_hyperlink(paragraph, "https://e.org/a\tb")
    docx_xml.add_run_to(outside, paragraph).text = "site"
    relationship = paragraph.part.rels[outside.get(qn("r:id"))]
    assert relationship.is_external and relationship.target_ref == "https://e.org/a b"
    assert relationship.reltype.endswith("/hyperlink")
    inside = docx_xml.add_internal_link(paragraph, "mark")
    docx_xml.add_run_to(inside, paragraph).text = "there"
    assert (inside.get(qn("w:anchor")), inside.get(qn("w:history"))) == ("mark", "1")
    assert _children(paragraph._p) == ["w:hyperlink", "w:hyperlink"]
    assert paragraph.text == "sitethere"


def test_a_row_is_kept_whole_once() -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=1)
    row = table.rows[0]
    docx_xml.mark_header_row(table)
    docx_xml.keep_row_whole(row)
    docx_xml.keep_row_whole(row)
    assert _children(row._tr.trPr) == ["w:cantSplit", "w:tblHeader"]


def test_a_header_row_is_the_one_asked_for() -> None:
    document = docx.Document()
    table = document.add_table(rows=3, cols=1)
    docx_xml.mark_header_row(table, 1)
    marked = [row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None
              for row in table.rows]  # fmt: skip
    assert marked == [False, True, False]


def test_tabular_figures_once_in_every_run() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("1,500")
    paragraph.add_run("200").bold = True
    docx_xml.set_tabular_figures(paragraph)
    docx_xml.set_tabular_figures(paragraph)
    for run in paragraph.runs:
        properties: Any = run._r.rPr
        (spacing,) = properties.findall(qn("w14:numSpacing"))
        assert spacing.get(qn("w14:val")) == "tabular"
    assert paragraph.runs[1].bold


def test_a_colour_key_comes_first_shaded_then_a_space() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Class A", style="Title")
    docx_xml.add_colour_key(paragraph, "#a1b2c3")
    assert _children(paragraph._p) == ["w:pPr", "w:r", "w:r", "w:r"]
    key, space, text = paragraph.runs
    assert (key.text, space.text, text.text) == ("\u2007\u2007\u2007", " ", "Class A")
    (shading,) = key._r.xpath("./w:rPr/w:shd")
    assert shading.get(qn("w:fill")) == "A1B2C3"
    assert (shading.get(qn("w:val")), shading.get(qn("w:color"))) == ("clear", "auto")
    assert space._r.rPr is None
    for run in (key, space):
        (t,) = run._r.xpath("./w:t")
        assert t.get(qn("xml:space")) == "preserve"


def test_a_colour_key_in_a_paragraph_without_properties() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("B")
    docx_xml.add_colour_key(paragraph, "000000")
    assert [run.text for run in paragraph.runs] == ["\u2007\u2007\u2007", " ", "B"]


def test_a_field_is_begin_instruction_separate_result_end() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    docx_xml.add_field(paragraph, "PAGE", "1")
    parts = []
    for run in paragraph._p.xpath("./w:r"):
        (child,) = [c for c in run if c.tag != qn("w:rPr")]
        kind = child.get(qn("w:fldCharType"))
        parts.append(kind or child.text)
    assert parts == ["begin", " PAGE ", "separate", "1", "end"]
    (instruction,) = paragraph._p.xpath(".//w:instrText")
    assert instruction.get(qn("xml:space")) == "preserve"


def test_right_to_left_is_set_in_schema_order_and_undone() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph(style="Title")
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run("نص")
    run.italic = True
    run_properties: Any = run._r.rPr
    run_properties.append(run_properties.makeelement(qn("w:lang"), {qn("w:bidi"): "ar"}))
    docx_xml.set_paragraph_direction(paragraph, right_to_left=True)
    docx_xml.set_paragraph_direction(paragraph, right_to_left=True)
    properties = paragraph._p.pPr
    assert _children(properties) == ["w:pStyle", "w:bidi", "w:jc"]
    (run,) = paragraph.runs
    assert _children(run._r.rPr) == ["w:i", "w:rtl", "w:lang"]
    docx_xml.set_paragraph_direction(paragraph, right_to_left=False)
    assert _children(properties) == ["w:pStyle", "w:jc"]
    assert _children(run._r.rPr) == ["w:i", "w:lang"]


def test_a_right_to_left_table_starts_at_the_right_and_can_be_undone() -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    docx_xml.set_table_direction(table, right_to_left=True)
    docx_xml.set_table_direction(table, right_to_left=True)
    children = _children(table._tbl.tblPr)
    assert children.count("w:bidiVisual") == 1
    assert children.index("w:bidiVisual") < children.index("w:tblW")
    assert children.index("w:tblStyle") < children.index("w:bidiVisual")
    docx_xml.set_table_direction(table, right_to_left=False)
    assert "w:bidiVisual" not in _children(table._tbl.tblPr)


def _shape(document: Any) -> Any:
    return document.add_paragraph().add_run().add_picture(io.BytesIO(PNG))


def test_alt_text_is_the_description_cleaned() -> None:
    document = docx.Document()
    shape = _shape(document)
    docx_xml.set_alt_text(shape, "A\tdot\x07", decorative=False)
    properties = shape._inline.docPr
    assert properties.get("descr") == "A dot"
    assert not properties.xpath("./a:extLst")


def test_a_decorative_picture_has_no_description_and_words_flag() -> None:
    document = docx.Document()
    shape = _shape(document)
    docx_xml.set_alt_text(shape, "ignored", decorative=True)
    properties = shape._inline.docPr
    assert properties.get("descr") == ""
    (extension,) = properties.xpath("./a:extLst/a:ext")
    assert extension.get("uri") == docx_xml.DECORATIVE_EXTENSION
    (flag,) = list(extension)
    assert flag.tag == f"{{{docx_xml.DECORATIVE_NAMESPACE}}}decorative"
    assert flag.get("val") == "1"


def test_a_rule_above_a_cell_goes_where_the_schema_puts_it() -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    cell = table.rows[0].cells[0]
    cell.width = 1000
    properties = cell._tc.tcPr
    properties.append(properties.makeelement(qn("w:vAlign"), {qn("w:val"): "top"}))
    docx_xml.rule_above(cell)
    docx_xml.rule_above(cell, 12)
    assert _children(properties) == ["w:tcW", "w:tcBorders", "w:vAlign"]
    (top,) = properties.xpath("./w:tcBorders/w:top")
    assert {name: top.get(qn(f"w:{name}")) for name in ("val", "sz", "space", "color")} == {
        "val": "single",
        "sz": "12",
        "space": "0",
        "color": "auto",
    }
    second: Any = table.rows[0].cells[1]._tc
    second.remove(second.tcPr)  # a cell without properties
    docx_xml.rule_above(table.rows[0].cells[1])
    assert _children(second.tcPr) == ["w:tcBorders"]
    assert second.tcPr.xpath("./w:tcBorders/w:top/@w:sz") == ["8"]


def test_a_rule_joins_borders_already_there_first() -> None:
    document = docx.Document()
    cell = document.add_table(rows=1, cols=1).rows[0].cells[0]
    properties = cell._tc.get_or_add_tcPr()
    borders = properties.makeelement(qn("w:tcBorders"), {})
    borders.append(borders.makeelement(qn("w:bottom"), {qn("w:val"): "single"}))
    properties.append(borders)
    docx_xml.rule_above(cell)
    assert _children(borders) == ["w:top", "w:bottom"]
    assert len(properties.findall(qn("w:tcBorders"))) == 1


def test_a_rule_goes_after_a_merged_cells_span_and_before_what_follows() -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    merged = table.rows[0].cells[0].merge(table.rows[0].cells[1])
    properties = merged._tc.tcPr
    properties.append(properties.makeelement(qn("w:vAlign"), {qn("w:val"): "top"}))
    properties.append(properties.makeelement(qn("w:hideMark"), {}))
    docx_xml.rule_above(merged)
    assert _children(properties) == ["w:tcW", "w:gridSpan", "w:tcBorders", "w:vAlign", "w:hideMark"]


def test_a_rule_comes_first_when_nothing_goes_before_it() -> None:
    document = docx.Document()
    cell = document.add_table(rows=1, cols=1).rows[0].cells[0]
    properties = cell._tc.get_or_add_tcPr()
    for child in list(properties):
        properties.remove(child)
    properties.append(properties.makeelement(qn("w:vAlign"), {qn("w:val"): "top"}))
    properties.append(properties.makeelement(qn("w:hideMark"), {}))
    docx_xml.rule_above(cell)
    assert _children(properties) == ["w:tcBorders", "w:vAlign", "w:hideMark"]


AFTER_BIDI_VISUAL = (
    "w:tblStyleRowBandSize", "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing",
    "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
    "w:tblCaption", "w:tblDescription",
)  # fmt: skip
"""What follows ``w:bidiVisual`` in a table's properties (CT_TblPr's sequence)."""


@pytest.mark.parametrize("later", AFTER_BIDI_VISUAL)
def test_right_to_left_goes_before_each_table_property_that_follows_it(later: str) -> None:
    document = docx.Document()
    properties = document.add_table(rows=1, cols=1)._tbl.tblPr
    for child in list(properties):
        properties.remove(child)
    properties.append(properties.makeelement(qn(later), {}))
    docx_xml.set_table_direction(document.tables[0], right_to_left=True)
    assert _children(properties) == ["w:bidiVisual", later]

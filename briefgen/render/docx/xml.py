"""The pieces of WordprocessingML that python-docx has no API for, built element by element.

Hyperlinks, list numbering instances, page fields, right-to-left paragraphs and alt text
are made with python-docx's ``OxmlElement``/``qn`` helpers: every value goes in as an
attribute or text node, so lxml escapes it and no text can become markup.
"""

from __future__ import annotations

import re
from typing import Literal

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shape import InlineShape
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

# XML 1.0 cannot carry C0 controls (except tab and line ends); C1 controls and DEL are
# invisible too. They are dropped, as the PDF drops them; tabs and line ends become spaces.
_NOT_XML_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_WHITESPACE_CONTROLS = re.compile("[\t\n\r]")

# Word's "Mark as decorative" (Office 2019+), an extension of the drawing's properties.
DECORATIVE_EXTENSION = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NAMESPACE = "http://schemas.microsoft.com/office/drawing/2017/decorative"

# Children of w:pPr that come after w:bidi, in schema order (CT_PPrBase).
_AFTER_BIDI = (
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    "w:pPrChange",
)  # fmt: skip
# Children of w:rPr that come after w:rtl (CT_RPr).
_AFTER_RTL = ("w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")


def clean_text(text: str) -> str:
    """Text Word can hold and shows as it reads: no control characters, no tabs or breaks."""
    return _WHITESPACE_CONTROLS.sub(" ", _NOT_XML_TEXT.sub("", text))


def add_hyperlink(paragraph: Paragraph, url: str) -> BaseOxmlElement:
    """An empty ``w:hyperlink`` to an external address, appended to the paragraph.

    The address is stored in the part's relationships (external target), as Word does.
    """
    target = clean_text(url)
    relationship_id = paragraph.part.relate_to(target, RT.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink", attrs={qn("r:id"): relationship_id})
    paragraph._p.append(hyperlink)
    return hyperlink


def add_internal_link(paragraph: Paragraph, bookmark: str) -> BaseOxmlElement:
    """An empty ``w:hyperlink`` to a bookmark of this document (a cross-reference)."""
    hyperlink = OxmlElement("w:hyperlink", attrs={qn("w:anchor"): bookmark})
    hyperlink.set(qn("w:history"), "1")
    paragraph._p.append(hyperlink)
    return hyperlink


def add_bookmark(paragraph: Paragraph, name: str, bookmark_id: int) -> None:
    """A bookmark around the paragraph's content, where a cross-reference leads."""
    start = OxmlElement("w:bookmarkStart", attrs={qn("w:id"): str(bookmark_id)})
    start.set(qn("w:name"), name)
    properties = paragraph._p.pPr
    position = 0 if properties is None else list(paragraph._p).index(properties) + 1
    paragraph._p.insert(position, start)
    paragraph._p.append(OxmlElement("w:bookmarkEnd", attrs={qn("w:id"): str(bookmark_id)}))


def add_run_to(container: BaseOxmlElement, paragraph: Paragraph) -> Run:
    """A new run inside ``container`` (a hyperlink) of ``paragraph``."""
    run_element = OxmlElement("w:r")
    container.append(run_element)
    return Run(run_element, paragraph)


def add_abstract_numbering(
    numbering: BaseOxmlElement, kind: Literal["decimal", "bullet", "none"], indent_twips: int
) -> int:
    """Define a one-level list (``1.``, a bullet, or no mark: key figures and legends,
    which are lists to Word, Pandoc and mammoth) in numbering.xml; its abstractNumId."""
    taken = [int(value) for value in numbering.xpath("./w:abstractNum/@w:abstractNumId")]
    abstract_id = max(taken, default=-1) + 1
    abstract = OxmlElement("w:abstractNum", attrs={qn("w:abstractNumId"): str(abstract_id)})
    abstract.append(OxmlElement("w:multiLevelType", attrs={qn("w:val"): "singleLevel"}))
    level = OxmlElement("w:lvl", attrs={qn("w:ilvl"): "0"})
    level.append(OxmlElement("w:start", attrs={qn("w:val"): "1"}))
    level.append(
        OxmlElement("w:numFmt", attrs={qn("w:val"): "decimal" if kind == "decimal" else "bullet"})
    )
    # "none" is a zero-width space: an empty mark would make Pandoc read the whole list
    # as one item of several paragraphs.
    text = {"decimal": "%1.", "bullet": "\u2022", "none": "\u200b"}[kind]
    if kind == "none":  # no tab after an empty mark
        level.append(OxmlElement("w:suff", attrs={qn("w:val"): "nothing"}))
    level.append(OxmlElement("w:lvlText", attrs={qn("w:val"): text}))
    level.append(OxmlElement("w:lvlJc", attrs={qn("w:val"): "left"}))
    paragraph_properties = OxmlElement("w:pPr")
    indent = {qn("w:left"): str(indent_twips), qn("w:hanging"): str(indent_twips)}
    paragraph_properties.append(OxmlElement("w:ind", attrs=indent))
    level.append(paragraph_properties)
    abstract.append(level)
    # abstractNum elements come before every w:num (CT_Numbering's sequence).
    numbering.insert_element_before(abstract, "w:num", "w:numIdMacAtCleanup")
    return abstract_id


def add_numbering_instance(numbering: BaseOxmlElement, abstract_id: int) -> int:
    """A new list (``w:num``) of an abstract definition, restarting at 1; its numId.

    Each list gets its own instance, so Word numbers each from 1 and renumbers a list
    when an item is added or moved.
    """
    instance = numbering.add_num(abstract_id)
    instance.add_lvlOverride(ilvl=0).add_startOverride(1)
    return int(instance.numId)


def set_numbering(paragraph: Paragraph, num_id: int) -> None:
    """Make the paragraph an item (level 0) of list ``num_id``."""
    properties = paragraph._p.get_or_add_pPr()
    numbering = properties.get_or_add_numPr()
    numbering.get_or_add_ilvl().val = 0
    numbering.get_or_add_numId().val = num_id


def keep_row_whole(row: _Row) -> None:
    """A table row never broken across pages (``w:cantSplit``)."""
    properties = row._tr.get_or_add_trPr()
    if properties.find(qn("w:cantSplit")) is None:
        properties.insert(0, OxmlElement("w:cantSplit"))


def set_tabular_figures(paragraph: Paragraph) -> None:
    """Digits of equal width in the paragraph's runs, so a column of numbers lines up
    (Word 2010's OpenType option; other programs ignore it)."""
    for run in paragraph._p.xpath(".//w:r"):
        properties = run.get_or_add_rPr()
        if properties.find(qn("w14:numSpacing")) is None:
            properties.append(OxmlElement("w14:numSpacing", attrs={qn("w14:val"): "tabular"}))


def add_colour_key(paragraph: Paragraph, colour: str) -> None:
    """A small block of ``colour`` at the start of the paragraph: a legend's key (three
    figure spaces shaded), then a space."""
    properties = paragraph._p.pPr
    position = 0 if properties is None else list(paragraph._p).index(properties) + 1
    for text, fill in ((" ", None), ("\u2007\u2007\u2007", colour)):
        run = OxmlElement("w:r")
        if fill is not None:
            run_properties = OxmlElement("w:rPr")
            shading = {qn("w:val"): "clear", qn("w:color"): "auto"}
            shading[qn("w:fill")] = fill.lstrip("#").upper()
            run_properties.append(OxmlElement("w:shd", attrs=shading))
            run.append(run_properties)
        text_element = OxmlElement("w:t", attrs={qn("xml:space"): "preserve"})
        text_element.text = text
        run.append(text_element)
        paragraph._p.insert(position, run)


def add_field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A field (PAGE, NUMPAGES) as Word writes it: begin, instruction, separate, result, end.

    Only briefgen's own fixed instructions are passed here, never text from a brief.
    """

    def field_char(kind: str) -> None:
        paragraph.add_run()._r.append(OxmlElement("w:fldChar", attrs={qn("w:fldCharType"): kind}))

    field_char("begin")
    instruction_text = OxmlElement("w:instrText", attrs={qn("xml:space"): "preserve"})
    instruction_text.text = f" {instruction} "
    paragraph.add_run()._r.append(instruction_text)
    field_char("separate")
    paragraph.add_run(shown)
    field_char("end")


def set_paragraph_direction(paragraph: Paragraph, right_to_left: bool) -> None:
    """Word's bidi setting: the paragraph reads right to left (so starts at the right
    margin) and its runs are laid out as right-to-left text. Left to right removes both."""
    properties = paragraph._p.get_or_add_pPr()
    for old in properties.findall(qn("w:bidi")):
        properties.remove(old)
    if right_to_left:
        properties.insert_element_before(OxmlElement("w:bidi"), *_AFTER_BIDI)
    for run in paragraph._p.xpath(".//w:r"):
        run_properties = run.get_or_add_rPr()
        for old in run_properties.findall(qn("w:rtl")):
            run_properties.remove(old)
        if right_to_left:
            run_properties.insert_element_before(OxmlElement("w:rtl"), *_AFTER_RTL)


def set_table_direction(table: Table, right_to_left: bool) -> None:
    """A right-to-left table puts its first column at the right (``w:bidiVisual``)."""
    properties = table._tbl.tblPr
    for old in properties.findall(qn("w:bidiVisual")):
        properties.remove(old)
    if right_to_left:
        properties.insert_element_before(
            OxmlElement("w:bidiVisual"),
            "w:tblStyleRowBandSize", "w:tblStyleColBandSize", "w:tblW", "w:jc",
            "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout",
            "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
        )  # fmt: skip


def mark_header_row(table: Table, index: int = 0) -> None:
    """Repeat the row at the top of each page and announce it as the table's header."""
    row_properties = table.rows[index]._tr.get_or_add_trPr()
    row_properties.append(OxmlElement("w:tblHeader"))


def set_alt_text(shape: InlineShape, alt: str, decorative: bool) -> None:
    """Word's "Alt Text" is the drawing's ``wp:docPr/@descr``; a decorative picture has
    none and carries Word's "Mark as decorative" flag, so checkers and readers skip it."""
    properties = shape._inline.docPr
    properties.set("descr", "" if decorative else clean_text(alt))
    if decorative:
        extensions = OxmlElement("a:extLst")
        extension = OxmlElement("a:ext", attrs={"uri": DECORATIVE_EXTENSION})
        flag = etree.SubElement(
            extension, f"{{{DECORATIVE_NAMESPACE}}}decorative", nsmap={"adec": DECORATIVE_NAMESPACE}
        )
        flag.set("val", "1")
        extensions.append(extension)
        properties.append(extensions)


_BEFORE_BORDERS = ("w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge")


def rule_above(cell: _Cell, size_eighths: int = 8) -> None:
    """A rule on the cell's top edge (``w:tcBorders/w:top``), 1 pt by default: a total
    row's line. Placed where the schema orders it within the cell's properties."""
    properties = cell._tc.get_or_add_tcPr()
    borders = properties.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        before = [child for child in properties if child.tag in {qn(t) for t in _BEFORE_BORDERS}]
        index = properties.index(before[-1]) + 1 if before else 0
        properties.insert(index, borders)
    top = borders.find(qn("w:top"))
    if top is None:
        top = OxmlElement("w:top")
        borders.insert(0, top)
    for name, value in (("w:val", "single"), ("w:sz", str(size_eighths)), ("w:space", "0")):
        top.set(qn(name), value)
    top.set(qn("w:color"), "auto")

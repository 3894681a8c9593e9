"""The Word styles a reader sees (Home > Styles): the built-in look made from the brief's
theme, the PDF's hierarchy of sizes in every script, headings in the outline, the paper,
and the language Word checks the spelling in. Each test styles a document of its own."""

from __future__ import annotations

from typing import Any

import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from briefgen.model.theme import MUTED, TINT, Theme
from briefgen.render.docx import styles as docx_look
from briefgen.render.docx.package import built_in_document

THEME = Theme(primary="#1a2b3c", accent="#6a1020", font="lato", heading_font="source-serif")


def _styled(theme: Theme = THEME) -> Any:
    document = built_in_document()
    docx_look.ensure_styles(document)
    docx_look.apply_theme(document, theme)
    return document


def _twin(style: Any, tag: str) -> str | None:
    """A complex-script twin's value (``w:szCs`` half points, ``w:bCs``...): '' when on."""
    (element,) = style.element.rPr.findall(qn(tag)) or [None]
    if element is None:
        return None
    value: str | None = element.get(qn("w:val"))
    return "" if value is None else value


# style: (font, size in points, bold, italic, all caps, colour)
LOOK = {
    "Normal": ("Lato", 10, None, None, None, docx_look.TEXT_COLOUR),
    "Title": ("Source Serif 4", 18, True, None, None, "1A2B3C"),
    "Subtitle": ("Lato", 12, None, False, None, MUTED[1:].upper()),
    "Heading 1": ("Source Serif 4", 12, True, False, True, "1A2B3C"),
    "Heading 2": ("Source Serif 4", 11, True, False, False, "1A2B3C"),
    "Heading 3": ("Source Serif 4", 10, True, False, False, "1A2B3C"),
    "Heading 4": ("Source Serif 4", 10, True, False, False, "1A2B3C"),
    "Heading 5": ("Source Serif 4", 10, True, False, False, "1A2B3C"),
    "Evaluation Type": ("Source Serif 4", 9.5, True, None, True, "6A1020"),
    "Masthead": ("Source Serif 4", 9, None, None, None, "FFFFFF"),
    "Quick Facts Heading": ("Source Serif 4", 10.5, True, None, True, "1A2B3C"),
    "Quick Facts Label": ("Source Serif 4", 8, True, None, None, "1A2B3C"),
    "Quick Facts Value": ("Lato", 8.5, None, None, None, None),
    "Caption": ("Lato", 8.5, False, True, None, MUTED[1:].upper()),
    "Contact": ("Lato", 9, None, None, None, None),
    "Footer": ("Lato", 8, None, None, None, MUTED[1:].upper()),
    "Masthead Acronym": ("Source Serif 4", 20, True, None, None, None),
    "Verbatim Char": ("Consolas", 9, None, None, None, None),
}


@pytest.mark.parametrize("name", LOOK)
def test_each_style_has_the_pdfs_font_size_weight_and_colour_in_every_script(
    name: str,
) -> None:
    document = _styled()
    style = document.styles[name]
    family, size, bold, italic, caps, colour = LOOK[name]
    font = style.font
    assert font.name == family
    fonts = style.element.rPr.rFonts
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        assert fonts.get(qn(attribute)) is None
    assert fonts.get(qn("w:cs")) is None and fonts.get(qn("w:eastAsia")) is None
    assert font.size == Pt(size)
    assert _twin(style, "w:szCs") == str(round(size * 2))  # Arabic at the same size
    assert font.bold is bold and font.italic is italic and font.all_caps is caps
    assert _twin(style, "w:bCs") == {True: "", False: "0", None: None}[bold]
    assert _twin(style, "w:iCs") == {True: "", False: "0", None: None}[italic]
    expected = None if colour is None else RGBColor.from_string(colour)
    assert font.color.rgb == expected


def test_the_complex_script_twins_stand_in_schema_order() -> None:
    document = _styled()
    for name in ("Title", "Caption", "Heading 1"):
        tags = [child.tag for child in document.styles[name].element.rPr]
        order = [qn(t) for t in ("w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps")]
        order += [qn(t) for t in ("w:color", "w:sz", "w:szCs")]
        present = [tag for tag in order if tag in tags]
        assert [tag for tag in tags if tag in present] == present, name


def test_spacing_keeps_headings_with_their_text_and_figures_with_captions() -> None:
    document = _styled()
    styles = document.styles
    normal = styles["Normal"].paragraph_format
    assert (normal.space_after, normal.line_spacing) == (Pt(5), 1.15)
    assert styles["Body Text"].paragraph_format.space_after == Pt(5)
    assert styles["Title"].paragraph_format.space_after == Pt(4)
    for level in range(1, docx_look.MAX_HEADING_LEVEL + 1):
        heading = styles[f"Heading {level}"].paragraph_format
        assert heading.space_before == Pt(12 if level == 1 else 8)
        assert heading.space_after == Pt(3)
        assert heading.keep_with_next and heading.keep_together
    kind = styles["Evaluation Type"].paragraph_format
    assert (kind.space_before, kind.space_after) == (Pt(10), Pt(2))
    assert styles["Masthead"].paragraph_format.space_after == Pt(0)
    for name in ("List Number", "List Bullet"):
        assert styles[name].paragraph_format.space_after == Pt(3)
    for name in ("Quick Facts Heading", "Quick Facts Label", "Quick Facts Value"):
        facts = styles[name].paragraph_format
        assert (facts.space_before, facts.space_after) == (Pt(1), Pt(1))
    figure = styles["Figure"].paragraph_format
    assert figure.space_after == Pt(2) and figure.keep_with_next
    assert styles["Caption"].paragraph_format.keep_together
    assert styles["Contact"].paragraph_format.space_before == Pt(12)
    hyperlink = styles["Hyperlink"].font
    assert hyperlink.underline and hyperlink.color.rgb == RGBColor.from_string("1A2B3C")


def test_the_title_has_no_rule_letter_spacing_or_kerning() -> None:
    title = _styled().styles["Title"].element
    assert title.pPr is None or title.pPr.find(qn("w:pBdr")) is None
    assert title.rPr.find(qn("w:spacing")) is None and title.rPr.find(qn("w:kern")) is None


def test_the_masthead_is_a_band_of_the_primary_colour() -> None:
    properties = _styled().styles["Masthead"].element.pPr
    (borders,) = properties.findall(qn("w:pBdr"))
    sides = [child.tag for child in borders]
    assert sides == [qn(f"w:{side}") for side in ("top", "left", "bottom", "right")]
    for side in borders:
        assert [side.get(qn(f"w:{a}")) for a in ("val", "sz", "space", "color")] == [
            "single",
            "4",
            "4",
            "1A2B3C",
        ]
    (shading,) = properties.findall(qn("w:shd"))
    assert [shading.get(qn(f"w:{a}")) for a in ("val", "color", "fill")] == [
        "clear",
        "auto",
        "1a2b3c",  # as the theme writes it
    ]
    tags = [child.tag for child in properties]
    assert tags.index(qn("w:pBdr")) < tags.index(qn("w:shd"))
    if qn("w:spacing") in tags:
        assert tags.index(qn("w:shd")) < tags.index(qn("w:spacing"))


def test_the_quick_facts_table_is_a_tinted_box_with_a_rule_on_top() -> None:
    style = _styled().styles["Quick Facts Table"].element
    (properties,) = style.findall(qn("w:tblPr"))
    (borders,) = properties.findall(qn("w:tblBorders"))
    lines = {
        child.tag.split("}")[1]: [child.get(qn(f"w:{a}")) for a in ("val", "sz", "space", "color")]
        for child in borders
    }
    tint = docx_look.TINT_BORDER[1:]
    assert lines == {
        "top": ["single", "18", "0", "1A2B3C"],
        "left": ["nil", "0", "0", "AUTO"],
        "bottom": ["single", "4", "0", tint],
        "right": ["nil", "0", "0", "AUTO"],
        "insideH": ["single", "4", "0", tint],
        "insideV": ["nil", "0", "0", "AUTO"],
    }
    (shading,) = properties.findall(qn("w:shd"))
    assert shading.get(qn("w:fill")) == TINT[1:]
    assert (shading.get(qn("w:val")), shading.get(qn("w:color"))) == ("clear", "auto")
    tags = [child.tag for child in properties]
    assert tags.index(qn("w:tblBorders")) < tags.index(qn("w:shd"))
    for later in ("w:tblLayout", "w:tblCellMar", "w:tblLook"):
        if qn(later) in tags:
            assert tags.index(qn("w:shd")) < tags.index(qn(later))


@pytest.mark.parametrize(("paper", "width", "height"), [("a4", 210, 297), ("letter", 215.9, 279.4)])
def test_the_paper_margins_and_the_footers_right_tab(
    paper: Any, width: float, height: float
) -> None:
    theme = Theme(paper=paper)
    document = _styled(theme)
    (section,) = document.sections
    twip = 635  # Word stores them in twentieths of a point

    def near(length: Any, millimetres: float) -> bool:
        return bool(abs(length - Mm(millimetres)) <= twip)

    assert near(section.page_width, width) and near(section.page_height, height)
    assert near(section.top_margin, 18) and near(section.bottom_margin, 20)
    assert near(section.left_margin, 18) and near(section.right_margin, 18)
    assert near(section.footer_distance, 8)
    (tab,) = document.styles["Footer"].paragraph_format.tab_stops
    assert tab.alignment == WD_TAB_ALIGNMENT.RIGHT and near(tab.position, width - 36)


def test_without_a_heading_font_headings_use_the_body_font() -> None:
    document = _styled(Theme(font="source-serif"))
    assert document.styles["Heading 1"].font.name == "Source Serif 4"
    assert document.styles["Normal"].font.name == "Source Serif 4"


def test_missing_styles_are_added_on_their_base_and_headings_made_outline_levels() -> None:
    document = built_in_document()
    assert "Hyperlink" not in [style.name for style in document.styles]
    for name in ("Heading 2", "Caption", "Body Text"):
        element = document.styles[name].element
        element.getparent().remove(element)
    docx_look.ensure_styles(document)
    for name in docx_look.STYLES:
        assert document.styles[name] is not None
    heading = document.styles["Heading 2"]
    assert heading.type == WD_STYLE_TYPE.PARAGRAPH and heading.quick_style
    assert heading.base_style.name == "Normal" and heading.font.bold
    assert heading.paragraph_format.keep_with_next
    assert heading.next_paragraph_style.name == "Normal"
    assert heading.element.pPr.xpath("./w:outlineLvl/@w:val") == ["1"]
    assert document.styles["Heading 1"].element.pPr.xpath("./w:outlineLvl/@w:val") == ["0"]
    assert document.styles["Quick Facts Label"].base_style.name == "Body Text"
    assert document.styles["Quick Facts Value"].base_style.name == "Body Text"
    assert document.styles["Contact"].base_style.name == "Body Text"
    assert document.styles["Caption"].base_style.name == "Normal"
    assert document.styles["Caption"].next_paragraph_style.name == "Caption"  # not a heading
    link = document.styles["Hyperlink"]
    assert link.type == WD_STYLE_TYPE.CHARACTER
    assert link.base_style.name == "Default Paragraph Font"
    assert document.styles["Quick Facts Table"].base_style.name == "Table Grid"


def test_a_new_style_is_not_based_on_a_style_of_another_type() -> None:
    document = built_in_document()
    element = document.styles["Body Text"].element
    element.getparent().remove(element)
    document.styles.add_style("Body Text", WD_STYLE_TYPE.CHARACTER)
    element = document.styles["List Number"].element
    element.getparent().remove(element)
    docx_look.ensure_styles(document)
    assert document.styles["List Number"].base_style is None


def test_a_style_of_the_wrong_type_is_named_with_the_type_needed() -> None:
    document = built_in_document()
    assert docx_look.style_type_problem(document) == ""
    document.styles.add_style("Hyperlink", WD_STYLE_TYPE.PARAGRAPH)
    assert docx_look.style_type_problem(document) == (
        "its style 'Hyperlink' is a paragraph style; briefgen needs a character style of that name"
    )


@pytest.mark.parametrize(
    ("tag", "slot", "right_to_left"),
    [("en", "w:val", False), ("ar", "w:bidi", True), ("zh-Hans", "w:eastAsia", False)],
)
def test_the_language_goes_in_its_scripts_slot_and_script_fonts_in_the_defaults(
    tag: str, slot: str, right_to_left: bool
) -> None:
    document = built_in_document()
    docx_look.apply_language(document, "fr")
    settings = docx_look.apply_language(document, tag)
    assert settings.right_to_left is right_to_left
    defaults = document.styles.element.find(qn("w:docDefaults"))
    properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    (language,) = properties.findall(qn("w:lang"))
    assert dict(language.attrib) == {qn(slot): tag}
    fonts = properties.find(qn("w:rFonts"))
    assert fonts.get(qn("w:cs")) == "Amiri"
    assert fonts.get(qn("w:eastAsia")) == "Noto Sans CJK SC"
    assert fonts.get(qn("w:cstheme")) is None and fonts.get(qn("w:eastAsiaTheme")) is None
    assert document.core_properties.language == tag
    tags = [child.tag for child in properties]
    assert tags.index(qn("w:rFonts")) == 0


def test_the_themes_script_fonts_replace_the_languages() -> None:
    document = built_in_document()
    theme = Theme(arabic_font="ibm-plex-sans-arabic", han_font="noto-serif-cjk-sc")
    docx_look.apply_language(document, "ar", theme)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
    assert fonts.get(qn("w:cs")) == "IBM Plex Sans Arabic"
    assert fonts.get(qn("w:eastAsia")) == "Noto Serif CJK SC"


def test_a_document_without_defaults_gets_them() -> None:
    document = built_in_document()
    styles = document.styles.element
    for defaults in styles.findall(qn("w:docDefaults")):
        styles.remove(defaults)
    docx_look.apply_language(document, "ar")
    (defaults,) = styles.findall(qn("w:docDefaults"))
    assert styles.index(defaults) == 0
    (run_defaults,) = defaults.findall(qn("w:rPrDefault"))
    (properties,) = run_defaults.findall(qn("w:rPr"))
    assert properties.find(qn("w:lang")).get(qn("w:bidi")) == "ar"
    assert properties.find(qn("w:rFonts")).get(qn("w:cs")) == "Amiri"


def _run_defaults(document: Any) -> Any:
    """The document defaults' run properties (``w:docDefaults/w:rPrDefault/w:rPr``)."""
    (defaults,) = document.styles.element.findall(qn("w:docDefaults"))
    (run_defaults,) = defaults.findall(qn("w:rPrDefault"))
    (properties,) = run_defaults.findall(qn("w:rPr"))
    return properties


def test_the_language_joins_the_defaults_already_there() -> None:
    document = built_in_document()
    (defaults,) = document.styles.element.findall(qn("w:docDefaults"))
    before = [child.tag for child in defaults]
    docx_look.apply_language(document, "zh")
    assert [child.tag for child in defaults] == before  # one rPrDefault, one pPrDefault
    properties = _run_defaults(document)
    assert len(properties.findall(qn("w:rFonts"))) == 1
    (fonts,) = properties.findall(qn("w:rFonts"))
    known = {qn(f"w:{name}") for name in ("ascii", "hAnsi", "cs", "eastAsia")}
    known |= {qn(f"w:{name}Theme") for name in ("ascii", "hAnsi")}
    assert set(fonts.attrib) <= known  # no attribute Word does not know


def test_run_defaults_added_before_the_paragraph_defaults() -> None:
    document = built_in_document()
    (defaults,) = document.styles.element.findall(qn("w:docDefaults"))
    for run_defaults in defaults.findall(qn("w:rPrDefault")):
        defaults.remove(run_defaults)
    assert [child.tag for child in defaults] == [qn("w:pPrDefault")]
    docx_look.apply_language(document, "en")
    assert [child.tag for child in defaults] == [qn("w:rPrDefault"), qn("w:pPrDefault")]
    assert [child.tag for child in _run_defaults(document)] == [qn("w:rFonts"), qn("w:lang")]


@pytest.mark.parametrize("later", ["w:eastAsianLayout", "w:specVanish", "w:oMath"])
def test_the_language_goes_before_each_run_property_that_follows_it(later: str) -> None:
    document = built_in_document()
    properties = _run_defaults(document)
    for child in list(properties):
        properties.remove(child)
    properties.append(properties.makeelement(qn(later), {}))
    docx_look.apply_language(document, "fr")
    tags = [child.tag for child in properties]
    assert tags == [qn("w:rFonts"), qn("w:lang"), qn(later)]


def test_a_styles_own_script_fonts_give_way_to_the_documents() -> None:
    # A style naming its own Arabic or Chinese font would override the brief's script
    # fonts in the document defaults: the theme's family replaces them.
    document = built_in_document()
    docx_look.ensure_styles(document)
    fonts = document.styles["Title"].element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:cs", "w:eastAsia", "w:cstheme", "w:eastAsiaTheme", "w:asciiTheme"):
        fonts.set(qn(attribute), "minorBidi" if attribute.endswith("heme") else "Arial")
    docx_look.apply_theme(document, THEME)
    fonts = document.styles["Title"].element.rPr.rFonts
    assert {qn("w:cs"), qn("w:eastAsia"), qn("w:cstheme"), qn("w:eastAsiaTheme")}.isdisjoint(
        fonts.attrib
    )
    assert fonts.get(qn("w:asciiTheme")) is None
    assert fonts.get(qn("w:ascii")) == "Source Serif 4"


BAND_LATER = (
    "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
"""What follows a paragraph's shading in its properties (CT_PPrBase's sequence)."""


@pytest.mark.parametrize("later", BAND_LATER)
def test_a_band_goes_before_each_paragraph_property_that_follows_it(later: str) -> None:
    document = built_in_document()
    style = document.styles.add_style("Band", WD_STYLE_TYPE.PARAGRAPH)
    properties = style.element.get_or_add_pPr()
    properties.append(properties.makeelement(qn(later), {}))
    docx_look._band(style, "#1a2b3c")
    tags = [child.tag for child in properties]
    assert tags == [qn("w:pBdr"), qn("w:shd"), qn(later)]


TABLE_LATER = ("w:trPr", "w:tcPr", "w:tblStylePr")


@pytest.mark.parametrize("later", TABLE_LATER)
def test_the_quick_facts_box_is_made_where_a_table_style_keeps_it(later: str) -> None:
    document = built_in_document()
    docx_look.ensure_styles(document)
    style = document.styles["Quick Facts Table"].element
    for child in list(style):
        if child.tag in {qn("w:tblPr"), *(qn(t) for t in TABLE_LATER)}:
            style.remove(child)
    style.append(style.makeelement(qn(later), {}))
    docx_look.apply_theme(document, THEME)
    tags = [child.tag for child in style]
    assert tags.count(qn("w:tblPr")) == 1
    assert tags.index(qn("w:tblPr")) + 1 == tags.index(qn(later))
    (properties,) = style.findall(qn("w:tblPr"))
    assert [child.tag for child in properties] == [qn("w:tblBorders"), qn("w:shd")]


def test_the_quick_facts_box_replaces_the_borders_already_there() -> None:
    document = built_in_document()
    docx_look.ensure_styles(document)
    style = document.styles["Quick Facts Table"].element
    docx_look.apply_theme(document, THEME)
    (properties,) = style.findall(qn("w:tblPr"))
    docx_look.apply_theme(document, THEME)  # a second look over the first
    assert style.findall(qn("w:tblPr")) == [properties]
    assert len(properties.findall(qn("w:tblBorders"))) == 1
    assert len(properties.findall(qn("w:shd"))) == 1

"""The DOCX's styles, page and language: briefgen's built-in look, or an office's own.

Every paragraph, run and table briefgen writes names a style from :data:`STYLES`, so an
office's reference document restyles the brief by defining styles of those names (as
Pandoc's ``reference-doc``). The built-in look is built at render time from the brief's
``theme`` (fonts, colours, paper) on python-docx's default document: the theme varies per
brief, so a committed reference file would have to be restyled at run time anyway.

Languages are data (:data:`LANGUAGES`): the document language, the script its text is
tagged as, right-to-left paragraphs and East Asian or complex-script fonts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import BaseStyle, CharacterStyle, ParagraphStyle

from briefgen.fonts import FAMILIES
from briefgen.model.theme import MUTED, TINT, Theme
from briefgen.render.view.page_geometry import DOCX_MARGINS, PAPERS

# Heading levels briefgen uses: sections are Heading 1, sub-sections Heading 2, and so on.
MAX_HEADING_LEVEL = 5

PARAGRAPH_STYLES: dict[str, str] = {
    "Masthead": "organisation, unit, series and date above the title",
    "Evaluation Type": "the kind of evaluation, above the title",
    "Title": "the evaluation's title",
    "Subtitle": "the line under the title",
    **{f"Heading {level}": f"sections of level {level}" for level in range(1, 6)},
    "Body Text": "paragraphs",
    "List Number": "numbered items (recommendations, lessons)",
    "List Bullet": "bulleted items",
    "Quick Facts Heading": "the quick facts table's header cell",
    "Quick Facts Label": "a fact's label (first column)",
    "Quick Facts Value": "a fact's value (second column)",
    "Figure": "the paragraph holding a picture",
    "Caption": "a figure's caption and credit",
    "Contact": "the contact block that closes the brief",
    "Footer": "the footer: series and page numbers",
}
CHARACTER_STYLES: dict[str, str] = {
    "Masthead Acronym": "the organisation's acronym when there is no logo",
    "Hyperlink": "links",
    "Verbatim Char": "`code` in a text",
}
TABLE_STYLES: dict[str, str] = {"Quick Facts Table": "the quick facts table"}
STYLES = {**PARAGRAPH_STYLES, **CHARACTER_STYLES, **TABLE_STYLES}

TEXT_COLOUR = "1F2328"
TINT_BORDER = "#C9D3E0"  # rules between the quick facts, a shade darker than their tint

FONT_NAMES = {"source-sans": "Source Sans 3", "source-serif": "Source Serif 4", "lato": "Lato"}
"""The families the PDF embeds (briefgen/fonts.py), named for Word."""


@dataclass(frozen=True)
class LanguageSettings:
    """How Word must treat one language's text.

    ``script`` says which of Word's three language slots the tag goes in (``w:lang``'s
    ``val`` for Latin text, ``eastAsia`` for Chinese or Japanese, ``bidi`` for Arabic or
    Hebrew); ``font`` is the font set for that script on every run.
    """

    script: Literal["latin", "east_asian", "complex"] = "latin"
    right_to_left: bool = False
    font: str | None = None


# The fonts are those the PDF uses by default for each script (briefgen/fonts.py).
LANGUAGES: dict[str, LanguageSettings] = {
    "en": LanguageSettings(),
    "fr": LanguageSettings(),
    "es": LanguageSettings(),
    "ru": LanguageSettings(),  # Cyrillic sits in Word's "latin" slot, set in the body font
    "ar": LanguageSettings("complex", right_to_left=True, font="Amiri"),
    "zh": LanguageSettings("east_asian", font="Noto Sans CJK SC"),
}


def language_settings(tag: str) -> LanguageSettings:
    """The settings of ``es-419`` are those of ``es``; an unlisted language is Latin, LTR."""
    return LANGUAGES.get(tag) or LANGUAGES.get(tag.split("-")[0]) or LanguageSettings()


def _default_run_properties(document: Document) -> BaseOxmlElement:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    return properties  # type: ignore[no-any-return]


def apply_language(document: Document, tag: str, theme: Theme | None = None) -> LanguageSettings:
    """Tag every run (through the document defaults) with the brief's language and give
    Arabic and Chinese text their fonts (the theme's, else the language's default); the
    core properties say the language too.

    Both script fonts are set whatever the language, so an Arabic name in an English
    brief is drawn in the brief's Arabic font, as in the PDF.
    """
    settings = language_settings(tag)
    properties = _default_run_properties(document)
    for old in properties.findall(qn("w:lang")):
        properties.remove(old)
    slot = {"latin": "w:val", "east_asian": "w:eastAsia", "complex": "w:bidi"}[settings.script]
    language = OxmlElement("w:lang", attrs={qn(slot): tag})
    properties.insert_element_before(language, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    script_fonts = {"w:cs": LANGUAGES["ar"].font, "w:eastAsia": LANGUAGES["zh"].font}
    if settings.font and settings.script != "latin":
        script_fonts["w:eastAsia" if settings.script == "east_asian" else "w:cs"] = settings.font
    if theme is not None:
        script_fonts["w:cs"] = FAMILIES[theme.arabic_font].name
        script_fonts["w:eastAsia"] = FAMILIES[theme.han_font].name
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        properties.insert(0, fonts)
    for attribute, font in script_fonts.items():
        if font:
            fonts.set(qn(attribute), font)
            fonts.attrib.pop(qn(attribute + "Theme"), None)
    fonts.attrib.pop(qn("w:cstheme"), None)
    document.core_properties.language = tag
    return settings


def style_type_problem(document: Document) -> str:
    """Why the document's styles cannot serve briefgen ('' when they can): a style briefgen
    uses that the reference defines as another type (a paragraph "Hyperlink")."""
    wanted = (
        [(name, WD_STYLE_TYPE.PARAGRAPH) for name in PARAGRAPH_STYLES]
        + [(name, WD_STYLE_TYPE.CHARACTER) for name in CHARACTER_STYLES]
        + [(name, WD_STYLE_TYPE.TABLE) for name in TABLE_STYLES]
    )
    for name, kind in wanted:
        style = _find(document, name)
        if style is not None and style.type != kind:
            return (
                f"its style '{name}' is a {style.type.name.lower()} style; briefgen needs a "
                f"{kind.name.lower()} style of that name"
            )
    return ""


def _find(document: Document, name: str) -> BaseStyle | None:
    try:
        style: BaseStyle = document.styles[name]
    except KeyError:
        return None
    return style


def _style(document: Document, name: str, kind: WD_STYLE_TYPE, base: str | None) -> BaseStyle:
    """The style called ``name``, added (based on ``base``) when the document lacks it."""
    style = _find(document, name)
    if style is None:
        style = document.styles.add_style(name, kind)
        base_style = _find(document, base) if base else None
        if base_style is not None and base_style.type == kind:
            style.base_style = base_style
        style.quick_style = True
    return style


# Word keeps a second size, weight and slant for complex-script (Arabic) runs: python-docx
# sets only the first, so an Arabic title kept the template's 26 pt while its headings
# were 14 pt. Each option is set on both, so every script has the PDF's hierarchy.
_COMPLEX_SCRIPT_TWIN = {"size": "w:szCs", "bold": "w:bCs", "italic": "w:iCs"}
_AFTER_SZ_CS = ("w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
                "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish",
                "w:oMath")  # fmt: skip
_AFTER_B_CS = ("w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike", "w:outline",
               "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish",
               "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
               "w:szCs", *_AFTER_SZ_CS)  # fmt: skip
_AFTER = {"w:szCs": _AFTER_SZ_CS, "w:bCs": _AFTER_B_CS, "w:iCs": _AFTER_B_CS[2:]}


def _font(style: BaseStyle, family: str | None = None, **options: object) -> None:
    """Set a style's font for every script; a named family also replaces the theme fonts
    it may point to. The family is the Latin (and Cyrillic) one: Arabic and Chinese runs
    take the script's font from the document defaults (:func:`apply_language`)."""
    assert isinstance(style, CharacterStyle)  # ParagraphStyle and table styles are too
    font = style.font
    if family:
        font.name = family
        fonts = style.element.rPr.rFonts
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(attribute), None)
        for attribute in ("w:cs", "w:eastAsia"):
            fonts.attrib.pop(qn(attribute), None)
    for key, value in options.items():
        setattr(font, key, value)
        twin = _COMPLEX_SCRIPT_TWIN.get(key)
        if twin is None:
            continue
        properties = style.element.get_or_add_rPr()
        for old in properties.findall(qn(twin)):
            properties.remove(old)
        if key == "size" and value is not None:
            half_points = str(round(float(value.pt) * 2))  # type: ignore[attr-defined]
            element = OxmlElement(twin, attrs={qn("w:val"): half_points})
        elif key != "size" and value is not None:
            element = OxmlElement(twin, attrs={} if value else {qn("w:val"): "0"})
        else:
            continue
        properties.insert_element_before(element, *_AFTER[twin])


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def ensure_styles(document: Document) -> None:
    """Add every style briefgen names that the document lacks (a reference may lack some)."""
    for name in PARAGRAPH_STYLES:
        base = "Body Text" if name.startswith(("List", "Quick", "Contact")) else "Normal"
        missing = _find(document, name) is None
        style = _style(document, name, WD_STYLE_TYPE.PARAGRAPH, base)
        if missing and name.startswith("Heading "):
            _make_heading(style, int(name.split()[1]))
    for name in CHARACTER_STYLES:
        _style(document, name, WD_STYLE_TYPE.CHARACTER, "Default Paragraph Font")
    for name in TABLE_STYLES:
        _style(document, name, WD_STYLE_TYPE.TABLE, "Table Grid")


def _make_heading(style: BaseStyle, level: int) -> None:
    """A heading style made here: an outline level (Word's navigation pane lists it), bold,
    kept with the paragraph that follows."""
    assert isinstance(style, ParagraphStyle)
    style.font.bold = True
    style.paragraph_format.keep_with_next = True
    style.next_paragraph_style = style.base_style
    outline = OxmlElement("w:outlineLvl", attrs={qn("w:val"): str(level - 1)})
    style.element.get_or_add_pPr().insert_element_before(
        outline, "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"
    )


def apply_theme(document: Document, theme: Theme) -> None:
    """The built-in look: the theme's fonts, colours and paper on briefgen's styles."""
    body = FONT_NAMES[theme.font]
    heading = FONT_NAMES[theme.heading_font or theme.font]
    primary, accent, muted = _rgb(theme.primary), _rgb(theme.accent), _rgb(MUTED)

    def paragraph(name: str) -> ParagraphStyle:
        style = document.styles[name]
        assert isinstance(style, ParagraphStyle)
        return style

    normal = paragraph("Normal")
    _font(normal, body, size=Pt(10))
    normal.font.color.rgb = _rgb(TEXT_COLOUR)
    normal.paragraph_format.space_after = Pt(5)
    normal.paragraph_format.line_spacing = 1.15
    paragraph("Body Text").paragraph_format.space_after = Pt(5)

    title = paragraph("Title")
    _font(title, heading, size=Pt(18), bold=True)
    title.font.color.rgb = primary
    borders = title.element.pPr.find(qn("w:pBdr")) if title.element.pPr is not None else None
    if borders is not None:
        borders.getparent().remove(borders)
    # Word's template letter-spaces and kerns its Title: Arabic letters must join, and
    # the PDF sets no title letter-spaced in any language.
    for name in ("w:spacing", "w:kern"):
        for element in title.element.rPr.findall(qn(name)):
            title.element.rPr.remove(element)
    title.paragraph_format.space_after = Pt(4)
    subtitle = paragraph("Subtitle")
    _font(subtitle, body, size=Pt(12), italic=False)
    subtitle.font.color.rgb = muted

    for level, size in zip(range(1, MAX_HEADING_LEVEL + 1), (12, 11, 10, 10, 10), strict=True):
        style = paragraph(f"Heading {level}")
        _font(style, heading, size=Pt(size), bold=True, italic=False, all_caps=level == 1)
        style.font.color.rgb = primary
        style.paragraph_format.space_before = Pt(12 if level == 1 else 8)
        style.paragraph_format.space_after = Pt(3)
        style.paragraph_format.keep_with_next = True  # never the last line of a page
        style.paragraph_format.keep_together = True

    evaluation_type = paragraph("Evaluation Type")
    _font(evaluation_type, heading, size=Pt(9.5), bold=True, all_caps=True)
    evaluation_type.font.color.rgb = accent
    evaluation_type.paragraph_format.space_before = Pt(10)
    evaluation_type.paragraph_format.space_after = Pt(2)
    masthead = paragraph("Masthead")
    _font(masthead, heading, size=Pt(9))
    masthead.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    masthead.paragraph_format.space_after = Pt(0)
    _band(masthead, theme.primary)
    acronym = document.styles["Masthead Acronym"]
    _font(acronym, heading, size=Pt(20), bold=True)

    for name in ("List Number", "List Bullet"):
        paragraph(name).paragraph_format.space_after = Pt(3)

    facts_heading = paragraph("Quick Facts Heading")
    _font(facts_heading, heading, size=Pt(10.5), bold=True, all_caps=True)
    facts_heading.font.color.rgb = primary
    facts_label = paragraph("Quick Facts Label")
    _font(facts_label, heading, size=Pt(8), bold=True)
    facts_label.font.color.rgb = primary
    facts_value = paragraph("Quick Facts Value")
    _font(facts_value, body, size=Pt(8.5))
    for style in (facts_heading, facts_label, facts_value):
        style.paragraph_format.space_before = Pt(1)
        style.paragraph_format.space_after = Pt(1)

    _quick_facts_table(document, theme)
    paragraph("Figure").paragraph_format.space_after = Pt(2)
    paragraph("Figure").paragraph_format.keep_with_next = True
    caption = paragraph("Caption")
    _font(caption, body, size=Pt(8.5), bold=False, italic=True)
    caption.font.color.rgb = muted
    caption.paragraph_format.keep_together = True
    contact = paragraph("Contact")
    _font(contact, body, size=Pt(9))
    contact.paragraph_format.space_before = Pt(12)
    footer = paragraph("Footer")
    _font(footer, body, size=Pt(8))
    footer.font.color.rgb = muted

    hyperlink = document.styles["Hyperlink"]
    _font(hyperlink, underline=True)
    assert isinstance(hyperlink, CharacterStyle)
    hyperlink.font.color.rgb = primary
    _font(document.styles["Verbatim Char"], "Consolas", size=Pt(9))

    _set_paper(document, theme.paper)


def _band(style: ParagraphStyle, colour: str) -> None:
    """A band of ``colour`` behind the paragraphs of ``style``: shading, and borders of the
    same colour that pad it (Word joins the borders of consecutive paragraphs)."""
    properties = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        attributes = {qn("w:val"): "single", qn("w:sz"): "4", qn("w:space"): "4"}
        attributes[qn("w:color")] = colour.lstrip("#").upper()
        borders.append(OxmlElement(f"w:{side}", attrs=attributes))
    shading = OxmlElement(
        "w:shd",
        attrs={qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): colour.lstrip("#")},
    )
    later = ("w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
             "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
             "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
             "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
             "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
             "w:sectPr", "w:pPrChange")  # fmt: skip
    properties.insert_element_before(borders, "w:shd", *later)
    properties.insert_element_before(shading, *later)


def _quick_facts_table(document: Document, theme: Theme) -> None:
    """A tinted box with a rule in the primary colour on top, as in the PDF."""
    style = document.styles["Quick Facts Table"].element
    properties = style.find(qn("w:tblPr"))
    if properties is None:
        properties = OxmlElement("w:tblPr")
        style.insert_element_before(properties, "w:trPr", "w:tcPr", "w:tblStylePr")
    for name in ("w:tblBorders", "w:shd"):
        for old in properties.findall(qn(name)):
            properties.remove(old)
    borders = OxmlElement("w:tblBorders")
    lines = {"top": ("single", "18", theme.primary), "bottom": ("single", "4", TINT_BORDER)}
    lines["insideH"] = ("single", "4", TINT_BORDER)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        kind, size, colour = lines.get(side, ("nil", "0", "auto"))
        attributes = {qn("w:val"): kind, qn("w:sz"): size, qn("w:space"): "0"}
        attributes[qn("w:color")] = colour.lstrip("#").upper()
        borders.append(OxmlElement(f"w:{side}", attrs=attributes))
    shading = OxmlElement(
        "w:shd", attrs={qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): TINT[1:]}
    )
    later = ("w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")
    properties.insert_element_before(borders, "w:shd", *later)
    properties.insert_element_before(shading, *later)


def _set_paper(document: Document, paper: str) -> None:
    size, margins = PAPERS[paper], DOCX_MARGINS
    for section in document.sections:
        section.page_width, section.page_height = Mm(size.width_mm), Mm(size.height_mm)
        section.top_margin, section.right_margin = Mm(margins.top), Mm(margins.right)
        section.bottom_margin, section.left_margin = Mm(margins.bottom), Mm(margins.left)
        section.footer_distance = Mm(8)
        footer = document.styles["Footer"]
        assert isinstance(footer, ParagraphStyle)
        tabs = footer.paragraph_format.tab_stops
        tabs.clear_all()
        text_width = size.width_mm - margins.left - margins.right
        tabs.add_tab_stop(Mm(text_width), WD_TAB_ALIGNMENT.RIGHT)

"""Word output, read back with python-docx as Word would see it: text, structure, styles.

The reference brief's DOCX comes from the session's ``reference_outputs``; other briefs
are small. The LibreOffice round trip is in ``test_docx_office.py``.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import docx
import docx.enum.style
import pytest
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.font import CT_RPr
from docx.oxml.text.parfmt import CT_PPr
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Length
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree
from PIL import Image as PillowImage

from briefgen.api import load_brief, render_brief
from briefgen.errors import BriefError
from briefgen.model.loaded import Image as LoadedImage
from briefgen.render.docx import fonts as docx_fonts
from briefgen.render.docx import pictures as docx_pictures
from briefgen.render.docx import styles as docx_look
from briefgen.render.docx import xml as docx_xml
from briefgen.render.docx.brief import render_docx
from briefgen.render.view.typography import Typesetter, Typography
from tests.cli_runner import invoke
from tests.conftest import EVIDENCE_BRIEF, REFERENCE_BRIEF, ROOT, SMALL_BRIEF, Renders
from tests.test_pipeline import normalise, reference_sentences

TITLE = (
    "The Global Programme Against Trafficking in Persons (TIP) GLOT59 and the Global "
    "Programme Against Smuggling of Migrants (SOM) GLOT92"
)


def blocks(document: Document) -> list[Paragraph]:
    """Every paragraph in reading order, those of table cells included."""
    found: list[Paragraph] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                for cell in dict.fromkeys(row.cells):  # a merged cell appears once per column
                    found += cell.paragraphs
        else:
            found.append(block)
    return found


def style_name(paragraph: Paragraph) -> str:
    """A paragraph's style name (python-docx types both the style and its name optional)."""
    assert paragraph.style is not None
    return str(paragraph.style.name)


def properties(paragraph: Paragraph) -> CT_PPr:
    """A paragraph's ``w:pPr``, which every paragraph briefgen writes has."""
    found = paragraph._p.pPr
    assert found is not None
    return found


def run_properties(run: Run) -> CT_RPr:
    found = run._r.rPr
    assert found is not None
    return found


def numbering_id(paragraph: Paragraph) -> int:
    """The numbering instance of a list paragraph (``w:numPr/w:numId``)."""
    number = properties(paragraph).find(f"{qn('w:numPr')}/{qn('w:numId')}")
    assert number is not None
    return int(number.get(qn("w:val")) or "")


def length(value: Length | None) -> Length:
    """A section's size or margin (python-docx types them optional; briefgen sets all)."""
    assert value is not None
    return value


def child(element: BaseOxmlElement | None, path: str) -> BaseOxmlElement:
    """The first element at ``path`` under ``element``, which must be there."""
    assert element is not None
    found: BaseOxmlElement | None = element.find(path)
    assert found is not None, path
    return found


def docx_text(document: Document) -> str:
    """The first page's header (the masthead), then the body."""
    header = document.sections[0].first_page_header.paragraphs
    return "\n".join(paragraph.text for paragraph in [*header, *blocks(document)])


@pytest.fixture(scope="module")
def reference(reference_outputs: dict[str, Path]) -> Document:
    return docx.Document(str(reference_outputs["docx"]))


def write_brief(folder: Path, text: str, name: str = "b.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def render_one(path: Path, **options: object) -> Document:
    data = render_docx(load_brief(path), **options)  # type: ignore[arg-type]
    return docx.Document(io.BytesIO(data))


# The reference brief ------------------------------------------------------------------


def test_every_sentence_of_the_reference_is_in_the_docx(reference: Document) -> None:
    haystack = normalise(docx_text(reference))
    missing = [s for s in reference_sentences() if normalise(s) not in haystack]
    assert not missing, f"{len(missing)} sentences missing from the DOCX: {missing[:3]}"


def test_title_and_headings_give_the_outline(reference: Document) -> None:
    outline = [
        (style_name(p), p.text)
        for p in reference.paragraphs
        if p.style is not None and style_name(p) in {"Title", "Heading 1", "Heading 2"}
    ]
    assert outline[0] == ("Title", TITLE)
    assert [text for style, text in outline if style == "Heading 1"] == [
        "Background and context",
        "Results",
        "Lessons learned and best practices",
    ]
    second_level = [text for style, text in outline if style == "Heading 2"]
    assert second_level[:3] == [
        "Summary of programmes\u2019 purposes",  # the PDF's apostrophe
        "The objectives of the two programmes",
        "Purpose of the evaluation",
    ]
    assert "Main recommendations" in second_level
    # Headings come from Word's built-in styles, so the navigation pane lists them.
    assert reference.styles["Heading 2"].element.pPr.find(qn("w:outlineLvl")) is not None


def test_quick_facts_are_a_table_with_a_header_row_near_the_top(reference: Document) -> None:
    body = list(reference.iter_inner_content())
    position = next(i for i, block in enumerate(body) if isinstance(block, Table))
    assert position <= 5  # after the masthead, evaluation type and title
    table = body[position]
    assert isinstance(table, Table)
    assert table.style is not None and table.style.name == "Quick Facts Table"
    header = table.rows[0]
    assert child(header._tr.trPr, qn("w:tblHeader")) is not None
    assert header.cells[0].text == "Quick facts"
    assert [table.rows[1].cells[0].text, table.rows[1].cells[1].text] == ["Countries", "Global"]
    team = table.rows[2].cells[1]
    assert [p.text for p in team.paragraphs][:2] == [  # a name on one line (view/names.py)
        "Emmanuelle\u00a0Diehl- Team Leader",
        "Astrid\u00a0Ganterer- Substantive Expert",
    ]


def test_links_are_hyperlinks(reference: Document) -> None:
    links = {
        link.url: link.text for paragraph in blocks(reference) for link in paragraph.hyperlinks
    }
    assert links["https://tinyurl.com/IDE-TIP-SOM"] == "https://tinyurl.com/IDE-TIP-SOM"
    assert links["mailto:ieu@unodc.org"] == "ieu@unodc.org"
    relationship = next(
        rel for rel in reference.part.rels.values() if rel.reltype.endswith("/hyperlink")
    )
    assert relationship.is_external


def test_core_properties_come_from_the_brief(reference: Document) -> None:
    properties = reference.core_properties
    assert properties.title == TITLE
    assert properties.author == "United Nations Office on Drugs and Crime"
    assert "In-depth mid-term cluster evaluation" in properties.subject
    assert "GLOT59" in properties.keywords and "trafficking in persons" in properties.keywords
    assert properties.language == "en"
    first_of_october = dt.datetime(2017, 10, 1, tzinfo=dt.UTC)
    assert properties.created == properties.modified == first_of_october
    defaults = reference.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f".//{qn('w:lang')}").get(qn("w:val")) == "en"


def test_footer_has_the_series_and_page_fields(reference: Document) -> None:
    footer = reference.sections[0].footer
    assert footer.paragraphs[0].text.startswith("UNODC Briefs\tPage ")
    instructions = [node.text.strip() for node in footer._element.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]


def test_built_in_look_follows_the_theme(reference: Document) -> None:
    section = reference.sections[0]
    width, height = length(section.page_width), length(section.page_height)
    assert (round(width.mm), round(height.mm)) == (210, 297)
    heading = reference.styles["Heading 1"]
    assert heading.font.name == "Source Sans 3"
    assert str(heading.font.color.rgb) == "0B3D6B"
    assert str(reference.styles["Evaluation Type"].font.color.rgb) == "B5121B"


def test_unnumbered_list_items_are_bullets(reference: Document) -> None:
    bullets = [p for p in reference.paragraphs if style_name(p) == "List Bullet"]
    assert len(bullets) >= 5
    num_ids = {numbering_id(p) for p in bullets}
    assert len(num_ids) == 1
    numbering = reference.part.numbering_part.element
    (instance,) = numbering.xpath(f"./w:num[@w:numId='{num_ids.pop()}']")
    abstract_id = instance.abstractNumId.val
    (format_,) = numbering.xpath(f"./w:abstractNum[@w:abstractNumId='{abstract_id}']//w:numFmt")
    assert format_.get(qn("w:val")) == "bullet"


def test_the_docx_is_byte_reproducible() -> None:
    loaded = load_brief(REFERENCE_BRIEF)
    first, second = render_docx(loaded), render_docx(loaded)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        entries = archive.infolist()
    assert entries[0].filename == "[Content_Types].xml"
    assert {entry.date_time for entry in entries} == {(2017, 10, 1, 0, 0, 0)}
    # Only the brief's own parts: python-docx's sample thumbnail and custom XML are gone.
    assert not [entry.filename for entry in entries if "thumbnail" in entry.filename]
    assert not [entry.filename for entry in entries if entry.filename.startswith("customXml")]


# Lists, figures, inline Markdown -------------------------------------------------------

LISTS_BRIEF = SMALL_BRIEF + (
    "  - kind: lessons_learned\n"
    "    items: ['A **bold** lesson with [a link](https://example.org/x).', 'Another.']\n"
)


def test_each_numbered_list_is_one_numbering_instance(tmp_path: Path) -> None:
    document = render_one(write_brief(tmp_path, LISTS_BRIEF))
    items = [p for p in document.paragraphs if style_name(p) == "List Number"]
    assert [p.text for p in items] == [
        "Keep going.",
        "Measure more.",
        "A bold lesson with a link.",
        "Another.",
    ]
    num_ids = [numbering_id(p) for p in items]
    assert num_ids[0] == num_ids[1] and num_ids[2] == num_ids[3]
    assert num_ids[0] != num_ids[2]  # a list of its own, numbered from 1 again
    numbering = document.part.numbering_part.element
    for num_id in (num_ids[0], num_ids[2]):
        (instance,) = numbering.xpath(f"./w:num[@w:numId='{num_id}']")
        assert instance.xpath("./w:lvlOverride/w:startOverride/@w:val") == ["1"]
        abstract_id = instance.abstractNumId.val
        path = f"./w:abstractNum[@w:abstractNumId='{abstract_id}']//w:numFmt/@w:val"
        assert numbering.xpath(path) == ["decimal"]
    lesson = items[2]
    assert [run.text for run in lesson.runs if run.bold] == ["bold"]
    assert [(link.url, link.text) for link in lesson.hyperlinks] == [
        ("https://example.org/x", "a link")
    ]


def _png(path: Path) -> None:
    PillowImage.new("RGB", (40, 20), (11, 61, 107)).save(path)


FIGURES_BRIEF = SMALL_BRIEF + (
    "  - kind: figure\n"
    "    image: chart.png\n"
    "    alt: Bar chart of villages reached, 2019 to 2023\n"
    "    caption: Villages reached\n"
    "    credit: Programme data\n"
    "  - kind: figure\n"
    "    image: map.svg\n"
    "    alt: Map of the districts served\n"
    "  - kind: figure\n"
    "    image: chart.png\n"
    "    decorative: true\n"
)
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60">'
    '<rect width="120" height="60" fill="#b5121b"/></svg>'
)


def test_figures_are_inline_pictures_with_alt_text(tmp_path: Path) -> None:
    _png(tmp_path / "chart.png")
    (tmp_path / "map.svg").write_text(SVG, encoding="utf-8")
    document = render_one(write_brief(tmp_path, FIGURES_BRIEF))
    descriptions = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    assert descriptions == [
        "Bar chart of villages reached, 2019 to 2023",
        "Map of the districts served",
        "",  # decorative
    ]
    flags = [
        shape._inline.docPr.xpath("./a:extLst/a:ext/*[local-name()='decorative']/@val")
        for shape in document.inline_shapes
    ]
    assert flags == [[], [], ["1"]]  # Word's "Mark as decorative"
    captions = [p.text for p in document.paragraphs if style_name(p) == "Caption"]
    assert captions == ["Villages reached; Programme data"]
    # The SVG is drawn as a PNG: every Word and LibreOffice shows it.
    types = {part.content_type for part in document.part.package.parts}
    assert "image/png" in types and "image/svg+xml" not in types
    # No id is random: two drawings never share one.
    ids = [shape._inline.docPr.get("id") for shape in document.inline_shapes]
    assert len(set(ids)) == len(ids)


# Hostile text ----------------------------------------------------------------------------

HOSTILE = (
    "A <w:r><w:t>x</w:t></w:r> & \"quoted\" 'single' ]]> <!-- c --> "
    '{ DDE "c:\\\\windows\\\\system32\\\\cmd.exe" "/c calc" } '
    '<w:fldSimple w:instr="INCLUDETEXT c:/secret"/> {{ 7*7 }}'
)


def test_hostile_text_shows_literally(tmp_path: Path) -> None:
    quoted = HOSTILE.replace("\\", "\\\\").replace('"', '\\"')
    # Control characters are refused at their line by loading (tests/test_security_input.py);
    # what is left of them here is how the DOCX would show the text around them.
    brief = SMALL_BRIEF.replace("Clean Water Programme", f'"Title bell[31m {quoted}"')
    brief = brief.replace("The programme reached most villages.", f'"Text nultab {quoted}"')
    path = write_brief(tmp_path, brief)
    code = invoke("render", str(path), "-f", "docx", "-o", str(tmp_path))
    assert code.exit_code == 0, code.output
    document = docx.Document(str(tmp_path / "b.docx"))
    # As typed, in the language's typography (curly quotes) as in the PDF and HTML.
    typed = HOSTILE.replace("\\\\", "\\")
    expected = Typesetter(Typography()).piece(typed)
    assert document.paragraphs[0].text == f"Title bell[31m {expected}"
    body = [p.text for p in document.paragraphs if style_name(p) == "Body Text"]
    assert body == [f"Text nultab {expected}"]
    assert document.core_properties.title == f"Title bell[31m {typed}"
    # Nothing became a field: the only fields are the footer's page numbers.
    with zipfile.ZipFile(tmp_path / "b.docx") as archive:
        xml = b"".join(archive.read(name) for name in archive.namelist())
    assert xml.count(b"<w:fldSimple") == 0
    # (two footers: the first page's, under the masthead header, and the others')
    assert xml.count(b"<w:instrText") == 4
    assert re.findall(rb"<w:instrText[^>]*>([^<]*)<", xml) == [b" PAGE ", b" NUMPAGES "] * 2
    assert b"<w:r><w:t>x</w:t></w:r>" not in xml


# Languages: right to left is data --------------------------------------------------------


def test_set_paragraph_direction_sets_bidi_and_rtl_runs() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("مرحبا")
    paragraph.add_run(" بالعالم")
    paragraph.paragraph_format.space_after = 0  # w:spacing must stay after w:bidi
    docx_xml.set_paragraph_direction(paragraph, right_to_left=True)
    settings = properties(paragraph)
    assert [element.tag for element in settings][-2:] == [qn("w:bidi"), qn("w:spacing")]
    assert all(run_properties(run).find(qn("w:rtl")) is not None for run in paragraph.runs)
    docx_xml.set_paragraph_direction(paragraph, right_to_left=True)  # idempotent
    assert len(settings.findall(qn("w:bidi"))) == 1
    docx_xml.set_paragraph_direction(paragraph, right_to_left=False)
    assert settings.find(qn("w:bidi")) is None
    assert all(run_properties(run).find(qn("w:rtl")) is None for run in paragraph.runs)


def test_a_right_to_left_language_is_one_table_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Arabic has no labels yet (briefgen/locales), so English stands in for it here.
    arabic_like = docx_look.LanguageSettings("complex", right_to_left=True, font="Amiri")
    monkeypatch.setitem(docx_look.LANGUAGES, "en", arabic_like)
    document = render_one(
        write_brief(tmp_path, SMALL_BRIEF + "quick_facts: [{label: A, value: B}]\n")
    )
    body = [p for p in blocks(document) if p.text]
    assert body and all(properties(p).find(qn("w:bidi")) is not None for p in body)
    assert document.tables[0]._tbl.tblPr.find(qn("w:bidiVisual")) is not None
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f".//{qn('w:lang')}").get(qn("w:bidi")) == "en"
    assert defaults.find(f".//{qn('w:rFonts')}").get(qn("w:cs")) == "Amiri"


def test_an_east_asian_language_gets_its_font(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chinese_like = docx_look.LanguageSettings("east_asian", font="Noto Sans CJK SC")
    monkeypatch.setitem(docx_look.LANGUAGES, "en", chinese_like)
    document = render_one(write_brief(tmp_path, SMALL_BRIEF))
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f".//{qn('w:rFonts')}").get(qn("w:eastAsia")) == "Noto Sans CJK SC"
    assert defaults.find(f".//{qn('w:lang')}").get(qn("w:eastAsia")) == "en"
    assert properties(document.paragraphs[0]).find(qn("w:bidi")) is None


@pytest.mark.parametrize(
    ("example", "slot", "font", "right_to_left"),
    [("brief-ar.yaml", "bidi", "Amiri", True), ("brief-zh.yaml", "eastAsia", None, False)],
)
def test_the_arabic_and_chinese_examples_are_set_for_their_script(
    renders: Renders, example: str, slot: str, font: str | None, right_to_left: bool
) -> None:
    source = ROOT / "data" / "examples" / example
    document = docx.Document(str(renders.only(source, "docx")))
    defaults = document.styles.element.find(qn("w:docDefaults"))
    language = source.stem.split("-")[1]
    assert defaults.find(f".//{qn('w:lang')}").get(qn(f"w:{slot}")) == language
    fonts = defaults.find(f".//{qn('w:rFonts')}")
    expected_font = font or "Noto Sans CJK SC"
    assert fonts.get(qn("w:cs" if slot == "bidi" else "w:eastAsia")) == expected_font
    body = [p for p in document.paragraphs if p.text.strip()]
    directions = {p._p.pPr is not None and p._p.pPr.find(qn("w:bidi")) is not None for p in body}
    assert directions == {right_to_left}
    if right_to_left:
        assert all(t._tbl.tblPr.find(qn("w:bidiVisual")) is not None for t in document.tables)


# Reference documents -----------------------------------------------------------------------


def _office_reference(path: Path) -> None:
    """A reference an office might send: its own Heading 1, a letterhead, sample text."""
    document = docx.Document()
    heading = document.styles["Heading 1"]
    heading.font.name = "Georgia"
    heading.font.size = docx.shared.Pt(20)
    document.add_paragraph("Sample text that must not reach the brief.")
    document.sections[0].header.paragraphs[0].text = "OFFICE LETTERHEAD"
    document.sections[0].page_width = docx.shared.Mm(216)
    document.save(str(path))


def test_reference_docx_styles_the_brief_by_name(tmp_path: Path) -> None:
    _office_reference(tmp_path / "office.docx")
    brief = write_brief(tmp_path, SMALL_BRIEF + "theme:\n  docx_reference: office.docx\n")
    document = render_one(brief)
    assert document.styles["Heading 1"].font.name == "Georgia"
    assert document.styles["Heading 1"].font.size == docx.shared.Pt(20)
    # Styles the reference lacks are added, so every paragraph's style exists.
    assert document.styles["Quick Facts Label"].base_style.name == "Body Text"
    assert round(length(document.sections[0].page_width).mm) == 216  # the reference's page
    text = docx_text(document)
    assert "Sample text" not in text and "Clean Water Programme" in text
    assert all("LETTERHEAD" not in p.text for p in document.sections[0].header.paragraphs)


def test_reference_docx_option_wins_over_the_brief(tmp_path: Path) -> None:
    _office_reference(tmp_path / "office.docx")
    path = write_brief(tmp_path, SMALL_BRIEF)
    result = invoke(
        "render",
        str(path),
        "-f",
        "docx",
        "-o",
        str(tmp_path / "out"),
        "--reference-docx",
        str(tmp_path / "office.docx"),
    )
    assert result.exit_code == 0, result.output
    document = docx.Document(str(tmp_path / "out" / "b.docx"))
    assert document.styles["Heading 1"].font.name == "Georgia"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("../office.docx", None, "is outside the brief's folder"),
        ("office.txt", b"PK\x03\x04", "is not a .docx file"),
        ("office.docx", b"not a zip", "is not a DOCX file"),
        ("office.docx", b"PK\x03\x04broken", "cannot be used as a reference document"),
    ],
)
def test_a_bad_reference_is_an_error_at_its_line(
    tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    folder = tmp_path / "brief"
    if content is None:
        _office_reference(tmp_path / "office.docx")
    else:
        folder.mkdir()
        (folder / name).write_bytes(content)
    path = write_brief(folder, SMALL_BRIEF + f"theme:\n  docx_reference: {name}\n")
    with pytest.raises(BriefError) as caught:
        render_brief(path, ["docx"], tmp_path / "out")
    (problem,) = caught.value.problems
    assert message in problem.message
    assert (problem.path, problem.line, problem.column) == (path, 16, 19)
    assert problem.key_path == "theme.docx_reference"
    assert not (tmp_path / "out" / "b.docx").exists()


def test_a_reference_style_of_the_wrong_type_is_refused(tmp_path: Path) -> None:
    reference = docx.Document()
    reference.styles.add_style("Hyperlink", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    reference.save(str(tmp_path / "office.docx"))
    path = write_brief(tmp_path, SMALL_BRIEF)
    with pytest.raises(BriefError) as caught:
        render_docx(load_brief(path), tmp_path / "office.docx")
    (problem,) = caught.value.problems
    assert problem.path == tmp_path / "office.docx"
    assert "its style 'Hyperlink' is a paragraph style" in problem.message


def test_a_reference_without_section_properties_gets_word_defaults(tmp_path: Path) -> None:
    reference = docx.Document()
    body = reference.element.body
    body.remove(body.find(qn("w:sectPr")))
    reference.save(str(tmp_path / "office.docx"))
    document = render_one(write_brief(tmp_path, SMALL_BRIEF), reference=tmp_path / "office.docx")
    assert "Clean Water Programme" in docx_text(document)
    assert document.sections[0].footer.paragraphs[0].text.startswith("Evaluation brief\t")


def test_headings_a_reference_lacks_are_made_outline_levels(tmp_path: Path) -> None:
    reference = docx.Document()
    styles = reference.styles.element
    for style in styles.xpath("./w:style[starts-with(@w:styleId, 'Heading')]"):
        styles.remove(style)  # as in a document that never used a heading
    reference.save(str(tmp_path / "office.docx"))
    document = render_one(write_brief(tmp_path, SMALL_BRIEF), reference=tmp_path / "office.docx")
    for level in (1, 2):
        properties = document.styles[f"Heading {level}"].element.pPr
        assert properties.find(qn("w:outlineLvl")).get(qn("w:val")) == str(level - 1)
    headings = [p.text for p in document.paragraphs if style_name(p) == "Heading 1"]
    assert headings == ["Main findings", "Main recommendations"]


def test_readme_lists_every_style_name() -> None:
    # The README's "Word output" section is docs/word.md now, the whole page.
    section = (REFERENCE_BRIEF.parent.parent / "docs" / "word.md").read_text(encoding="utf-8")
    missing = [name for name in docx_look.STYLES if f"| `{name}` |" not in section]
    assert not missing


@pytest.mark.parametrize(
    ("svg", "height_px"),
    [
        ('width="120" height="60"', 800),
        ('width="10mm" height="2000mm"', 4000),  # tall: narrower, so never a huge bitmap
        ('viewBox="0 0 30 60"', 3200),
    ],
)
def test_svg_figures_are_drawn_at_a_bounded_size(tmp_path: Path, svg: str, height_px: int) -> None:
    (tmp_path / "map.svg").write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" {svg}><rect width="10" height="10"/></svg>'
    )
    brief = SMALL_BRIEF + "  - kind: figure\n    image: map.svg\n    alt: A map\n"
    document = render_one(write_brief(tmp_path, brief))
    (image,) = [part for part in document.part.package.parts if part.content_type == "image/png"]
    with PillowImage.open(io.BytesIO(image.blob)) as picture:
        assert picture.height == height_px
    (shape,) = document.inline_shapes
    section = document.sections[0]
    text_width = (
        length(section.page_width) - length(section.left_margin) - length(section.right_margin)
    )
    text_height = (
        length(section.page_height) - length(section.top_margin) - length(section.bottom_margin)
    )
    assert shape.width <= text_width and shape.height <= 0.8 * text_height
    assert shape.width == text_width or abs(shape.height - 0.8 * text_height) <= 1


def test_an_svg_cairosvg_cannot_draw_is_refused() -> None:
    # Loading refuses such an SVG first (its size must be positive); this is the guard
    # behind that check.
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="0"/>'
    with pytest.raises(docx_pictures.PictureError, match="size is undefined"):
        docx_pictures.placeable_bytes(LoadedImage("map.svg", "image/svg+xml", data=svg))


def test_a_picture_that_cannot_be_drawn_is_an_error_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "map.svg").write_text(SVG, encoding="utf-8")
    brief = SMALL_BRIEF + "  - kind: figure\n    image: map.svg\n    alt: A map\n"
    path = write_brief(tmp_path, brief)

    def cannot_draw(image: LoadedImage) -> bytes:
        raise docx_pictures.PictureError("cairo says no")

    monkeypatch.setattr(docx_pictures, "placeable_bytes", cannot_draw)
    with pytest.raises(BriefError) as caught:
        render_docx(load_brief(path))
    (problem,) = caught.value.problems
    assert "'map.svg' cannot be drawn for the DOCX (cairo says no)" in problem.message
    assert (problem.line, problem.column, problem.key_path) == (16, 12, "sections[2].image")


def test_a_reference_cannot_bring_external_links_or_its_parts(tmp_path: Path) -> None:
    reference = docx.Document()
    settings_part = reference.part._settings_part
    template = "https://attacker.example/template.dotm"
    attached_template = f"{RT.OFFICE_DOCUMENT.rsplit('/', 1)[0]}/attachedTemplate"
    relationship_id = settings_part.relate_to(template, attached_template, is_external=True)
    attached = OxmlElement("w:attachedTemplate", attrs={qn("r:id"): relationship_id})
    reference.settings.element.append(attached)
    paragraph = reference.add_paragraph()
    paragraph.add_run().add_picture(io.BytesIO(_png_bytes()))
    reference.part.relate_to("https://tracker.example/pixel", RT.IMAGE, is_external=True)
    reference.save(str(tmp_path / "office.docx"))
    data = render_docx(load_brief(write_brief(tmp_path, SMALL_BRIEF)), tmp_path / "office.docx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        everything = b"".join(archive.read(name) for name in names)
    assert b"attacker.example" not in everything and b"tracker.example" not in everything
    assert b"attachedTemplate" not in everything
    assert not [name for name in names if name.startswith("word/media/")]


def _png_bytes() -> bytes:
    stream = io.BytesIO()
    PillowImage.new("RGB", (4, 4), "white").save(stream, format="PNG")
    return stream.getvalue()


# Fonts and typography (issue 28) --------------------------------------------------------


def test_obfuscation_is_ecma_376s_and_undoes_itself() -> None:
    key = "{00112233-4455-6677-8899-AABBCCDDEEFF}"
    font = bytes(range(40))
    hidden = docx_fonts.obfuscate(font, key)
    # The key's bytes are its hex digits read from the end: FF EE DD ... 00.
    assert hidden[0] == 0x00 ^ 0xFF and hidden[15] == 0x0F ^ 0x00 and hidden[16] == 0x10 ^ 0xFF
    assert hidden[32:] == font[32:]
    assert docx_fonts.obfuscate(hidden, key) == font


def test_the_fonts_the_docx_names_are_embedded_subset(reference_outputs: dict[str, Path]) -> None:
    from fontTools.ttLib import TTFont

    document = docx.Document(str(reference_outputs["docx"]))
    (table_part,) = [
        rel.target_part for rel in document.part.rels.values() if rel.reltype == RT.FONT_TABLE
    ]
    table = etree.fromstring(table_part.blob)
    (entry,) = table.xpath("./w:font[@w:name='Source Sans 3']", namespaces=table.nsmap)
    faces = {element.tag: element for element in entry if "embed" in element.tag}
    slots = ["embedRegular", "embedBold", "embedItalic", "embedBoldItalic"]
    assert list(faces) == [qn(f"w:{slot}") for slot in slots]
    settings = document.settings.element
    assert settings.find(qn("w:embedTrueTypeFonts")) is not None
    bold = faces[qn("w:embedBold")]
    part = table_part.related_parts[bold.get(qn("r:id"))]
    assert part.partname.startswith("/word/fonts/") and part.partname.endswith(".odttf")
    assert part.content_type == docx_fonts.OBFUSCATED_FONT
    font = TTFont(io.BytesIO(docx_fonts.obfuscate(part.blob, bold.get(qn("w:fontKey")))))
    # A static Bold face of the family, as Word and fontconfig look faces up.
    assert font["name"].getDebugName(1) == "Source Sans 3"
    assert font["name"].getDebugName(2) == "Bold"
    assert font["OS/2"].usWeightClass == 700 and "fvar" not in font
    assert len(font.getGlyphOrder()) < 400  # the brief's characters, not the 1,900 glyphs
    assert len(part.blob) < 40_000


def test_the_arabic_title_has_the_pdfs_hierarchy_and_no_letter_spacing(renders: Renders) -> None:
    arabic = ROOT / "data" / "examples" / "brief-ar.yaml"
    document = docx.Document(str(renders.only(arabic, "docx")))

    def complex_size(name: str) -> float:
        properties = document.styles[name].element.rPr
        return int(child(properties, qn("w:szCs")).get(qn("w:val"))) / 2

    title = document.styles["Title"].element.rPr
    assert title.find(qn("w:spacing")) is None and title.find(qn("w:kern")) is None
    assert title.find(qn("w:bCs")) is not None
    assert complex_size("Title") == 18 and complex_size("Heading 1") == 12
    assert complex_size("Title") > complex_size("Heading 1") > complex_size("Normal")
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f".//{qn('w:rFonts')}").get(qn("w:cs")) == "Amiri"
    # Arabic runs take the script's font: no style names the Latin family for them.
    for style in ("Title", "Heading 1", "Normal"):
        fonts = document.styles[style].element.rPr.rFonts
        assert fonts.get(qn("w:cs")) is None, style


# Evidence in Word (issue 28.3) ------------------------------------------------------------

EVIDENCE = EVIDENCE_BRIEF


@pytest.fixture(scope="module")
def evidence(renders: Renders) -> Document:
    return docx.Document(str(renders.only(EVIDENCE, "docx")))


def table_after(document: Document, text: str) -> Table:
    """The first table after the paragraph that starts with ``text``."""
    seen = False
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph) and block.text.startswith(text):
            seen = True
        elif seen and isinstance(block, Table):
            return block
    raise AssertionError(f"no table after {text!r}")


def test_a_tables_align_is_honoured_with_tabular_figures(evidence: Document) -> None:
    table = table_after(evidence, "Selected indicators")
    assert [cell.text for cell in table.rows[1].cells] == ["Officials trained", "1,500", "1,380"]
    for row in table.rows:
        indicator, target, achieved = row.cells
        assert indicator.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
        for number in (target, achieved):
            paragraph = number.paragraphs[0]
            assert child(properties(paragraph), qn("w:jc")).get(qn("w:val")) == "right"
            spacing = [
                run._r.find(f"{qn('w:rPr')}/{qn('w14:numSpacing')}") for run in paragraph.runs
            ]
            assert spacing and all(
                s is not None and s.get(qn("w14:val")) == "tabular" for s in spacing
            )


def test_columns_are_sized_to_their_content(evidence: Document) -> None:
    table = table_after(evidence, "Make the two outstanding")  # the management response
    assert [cell.text for cell in table.rows[0].cells] == ["No.", "Response", "Action"]
    number, response, action = (column.width for column in table.columns)
    assert number is not None and response is not None and action is not None
    assert number < response < action and number * 4 < action


def test_the_map_legend_is_a_list_with_a_colour_key_per_class(evidence: Document) -> None:
    legend = [
        p for p in evidence.paragraphs if p.text.strip().startswith(("Field mission", "Remote"))
    ]
    assert [p.text.strip() for p in legend] == [
        "Field mission: Ethiopia, Kenya, Sudan",
        "Remote interviews: Somalia, Djibouti",
    ]
    assert len({numbering_id(p) for p in legend}) == 1  # one list
    keys = [p._p.find(f"{qn('w:r')}/{qn('w:rPr')}/{qn('w:shd')}") for p in legend]
    fills = [key.get(qn("w:fill")) for key in keys if key is not None]
    assert len(fills) == 2 and len(set(fills)) == 2 and "auto" not in fills


def test_key_figures_are_one_list(evidence: Document) -> None:
    figures = [
        p for p in evidence.paragraphs if p.runs and p.runs[0].text in {"135", "412", "2,460"}
    ]
    assert len(figures) == 3 and len({numbering_id(p) for p in figures}) == 1
    assert all(p.runs[0].bold for p in figures)


def test_a_chart_is_followed_by_its_data_as_a_word_table(evidence: Document) -> None:
    table = table_after(evidence, "The chart")
    assert [cell.text for cell in table.rows[0].cells] == [
        "",
        "With a referral agreement",
        "Without one",
    ]
    assert [[cell.text for cell in row.cells] for row in table.rows[1:3]] == [
        ["2021", "210", "120"],
        ["2022", "390", "140"],
    ]
    assert child(table.rows[0]._tr.trPr, qn("w:tblHeader")) is not None


def test_cross_references_link_to_bookmarks(evidence: Document) -> None:
    xml = evidence.element.body
    anchors = [link.get(qn("w:anchor")) for link in xml.iter(qn("w:hyperlink"))]
    names = {mark.get(qn("w:name")) for mark in xml.iter(qn("w:bookmarkStart"))}
    internal = [anchor for anchor in anchors if anchor]
    assert {"f_referral", "f_shelters", "rec_agreements"} <= set(internal)
    assert set(internal) <= names


def test_french_typography_as_in_the_pdf(tmp_path: Path) -> None:
    brief = SMALL_BRIEF.replace("language: en", "language: fr").replace(
        "The programme reached most villages.", "'\"L''eau\" : pourquoi ? Parce que ; voil\u00e0 !'"
    )
    document = render_one(write_brief(tmp_path, brief))
    (body,) = [p.text for p in document.paragraphs if style_name(p) == "Body Text"]
    assert body == (
        "\u00ab\u202fL\u2019eau\u202f\u00bb\u00a0: pourquoi\u202f? "
        "Parce que\u202f; voil\u00e0\u202f!"
    )


def test_headings_captions_and_contact_are_kept_whole(reference: Document) -> None:
    for name in ("Heading 1", "Heading 2"):
        assert reference.styles[name].paragraph_format.keep_with_next
    assert reference.styles["Caption"].paragraph_format.keep_together
    (contact,) = [p for p in reference.paragraphs if style_name(p) == "Contact"]
    assert contact.paragraph_format.keep_together
    facts = reference.tables[0]
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in facts.rows)

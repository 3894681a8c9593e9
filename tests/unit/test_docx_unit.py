"""The pure functions behind the DOCX, table-driven: spans, clean text, languages, SVG sizes;
and the built-in document every DOCX starts from."""

from __future__ import annotations

import pytest
from docx.document import Document

from briefgen.model.inline import Span, to_spans
from briefgen.render.docx import package
from briefgen.render.docx.pictures import _raster_width, _svg_aspect
from briefgen.render.docx.styles import LanguageSettings, language_settings
from briefgen.render.docx.xml import clean_text


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("plain", [Span("plain")]),
        ("a **b** c", [Span("a "), Span("b", bold=True), Span(" c")]),
        ("***both***", [Span("both", bold=True, italic=True)]),
        ("`<w:t>`", [Span("<w:t>", code=True)]),
        (
            "[x **y**](https://e.org)",
            [Span("x ", href="https://e.org"), Span("y", bold=True, href="https://e.org")],
        ),
        ("[no](javascript:alert(1))", [Span("[no](javascript:alert(1))")]),
        ("<https://e.org>", [Span("https://e.org", href="https://e.org")]),
        ("one\ntwo", [Span("one"), Span(" "), Span("two")]),
        ("one\\\ntwo", [Span("one"), Span("", line_break=True), Span("two")]),
        ("<b>raw</b>", [Span("<b>raw</b>")]),
    ],
)
def test_to_spans(text: str, spans: list[Span]) -> None:
    assert to_spans(text) == spans


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("a\x07b\x1bc", "abc"),
        ("tab\there", "tab here"),
        ("line\nend\r", "line end "),
        ("del\x7f c1\x85 ok", "del c1 ok"),
        ("\ufffe\uffff", ""),
        ("{ DDE } <w:t> & ]]>", "{ DDE } <w:t> & ]]>"),
        ("مرحبا 中文 é", "مرحبا 中文 é"),
    ],
)
def test_clean_text_keeps_only_what_xml_holds(text: str, cleaned: str) -> None:
    assert clean_text(text) == cleaned


def test_language_settings_fall_back_to_the_base_language_then_latin() -> None:
    assert language_settings("es-419") is language_settings("es")
    assert language_settings("xx") == LanguageSettings()
    assert not language_settings("fr").right_to_left


@pytest.mark.parametrize(
    ("attributes", "aspect", "width"),
    [
        ('width="200" height="100"', 0.5, 1600),
        ('width="2in" height="72pt"', 0.5, 1600),
        ('viewBox="0 0 100 400"', 4.0, 1000),
        ('viewBox="0,0,10,1000"', 100.0, 40),
        ('width="100%" height="50%"', None, 1600),
        ('width="0" height="10"', None, 1600),
        ("", None, 1600),
    ],
)
def test_svg_size_is_bounded(attributes: str, aspect: float | None, width: int) -> None:
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" {attributes}/>'.encode()
    assert _svg_aspect(svg) == aspect
    assert _raster_width(svg) == width


def test_the_built_in_document_is_emptied_once_and_each_copy_is_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    emptied: list[object] = []
    keep_only_the_look = package._keep_only_the_look

    def counted(document: Document) -> None:
        emptied.append(document)
        keep_only_the_look(document)

    package._built_in_bytes.cache_clear()
    monkeypatch.setattr(package, "_keep_only_the_look", counted)
    first, second = package.built_in_document(), package.built_in_document()
    assert len(emptied) == 1
    first.add_paragraph("only in the first")
    assert [paragraph.text for paragraph in first.paragraphs] == ["only in the first"]
    assert second.paragraphs == []
    table_styles = second.styles.element.xpath("./w:style[@w:type='table']")
    assert sorted(style.name_val for style in table_styles) == ["Normal Table", "Table Grid"]

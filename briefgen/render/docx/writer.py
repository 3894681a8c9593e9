"""The Word writer's state and plumbing: a document, its styles, and text written as runs.

Everything else in :mod:`briefgen.render.docx` writes through one :class:`WordWriter`.
"""

from __future__ import annotations

from docx.document import Document
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Emu, Mm
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from briefgen.model.inline import Span, to_spans
from briefgen.model.loaded import LoadedBrief
from briefgen.render.docx import styles as docx_look
from briefgen.render.docx import xml as docx_xml
from briefgen.render.view.context import RenderContext

LIST_INDENT_TWIPS = 360


class WordWriter:
    """One brief being written into one document: its paragraphs, runs and styles.

    Public because both the brief's parts (:mod:`briefgen.render.docx.brief`) and the
    evidence blocks (:mod:`briefgen.render.docx.evidence`) write through it."""

    def __init__(self, loaded: LoadedBrief, document: Document) -> None:
        self.loaded = loaded
        self.brief = loaded.brief
        self.context = RenderContext(loaded, for_print=True)
        self.labels = self.context.labels
        self.document = document
        self.language = docx_look.apply_language(document, self.brief.language)
        numbering = document.part.numbering_part.element
        self.numbering = numbering
        self.decimal_list = docx_xml.add_abstract_numbering(numbering, "decimal", LIST_INDENT_TWIPS)
        self.bullet_list = docx_xml.add_abstract_numbering(numbering, "bullet", LIST_INDENT_TWIPS)
        section = document.sections[-1]
        width = (section.page_width or Mm(210)) - (section.left_margin or 0)
        self.text_width = Emu(width - (section.right_margin or 0))
        height = (section.page_height or Mm(297)) - (section.top_margin or 0)
        self.text_height = Emu(height - (section.bottom_margin or 0))
        self.style_ids: dict[str, str] = {}
        self.references = self.context.references()  # cross-references read as their target

    def style_id(self, name: str) -> str:
        """The id of a style named in ``docx_look.STYLES``, looked up once: python-docx's
        lookup by name scans every style each time, which was most of the render time."""
        if name not in self.style_ids:
            self.style_ids[name] = self.document.styles[name].style_id
        return self.style_ids[name]

    def set_style(self, paragraph: Paragraph, name: str) -> None:
        paragraph._p.style = self.style_id(name)

    # Paragraphs and runs ---------------------------------------------------------------

    def paragraph(self, style: str, text: str | None = None) -> Paragraph:
        """A paragraph of ``style`` holding inline Markdown ``text``."""
        paragraph = self.document.add_paragraph()
        self.set_style(paragraph, style)
        if text is not None:
            self.write(paragraph, to_spans(text, self.references))
        return paragraph

    def write(self, paragraph: Paragraph, spans: list[Span]) -> None:
        """Append spans as runs; consecutive spans of one link share one hyperlink."""
        hyperlink: BaseOxmlElement | None = None
        current_href: str | None = None
        for span in spans:
            if span.href != current_href:
                hyperlink = docx_xml.add_hyperlink(paragraph, span.href) if span.href else None
                current_href = span.href
            run = docx_xml.add_run_to(hyperlink, paragraph) if hyperlink is not None else None
            run = run or paragraph.add_run()
            if span.line_break:
                run.add_break()
                continue
            run.text = docx_xml.clean_text(span.text)
            run.bold = span.bold or None
            run.italic = span.italic or None
            if span.code or span.href:
                run._r.style = self.style_id("Verbatim Char" if span.code else "Hyperlink")
        self.set_direction(paragraph)

    def write_plain(self, paragraph: Paragraph, text: str, *, bold: bool = False) -> Run:
        """Text written as is (labels, dates): never parsed as Markdown."""
        run = paragraph.add_run(docx_xml.clean_text(text))
        run.bold = bold or None
        self.set_direction(paragraph)
        return run

    def write_link(self, paragraph: Paragraph, url: str, text: str) -> None:
        self.write(paragraph, [Span(text, href=url)])

    def set_direction(self, paragraph: Paragraph) -> None:
        if self.language.right_to_left:
            docx_xml.set_paragraph_direction(paragraph, right_to_left=True)

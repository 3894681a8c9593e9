"""The Word writer's state and plumbing: a document, its styles, and text written as runs.

Everything else in :mod:`briefgen.render.docx` writes through one :class:`WordWriter`.
"""

from __future__ import annotations

import re

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import _Header
from docx.shared import Emu, Mm
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from briefgen.model.inline import Span, to_spans
from briefgen.model.loaded import LoadedBrief
from briefgen.model.source import KeyPath
from briefgen.render.docx import styles as docx_look
from briefgen.render.docx import xml as docx_xml
from briefgen.render.view.context import RenderContext
from briefgen.render.view.typography import Typesetter

LIST_INDENT_TWIPS = 360

FIELD_BOOKMARK = "_bg"
"""The prefix of the bookmark around each text written from a YAML field: ``_bg0``,
``_bg1``... in writing order. A bookmark, not a content control: LibreOffice 7.4 keeps a
bookmark's name through an open and save, but turns a block content control into a
FILLIN field and drops an inline one's tag (measured; see docs/guide/clearance.md).
Word hides bookmarks whose name starts with ``_``, so a reviewer never sees them."""


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
        self.language = docx_look.apply_language(document, self.brief.language, self.brief.theme)
        numbering = document.part.numbering_part.element
        self.numbering = numbering
        self.decimal_list = docx_xml.add_abstract_numbering(numbering, "decimal", LIST_INDENT_TWIPS)
        self.bullet_list = docx_xml.add_abstract_numbering(numbering, "bullet", LIST_INDENT_TWIPS)
        self.plain_list = docx_xml.add_abstract_numbering(numbering, "none", 0)
        section = document.sections[-1]
        width = (section.page_width or Mm(210)) - (section.left_margin or 0)
        self.text_width = Emu(width - (section.right_margin or 0))
        height = (section.page_height or Mm(297)) - (section.top_margin or 0)
        self.text_height = Emu(height - (section.bottom_margin or 0))
        self.style_ids: dict[str, str] = {}
        self.references = self.context.references()  # cross-references read as their target
        self.typography = self.context.typography()  # the PDF's and HTML's quotes and spaces
        self.bookmarks: dict[str, str] = {}  # a cross-reference target's id -> bookmark name
        self.bookmark_count = 0
        self.fields: list[KeyPath] = []  # bookmark _bg<n> -> the model key path it holds

    def style_id(self, name: str) -> str:
        """The id of a style named in ``docx_look.STYLES``, looked up once: python-docx's
        lookup by name scans every style each time, which was most of the render time."""
        if name not in self.style_ids:
            self.style_ids[name] = self.document.styles[name].style_id
        return self.style_ids[name]

    def set_style(self, paragraph: Paragraph, name: str) -> None:
        paragraph._p.style = self.style_id(name)

    def spans(self, text: str) -> list[Span]:
        """Inline Markdown as spans in the language's typography, as in the PDF and HTML."""
        return to_spans(text, self.references, Typesetter(self.typography))

    def bookmark_name(self, target: str) -> str:
        """Word's name for the bookmark of an id: letters, digits and ``_``, at most 40
        characters, unique (``a-b`` and ``a_b`` are two ids)."""
        if target not in self.bookmarks:
            base = re.sub(r"[^A-Za-z0-9_]", "_", target)[:36]
            name, counter = base, 2
            while name in self.bookmarks.values():
                name, counter = f"{base[:33]}_{counter}", counter + 1
            self.bookmarks[target] = name
        return self.bookmarks[target]

    def bookmark(self, paragraph: Paragraph, target: str | None) -> None:
        """Make ``paragraph`` the place a cross-reference to ``target`` leads to."""
        if target is not None:
            docx_xml.add_bookmark(paragraph, self.bookmark_name(target), self.bookmark_count)
            self.bookmark_count += 1

    # Paragraphs and runs ---------------------------------------------------------------

    def paragraph(
        self,
        style: str,
        text: str | None = None,
        into: _Header | None = None,
        *,
        field: KeyPath | None = None,
    ) -> Paragraph:
        """A paragraph of ``style`` holding inline Markdown ``text``, at the end of the
        body (or of the header ``into``); ``field`` the key path ``text`` comes from."""
        paragraph = (into or self.document).add_paragraph()
        self.set_style(paragraph, style)
        if text is not None:
            self.write(paragraph, self.spans(text), field=field)
        return paragraph

    def start_field(self, paragraph: Paragraph, key_path: KeyPath) -> BaseOxmlElement:
        """Open the bookmark that says the runs written next come from ``key_path``, so
        that ``briefgen update`` finds the field of each text in a reviewed copy."""
        name = f"{FIELD_BOOKMARK}{len(self.fields)}"
        self.fields.append(key_path)
        start = OxmlElement("w:bookmarkStart", attrs={qn("w:id"): str(self.bookmark_count)})
        start.set(qn("w:name"), name)
        paragraph._p.append(start)
        self.bookmark_count += 1
        return start

    def end_field(self, paragraph: Paragraph, start: BaseOxmlElement) -> None:
        paragraph._p.append(OxmlElement("w:bookmarkEnd", attrs={qn("w:id"): start.get(qn("w:id"))}))

    def item_paragraphs(
        self, items: list[list[Span]], kind: str, style: str = "Body Text"
    ) -> list[Paragraph]:
        """One list (a numbering instance of its own) of ``items``; ``kind`` "none" is a
        list without marks (key figures, a legend)."""
        abstract = {"decimal": self.decimal_list, "bullet": self.bullet_list}.get(
            kind, self.plain_list
        )
        num_id = docx_xml.add_numbering_instance(self.numbering, abstract)
        paragraphs = []
        for spans in items:
            paragraph = self.paragraph(style)
            self.write(paragraph, spans)
            docx_xml.set_numbering(paragraph, num_id)
            paragraphs.append(paragraph)
        return paragraphs

    def write(
        self, paragraph: Paragraph, spans: list[Span], *, field: KeyPath | None = None
    ) -> None:
        """Append spans as runs; consecutive spans of one link share one hyperlink (to a
        web or mail address, or to the bookmark of a cross-reference's target). With
        ``field``, the runs are bookmarked as that key path's text."""
        if field is not None:
            start = self.start_field(paragraph, field)
            self.write(paragraph, spans)
            self.end_field(paragraph, start)
            return
        hyperlink: BaseOxmlElement | None = None
        current: tuple[str | None, str | None] = (None, None)
        for span in spans:
            if (span.href, span.anchor) != current:
                current = (span.href, span.anchor)
                hyperlink = None
                if span.href:
                    hyperlink = docx_xml.add_hyperlink(paragraph, span.href)
                elif span.anchor:
                    name = self.bookmark_name(span.anchor)
                    hyperlink = docx_xml.add_internal_link(paragraph, name)
            run = docx_xml.add_run_to(hyperlink, paragraph) if hyperlink is not None else None
            run = run or paragraph.add_run()
            if span.line_break:
                run.add_break()
                continue
            run.text = docx_xml.clean_text(span.text)
            run.bold = span.bold or None
            run.italic = span.italic or None
            if span.code or span.href or span.anchor:
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

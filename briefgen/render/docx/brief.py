"""Word output: the brief as an editable DOCX whose structure Word's own tools understand.

The document is built through python-docx's API from the same render context and inline
Markdown parse as the other formats, so its text is theirs: the title is a Title,
sections are Heading 1, 2... (Word's navigation pane shows the outline), lists use real
Word numbering (one numbering instance per list, so adding an item renumbers it), links
are hyperlinks, the quick facts are a table with a header row, a figure is an inline
picture with its alt text. Every paragraph names a style (see ``docx_look.STYLES``), so an
office's reference document restyles it. Text goes into the XML as text nodes only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from docx.document import Document
from docx.image.image import Image as DocxImage
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Emu, Length, Mm
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from lxml import etree

from briefgen import fonts
from briefgen.errors import BriefError, Problem
from briefgen.model.brief import Fact, Person, Section
from briefgen.model.inline import Span, to_plain
from briefgen.model.limits import WORD_PROPERTY_MAX_CHARS, clip_at_word
from briefgen.model.loaded import MIME_TYPES, Image, LoadedBrief
from briefgen.model.source import KeyPath, format_key_path
from briefgen.render.docx import evidence as docx_evidence
from briefgen.render.docx import fonts as docx_fonts
from briefgen.render.docx import package as docx_package
from briefgen.render.docx import pictures as docx_pictures
from briefgen.render.docx import styles as docx_look
from briefgen.render.docx import xml as docx_xml
from briefgen.render.docx.writer import WordWriter
from briefgen.render.view.context import item_id, item_text, metadata, section_heading

LOGO_HEIGHT = Mm(14)

# The DOCX's custom properties (File > Properties > Custom in Word) that name its origin.
ORIGIN_SOURCE = "briefgen.source"
ORIGIN_FILE = "briefgen.file"
ORIGIN_LANGUAGE = "briefgen.language"
ORIGIN_TITLE = "briefgen.title"
ORIGIN_FIELDS = "briefgen.fields"


def source_hash(text: str) -> str:
    """The hash a DOCX records of the YAML text it was made from."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


class _WordBrief(WordWriter):
    """One brief written into one document: its parts, in reading order."""

    # The parts of the brief -----------------------------------------------------------

    def masthead(self) -> None:
        """The masthead and the evaluation type, in the first page's own header.

        So the title is the body's first paragraph, where Word's outline, Pandoc (its
        ``title``) and mammoth look for it; the masthead is still at the top of page 1
        only, as in the PDF.
        """
        organisation = self.brief.organisation
        logo = self.loaded.resources.logo
        section = self.document.sections[0]
        section.different_first_page_header_footer = True
        header = section.first_page_header
        header.is_linked_to_previous = False
        first = header.paragraphs[0]
        self.set_style(first, "Masthead")
        if logo is not None:
            alt = organisation.acronym or to_plain(organisation.name)
            self.picture(first, logo, alt, height=LOGO_HEIGHT, key_path=("theme", "logo"))
            first.add_run().add_break()
        elif organisation.acronym:
            acronym = self.write_plain(first, organisation.acronym)
            acronym._r.style = self.style_id("Masthead Acronym")
            first.add_run().add_break()
        self.write(first, self.spans(organisation.name), field=("organisation", "name"))
        # The unit is inline Markdown; the series and date are plain text, as in the HTML.
        line = self.paragraph("Masthead", into=header)
        if organisation.unit:
            self.write(line, self.spans(organisation.unit), field=("organisation", "unit"))
            self.write(line, [Span(" \u00b7 ")])
        dated = f"{self.context.typeset_series()} \u00b7 {self.context.date_text()}"
        self.write(line, [Span(dated)])
        evaluation_type = self.brief.evaluation.type
        self.paragraph(
            "Evaluation Type", evaluation_type, into=header, field=("evaluation", "type")
        )

    def title_block(self) -> None:
        evaluation = self.brief.evaluation
        # The title is field 0 without a bookmark: mammoth shows a bookmark as an anchor
        # inside the title's heading; the reader finds the title by its Title style.
        self.fields.append(("evaluation", "title"))
        self.paragraph("Title", evaluation.title)
        if evaluation.subtitle:
            self.paragraph("Subtitle", evaluation.subtitle, field=("evaluation", "subtitle"))

    def quick_facts(self) -> None:
        report = self.brief.evaluation.report
        facts: list[Fact] = list(self.brief.quick_facts)
        if not facts and report is None:
            return
        rows = 1 + len(facts) + (1 if report else 0)
        table = self.document.add_table(rows=rows, cols=2, style="Quick Facts Table")
        table.autofit = False
        widths = (Emu(int(self.text_width * 0.32)), Emu(int(self.text_width * 0.68)))
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width  # the grid, which LibreOffice follows
            for cell in column.cells:
                cell.width = width  # each cell, which Word follows
        header = table.rows[0].cells[0].merge(table.rows[0].cells[1])
        self.cell_paragraph(header, "Quick Facts Heading", self.labels.quick_facts)
        docx_xml.mark_header_row(table)
        for row in table.rows:
            docx_xml.keep_row_whole(row)
        for number, (row, fact) in enumerate(zip(table.rows[1:], facts, strict=False)):
            label, value = row.cells
            path: KeyPath = ("quick_facts", number)
            paragraph = self.cell_paragraph(label, "Quick Facts Label")
            self.write(paragraph, self.spans(fact.label), field=(*path, "label"))
            for index, item in enumerate(fact.value):
                paragraph = self.cell_paragraph(value, "Quick Facts Value", new=index > 0)
                self.fact(paragraph, item, (*path, "value", index))
        if report is not None:
            label, value = table.rows[-1].cells
            self.cell_paragraph(label, "Quick Facts Label", self.labels.report)
            paragraph = self.cell_paragraph(value, "Quick Facts Value")
            self.write_link(paragraph, str(report.url), report.text or str(report.url))
        if self.language.right_to_left:
            docx_xml.set_table_direction(table, right_to_left=True)

    def fact(self, paragraph: Paragraph, item: str | Person, path: KeyPath) -> None:
        """One value of a fact: a text, or a person's name and role (", " between them is
        briefgen's, outside both fields)."""
        if isinstance(item, Person):
            self.write(paragraph, self.spans(item.name), field=(*path, "name"))
            if item.role:
                self.write(paragraph, [Span(", ")])
                self.write(paragraph, self.spans(item.role), field=(*path, "role"))
            return
        self.write(paragraph, self.spans(item), field=path)

    def cell_paragraph(
        self, cell: _Cell, style: str, plain: str | None = None, *, new: bool = False
    ) -> Paragraph:
        """The cell's first paragraph (or a new one), styled; ``plain`` text written as is."""
        paragraph: Paragraph = cell.add_paragraph() if new else cell.paragraphs[0]
        self.set_style(paragraph, style)
        if plain is not None:
            self.write_plain(paragraph, plain)
        return paragraph

    def section(self, section: Section, level: int, path: KeyPath) -> None:
        """A section: its heading, unless the brief hides it (Word has no heading that is
        in the outline but not on the page: hidden text comes back in Word with the
        formatting marks shown, and in Pandoc and mammoth), then its content."""
        title = section_heading(section, self.labels)
        first = self.body_position()
        if title and section.show_heading:
            # a heading of the labels is briefgen's: outside any field
            heading = (*path, "heading") if section.heading else None
            self.paragraph(f"Heading {level}", title, field=heading)
        if section.kind == "figure":
            self.figure(section, path)
        elif section.kind in docx_evidence.EVIDENCE_KINDS:
            docx_evidence.write_block(self, section, path)
        elif section.items:
            self.item_list(section, path)
        else:
            for index, text in enumerate(section.text):
                self.paragraph("Body Text", text, field=(*path, "text", index))
        for index, text in enumerate(section.closing):
            self.paragraph("Body Text", text, field=(*path, "closing", index))
        self.bookmark_first(first, section.id)
        inner = min(level + 1, docx_look.MAX_HEADING_LEVEL)
        for index, child in enumerate(section.sections):
            self.section(child, inner, (*path, "sections", index))

    def body_position(self) -> int:
        """Where the next paragraph goes in the body: before its closing section
        properties (``w:sectPr``), which python-docx keeps last."""
        body = self.document.element.body
        return len(body) - (1 if body.sectPr is not None else 0)

    def bookmark_first(self, position: int, target: str | None) -> None:
        """Bookmark the first paragraph written since the body had ``position`` children."""
        if target is None:
            return
        for element in self.document.element.body[position:]:
            paragraph = next(iter(element.iter(qn("w:p"))), None)
            if paragraph is not None:
                self.bookmark(Paragraph(paragraph, self.document._body), target)
                return

    def item_list(self, section: Section, path: KeyPath) -> None:
        if section.list_style == "run-in":
            paragraph = self.paragraph("Body Text")
            gap = self.labels.punctuation.list_gap
            for index, text in enumerate(section.text):
                self.write(paragraph, self.spans(text), field=(*path, "text", index))
                self.write(paragraph, [Span(gap)])
            for number, item in enumerate(section.items, start=1):
                if section.cite_ids and item_id(item):  # the office's id: "R3) "
                    self.write(paragraph, [Span(f"{item_id(item)}) ")])
                elif section.is_numbered:
                    self.write(paragraph, [Span(f"{number}) ")])
                field = (*path, "items", number - 1)
                self.write(paragraph, self.spans(item_text(item)), field=field)
                if number < len(section.items):
                    self.write(paragraph, [Span(gap)])
            return
        for index, text in enumerate(section.text):
            self.paragraph("Body Text", text, field=(*path, "text", index))
        if section.cite_ids:  # the office's ids stand where numbers or bullets would
            for index, item in enumerate(section.items):
                paragraph = self.paragraph("Body Text")
                self.write(paragraph, [Span(f"{item_id(item) or index + 1} ", bold=True)])
                self.write(paragraph, self.spans(item_text(item)), field=(*path, "items", index))
                self.bookmark(paragraph, item_id(item))
            return
        numbered = section.is_numbered
        abstract = self.decimal_list if numbered else self.bullet_list
        num_id = docx_xml.add_numbering_instance(self.numbering, abstract)
        for index, item in enumerate(section.items):
            paragraph = self.paragraph(
                "List Number" if numbered else "List Bullet",
                item_text(item),
                field=(*path, "items", index),
            )
            docx_xml.set_numbering(paragraph, num_id)
            self.bookmark(paragraph, item_id(item))

    def figure(self, section: Section, path: KeyPath) -> None:
        if section.image:
            image = self.loaded.resources.images[section.image]
            paragraph = self.paragraph("Figure")
            key_path = (*path, "image")
            self.picture(paragraph, image, section.alt or "", section.decorative, key_path=key_path)
            self.set_direction(paragraph)
        if section.caption or section.credit:
            paragraph = self.paragraph("Caption")
            if section.caption:
                self.write(paragraph, self.spans(section.caption), field=(*path, "caption"))
            if section.caption and section.credit:
                self.write(paragraph, [Span("; ")])
            if section.credit:
                self.write(paragraph, self.spans(section.credit), field=(*path, "credit"))

    def picture(
        self,
        paragraph: Paragraph,
        image: Image,
        alt: str,
        decorative: bool = False,
        *,
        height: Length | None = None,
        key_path: tuple[str | int, ...],
    ) -> None:
        data = self.picture_bytes(image, key_path)
        width: Length | None = None
        if height is None:
            width, height = self.figure_size(DocxImage.from_blob(data), image)
        shape = paragraph.add_run().add_picture(io.BytesIO(data), width=width, height=height)
        docx_xml.set_alt_text(shape, alt, decorative)

    def figure_size(self, picture: DocxImage, image: Image) -> tuple[Length, Length]:
        """A figure at its own size (an SVG at the text's width), shrunk to fit the text
        area: never wider than the text, never taller than 80 % of its height."""
        width, height = float(picture.width), float(picture.height)
        if image.mime == MIME_TYPES[".svg"]:
            width, height = float(self.text_width), self.text_width * height / width
        scale = min(1.0, self.text_width / width, 0.8 * self.text_height / height)
        return Emu(int(width * scale)), Emu(int(height * scale))

    def picture_bytes(self, image: Image, key_path: tuple[str | int, ...]) -> bytes:
        """The image as bytes Word can place; one that cannot be drawn is a located error."""
        try:
            return docx_pictures.placeable_bytes(image)
        except docx_pictures.PictureError as error:
            position = self.loaded.source.position_of(key_path)
            problem = Problem(
                f"'{image.source}' cannot be drawn for the DOCX ({error})",
                self.loaded.path,
                position.line,
                position.column,
                format_key_path(key_path),
                "export the image again, or as PNG",
            )
            raise BriefError([problem]) from None

    def contact(self) -> None:
        contact = self.brief.contact
        if contact is None:
            return
        paragraph = self.paragraph("Contact")
        paragraph.paragraph_format.keep_together = True  # one paragraph: never split
        lines: list[list[Span]] = []
        if contact.unit:
            lines.append([Span(span.text, True, span.italic, span.code, span.href)
                          for span in self.spans(contact.unit)])  # fmt: skip
        fields: list[KeyPath | None] = [None] * len(lines)
        if contact.organisation:
            lines.append(self.spans(contact.organisation))
            fields.append(("contact", "organisation"))
        for index, line in enumerate(contact.address):
            lines.append(self.spans(line))
            fields.append(("contact", "address", index))
        if contact.email:
            email = contact.email
            colon = self.labels.punctuation.colon
            lines.append([Span(f"{self.labels.email}{colon}"), Span(email, href=f"mailto:{email}")])
        if contact.phone:
            lines.append(
                [Span(f"{self.labels.phone}{self.labels.punctuation.colon}{contact.phone}")]
            )  # plain, as in HTML
        if contact.website:
            lines.append([Span(str(contact.website), href=str(contact.website))])
        fields += [None] * (len(lines) - len(fields))
        for index, (spans, field) in enumerate(zip(lines, fields, strict=True)):
            if index:
                self.write(paragraph, [Span("", line_break=True)])
            self.write(paragraph, spans, field=field)

    def footer(self) -> None:
        organisation = self.brief.organisation
        series = f"{organisation.acronym or ''} {self.context.typeset_series()}".strip()
        for document_section in self.document.sections:
            footers = [document_section.footer]
            if document_section.different_first_page_header_footer:
                footers.append(document_section.first_page_footer)
            for footer in footers:
                footer.is_linked_to_previous = False
                self.page_footer(footer.paragraphs[0], series)

    def page_footer(self, paragraph: Paragraph, series: str) -> None:
        """The series at the left, "Page n / m" at the right."""
        self.set_style(paragraph, "Footer")
        self.write_plain(paragraph, series)
        paragraph.add_run().add_tab()  # to the right-aligned tab stop of the Footer style
        self.write_plain(paragraph, f"{self.labels.page} ")
        docx_xml.add_field(paragraph, "PAGE", "1")
        self.write_plain(paragraph, f" {self.labels.page_of} ")
        docx_xml.add_field(paragraph, "NUMPAGES", "1")
        self.set_direction(paragraph)

    def properties(self) -> dt.date:
        meta = metadata(self.brief)
        date = dt.date.fromisoformat(meta.date)
        moment = dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
        properties = self.document.core_properties

        # Word's properties hold 255 characters: cut at a word (loading warned at the field).
        def clean(text: str) -> str:
            return clip_at_word(docx_xml.clean_text(text), WORD_PROPERTY_MAX_CHARS)

        properties.title = clean(meta.title)
        properties.author = properties.last_modified_by = clean(meta.author)
        properties.subject = clean(meta.subject)
        properties.keywords = clean(", ".join(meta.keywords))
        properties.comments = ""
        properties.category = ""
        properties.content_status = ""
        properties.identifier = ""
        properties.version = ""
        properties.revision = 1
        properties.created = properties.modified = properties.last_printed = moment
        return date

    def build(self) -> dt.date:
        self.masthead()
        self.title_block()
        self.quick_facts()
        for index, section in enumerate(self.brief.sections):
            self.section(section, 1, ("sections", index))
        self.contact()
        self.footer()
        self.embed_fonts()
        docx_package.set_custom_properties(self.document, self.origin())
        return self.properties()

    def origin(self) -> dict[str, str]:
        """What ``briefgen update`` checks a reviewed copy against: the brief it was made
        from (file name, language, title) and a hash of that file's text when it was."""
        title = clip_at_word(docx_xml.clean_text(to_plain(self.brief.evaluation.title)), 200)
        return {
            ORIGIN_SOURCE: source_hash(self.loaded.source.text),
            ORIGIN_FILE: docx_xml.clean_text(self.loaded.path.name)[:200],
            ORIGIN_LANGUAGE: self.brief.language,
            ORIGIN_TITLE: title,
            ORIGIN_FIELDS: str(len(self.fields)),
        }

    def embed_fonts(self) -> None:
        """Embed the brief's fonts that the document's styles name, subset to its text.

        The families are those the PDF would use for this text (a script's font only when
        the text has that script); with an office's reference document, only those of
        them that its styles still name (an office's own fonts are its business).
        """
        parts = [self.document.element]
        for relationship in self.document.part.rels.values():
            if relationship.reltype in (RT.HEADER, RT.FOOTER):
                parts.append(relationship.target_part.element)
        text = "".join("".join(part.itertext()) for part in parts)
        theme = self.brief.theme
        characters = [ord(character) for character in text]
        scripts, language = theme.script_fonts(), self.brief.language
        families: list[str] = []
        for latin in (theme.font, theme.heading_font or theme.font):
            families += fonts.families_for(latin, scripts, language, characters)
        styles = etree.tostring(self.document.styles.element, encoding="unicode")
        named = [name for name in families if f'"{fonts.FAMILIES[name].name}"' in styles]
        docx_fonts.embed_fonts(self.document, named, text)


def _reference_document(loaded: LoadedBrief, reference: Path | None) -> Document | None:
    """The office's reference document: ``--reference-docx``, else ``theme.docx_reference``."""
    if reference is not None:
        return docx_package.open_reference(reference)
    chosen = loaded.resources.docx_reference
    if chosen is None:
        return None
    key_path = ("theme", "docx_reference")
    position = loaded.source.position_of(key_path)
    named_at = Problem(
        loaded.brief.theme.docx_reference or chosen.name,
        loaded.path,
        position.line,
        position.column,
        "theme.docx_reference",
    )
    return docx_package.open_reference(chosen, named_at)


@dataclass(frozen=True)
class MarkedDocx:
    """A DOCX and what its marks mean: ``fields[n]`` is the key path of the text in
    bookmark ``_bg<n>`` (field 0, the title, is found by ``title_style``); ``anchors``
    maps a cross-reference bookmark's name back to the id the brief wrote."""

    content: bytes
    fields: tuple[KeyPath, ...]
    anchors: dict[str, str]
    title_style: str


def render_marked_docx(loaded: LoadedBrief, reference: Path | None = None) -> MarkedDocx:
    """The brief as DOCX bytes with the meaning of its field marks (``briefgen update``)."""
    document = _reference_document(loaded, reference)
    if document is None:
        document = docx_package.built_in_document()
        docx_look.ensure_styles(document)
        docx_look.apply_theme(document, loaded.brief.theme)
    else:
        docx_look.ensure_styles(document)
    word = _WordBrief(loaded, document)
    date = word.build()
    anchors = {name: target for target, name in word.bookmarks.items()}
    content = docx_package.reproducible_bytes(document, date)
    return MarkedDocx(content, tuple(word.fields), anchors, word.style_id("Title"))


def render_docx(loaded: LoadedBrief, reference: Path | None = None) -> bytes:
    """The brief as DOCX bytes, identical for identical input.

    ``reference`` (from ``--reference-docx``) replaces the brief's ``theme.docx_reference``;
    with neither, the built-in look is made from the brief's theme.
    """
    return render_marked_docx(loaded, reference).content

"""The evidence blocks in the DOCX, from the same plain values the HTML and Markdown use.

Tables (a table, ratings, the management response) are Word tables with a repeating
header row, columns as wide as their content, each cell aligned as the brief says (numbers
in tabular figures); key figures are a list with the figure in bold; charts and maps are
their SVG drawn as a PNG (cairosvg, as for SVG figures) with the alt text, then their
caption (the paragraph after a picture, where Pandoc looks for it), their legend as a list
with a shaded colour key per class, and a chart's data as a real table a reviewer can
edit. A short block's paragraphs are kept with each other on one page, as in the PDF.
"""

from __future__ import annotations

import io
from dataclasses import replace
from typing import TYPE_CHECKING

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Emu
from docx.table import Table
from docx.text.paragraph import Paragraph

from briefgen.model.brief import Section
from briefgen.model.inline import Span
from briefgen.model.source import KeyPath
from briefgen.render.docx import xml as docx_xml
from briefgen.render.view.evidence import (
    ChartView,
    KeyFigureView,
    MapView,
    RatingsView,
    ResponseRow,
    TableView,
    block_view,
)

if TYPE_CHECKING:
    from briefgen.render.docx.writer import WordWriter

EVIDENCE_KINDS = frozenset(
    {"table", "ratings", "key_figures", "management_response", "chart", "map"}
)
PICTURE_SHARE = 0.6  # a chart or map takes this share of the text width

Segments = list[tuple[list[Span], KeyPath | None]]
"""A table cell's text: pieces of spans, each with the key path it comes from (or None)."""


def write_block(word: WordWriter, section: Section, path: KeyPath) -> None:
    """One evidence block, after the section's own paragraphs (``path`` is the
    section's key path: its paragraphs are marked as its fields)."""
    for index, text in enumerate(section.text):
        word.paragraph("Body Text", text, field=(*path, "text", index))
    view = block_view(section, word.brief, word.labels, word.context.picture_font())
    if isinstance(view, TableView):
        _table(word, view, section, path)
    elif isinstance(view, RatingsView):
        _ratings(word, view, path)
    elif isinstance(view, ChartView | MapView):
        _picture(word, view, path)
    elif isinstance(view, list) and view and isinstance(view[0], KeyFigureView):
        paragraphs = word.item_paragraphs([[] for _ in view], "none")
        for index, (figure, paragraph) in enumerate(zip(view, paragraphs, strict=True)):
            assert isinstance(figure, KeyFigureView)
            here = (*path, "figures", index)
            word.write(paragraph, [Span(figure.value, bold=True), Span(" ")])
            word.write(paragraph, _spans(word, figure.label), field=(*here, "label"))
            if figure.note:
                word.write(paragraph, [Span(" (")])
                word.write(paragraph, _spans(word, figure.note), field=(*here, "note"))
                word.write(paragraph, [Span(")")])
        _keep_together(paragraphs)
    elif isinstance(view, list):
        _responses(word, [row for row in view if isinstance(row, ResponseRow)], path)


def _spans(word: WordWriter, text: str) -> list[Span]:
    return word.spans(text)


def _keep_together(paragraphs: list[Paragraph]) -> None:
    """Keep the paragraphs of a short block on one page: each with the next, and none
    broken across pages (Word's "Keep with next" and "Keep lines together")."""
    for index, paragraph in enumerate(paragraphs):
        paragraph.paragraph_format.keep_together = True
        if index < len(paragraphs) - 1:
            paragraph.paragraph_format.keep_with_next = True


def column_widths(rows: list[list[str]], total: int) -> list[int]:
    """Widths (summing to ``total``) for columns of these texts: each column gets a share
    of the width by the length of its longest cell, but at least its longest word (and
    room for the cell margins), so a "No." column is narrow and an "Action" column wide."""
    count = max(len(row) for row in rows)
    longest = [max((len(row[i]) for row in rows if i < len(row)), default=1) for i in range(count)]
    words = [
        max((len(word) for row in rows if i < len(row) for word in row[i].split()), default=1) + 3
        for i in range(count)
    ]
    wanted = [max(2.0, min(float(length), 60.0)) for length in longest]
    scale = total / sum(wanted)
    widths = [max(words[i] * total / 60, wanted[i] * scale) for i in range(count)]
    scale = total / sum(widths)
    return [int(width * scale) for width in widths]


def _grid(
    word: WordWriter,
    header: list[str],
    rows: list[list[Segments]],
    align: list[str] | None = None,
    *,
    keep_together: bool = True,
) -> Table:
    """A table with a repeating header row, columns sized to their content and each
    column aligned as ``align`` says (numbers right, in tabular figures). A cell is
    written piece by piece, each piece marked as the YAML field it comes from, if any."""
    table: Table = word.document.add_table(rows=1 + len(rows), cols=len(header))
    table.autofit = False
    texts = [header] + [
        ["".join(span.text for spans, _ in cell for span in spans) for cell in row] for row in rows
    ]
    for column, width in zip(table.columns, column_widths(texts, word.text_width), strict=True):
        column.width = Emu(width)  # the grid, which LibreOffice follows
        for cell in column.cells:
            cell.width = Emu(width)  # each cell, which Word follows
    for cell, label in zip(table.rows[0].cells, header, strict=True):
        word.write(cell.paragraphs[0], [Span(label, bold=True)])
    docx_xml.mark_header_row(table)
    for row, cells in zip(table.rows[1:], rows, strict=True):
        for cell, pieces in zip(row.cells, cells, strict=True):
            for spans, field in pieces:
                word.write(cell.paragraphs[0], spans, field=field)
    for row in table.rows:
        docx_xml.keep_row_whole(row)
        for index, cell in enumerate(row.cells):
            alignment = (align or [])[index] if index < len(align or []) else "left"
            for paragraph in cell.paragraphs:
                paragraph.alignment = _ALIGNMENTS.get(alignment, WD_ALIGN_PARAGRAPH.LEFT)
                if alignment == "right":
                    docx_xml.set_tabular_figures(paragraph)
    if keep_together:  # each row kept with the next: Word's way to keep a table whole
        for row in table.rows[:-1]:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
    return table


_ALIGNMENTS = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
}


def _caption_before(word: WordWriter, spans: list[Span], field: KeyPath | None = None) -> None:
    """A caption above a table, kept on the table's page."""
    paragraph = word.paragraph("Caption")
    word.write(paragraph, spans, field=field)
    paragraph.paragraph_format.keep_with_next = True


def _table(word: WordWriter, view: TableView, section: Section, path: KeyPath) -> None:
    if view.caption:
        _caption_before(word, _spans(word, view.caption), (*path, "caption"))
    rows = [
        [
            [(_spans(word, text), (*path, "rows", r, c) if isinstance(cell, str) else None)]
            for c, (text, cell) in enumerate(zip(shown, written, strict=False))
        ]
        for r, (shown, written) in enumerate(zip(view.rows, section.rows, strict=True))
    ]
    if view.total:  # the total row: bold, and a rule above it
        rows[-1] = [
            [([replace(span, bold=True) for span in spans], field) for spans, field in cell]
            for cell in rows[-1]
        ]
    table = _grid(word, view.header, rows, view.align, keep_together=view.keep_together)
    if view.total:
        for cell in table.rows[-1].cells:
            docx_xml.rule_above(cell)
    _note(word, view.note, view.source, path)


def _note(word: WordWriter, note: str | None, source: str | None, path: KeyPath) -> None:
    if not note and not source:
        return
    paragraph = word.paragraph("Caption")
    if note:
        word.write(paragraph, _spans(word, note), field=(*path, "note"))
    if source:
        word.write(paragraph, [Span(" " if note else ""), Span(f"{word.labels.evidence.source}: ")])
        word.write(paragraph, _spans(word, source), field=(*path, "credit"))


def _ratings(word: WordWriter, view: RatingsView, path: KeyPath) -> None:
    words = word.labels.evidence
    rows: list[list[Segments]] = []
    for index, row in enumerate(view.rows):
        rating: Segments = [([Span(row.text, bold=True)], None)]
        if row.justification:
            justification = (*path, "ratings", index, "justification")
            rating += [([Span(word.labels.punctuation.colon)], None)]
            rating += [(_spans(word, row.justification), justification)]
        rows.append([[(_spans(word, row.criterion), None)], rating])
    _grid(word, [words.criterion, words.rating], rows)
    colon = word.labels.punctuation.colon
    word.write(word.paragraph("Caption"), [Span(f"{words.scale}{colon}{view.scale_text}")])


def _responses(word: WordWriter, rows: list[ResponseRow], path: KeyPath) -> None:
    words = word.labels.evidence.responses
    marks = word.labels.punctuation
    cells: list[list[Segments]] = []
    for index, row in enumerate(rows):
        here = (*path, "responses", index)
        action: Segments = [(_spans(word, row.action), (*here, "action"))] if row.action else []
        meta = []
        if row.unit:
            meta.append(f"{words.unit}{marks.colon}{row.unit}")
        if row.deadline:
            meta.append(f"{words.deadline}{marks.colon}{row.deadline}")
        if meta:
            action += [([Span("", line_break=True)], None)] if action else []
            action += [([Span(marks.semicolon.join(meta), italic=True)], None)]
        number = [Span(str(row.number), anchor=row.anchor)]  # to the recommendation
        response: Segments = [([Span(row.response_text)], None)]
        if row.reason:  # why it was rejected or partly accepted
            label = f"{words.reason}{marks.colon}"
            response += [([Span("", line_break=True), Span(label, italic=True)], None)]
            response += [(_spans(word, row.reason), (*here, "reason"))]
        cells.append([[(number, None)], response, action])
    _grid(word, [words.number, words.response, words.action], cells, ["right", "left", "left"])


def _picture(word: WordWriter, view: ChartView | MapView, path: KeyPath) -> None:
    """The picture, its caption, its legend (a list, a colour key per class), a map's
    disclaimer and a chart's data table, kept on one page with the picture."""
    import cairosvg

    png: bytes = cairosvg.svg2png(bytestring=view.svg.encode("utf-8"), output_width=1600)
    paragraph = word.paragraph("Figure")
    width = Emu(int(word.text_width * PICTURE_SHARE))
    shape = paragraph.add_run().add_picture(io.BytesIO(png), width=width)
    docx_xml.set_alt_text(shape, view.alt, False)
    # The picture's paragraph keeps with its caption (the Figure style). The caption
    # itself has no "keep with next": Pandoc then takes it for the caption of what
    # follows, not of the picture.
    if view.caption or view.source:
        caption = word.paragraph("Caption")
        if view.caption:
            word.write(caption, _spans(word, view.caption), field=(*path, "caption"))
        if view.caption and view.source:
            word.write(caption, [Span("; ")])
        if view.source:
            word.write(caption, _spans(word, view.source), field=(*path, "credit"))
    kept: list[Paragraph] = []
    if view.legend:
        items = [_spans(word, entry.text) for entry in view.legend]
        legend = word.item_paragraphs(items, "none", style="Caption")
        for entry, item in zip(view.legend, legend, strict=True):
            docx_xml.add_colour_key(item, entry.colour)
        kept += legend
    if isinstance(view, MapView):
        kept.append(word.paragraph("Caption"))
        word.write(kept[-1], [Span(view.disclaimer)])
    _keep_together(kept)
    if isinstance(view, ChartView) and view.rows:
        _caption_before(word, [Span(word.labels.evidence.chart_data)])
        align = ["left"] + ["right"] * (len(view.header) - 1)
        data: list[list[Segments]] = [
            [[(_spans(word, cell), None)] for cell in row] for row in view.rows
        ]
        _grid(word, view.header, data, align)

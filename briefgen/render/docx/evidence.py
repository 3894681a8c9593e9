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


def write_block(word: WordWriter, section: Section, path: KeyPath) -> None:
    """One evidence block, after the section's own paragraphs (``path`` is the
    section's key path: its paragraphs are marked as its fields)."""
    for index, text in enumerate(section.text):
        word.paragraph("Body Text", text, field=(*path, "text", index))
    view = block_view(section, word.brief, word.labels, word.context.picture_font())
    if isinstance(view, TableView):
        _table(word, view)
    elif isinstance(view, RatingsView):
        _ratings(word, view)
    elif isinstance(view, ChartView | MapView):
        _picture(word, view)
    elif isinstance(view, list) and view and isinstance(view[0], KeyFigureView):
        items = []
        for figure in view:
            assert isinstance(figure, KeyFigureView)
            spans = [Span(figure.value, bold=True), Span(" "), *_spans(word, figure.label)]
            if figure.note:
                spans += [Span(" ("), *_spans(word, figure.note), Span(")")]
            items.append(spans)
        _keep_together(word.item_paragraphs(items, "none"))
    elif isinstance(view, list):
        _responses(word, [row for row in view if isinstance(row, ResponseRow)])


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
    rows: list[list[list[Span]]],
    align: list[str] | None = None,
    *,
    keep_together: bool = True,
) -> Table:
    """A table with a repeating header row, columns sized to their content and each
    column aligned as ``align`` says (numbers right, in tabular figures)."""
    table: Table = word.document.add_table(rows=1 + len(rows), cols=len(header))
    table.autofit = False
    texts = [header] + [["".join(span.text for span in cell) for cell in row] for row in rows]
    for column, width in zip(table.columns, column_widths(texts, word.text_width), strict=True):
        column.width = Emu(width)  # the grid, which LibreOffice follows
        for cell in column.cells:
            cell.width = Emu(width)  # each cell, which Word follows
    for cell, label in zip(table.rows[0].cells, header, strict=True):
        word.write(cell.paragraphs[0], [Span(label, bold=True)])
    docx_xml.mark_header_row(table)
    for row, cells in zip(table.rows[1:], rows, strict=True):
        for cell, spans in zip(row.cells, cells, strict=True):
            word.write(cell.paragraphs[0], spans)
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


def _caption_before(word: WordWriter, spans: list[Span]) -> None:
    """A caption above a table, kept on the table's page."""
    paragraph = word.paragraph("Caption")
    word.write(paragraph, spans)
    paragraph.paragraph_format.keep_with_next = True


def _table(word: WordWriter, view: TableView) -> None:
    if view.caption:
        _caption_before(word, _spans(word, view.caption))
    rows = [[_spans(word, cell) for cell in row] for row in view.rows]
    _grid(word, view.header, rows, view.align, keep_together=view.keep_together)
    _note(word, view.note, view.source)


def _note(word: WordWriter, note: str | None, source: str | None) -> None:
    spans = _spans(word, note) if note else []
    if source:
        spans += [Span(" " if note else ""), Span(f"{word.labels.evidence.source}: ")]
        spans += _spans(word, source)
    if spans:
        word.write(word.paragraph("Caption"), spans)


def _ratings(word: WordWriter, view: RatingsView) -> None:
    words = word.labels.evidence
    rows = []
    for row in view.rows:
        rating = [Span(row.text, bold=True)]
        if row.justification:
            rating += [Span(word.labels.punctuation.colon), *_spans(word, row.justification)]
        rows.append([_spans(word, row.criterion), rating])
    _grid(word, [words.criterion, words.rating], rows)
    colon = word.labels.punctuation.colon
    word.write(word.paragraph("Caption"), [Span(f"{words.scale}{colon}{view.scale_text}")])


def _responses(word: WordWriter, rows: list[ResponseRow]) -> None:
    words = word.labels.evidence.responses
    marks = word.labels.punctuation
    cells = []
    for row in rows:
        action = _spans(word, row.action) if row.action else []
        meta = []
        if row.unit:
            meta.append(f"{words.unit}{marks.colon}{row.unit}")
        if row.deadline:
            meta.append(f"{words.deadline}{marks.colon}{row.deadline}")
        if meta:
            action += [Span("", line_break=True)] if action else []
            action += [Span(marks.semicolon.join(meta), italic=True)]
        number = [Span(str(row.number), anchor=row.anchor)]  # to the recommendation
        response = [Span(row.response_text)]
        if row.reason:  # why it was rejected or partly accepted
            response += [
                Span("", line_break=True),
                Span(f"{words.reason}{marks.colon}", italic=True),
            ]
            response += _spans(word, row.reason)
        cells.append([number, response, action])
    _grid(word, [words.number, words.response, words.action], cells, ["right", "left", "left"])


def _picture(word: WordWriter, view: ChartView | MapView) -> None:
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
    spans = _spans(word, view.caption) if view.caption else []
    if view.caption and view.source:
        spans.append(Span("; "))
    spans += _spans(word, view.source) if view.source else []
    if spans:
        word.write(word.paragraph("Caption"), spans)
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
        rows = [[_spans(word, cell) for cell in row] for row in view.rows]
        _grid(word, view.header, rows, align)

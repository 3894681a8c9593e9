"""The evidence blocks in the DOCX, from the same plain values the HTML and Markdown use.

Tables (a table, ratings, the management response) are Word tables with a repeating
header row; key figures are paragraphs with the figure in bold; charts and maps are their
SVG drawn as a PNG (cairosvg, as for SVG figures) with the alt text, legend and caption,
and the map's disclaimer. Cross-references read as what they refer to.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from docx.shared import Emu

from briefgen.model.brief import Section
from briefgen.model.inline import Span, to_spans
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


def write_block(word: WordWriter, section: Section) -> None:
    """One evidence block, after the section's own paragraphs."""
    for text in section.text:
        word.paragraph("Body Text", text)
    view = block_view(section, word.brief, word.labels, word.context.picture_font())
    if isinstance(view, TableView):
        _table(word, view)
    elif isinstance(view, RatingsView):
        _ratings(word, view)
    elif isinstance(view, ChartView | MapView):
        _picture(word, view)
    elif isinstance(view, list) and view and isinstance(view[0], KeyFigureView):
        for figure in view:
            assert isinstance(figure, KeyFigureView)
            spans = [Span(figure.value, bold=True), Span(" "), *_spans(word, figure.label)]
            if figure.note:
                spans += [Span(" ("), *_spans(word, figure.note), Span(")")]
            word.write(word.paragraph("Body Text"), spans)
    elif isinstance(view, list):
        _responses(word, [row for row in view if isinstance(row, ResponseRow)])


def _spans(word: WordWriter, text: str) -> list[Span]:
    return to_spans(text, word.references)


def _grid(word: WordWriter, header: list[str], rows: list[list[list[Span]]]) -> None:
    table = word.document.add_table(rows=1 + len(rows), cols=len(header))
    for cell, label in zip(table.rows[0].cells, header, strict=True):
        word.write(cell.paragraphs[0], [Span(label, bold=True)])
    docx_xml.mark_header_row(table)
    for row, cells in zip(table.rows[1:], rows, strict=True):
        for cell, spans in zip(row.cells, cells, strict=True):
            word.write(cell.paragraphs[0], spans)


def _table(word: WordWriter, view: TableView) -> None:
    if view.caption:
        word.write(word.paragraph("Caption"), _spans(word, view.caption))
    _grid(word, view.header, [[_spans(word, cell) for cell in row] for row in view.rows])
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
        response = [Span(row.response_text)]
        if row.reason:  # why it was rejected or partly accepted
            response += [
                Span("", line_break=True),
                Span(f"{words.reason}{marks.colon}", italic=True),
            ]
            response += _spans(word, row.reason)
        cells.append([[Span(str(row.number))], response, action])
    _grid(word, [words.number, words.response, words.action], cells)


def _picture(word: WordWriter, view: ChartView | MapView) -> None:
    import cairosvg

    png: bytes = cairosvg.svg2png(bytestring=view.svg.encode("utf-8"), output_width=1600)
    paragraph = word.paragraph("Figure")
    width = Emu(int(word.text_width * PICTURE_SHARE))
    shape = paragraph.add_run().add_picture(io.BytesIO(png), width=width)
    docx_xml.set_alt_text(shape, view.alt, False)
    if view.legend:
        legend = word.labels.punctuation.semicolon.join(entry.text for entry in view.legend)
        word.write(word.paragraph("Caption"), _spans(word, legend))
    spans = _spans(word, view.caption) if view.caption else []
    if view.caption and view.source:
        spans.append(Span("; "))
    spans += _spans(word, view.source) if view.source else []
    if spans:
        word.write(word.paragraph("Caption"), spans)
    if isinstance(view, MapView):
        word.write(word.paragraph("Caption"), [Span(view.disclaimer)])

"""A logical text layer for right-to-left lines in the PDF.

WeasyPrint (like Chromium's print) draws a line's glyphs in visual order, left to right,
and leaves text extraction to the font's ToUnicode table. For a line holding right-to-left
text that order is backwards: readers without a bidi pass of their own (pdfminer.six,
and poppler reading through the tags, as ``pdfinfo -struct-text`` does) read every Arabic
word reversed. So such a line's glyphs are drawn here in logical order, each one placed
where Pango put it: the page looks the same, and the content stream reads in the order
the text was written. Readers that order text by position and run their own bidi pass
(poppler's pdftotext, PDFium) read pure right-to-left lines as before; on lines mixing
directions each keeps its own faults (see tests/test_text_layer.py). Poppler's
``-raw`` mode, which starts a new line at every leftward jump, now gives such lines one
character per line (it read their words in reverse order before).
"""

from __future__ import annotations

import itertools
import unicodedata
from dataclasses import dataclass
from typing import Any

_RTL_CLASSES = frozenset({"R", "AL", "RLE", "RLO", "RLI"})
_installed: list[bool] = []


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds a character written right to left."""
    return any(unicodedata.bidirectional(char) in _RTL_CLASSES for char in text)


@dataclass(frozen=True)
class _Glyph:
    logical: int  # byte offset of its cluster in the line's UTF-8 text
    font: Any  # WeasyPrint's Font
    font_size: float
    glyph_id: int
    x: float  # where Pango put it, in text space units from the line's start
    rise: float
    text: str | None  # the text of its cluster, for its first glyph


def _glyphs(textbox: Any, ffi: Any, pango: Any, stream: Any) -> list[_Glyph] | None:
    """The first line's glyphs with their positions, or None if one needs WeasyPrint's
    own drawing (a missing glyph, a colour or bitmap font)."""
    from weasyprint.text.ffi import FROM_UNITS

    first_line, _ = textbox.pango_layout.get_first_line()
    utf8_text = textbox.pango_layout.text.encode()
    found: list[_Glyph] = []
    pen = 0.0
    run = first_line.runs[0]
    while run != ffi.NULL:
        glyph_item = run.data
        run = run.next
        glyph_string = glyph_item.glyphs
        num_glyphs = glyph_string.num_glyphs
        clusters = glyph_string.log_clusters
        font, font_size = stream.add_font(glyph_item.item.analysis.font)
        if pango.pango_version() < 14802 or font.png or font.svg or font.colr or font.bitmap:
            return None
        rtl = glyph_item.item.analysis.level % 2
        offset = glyph_item.item.offset
        for i, info in enumerate(glyph_string.glyphs[0:num_glyphs]):
            glyph_id, width = info.glyph, info.geometry.width
            if glyph_id & pango.PANGO_GLYPH_UNKNOWN_FLAG:
                return None
            if glyph_id != pango.PANGO_GLYPH_EMPTY:
                start = clusters[i]  # the glyph's text, as WeasyPrint works it out
                if rtl:
                    end = glyph_item.item.length if i == 0 else clusters[i - 1]
                else:
                    end = glyph_item.item.length if i == num_glyphs - 1 else clusters[i + 1]
                text = utf8_text[offset + start : offset + end].decode()
                font.to_unicode.setdefault(glyph_id, text)
                if glyph_id not in font.widths:
                    pango.pango_font_get_glyph_extents(
                        glyph_item.item.analysis.font,
                        glyph_id,
                        stream.ink_rect,
                        stream.logical_rect,
                    )
                    font.widths[glyph_id] = round(
                        stream.logical_rect.width * 1000 * FROM_UNITS / font_size
                    )
                found.append(
                    _Glyph(
                        offset + clusters[i],
                        font,
                        font_size,
                        glyph_id,
                        pen + info.geometry.x_offset / 1000,
                        info.geometry.y_offset / 1000,
                        text or None,
                    )
                )
            pen += width * FROM_UNITS
    return found


def _draw_in_logical_order(stream: Any, glyphs: list[_Glyph], matrix: Any) -> None:
    """Each glyph placed by its own text matrix, in the order of the text they show.

    (Moving between glyphs inside one ``TJ`` instead makes PDFium misread the line.) A
    glyph that shows other text than its font's ToUnicode entry says (a bracket mirrored
    in a right-to-left run is the other bracket's glyph) carries that text as
    ``/ActualText``, which poppler and PDFium read.
    """
    from pydyf import Dictionary

    a, b, c, d, e, f = matrix.values
    _close_gaps(glyphs)
    # Stable: glyphs of one cluster (a letter and its marks) keep Pango's order.
    for glyph in sorted(glyphs, key=lambda glyph: glyph.logical):
        stream.set_font_size(glyph.font.hash, glyph.font_size)
        stream.set_text_matrix(a, b, c, d, e + a * glyph.x, f + b * glyph.x)
        actual = glyph.text is not None and glyph.font.to_unicode[glyph.glyph_id] != glyph.text
        if actual:
            stream.begin_marked_content(
                "Span", Dictionary({"ActualText": _utf16(glyph.text or "")})
            )
        if glyph.rise:
            stream.set_text_rise(-glyph.rise)
        stream.show_text(f"<{glyph.glyph_id:04x}>")
        if glyph.rise:
            stream.set_text_rise(0)
        if actual:
            stream.end_marked_content()


def _x(glyph: _Glyph) -> float:
    return glyph.x


def _close_gaps(glyphs: list[_Glyph]) -> None:
    """Widen a right-to-left letter's box (its font's /W entry) to the letter beside it.

    Poppler takes a gap of 0.03 em between two letters' boxes for a space, and Amiri's
    kerning leaves such gaps inside words. The boxes are nothing but the width
    entries: each glyph here is placed by its own text matrix, so the page looks the same.
    """
    letters = sorted((glyph for glyph in glyphs if has_rtl(glyph.text or "")), key=_x)
    for left, right in itertools.pairwise(letters):
        if left.font is not right.font:
            continue
        needed = round((right.x - left.x) * 1000 / left.font_size)
        width = left.font.widths.get(left.glyph_id, 0)
        if width < needed <= width + 150:
            left.font.widths[left.glyph_id] = needed


def _utf16(text: str) -> bytes:
    """A PDF text string (UTF-16BE with a byte order mark), written in hexadecimal."""
    return b"<" + ("\ufeff" + text).encode("utf-16-be").hex().upper().encode() + b">"


def install(text_module: Any) -> None:
    """Wrap WeasyPrint's ``draw_first_line`` (once per process): lines holding
    right-to-left text are drawn in logical order, the others as WeasyPrint draws them."""
    if _installed:
        return
    _installed.append(True)
    original = text_module.draw_first_line
    ffi, pango = text_module.ffi, text_module.pango

    def draw_first_line(
        stream: Any, textbox: Any, text_overflow: str, block_ellipsis: str, matrix: Any
    ) -> Any:
        plain = text_overflow != "ellipsis" and block_ellipsis == "none"
        if plain and textbox.style["font_size"] >= 1e-6 and has_rtl(textbox.text):
            pango.pango_layout_set_single_paragraph_mode(textbox.pango_layout.layout, True)
            glyphs = _glyphs(textbox, ffi, pango, stream)
            if glyphs is not None:
                _draw_in_logical_order(stream, glyphs, matrix)
                return []
        return original(stream, textbox, text_overflow, block_ellipsis, matrix)

    text_module.draw_first_line = draw_first_line

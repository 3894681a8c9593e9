"""A logical text layer for right-to-left lines in the PDF.

WeasyPrint (like Chromium's print) draws a line's glyphs in visual order, left to right,
and leaves text extraction to the font's ToUnicode table. For a line holding right-to-left
text that order is backwards: readers without a bidi pass of their own (pdfminer.six,
and poppler reading through the tags, as ``pdfinfo -struct-text`` does) read every Arabic
word reversed. So such a line's glyphs are drawn here in logical order, each one placed
where Pango put it: the page looks the same, and the content stream reads in the order
the text was written. Readers that order text by position and run their own bidi pass
(poppler's pdftotext, PDFium) read pure right-to-left lines as before. Poppler's
``-raw`` mode, which starts a new line at every leftward jump, now gives such lines one
character per line (it read their words in reverse order before).

On a line mixing directions, an invisible RIGHT-TO-LEFT MARK stands between a
left-to-right run and a neutral character set right to left beside it (the brackets
around "GLOT59", the full stop after "GLOT92", the colon before "1)" or before a link
in the next box): poppler's bidi pass takes neutral characters, and full stops, commas
and colons as if they were digits, beside a left-to-right run for part of it, and read
"(GLOT59)" as "()GLOT59" and "GLOT92." as ".GLOT92". The mark is the font's own
zero-width glyph for U+200F, drawn in the invisible text rendering mode, so the page
looks the same; the readers give it as the invisible character it is (but MuPDF, which
does not see it: below). With it, pdftotext reads mixed lines in logical order.

pdfminer joins into a line characters that follow each other in the stream and stand
side by side (less than two character widths apart). Drawn in logical order, a
left-to-right run inside a right-to-left line starts at its far (left) end, so each run
became a line of its own. So each such run has a bridge before it and after it in the
stream: an invisible glyph as wide as the run, drawn over it, that shows no text (its
ToUnicode entry is empty). pdfminer takes it for a character beside both the text
before the run and the run's first letter, and keeps the line whole. A box that
WeasyPrint draws left to right in a right-to-left line (a link or a bold code in an
Arabic paragraph, an e-mail address after "البريد الإلكتروني: ") has its bridges too.
(Two such boxes side by side still lose the space between them in pdfminer: WeasyPrint
draws no space box, and pdfminer finds a space only right of a character's end.) Poppler
(pdftotext and the tags) skips a glyph that maps to no text, and PDFium skips a text
object whose glyph has no outline, so what they read does not change. MuPDF read such a
glyph as its code (a stray "G" with Amiri), and the Arabic words of a line holding a
mark reversed; it leaves out text that the clipping path hides, which the others
ignore, so each bridge and each mark is drawn in an empty clipping path, and MuPDF reads
mixed lines in logical order too. (Mapping the bridge to a character instead costs some
reader: docs/standards.md says what was measured.) PDFium still
reads mixed lines wrong (see tests/test_text_layer.py and docs/standards.md): it orders
characters by where they stand and its own bidi pass reverses the parts of a Latin or
digit run ("59GLOT"), which no drawing order changes, nor an ``/ActualText`` span: it
runs that pass over a span's text too (docs/standards.md says what was measured).
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
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
    level: int  # its bidi embedding level: odd for right to left
    advance: float  # its advance width, in text space units
    alone: bool = True  # the only glyph of its cluster (not a letter drawn with its marks)


def _glyphs(
    textbox: Any, ffi: Any, pango: Any, stream: Any, *, as_weasyprint: bool = False
) -> list[_Glyph] | None:
    """The first line's glyphs with their positions, or None if one needs WeasyPrint's
    own drawing (a missing glyph, a colour or bitmap font).

    The positions are Pango's; ``as_weasyprint`` gives them as WeasyPrint's own drawing
    rounds them (each advance to a thousandth of an em), for a line that WeasyPrint
    drew before: drawn here, it looks the same to the pixel."""
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
            x_offset = info.geometry.x_offset
            if glyph_id == pango.PANGO_GLYPH_EMPTY and as_weasyprint:
                pen += width / 1000
                continue
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
                        pen + x_offset / 1000,
                        info.geometry.y_offset / 1000,
                        text or None,
                        # Pango's level is a guint8; WeasyPrint's cdef reads a guint.
                        glyph_item.item.analysis.level & 0xFF,
                        width * FROM_UNITS,
                        _alone_in_cluster(clusters, num_glyphs, i),
                    )
                )
            if as_weasyprint and glyph_id != pango.PANGO_GLYPH_EMPTY:
                # What WeasyPrint's TJ moves: the x offset, the glyph's /W width, less
                # the kerning it writes (truncated to a whole thousandth of an em).
                shift = x_offset / font_size
                kerning = font.widths[glyph_id] + shift - width * 1000 * FROM_UNITS / font_size
                pen += (shift + font.widths[glyph_id] - int(kerning)) * font_size / 1000
            else:
                pen += width * FROM_UNITS
    return found


def _alone_in_cluster(clusters: Any, num_glyphs: int, i: int) -> bool:
    """Whether glyph ``i`` is the only glyph of its cluster (Pango's ``log_clusters``)."""
    return not (
        (i > 0 and clusters[i - 1] == clusters[i])
        or (i < num_glyphs - 1 and clusters[i + 1] == clusters[i])
    )


def _draw_in_logical_order(
    stream: Any, glyphs: list[_Glyph], matrix: Any, *, more_on_the_line: bool = False
) -> None:
    """Each glyph placed by its own text matrix, in the order of the text they show.

    (Moving between glyphs inside one ``TJ`` instead makes PDFium misread the line.) A
    glyph that shows other text than its font's ToUnicode entry says (a bracket mirrored
    in a right-to-left run is the other bracket's glyph) carries that text as
    ``/ActualText``, which poppler and PDFium read. Only a glyph alone in its cluster: a
    letter or mark drawn with other glyphs has the whole cluster's text, while each of the
    others shows its own ("َّ" on the fatha of "المهرَّبين", whose shadda is a glyph of
    its own), and the span doubled the shadda for the readers of ``/ActualText`` and
    made poppler's tag reader (``pdfinfo -struct-text``) drop the rest of the paragraph:
    it ends an element's text at the end of any marked-content sequence inside it.
    """
    from pydyf import Dictionary

    a, b, c, d, e, f = matrix.values

    def place(glyph: _Glyph, x: float) -> None:
        stream.set_font_size(glyph.font.hash, glyph.font_size)
        stream.set_text_matrix(a, b, c, d, e + a * x, f + b * x)

    def mark(glyph: _Glyph, x: float) -> None:
        """An invisible RIGHT-TO-LEFT MARK at ``x``, in ``glyph``'s font (if it has one)."""
        mark_id = _rtl_mark(glyph.font)
        if mark_id is not None:
            with _out_of_mupdf(stream):
                place(glyph, x)
                stream.set_text_rendering(3)  # invisible
                stream.show_text(f"<{mark_id:04x}>")

    _close_gaps(glyphs)
    right_of_run, left_of_run = _neutrals_beside_ltr_runs(glyphs, more_on_the_line)
    # Stable: glyphs of one cluster (a letter and its marks) keep Pango's order.
    in_logical_order = sorted(glyphs, key=lambda glyph: glyph.logical)
    runs = _ltr_runs(in_logical_order)
    run_starting_at = {id(run[0]): run for run in runs}
    run_ending_at = {id(run[-1]): run for run in runs}
    for glyph in in_logical_order:
        if id(glyph) in run_starting_at:
            _bridge(stream, matrix, run_starting_at[id(glyph)])
        # A mark stands just off the start of its glyph (on the side of the run), so
        # that poppler makes a word of it alone (a character starting where the last
        # one started is a new word) and orders it on the right side. In the stream it
        # follows a character it stands beside: pdfminer makes a line of characters that
        # follow each other in the stream and stand side by side (and two zero-width
        # characters in a row, a vowel mark and a mark, are not side by side).
        nudge = min(glyph.advance / 2, glyph.font_size / 20)
        if id(glyph) in left_of_run:
            mark(glyph, glyph.x + nudge)  # before the glyph: after the run's last letter
        place(glyph, glyph.x)
        actual = (
            glyph.text is not None
            and glyph.alone
            and glyph.font.to_unicode[glyph.glyph_id] != glyph.text
        )
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
        if id(glyph) in right_of_run:
            mark(glyph, glyph.x - nudge)  # after the glyph: before the text left of it
        if id(glyph) in run_ending_at:
            _bridge(stream, matrix, run_ending_at[id(glyph)])


def _ltr_runs(in_logical_order: list[_Glyph]) -> list[list[_Glyph]]:
    """The left-to-right runs of a line holding right-to-left text (Latin words, numbers,
    with the spaces between them), each in logical order."""
    runs: list[list[_Glyph]] = []
    for left_to_right, run in itertools.groupby(
        in_logical_order, key=lambda glyph: glyph.level % 2 == 0
    ):
        glyphs = list(run)
        if left_to_right and any(map(_left_to_right, glyphs)):
            runs.append(glyphs)
    return runs


def _bridge(stream: Any, matrix: Any, run: list[_Glyph]) -> None:
    """An invisible glyph that shows no text, drawn over ``run`` from end to end, so that
    pdfminer joins the run to the text before and after it in the stream (see the
    module's docstring). Nothing if no font of the run has a glyph for it."""
    carrier = next((glyph for glyph in run if _bridge_glyph(glyph.font) is not None), None)
    if carrier is not None:
        x0 = min(glyph.x for glyph in run)
        x1 = max(glyph.x + glyph.advance for glyph in run)
        _bridge_over(stream, matrix, carrier.font, carrier.font_size, x0, x1)


def _bridge_over(
    stream: Any, matrix: Any, font: Any, font_size: float, x0: float, x1: float
) -> None:
    """The bridge glyph of ``font`` drawn from ``x0`` to ``x1`` (text space units from the
    line's start), invisible, out of MuPDF's reach."""
    bridge_id = _bridge_glyph(font)
    if bridge_id is None or x1 <= x0:
        return
    a, b, c, d, e, f = matrix.values
    # The bridge glyph is an em wide: stretched by the text matrix to the run's width.
    stretch = (x1 - x0) / font_size
    with _out_of_mupdf(stream):
        stream.set_font_size(font.hash, font_size)
        stream.set_text_matrix(a * stretch, b * stretch, c, d, e + a * x0, f + b * x0)
        stream.set_text_rendering(3)  # invisible
        stream.show_text(f"<{bridge_id:04x}>")


@contextmanager
def _out_of_mupdf(stream: Any) -> Iterator[None]:
    """Text drawn in an empty clipping path, which MuPDF leaves out of the page's text and
    pdfminer, poppler and PDFium read as ever: the bridges (MuPDF read each as its glyph
    code, a stray "G") and the right-to-left marks (with them, MuPDF read the Arabic words
    of their line reversed: "صاخشألاب" for "بالأشخاص").

    A text object cannot hold the clip's graphics state, so it is ended around it; the
    line's marked content (its tag) starts before the text object and still holds all.
    The font, the rendering mode and the clip are as they were afterwards."""
    stream.end_text()
    stream.push_state()
    stream.rectangle(0, 0, 0, 0)
    stream.clip()
    stream.end()
    stream.begin_text()
    yield
    stream.end_text()
    stream.pop_state()
    stream.begin_text()


@dataclass(frozen=True)
class _GoesOn:
    """A right-to-left line drawn here whose text goes on in the next box, left of it: a
    link or an address that WeasyPrint draws left to right ("البريد الإلكتروني: " then
    "ieu@unodc.org")."""

    stream: Any
    baseline: float  # in the page's coordinates
    left: float  # where the line drawn here starts on the left, in the page's coordinates
    font: Any  # a font of the line, with a bridge glyph
    font_size: float

    def continued_by(self, stream: Any, matrix: Any, width: float) -> bool:
        """Whether a box ``width`` wide drawn by ``matrix`` stands on the same line, left
        of the text drawn here."""
        end = _on_page(stream, matrix, width)
        return (
            end is not None
            and stream is self.stream
            and abs(end[1] - self.baseline) <= 1
            and end[0] <= self.left + 1
        )


def _on_page(stream: Any, matrix: Any, x: float) -> tuple[float, float] | None:
    """Where ``x`` (text space units on the line) is on the page, or None if the line is
    not horizontal."""
    full = matrix @ stream.ctm
    if full[0][0] <= 0 or abs(full[0][1]) > 1e-6:
        return None
    return x * full[0][0] + full[2][0], full[2][1]


_ZWSP = 0x200B  # ZERO WIDTH SPACE


def _bridge_glyph(font: Any) -> int | None:
    """The font's glyph for U+200B, made an em wide and mapped to no text, or None if it
    has none or its glyph draws something (PDFium would read the text object of a glyph
    with an outline, as its character code). Text never draws it (Pango hides
    default-ignorable characters), so its width and ToUnicode entry are free to set.
    (Its /W entry then differs from the font program's advance, as the letters' that
    :func:`_close_gaps` widens do: veraPDF's PDF/A check of widths would list it.)"""
    glyph_id = _glyph_for(font, _ZWSP, blank=True)
    if glyph_id is not None:
        font.to_unicode[glyph_id] = ""
        font.widths[glyph_id] = 1000
    return glyph_id


def _neutrals_beside_ltr_runs(
    glyphs: list[_Glyph], more_on_the_line: bool = False
) -> tuple[set[int], set[int]]:
    """The neutral characters set right to left that stand beside a left-to-right run
    (spaces between them aside), by the ``id`` of their glyph: those right of a run,
    which get a mark on their left, and those left of a run, which get one on their
    right. (The ``)`` of "(GLOT59)", the ``.`` of "GLOT92." and the ``،`` of "2015،" in
    an Arabic line stand left of the run; the ``:`` of "ما يلي: 1)" right of it.)

    With ``more_on_the_line``, the text's last neutral character counts as right of a
    run too: the run may be the next box's ("البريد الإلكتروني: " before a link)."""
    showing = sorted((glyph for glyph in glyphs if (glyph.text or "").strip()), key=_x)
    right_of_run: set[int] = set()
    left_of_run: set[int] = set()
    if more_on_the_line and showing:
        last = max(showing, key=lambda glyph: glyph.logical)
        if _rtl_neutral(last):
            right_of_run.add(id(last))
    for left, right in itertools.pairwise(showing):
        if _rtl_neutral(left) and _left_to_right(right):
            left_of_run.add(id(left))
        elif _left_to_right(left) and _rtl_neutral(right):
            right_of_run.add(id(right))
    return right_of_run, left_of_run


def _left_to_right(glyph: _Glyph) -> bool:
    """A glyph of a left-to-right run (Latin, digits) showing text."""
    return glyph.level % 2 == 0 and bool((glyph.text or "").strip())


_NEUTRAL_CLASSES = frozenset({"ON", "CS", "ES", "ET"})


def _rtl_neutral(glyph: _Glyph) -> bool:
    """A glyph set right to left showing only neutral characters: a bracket, a full
    stop, a comma, a quotation mark. (Not a space, nor a vowel mark: a mark belongs to
    its letter.)"""
    text = glyph.text or ""
    return (
        glyph.level % 2 == 1
        and bool(text)
        and all(unicodedata.bidirectional(char) in _NEUTRAL_CLASSES for char in text)
    )


_RLM = 0x200F  # RIGHT-TO-LEFT MARK


def _rtl_mark(font: Any) -> int | None:
    """The glyph of the font for U+200F (registered in the font as used), or None if
    it has none."""
    glyph_id = _glyph_for(font, _RLM)
    if glyph_id is not None:
        font.to_unicode.setdefault(glyph_id, chr(_RLM))
        font.widths.setdefault(glyph_id, 0)
    return glyph_id


def _glyph_for(font: Any, code_point: int, *, blank: bool = False) -> int | None:
    """The glyph of the font for ``code_point``, or None if it has none (or, if ``blank``,
    if the glyph draws something). Looked up once per font and character, in the font
    program itself."""
    found: dict[tuple[int, bool], int | None] = font.__dict__.setdefault("_briefgen_glyphs", {})
    key = (code_point, blank)
    if key not in found:
        import io

        from fontTools.pens.boundsPen import BoundsPen
        from fontTools.ttLib import TTFont

        try:
            program = TTFont(io.BytesIO(font.file_content), fontNumber=font.index, lazy=True)
            name = program.getBestCmap().get(code_point)
            if name is not None and blank:
                glyph_set = program.getGlyphSet()
                pen = BoundsPen(glyph_set)
                glyph_set[name].draw(pen)
                name = None if pen.bounds else name
            found[key] = None if name is None else program.getGlyphID(name)
        except Exception:  # a font fontTools cannot read: no such glyph, as before
            found[key] = None
    return found[key]


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


def _bidi(textbox: Any) -> bool:
    """Whether a line has right-to-left text, or neutral characters that a
    right-to-left paragraph sets right to left ("(GLOT59)" alone on a line)."""
    return has_rtl(textbox.text) or (
        textbox.style["direction"] == "rtl"
        and any(unicodedata.bidirectional(char) in _NEUTRAL_CLASSES for char in textbox.text)
    )


def _bridge_carrier(
    before: _GoesOn | None, stream: Any, matrix: Any, width: float, glyphs: list[_Glyph] | None
) -> tuple[Any, float] | None:
    """The font and size to draw the bridges of a box WeasyPrint draws left to right with:
    the right-to-left line's it goes on from, or its own; None if neither has a bridge
    glyph."""
    if before is not None and before.continued_by(stream, matrix, width):
        return before.font, before.font_size
    return next(
        (
            (glyph.font, glyph.font_size)
            for glyph in glyphs or ()
            if _glyph_for(glyph.font, _ZWSP, blank=True)
        ),
        None,
    )


def _ltr_in_rtl(textbox: Any) -> bool:
    """Whether a box in a right-to-left paragraph holds Latin letters or digits and no
    right-to-left letter (a link, a bold code)."""
    return (
        textbox.style["direction"] == "rtl"
        and not has_rtl(textbox.text)
        and any(unicodedata.bidirectional(char) in ("L", "EN", "AN") for char in textbox.text)
    )


def install(text_module: Any) -> None:
    """Wrap WeasyPrint's ``draw_first_line`` (once per process): lines holding
    right-to-left text are drawn in logical order, the others as WeasyPrint draws them."""
    if _installed:
        return
    _installed.append(True)
    original = text_module.draw_first_line
    ffi, pango = text_module.ffi, text_module.pango

    goes_on: list[_GoesOn] = []  # the box drawn last, if its line goes on in the next one

    def draw_first_line(
        stream: Any, textbox: Any, text_overflow: str, block_ellipsis: str, matrix: Any
    ) -> Any:
        before = goes_on.pop() if goes_on else None
        plain = text_overflow != "ellipsis" and block_ellipsis == "none"
        glyphs = None
        if (
            plain
            and textbox.style["font_size"] >= 1e-6
            and (_bidi(textbox) or _ltr_in_rtl(textbox))
        ):
            pango.pango_layout_set_single_paragraph_mode(textbox.pango_layout.layout, True)
            no_rtl_letter = not has_rtl(textbox.text)
            glyphs = _glyphs(textbox, ffi, pango, stream, as_weasyprint=no_rtl_letter)
            # All left to right, WeasyPrint draws it as ever (below).
            if glyphs and not (no_rtl_letter and not any(glyph.level % 2 for glyph in glyphs)):
                # A line's last box has no space at its end (WeasyPrint strips it).
                more_on_the_line = textbox.text[-1:].isspace()
                _draw_in_logical_order(stream, glyphs, matrix, more_on_the_line=more_on_the_line)
                start = _on_page(stream, matrix, min(glyph.x for glyph in glyphs))
                font = glyphs[0].font
                if more_on_the_line and start and _glyph_for(font, _ZWSP, blank=True):
                    goes_on.append(_GoesOn(stream, start[1], start[0], font, glyphs[0].font_size))
                return []
        # Left to right, drawn by WeasyPrint. In a right-to-left line, it has bridges to the
        # text around it: a link or a bold word in an Arabic paragraph, an address after
        # "البريد الإلكتروني: " (set left to right, but on the line of the label before it).
        width = getattr(textbox, "width", None)
        if width is None:  # an SVG's text (a chart's labels), laid out by WeasyPrint's SVG
            return original(stream, textbox, text_overflow, block_ellipsis, matrix)
        try:
            carrier = _bridge_carrier(before, stream, matrix, width, glyphs)
        except Exception:  # bridges help extractors read; a bug in them must not cost the page
            carrier = None
        if carrier is None or not textbox.text.strip():
            return original(stream, textbox, text_overflow, block_ellipsis, matrix)
        bridge = (stream, matrix, *carrier, 0, width)
        _bridge_over(*bridge)
        emojis = original(stream, textbox, text_overflow, block_ellipsis, matrix)
        _bridge_over(*bridge)
        return emojis

    text_module.draw_first_line = draw_first_line

"""Collisions a reader would see: words drawn over other words, off the page, or hidden.

Word boxes for overlaps come from poppler (``pdftotext -bbox``); the page edge is judged
on the text objects of the content stream (tests/page_objects.py), where poppler drops
words wholly off the page. Hidden text is judged from pixels with pdfium: text present in
the content stream that no reader can see (painted over by an opaque box or an image, set
in the background's colour, clipped away) is still read out by screen readers, copied and
searched, so it is a defect the word boxes alone miss.
"""

from __future__ import annotations

import math
import re
import subprocess
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageChops

from tests.page_objects import (
    SCREEN_READER_SIZE,
    Box,
    page_sizes,
    painted,
    screen_reader_headings,
)

_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.DOTALL)
_WORD = re.compile(
    r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>'
)
HIDDEN_SCALE = 2.0  # pixels per point: a full stop still covers a few pixels
INK_LEVEL = 16  # a change below this (of 255) is not ink a reader could see


@dataclass(frozen=True)
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def _pages(pdf: Path) -> list[tuple[float, float, list[Word]]]:
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = []
    for number, (width, height, body) in enumerate(_PAGE.findall(html), start=1):
        words = [
            Word(number, float(a), float(b), float(c), float(d), text)
            for a, b, c, d, text in _WORD.findall(body)
        ]
        pages.append((float(width), float(height), words))
    return pages


def pages(pdf: Path) -> list[tuple[float, float, list[Word]]]:
    """Each page's width, height (points) and words, as poppler finds them."""
    return _pages(pdf)


def _overlap(a: Word, b: Word, slack: float) -> bool:
    """Boxes span a font's whole ascent and descent, so tightly set lines of large type
    touch without any ink meeting: only a third of a line's height counts as a collision."""
    vertical = min(a.y1, b.y1) - max(a.y0, b.y0)
    shorter = min(a.y1 - a.y0, b.y1 - b.y0)
    return min(a.x1, b.x1) - max(a.x0, b.x0) > slack and vertical > max(slack, shorter / 3)


def off_page(pdf: Path, *, slack: float = 1.0) -> list[str]:
    """Text that reaches more than ``slack`` points past an edge of its page. Read from the
    content stream (pdfium), as poppler leaves out words wholly outside the page."""
    found: list[str] = []
    sizes, for_screen_readers = page_sizes(pdf), _screen_reader_headings(pdf)
    pages = zip(painted(pdf), sizes, for_screen_readers, strict=True)
    for number, (objects, (width, height), headings) in enumerate(pages, start=1):
        page = Box(0, 0, width, height)
        found += [
            f"page {number}: '{text.text.strip()}' is off the page, at {text.box}"
            for text in objects
            if text.kind == "text"
            and text.text.strip()
            and not page.contains(text.box, slack)
            and text.mcid not in headings
        ]
    return found


def _screen_reader_headings(pdf: Path) -> list[set[int]]:
    """Headings kept off the page for screen readers (none in a PDF without tags)."""
    with pikepdf.open(pdf) as document:
        tagged = "/StructTreeRoot" in document.Root
    return screen_reader_headings(pdf) if tagged else [set() for _ in page_sizes(pdf)]


def full_width_mark(character: str) -> bool:
    """A full-width punctuation mark (Chinese ``。，、：「」（）《》``): an em wide, about half
    of it blank by design, so that a pair of them can be set closer (clreq, jlreq)."""
    return unicodedata.east_asian_width(character) in "FW" and unicodedata.category(
        character
    ).startswith("P")


@dataclass(frozen=True)
class _Mark:
    """A full-width mark on a page: its em box as the PDF's widths give it (what poppler's
    word boxes are made of) and its ink, from the font's outline (pdfium's tight box)."""

    text: str
    em: tuple[float, float, float, float]
    ink: tuple[float, float, float, float]


def _marks(pdf: Path) -> list[list[_Mark]]:
    """Each page's full-width marks, in points from the page's top left (as poppler's)."""
    found: list[list[_Mark]] = []
    document = pdfium.PdfDocument(pdf)
    try:
        for page in document:
            height, textpage, marks = page.get_height(), page.get_textpage(), []
            for index in range(textpage.count_chars()):
                character = chr(pdfium_c.FPDFText_GetUnicode(textpage, index))
                if full_width_mark(character):
                    boxes = [textpage.get_charbox(index, loose=loose) for loose in (True, False)]
                    em, ink = ((x0, height - y1, x1, height - y0) for x0, y0, x1, y1 in boxes)
                    marks.append(_Mark(character, em, ink))
            found.append(marks)
    finally:
        document.close()
    return found


def _as_seen(word: Word, marks: list[_Mark], *, near: float = 0.5) -> Word:
    """``word`` with a full-width mark at either end measured by its ink, not its em: the
    blank half of ``。`` or ``「`` is where the next mark may be drawn when a pair is set
    closer (``halt``), and a reader sees nothing there. Every other edge keeps its box."""

    def mark_at(character: str, edge: int, x: float) -> _Mark | None:
        if not full_width_mark(character):
            return None
        return next(
            (
                mark
                for mark in marks
                if mark.text == character
                and abs(mark.em[edge] - x) <= near
                and min(mark.em[3], word.y1) > max(mark.em[1], word.y0)
            ),
            None,
        )

    first, last = mark_at(word.text[0], 0, word.x0), mark_at(word.text[-1], 2, word.x1)
    x0 = max(word.x0, first.ink[0]) if first else word.x0
    x1 = min(word.x1, last.ink[2]) if last else word.x1
    return replace(word, x0=x0, x1=max(x0, x1))


def overlaps(pdf: Path, *, slack: float = 1.0) -> list[str]:
    """Words that overlap another word by more than ``slack`` points. Words under
    :data:`SCREEN_READER_SIZE` high are set so to be unseen (hidden headings) and left out.
    A full-width mark at a word's end counts by its ink (:func:`_as_seen`)."""
    found: list[str] = []
    for (_, _, all_words), marks in zip(_pages(pdf), _marks(pdf), strict=True):
        words = [
            _as_seen(word, marks) for word in all_words if word.y1 - word.y0 >= SCREEN_READER_SIZE
        ]
        ordered = sorted(words, key=lambda w: w.y0)
        for index, word in enumerate(ordered):
            for other in ordered[index + 1 :]:
                if other.y0 > word.y1:
                    break
                if _overlap(word, other, slack):
                    found.append(f"page {word.page}: '{word.text}' overlaps '{other.text}'")
    return found


def collisions(pdf: Path, *, slack: float = 1.0) -> list[str]:
    """Words that overlap another word by more than ``slack`` points, or leave the page."""
    return off_page(pdf, slack=slack) + overlaps(pdf, slack=slack)


Glyph = tuple[str, tuple[int, int, int, int]]  # a character and its ink box in pixels


def _words(
    textpage: pdfium.PdfTextPage, height: float, scale: float, skip: set[int]
) -> list[list[Glyph]]:
    """The page's words as lists of characters with their tight boxes in pixels (top-left
    origin); spaces, line ends pdfium adds, characters without ink and those of the
    marked-content sequences in ``skip`` are left out, and so are format characters
    (Unicode's Cf: a RIGHT-TO-LEFT MARK, which briefgen/render/pdf/text.py draws invisibly
    for readers' bidi passes), which no font draws and no screen reader reads out."""
    words: list[list[Glyph]] = []
    current: list[Glyph] = []
    for index in range(textpage.count_chars()):
        character = chr(pdfium_c.FPDFText_GetUnicode(textpage, index))
        if unicodedata.category(character) == "Cf":
            continue
        text_object = pdfium_c.FPDFText_GetTextObject(textpage, index)
        skipped = bool(text_object) and pdfium_c.FPDFPageObj_GetMarkedContentID(text_object) in skip
        if skipped or character.isspace() or pdfium_c.FPDFText_IsGenerated(textpage, index) == 1:
            if current:
                words.append(current)
            current = []
            continue
        left, bottom, right, top = textpage.get_charbox(index)
        if right > left and top > bottom:
            box = (
                math.floor(left * scale),
                math.floor((height - top) * scale),
                math.ceil(right * scale),
                math.ceil((height - bottom) * scale),
            )
            current.append((character, box))
    if current:
        words.append(current)
    return words


def _render(page: pdfium.PdfPage, scale: float) -> Image.Image:
    image: Image.Image = page.render(scale=scale).to_pil()
    return image.convert("RGB")


def _strongest_channel(image: Image.Image) -> Image.Image:
    """Per pixel, the largest change in any channel (grey would blur a blue-only change)."""
    red, green, blue = image.split()
    return ImageChops.lighter(ImageChops.lighter(red, green), blue)


def _largest_change(change: Image.Image) -> int:
    """The largest change in a one-channel image."""
    _, high = change.getextrema()
    assert isinstance(high, int)
    return high


def hidden_text(pdf: Path, *, scale: float = HIDDEN_SCALE) -> list[str]:
    """Words with characters no reader can see: each page is drawn twice, as it is and
    with all its text made invisible; where a character's box looks the same both ways,
    its ink never reached the page. Headings tagged and drawn off the page on purpose
    (:func:`tests.page_objects.screen_reader_headings`) are not counted."""
    found: list[str] = []
    for_screen_readers = _screen_reader_headings(pdf)
    document = pdfium.PdfDocument(pdf)
    try:
        for number, page in enumerate(document, start=1):
            skip = for_screen_readers[number - 1]
            words = _words(page.get_textpage(), page.get_height(), scale, skip)
            as_printed = _render(page, scale)
            for text in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT]):
                pdfium_c.FPDFTextObj_SetTextRenderMode(text, pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE)
            ink = _strongest_channel(ImageChops.difference(as_printed, _render(page, scale)))
            for word in words:
                unseen = [ch for ch, box in word if _largest_change(ink.crop(box)) < INK_LEVEL]
                if unseen:
                    text = "".join(ch for ch, _ in word)
                    found.append(f"page {number}: '{text}' cannot be seen ({''.join(unseen)})")
    finally:
        document.close()
    return found


def problems(pdf: Path, *, right_to_left: bool = False) -> list[str]:
    """Everything above: text off the page, hidden, or (left to right) overlapping.

    Poppler rebuilds right-to-left words from glyph positions, splitting some and placing
    some on the wrong line, and the Arabic faces' tall line boxes (Amiri's ascent and
    descent) meet where no ink does: there, word overlaps are not judged.
    """
    found = off_page(pdf) + hidden_text(pdf)
    return found if right_to_left else overlaps(pdf) + found

"""Reading order: text pulled out of the PDF reads the body paragraph by paragraph.

On page 1 the quick facts sit in a sidebar beside the body. A text extractor (and a
screen reader working from the page rather than the tags) must not splice the sidebar into
the middle of a body sentence. Both poppler modes are checked: the default (layout
analysis, what most copy-paste and indexing tools do) and ``-raw`` (content-stream order).
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest

from briefgen.api import load_brief
from briefgen.render.html import render_html
from tests.conftest import REFERENCE_BRIEF


class _BodyParagraphs(HTMLParser):
    """Text of every <p> and <li> inside <main>, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.in_main = 0
        self.current: list[str] | None = None
        self.depth = 0
        self.paragraphs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self.in_main += 1
        elif self.in_main and tag in ("p", "li") and self.current is None:
            self.current, self.depth = [], 0
        if self.current is not None and tag in ("p", "li"):
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.in_main -= 1
        elif self.current is not None and tag in ("p", "li"):
            self.depth -= 1
            if self.depth == 0:
                self.paragraphs.append("".join(self.current))
                self.current = None

    def handle_data(self, data: str) -> None:
        if self.current is not None:
            self.current.append(data)


def _normalise(text: str) -> str:
    """Letters, digits and punctuation only: line breaks, spaces and hyphens are layout.

    pdftotext joins a word hyphenated at a line end ("mixed-" + "methods" -> "mixedmethods")
    and turns line breaks into newlines, so those are not evidence of a broken order.
    """
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    # Invisible break hints in web addresses (zero-width space, word joiner) are layout too.
    text = text.replace("\u200b", "").replace("\u2060", "")
    return re.sub(r"[\s\-\u2010\u2011]+", "", text)


def _extract(pdf: Path, *flags: str) -> str:
    result = subprocess.run(
        ["pdftotext", *flags, "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


@pytest.fixture(scope="module")
def body_paragraphs() -> list[str]:
    parser = _BodyParagraphs()
    parser.feed(render_html(load_brief(REFERENCE_BRIEF), for_print=True))
    paragraphs = [p for p in parser.paragraphs if p.strip()]
    assert len(paragraphs) >= 10, paragraphs  # the reference brief has many
    return paragraphs


def _contiguous(paragraph: str, pages: list[str]) -> bool:
    """Whole on one page, or its head ends one page and its tail starts the next's text.

    A paragraph that runs over a page break is necessarily interrupted by what ends the
    page: the running footer (an artifact) and, in default mode, the rest of page 1's
    sidebar. Each half must still be contiguous.
    """
    for index, page in enumerate(pages):
        if paragraph in page:
            return True
        low, high = 0, len(paragraph)  # longest head found on this page (monotone)
        while low < high:
            middle = (low + high + 1) // 2
            low, high = (middle, high) if paragraph[:middle] in page else (low, middle - 1)
        if low >= 20 and index + 1 < len(pages) and paragraph[low:] in pages[index + 1]:
            return True
    return False


@pytest.mark.parametrize("mode", [(), ("-raw",)], ids=["default", "raw"])
def test_body_paragraphs_are_contiguous_in_extracted_text(
    reference_outputs: dict[str, Path], body_paragraphs: list[str], mode: tuple[str, ...]
) -> None:
    """Raw mode is content order (what tag-unaware tools get). Default mode orders text
    by where it stands: page 1's paragraph beside the quick facts' last entries ran on
    full width under the box, and poppler read those entries between its lines, until
    the box ended level with the paragraph's end (render/pdf/sidebar_foot.py)."""
    text = _extract(reference_outputs["pdf"], *mode)
    pages = [_normalise(page) for page in text.split("\f")]
    assert len([page for page in pages if page]) == 2
    broken = [p for p in body_paragraphs if not _contiguous(_normalise(p), pages)]
    assert not broken, f"{len(broken)} paragraph(s) cut or reordered, first: {broken[0]!r}"


def test_body_paragraphs_keep_their_order_in_raw_mode(
    reference_outputs: dict[str, Path], body_paragraphs: list[str]
) -> None:
    """Content-stream order (``-raw``) is the document order.

    Not asserted in default mode: poppler's column detection reads the bottom of page 2's
    left column (the recommendations list) after the right column. No paragraph is cut by
    that (the test above), but the order of whole blocks is poppler's guess, not ours.
    """
    text = _normalise(_extract(reference_outputs["pdf"], "-raw"))
    positions = [text.find(_normalise(p)[:40]) for p in body_paragraphs]
    assert -1 not in positions
    assert positions == sorted(positions)

"""The PDF's text layer, as programs no one here wrote read it: poppler (pdftotext, and
``pdfinfo -struct-text``, which reads through the tags), pdfminer.six and PDFium.

Every paragraph, heading and list item of the page must come back in logical order
(the order it was written in), whatever the script. Right-to-left lines are the hard
case: WeasyPrint draws their glyphs in visual order (see briefgen/render/pdf/text.py).
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pypdfium2
import pytest
from pdfminer.high_level import extract_text

from briefgen.api import load_brief, render_brief
from briefgen.model.inline import to_plain
from briefgen.model.labels import labels_for
from briefgen.render.html import render_html
from briefgen.render.pdf import text as pdf_text
from briefgen.render.pdf.text import has_rtl
from tests.conftest import REFERENCE_BRIEF, ROOT, Renders, generated_brief, render_text

ARABIC = ROOT / "tests" / "briefs" / "arabic.yaml"
ARABIC_EXAMPLE = ROOT / "data" / "examples" / "brief-ar.yaml"
CHINESE = ROOT / "tests" / "briefs" / "chinese.yaml"
RUSSIAN = ROOT / "data" / "examples" / "brief-ru.yaml"
# Headings and labels set in capitals by CSS: their text is compared without case.
CASED = frozenset({REFERENCE_BRIEF, RUSSIAN})
_BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd"})
# Layout, not text: spaces and line breaks, bidi marks that extractors add, soft hyphens
# and the invisible break hints in web addresses; PDFium marks a hyphenation point U+FFFE.
_LAYOUT = re.compile(
    r"[\s\u00ad\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\-\u2010\u2011\ufffe]+"
)


def _normalise(text: str) -> str:
    return _LAYOUT.sub("", unicodedata.normalize("NFKC", text))


class _Blocks(HTMLParser):
    """The text of every innermost block (paragraph, heading, list item) of the page."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[list[str]] = []
        self.blocks: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.stack.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS and self.stack:
            text = "".join(self.stack.pop()).strip()
            if text:
                self.blocks.append(text)

    def handle_data(self, data: str) -> None:
        if self.stack:
            self.stack[-1].append(data)


def _blocks(brief: Path) -> list[str]:
    parser = _Blocks()
    parser.feed(render_html(load_brief(brief), for_print=True))
    return parser.blocks


def _one_direction(text: str) -> bool:
    """Right-to-left text with no left-to-right run (Latin letters, digits) inside."""
    return has_rtl(text) and not re.search(r"[A-Za-z0-9]", text)


def _poppler(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def _poppler_tags(pdf: Path) -> str:
    """The text of the structure tree, element by element, as poppler reads it."""
    out = subprocess.run(
        ["pdfinfo", "-struct-text", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    return "\n".join(re.findall(r'^\s*"(.*)"$', out, flags=re.MULTILINE))


def _pdfium(pdf: Path) -> str:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def _mupdf(pdf: Path) -> str:
    """The text as MuPDF reads it, with PyMuPDF's defaults (text outside the clip left out,
    a glyph that maps to no text read as its code)."""
    import pymupdf  # here: only the tests that read with MuPDF need it

    with pymupdf.open(pdf) as document:  # type: ignore[no-untyped-call]
        return "\n".join(page.get_text() for page in document)


READERS = {
    "pdftotext": _poppler,
    "pdfminer": lambda pdf: str(extract_text(pdf)),
    "pdfium": _pdfium,
    "poppler-tags": _poppler_tags,
}


def _missing(blocks: list[str], text: str) -> list[str]:
    found = _normalise(text)
    return [block for block in blocks if _normalise(block) not in found]


@pytest.mark.parametrize("reader", sorted(READERS))
def test_arabic_reads_in_logical_order(renders: Renders, reader: str) -> None:
    """Every Arabic paragraph, heading and label without a Latin or digit run inside."""
    blocks = [block for block in _blocks(ARABIC) if _one_direction(block)]
    assert len(blocks) >= 10, blocks
    pdf = renders.only(ARABIC, "pdf")
    missing = _missing(blocks, READERS[reader](pdf))
    assert not missing, f"{reader}: {len(missing)} of {len(blocks)} not found: {missing[:3]}"


def _arabic_words(text: str) -> set[str]:
    """Arabic words, letters only: the vowel marks dropped (as search engines do)."""
    letters = "".join(
        char for char in unicodedata.normalize("NFKC", text) if unicodedata.category(char) != "Mn"
    )
    return set(re.findall(r"[\u0621-\u064a\u0671-\u06d3]+", letters))


@pytest.mark.parametrize("reader", sorted(READERS))
def test_arabic_words_come_whole(renders: Renders, reader: str) -> None:
    """Every Arabic word of the page is one word for every reader, so that searching the
    PDF finds it: poppler took a gap of 0.03 em that Amiri's kerning leaves between two
    letters for a space ("تعز يز", "فر يق")."""
    words = set().union(*map(_arabic_words, _blocks(ARABIC)))
    assert len(words) >= 40, words
    found = _arabic_words(READERS[reader](renders.only(ARABIC, "pdf")))
    missing = sorted(words - found)
    assert not missing, f"{reader}: {len(missing)} of {len(words)} split: {missing[:5]}"


def test_mixed_direction_lines_read_in_logical_order_through_the_tags(
    renders: Renders,
) -> None:
    """Lines mixing Arabic with Latin names and numbers too, read through the tags (the
    way a screen reader's PDF reader takes them: element by element, in stream order)."""
    blocks = _blocks(ARABIC)
    assert any(has_rtl(block) and not _one_direction(block) for block in blocks)
    missing = _missing(blocks, _poppler_tags(renders.only(ARABIC, "pdf")))
    assert not missing, missing[:3]


@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_latin_heading_in_an_arabic_brief_keeps_its_word_order(
    tmp_path: Path, reader: str
) -> None:
    """A heading's last two words are held together: with a span, WeasyPrint placed the
    span's box left of the first words in a right-to-left line ("BY YEAR REFERRALS")."""
    text = ARABIC.read_text(encoding="utf-8").replace(
        "  - kind: findings\n", "  - kind: findings\n    heading: Referrals by year\n"
    )
    pdf = render_text(text, tmp_path, "arabic-latin-heading")["pdf"]
    assert "REFERRALSBYYEAR" in _normalise(READERS[reader](pdf)).upper()


def test_an_arabic_brief_draws_the_text_of_its_svg_figure(tmp_path: Path) -> None:
    """A figure's SVG has text of its own (a chart's labels: "35%", "2021"), laid out by
    WeasyPrint's SVG code: its text boxes have no width. Drawn after an Arabic line that
    goes on in another box (corpus brief 106), text.py's bridges asked for that width, and
    the figure failed to draw ("the PDF engine could not draw the SVG image")."""
    pdf = render_brief(generated_brief(106, tmp_path), output_dir=tmp_path / "out", formats=["pdf"])
    labels = _normalise(_poppler_raw(pdf[0].path))
    assert all(label in labels for label in ("35%", "80%", "2021", "2024")), labels


def _address_lines(brief: Path) -> list[str]:
    """The lines of the contact address, as the page breaks them (at each ``<br>``)."""
    html = render_html(load_brief(brief), for_print=True)
    address = re.search(r"<address>(.*?)</address>", html, flags=re.DOTALL)
    assert address, "no contact address"
    lines = (re.sub(r"<[^>]+>", "", line) for line in re.split(r"<br\s*/?>", address[1]))
    return [unescape(line).strip() for line in lines if line.strip()]


def _without_vowel_marks(text: str) -> str:
    return "".join(char for char in text if unicodedata.category(char) != "Mn")


def test_mixed_direction_lines_read_in_logical_order_by_pdftotext(renders: Renders) -> None:
    """Every paragraph, heading, list item and address line, those mixing Arabic with Latin
    codes, numbers and web addresses too, in pdftotext's default mode, which orders
    characters by where they stand and runs its own bidi pass: it read "(GLOT59)" as
    "()GLOT59", "GLOT92." as ".GLOT92" and put the colon of "البريد الإلكتروني:" after
    the e-mail address beside it, until an invisible RIGHT-TO-LEFT MARK stood between such
    a run and the neutral character beside it (briefgen/render/pdf/text.py).

    Vowel marks aside: pdftotext places a mark by where it stands too, and the shadda of
    "نفّذ" stands right of its letter's start, so it reads "نّفذ" (PDFium too)."""
    blocks = [*_blocks(ARABIC), *_address_lines(ARABIC)]
    mixed = [block for block in blocks if has_rtl(block) and not _one_direction(block)]
    assert len(mixed) >= 6, mixed
    text = _without_vowel_marks(_normalise(_poppler(renders.only(ARABIC, "pdf"))))
    missing = [block for block in blocks if _without_vowel_marks(_normalise(block)) not in text]
    assert not missing, f"{len(missing)} of {len(blocks)} not found: {missing[:3]}"


# Not PDFium: it orders characters by where they stand, and its own bidi pass reverses the
# parts of a Latin or digit run ("GLOT59" reads "59GLOT"), whatever the content stream
# holds. Not pdftotext on the example: a vowel mark and a column break split a paragraph
# there (docs/standards.md); arabic.yaml is its test, above. MuPDF is not among READERS:
# it leaves out text its clip hides, so the headings hidden by print.css ("للاتصال").
MIXED_CASES = [
    (ARABIC, "pdfminer"),
    (ARABIC_EXAMPLE, "pdfminer"),
    (ARABIC_EXAMPLE, "poppler-tags"),
    (ARABIC, "mupdf"),
    (ARABIC_EXAMPLE, "mupdf"),
]


@pytest.mark.parametrize(
    ("brief", "reader"), MIXED_CASES, ids=[f"{b.stem}-{r}" for b, r in MIXED_CASES]
)
def test_mixed_direction_lines_read_whole_and_in_logical_order(
    renders: Renders, brief: Path, reader: str
) -> None:
    """Every paragraph, heading, list item and address line that mixes Arabic with Latin
    codes, numbers and web addresses. pdfminer makes a line of characters that follow each
    other in the stream and stand side by side: drawn in logical order, a left-to-right run
    starts at its far end, and each run was a line of its own (")", "GLOT59", "(") until
    an invisible bridge that shows no text spanned it (briefgen/render/pdf/text.py).
    MuPDF read the Arabic words of a line holding an invisible right-to-left mark
    reversed, and each bridge as a stray "G", until both were drawn in an empty clip."""
    blocks = [*_blocks(brief), *_address_lines(brief)]
    mixed = [block for block in blocks if has_rtl(block) and not _one_direction(block)]
    assert len(mixed) >= 8, mixed
    read = {**READERS, "mupdf": _mupdf}[reader]
    text = _without_vowel_marks(_normalise(read(renders.only(brief, "pdf"))))
    missing = [block for block in mixed if _without_vowel_marks(_normalise(block)) not in text]
    assert not missing, f"{reader}: {len(missing)} of {len(mixed)} not found: {missing[:3]}"


@pytest.mark.parametrize(
    "reader", ["mupdf", "pdfium", "pdftotext", "pdftotext-raw", "poppler-tags"]
)
def test_bridges_show_no_text(
    renders: Renders, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reader: str
) -> None:
    """The bridges that keep pdfminer's lines whole are nothing to the other readers:
    poppler skips a glyph that maps to no text, PDFium a text object whose glyph has no
    outline, MuPDF text outside the clip (it read each bridge as a stray "G", its glyph
    number). Each reads the page character for character as it does without them."""
    read = {**READERS, **STREAM_READERS, "mupdf": _mupdf}[reader]
    bridged = renders.only(ARABIC, "pdf")
    monkeypatch.setattr(pdf_text, "_bridge_glyph", lambda font: None)
    (without,) = render_brief(ARABIC, ["pdf"], tmp_path)
    assert str(extract_text(bridged)) != str(extract_text(without.path))  # bridges were off
    assert read(bridged) == read(without.path)


def test_a_fault_in_the_bridges_costs_no_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bridges help other programs read the page; a bug in them (an SVG's text boxes
    without a width made the render fail) must not cost the user the PDF."""

    def broken(*_: object) -> None:
        raise AttributeError("a bug in the bridges")

    monkeypatch.setattr(pdf_text, "_bridge_carrier", broken)
    (pdf,) = render_brief(ARABIC, ["pdf"], tmp_path)
    assert not _missing(_blocks(ARABIC), _poppler_tags(pdf.path))


# Not pdftotext: the invisible mark that keeps a bracket beside a Latin run works within
# one box, and it reads "(GLOT59)" with the code in a box of its own as "()GLOT59".
@pytest.mark.parametrize("reader", ["pdfminer", "poppler-tags"])
def test_latin_boxes_in_an_arabic_line_read_in_place(tmp_path: Path, reader: str) -> None:
    """A link or a bold code in an Arabic line is a box of its own that WeasyPrint draws
    left to right: it has its bridges too, at the start of a line as after a bracket
    (pdfminer read "UNODC" and "GLOT59" as lines of their own, away from their item)."""
    items = [
        "[UNODC](https://www.unodc.org) يدعم البرنامج منذ عام 2008.",
        "يدعم البرنامج (**GLOT59**) منذ عام 2008.",
    ]
    text = ARABIC.read_text(encoding="utf-8").replace(
        "      - وضع استراتيجية لجمع الأموال.\n",
        "      - وضع استراتيجية لجمع الأموال.\n" + "".join(f'      - "{i}"\n' for i in items),
    )
    pdf = render_text(text, tmp_path, "arabic-latin-boxes")["pdf"]
    read = _normalise(READERS[reader](pdf))
    shown = ["UNODC يدعم البرنامج منذ عام 2008.", "يدعم البرنامج (GLOT59) منذ عام 2008."]
    missing = [line for line in shown if _normalise(line) not in read]
    assert not missing, f"{reader}: {missing}"


def test_the_arabic_example_reads_whole_through_the_tags(renders: Renders) -> None:
    """Every paragraph, heading, list item and address line of the Arabic example, vowel
    marks and all. A mark that Amiri draws as a glyph of its own beside another (the fatha
    and the shadda of "المهرَّبين") carried its cluster's text as /ActualText, and poppler
    ends an element's text at the end of a marked-content sequence inside it: the
    paragraph stopped at "المهرَ"."""
    blocks = [*_blocks(ARABIC_EXAMPLE), *_address_lines(ARABIC_EXAMPLE)]
    missing = _missing(blocks, _poppler_tags(renders.only(ARABIC_EXAMPLE, "pdf")))
    assert not missing, f"{len(missing)} of {len(blocks)} not found: {missing[:3]}"


def test_pdfium_reads_no_vowel_mark_twice(renders: Renders) -> None:
    """The same /ActualText made the readers that honour it (PDFium) read the shadda of
    "المهرَّبين" twice: once from the span, once from its own glyph."""
    text = _pdfium(renders.only(ARABIC_EXAMPLE, "pdf"))
    doubled = re.search(r"([\u064b-\u0652])\1", text)
    assert doubled is None, text[max(doubled.start() - 20, 0) : doubled.end() + 5]


def test_mirrored_bracket_is_read_as_written(renders: Renders) -> None:
    """In a right-to-left run '(' is drawn with the glyph of ')'; the glyph carries its
    text as /ActualText. (Read through the tags: PDFium's page reader runs its own bidi
    pass over mixed lines and moves brackets and digits about; pdftotext's is tested
    above.)"""
    text = _normalise(_poppler_tags(renders.only(ARABIC, "pdf")))
    assert "بالأشخاص(GLOT59)" in text


LTR_CASES = [
    (brief, reader) for brief in (CHINESE, RUSSIAN, REFERENCE_BRIEF) for reader in sorted(READERS)
]


def _footer(brief: Path) -> re.Pattern[str]:
    """The running footer (series, "Page n / m") as the text readers give it: an artifact,
    which readers that ignore the tags read where the page ends, so between the two halves
    of a paragraph that a page break parts (the Russian example's findings)."""
    loaded = load_brief(brief).brief
    labels = labels_for(loaded.language)
    series = f"{loaded.organisation.acronym or ''}{to_plain(loaded.series or labels.series)}"
    return re.compile(
        re.escape(_normalise(series))
        + re.escape(_normalise(labels.page))
        + r"\d+"
        + re.escape(_normalise(labels.page_of))
        + r"\d+"
    )


def _without_footers(brief: Path, text: str) -> str:
    return _footer(brief).sub("", _normalise(text))


@pytest.mark.parametrize(("brief", "reader"), LTR_CASES)
def test_left_to_right_scripts_read_whole(renders: Renders, brief: Path, reader: str) -> None:
    """Paragraphs, headings (hidden ones too) and list items come back whole. pdftotext's
    default mode orders text by where it stands: on the reference's page 1 it read the
    quick facts' last entries between the lines of the paragraph beside them, which ran
    on under the box, until the box ended level with that paragraph's end
    (sidebar_foot.paragraph_end). A paragraph that a page break parts is whole once the
    footer between its halves is left out."""
    pdf = renders.only(brief, "pdf")
    text = _comparable(brief, _without_footers(brief, READERS[reader](pdf)))
    blocks = [_comparable(brief, block) for block in _blocks(brief)]
    missing = _missing(blocks, text)
    assert not missing, f"{reader}: {len(missing)} of {len(blocks)} not found: {missing[:3]}"


# Content order (issue 27, item 2): readers that ignore the tags take the text in the order
# of the content stream: PDFium, poppler's -raw mode, copy and paste in many viewers.


def _poppler_raw(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


STREAM_READERS = {"pdftotext-raw": _poppler_raw, "pdfium": _pdfium}


class _ListItems(HTMLParser):
    """Each list item's number (None in a bulleted list) and text."""

    def __init__(self) -> None:
        super().__init__()
        self.lists: list[list[int | None]] = []  # [next number or None] per open list
        self.current: list[str] | None = None
        self.items: list[tuple[int | None, str]] = []
        self.number: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("ol", "ul"):
            self.lists.append([1 if tag == "ol" else None])
        elif tag == "li" and self.lists:
            self.number = self.lists[-1][0]
            if self.number is not None:
                self.lists[-1][0] = self.number + 1
            self.current = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ol", "ul") and self.lists:
            self.lists.pop()
        elif tag == "li" and self.current is not None:
            self.items.append((self.number, "".join(self.current)))
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.current is not None:
            self.current.append(data)


def _comparable(brief: Path, text: str) -> str:
    return text.casefold() if brief in CASED else text


@pytest.mark.parametrize("reader", sorted(STREAM_READERS))
@pytest.mark.parametrize(
    "brief", [REFERENCE_BRIEF, ARABIC, CHINESE, RUSSIAN], ids=lambda path: path.stem
)
def test_content_order_is_reading_order(renders: Renders, brief: Path, reader: str) -> None:
    """Masthead, title, quick facts, body, each in the order the brief has them: every
    paragraph, heading and list item comes after the one before it. (Arabic blocks with
    Latin or digits inside are left to the tags: these readers' own bidi pass reorders
    such lines, see the tests above.)"""
    read = STREAM_READERS[reader](renders.only(brief, "pdf"))
    text = _comparable(brief, _without_footers(brief, read))
    blocks = [block for block in _blocks(brief) if not has_rtl(block) or _one_direction(block)]
    assert len(blocks) >= 10, blocks
    position, late = 0, []
    for block in blocks:
        found = text.find(_comparable(brief, _normalise(block)), position)
        if found < 0:
            late.append(block)
        else:
            position = found
    assert not late, f"{reader}: {len(late)} of {len(blocks)} out of order: {late[:3]}"


@pytest.mark.parametrize("reader", sorted([*STREAM_READERS, "pdfminer"]))
@pytest.mark.parametrize(
    "brief", [REFERENCE_BRIEF, ARABIC, CHINESE, RUSSIAN], ids=lambda path: path.stem
)
def test_list_numbers_come_with_their_items(renders: Renders, brief: Path, reader: str) -> None:
    """Each list item's number (or bullet) right before its text, not all of a page's
    numbers together after everything else. (pdfminer orders by position, but joins a
    line from the characters in stream order: the number drawn last stood alone.) In a
    right-to-left line PDFium's bidi pass writes "1." as ".1"; either is the number
    beside its item."""
    parser = _ListItems()
    parser.feed(render_html(load_brief(brief), for_print=True))
    assert parser.items
    read = {**READERS, **STREAM_READERS}[reader]
    text = _comparable(brief, _normalise(read(renders.only(brief, "pdf"))))
    apart = []
    for number, item in parser.items:
        start = _comparable(brief, _normalise(item))[:8]
        marks = ["•"] if number is None else [f"{number}.", f".{number}"]
        if not any(mark + start in text for mark in marks):
            apart.append((number, item))
    assert not apart, f"{reader}: {len(apart)} of {len(parser.items)}: {apart[:3]}"

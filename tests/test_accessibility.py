"""Accessible output: every PDF standard briefgen offers passes tests/pdfcheck.py, and the
web page passes axe-core in headless Chromium.

The PDF checks are machine-checkable rules only (see pdfcheck's docstring); veraPDF is the
reference and is not available here. Whether alt text is *good* needs a person.
"""

from __future__ import annotations

import re
import struct
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pytest

from briefgen.api import LoadedBrief, RenderOptions, load_brief, render_loaded
from briefgen.model.theme import PDF_VARIANTS
from tests.browser import format_violations, run_axe, screenshot
from tests.cli_runner import invoke
from tests.conftest import REFERENCE_BRIEF, SMALL_BRIEF
from tests.pdf_structure import structure_headings
from tests.pdfcheck import check_pdf

FIGURE_BRIEF = SMALL_BRIEF.split("  - kind: recommendations")[0] + (
    "  - kind: figure\n    image: map.png\n    caption: Villages reached\n"
)
ALT = "Map of the 40 villages the programme reached"


def _png(width: int, height: int) -> bytes:
    """A small valid RGB PNG, made here so the test needs no binary fixture."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x20\x60\xa0" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = chunk(b"IDAT", zlib.compress(rows))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + idat + chunk(b"IEND", b"")


@pytest.fixture(scope="module")
def reference() -> LoadedBrief:
    return load_brief(REFERENCE_BRIEF)


def _figure_brief(folder: Path, extra: str) -> Path:
    (folder / "map.png").write_bytes(_png(40, 20))
    path = folder / "figure.yaml"
    path.write_text(FIGURE_BRIEF + extra, encoding="utf-8")
    return path


def _assert_tagged_and_described(pdf_path: Path) -> None:
    """What every variant carries, even those (level b) whose standard does not ask."""
    with pikepdf.open(pdf_path) as pdf:
        assert str(pdf.Root.Lang) == "en"
        assert str(pdf.docinfo.get("/Title", "")) or b"dc:title" in pdf.Root.Metadata.read_bytes()
        assert "/StructTreeRoot" in pdf.Root
        assert bool(pdf.Root.MarkInfo.Marked)


@pytest.mark.parametrize("variant", PDF_VARIANTS)
def test_reference_brief_passes_the_checker(
    reference: LoadedBrief, tmp_path: Path, variant: str
) -> None:
    (result,) = render_loaded(reference, ["pdf"], tmp_path, RenderOptions(pdf_variant=variant))
    assert result.pages == 2
    assert check_pdf(result.path, None if variant == "none" else variant) == []
    _assert_tagged_and_described(result.path)


@pytest.mark.parametrize("variant", ["pdf/ua-1", "pdf/ua-2", "pdf/a-2b", "pdf/a-3u", "pdf/a-3a"])
def test_figure_alt_text_reaches_the_pdf(tmp_path: Path, variant: str) -> None:
    brief = load_brief(_figure_brief(tmp_path, f"    alt: {ALT}\n"))
    (result,) = render_loaded(brief, ["pdf"], tmp_path / "out", RenderOptions(pdf_variant=variant))
    assert check_pdf(result.path, variant) == []
    with pikepdf.open(result.path) as pdf:
        figures = [
            obj
            for obj in pdf.objects
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == "/Figure"
        ]
        assert [str(figure.Alt) for figure in figures] == [ALT]


def test_decorative_figure_is_an_artifact(tmp_path: Path) -> None:
    brief = load_brief(_figure_brief(tmp_path, "    decorative: true\n"))
    (result,) = render_loaded(brief, ["pdf"], tmp_path / "out")  # default: PDF/UA-1
    assert check_pdf(result.path, "pdf/ua-1") == []


def test_figure_without_alt_is_a_validation_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _figure_brief(tmp_path, "")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    result = invoke("render", "figure.yaml", "-o", "out")
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[0] == (
        "figure.yaml:11:5: sections[1]: a figure with an image needs 'alt' text for readers "
        "who cannot see it (describe the image in 'alt: ...', or set 'decorative: true' if "
        "it carries no content)"
    )
    assert not (tmp_path / "out" / "figure.pdf").exists()


class _Headings(HTMLParser):
    """The web page's headings: (level, text, hidden from sight) in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[int, str, bool]] = []
        self.current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            hidden = "visually-hidden" in (dict(attrs).get("class") or "").split()
            self.headings.append((int(tag[1]), "", hidden))
            self.current = []

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag) and self.current is not None:
            level, _, hidden = self.headings[-1]
            self.headings[-1] = (level, "".join(self.current), hidden)
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.current is not None:
            self.current.append(data)


def _same_words(text: str) -> str:
    """Headings are set in capitals and broken over lines on the page: compare letters."""
    return re.sub(r"\s+", "", text).casefold()


def test_every_heading_of_the_web_page_is_in_the_pdf_structure(
    reference_outputs: dict[str, Path],
) -> None:
    """Hidden ones too (show_heading: false, the contact block's): tagged for screen
    readers, as the HTML has them, and drawn on the page (clipped to nothing), so that
    readers that drop text drawn off the page do not find them empty."""
    parser = _Headings()
    parser.feed(reference_outputs["html"].read_text(encoding="utf-8"))
    expected = [(f"H{level}", _same_words(text)) for level, text, _ in parser.headings]
    hidden = [_same_words(text) for _, text, is_hidden in parser.headings if is_hidden]
    assert len(hidden) == 4  # Figure, Lessons learned, Best practices, Contact
    in_pdf = structure_headings(reference_outputs["pdf"])
    assert [(heading.level, _same_words(heading.text)) for heading in in_pdf] == expected
    drawn_off_page = [_same_words(heading.text) for heading in in_pdf if not heading.on_page]
    assert drawn_off_page == []


def test_html_has_no_axe_violations(reference_outputs: dict[str, Path]) -> None:
    violations = run_axe(reference_outputs["html"])
    assert violations == [], format_violations(violations)


def test_html_at_phone_width(reference_outputs: dict[str, Path], tmp_path: Path) -> None:
    """A 390 px screenshot (iPhone 12-15 width); inspected by eye when the templates change.

    Chromium writes exactly the requested size, so the page did not force a wider viewport.
    """
    png = tmp_path / "phone.png"
    screenshot(reference_outputs["html"], png, 390, 1600)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

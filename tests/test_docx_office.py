"""A real office suite opens the DOCX: LibreOffice converts it to PDF, and the text is there.

One LibreOffice start converts the three files (the reference brief, a hostile one and
the Arabic example): the
start-up is most of the cost (about 4 s measured; figures belong in bench/, not here).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import docx

from briefgen.api import load_brief
from briefgen.render.view.typography import Typesetter, Typography
from tests.cli_runner import invoke
from tests.conftest import EVIDENCE_BRIEF, ROOT, SMALL_BRIEF, Renders
from tests.test_pipeline import normalise, reference_sentences

HOSTILE_TITLE = '<w:t>x</w:t> & { DDE "cmd.exe" "/c calc" } ]]> {{ 7*7 }}'
FOOTER_LINE = re.compile(r"^\s*(UNODC Briefs|Evaluation brief)?\s*(Page \d+ / \d+)?\s*$")


def convert_with_libreoffice(
    files: list[Path], folder: Path, env: dict[str, str] | None = None
) -> list[Path]:
    """PDFs of ``files`` from one headless LibreOffice, with a profile of its own."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is missing: run scripts/install-system-deps.sh --test"
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), *map(str, files)],
        check=True, capture_output=True, timeout=180, env=env,
    )  # fmt: skip
    return [folder / f"{path.stem}.pdf" for path in files]


def without_brand_fonts(folder: Path) -> dict[str, str]:
    """An environment whose fontconfig knows DejaVu only: a reader's machine without the
    brief's fonts (this one has Debian's Noto CJK installed for the PDF engine)."""
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<fontconfig>\n'
        "  <dir>/usr/share/fonts/truetype/dejavu</dir>\n"
        f"  <cachedir>{folder / 'cache'}</cachedir>\n</fontconfig>\n"
    )
    return {**os.environ, "FONTCONFIG_FILE": str(config)}


def pdf_font_names(path: Path) -> set[str]:
    """The fonts ``pdffonts`` lists in a PDF, without their subset prefix (``ABCDEF+``)."""
    lines = subprocess.run(
        ["pdffonts", str(path)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    return {line.split()[0].split("+")[-1] for line in lines if line.strip()}


def pdf_text(path: Path, *, raw: bool = False) -> str:
    """The PDF's text without the footer lines a page break puts inside a paragraph.

    ``raw``: in the order it was drawn, a table cell's lines together, where pdftotext's
    reading-order guess puts a two-line label's second line after the next row's value
    (but right-to-left lines come out reversed)."""
    options = ["-raw"] if raw else []
    text = subprocess.run(
        ["pdftotext", *options, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return "\n".join(line for line in text.splitlines() if not FOOTER_LINE.match(line))


def test_libreoffice_opens_the_docx_and_shows_every_sentence(
    reference_outputs: dict[str, Path], renders: Renders, tmp_path: Path
) -> None:
    hostile = tmp_path / "hostile.yaml"
    quoted = HOSTILE_TITLE.replace('"', '\\"')
    hostile.write_text(SMALL_BRIEF.replace("Clean Water Programme", f'"{quoted}"'))
    result = invoke("render", str(hostile), "-f", "docx", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    arabic = ROOT / "data" / "examples" / "brief-ar.yaml"

    reference_pdf, hostile_pdf, arabic_pdf = convert_with_libreoffice(
        [reference_outputs["docx"], tmp_path / "hostile.docx", renders.only(arabic, "docx")],
        tmp_path / "pdf",
    )

    haystack = normalise(pdf_text(reference_pdf, raw=True))
    missing = [s for s in reference_sentences() if normalise(s) not in haystack]
    assert not missing, f"{len(missing)} sentences missing from LibreOffice's PDF: {missing[:3]}"
    whole = subprocess.run(
        ["pdftotext", str(hostile_pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    # Shown as typed (in the PDF's typography: curly quotes), wherever lines wrap.
    assert Typesetter(Typography()).piece(HOSTILE_TITLE) in " ".join(whole.split())
    assert "Page 1 / 1" in whole  # the PAGE and NUMPAGES fields were computed

    # The Arabic brief opens too, its words in Arabic letters. pdftotext may reorder the
    # words of a right-to-left line and splits the lam-alef ligatures, so words without
    # one are compared, after dropping the bidi controls it writes around runs.
    extracted = unicodedata.normalize("NFKC", pdf_text(arabic_pdf))
    unmarked = re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", extracted)
    arabic_words = {word.strip("،.؛:()") for word in unmarked.split()}
    background = load_brief(arabic).brief.sections[0].sections[0].text[0]
    words = [w.strip("،.؛:()") for w in background.split()]
    words = [w for w in words if re.fullmatch("[\u0621-\u064a]+", w)]
    words = [w for w in words if not re.search("\u0644[\u0622\u0623\u0625\u0627]", w)]
    found = [word for word in words if word in arabic_words]
    assert len(words) > 20 and len(found) >= 0.9 * len(words), (len(found), len(words))


def test_libreoffice_draws_the_docx_in_its_embedded_fonts(renders: Renders, tmp_path: Path) -> None:
    # The machine's own fonts are hidden from LibreOffice but DejaVu: what it draws in
    # Source Sans 3, Amiri or Noto Sans CJK it can only have from the DOCX itself.
    environment = without_brand_fonts(tmp_path / "fontconfig")
    fonts_seen = subprocess.run(
        ["fc-list", ":", "family"], check=True, capture_output=True, text=True, env=environment
    ).stdout
    assert "Source Sans" not in fonts_seen and "Noto Sans CJK" not in fonts_seen
    examples = ROOT / "data" / "examples"
    english = renders.only(ROOT / "data" / "brief.yaml", "docx")
    arabic = renders.only(examples / "brief-ar.yaml", "docx")
    chinese = renders.only(examples / "brief-zh.yaml", "docx")
    russian = renders.only(examples / "brief-ru.yaml", "docx")

    # The Russian brief in a LibreOffice of its own: LibreOffice keeps the first embedded
    # subset of a family for its whole session (README: "Word output"), and the English
    # brief's Source Sans 3 has no Cyrillic.
    pdfs = convert_with_libreoffice([english, arabic, chinese], tmp_path / "pdf", environment)
    pdfs += convert_with_libreoffice([russian], tmp_path / "pdf-ru", environment)

    english_fonts, arabic_fonts, chinese_fonts, russian_fonts = map(pdf_font_names, pdfs)
    assert {"SourceSans3-Regular", "SourceSans3-Bold", "SourceSans3-Italic"} <= english_fonts
    for used in (english_fonts, arabic_fonts, chinese_fonts, russian_fonts):
        assert not [name for name in used if name.startswith("DejaVu")], used
    assert {"Amiri-Regular", "Amiri-Bold"} <= arabic_fonts
    # Noto's CFF outlines keep their own PostScript name: NotoSansCJKjp-Regular-...
    cjk = sorted(name for name in chinese_fonts if name.startswith("NotoSansCJK"))
    assert [name for name in cjk if "-Regular" in name] and [n for n in cjk if "-Bold" in n]
    assert "SourceSans3-Regular" in russian_fonts  # Cyrillic in the embedded Latin font


def page_texts(pdf: Path) -> list[list[str]]:
    """Each page's lines, without the footer and blank lines."""
    text = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = text.split("\f")[:-1]
    return [[line for line in page.splitlines() if line.strip() and not FOOTER_LINE.match(line)
             and not re.match(r"^\s*(EEO|UNODC) .*Page \d+ / \d+\s*$", line)]
            for page in pages]  # fmt: skip


def page_of(pages: list[list[str]], start: str) -> int:
    """The page (from 0) of the first line that starts with ``start``."""
    found = [n for n, lines in enumerate(pages) for line in lines if line.startswith(start)]
    assert found, f"no line starts with {start!r}"
    return found[0]


def test_libreoffice_keeps_whole_what_the_pdf_keeps_whole(
    reference_outputs: dict[str, Path], renders: Renders, tmp_path: Path
) -> None:
    evidence = renders.only(EVIDENCE_BRIEF, "docx")
    reference_pdf, evidence_pdf = convert_with_libreoffice(
        [reference_outputs["docx"], evidence], tmp_path / "pdf"
    )
    reference_pages, evidence_pages = page_texts(reference_pdf), page_texts(evidence_pdf)
    # The contact block: one page, from its unit to its web address.
    for pages, first, last in (
        (reference_pages, "Independent Evaluation Unit (IEU)", "E-mail: ieu@unodc.org"),
        (evidence_pages, "Independent Evaluation Section (", "https://example.org/evaluation"),
    ):
        assert page_of(pages, first) == page_of(pages, last), (first, pages)
    # The map with its caption, legend and disclaimer; the chart with its caption, legend.
    images = subprocess.run(
        ["pdfimages", "-list", str(evidence_pdf)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    image_pages = [int(line.split()[0]) - 1 for line in images if line.split()[2] == "image"]
    map_page, chart_page = image_pages
    for start in ("Countries covered by the evaluation", "Field mission:", "The boundaries"):
        assert page_of(evidence_pages, start) == map_page, start
    for start in ("Migrants referred to shelters", "With a referral agreement"):
        assert page_of(evidence_pages, start) == chart_page, start
    # A short table is never split: its caption, header and last row on one page.
    for first, last in (
        ("Selected indicators", "Cases prosecuted"),
        ("The chart's data", "2024"),
        ("No. Response Action", "Responsible: Training unit"),
    ):
        assert page_of(evidence_pages, first) == page_of(evidence_pages, last), first
    # No heading ends a page.
    headings = {
        paragraph.text.upper()
        for path in (reference_outputs["docx"], evidence)
        for paragraph in docx.Document(str(path)).paragraphs
        if paragraph.style is not None and str(paragraph.style.name).startswith("Heading")
    }
    for pages in (reference_pages, evidence_pages):
        for lines in pages[:-1]:
            assert lines[-1].upper() not in headings, lines[-1]

"""The reference brief through the whole pipeline, checked as a reader would check it."""

from __future__ import annotations

import html
import logging
import os
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pytest

from briefgen.api import load_brief
from briefgen.render.html import render_html
from briefgen.render.markdown import render_markdown
from tests.conftest import REFERENCE_BRIEF, ROOT
from tests.layout_check import collisions

SEED = ROOT / "tests" / "reference" / "seed.txt"
GOLDEN = ROOT / "tests" / "golden"
A4_POINTS = (595.28, 841.89)


def normalise(text: str) -> str:
    """Letters and digits only: words in order, whatever the line breaks and hyphenation."""
    return re.sub(r"[^0-9a-z]", "", text.lower().replace("\u2019", "'"))


def reference_sentences() -> list[str]:
    """Every sentence (and heading, label, line) of the published brief's text."""
    text = SEED.read_text(encoding="utf-8")
    units = []
    for line in text.splitlines():
        units += [part for part in re.split(r"(?<=[.;?!])\s+", line) if normalise(part)]
    return units


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"style", "script", "title"}:
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"style", "script", "title"}:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(markup: str) -> str:
    parser = _TextExtractor()
    parser.feed(markup)
    return html.unescape(" ".join(parser.parts))


RUNNING_FOOTER = re.compile(r"^(UNODC Briefs)? ?(Page \d+ / \d+)?$")


def pdf_text(path: Path) -> str:
    """The PDF's text in reading order, without the running footer of each page."""
    text = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return "\n".join(line for line in text.splitlines() if not RUNNING_FOOTER.match(line.strip()))


@pytest.mark.parametrize("fmt", ["pdf", "html", "md"])
def test_every_sentence_of_the_reference_appears(
    reference_outputs: dict[str, Path], fmt: str
) -> None:
    path = reference_outputs[fmt]
    if fmt == "pdf":
        text = pdf_text(path)
    elif fmt == "html":
        text = html_text(path.read_text(encoding="utf-8"))
    else:
        text = path.read_text(encoding="utf-8").replace("<br>", " ")
    haystack = normalise(text)
    missing = [
        sentence for sentence in reference_sentences() if normalise(sentence) not in haystack
    ]
    assert not missing, f"{len(missing)} sentences missing from the {fmt}: {missing[:3]}"


def test_pdf_is_two_a4_pages_with_metadata(reference_outputs: dict[str, Path]) -> None:
    with pikepdf.open(reference_outputs["pdf"]) as pdf:
        assert len(pdf.pages) == 2
        for page in pdf.pages:
            width, height = (float(value) for value in page.mediabox[2:])
            assert (round(width, 1), round(height, 1)) == (
                round(A4_POINTS[0], 1),
                round(A4_POINTS[1], 1),
            )
        info = pdf.docinfo
        assert str(info["/Title"]).startswith("The Global Programme Against Trafficking")
        assert str(info["/Author"]) == "United Nations Office on Drugs and Crime"
        assert "In-depth mid-term cluster evaluation" in str(info["/Subject"])
        assert "GLOT59" in str(info["/Keywords"])
        assert str(pdf.Root.Lang) == "en"
        with pdf.open_outline() as outline:
            top = [item.title for item in outline.root]
            sections = [child.title for child in outline.root[0].children]
            subsections = [
                item.title for child in outline.root[0].children for item in child.children
            ]
        assert top == [
            "The Global Programme Against Trafficking in Persons (TIP) GLOT59 and the Global "
            "Programme Against Smuggling of Migrants (SOM) GLOT92"
        ]
        assert sections == [
            "Quick facts",
            "Background and context",
            "Results",
            "Lessons learned and best practices",
        ]
        assert "Main recommendations" in subsections
        uris = [
            str(annotation.A.URI)
            for page in pdf.pages
            for annotation in page.get("/Annots", [])
            if "/A" in annotation and "/URI" in annotation.A
        ]
        assert "https://tinyurl.com/IDE-TIP-SOM" in uris
        assert "mailto:ieu@unodc.org" in uris


def test_pdf_embeds_only_the_packaged_fonts(reference_outputs: dict[str, Path]) -> None:
    listing = subprocess.run(
        ["pdffonts", str(reference_outputs["pdf"])], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    assert listing, "no fonts listed"
    for line in listing:
        name = line.split()[0].split("+", 1)[1]
        assert name.startswith("briefgen-Source-Sans"), line
        assert " yes yes " in line, f"not embedded and subset: {line}"


def test_pdf_engine_logs_no_warning(caplog: pytest.LogCaptureFixture) -> None:
    from briefgen.render.pdf.engine import PdfEngine
    from briefgen.render.pdf.print_job import print_job

    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        engine = PdfEngine()
        engine.layout(print_job(load_brief(REFERENCE_BRIEF)))
        engine.write()
    assert not [
        record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING
    ]


def test_html_is_semantic_and_self_contained(reference_outputs: dict[str, Path]) -> None:
    page = reference_outputs["html"].read_text(encoding="utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="en" dir="ltr">')
    for element in (
        "<header",
        "<main",
        "<aside",
        "<section",
        "<h2",
        "<ul>",
        "<figure",
        "<figcaption",
        "<address",
    ):
        assert element in page, element
    assert "<link" not in page and "@import" not in page
    assert not re.search(r"""(src|href)=["']?(?!https://tinyurl|mailto:|data:|#)[a-z]+:""", page)
    assert "<strong>lessons learned</strong>" in page and "<strong>best practices</strong>" in page


def test_markdown_reads_as_a_document(reference_outputs: dict[str, Path]) -> None:
    text = reference_outputs["md"].read_text(encoding="utf-8")
    assert "\n# The Global Programme Against Trafficking" in text
    assert "\n| Quick facts | |\n|---|---|\n| **Countries** | Global |" in text
    assert "\n### Main recommendations\n" in text
    assert "- Promote UNODC's strategic positioning" in text
    assert "The main **lessons learned** include: 1) Low regular budget" in text
    assert "[https://tinyurl.com/IDE-TIP-SOM](https://tinyurl.com/IDE-TIP-SOM)" in text


def without_stylesheets(page: str) -> str:
    """The document without its inline stylesheets and fonts: a golden file reviews the
    structure and text; a copy of the CSS would only mirror it (the look has the visual
    tests)."""
    return re.sub(r"<style>.*?</style>", "<style>(stylesheets)</style>", page, flags=re.S)


@pytest.mark.parametrize(
    ("name", "render"),
    [("brief.html", lambda loaded: render_html(loaded)), ("brief.md", render_markdown)],
)
def test_golden_files(name: str, render: object) -> None:
    """Reviewed outputs; regenerate with BRIEFGEN_UPDATE_GOLDEN=1 and read the diff."""
    actual = without_stylesheets(render(load_brief(REFERENCE_BRIEF)))  # type: ignore[operator]
    golden = GOLDEN / name
    if os.environ.get("BRIEFGEN_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"{golden} missing: run with BRIEFGEN_UPDATE_GOLDEN=1"
    assert actual == golden.read_text(encoding="utf-8"), (
        f"{name} differs from {golden}; if the change is intended, regenerate with "
        "BRIEFGEN_UPDATE_GOLDEN=1 and review the diff"
    )


def test_html_prints_from_a_browser(reference_outputs: dict[str, Path], tmp_path: Path) -> None:
    """Printed from Chromium, the web page keeps every sentence on A4, nothing overlapping."""
    from tests.browser import print_to_pdf

    printed = tmp_path / "printed.pdf"
    print_to_pdf(reference_outputs["html"], printed)
    with pikepdf.open(printed) as pdf:
        width, height = (float(value) for value in pdf.pages[0].mediabox[2:])
        assert len(pdf.pages) == 2  # as the PDF: two pages, not three
    assert (round(width), round(height)) == (595, 842)
    text = normalise(pdf_text(printed))
    missing = [s for s in reference_sentences() if normalise(s) not in text]
    assert not missing, f"{len(missing)} sentences missing when printed: {missing[:3]}"
    assert collisions(printed) == []

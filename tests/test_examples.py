"""The reference brief in the six UN languages (data/examples): each renders to two A4
pages, every sentence reaches the PDF, the web page and the Markdown, the PDF passes the
PDF/UA checks with its own /Lang, axe-core finds nothing, and only packaged fonts are
embedded."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from briefgen.api import load_brief
from tests.browser import format_violations, run_axe
from tests.conftest import ROOT, Renders
from tests.packaged_fonts import assert_only_packaged_fonts
from tests.pdfcheck import check_pdf
from tests.test_pipeline import html_text

EXAMPLES = ROOT / "data" / "examples"
# language -> (example file, output stem)
LANGUAGES = {
    "ar": ("brief-ar.yaml", "brief-ar"),
    "zh": ("brief-zh.yaml", "brief-zh"),
    "ru": ("brief-ru.yaml", "brief-ru"),
    "fr": ("brief-fr-es.yaml", "brief-fr-es.fr"),
    "es": ("brief-fr-es.yaml", "brief-fr-es.es"),
}
SENTENCE_END = re.compile(r"(?<=[.;?!。；？！؛])\s*")


@pytest.fixture(scope="session")
def examples(renders: Renders) -> dict[str, dict[str, Path]]:
    """Every example's outputs (the session's renders), by language then format."""
    return {
        language: renders.outputs(EXAMPLES / file)[stem]
        for language, (file, stem) in LANGUAGES.items()
    }


def normalise(text: str) -> str:
    """Letters and digits of any script, in order: whatever the line breaks, hyphenation,
    spaces, quotation marks and Arabic vowel marks (which PDF readers may drop)."""
    decomposed = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in decomposed if ch.isalnum() and unicodedata.category(ch) != "Mn")


def _texts(value: Any, skip: frozenset[str]) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for key, item in value.items() if key not in skip for t in _texts(item, skip)]
    if isinstance(value, list):
        return [t for item in value for t in _texts(item, skip)]
    return []


def sentences(language: str) -> list[str]:
    """Every sentence the example prints in ``language`` (metadata and addresses aside)."""
    file, _ = LANGUAGES[language]
    brief = load_brief(EXAMPLES / file, language=language).brief
    printed = brief.model_dump(
        mode="json", include={"organisation", "evaluation", "quick_facts", "sections", "contact"}
    )
    skip = frozenset(
        {"programmes", "report", "url", "website", "kind", "list_style"}
        | {"scale", "chart", "extent", "align"}  # evidence block settings, not printed
    )
    units: list[str] = []
    for text in _texts(printed, skip):
        plain = re.sub(r"\*\*|\*", "", text)
        units += [part for part in SENTENCE_END.split(plain) if normalise(part)]
    return units


def pdf_text(path: Path, *, right_to_left: bool = False) -> str:
    """The pages' text above the running footer, which would cut a sentence that goes on
    from one page to the next. Left to right, ``-raw`` keeps drawing order, which is
    reading order (the quick facts come before the text they sit beside); poppler only
    reorders right-to-left text in its default mode."""
    crop = ["-x", "0", "-y", "0", "-W", "596", "-H", "800"]  # the footer starts at 803 pt
    mode = [] if right_to_left else ["-raw"]
    return subprocess.run(
        ["pdftotext", *mode, *crop, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_every_sentence_reaches_each_format(
    examples: dict[str, dict[str, Path]], language: str
) -> None:
    outputs = examples[language]
    texts = {
        "pdf": normalise(pdf_text(outputs["pdf"], right_to_left=language == "ar")),
        "html": normalise(html_text(outputs["html"].read_text(encoding="utf-8"))),
        "md": normalise(outputs["md"].read_text(encoding="utf-8")),
    }
    units = sentences(language)
    assert len(units) > 60
    for fmt, text in texts.items():
        if fmt == "pdf" and language == "ar":
            continue  # below, word by word
        missing = [unit for unit in units if normalise(unit) not in text]
        assert not missing, f"{language} {fmt}: {len(missing)} sentences missing: {missing[:3]}"
    if language == "ar":
        # poppler rebuilds right-to-left lines from glyph positions and, across the columns
        # and the sidebar, sometimes puts a word on the wrong line or splits one: every
        # word of every sentence must still come back spelt right (a wrong ToUnicode map,
        # as Amiri's stacked ligatures gave, doubles or drops letters and fails here).
        text = texts["pdf"]
        missing = [word for unit in units for word in unit.split() if normalise(word) not in text]
        assert not missing, f"ar pdf: {len(missing)} words missing: {missing[:10]}"


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_two_a4_pages_pdf_ua_and_packaged_fonts(
    examples: dict[str, dict[str, Path]], language: str
) -> None:
    pdf = examples[language]["pdf"]
    with pikepdf.open(pdf) as document:
        assert len(document.pages) == 2
        assert [round(float(v)) for v in document.pages[0].MediaBox[2:]] == [595, 842]
        assert str(document.Root.Lang) == language
    assert check_pdf(pdf, "pdf/ua-1") == []
    assert_only_packaged_fonts(pdf)


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_web_page_has_no_axe_violations(
    examples: dict[str, dict[str, Path]], language: str
) -> None:
    page = examples[language]["html"]
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in page.read_text(encoding="utf-8")
    violations = run_axe(page)
    assert not violations, format_violations(violations)

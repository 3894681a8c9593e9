"""Branding, paper, colour contrast, the page-1 sidebar and user templates."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import yaml

from briefgen.api import load_brief, render_brief
from briefgen.errors import BriefError
from briefgen.model.theme import MUTED, TINT, WHITE, Theme, contrast_ratio
from briefgen.render.pdf.boxes import find
from briefgen.render.pdf.budget import check_sidebar
from briefgen.render.pdf.engine import PdfEngine
from briefgen.render.pdf.print_job import print_job
from briefgen.render.pdf.sidebar_foot import is_quick_facts
from tests.cli_runner import invoke
from tests.conftest import REFERENCE_BRIEF
from tests.layout_check import collisions

LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40" width="40" height="40">'
    '<rect width="40" height="40" rx="6" fill="#ffffff"/>'
    '<path d="M8 30 L20 10 L32 30 Z" fill="#1a5e3a"/></svg>'
)


def reference_data() -> dict[str, Any]:
    data = yaml.safe_load(REFERENCE_BRIEF.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def write_brief(folder: Path, data: dict[str, Any], name: str = "brief.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def font_families(pdf: Path) -> set[str]:
    """Family names of the fonts embedded in a PDF, without subset tags and styles."""
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    names = [line.split()[0] for line in listing.stdout.splitlines()[2:] if line.strip()]
    return {
        re.sub(r"^[A-Z]{6}\+|-(Bold|Italic|Semi-Bold|BoldItalic|Semibold)$", "", n) for n in names
    }


# Nothing collides ------------------------------------------------------------------------


def _long_title(data: dict[str, Any]) -> None:
    data["evaluation"]["title"] = " ".join([data["evaluation"]["title"]] * 2)
    data["organisation"]["name"] = "An Organisation With A Name Long Enough To Wrap " * 2


def _no_quick_facts(data: dict[str, Any]) -> None:
    del data["quick_facts"]
    del data["evaluation"]["report"]


def _letter_serif(data: dict[str, Any]) -> None:
    data["theme"] = {"paper": "letter", "font": "source-serif", "heading_font": "source-sans"}


def _long_words(data: dict[str, Any]) -> None:
    data["quick_facts"][0]["value"] = "Supercalifragilisticexpialidocious-Internationalisation"
    data["evaluation"]["report"]["url"] = "https://example.org/" + "very-long-path-segment/" * 4


@pytest.mark.parametrize(
    "change",
    [_long_title, _no_quick_facts, _letter_serif, _long_words],
    ids=["long title and name", "no quick facts", "letter, serif body", "long unbroken words"],
)
def test_no_text_collides_or_leaves_the_page(tmp_path: Path, change: Any) -> None:
    data = reference_data()
    change(data)
    data["layout"] = {"max_pages": 3}
    (result,) = render_brief(write_brief(tmp_path, data), ["pdf"], tmp_path / "out")
    assert collisions(result.path) == []


# Colour contrast -------------------------------------------------------------------------


def test_contrast_ratio_matches_wcag_examples() -> None:
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#ffffff", "#767676") == contrast_ratio("#767676", "#ffffff")


def test_default_theme_and_fixed_text_colours_pass_aa() -> None:
    theme = Theme()
    assert contrast_ratio(WHITE, theme.primary) >= 4.5  # masthead text
    assert contrast_ratio(theme.primary, TINT) >= 4.5  # quick facts labels
    assert contrast_ratio(theme.accent, WHITE) >= 4.5  # evaluation type
    for background in (WHITE, TINT):
        assert contrast_ratio(MUTED, background) >= 4.5  # captions, subtitle, footer


def test_low_contrast_theme_colour_fails_at_its_line(tmp_path: Path) -> None:
    data = reference_data()
    data["theme"] = {"primary": "#8ab4f8", "accent": "#b5121b"}
    path = write_brief(tmp_path, data)
    line = path.read_text().splitlines().index("  primary: '#8ab4f8'") + 1
    with pytest.raises(BriefError) as raised:
        load_brief(path)
    (problem,) = raised.value.problems
    assert problem.line == line
    assert problem.key_path == "theme.primary"
    assert "contrast of only 2.1:1" in problem.message
    assert "4.5:1" in problem.message


def test_light_accent_is_refused_but_dark_brand_colours_pass() -> None:
    with pytest.raises(ValueError, match="evaluation type on white"):
        Theme(accent="#ff8800")
    assert Theme(primary="#1a5e3a", accent="#8a3b00").accent == "#8a3b00"


# Paper, logo and fonts ---------------------------------------------------------------------


def test_letter_paper_logo_colours_and_lato(tmp_path: Path) -> None:
    (tmp_path / "logo.svg").write_text(LOGO, encoding="utf-8")
    data = reference_data()
    data["theme"] = {
        "primary": "#1a5e3a",
        "accent": "#8a3b00",
        "logo": "logo.svg",
        "font": "lato",
        "paper": "letter",
    }
    (result,) = render_brief(write_brief(tmp_path, data), ["pdf"], tmp_path / "out")
    assert result.pages == 2
    with pikepdf.open(result.path) as pdf:
        assert [float(v) for v in pdf.pages[0].mediabox] == pytest.approx([0, 0, 612, 792])
        page_one = pikepdf.unparse_content_stream(pikepdf.parse_content_stream(pdf.pages[0]))
    assert b"0.101961 0.368627 0.227451 rg" in page_one  # the green masthead (#1a5e3a)
    assert b"0.541176 0.231373 0 rg" in page_one  # the accent (#8a3b00)
    assert font_families(result.path) == {"briefgen-Lato"}
    html = render_brief(tmp_path / "brief.yaml", ["html"], tmp_path / "out")[0].path
    page = html.read_text(encoding="utf-8")
    assert 'class="logo" src="data:image/svg+xml;base64,' in page
    assert "--primary: #1a5e3a;" in page


def test_serif_body_with_sans_headings_embeds_only_those(tmp_path: Path) -> None:
    data = reference_data()
    data["theme"] = {"font": "source-serif", "heading_font": "source-sans"}
    (result,) = render_brief(write_brief(tmp_path, data), ["pdf"], tmp_path / "out")
    assert font_families(result.path) == {"briefgen-Source-Serif", "briefgen-Source-Sans"}


# The page-1 sidebar ----------------------------------------------------------------------


def test_too_many_quick_facts_fail_with_the_overrun(tmp_path: Path) -> None:
    data = reference_data()
    data["quick_facts"] += [
        {"label": f"Extra fact {n}", "value": "A value long enough to wrap onto two lines"}
        for n in range(12)
    ]
    path = write_brief(tmp_path, data)
    loaded = load_brief(path)
    report = PdfEngine().layout(print_job(loaded))
    assert report.sidebar_overrun_mm > 50
    with pytest.raises(BriefError) as raised:
        check_sidebar(report, loaded)
    (problem,) = raised.value.problems
    assert re.search(r"quick facts are \d+ mm too long for the sidebar on page 1", problem.message)
    assert "shorten them" in problem.hint
    assert problem.line == path.read_text().splitlines().index("quick_facts:") + 1
    result = invoke("render", str(path), "-f", "pdf", "-o", str(tmp_path))
    assert result.exit_code == 1
    assert "mm too long for the sidebar" in result.output
    assert "Traceback" not in result.output


def test_without_quick_facts_page_one_uses_the_full_width(tmp_path: Path) -> None:
    data = reference_data()
    del data["quick_facts"]
    del data["evaluation"]["report"]
    data["evaluation"]["title"] = " ".join([data["evaluation"]["title"]] * 2)
    data["organisation"]["name"] = (
        "An Organisation Whose Name Is Long Enough To Need Two Lines " * 2
    )
    engine = PdfEngine()
    report = engine.layout(print_job(load_brief(write_brief(tmp_path, data))))
    page_box = engine.document.pages[0]._page_box
    assert float(page_box.margin_right) == pytest.approx(14 * 96 / 25.4, abs=0.5)
    assert report.sidebar_overrun_mm == 0.0


def test_reference_sidebar_fits() -> None:
    engine = PdfEngine()
    report = engine.layout(print_job(load_brief(REFERENCE_BRIEF)))
    assert report.sidebar_overrun_mm == 0.0
    # Page 1 keeps the normal margin: the quick facts float inside it, at its right edge.
    page_box = engine.document.pages[0]._page_box
    assert float(page_box.margin_right) == pytest.approx(14 * 96 / 25.4, abs=0.5)
    aside = find(page_box, is_quick_facts)
    assert aside is not None
    right_edge = float(aside.position_x + aside.margin_width())
    assert right_edge == pytest.approx(float(page_box.content_box_x() + page_box.width), abs=0.5)


# User templates ----------------------------------------------------------------------------

MASTHEAD_OVERRIDE = """{% extends "base.html.j2" %}
{% block masthead %}<p class="banner">DRAFT - not for circulation</p>{{ super() }}{% endblock %}
"""


def test_templates_option_overrides_a_file_by_name(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "screen.css").write_text(".only-in-my-stylesheet { color: #000; }\n")
    (folder / "brief.html.j2").write_text(MASTHEAD_OVERRIDE)
    result = invoke(
        "render",
        str(REFERENCE_BRIEF),
        "-f",
        "html",
        "-o",
        str(tmp_path),
        "--templates",
        str(folder),
    )
    assert result.exit_code == 0, result.output
    page = (tmp_path / "brief.html").read_text(encoding="utf-8")
    assert ".only-in-my-stylesheet" in page
    assert '<p class="banner">DRAFT - not for circulation</p>' in page
    # super() kept the built-in masthead after the banner.
    assert (
        page.index("DRAFT") < page.index('class="masthead"') < page.index('class="acronym">UNODC')
    )


def test_templates_key_overrides_one_block_of_the_pdf(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "brief.pdf.html.j2").write_text(
        MASTHEAD_OVERRIDE + "{% block extrahead %}<style>{{ print_css }}</style>{% endblock %}\n"
    )
    data = reference_data()
    data["templates"] = "templates"
    path = write_brief(tmp_path, data)
    result = invoke("render", str(path), "-f", "pdf", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(tmp_path / "out" / "brief.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "DRAFT - not for circulation" in text
    assert text.index("DRAFT") < text.index("INDEPENDENT EVALUATION UNIT")
    assert result.output.count("2 pages") == 1  # print.css still applied: same layout

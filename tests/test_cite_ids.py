"""``cite_ids: true``: a list's items are shown and cited by the ids the office writes
("R3", "finding F2"), in every format (issue 29)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx
import pytest

from tests.conftest import SMALL_HEAD, render_text
from tests.pdfcheck import check_pdf

BRIEF = (
    SMALL_HEAD
    + """\
sections:
  - kind: findings
    cite_ids: true
    items:
      - {id: F1, text: The programme reached most villages.}
      - {id: F2, text: Maintenance was not funded.}
  - kind: recommendations
    cite_ids: true
    items:
      - {id: R1, text: "Keep going (see [](#F2))."}
      - {id: R3, text: Fund maintenance.}
  - kind: management_response
    responses:
      - recommendation: R3
        response: accepted
        action: Fund it.
"""
)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return render_text(BRIEF, tmp_path_factory.mktemp("ids"), "ids")


def test_markdown_shows_and_cites_the_ids(outputs: dict[str, Path]) -> None:
    markdown = outputs["md"].read_text(encoding="utf-8")
    # cross-references lead to the heading their item stands under (GitHub's anchors)
    assert "- **F2** Maintenance was not funded." in markdown
    assert "- **R1** Keep going (see [finding F2](#main-findings))." in markdown
    assert "| [R3](#main-recommendations) | Accepted | Fund it. |" in markdown


def test_html_shows_and_cites_the_ids(outputs: dict[str, Path]) -> None:
    page = outputs["html"].read_text(encoding="utf-8")
    assert '<li id="R3"><span class="item-label">R3</span> Fund maintenance.</li>' in page
    assert '<a href="#F2">finding F2</a>' in page
    assert '<th scope="row"><a href="#R3">R3</a></th>' in page


def test_word_shows_and_cites_the_ids(outputs: dict[str, Path]) -> None:
    document = docx.Document(str(outputs["docx"]))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    assert "R1 Keep going (see finding F2)." in paragraphs
    assert "R3 Fund maintenance." in paragraphs
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "R3" in cells


def test_pdf_shows_the_ids_and_stays_accessible(outputs: dict[str, Path]) -> None:
    text = subprocess.run(
        ["pdftotext", "-raw", str(outputs["pdf"]), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "F2 Maintenance was not funded." in text
    assert "R1 Keep going (see finding F2)." in text
    assert check_pdf(outputs["pdf"], "pdf/ua-1") == []

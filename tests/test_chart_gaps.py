"""A chart value that is not known (``null``) is a gap marked "no data" in the chart, its
alt text and its data table, in every format (issue 29)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx
import pikepdf
import pytest

from tests.conftest import SMALL_BRIEF, render_text

GAPS = (
    SMALL_BRIEF
    + """\
  - kind: chart
    caption: Share trained
    unit: "%"
    categories: [2021, 2022, 2023]
    series:
      - name: Women
        values: [18, null, 33]
      - name: Men
        values: [20, 25, ~]
"""
)
ALT = (
    "Column chart: Share trained. 2021: Women 18%, Men 20%; 2022: Women no data, Men 25%;"
    " 2023: Women 33%, Men no data."
)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return render_text(GAPS, tmp_path_factory.mktemp("gaps"), "gaps")


def test_markdown_writes_the_gap_in_the_alt_text_and_the_table(outputs: dict[str, Path]) -> None:
    markdown = outputs["md"].read_text(encoding="utf-8")
    assert f"![{ALT}]" in markdown
    assert "| 2022 | no data | 25% |" in markdown
    assert "| 2023 | 33% | no data |" in markdown


def test_html_writes_the_gap_in_the_picture_the_alt_text_and_the_table(
    outputs: dict[str, Path],
) -> None:
    page = outputs["html"].read_text(encoding="utf-8")
    assert f'<svg role="img" aria-label="{ALT}"' in page
    data = page.split('<details class="chart-data">')[1].split("</details>")[0]
    assert '<th scope="row">2022</th><td class="align-right">no data</td>' in data
    svg = (outputs["md"].parent / "gaps_files" / "chart-1.svg").read_text(encoding="utf-8")
    assert svg.count(">no data</text>") == 2
    assert svg.count("<rect") == 4  # four bars: the two gaps draw none


def test_word_writes_the_gap_in_the_table_and_the_alt_text(outputs: dict[str, Path]) -> None:
    document = docx.Document(str(outputs["docx"]))
    cells = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert ["2022", "no data", "25%"] in cells
    descriptions = document.element.body.xpath(".//wp:docPr/@descr")
    assert ALT in descriptions


def test_pdf_writes_the_gap_in_the_alt_text_and_on_the_page(outputs: dict[str, Path]) -> None:
    with pikepdf.open(outputs["pdf"]) as pdf:
        alts = [
            str(obj.Alt)
            for obj in pdf.objects
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == "/Figure"
        ]
    assert ALT in alts
    text = subprocess.run(
        ["pdftotext", "-raw", str(outputs["pdf"]), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert " ".join(text.split()).count("no data") == 2  # upright words: one a line

"""A table's total row (``total: true``): bold with a rule above it in every format
(issue 30, item 6)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn

from briefgen.api import load_brief
from briefgen.errors import BriefError
from briefgen.render.docx.brief import render_docx
from briefgen.render.html import render_html
from briefgen.render.markdown import render_markdown
from briefgen.render.pdf.print_job import print_job
from tests.conftest import SMALL_BRIEF

TABLE = """\
  - kind: table
    caption: Trainees by region
    header: [Region, Trainees]
    rows:
      - [Amman, 410]
      - [Irbid, 220]
      - [Zarqa, 190]
      - [Total, 820]
    total: true
"""


def _brief(tmp_path: Path, table: str = TABLE) -> Path:
    path = tmp_path / "brief.yaml"
    path.write_text(SMALL_BRIEF.replace("sections:\n", "sections:\n" + table, 1), encoding="utf-8")
    return path


def test_the_total_row_is_marked_in_the_web_page_and_the_pdf(tmp_path: Path) -> None:
    loaded = load_brief(_brief(tmp_path))
    for html in (render_html(loaded), print_job(loaded).html):  # the PDF lays this out
        rows = re.findall(r"<tr( class=\"total\")?><th scope=\"row\"[^>]*>(\w+)", html)
        assert rows == [("", "Amman"), ("", "Irbid"), ("", "Zarqa"), (' class="total"', "Total")]
        rule = r"tr\.total td \{\s*font-weight: 700; border-top: 1pt solid"
        assert re.search(rule, html)


def test_a_short_table_marks_its_last_row_too(tmp_path: Path) -> None:
    table = TABLE.replace("      - [Irbid, 220]\n      - [Zarqa, 190]\n", "")
    html = render_html(load_brief(_brief(tmp_path, table)))
    assert re.findall(r"<tr( class=\"total\")?><th scope=\"row\"[^>]*>(\w+)", html) == [
        ("", "Amman"),
        (' class="total"', "Total"),
    ]


def test_the_total_row_is_bold_in_markdown(tmp_path: Path) -> None:
    markdown = render_markdown(load_brief(_brief(tmp_path)))
    assert "| Zarqa | 190 |\n| **Total** | **820** |" in markdown


def test_the_total_row_is_bold_with_a_rule_above_in_word(tmp_path: Path) -> None:
    document = open_docx(io.BytesIO(render_docx(load_brief(_brief(tmp_path)))))
    (table,) = document.tables
    last, before = table.rows[-1], table.rows[-2]
    assert [cell.text for cell in last.cells] == ["Total", "820"]
    assert all(run.bold for cell in last.cells for run in cell.paragraphs[0].runs)
    assert not any(run.bold for cell in before.cells for run in cell.paragraphs[0].runs)
    for cell in last.cells:
        (top,) = cell._tc.xpath("./w:tcPr/w:tcBorders/w:top")
        assert (top.get(qn("w:val")), top.get(qn("w:sz"))) == ("single", "8")
    assert before.cells[0]._tc.xpath("./w:tcPr/w:tcBorders") == []


def test_without_total_no_row_is_marked(tmp_path: Path) -> None:
    loaded = load_brief(_brief(tmp_path, TABLE.replace("    total: true\n", "")))
    assert 'class="total"' not in render_html(loaded)
    assert "**Total**" not in render_markdown(loaded)


def test_total_belongs_to_a_table(tmp_path: Path) -> None:
    findings = "  - kind: findings\n    text: Most villages.\n    total: true\n"
    with pytest.raises(BriefError) as raised:
        load_brief(_brief(tmp_path, findings))
    assert "'total' belongs to a table section, not a findings section" in str(raised.value)

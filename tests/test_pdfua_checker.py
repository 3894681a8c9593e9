"""The ``pdfua`` checker (PyPI: the machine-checkable subset of PDF/UA-1, on pikepdf) finds
no error and no warning in the PDF of any example or test brief.

It is a young checker, not veraPDF: it checks tags, language, title, alt text, fonts and
table headers, and misses what needs the page (a list split at a page break, text drawn
off the page). tests/pdfcheck.py and tests/test_text_layer.py cover more.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from pdfua import validate

from tests.conftest import ALL_BRIEFS, EVIDENCE_BRIEF, Renders

BRIEFS = ALL_BRIEFS


@pytest.mark.parametrize("brief", BRIEFS, ids=lambda path: path.stem)
def test_pdfua_finds_nothing(renders: Renders, brief: Path) -> None:
    for by_format in renders.outputs(brief, ["pdf"]).values():
        report = validate(str(by_format["pdf"]))
        findings = [
            f"{finding.rule_id} {finding.severity.name}: {finding.message}"
            for finding in report.findings
        ]
        assert findings == []


def test_table_header_cells_say_what_they_head(renders: Renders) -> None:
    """As the HTML's ``scope``: column headers in the head, a row header first in a row."""
    pdf_path = renders.only(EVIDENCE_BRIEF, "pdf")
    with pikepdf.open(pdf_path) as pdf:
        scopes = []
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == "/TH":
                group = obj.P.P.S  # TH -> TR -> THead or TBody
                scopes.append((str(group), str(obj.A.get("/Scope"))))
    assert scopes
    assert {scope for group, scope in scopes if group == "/THead"} == {"/Column"}
    assert {scope for group, scope in scopes if group == "/TBody"} == {"/Row"}

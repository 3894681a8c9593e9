"""Why a recommendation was rejected or partly accepted (issue 29.2): a ``reason`` in the
management response, printed in every format, and refused on an accepted one."""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx
import pytest

from tests.cli_runner import invoke
from tests.conftest import SMALL_BRIEF, render_text

RESPONSES = """\
  - kind: recommendations
    items:
      - id: rec-1
        text: Keep going.
      - id: rec-2
        text: Report every quarter.
  - kind: management_response
    responses:
      - recommendation: rec-1
        response: accepted
        action: Extend the programme.
      - recommendation: rec-2
        response: rejected
        reason: Quarterly reports would cost more than they inform.
"""
BRIEF = SMALL_BRIEF.replace("sections:\n", "sections:\n" + RESPONSES, 1)
REASON = "Reason: Quarterly reports would cost more than they inform."


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return render_text(BRIEF, tmp_path_factory.mktemp("reason"), "brief")


def test_markdown_prints_the_reason_under_the_response(outputs: dict[str, Path]) -> None:
    markdown = outputs["md"].read_text(encoding="utf-8")
    assert f"| [2](#main-recommendations) | Rejected <br>*{REASON}* |  |" in markdown


def test_html_prints_the_reason_in_the_response_cell(outputs: dict[str, Path]) -> None:
    page = outputs["html"].read_text(encoding="utf-8")
    assert (
        '<td class="response response-rejected">Rejected<span class="response-reason">'
        "Reason: Quarterly reports would cost more than they inform.</span></td>"
    ) in page


def test_pdf_prints_the_reason(outputs: dict[str, Path]) -> None:
    done = subprocess.run(
        ["pdftotext", "-raw", str(outputs["pdf"]), "-"], capture_output=True, text=True, check=True
    )
    text = " ".join(done.stdout.replace("-\n", "").split())
    assert f"2 Rejected {REASON}" in text


def test_word_prints_the_reason(outputs: dict[str, Path]) -> None:
    table = docx.Document(str(outputs["docx"])).tables[-1]
    assert [cell.text for cell in table.rows[2].cells] == ["2", f"Rejected\n{REASON}", ""]


def test_a_reason_on_an_accepted_recommendation_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    text = BRIEF.replace(
        "        action: Extend the programme.\n",
        "        action: Extend the programme.\n        reason: It works.\n",
    )
    Path("brief.yaml").write_text(text, encoding="utf-8")
    result = invoke("validate", "brief.yaml")
    assert result.exit_code == 1
    line = text[: text.index("reason: It works")].count("\n") + 1
    assert result.stderr.splitlines() == [
        f"brief.yaml:{line}:17: sections[1].responses[0].reason: a reason is given for a"
        " rejected or partially accepted recommendation, and this one is accepted (remove"
        " 'reason', or set 'response:' to partially_accepted or rejected)"
    ]

"""A section's ``closing`` paragraphs, after its items, in every text format.

No example brief has one, so nothing else would notice them gone (issue 16's mutation:
dropping them from the HTML and PDF templates left the whole suite green).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from briefgen.api import DocumentFormat, render_bytes
from briefgen.loading.validate import load_brief
from tests.conftest import ROOT

CLOSING = "Nothing in this closing paragraph appears anywhere else in the brief."
LAST_ITEM = "Report on the systems"
NEXT_HEADING = "Lessons learned"


def _words(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", " ", text.lower()).strip()


def _text(fmt: str, content: bytes, folder: Path) -> str:
    if fmt != "pdf":
        return content.decode("utf-8")
    pdf = folder / "brief.pdf"
    pdf.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


@pytest.mark.parametrize("fmt", ["html", "pdf", "md"])
def test_closing_paragraphs_follow_the_items(tmp_path: Path, fmt: DocumentFormat) -> None:
    brief = yaml.safe_load((ROOT / "tests" / "briefs" / "short-two-pages.yaml").read_text())
    (recommendations,) = [s for s in brief["sections"] if s.get("kind") == "recommendations"]
    recommendations["closing"] = [CLOSING]
    path = tmp_path / "closing.yaml"
    path.write_text(yaml.safe_dump(brief, allow_unicode=True), encoding="utf-8")

    content = render_bytes(load_brief(path), fmt).content
    text = _words(_text(fmt, content, tmp_path))

    last_item, closing, next_heading = (
        text.find(_words(part)) for part in (LAST_ITEM, CLOSING, NEXT_HEADING)
    )
    assert closing >= 0, f"the closing paragraph is missing from the {fmt}"
    assert 0 <= last_item < closing < next_heading

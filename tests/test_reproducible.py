"""Reproducible output: the same YAML gives the same bytes, whatever the clock or the cwd.

Each render runs in its own Python process (fresh imports, fresh hash seed) from its own
working directory; one has ``SOURCE_DATE_EPOCH`` unset, the other set to a recent time.
The brief's date is the PDF's date, so the epoch must change nothing.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from tests.conftest import REFERENCE_BRIEF

_RENDER = (
    "import sys; from briefgen.api import render_brief; "
    "render_brief(sys.argv[1], output_dir=sys.argv[2])"
)


def _render_in_subprocess(cwd: Path, epoch: str | None) -> dict[str, bytes]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    env["PYTHONHASHSEED"] = "random"
    cwd.mkdir()
    subprocess.run(
        [sys.executable, "-c", _RENDER, str(REFERENCE_BRIEF), "out"],
        cwd=cwd,
        env=env,
        check=True,
        timeout=120,
    )
    formats = ("pdf", "html", "md", "docx")
    return {fmt: (cwd / "out" / f"brief.{fmt}").read_bytes() for fmt in formats}


@pytest.fixture(scope="module")
def two_renders(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], ...]:
    base = tmp_path_factory.mktemp("reproducible")
    return (
        _render_in_subprocess(base / "first", None),
        _render_in_subprocess(base / "second", "1767225600"),  # 2026-01-01
    )


@pytest.mark.parametrize("fmt", ["pdf", "html", "md", "docx"])
def test_same_bytes_in_separate_processes(
    two_renders: tuple[dict[str, bytes], ...], fmt: str
) -> None:
    first, second = two_renders
    assert first[fmt], f"empty {fmt}"
    assert first[fmt] == second[fmt]


def test_pdf_dates_come_from_the_brief(two_renders: tuple[dict[str, bytes], ...]) -> None:
    with pikepdf.open(io.BytesIO(two_renders[0]["pdf"])) as pdf:
        xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
        dates = set(re.findall(r"<xmp:(?:CreateDate|ModifyDate|MetadataDate)>([^<]*)<", xmp))
        assert dates == {"2017-10-01T00:00:00Z"}  # data/brief.yaml: date: 2017-10
        assert "uuid" not in xmp.lower()
        info = pdf.docinfo
        assert str(info["/CreationDate"]) == str(info["/ModDate"]) == "D:20171001000000Z"
        ids = [bytes(part) for part in pdf.trailer["/ID"]]
        assert len(ids) == 2 and ids[0] == ids[1]  # MD5 of the content, not random

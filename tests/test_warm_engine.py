"""The warmed-up PDF engine in a forked worker gives what the in-process engine gives."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest

from briefgen.api import load_brief
from briefgen.errors import BriefError
from briefgen.render.pdf import PdfEngine
from briefgen.render.print_job import print_job
from briefgen.render.warm_engine import WarmPdfEngine
from tests.conftest import REFERENCE_BRIEF


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary folder of the test's own, inherited by forked workers."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_same_report_and_bytes_as_in_process(private_tmp: Path) -> None:
    job = print_job(load_brief(REFERENCE_BRIEF))
    local = PdfEngine()
    expected_report = local.layout(job)
    expected = local.write()
    warm = WarmPdfEngine()
    try:
        assert warm.layout(job) == expected_report
        assert warm.write() == expected
    finally:
        warm.close()
    del local
    assert not warm._process.is_alive()


def test_user_errors_cross_the_process_boundary(private_tmp: Path) -> None:
    job = print_job(load_brief(REFERENCE_BRIEF))
    hostile = replace(job, html=job.html.replace("</main>", '<img src="file:///etc/hostname">'))
    warm = WarmPdfEngine()
    try:
        with pytest.raises(BriefError) as raised:
            warm.layout(hostile)
    finally:
        warm.close()
    (problem,) = raised.value.problems
    assert "file:///etc/hostname" in problem.message
    assert problem.path == REFERENCE_BRIEF


def test_an_unused_engine_stops_at_once(private_tmp: Path) -> None:
    warm = WarmPdfEngine()
    warm.close()
    assert not warm._process.is_alive()
    # Terminated, not waited for: an invalid brief's error is not held up by the import.
    assert warm._process.exitcode == -signal.SIGTERM


def test_cli_render_leaves_no_temporary_files_and_matches_in_process(tmp_path: Path) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    environment = {**os.environ, "TMPDIR": str(temporary)}
    outputs = {}
    command = [sys.executable, "-m", "briefgen", "render", str(REFERENCE_BRIEF), "-f", "pdf"]
    for name, extra in (("warm", []), ("in-process", ["-j", "1"])):
        result = subprocess.run(
            [*command, "-o", str(tmp_path / name), *extra],
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        outputs[name] = (tmp_path / name / "brief.pdf").read_bytes()
    assert outputs["warm"] == outputs["in-process"]
    assert list(temporary.iterdir()) == []

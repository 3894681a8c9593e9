"""Two briefs of a batch never write the same file: issue 23, point 5.

A brief in several languages writes ``brief.en.*``, ``brief.fr.*``...: beside it, a
``brief.en.yaml`` would write ``brief.en.*`` too, and one output was silently lost. The
names are computed before rendering, languages included, and a clash refuses the batch.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.cli_runner import invoke
from tests.conftest import ROOT, SMALL_BRIEF

MULTILINGUAL = ROOT / "tests" / "briefs" / "multilingual.yaml"  # languages: [en, fr, ar]


def _render(cwd: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("NO_COLOR", "1")
    result = invoke("render", *args)
    return result.exit_code, result.output


def test_a_language_version_clashing_with_another_brief_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(MULTILINGUAL, tmp_path / "brief.yaml")
    (tmp_path / "brief.en.yaml").write_text(SMALL_BRIEF, encoding="utf-8")
    code, output = _render(tmp_path, monkeypatch, "brief.yaml", "brief.en.yaml", "-f", "md")
    assert code == 1, output
    assert "brief.en.yaml: clashes with brief.yaml: both would write out/brief.en.*" in output
    assert not (tmp_path / "out").exists()  # refused before rendering anything


def test_one_language_asked_for_clashes_only_with_its_own_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefgen.batch import output_stems

    shutil.copy(MULTILINGUAL, tmp_path / "brief.yaml")
    (tmp_path / "brief.en.yaml").write_text(SMALL_BRIEF, encoding="utf-8")
    assert output_stems(tmp_path / "brief.yaml") == ["brief.en", "brief.fr", "brief.ar"]
    assert output_stems(tmp_path / "brief.yaml", "fr") == ["brief.fr"]
    assert output_stems(tmp_path / "brief.en.yaml") == ["brief.en"]
    code, output = _render(
        tmp_path, monkeypatch, "brief.yaml", "brief.en.yaml", "-f", "md", "--lang", "fr"
    )
    assert code == 1, output  # brief.en.yaml is in English only: not in French
    assert "clashes" not in output
    assert (tmp_path / "out" / "brief.fr.md").is_file()

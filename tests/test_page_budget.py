"""The page budget through the command line: overflow errors, --fit and --max-pages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import yaml

from briefgen.api import RenderOptions
from briefgen.cli.console import make_console
from briefgen.cli.watch import Watcher
from briefgen.render.pdf import budget
from tests.cli_runner import invoke
from tests.conftest import REFERENCE_BRIEF, generated_brief


def longer_brief(folder: Path, extra_paragraphs: int, hide_lessons: bool = False) -> Path:
    """The reference brief with its first paragraph repeated ``extra_paragraphs`` times."""
    data: dict[str, Any] = yaml.safe_load(REFERENCE_BRIEF.read_text(encoding="utf-8"))
    summary = data["sections"][0]["sections"][0]
    summary["text"] = [summary["text"]] * (1 + extra_paragraphs)
    path = folder / "longer.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def render(*args: str) -> tuple[int, str]:
    result = invoke("render", *args)
    return result.exit_code, result.output


def pages(pdf: Path) -> int:
    with pikepdf.open(pdf) as document:
        return len(document.pages)


def test_past_budget_fails_naming_amount_and_spilling_section(tmp_path: Path) -> None:
    code, output = render(str(longer_brief(tmp_path, 4)), "-f", "pdf", "-o", str(tmp_path))
    assert code == 1
    assert "Traceback" not in output
    match = re.search(r"over the budget of 2 by (\d+)% of a page", output)
    assert match and 20 <= int(match.group(1)) <= 90, output
    assert "spilling onto page 3: 'Lessons learned and best practices'" in output
    # Hidden headings (show_heading: false) never name the spill; their parent does.
    assert "'Lessons learned'" not in output and "'Best practices'" not in output
    assert "try --fit" in output
    assert not (tmp_path / "longer.pdf").exists()
    assert (tmp_path / "longer.OVER-BUDGET.pdf").exists()


def test_fit_makes_a_slightly_long_brief_fit_and_says_how(tmp_path: Path) -> None:
    brief = str(longer_brief(tmp_path, 2))
    code, output = render(brief, "-f", "pdf", "-o", str(tmp_path))
    assert code == 1 and "runs to 3 pages" in output
    code, output = render(brief, "-f", "pdf", "-o", str(tmp_path), "--fit")
    assert code == 0, output
    assert re.search(r"2 pages, .*\(fitted with [\d.]+ pt text, [\d.]+ leading, spacing x", output)
    assert pages(tmp_path / "longer.pdf") == 2


def test_watch_with_fit_warns_that_the_brief_was_tightened_as_render_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    brief = longer_brief(tmp_path, 2)
    with Watcher(brief, ("pdf",), tmp_path, RenderOptions(fit=True), make_console()) as watcher:
        assert watcher.render()
    said = capsys.readouterr()
    assert "(fitted with " in said.out
    assert "the PDF fits its page budget only with " in said.out + said.err
    assert pages(tmp_path / "longer.pdf") == 2


def test_max_pages_raises_and_lowers_the_budget(tmp_path: Path) -> None:
    code, output = render(
        str(longer_brief(tmp_path, 4)), "-f", "pdf", "-o", str(tmp_path), "--max-pages", "3"
    )
    assert code == 0, output
    assert pages(tmp_path / "longer.pdf") == 3
    code, output = render(
        str(REFERENCE_BRIEF), "-f", "pdf", "-o", str(tmp_path), "--max-pages", "1"
    )
    assert code == 1
    assert "the PDF runs to 2 pages, over the budget of 1 by" in output
    assert "spilling onto page 2:" in output


def test_fit_sets_a_brief_within_budget_tighter_to_close_an_empty_area(tmp_path: Path) -> None:
    """Corpus brief 172 (Arabic, two pages) leaves 180 x 32 mm empty at page 1's foot: its
    key figures miss the room by a few millimetres. Within the budget, ``--fit`` tries
    its steps in order and keeps the first that leaves nothing to report there, and says
    so; without ``--fit`` the designed look stays, with the warning."""
    brief = str(generated_brief(172, tmp_path))
    code, output = render(brief, "-f", "pdf", "-o", str(tmp_path))
    assert code == 0, output
    assert "layout (empty-area): page 1" in output
    assert "fitted with" not in output
    code, output = render(brief, "-f", "pdf", "-o", str(tmp_path), "--fit")
    assert code == 0, output
    assert "empty-area" not in output
    assert re.search(
        r"fitted with [\d.]+ pt text, [\d.]+ leading, spacing x[\d.]+ to close", output
    )
    assert "the PDF is set with " in output and "that the normal layout leaves" in output
    assert "fits its page budget only" not in output
    assert pages(tmp_path / "corpus-0172-ar.pdf") == 2


def test_fit_leaves_a_brief_with_nothing_to_report_as_designed(tmp_path: Path) -> None:
    """The reference fits its budget and has no empty area: ``--fit`` changes nothing."""
    code, output = render(str(REFERENCE_BRIEF), "-f", "pdf", "-o", str(tmp_path), "--fit")
    assert code == 0, output
    assert "fitted with" not in output and "the PDF is set with" not in output


def test_fit_that_cannot_close_an_empty_area_keeps_the_design_and_stops_advising_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When no step of ``--fit`` closes an empty area, the designed look is written, and
    the warning no longer tells the author to try ``--fit``: corpus brief 172, whose
    hole the second step closes, with the first step alone to try. (Corpus 10 was such
    a brief at every step until its table took the room beside the quick facts.)"""
    monkeypatch.setattr(budget, "FIT_LADDER", budget.FIT_LADDER[:1])
    brief = str(generated_brief(172, tmp_path))
    code, output = render(brief, "-f", "pdf", "-o", str(tmp_path), "--fit")
    assert code == 0, output
    assert "layout (empty-area): page 1" in output
    assert "fitted with" not in output and "the PDF is set with" not in output
    assert "move it to another section" in output and "try --fit" not in output


def test_preview_with_fit_says_what_fit_did(tmp_path: Path) -> None:
    """``preview --fit`` tells the author the brief is set tighter, as ``render`` and
    ``watch`` do: corpus brief 172 is set tighter to close an empty area."""
    from briefgen.web.preview import Previewer, StateBoard

    brief = generated_brief(172, tmp_path)
    workdir = tmp_path / "preview"
    workdir.mkdir()
    previewer = Previewer(brief, RenderOptions(fit=True), workdir, StateBoard())
    try:
        state = previewer.render()
    finally:
        previewer.close()
    assert state.problems == () and state.pages
    said = [str(warning) for warning in state.warnings]
    assert any("the PDF is set with" in line and "to close an empty area" in line for line in said)
    assert not any("empty-area" in line for line in said)

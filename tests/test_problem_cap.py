"""A file's problems are capped (issue 23.11): the first hundred, then "... and N more",
on stderr and in the CI annotations alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.errors import MAX_PROBLEMS_PER_FILE
from tests.cli_runner import invoke
from tests.conftest import SMALL_BRIEF


def _many_mistakes(count: int) -> str:
    """``count`` unknown keys, one per section, each its own problem."""
    sections = "".join(f"  - heading: H{index}\n    colour{index}: red\n" for index in range(count))
    return SMALL_BRIEF.replace("sections:\n", "sections:\n" + sections, 1)


@pytest.mark.parametrize("annotations", [False, True])
def test_problems_stop_after_a_hundred_per_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, annotations: bool
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true" if annotations else "false")
    brief = tmp_path / "brief.yaml"
    brief.write_text(_many_mistakes(1000), encoding="utf-8")
    result = invoke("validate", str(brief))
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    located = [line for line in lines if line.startswith(f"{brief}:") and "... and" not in line]
    assert len(located) == MAX_PROBLEMS_PER_FILE
    assert "unknown key 'colour0'" in located[0]
    assert (
        f"{brief}: ... and 900 more (briefgen lists the first 100 of a file; fix those and "
        "run it again)" in lines
    )
    commands = [line for line in result.output.splitlines() if line.startswith("::error")]
    if annotations:
        assert len(commands) == MAX_PROBLEMS_PER_FILE + 1
        assert "... and 900 more" in commands[-1]
    else:
        assert commands == []


def test_a_hundred_problems_are_all_listed(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(_many_mistakes(MAX_PROBLEMS_PER_FILE), encoding="utf-8")
    result = invoke("validate", str(brief))
    assert result.exit_code == 1
    assert "more (briefgen lists" not in result.stderr
    assert f"{MAX_PROBLEMS_PER_FILE} errors" in result.stderr

"""A report never overwrites a brief: issue 23, point 3.

pre-commit appends the staged file names after the hook's arguments, so a file committed
as ``--report=json=brief.yaml`` was read as an option, and ``validate`` overwrote the real
``brief.yaml`` with JSON. The hook now ends its options with ``--``, and the CLI refuses a
report target that is a brief of the run or an existing YAML file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.cli_runner import invoke
from tests.conftest import ROOT, SMALL_BRIEF

HOSTILE = "--report=json=brief.yaml"


def _hook_argv() -> list[str]:
    """What pre-commit runs for the hook, without the file names: entry, then args."""
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    program, *rest = hook["entry"].split()
    assert program == "briefgen"
    return [*rest, *hook.get("args", [])]


def _run(cwd: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("NO_COLOR", "1")
    result = invoke(*args)
    return result.exit_code, result.output


def test_the_hook_reads_a_file_named_like_an_option_as_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "brief.yaml").write_text(SMALL_BRIEF, encoding="utf-8")
    (tmp_path / HOSTILE).write_text(SMALL_BRIEF, encoding="utf-8")
    code, output = _run(tmp_path, monkeypatch, *_hook_argv(), HOSTILE, "brief.yaml")
    assert (tmp_path / "brief.yaml").read_text(encoding="utf-8") == SMALL_BRIEF
    assert code == 0, output
    assert f"{HOSTILE}: ok" in output  # validated as the brief it is
    assert "brief.yaml: ok" in output


def test_a_report_over_an_existing_yaml_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "brief.yaml").write_text(SMALL_BRIEF, encoding="utf-8")
    (tmp_path / "other.yml").write_text("not: a brief\n", encoding="utf-8")
    for target in ("brief.yaml", "other.yml"):
        code, output = _run(
            tmp_path, monkeypatch, "validate", f"--report=json={target}", "brief.yaml"
        )
        assert code == 2, output
        assert f"'{target}' is an existing YAML file" in output
    assert (tmp_path / "brief.yaml").read_text(encoding="utf-8") == SMALL_BRIEF
    assert (tmp_path / "other.yml").read_text(encoding="utf-8") == "not: a brief\n"


@pytest.mark.parametrize("command", ["validate", "render"])
def test_a_report_onto_a_brief_of_the_run_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """Even under another name (a link to the brief): nothing is written through it."""
    (tmp_path / "brief.yaml").write_text(SMALL_BRIEF, encoding="utf-8")
    (tmp_path / "report.json").symlink_to("brief.yaml")
    extra = ["-f", "md", "-o", "out"] if command == "render" else []
    code, output = _run(
        tmp_path, monkeypatch, command, "brief.yaml", "--report", "json=report.json", *extra
    )
    assert code == 1, output
    assert "report.json: --report names a brief of this run: it is not overwritten" in output
    assert (tmp_path / "brief.yaml").read_text(encoding="utf-8") == SMALL_BRIEF


def test_skip_other_yaml_names_what_is_not_a_brief_and_checks_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("report-jordan.yaml").write_text(SMALL_BRIEF, encoding="utf-8")
    Path("ci.yaml").write_text("on: push\njobs: {}\n", encoding="utf-8")
    Path("list.yaml").write_text("- a\n- b\n", encoding="utf-8")
    Path("broken.yaml").write_text("evaluation: [\n", encoding="utf-8")  # kept: reported
    result = invoke(
        "validate", "--skip-other-yaml", "--", "report-jordan.yaml", "ci.yaml", "list.yaml"
    )
    assert result.exit_code == 0, result.output
    assert result.output == (
        "skipped 2 YAML files that are not briefs (no organisation, evaluation or sections):"
        " ci.yaml, list.yaml\nreport-jordan.yaml: ok\n"
    )
    result = invoke("validate", "--skip-other-yaml", "--", "broken.yaml")
    assert result.exit_code == 1 and "broken.yaml:1:13:" in result.output  # at the [

"""The ``briefgen-validate`` pre-commit hook, run by pre-commit itself on a scratch repository.

``pre-commit try-repo`` clones this repository (a local path: no network) and installs the
hook the way a user's ``pre-commit install`` would (``language: python``: a virtualenv
and ``pip install .``). To keep the test offline and quick, pip may not use an index and
finds briefgen's dependencies among those installed here (tests/offline_pip.py): if the
hook needed anything else, the install would fail and so would this test.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import ROOT, SMALL_BRIEF
from tests.offline_pip import offline_install_env

BAD_BRIEF = SMALL_BRIEF.replace("  title: Clean Water Programme\n", "  titel: Clean Water\n")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def test_hook_definition_is_given_every_yaml_file_and_says_what_it_skips() -> None:
    """Issue 30: a name pattern ("*brief.yaml") let briefs named otherwise pass unchecked,
    with "Passed". Every YAML file is given now; those that are not briefs are named."""
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (hook["id"], hook["entry"], hook["language"]) == (
        "briefgen-validate",
        "briefgen validate",
        "python",
    )
    assert "files" not in hook and hook["types"] == ["yaml"]
    assert hook["args"] == ["--skip-other-yaml", "--"]
    assert hook["verbose"] is True  # the skipped files are said when every brief passes


def test_pre_commit_try_repo_checks_the_briefs_only(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "briefs").mkdir(parents=True)
    (repo / "config").mkdir()
    (repo / "briefs" / "good.yaml").write_text(SMALL_BRIEF, encoding="utf-8")
    (repo / "briefs" / "bad.yaml").write_text(BAD_BRIEF, encoding="utf-8")
    (repo / "config" / "settings.yaml").write_text("not: a brief\n", encoding="utf-8")
    (repo / "jordan-2024.yaml").write_text(SMALL_BRIEF, encoding="utf-8")  # any name
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "GITHUB_ACTIONS"}}
    env |= offline_install_env() | {"PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    done = subprocess.run(
        [
            *(sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "briefgen-validate"),
            *("--all-files", "--color", "never"),
        ],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "- hook id: briefgen-validate" in output
    assert "briefs/good.yaml: ok" in output
    assert (
        "briefs/bad.yaml:7:3: evaluation.titel: unknown key 'titel' (did you mean 'title'?)"
        in output
    )
    assert "jordan-2024.yaml: ok" in output  # a brief by its content, whatever its name
    assert (
        "skipped 1 YAML file that is not a brief (no organisation, evaluation or sections):"
        " config/settings.yaml" in output
    )
    assert "settings.yaml:" not in output  # named as skipped, never as a mistake

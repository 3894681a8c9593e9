"""The CI recipe: action.yml's steps and scripts/ci-render.sh, run end to end on the examples.

No hosted runner is reachable from here, so the script the action calls is run as the
runner would run it: a fresh virtualenv, briefgen installed into it with pip from this
repository, the example briefs rendered, annotations and the step summary written. pip
may not use an index and finds briefgen's dependencies among those installed here, which
keeps the test offline (tests/offline_pip.py).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from PIL import Image

from tests.conftest import ROOT, SMALL_BRIEF
from tests.offline_pip import offline_install_env

SCRIPT = ROOT / "scripts" / "ci-render.sh"


def test_the_action_runs_the_script_with_its_inputs_as_environment() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    [render, site] = [step for step in steps if "run" in step]
    assert render["run"] == '"$GITHUB_ACTION_PATH/scripts/ci-render.sh"'
    assert site["run"] == '"$GITHUB_ACTION_PATH/scripts/ci-site.sh"'  # tests/test_web.py
    for step in (render, site):
        assert "${{" not in step["run"]  # inputs never spliced into the shell command
    script = SCRIPT.read_text(encoding="utf-8")
    for variable, value in render["env"].items():
        assert variable in script, f"{variable} is set by action.yml but unused"
        assert re.fullmatch(r"\$\{\{ (inputs\.[\w-]+|github\.action_path) \}\}", value)
    used_inputs = {
        v.removeprefix("${{ inputs.").removesuffix(" }}") for v in render["env"].values()
    }
    assert set(action["inputs"]) - used_inputs <= {"artifact-name", "python-version", "site-dir"}
    upload = steps[-1]
    assert upload["uses"].startswith("actions/upload-artifact@")
    assert upload["with"]["path"] == "${{ inputs.output-dir }}"
    assert upload["if"] == "always()"


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One virtualenv for the runs below: the first run creates it, the next reuse it."""
    return tmp_path_factory.mktemp("ci") / "venv"


def _run_script(tmp_path: Path, venv: Path, settings: dict[str, str]) -> tuple[int, str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "BRIEFGEN_"))}
    env |= offline_install_env() | {
        "GITHUB_ACTIONS": "true",
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "BRIEFGEN_VENV": str(venv),
        "PYTHON": sys.executable,  # the version whose packages PYTHONPATH lends
        "NO_COLOR": "1",
        **settings,
    }
    done = subprocess.run(
        ["bash", str(SCRIPT)], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    return done.returncode, done.stdout, done.stderr


def test_ci_render_script_end_to_end_on_the_examples(tmp_path: Path, venv: Path) -> None:
    out = tmp_path / "out"
    code, stdout, stderr = _run_script(
        tmp_path,
        venv,
        {
            # A glob, as users write it (the six-language examples would only add time).
            "BRIEFGEN_BRIEFS": "data/brief.yaml\ndata/examples/single-*.yaml",
            "BRIEFGEN_FORMATS": "pdf png",
            "BRIEFGEN_OUTPUT_DIR": str(out),
            "BRIEFGEN_ARGS": f"--thumbnail --dpi 30 --report json={tmp_path / 'report.json'}",
        },
    )
    assert code == 0, stdout + stderr
    assert (venv / "bin" / "briefgen").exists()
    imported = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import briefgen; print(briefgen.__file__)"],
        env=os.environ | offline_install_env(),
        cwd=tmp_path,  # not the repository: "python -c" imports from the current folder
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert imported.startswith(str(venv)), imported  # the briefgen the script installed
    assert stdout.startswith("::group::Install briefgen\n")
    assert sorted(p.name for p in out.iterdir()) == [
        "brief-1.png",
        "brief-2.png",
        "brief-thumbnail.png",
        "brief.pdf",
        "single-project-1.png",
        "single-project-2.png",
        "single-project-thumbnail.png",
        "single-project.pdf",
    ]
    with Image.open(out / "brief-2.png") as page:
        assert abs(page.size[0] - 210 / 25.4 * 30) <= 1
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["ok"] is True
    assert [b["path"] for b in report["briefs"]] == [
        "data/brief.yaml",
        "data/examples/single-project.yaml",
    ]
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8").splitlines()
    assert summary[0] == "### briefgen: 2 of 2 briefs rendered"
    rows = [line for line in summary if line.startswith("| data")]
    assert len(rows) == 2
    assert rows[0].startswith("| data/brief\\.yaml | 2 | pdf, png | pdf ")
    # The reference brief has two sentences longer than a brief's (the editorial read),
    # then keeps two headings without content.
    assert "| line 66: this sentence has " in rows[0]
    assert rows[0].endswith(
        "; line 79: this section has a heading and nothing under it; line 128: this figure has"
        " a caption but no image: readers see only the caption | brief\\-thumbnail\\.png |"
    )
    assert rows[1].endswith(  # two sentences of 41 words (the editorial read)
        "this sentence has 41 words; a brief's reader takes in about 40 at once"
        " | single\\-project\\-thumbnail\\.png |"
    )
    assert "::error" not in stdout


def test_ci_render_script_fails_with_annotations(tmp_path: Path, venv: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(SMALL_BRIEF.replace("language: en", "language: xx"), encoding="utf-8")
    code, stdout, stderr = _run_script(
        tmp_path,
        venv,
        {
            "BRIEFGEN_BRIEFS": str(bad),
            "BRIEFGEN_FORMATS": "md",
            "BRIEFGEN_OUTPUT_DIR": str(tmp_path / "out"),
        },
    )
    assert code == 1, stdout + stderr
    assert f"::error file={bad},line=1,col=11,title=briefgen%3A language::" in stdout
    assert "| failed |" in (tmp_path / "summary.md").read_text(encoding="utf-8")

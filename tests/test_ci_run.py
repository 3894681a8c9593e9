"""`.ci/run` proves the README's set-up only from a base Python without briefgen's packages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def _python_wrapper(folder: Path, name: str, *flags: str) -> Path:
    """A `python3` that is this test's interpreter, optionally without its site-packages."""
    wrapper = folder / name
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" {" ".join(flags)} "$@"\n')
    wrapper.chmod(0o755)
    return wrapper


def _ci_run(tmp_path: Path, python: Path) -> tuple[subprocess.CompletedProcess[str], Path]:
    """Run a copy of `.ci/run` with a `make` that only records that it was called."""
    checkout = tmp_path / "checkout"
    (checkout / ".ci").mkdir(parents=True)
    (checkout / "scripts").mkdir()
    shutil.copy2(ROOT / ".ci" / "run", checkout / ".ci" / "run")
    shutil.copy2(
        ROOT / "scripts" / "check-clean-python.sh", checkout / "scripts" / "check-clean-python.sh"
    )
    tools = tmp_path / "bin"
    tools.mkdir()
    calls = tmp_path / "make-calls"
    make = tools / "make"
    make.write_text(f'#!/bin/sh\necho "$@" >> "{calls}"\n')
    make.chmod(0o755)
    environment = {
        **{key: value for key, value in os.environ.items() if key != "PYTHONPATH"},
        "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}",
        "BRIEFGEN_CI_PYTHON": str(python),
    }
    result = subprocess.run(
        ["bash", str(checkout / ".ci" / "run")],
        capture_output=True,
        text=True,
        check=False,
        env=environment,
    )
    return result, calls


def test_ci_refuses_a_base_python_that_has_the_packages(tmp_path: Path) -> None:
    # The tests' interpreter has typer, WeasyPrint, Jinja, pydantic and python-docx.
    furnished = _python_wrapper(tmp_path, "python3")
    result, calls = _ci_run(tmp_path, furnished)
    assert result.returncode == 1
    assert f"{furnished} can already import: typer weasyprint jinja2 pydantic docx." in (
        result.stderr
    )
    assert "BRIEFGEN_CI_PYTHON=/usr/bin/python3 bash .ci/run" in result.stderr
    assert not calls.exists(), "nothing may run before the guard"


def test_ci_runs_the_readmes_two_commands_from_a_clean_python(tmp_path: Path) -> None:
    # -S: no site-packages at all, as a newcomer's interpreter.
    bare = _python_wrapper(tmp_path, "python3", "-S")
    result, calls = _ci_run(tmp_path, bare)
    assert result.returncode == 0, result.stderr
    assert calls.read_text().splitlines() == [f"brief PYTHON={bare}", f"test PYTHON={bare}"]


def test_the_guard_names_a_missing_interpreter(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(ROOT / "scripts" / "check-clean-python.sh"), str(tmp_path / "no-python")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "is not a Python on this machine" in result.stderr

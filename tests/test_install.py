"""A plain (non-editable) install finds its templates and labels from any folder."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

from tests.conftest import REFERENCE_BRIEF, ROOT


def test_wheel_install_renders_from_another_folder(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
    )
    (wheel,) = wheels.glob("briefgen-*.whl")
    environment = tmp_path / "venv"
    venv.create(environment, system_site_packages=True, with_pip=True)
    python = environment / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--quiet", str(wheel)], check=True
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [
            str(environment / "bin" / "briefgen"),
            "render",
            str(REFERENCE_BRIEF),
            "-f",
            "md",
            "-o",
            ".",
        ],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    located = subprocess.run(
        [
            str(python),
            "-c",
            "import briefgen.render.environment as e; print(e.builtin_templates())",
        ],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert located.startswith(str(environment)), located
    assert (
        (elsewhere / "brief.md")
        .read_text(encoding="utf-8")
        .startswith("**United Nations Office on Drugs and Crime**")
    )

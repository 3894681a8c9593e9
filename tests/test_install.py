"""A plain (non-editable) install finds its templates and labels from any folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

from tests.conftest import REFERENCE_BRIEF, ROOT

CLEAN_ENVIRONMENT = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
"""The caller's environment without PYTHONPATH, which would put a source tree first."""


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
    venv.create(environment, system_site_packages=False, with_pip=True)
    python = environment / "bin" / "python"
    _borrow_dependencies_from_this_environment(python)
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
        env=CLEAN_ENVIRONMENT,
    )
    assert result.returncode == 0, result.stderr
    located = subprocess.run(
        [
            str(python),
            "-c",
            "import briefgen.render.jinja.environment as e; print(e.builtin_templates())",
        ],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
        env=CLEAN_ENVIRONMENT,
    ).stdout.strip()
    assert located.startswith(str(environment)), located
    assert (
        (elsewhere / "brief.md")
        .read_text(encoding="utf-8")
        .startswith("**United Nations Office on Drugs and Crime (UNODC)**")
    )


def _borrow_dependencies_from_this_environment(python: Path) -> None:
    """Let the new environment import briefgen's dependencies from the tests' own `.venv`.

    A `.pth` line appends `.venv`'s site-packages after the new environment's own, so the
    briefgen pip installed there is found first. Unlike ``system_site_packages=True``, which
    inherits the *base* interpreter's packages (none on a fresh machine), this reaches only
    what `make test` installed. `.pth` files inside an appended folder are not run, so the
    editable briefgen of `.venv` stays out of sight.
    """
    own = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    borrowed = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    (Path(own) / "briefgen-test-dependencies.pth").write_text(
        "".join(f"{folder}\n" for folder in borrowed), encoding="utf-8"
    )


def _copy_of_the_repository(target: Path) -> Path:
    """The files a fresh clone of this working tree would have (tracked and new)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, listed):
        source = ROOT / name.decode()
        if source.is_file():
            destination = target / name.decode()
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)
    return target


def test_make_brief_with_debians_own_python_uses_a_project_environment(tmp_path: Path) -> None:
    """The README's first command on a PEP 668 Python: a .venv, never the system's packages."""
    system_python = Path("/usr/bin/python3")
    marker = next(Path("/usr/lib").glob("python3.*/EXTERNALLY-MANAGED"), None)
    assert marker is not None, "this machine's Python should be externally managed (PEP 668)"
    clone = _copy_of_the_repository(tmp_path / "clone")
    result = subprocess.run(
        ["make", "brief", f"PYTHON={system_python}"],
        cwd=clone,
        capture_output=True,
        text=True,
        check=False,
        env={**CLEAN_ENVIRONMENT, "PIP_REQUIRE_VIRTUALENV": "1"},
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    pdf = clone / "out" / "brief.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert {path.name for path in (clone / "out").iterdir()} >= {"brief.html", "brief.md"}
    venv_python = clone / ".venv" / "bin" / "python"
    prefixes = subprocess.run(
        [str(venv_python), "-c", "import sys; print(sys.prefix != sys.base_prefix)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert prefixes.strip() == "True", "make brief must run in a virtual environment"
    # Installed editable, as `make test` installs it: the two targets never swap the mode.
    direct_url = subprocess.run(
        [
            str(venv_python),
            "-c",
            "import importlib.metadata as m; print(m.distribution('briefgen').read_text("
            "'direct_url.json'))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert '"editable": true' in direct_url
    in_system = subprocess.run(
        [str(system_python), "-c", "import briefgen"],
        cwd=tmp_path,
        capture_output=True,
        check=False,
        env=CLEAN_ENVIRONMENT,
    )
    assert in_system.returncode != 0, "briefgen must not be installed into the system Python"
    # Running it again installs nothing: pip runs only when pyproject.toml changes.
    again = subprocess.run(
        ["make", "-n", "install", f"PYTHON={system_python}"],
        cwd=clone,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "pip" not in again.stdout, again.stdout

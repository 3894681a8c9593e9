"""What a brief's content and images may cost: every bound refused at its line, cheaply.

Each reproducer is generated here (nothing big is committed) and run through the real CLI.
The costly ones run in a subprocess under ``resource`` limits (address space and CPU time),
so a regression fails fast with a killed process instead of eating the machine.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefgen.cli import app
from tests.conftest import ROOT

runner = CliRunner()
MEMORY_LIMIT = 1_500_000_000  # bytes of address space for one briefgen process
CPU_LIMIT = 30  # seconds of CPU time for one briefgen process


def run(*args: str) -> tuple[int, str]:
    """The CLI in this process, for the cheap cases."""
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result.exit_code, " ".join(result.output.split())


def _limit_resources() -> None:  # runs in the child, before briefgen starts
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT, CPU_LIMIT))


def run_limited(*args: str) -> tuple[int, str]:
    """The CLI in a child process that is killed past its memory or CPU allowance."""
    result = subprocess.run(
        [sys.executable, "-m", "briefgen", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=CPU_LIMIT * 4,
        preexec_fn=_limit_resources,
    )
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-3000:]
    return result.returncode, " ".join(output.split())


HEADER = (
    "organisation:\n  name: Office\ndate: 2017-10\n"
    "evaluation:\n  type: Evaluation\n  title: A title\n"
)


def figure_brief(image: str, logo: str | None = None) -> str:
    """A brief whose figure (line 11, column 12) and logo (line 14) name ``image``."""
    theme = f"theme:\n  logo: '{logo}'\n" if logo else ""
    return (
        HEADER + "sections:\n  - kind: background\n    text: Some text.\n"
        f"  - kind: figure\n    image: '{image}'\n    alt: A chart\n{theme}"
    )


# 2. Aliases may not expand a brief past the size of the largest file ----------------------


@pytest.mark.parametrize("aliases", [1_000, 10_000, 45_000])
def test_alias_amplification_is_refused_at_the_alias(tmp_path: Path, aliases: int) -> None:
    brief = tmp_path / "amplified.yaml"
    brief.write_text(
        HEADER + "sections:\n  - kind: background\n    text: &big " + "x" * 500_000 + "\n"
        "  - kind: recommendations\n    items: [" + ", ".join(["*big"] * aliases) + "]\n"
    )
    assert brief.stat().st_size < 1_000_000  # under the file cap: only expansion is refused
    code, output = run_limited("render", str(brief), "-f", "md", "-o", str(tmp_path / "out"))
    assert code == 1, output
    assert (
        "amplified.yaml:11:13: expands to more than 1,000,000 characters (too many aliases?)"
    ) in output
    assert not list(tmp_path.glob("out/*"))


def test_aliases_within_the_bound_still_work(tmp_path: Path) -> None:
    brief = tmp_path / "b.yaml"
    brief.write_text(
        HEADER + "sections:\n  - kind: background\n    text: &t Some text.\n"
        "  - kind: findings\n    text: *t\n"
    )
    code, output = run("validate", str(brief))
    assert code == 0, output

"""Run the real CLI in a child process with a memory and CPU ceiling.

For inputs built to exhaust the machine (huge strings, deep nesting): a regression then
ends in a quick failure of the test (MemoryError, SIGXCPU, a timeout) instead of swapping
the CI runner to death.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT

MEMORY_LIMIT = 2 * 1024**3  # bytes of address space
CPU_LIMIT = 60  # seconds of CPU
WALL_LIMIT = 120  # seconds, should the child sleep instead of compute


@dataclass(frozen=True)
class Finished:
    code: int
    stdout: str
    stderr: str


def _limit_resources() -> None:  # runs in the child, before it executes Python
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT, CPU_LIMIT))


def run_bounded(*args: str, cwd: Path) -> Finished:
    """``python -m briefgen ARGS`` under the limits above; its exit code and output."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "COLUMNS": "200"}
    done = subprocess.run(
        [sys.executable, "-m", "briefgen", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=WALL_LIMIT,
        preexec_fn=_limit_resources,
    )
    return Finished(done.returncode, done.stdout, done.stderr)

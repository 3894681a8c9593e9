"""Paired cold-run timing of two or more variants of a briefgen command.

Runs the variants in turn (A B, then B A, ...), so that a change in the machine's load
hits all of them alike, and prints the median and minimum wall time and the median CPU
time (user + system, this run's processes and the workers they waited for) of each. A
variant is ``NAME=ARGS`` (run with this checkout) or ``NAME=ROOT::ARGS`` (run with the
checkout at ROOT, e.g. a ``git worktree`` of the code before a change):

    python bench/paired.py --runs 10 \\
        "worker=render data/brief.yaml -f pdf -o /tmp/a" \\
        "before=/tmp/old::render data/brief.yaml -f pdf -o /tmp/b -j 1"

A variant whose ARGS start with a ``.py`` file runs that script (for example
``bench/in_process.py``, a render without a worker) instead of ``python -m briefgen``.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("variants", nargs="+", help="NAME=ARGS or NAME=ROOT::ARGS")
    parser.add_argument("--runs", type=int, default=10, help="runs of each variant [10]")
    args = parser.parse_args()
    variants: dict[str, tuple[Path, list[str]]] = {}
    for variant in args.variants:
        name, _, rest = variant.partition("=")
        root, _, command = rest.rpartition("::")
        variants[name] = (Path(root) if root else ROOT, command.split())
    wall: dict[str, list[float]] = {name: [] for name in variants}
    cpu: dict[str, list[float]] = {name: [] for name in variants}
    load_before = os.getloadavg()
    for run in range(args.runs):
        order = list(variants) if run % 2 == 0 else list(reversed(variants))
        for name in order:
            root, command = variants[name]
            environment = {**os.environ, "PYTHONPATH": str(root), "NO_COLOR": "1"}
            environment["PYTHONDONTWRITEBYTECODE"] = "1"
            started, cpu_before = time.perf_counter(), _cpu_of_children()
            # A variant that names a script (bench/in_process.py ...) runs it instead.
            program = [] if command[0].endswith(".py") else ["-m", "briefgen"]
            subprocess.run(
                [sys.executable, *program, *command],
                cwd=root,
                env=environment,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,  # warnings of the reference brief, once per run
                check=True,
            )
            wall[name].append(time.perf_counter() - started)
            cpu[name].append(_cpu_of_children() - cpu_before)
    load = ", ".join(f"{value:.1f}" for value in (*load_before, *os.getloadavg()))
    print(f"{args.runs} runs each; load average before and after: {load}")
    for name in variants:
        print(
            f"{name}: median {statistics.median(wall[name]):.3f} s, "
            f"min {min(wall[name]):.3f} s, CPU median {statistics.median(cpu[name]):.3f} s"
        )


if __name__ == "__main__":
    main()

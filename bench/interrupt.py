"""How fast Ctrl+C stops a batch: 20 briefs (the reference x3), interrupted after the first
PDF is written, as a terminal would (SIGINT to the whole process group).

    python bench/interrupt.py [--repeats 3]

Prints, for each run, the seconds from Ctrl+C to the command's exit, the PDFs written
and any process of the command still alive afterwards (there should be none).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.processes import briefgen, scaled_brief, session_processes, wait_until  # noqa: E402


def one_run(folder: Path) -> str:
    for index in range(20):
        scaled_brief(folder / "briefs" / f"brief{index:02}.yaml", 3)
    out = folder / "out"
    with briefgen(["render", "briefs", "-f", "pdf", "-j", "2"], folder) as process:
        wait_until(lambda: out.is_dir() and any(out.glob("*.pdf")), 120)
        interrupted = time.perf_counter()
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=120)
        stopped = time.perf_counter() - interrupted
        wait_until(lambda: not session_processes(process.pid), 5)
        left = session_processes(process.pid)
    written = len(list(out.glob("*.pdf")))
    partial = len(list(out.glob(".*")))
    return (
        f"stopped {stopped:.2f} s after Ctrl+C (exit {process.returncode}); "
        f"{written} of 20 PDFs written, {partial} partial files, {len(left)} processes left"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    for _ in range(args.repeats):
        with tempfile.TemporaryDirectory(prefix="briefgen-interrupt-") as temporary:
            print(one_run(Path(temporary)), flush=True)


if __name__ == "__main__":
    main()

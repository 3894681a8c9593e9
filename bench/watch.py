"""``briefgen watch``: the time from saving the brief to a new PDF on disk.

Starts ``briefgen watch`` on a copy of the reference brief, waits for its first PDF, then
saves the brief ``--saves`` times (a comment line changed, so the content differs) and
times each save until the PDF is replaced. Beside it, one warm render of the same brief
in one process (WeasyPrint already imported, a layout already done): the floor a
watcher can approach. Prints the medians.

    python bench/watch.py              # 10 saves
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BRIEF = ROOT / "data" / "brief.yaml"


def _changed(path: Path, before: int, deadline: float) -> float:
    """When ``path`` was replaced (its inode or time changed), polled every 5 ms."""
    while time.monotonic() < deadline:
        try:
            stat = path.stat()
        except FileNotFoundError:
            stat = None
        if stat is not None and stat.st_mtime_ns != before:
            return time.perf_counter()
        time.sleep(0.005)
    raise SystemExit(f"no new {path.name} within the time limit")


def _mtime(path: Path) -> int:
    return path.stat().st_mtime_ns if path.exists() else -1


def save_to_pdf(saves: int, interval: float) -> list[float]:
    with tempfile.TemporaryDirectory(prefix="briefgen-watch-bench-") as temporary:
        folder = Path(temporary)
        brief = folder / "brief.yaml"
        shutil.copyfile(BRIEF, brief)
        out = folder / "out"
        pdf = out / "brief.pdf"
        command = [sys.executable, "-m", "briefgen", "watch", str(brief), "-f", "pdf"]
        command += ["-o", str(out), "--interval", str(interval)]
        environment = {**os.environ, "NO_COLOR": "1"}
        watcher = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment
        )
        try:
            _changed(pdf, -1, time.monotonic() + 120)
            text = BRIEF.read_text(encoding="utf-8")
            times = []
            for number in range(saves):
                time.sleep(interval * 2)  # let the watcher settle
                before = _mtime(pdf)
                saved = time.perf_counter()
                brief.write_text(f"{text}\n# save {number}\n", encoding="utf-8")
                times.append(_changed(pdf, before, time.monotonic() + 120) - saved)
            return times
        finally:
            watcher.terminate()
            watcher.wait()


def warm_render(repeats: int) -> list[float]:
    """One process: a first render (imports, caches), then ``repeats`` timed ones."""
    from briefgen.api import RenderOptions, load_brief, render_files

    def render() -> None:
        render_files(load_brief(BRIEF), ("pdf",), RenderOptions())

    render()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        render()
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=10, help="saves to time [10]")
    parser.add_argument("--interval", type=float, default=0.5, help="watch's poll [0.5 s]")
    args = parser.parse_args()
    load = os.getloadavg()
    saves = save_to_pdf(args.saves, args.interval)
    warm = warm_render(args.saves)
    save, floor = statistics.median(saves), statistics.median(warm)
    print(f"load average before: {load[0]:.1f}; after: {os.getloadavg()[0]:.1f}")
    print(f"save to new PDF, median of {len(saves)}: {save:.3f} s (min {min(saves):.3f})")
    print(f"warm render in one process, median of {len(warm)}: {floor:.3f} s")
    print(f"ratio: {save / floor:.2f}")


if __name__ == "__main__":
    main()

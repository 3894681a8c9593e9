"""Save-to-screen time of ``briefgen preview``: from writing the YAML to new pages served.

Starts ``briefgen preview`` on a copy of the reference brief, then saves the YAML N times
(a word of the title changed each time) and measures, for each save, the time until the
page's long poll hears of the new render and has fetched its page pictures and web page,
which is what the browser then shows. Prints the median, minimum and maximum:

    python bench/preview.py --saves 10
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=120) as response:
        return bytes(response.read())


def _state(base: str, after: int) -> dict[str, object]:
    return dict(json.loads(_get(f"{base}state?after={after}")))


def _wait_for_render(base: str, after: int) -> dict[str, object]:
    """The first state after ``after`` whose render is over."""
    while True:
        state = _state(base, after)
        after = int(str(state["version"]))
        if not state["rendering"]:
            return state


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=10, help="saves to time [10]")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="briefgen-bench-preview-") as folder:
        brief = Path(folder) / "brief.yaml"
        shutil.copy(ROOT / "data" / "brief.yaml", brief)
        original = brief.read_text(encoding="utf-8")
        process = subprocess.Popen(
            [sys.executable, "-m", "briefgen", "preview", str(brief), "--no-open", "--port", "0"],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert process.stdout is not None
        found = re.search(r"http://127\.0\.0\.1:\d+/", process.stdout.readline())
        assert found, "briefgen preview did not start"
        base = found.group(0)
        try:
            state = _wait_for_render(base, -1)
            times: list[float] = []
            for save in range(args.saves):
                version = int(str(state["version"]))
                started = time.perf_counter()
                brief.write_text(
                    original.replace("Evaluation", f"Evaluation {save}", 1), encoding="utf-8"
                )
                state = _wait_for_render(base, version)
                assert not state["problems"], state["problems"]
                for page in [*list(state["pages"]), state["web_page"]]:  # type: ignore[call-overload]
                    _get(base + str(page).lstrip("/"))
                times.append(time.perf_counter() - started)
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=60)
    print(f"briefgen preview, reference brief, {args.saves} saves: save to new pages served")
    print(
        f"  median {statistics.median(times):.2f} s, min {min(times):.2f} s, max {max(times):.2f} s"
    )


if __name__ == "__main__":
    main()

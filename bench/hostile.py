"""What the hostile reproducers of issue 10 cost now: seconds and peak memory, printed.

Each reproducer is generated in a temporary folder (the same generators as
tests/test_resource_limits.py) and run once through the CLI in a fresh process; peak
memory is that process's ru_maxrss (os.wait4), so a warm PDF worker is not counted.

    python bench/hostile.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.test_resource_limits import (  # noqa: E402
    HEADER,
    figure_brief,
    palette_png,
    svg_with_data_image,
    use_fan_out,
)


def measure(args: list[str]) -> tuple[float, float, int]:
    """Seconds, peak MB and exit code of one ``python -m briefgen ...``."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "briefgen", *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - started, usage.ru_maxrss / 1024, process.returncode


def main() -> None:
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        cases: list[tuple[str, list[str]]] = []
        for aliases in (1_000, 10_000, 45_000):
            brief = folder / f"alias{aliases}.yaml"
            brief.write_text(
                HEADER + "sections:\n  - kind: background\n    text: &big " + "x" * 500_000 + "\n"
                "  - kind: recommendations\n    items: [" + ", ".join(["*big"] * aliases) + "]\n"
            )
            command = "render" if aliases == 1_000 else "validate"
            extra = ["-f", "md", "-o", str(folder / "out")] if command == "render" else []
            cases.append(
                (f"500 KB text, {aliases:,} aliases: {command}", [command, str(brief), *extra])
            )
        (folder / "fan.svg").write_text(use_fan_out(6))
        (folder / "fan.yaml").write_text(figure_brief("fan.svg"))
        cases.append(
            (
                "SVG, 6 levels of 10 <use> (1.2 KB): render",
                ["render", str(folder / "fan.yaml"), "-o", str(folder / "out")],
            )
        )
        huge = palette_png(13_000, 13_000)
        (folder / "huge.png").write_bytes(huge)
        (folder / "inside.svg").write_text(svg_with_data_image(huge))
        (folder / "huge.yaml").write_text(figure_brief("huge.png"))
        (folder / "inside.yaml").write_text(figure_brief("inside.svg"))
        cases.append(
            (
                "palette PNG 13000 x 13000 (165 KB): render",
                ["render", str(folder / "huge.yaml"), "-o", str(folder / "out")],
            )
        )
        cases.append(
            (
                "the same PNG as data: in an SVG: render",
                ["render", str(folder / "inside.yaml"), "-o", str(folder / "out")],
            )
        )
        print(f"{'case':<50} {'seconds':>8} {'peak MB':>8} {'exit':>5}")
        for name, args in cases:
            seconds, peak, code = measure(args)
            print(f"{name:<50} {seconds:8.2f} {peak:8.0f} {code:5d}")


if __name__ == "__main__":
    main()

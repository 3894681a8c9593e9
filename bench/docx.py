"""What Word output costs: cold renders with and without DOCX, run in turn, as medians.

Decides whether ``-f all`` (the default) includes docx: it does while adding DOCX to
pdf+html+md costs little next to the PDF.

    python bench/docx.py             # 7 rounds
    python bench/docx.py --repeats 3
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import BRIEF, BRIEFGEN, interleaved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7, help="cold runs per case [7]")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="briefgen-bench-") as temporary:
        work = Path(temporary)
        render = [*BRIEFGEN, "render", str(BRIEF), "-o", str(work / "out")]
        cases = {
            "render -f md": ["-f", "md"],
            "render -f docx": ["-f", "docx"],
            "render -f pdf -f html -f md": ["-f", "pdf", "-f", "html", "-f", "md"],
            "render (all: pdf, html, md, docx)": [],
        }
        measures = interleaved([[*render, *extra] for extra in cases.values()], work, args.repeats)
    print(f"median of {args.repeats} cold runs, run in turn")
    for name, measure in zip(cases, measures, strict=True):
        print(f"{name:38} {measure.seconds:6.3f} s {measure.peak_mb:6.0f} MB")
    base, every = measures[2].seconds, measures[3].seconds
    print(f"docx added to pdf+html+md: {every - base:+.3f} s ({every / base - 1:+.0%})")
    print(f"docx alone vs md alone: {measures[1].seconds - measures[0].seconds:+.3f} s")


if __name__ == "__main__":
    main()

"""How ragged a brief's right edge is in the PDF (issue 26: "an evenly set Chinese text
block"): for each line of running text that is not the last of its paragraph, how far
its text ends short of its column's right edge, in mm, read from the laid-out lines as
the layout inspector reads them. A short line is put down to what its next line starts
with: closing punctuation (which may not start a line, so a character went down with it),
a Latin word or number (which does not break), or a Han character (nothing: the
engine's rounding, or a mark set closer at the line's end).

    PYTHONPATH=$PWD .venv/bin/python bench/raggedness.py data/examples/brief-zh.yaml
"""

from __future__ import annotations

import re
import statistics
import sys
from itertools import pairwise
from pathlib import Path

from briefgen.api import load_brief
from briefgen.render.pdf.budget import lay_out_within_budget
from briefgen.render.pdf.engine import PdfEngine
from briefgen.render.pdf.inspector import (
    CLOSING_PUNCTUATION,
    OPENING_PUNCTUATION,
    PX_PER_MM,
    _iter_pages,
    _line_groups,
)

SHORT_MM = 1.5  # a line ending this much short of its column is visibly short
# (a full line of Han text ends up to an em, 3.5 mm, short: the column is not a whole
# number of ems; the example's full lines end 0.4 mm and 1.0 mm short)
_MARKS = "".join(sorted(CLOSING_PUNCTUATION | OPENING_PUNCTUATION))
_MARK_PAIR = re.compile(f"[{re.escape(_MARKS)}]{{2,}}")


def _cause(text: str, next_text: str) -> str:
    first = next_text.lstrip()[:1]
    if first in CLOSING_PUNCTUATION:
        return "the next line starts with closing punctuation (a character went down)"
    if first.isascii() and first.isalnum():
        return "the next line starts with a Latin word or number (it does not break)"
    if any(c.isascii() and c.isalnum() for c in text):
        return "Latin text in the line (its widths are not whole ems)"
    if _MARK_PAIR.search(text):
        return "a pair of marks set closer in the line (half an em)"
    return "other"


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "data/examples/brief-zh.yaml")
    loaded = load_brief(path)
    engine = PdfEngine()
    lay_out_within_budget(loaded, engine, fit=loaded.brief.layout.fit)
    gaps: list[float] = []
    openings: list[float] = []
    causes: dict[str, list[float]] = {}
    for page in _iter_pages(engine.document.pages):
        for group in _line_groups(page):
            first = group[0]
            if "p" not in first.tags or "content" not in first.classes or first.heading:
                continue
            parent = first.parent
            column_right = float(parent.content_box_x() + parent.width)
            for line, following in pairwise(group):
                beside = [  # a floated box (the quick facts) narrows the line
                    float(box.position_x)
                    for box, (x0, y0, _, y1) in page.floats
                    if y0 < line.y1 and y1 > line.y0 and x0 > line.x0
                ]
                gap = (min([column_right, *beside]) - line.x1) / PX_PER_MM
                gaps.append(gap)
                spaces = line.text.strip().count(" ") + line.text.strip().count("\u00a0")
                if spaces and gap >= SHORT_MM:  # justified, each space would open by
                    openings.append(gap / spaces)
                if gap >= SHORT_MM:
                    causes.setdefault(_cause(line.text, following.text), []).append(gap)
                if "-v" in sys.argv:
                    print(f"{gap:6.2f} {line.text!r}")
    if not gaps:
        print("no lines of running text")
        return
    print(f"{path}: {len(gaps)} lines that are not a paragraph's last")
    print(
        f"short of the column's right edge: mean {statistics.mean(gaps):.2f} mm, "
        f"max {max(gaps):.2f} mm, spread (max - min) {max(gaps) - min(gaps):.2f} mm; "
        f"{sum(g >= SHORT_MM for g in gaps)} lines {SHORT_MM:g} mm or more short"
    )
    if openings:
        print(
            f"justified (WeasyPrint widens spaces only), {len(openings)} of these lines "
            f"have spaces to widen: each would open by {min(openings):.2f} to "
            f"{max(openings):.2f} mm (an em is 3.5 mm at 10 pt)"
        )
    for cause, values in sorted(causes.items()):
        print(f"  {cause}: {len(values)} lines, mean {statistics.mean(values):.2f} mm")


if __name__ == "__main__":
    main()

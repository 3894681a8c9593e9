"""Loose justified lines in rendered PDFs, as poppler reads them: lines whose gaps between
words are nearly all wider than 3 mm (three at least). The layout inspector does not
report them; this counts them over a folder of PDFs (a corpus run's ``OUT/pdf``):

    python bench/loose_lines.py /tmp/corpus/pdf

Lines of numbers only (a chart's axis) are left out; a table's cells, whose gaps differ,
are too (the gaps of a loose line are all about the same).
"""

from __future__ import annotations

import re
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)
_PAGE = re.compile(r'<page width="[\d.]+" height="[\d.]+">(.*?)</page>', re.S)
WIDE_PT = 3 * 72 / 25.4
_NUMBER = re.compile(r"[\d%.,]+")


def loose_lines(pdf: Path) -> list[tuple[int, str]]:
    """(page, text) of each loose line of ``pdf``."""
    xml = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    found = []
    for number, body in enumerate(_PAGE.findall(xml), start=1):
        lines: dict[int, list[tuple[float, float, str]]] = {}
        for x0, y0, x1, _, text in _WORD.findall(body):
            lines.setdefault(round(float(y0)), []).append((float(x0), float(x1), text))
        for line in lines.values():
            line.sort()
            if all(_NUMBER.fullmatch(text) for _, _, text in line):
                continue
            gaps = [b[0] - a[1] for a, b in pairwise(line)]
            wide = [gap for gap in gaps if gap > WIDE_PT]
            if len(wide) >= 3 and len(wide) >= len(gaps) - 1 and max(wide) - min(wide) < 2:
                found.append((number, " ".join(text for _, _, text in line)))
    return found


def main() -> None:
    total, briefs = 0, 0
    for pdf in sorted(Path(sys.argv[1]).glob("*.pdf")):
        found = loose_lines(pdf)
        if found:
            briefs += 1
            total += len(found)
            print(f"{pdf.name}: {len(found)}, e.g. page {found[0][0]}: {found[0][1][:60]}")
    print(f"loose lines: {total} in {briefs} PDFs")


if __name__ == "__main__":
    main()

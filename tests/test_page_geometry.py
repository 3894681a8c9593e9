"""The PDF's pages are the ones render/view/page_geometry.py defines: paper, margins, footer."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf

from briefgen.render.view.page_geometry import MARGINS, PAPERS

POINTS_PER_MM = 72 / 25.4
TOLERANCE_PT = 0.5  # glyphs overshoot their advance a little


def _words(pdf: Path) -> list[list[tuple[str, float, float, float, float]]]:
    """Each page's words with their boxes in points (x0, y0 from the top, x1, y1)."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<'
    return [
        [
            (word, float(a), float(b), float(c), float(d))
            for a, b, c, d, word in re.findall(pattern, page)
        ]
        for page in html.split("<page ")[1:]
    ]


def test_the_reference_pdf_is_laid_out_on_the_defined_page(
    reference_outputs: dict[str, Path],
) -> None:
    paper = PAPERS["a4"]  # the reference brief's paper
    width, height = paper.width_mm * POINTS_PER_MM, paper.height_mm * POINTS_PER_MM
    with pikepdf.open(reference_outputs["pdf"]) as pdf:
        for page in pdf.pages:
            box = [float(value) for value in page.mediabox]
            assert abs(box[2] - width) < 0.01 and abs(box[3] - height) < 0.01, box
    left, right = MARGINS.left * POINTS_PER_MM, width - MARGINS.right * POINTS_PER_MM
    footer_top = height - MARGINS.bottom * POINTS_PER_MM
    for number, words in enumerate(_words(reference_outputs["pdf"]), 1):
        assert abs(min(x0 for _, x0, _, _, _ in words) - left) < TOLERANCE_PT, number
        assert abs(max(x1 for _, _, _, x1, _ in words) - right) < TOLERANCE_PT, number
        body = [word for word in words if word[2] < footer_top]
        footer = [word for word in words if word[2] >= footer_top]
        assert max(y1 for *_, y1 in body) <= footer_top, number
        assert " ".join(word for word, *_ in footer) == f"UNODC Briefs Page {number} / 2"

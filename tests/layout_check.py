"""Collisions a reader would see: words drawn over other words, or off the page.

Reads the word boxes poppler finds (``pdftotext -bbox``), so it checks any PDF, whichever
engine made it.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.DOTALL)
_WORD = re.compile(
    r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>'
)


@dataclass(frozen=True)
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def _pages(pdf: Path) -> list[tuple[float, float, list[Word]]]:
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = []
    for number, (width, height, body) in enumerate(_PAGE.findall(html), start=1):
        words = [
            Word(number, float(a), float(b), float(c), float(d), text)
            for a, b, c, d, text in _WORD.findall(body)
        ]
        pages.append((float(width), float(height), words))
    return pages


def pages(pdf: Path) -> list[tuple[float, float, list[Word]]]:
    """Each page's width, height (points) and words, as poppler finds them."""
    return _pages(pdf)


def _overlap(a: Word, b: Word, slack: float) -> bool:
    """Boxes span a font's whole ascent and descent, so tightly set lines of large type
    touch without any ink meeting: only a third of a line's height counts as a collision."""
    vertical = min(a.y1, b.y1) - max(a.y0, b.y0)
    shorter = min(a.y1 - a.y0, b.y1 - b.y0)
    return min(a.x1, b.x1) - max(a.x0, b.x0) > slack and vertical > max(slack, shorter / 3)


def collisions(pdf: Path, *, slack: float = 1.0) -> list[str]:
    """Words that overlap another word by more than ``slack`` points, or leave the page."""
    found: list[str] = []
    for width, height, words in _pages(pdf):
        for word in words:
            if (
                word.x0 < -slack
                or word.y0 < -slack
                or word.x1 > width + slack
                or word.y1 > height + slack
            ):
                found.append(f"page {word.page}: '{word.text}' is off the page")
        ordered = sorted(words, key=lambda w: w.y0)
        for index, word in enumerate(ordered):
            for other in ordered[index + 1 :]:
                if other.y0 > word.y1:
                    break
                if _overlap(word, other, slack):
                    found.append(f"page {word.page}: '{word.text}' overlaps '{other.text}'")
    return found

"""The printed page, defined once: paper sizes, margins and the running footer.

The PDF's ``@page`` rule is generated here, and nowhere else: the web page prints on the
same page (inside ``@media print``), and the Word output takes its paper sizes from here.
A template folder's ``print.css`` comes after this rule, so it may still change it.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.model.theme import MUTED


@dataclass(frozen=True)
class Paper:
    css_size: str  # the name CSS's ``size`` knows it by
    width_mm: float
    height_mm: float


PAPERS = {"a4": Paper("A4", 210, 297), "letter": Paper("letter", 215.9, 279.4)}


@dataclass(frozen=True)
class Margins:
    """The page's margins in mm; the bottom one holds the footer."""

    top: float
    right: float
    bottom: float
    left: float

    def css(self) -> str:
        return " ".join(f"{side:g}mm" for side in (self.top, self.right, self.bottom, self.left))


MARGINS = Margins(top=14, right=14, bottom=16, left=14)
DOCX_MARGINS = Margins(top=18, right=18, bottom=20, left=18)  # the DOCX's built-in look

# The footer: two halves with one rule each, so a single rule runs across the text width,
# the same on every page; the series at the start, the page number at the end.
FOOTER_STYLE = (
    f"font-family: var(--heading-font); font-size: 7.5pt; color: {MUTED};"
    " border-top: 0.5pt solid #c9ced6; vertical-align: top; padding-top: 2mm;"
)


def page_css(paper: str, *, start_content: str, end_content: str, rtl: bool) -> str:
    """The ``@page`` rule: paper, margins, and a footer of two CSS ``content`` values.

    The footer follows the writing direction: in Arabic the series (``start_content``)
    sits at the bottom right and the page number (``end_content``) at the left.
    """
    start, end = ("right", "left") if rtl else ("left", "right")
    boxes = {
        start: f"content: {start_content};",
        end: f"content: {end_content};",
    }
    left = f"@bottom-left {{ width: 50%; {FOOTER_STYLE} {boxes['left']} }}"
    right = f"@bottom-right {{ width: 50%; text-align: right; {FOOTER_STYLE} {boxes['right']} }}"
    return (
        f"@page {{ size: {PAPERS[paper].css_size}; margin: {MARGINS.css()};\n"
        f"  {left}\n  {right}\n}}"
    )

"""The quick facts box down to the foot of the text beside it, when nothing is under it.

Blocks narrowed beside the box (beside_float.py) that run on below it leave the room
under the box empty: several centimetres of white under a tinted box, beside a column
of text that goes on down to page 1's foot, what the inspector reports as an empty area
(a chart or a ratings table that starts beside the box and ends below it). A
publication's sidebar panel there runs down level with the column beside it, so the box
is given a minimum height (an inline style) that ends it level with the text's lowest
line. Only the tree is changed, never text; nothing else on the page moves, as nothing
lies in the room the box takes.

The box also goes on down to the end of the paragraph beside its last lines when that
paragraph runs on under it (:func:`paragraph_end`): programs that order text by where it
stands read the box's last lines inside such a paragraph. That paragraph is narrowed
down to its end, so the engine lays page 1 out again and keeps the layout only if page 1
still ends where it did.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from typing import Any, NamedTuple

from briefgen.render.pdf.boxes import has_class, not_a_line, painted, walk

PX_PER_MM = 96 / 25.4
EMPTY_MM = 28.0  # the inspector's 30 mm empty square, less its 2 mm grid (it rounds outwards)
QUICK_FACTS = "quick-facts"
STRETCHED = ("box-sizing", "min-height", "margin-bottom")  # what :func:`stretch` sets
# Poppler's layout analysis (TextOutputDev.cc), in font sizes of a block's first word:
LINE_SPACING = 1.5  # maxLineSpacingDelta: baselines this far apart, at most, make one block
SAME_SIZE = 0.05  # maxBlockFontSizeDelta1: a line this much larger or smaller starts another
ON_ITS_LINES = 0.5  # maxIntraLineDelta: words this far off a block's baselines are on them
COLUMN_GAP = 0.7  # minColSpacing1: words this close beside a block are pulled into it


def _text_area(page: Any) -> list[Any]:
    """Every box of the page's text area, lines whole (not their text boxes); not the
    margin boxes (the running header and footer)."""
    return list(walk(page._page_box, descend=not_a_line, margins=False))


def is_quick_facts(box: Any) -> bool:
    return has_class(box, "aside", QUICK_FACTS)


def _occupies(box: Any) -> bool:
    """Whether a box takes room where it lies, as the inspector counts it for an empty
    area (inspector.py): a line, a picture, a float, a table, a box with a background or
    a border."""
    kind = type(box).__name__
    if kind == "LineBox" or "Replaced" in kind:
        return True
    if kind == "PageBox" or getattr(box, "style", None) is None:
        return False
    return box.style["float"] != "none" or kind.startswith("Table") or painted(box)


def stretched_quick_facts(pages: list[Any]) -> dict[ET.Element, float]:
    """The quick facts' element and the minimum height (mm, of its border box) that ends
    the box level with the lowest line beside it, when the room under the box is empty
    down to there and the inspector would see a hole there (``EMPTY_MM`` tall at least,
    down to the text area's foot, or down to the text that runs on under the box: a
    table narrowed beside the box, then paragraphs full width); ``{}`` when there is no
    such room, or page 1 is the last (its text may end anywhere)."""
    if len(pages) < 2:
        return {}
    boxes = _text_area(pages[0])
    facts = next((box for box in boxes if is_quick_facts(box)), None)
    if facts is None:
        return {}
    inside = set(facts.element.iter())
    left = float(facts.position_x)
    right = left + float(facts.margin_width())
    under = float(facts.position_y + facts.margin_height())
    shown = [box for box in boxes if _occupies(box) and getattr(box, "element", None) not in inside]
    lines = [box for box in shown if type(box).__name__ == "LineBox"]
    if not lines:
        return {}
    feet = [float(line.position_y + line.height) for line in lines]
    foot = max(feet)
    page = pages[0]._page_box
    stop = float(page.content_box_y() + page.height)  # where the room under the box ends
    across = [box for box in shown if _crosses(box, left, right, under, foot)]
    if any(box.style["float"] != "none" for box in across):
        return {}  # a picture floated under the box: lengthened, the box would push it down
    if across:  # the text runs on under the box: the box goes down to the last line beside
        stop = min(float(box.border_box_y()) for box in across)
        foot = max((bottom for bottom in feet if bottom <= stop), default=under)
    if foot <= under or stop - under < EMPTY_MM * PX_PER_MM:
        return {}  # the text ends above the box, or the room under it is no hole
    return {facts.element: (foot - float(facts.border_box_y())) / PX_PER_MM}


def _crosses(box: Any, left: float, right: float, top: float, bottom: float) -> bool:
    """Whether a box's border box (not its margin box: a block narrowed beside the quick
    facts has a wide margin) crosses the rectangle, in CSS pixels."""
    y, x = float(box.border_box_y()), float(box.border_box_x())
    return (
        y < bottom
        and y + float(box.border_height()) > top
        and x < right
        and x + float(box.border_width()) > left
    )


def down_to(height_mm: float) -> str:
    """The quick facts' style that makes the box (its border box) ``height_mm`` tall at
    least: the one way the layout passes lengthen it."""
    return f"box-sizing: border-box; min-height: {height_mm:.1f}mm"


class _Line(NamedTuple):
    """A line of text where it stands on the page (CSS pixels)."""

    bottom: float
    baseline: float
    start: float  # where its text starts and ends, left to right
    end: float
    font_size: float  # of its first word


def _text_line(line: Any) -> _Line | None:
    texts, stack = [], [line]
    while stack:
        box = stack.pop()
        if type(box).__name__ == "TextBox" and box.text.strip():
            texts.append(box)
        stack.extend(reversed(getattr(box, "children", None) or ()))
    if not texts:
        return None
    return _Line(
        bottom=float(line.position_y + line.height),
        baseline=float(line.position_y + line.baseline),
        start=float(min(text.position_x for text in texts)),
        end=float(max(text.position_x + text.width for text in texts)),
        font_size=float(texts[0].style["font_size"]),
    )


def _blocks(lines: list[_Line]) -> list[list[_Line]]:
    """The lines as poppler's layout analysis makes blocks of them: each line joins a
    block whose last line is at most ``LINE_SPACING`` font sizes above it, in the block's
    font size, and beside or under its lines (a paragraph, or a list whose items follow
    each other closely)."""
    blocks: list[list[_Line]] = []
    for line in sorted(lines, key=lambda line: line.baseline):
        for block in reversed(blocks):
            size = block[0].font_size
            if (
                0 < line.baseline - block[-1].baseline <= LINE_SPACING * size
                and abs(line.font_size - size) < SAME_SIZE * size
                and line.start < max(other.end for other in block)
                and line.end > min(other.start for other in block)
            ):
                block.append(line)
                break
        else:
            blocks.append([line])
    return blocks


def _beside(block: list[_Line], facts: list[_Line]) -> bool:
    """Whether a line of the box stands on one of the block's lines, as poppler sees it."""
    size = block[0].font_size
    top = block[0].baseline - ON_ITS_LINES * size
    bottom = block[-1].baseline + ON_ITS_LINES * size
    return any(top <= line.baseline <= bottom for line in facts)


def _takes_in(block: list[_Line], facts: list[_Line]) -> bool:
    """Whether poppler pulls lines of the box into this block of text: it does when the
    block runs on under the box (its extent then holds the box's lines) and a line of
    the box stands beside one of the block's lines."""
    size = block[0].font_size
    left = min(line.start for line in facts) - COLUMN_GAP * size
    right = max(line.end for line in facts) + COLUMN_GAP * size
    under = any(line.end > left and line.start < right for line in block)
    return under and _beside(block, facts)


def _end_once_narrowed(block: list[_Line], under: float) -> float:
    """Where a paragraph would end with its lines below ``under`` (the box's foot) set as
    narrow as those beside the box: their text takes as many narrow lines as its width
    fills, each a line pitch further down. An estimate that spares a layout; the engine
    lays the page out to see."""
    below = [line for line in block if line.bottom > under + 1]
    beside = [line for line in block if line.bottom <= under + 1]
    if not below or not beside or len(block) < 2:
        return block[-1].bottom
    narrow = max(line.end - line.start for line in beside)
    pitch = (block[-1].baseline - block[0].baseline) / (len(block) - 1)
    lines = math.ceil(sum(line.end - line.start for line in below) / narrow - 0.05)
    return block[-1].bottom + max(lines - len(below), 0) * pitch


class Foot(NamedTuple):
    """Where the quick facts would end for no paragraph to take their last lines in."""

    element: ET.Element
    height: float  # mm, of the box's border box: level with the paragraph's last line
    fits: bool  # nothing but text under the box down there, and less tint than EMPTY_MM
    takes_in: bool  # the paragraph runs on under the box: poppler takes the box's lines in


def paragraph_end(pages: list[Any]) -> Foot | None:
    """Where page 1's quick facts would end level with the last line of the paragraph
    beside their last lines, when that paragraph ends below the box; None when it ends
    beside the box.

    Programs that order a page's text by where it stands (pdftotext's default mode, the
    indexers built on poppler) make one block of such a paragraph, and its extent, under
    the box, holds the box's last lines: they read "...Migrants Smuggling / EVALUATION
    REPORT / Section (HTMSS) at UNODC...". Beside the box down to its end, the paragraph
    stays clear of the box's lines. The box may go on down only where nothing but the
    paragraph's text lies (a picture floated below the box stays where it is) and by less
    than the inspector's empty square under its last line: a longer empty panel looks
    left unfinished."""
    if not pages:
        return None
    boxes = _text_area(pages[0])
    facts = next((box for box in boxes if is_quick_facts(box)), None)
    if facts is None:
        return None
    inside = set(facts.element.iter())
    box_lines: list[_Line] = []
    body: list[_Line] = []
    for box in boxes:
        line = _text_line(box) if type(box).__name__ == "LineBox" else None
        if line is not None:
            (box_lines if getattr(box, "element", None) in inside else body).append(line)
    if not box_lines:
        return None
    beside = [block for block in _blocks(body) if _beside(block, box_lines)]
    top = float(facts.border_box_y())
    under = top + float(facts.border_height())
    foot = max((block[-1].bottom for block in beside), default=under)
    if foot <= under + 1:  # a pixel: the engine's rounding
        return None
    foot = max(_end_once_narrowed(block, under) for block in beside)
    left = float(facts.position_x)
    right = left + float(facts.margin_width())
    in_the_way = any(
        _occupies(box)
        and type(box).__name__ != "LineBox"
        and getattr(box, "element", None) not in inside
        and _crosses(box, left, right, under, foot)
        for box in boxes
    )
    tint = (foot - max(line.bottom for line in box_lines)) / PX_PER_MM
    fits = not in_the_way and tint < EMPTY_MM
    taking = any(_takes_in(block, box_lines) for block in beside)
    return Foot(facts.element, (foot - top) / PX_PER_MM, fits, taking)


def stretch(heights: dict[ET.Element, float]) -> None:
    """Give each box its minimum height (of its border box), and no margin below it (the
    box ends at the text's foot, where a margin past the page would carry it over); a
    height given before is replaced."""
    for element, height in heights.items():
        kept = [
            declaration.strip()
            for declaration in (element.get("style") or "").split(";")
            if declaration.strip() and declaration.split(":")[0].strip() not in STRETCHED
        ]
        added = f"{down_to(height)}; margin-bottom: 0"
        element.set("style", "; ".join([*kept, added]))

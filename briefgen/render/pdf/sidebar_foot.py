"""The quick facts box down to the foot of the text beside it, when nothing is under it.

Blocks narrowed beside the box (beside_float.py) that run on below it leave the room
under the box empty: several centimetres of white under a tinted box, beside a column
of text that goes on down to page 1's foot, what the inspector reports as an empty area
(a chart or a ratings table that starts beside the box and ends below it). A
publication's sidebar panel there runs down level with the column beside it, so the box
is given a minimum height (an inline style) that ends it level with the text's lowest
line. Only the tree is changed, never text; nothing else on the page moves, as nothing
lies in the room the box takes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

from briefgen.render.pdf.inspector import painted

PX_PER_MM = 96 / 25.4
EMPTY_MM = 28.0  # the inspector's 30 mm empty square, less its 2 mm grid (it rounds outwards)
QUICK_FACTS = "quick-facts"


def _boxes(box: Any) -> Iterator[Any]:
    """Every box of a page's text area, depth first, lines whole (not their text boxes);
    not the margin boxes (the running header and footer)."""
    stack = [box]
    while stack:
        current = stack.pop()
        yield current
        if type(current).__name__ != "LineBox":
            stack.extend(
                child
                for child in getattr(current, "children", None) or ()
                if not type(child).__name__.startswith("Margin")
            )


def is_quick_facts(box: Any) -> bool:
    element = getattr(box, "element", None)
    return (
        element is not None
        and getattr(box, "element_tag", None) == "aside"
        and QUICK_FACTS in (element.get("class") or "").split()
    )


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
    down to the text area's foot); ``{}`` when there is no such room, or page 1 is the
    last (its text may end anywhere)."""
    if len(pages) < 2:
        return {}
    boxes = list(_boxes(pages[0]._page_box))
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
    foot = max(float(line.position_y + line.height) for line in lines)
    page = pages[0]._page_box
    text_area_foot = float(page.content_box_y() + page.height)
    if foot <= under or text_area_foot - under < EMPTY_MM * PX_PER_MM:
        return {}  # the text ends above the box, or the room under it is no hole
    for box in shown:  # border boxes: a block narrowed beside the box has a wide margin
        top, start = float(box.border_box_y()), float(box.border_box_x())
        bottom, end = top + float(box.border_height()), start + float(box.border_width())
        if bottom > under and top < foot and end > left and start < right:
            return {}  # something lies under the box: it is not empty
    return {facts.element: (foot - float(facts.border_box_y())) / PX_PER_MM}


def stretch(heights: dict[ET.Element, float]) -> None:
    """Give each box its minimum height (of its border box), and no margin below it (the
    box ends at the text's foot, where a margin past the page would carry it over)."""
    for element, height in heights.items():
        style = element.get("style")
        added = f"box-sizing: border-box; min-height: {height:.1f}mm; margin-bottom: 0"
        element.set("style", f"{style}; {added}" if style else added)

"""Blocks beside page 1's quick facts: as wide as the room beside the box, never under it.

WeasyPrint 70 lays a block that is a box of its own (``display: flow-root``, a table, a
figure: briefgen's evidence blocks) out at the full width of its column and, when that
does not fit beside a float, moves it down below the float: key figures that follow a
short background end up under the quick facts, leaving the main column empty above
them. A block with a rule or tint that is not a box of its own (a section heading) goes
the other way, under the float, and its rule runs into the gutter to touch the box.

So, after a layout, each such block on page 1 gets the width left beside the float (an
inline ``width`` in mm) and the document is laid out again; CSS alone cannot know which
blocks sit beside the box. Only the tree is changed: ``style`` attributes, never text.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from typing import Any

PX_PER_MM = 96 / 25.4
PUSHED_MM = 5.0  # a block this far below where its predecessor ended was pushed down
NARROWER_IS_TALLER = 1.2  # about how much taller a block gets beside the box
MARK = "data-beside-float"
HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})


def _walk(box: Any) -> Iterator[tuple[Any, Any]]:
    """Every box of a page with its parent, depth first, without recursion."""
    stack: list[tuple[Any, Any]] = [(box, None)]
    while stack:
        current, parent = stack.pop()
        yield current, parent
        if type(current).__name__ == "LineBox":
            continue
        for child in reversed(list(getattr(current, "children", None) or ())):
            stack.append((child, current))


def _painted(box: Any) -> bool:
    style = box.style
    background = style["background_color"]
    if background is not None and getattr(background, "alpha", 0) > 0:
        return True
    return any(style[f"border_{side}_width"] > 0 for side in ("top", "right", "bottom", "left"))


def narrowed(page_box: Any, flow: ET.Element) -> dict[ET.Element, float]:
    """Blocks of ``flow`` on this page to narrow, with the width (mm) beside the float."""
    boxes = list(_walk(page_box))
    floats = [
        box
        for box, _ in boxes
        if type(box).__name__ != "PageBox"
        and getattr(box, "style", None) is not None
        and box.style["float"] != "none"
    ]
    if not floats:
        return {}
    inside = set(flow.iter())
    found: dict[ET.Element, float] = {}
    previous_bottom: dict[int, float] = {}  # per parent: where the last child ended
    for box, parent in boxes:
        element = getattr(box, "element", None)
        kind = type(box).__name__
        if element not in inside or element is flow or parent is None:
            continue
        if kind in ("LineBox", "TextBox") or "Inline" in kind or kind.startswith("Table"):
            continue
        if MARK in element.attrib:
            continue
        top = float(box.position_y)
        before = previous_bottom.get(id(parent), float(parent.content_box_y()))
        previous_bottom[id(parent)] = top + float(box.margin_height())
        for float_box in floats:
            f_top = float(float_box.position_y)
            f_bottom = f_top + float(float_box.margin_height())
            room = float(parent.width) - float(float_box.margin_width())
            if room <= 0:
                continue
            gap = top - before  # the room left empty above the pushed block
            pushed = (
                (box.is_table_wrapper or box.establishes_formatting_context())
                and abs(float(box.border_box_y()) - f_bottom) < 1.0
                and gap > PUSHED_MM * PX_PER_MM
                # Beside the box, a block taller than the box leaves a hole under the box
                # instead: narrowed only when that hole is the smaller one.
                and float(box.border_height()) * NARROWER_IS_TALLER - gap < gap
            )
            under = (
                _painted(box)
                and not box.establishes_formatting_context()
                and top < f_bottom
                and top + float(box.border_height()) > f_top
                and float(box.border_width()) > room + 0.5
            )
            if pushed or under:
                found[element] = _room_mm(room)
    return found


def _room_mm(room: float) -> float:
    """A hair narrower than the room: at exactly its width, rounding may not fit."""
    return math.floor(room / PX_PER_MM * 10) / 10 - 0.1


def pushed_to_next_page(pages: list[Any], flow: ET.Element) -> dict[ET.Element, float]:
    """A box of its own that starts page 2 although page 1's text ended beside the float:
    pushed below the float, it did not fit under it either and went on to page 2."""
    if len(pages) < 2:
        return {}
    boxes = list(_walk(pages[0]._page_box))
    floats = [
        box for box, _ in boxes if type(box).__name__ != "PageBox" and box.style["float"] != "none"
    ]
    if not floats:
        return {}
    inside = set(flow.iter()) - {flow}
    bottom = max(
        (
            float(box.position_y + box.height)
            for box, _ in boxes
            if type(box).__name__ == "LineBox" and getattr(box, "element", None) in inside
        ),
        default=0.0,
    )
    float_box = max(floats, key=lambda box: float(box.position_y + box.margin_height()))
    f_bottom = float(float_box.position_y + float_box.margin_height())
    if bottom > f_bottom - PUSHED_MM * PX_PER_MM:
        return {}
    for box, parent in _walk(pages[1]._page_box):
        element = getattr(box, "element", None)
        if element not in inside or parent is None or MARK in element.attrib:
            continue
        kind = type(box).__name__
        if kind == "LineBox" and element.tag in HEADINGS:
            continue  # a heading goes along with the block it keeps with
        if kind == "LineBox" or "Replaced" in kind:
            return {}  # text or an image starts page 2: nothing was pushed
        if box.is_table_wrapper or (kind == "BlockBox" and box.establishes_formatting_context()):
            return {element: _room_mm(float(parent.width) - float(float_box.margin_width()))}
    return {}


def narrow(elements: dict[ET.Element, float]) -> None:
    """Give each element its width beside the float; its own style is kept in ``MARK``."""
    for element, width in elements.items():
        style = element.get("style", "")
        separator = "; " if style and not style.rstrip().endswith(";") else ""
        element.set(MARK, style)
        element.set("style", f"{style}{separator}width: {width:.2f}mm")


def widen_continued(root: ET.Element) -> None:
    """The part of a narrowed block carried to page 2 takes its column's width again."""
    for container in root.iter():
        if "continued" not in (container.get("class") or "").split():
            continue
        for element in container.iter():
            if MARK in element.attrib:
                original = element.attrib.pop(MARK)
                if original:
                    element.set("style", original)
                else:
                    element.attrib.pop("style", None)


def fit_beside_float(
    parse: Callable[[str], Any],
    render: Callable[[Any], Any],
    html: Any,
    document: Any,
    passes: int = 3,
) -> tuple[Any, Any]:
    """Laid out again until no block on page 1 is pushed under the float or runs under it.

    A layout with nothing to narrow is kept as it is (no extra layout).
    """
    from briefgen.render.pdf.page_split import FLOW_CLASS, serialise

    root = html.etree_element
    flow = next((e for e in root.iter() if FLOW_CLASS in (e.get("class") or "").split()), None)
    if flow is None:
        return html, document
    for _ in range(passes):
        if not document.pages:
            break
        found = narrowed(document.pages[0]._page_box, flow)
        found = found or pushed_to_next_page(document.pages, flow)
        if not found:
            break
        narrow(found)
        html = parse(serialise(root))
        root = html.etree_element
        flow = next(e for e in root.iter() if FLOW_CLASS in (e.get("class") or "").split())
        document = render(html)
    return html, document

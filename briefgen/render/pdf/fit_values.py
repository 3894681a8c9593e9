"""Key figures whose value is wider than its tile are set smaller, to fit.

A key figure's value stays on one line (``white-space: nowrap``, and no-break spaces
between a number and its unit: "USD 14.2 million") at a size chosen for a tile's usual
width. In a page's narrow column, two or three to a row, a long value ran past its tile
and the page's edge (2.4 mm into the margin in a Chinese brief of the corpus). CSS
cannot size text to its box, so after a layout each value wider than its tile gets a
font size that fits (an inline style), never less than ``MIN_SCALE`` of its own, and the
mending passes lay the brief out again (``engine._mended``).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

VALUE_CLASS = "figure-value"
MIN_SCALE = 0.6  # smaller than this, a key figure no longer reads as one
ROOM = 0.98  # of the tile's width: the smaller value is not measured again
SLACK_PX = 0.5  # the engine's rounding
_SIZE_MARK = "data-fitted-font-size"  # the value's size before fitting, on its element


def shrink_wide_values(pages: list[Any], root: ET.Element) -> bool:
    """Set the key figures of a list holding a value wider than its tile, on ``pages``,
    at a size at which all fit (one size for the list, as an editor would set them);
    whether any was changed (``root`` is the tree the pages were laid out from)."""
    values = [value for page in pages for value in _values(page._page_box)]
    wide = {
        value.element: float(value.width) / needed
        for value in values
        if (needed := _ink_width(value)) > float(value.width) + SLACK_PX
    }
    if not wide:
        return False
    parents = {child: parent for parent in root.iter() for child in parent}
    lists: dict[ET.Element | None, float] = {}
    for element, scale in wide.items():
        tiles = _list_of(element, parents)
        lists[tiles] = min(lists.get(tiles, 1.0), scale * ROOM)
    changed = False
    for value in values:
        scale = lists.get(_list_of(value.element, parents), 1.0)
        if scale >= 1:
            continue
        size = float(value.style["font_size"])
        own = float(value.element.get(_SIZE_MARK, size))  # before any fitting
        smaller = max(size * scale, own * MIN_SCALE)
        if smaller < size - 0.01:
            value.element.set(_SIZE_MARK, f"{own:.3f}")
            value.element.set("style", f"font-size: {smaller:.2f}px")
            changed = True
    return changed


def _list_of(value: ET.Element, parents: dict[ET.Element, ET.Element]) -> ET.Element | None:
    """The key-figures list a value is in: value, then tile (``li``), then list."""
    tile = parents.get(value)
    return None if tile is None else parents.get(tile)


def _values(page_box: Any) -> Iterator[Any]:
    """The block boxes of key-figure values on a page, inside lines and tiles too."""
    stack = [page_box]
    while stack:
        box = stack.pop()
        classes = (getattr(box, "element", None) is not None and box.element.get("class")) or ""
        if VALUE_CLASS in classes.split() and type(box).__name__ == "BlockBox":
            yield box
            continue
        stack.extend(getattr(box, "children", None) or ())


def _ink_width(value: Any) -> float:
    """How wide the value's text is, from its block's left edge."""
    right = float(value.content_box_x())
    stack = list(value.children or ())
    while stack:
        box = stack.pop()
        if type(box).__name__ == "TextBox":
            right = max(right, float(box.position_x + box.margin_width()))
        stack.extend(getattr(box, "children", None) or ())
    return right - float(value.content_box_x())

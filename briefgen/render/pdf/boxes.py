"""Walks over WeasyPrint's laid-out boxes, for the passes that read a layout.

One walk for all of them, in document order and without recursion: tables nest in lists
in sections, and a page's tree runs deep. What a pass does not want to go into (a line's
text boxes, a float, a column it has found) it says with ``descend``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any


def kind(box: Any) -> str:
    """WeasyPrint's name for the box's kind: ``LineBox``, ``BlockReplacedBox``..."""
    return type(box).__name__


def is_line(box: Any) -> bool:
    return kind(box) == "LineBox"


def not_a_line(box: Any) -> bool:
    """For ``descend``: take lines whole, not their text boxes."""
    return not is_line(box)


def is_generated(box: Any) -> bool:
    """Whether the box holds generated content (a list item's marker, ``::before``)."""
    return "::" in str(getattr(box, "element_tag", ""))


def is_margin(box: Any) -> bool:
    """Whether the box is one of the page's margin boxes (the running header and footer)."""
    return kind(box).startswith("Margin")


def children(box: Any, *, margins: bool = True) -> list[Any]:
    """The box's children; without the page's margin boxes unless ``margins``."""
    found = list(getattr(box, "children", None) or ())
    return found if margins else [child for child in found if not is_margin(child)]


def walk(
    box: Any, *, descend: Callable[[Any], bool] | None = None, margins: bool = True
) -> Iterator[Any]:
    """``box`` and every box below it, depth first in document order; into a box's
    children only where ``descend`` says so; margin boxes only with ``margins``."""
    for found, _ in with_ancestors(box, descend=descend, margins=margins):
        yield found


def with_ancestors(
    box: Any, *, descend: Callable[[Any], bool] | None = None, margins: bool = True
) -> Iterator[tuple[Any, tuple[Any, ...]]]:
    """As :func:`walk`, each box with its ancestors, outermost first."""
    stack: list[tuple[Any, tuple[Any, ...]]] = [(box, ())]
    while stack:
        current, ancestors = stack.pop()
        yield current, ancestors
        if descend is None or descend(current):
            inner = (*ancestors, current)
            stack.extend((child, inner) for child in reversed(children(current, margins=margins)))


def with_parents(
    box: Any, *, descend: Callable[[Any], bool] | None = None
) -> Iterator[tuple[Any, Any | None]]:
    """As :func:`walk`, each box with its parent (None for ``box`` itself)."""
    for found, ancestors in with_ancestors(box, descend=descend):
        yield found, ancestors[-1] if ancestors else None


def find(box: Any, wanted: Callable[[Any], bool]) -> Any | None:
    """The first box at or below ``box``, in document order, that is ``wanted``."""
    return next((found for found in walk(box) if wanted(found)), None)


def has_class(box: Any, tag: str, css_class: str) -> bool:
    """Whether the box is laid out for a ``tag`` element of class ``css_class``."""
    element = getattr(box, "element", None)
    return (
        element is not None
        and getattr(box, "element_tag", None) == tag
        and css_class in (element.get("class") or "").split()
    )


def painted(box: Any) -> bool:
    """Whether the box draws a border or a background of its own (WeasyPrint computes a
    border of style ``none`` or ``hidden`` as 0 wide)."""
    style = box.style
    background = style["background_color"]
    if background is not None and getattr(background, "alpha", 0) > 0:
        return True
    return any(style[f"border_{side}_width"] > 0 for side in ("top", "right", "bottom", "left"))

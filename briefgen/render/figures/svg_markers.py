"""SVG figures made safe to draw: no marker on a shape of a single point, none of size 0.

WeasyPrint 70 and cairosvg place an ``orient="auto"`` marker at a path's end by the angle of
its last segment; a first sub-path with no segment (``M 5 5``, ``M 5 5 Z``, ``M 5 5 M 6 6``,
a polyline of one point) has none, and drawing fails: WeasyPrint logs "Failed to render SVG
image" and leaves the whole figure out of the PDF, cairosvg raises. A browser draws the
figure, so ``validate`` accepts it. Every format that draws the SVG itself (PDF, Word) gets
it with such shapes' markers switched off (``!important`` in their own ``style``, which wins
over attributes, inheritance and stylesheets alike); every other element keeps its markers.

A marker of width or height 0 draws nothing (SVG 1.1, 11.6.2), but with a ``viewBox`` both
engines divide by that 0: it loses its ``viewBox`` and content, which changes nothing seen.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_COMMAND = re.compile(r"([achlmqstvzACHLMQSTVZ])([^achlmqstvzACHLMQSTVZ]*)")
_NO_MARKERS = "marker-start:none!important;marker-mid:none!important;marker-end:none!important"


def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _first_subpath_is_a_point(d: str) -> bool:
    """Whether the path's first sub-path is one point: a move with nothing drawn after it.

    Path data that starts with anything but a move draws from (0, 0), so it has a segment.
    """
    commands = _COMMAND.findall(d)
    if not commands or commands[0][0] not in "mM":
        return False
    if len(_NUMBER.findall(commands[0][1])) > 2:  # further pairs are lines drawn
        return False
    return len(commands) == 1 or commands[1][0] in "mMzZ"


def _single_point(element: ElementTree.Element) -> bool:
    """Whether markers on this element would be placed on a single point."""
    tag = _local_name(element.tag)
    if tag == "path":
        return _first_subpath_is_a_point(element.get("d", ""))
    if tag in ("polyline", "polygon"):
        return len(_NUMBER.findall(element.get("points", ""))) < 4
    return False


def _zero_sized(element: ElementTree.Element) -> bool:
    """Whether this is a marker of width or height 0 (or less): one that draws nothing."""
    if _local_name(element.tag) != "marker":
        return False
    for name in ("markerWidth", "markerHeight"):
        number = _NUMBER.match(element.get(name, "").strip())
        if number and float(number.group()) <= 0:
            return True
    return False


def markers_placeable(data: bytes) -> bytes:
    """The SVG with markers switched off on single-point shapes and emptied where of size
    0; as it is if it has no such thing.

    ``data`` is well-formed (checked when the brief was loaded).
    """
    if b"marker" not in data:
        return data
    ElementTree.register_namespace("", "http://www.w3.org/2000/svg")
    ElementTree.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    root = ElementTree.fromstring(data)
    changed = False
    for element in root.iter():
        if _single_point(element):
            style = element.get("style", "").strip().rstrip(";")
            element.set("style", f"{style};{_NO_MARKERS}" if style else _NO_MARKERS)
            changed = True
        elif _zero_sized(element):
            element.attrib.pop("viewBox", None)
            for child in list(element):
                element.remove(child)
            changed = True
    return ElementTree.tostring(root) if changed else data

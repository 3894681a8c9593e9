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

import copy
import math
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

from briefgen.render.pdf.boxes import not_a_line, painted, walk, with_parents
from briefgen.render.pdf.page_split import shows_text
from briefgen.render.pdf.sidebar_foot import down_to, is_quick_facts

PX_PER_MM = 96 / 25.4
PUSHED_MM = 5.0  # a block this far below where its predecessor ended was pushed down
NARROWER_IS_TALLER = 1.2  # about how much taller a block gets beside the box
MARK = "data-beside-float"
DEFERRED = "data-deferred"  # a picture or kept block's section left out of page 1, to start page 2
MOVED = "data-moved"  # on a deferred section once it starts page 2 (column_foot.py reads it)
HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
PICTURES = frozenset({"kind-chart", "kind-map", "kind-figure"})
PICTURE_TAGS = frozenset({"img", "svg", "{http://www.w3.org/2000/svg}svg"})
LOST_MM2 = 1e9  # a layout that loses a picture is never kept (inspector.first_page_faults)
EMPTY_MM = 30.0  # the inspector's empty square
PICTURE_MM = 82.0  # a chart or map as wide as in page 2's columns
GUTTER_MM = 6.0  # as the quick facts' margin
ABOVE_MM = 2.0  # a line that ends just above the float (its strut shorter than the line) clears it
DOWN_TO_MM = 25.0  # a block ending this far below a picture's top, at most, takes the box down
LEVEL_MM = 1.0  # a box lengthened this much past the foot it was lengthened for is shortened


def narrowed(page_box: Any, flow: ET.Element, *, guessing: bool = True) -> dict[ET.Element, str]:
    """Blocks of ``flow`` on this page to narrow (or widen), each with its style: the
    width (mm) beside the float.

    ``guessing``: with the blocks that run under a float, those pushed below it, a block
    narrowed before widened again, and the quick facts box run down to the foot of a
    block that could then widen (whether any of these is better is a guess that a
    layout's inspection settles: widened, corpus 136's map grew too tall for page 1)."""
    boxes = list(with_parents(page_box, descend=not_a_line))
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
    lengthened: dict[ET.Element, str] = {}
    previous_bottom: dict[int, float] = {}  # per parent: where the last child ended
    for box, parent in boxes:
        element = getattr(box, "element", None)
        kind = type(box).__name__
        if element not in inside or element is flow or parent is None:
            continue
        if kind in ("LineBox", "TextBox") or "Inline" in kind or kind.startswith("Table"):
            continue
        marked = MARK in element.attrib  # narrowed already: again only if still under one
        top = float(box.position_y)
        before = previous_bottom.get(id(parent), float(parent.content_box_y()))
        previous_bottom[id(parent)] = top + float(box.margin_height())
        for float_box in floats:
            f_top = float(float_box.position_y)
            f_bottom = f_top + float(float_box.margin_height())
            room = _room_beside(parent, float_box)
            if room <= 0 or room >= float(parent.width):
                continue  # inside the float, or beside it already (a narrowed parent)
            gap = top - before  # the room left empty above the pushed block
            pushed = (
                guessing
                and not marked
                and (box.is_table_wrapper or box.establishes_formatting_context())
                and abs(float(box.border_box_y()) - f_bottom) < 1.0
                and gap > PUSHED_MM * PX_PER_MM
                # Beside the box, a block taller than the box leaves a hole under the box
                # instead (as wide as the box): narrowed only when that hole is the
                # smaller one.
                and (float(box.border_height()) * NARROWER_IS_TALLER - gap)
                * float(float_box.margin_width())
                < gap * room
            )
            drawn = float(box.border_box_y())  # its rule or background: not its margin
            under = (
                painted(box)
                and not box.establishes_formatting_context()
                and drawn < f_bottom
                and drawn + float(box.border_height()) > f_top
                and float(box.border_width()) > room + 0.5
            )
            if pushed or under:  # beside two floats (the quick facts, a picture): the less
                found[element] = min(found.get(element, math.inf), _room_mm(room))
        if guessing and marked and element not in found and box.style["float"] == "none":
            at_foot = _pictures_at_foot(box, floats) if _keeps_height(box) else []
            wider = _room_now(box, parent, [f for f in floats if f not in at_foot])
            if wider is not None:
                found[element] = wider
                if at_foot:
                    lengthened.update(_box_down_to(box, floats))
    if guessing and not lengthened:
        lengthened = _box_up_to(boxes, floats, inside)
    return {element: _width(mm) for element, mm in found.items()} | lengthened


def _width(mm: float) -> str:
    return f"width: {mm:.2f}mm"


def _picture_float() -> str:
    """A chart, map or figure's section floated on the quick facts' side, under them."""
    return (
        f"float: inline-end; clear: inline-end; width: {PICTURE_MM}mm; "
        f"margin-inline-start: {GUTTER_MM}mm; margin-top: {ABOVE_MM}mm"
    )


def _pictures_at_foot(box: Any, floats: list[Any]) -> list[Any]:
    """Pictures floated under the quick facts that only the last few mm of ``box`` run
    beside (corpus 10: a map floated under the box, then a results table that ends 5 mm
    below the box): to stay beside both, the table was narrowed to the room beside the
    picture, 30 mm short of the box, over a hole."""
    top = float(box.border_box_y())
    bottom = top + float(box.border_height())
    return [
        float_box
        for float_box in floats
        if MARK in float_box.element.attrib
        and PICTURES.intersection((float_box.element.get("class") or "").split())
        and top < float(float_box.position_y) < bottom
        and bottom - float(float_box.position_y) <= DOWN_TO_MM * PX_PER_MM
    ]


def _keeps_height(box: Any) -> bool:
    """Whether a block stays about as tall when widened: not a picture, which grows with
    its width (corpus 209: a map narrowed beside a chart floated under the box would run
    on 20 mm further down, wider)."""
    return not any("Replaced" in type(inner).__name__ for inner in walk(box, descend=not_a_line))


def _box_down_to(box: Any, floats: list[Any]) -> dict[ET.Element, str]:
    """The quick facts' style that ends the box level with ``box``'s foot: the pictures
    floated under the box (they clear it) then go below ``box``, and ``box`` can take
    the whole room beside the quick facts, as a sidebar panel runs down level with the
    column beside it (sidebar_foot.py)."""
    facts = [f for f in floats if is_quick_facts(f)]
    bottom = float(box.border_box_y() + box.border_height())
    return {f.element: down_to((bottom - float(f.border_box_y())) / PX_PER_MM) for f in facts}


def _box_up_to(
    boxes: list[tuple[Any, Any]], floats: list[Any], inside: set[ET.Element]
) -> dict[ET.Element, str]:
    """The quick facts' style that ends a box lengthened by :func:`_box_down_to` level
    with the foot of what it was lengthened for, as that block now stands.

    The box's height was measured while the block was still narrowed beside the
    picture; widened, a table or a management response wraps fewer lines and ends up
    to 14 mm higher, and the box (and the picture under it) runs on past its foot: the
    lowest block beside the box narrowed or widened by these passes sets its foot."""
    facts = next((f for f in floats if is_quick_facts(f) and MARK in f.element.attrib), None)
    if facts is None or "min-height" in facts.element.get(MARK, "min-height"):
        return {}  # not lengthened by these passes (a min-height of its own is kept)
    top = float(facts.border_box_y())
    bottom = top + float(facts.border_height())
    feet = [
        float(box.border_box_y() + box.border_height())
        for box, parent in boxes
        if parent is not None
        and getattr(box, "element", None) in inside
        and MARK in box.element.attrib
        and getattr(box, "style", None) is not None
        and box.style["float"] == "none"
        and type(box).__name__ not in ("LineBox", "TextBox")
        and top < float(box.border_box_y()) < bottom
    ]
    # Where the box would end of itself: its last entry, its padding and border below.
    entries = max(
        (float(child.position_y + child.margin_height()) for child in facts.children),
        default=float(facts.content_box_y()),
    )
    own_foot = entries + float(facts.padding_bottom + facts.border_bottom_width)
    foot = max([*feet, own_foot])
    if not feet or bottom - foot <= LEVEL_MM * PX_PER_MM:
        return {}
    return {facts.element: down_to((foot - top) / PX_PER_MM)}


def _room_now(box: Any, parent: Any, floats: list[Any]) -> float | None:
    """The room (mm) beside the floats a block narrowed before stands beside now, when it
    is much wider than the block: narrowed beside a picture that a later layout moved
    down, it would leave a strip empty between it and the quick facts."""
    top = float(box.border_box_y())
    bottom = top + float(box.border_height())
    rooms = [
        _room_beside(parent, float_box)
        for float_box in floats
        if float(float_box.position_y) < bottom
        and float(float_box.position_y + float_box.margin_height()) > top
    ]
    room = min(rooms, default=float(parent.width))
    if room - float(box.border_width()) > PUSHED_MM * PX_PER_MM:
        return _room_mm(room)
    return None


def _room_beside(parent: Any, float_box: Any) -> float:
    """The width of ``parent``'s content box left beside ``float_box`` (px).

    Measured from where the float is: a block inside a parent already narrowed to the
    room has all of its parent's width, not the parent's width less the float's.
    """
    left = float(parent.content_box_x())
    right = left + float(parent.width)
    f_left = float(float_box.position_x)
    f_right = f_left + float(float_box.margin_width())
    if f_right <= left or f_left >= right:
        return float(parent.width)
    return max(f_left - left, right - f_right)


def _room_mm(room: float) -> float:
    """A hair narrower than the room: at exactly its width, rounding may not fit."""
    return math.floor(room / PX_PER_MM * 10) / 10 - 0.1


def pushed_to_next_page(pages: list[Any], flow: ET.Element) -> dict[ET.Element, str]:
    """A box of its own that starts page 2 although page 1's text ended beside the float:
    pushed below the float, it did not fit under it either and went on to page 2."""
    if len(pages) < 2:
        return {}
    boxes = list(with_parents(pages[0]._page_box, descend=not_a_line))
    floats = [
        box for box, _ in boxes if type(box).__name__ != "PageBox" and box.style["float"] != "none"
    ]
    if not floats:
        return {}
    inside = set(flow.iter()) - {flow}
    in_floats = {e for box in floats if box.element is not None for e in box.element.iter()}
    bottom = max(
        (
            float(box.position_y + box.height)
            for box, _ in boxes
            if type(box).__name__ == "LineBox"
            and getattr(box, "element", None) in inside - in_floats
        ),
        default=0.0,
    )
    float_box = max(floats, key=lambda box: float(box.position_y + box.margin_height()))
    f_bottom = float(float_box.position_y + float_box.margin_height())
    if bottom > f_bottom - PUSHED_MM * PX_PER_MM:
        return {}
    for box, parent in with_parents(pages[1]._page_box, descend=not_a_line):
        element = getattr(box, "element", None)
        if element not in inside or parent is None or MARK in element.attrib:
            continue
        if element in in_floats:
            continue  # the rest of a float carried over: as wide as the float, not pushed
        kind = type(box).__name__
        if kind == "LineBox" and element.tag in HEADINGS:
            continue  # a heading goes along with the block it keeps with
        if kind == "LineBox" or "Replaced" in kind:
            return {}  # text or an image starts page 2: nothing was pushed
        if box.is_table_wrapper or (kind == "BlockBox" and box.establishes_formatting_context()):
            room = float(parent.width) - float(float_box.margin_width())
            return {element: _width(_room_mm(room))}
    return {}


def pictures_to_float(page_box: Any, flow: ET.Element) -> dict[ET.Element, str]:
    """Sections of a chart, map or figure on page 1 that leave a hole beside them.

    Below the quick facts, a picture is as wide as in page 2's columns (82 mm) in a 182 mm
    column; beside them, drawn as wide as the room, a picture taller than the box leaves
    the room under the box empty. Either way the section (its heading with it) is floated
    on the quick facts' side, under them, and the text after it runs beside it.
    """
    boxes = list(with_parents(page_box, descend=not_a_line))
    inside = set(flow.iter()) - {flow}
    sides = [
        box
        for box, _ in boxes
        if type(box).__name__ != "PageBox"
        and getattr(box, "element", None) not in inside
        and box.style["float"] != "none"
    ]
    if not sides:
        return {}
    side = max(sides, key=lambda box: float(box.position_y + box.margin_height()))
    f_bottom = float(side.position_y + side.margin_height())
    empty = EMPTY_MM * PX_PER_MM
    found: dict[ET.Element, str] = {}
    for box, parent in boxes:
        element = getattr(box, "element", None)
        if element not in inside or element.tag != "section" or parent is None:
            continue
        classes = (element.get("class") or "").split()
        if not PICTURES.intersection(classes) or MARK in element.attrib:
            continue
        if type(box).__name__ != "BlockBox" or box.style["float"] != "none":
            continue
        top = float(box.position_y)
        bottom = top + float(box.margin_height())
        pictures = [b for b in walk(box, descend=not_a_line) if "Replaced" in type(b).__name__]
        if top < f_bottom:  # beside the box: a hole under it if the picture ends lower
            bottom = _bottom_beside(box, pictures, _room_beside(parent, side), f_bottom)
            leaves_hole = bottom - f_bottom > empty
        else:  # under the box: a hole beside the picture
            widest = max(  # no picture (a figure of a caption only): nothing to float
                (float(b.margin_width()) for b in pictures), default=float(parent.width)
            )
            leaves_hole = float(parent.width) - widest > empty
        if leaves_hole:
            found[element] = _picture_float()
    return found


def _bottom_beside(section: Any, pictures: list[Any], room: float, f_bottom: float) -> float:
    """Where a picture's section ends once its block stands beside the box.

    A block pushed below the box (it starts where the box ends) is narrowed to the room
    by :func:`narrowed`; its picture is then drawn as wide as the room, the rest (legend,
    caption) about as tall as now. The section's end is estimated from that.
    """
    bottom = float(section.position_y + section.margin_height())
    block = next(
        (
            child
            for child in section.children
            if child.is_table_wrapper or child.establishes_formatting_context()
        ),
        None,
    )
    if block is None or not pictures or abs(float(block.border_box_y()) - f_bottom) > PX_PER_MM:
        return bottom  # beside the box already, as drawn
    picture = pictures[0]
    grows = float(picture.margin_height()) * (room / float(picture.margin_width()) - 1)
    start = max(
        (
            float(child.position_y + child.margin_height())
            for child in section.children
            if child is not block and float(child.position_y) < float(block.position_y)
        ),
        default=float(section.position_y),
    )
    return start + float(block.margin_height()) + max(0.0, grows)


def split_pictures(pages: list[Any], flow: ET.Element) -> list[ET.Element]:
    """Sections of a chart, map or figure that start on page 1 and go on to page 2.

    Either the picture is on page 2 and its heading (or the floated section's top) is
    left at page 1's foot, or the picture is on page 1 and its legend, caption or note
    is carried over. A floated section carried over also misplaces page 1's cut: the
    first thing on page 2 in the document's order is then the float's rest, so the text
    that ran beside the float on page 1 would follow it to page 2 (corpus 251, Chinese:
    page 1 left 98 x 158 mm empty beside its map)."""
    if len(pages) < 2:
        return []
    parents = {child: parent for parent in flow.iter() for child in parent}
    page_1 = walk(pages[0]._page_box, descend=not_a_line)
    on_page_1 = {getattr(box, "element", None) for box in page_1}
    found: list[ET.Element] = []
    for box in walk(pages[1]._page_box, descend=not_a_line):
        element = getattr(box, "element", None)
        if element not in parents or not _shows_something(box):
            continue
        while element in parents and element.tag != "section":
            element = parents[element]
        classes = (element.get("class") or "").split()
        if PICTURES.intersection(classes) and element in on_page_1 and element not in found:
            found.append(element)
    return found


def lost_pictures(pages: list[Any], flow: ET.Element) -> list[ET.Element]:
    """Sections of a chart, map or figure that start on page 1 and whose picture is on
    neither of the first two pages: the rest of a section floated at the end of the
    text, which WeasyPrint 70 does not carry over to a page of its own (corpus 45: the
    figure's heading ended page 1, the picture was on no page, the brief one page)."""
    shown: set[Any] = set()  # the pictures drawn (inside lines too: an inline image)
    on_page_1: set[Any] = set()
    for number, page in enumerate(pages[:2]):
        for box in walk(page._page_box):
            element = getattr(box, "element", None)
            if number == 0:
                on_page_1.add(element)
            if "Replaced" in type(box).__name__:
                shown.add(element)
    return [
        section
        for section in flow.iter("section")
        if PICTURES.intersection((section.get("class") or "").split())
        and section in on_page_1
        and (pictures := [e for e in section.iter() if e.tag in PICTURE_TAGS])
        and not shown.intersection(pictures)
    ]


def weight(pages: list[Any], flow: ET.Element) -> float:
    """How much the inspector finds on page 1, a picture lost outweighing anything."""
    from briefgen.render.pdf.inspector import first_page_faults

    return first_page_faults(pages) + LOST_MM2 * len(lost_pictures(pages, flow))


def _shows_something(box: Any) -> bool:
    """A picture, or a line with text: what a reader would see of a section on a page."""
    kind = type(box).__name__
    return "Replaced" in kind or (kind == "LineBox" and shows_text(box))


def move_deferred(root: ET.Element, continued: ET.Element | None) -> None:
    """Deferred sections (a picture, a block kept together) start ``continued`` (page 2),
    or, with no page 2, go back where they were; either way with their own style again.

    When page 1 ended inside a section, the section's rest comes first, so that the
    two pieces stay one section in the PDF's tags (structure.py joins neighbours only).
    A deferred section whose parent section page 1 ended inside goes into that parent's
    rest, after its own first piece: it stays in its section (a chart of the results
    among the results, not after them) and starts page 2 rather than following all the
    parent's rest.
    """
    from briefgen.render.pdf.page_split import continues

    parents = {child: parent for parent in root.iter() for child in parent}
    rests = {} if continued is None else _rests(continued, parents)
    inserted: dict[ET.Element, int] = {}
    for element in [e for e in root.iter() if DEFERRED in e.attrib]:
        del element.attrib[DEFERRED]
        if MARK in element.attrib:
            _unmark(element)
        if continued is None:
            continue
        parent = parents[element]
        rest = rests.get(parent, continued)
        if rest not in inserted:
            inserted[rest] = 1 if len(rest) and continues(rest[0]) else 0
        parent.remove(element)
        rest.insert(inserted[rest], element)
        element.set(MOVED, "")
        inserted[rest] += 1  # several: in their order


def _rests(
    continued: ET.Element, parents: dict[ET.Element, ET.Element]
) -> dict[ET.Element, ET.Element]:
    """Each element that page 1 ended inside (the flow, the cut's ancestors), with the
    copy that holds its rest from page 2 (page_split.py): the flow's copy follows it,
    and down from there the original is its parent's last child, the copy its parent
    copy's first child, marked as going on."""
    from briefgen.render.pdf.page_split import continues

    holder = parents.get(continued)
    siblings = [] if holder is None else list(holder)
    at = siblings.index(continued) if continued in siblings else 0
    if at == 0:
        return {}
    original, copy = siblings[at - 1], continued
    found = {original: copy}
    while len(original) and len(copy) and continues(copy[0]):
        original, copy = original[-1], copy[0]
        found[original] = copy
    return found


def restyle(elements: dict[ET.Element, str]) -> None:
    """Add ``style`` to each element's own, kept in ``MARK``; a narrowed descendant of a
    floated section takes its own style back (the float sets the width)."""
    for element, added in elements.items():
        if added.startswith("float"):
            for inner in element.iter():
                if inner is not element and MARK in inner.attrib:
                    _unmark(inner)
        style = element.attrib.pop(MARK) if MARK in element.attrib else element.get("style", "")
        separator = "; " if style and not style.rstrip().endswith(";") else ""
        element.set(MARK, style)
        element.set("style", f"{style}{separator}{added}")


def _unmark(element: ET.Element) -> None:
    original = element.attrib.pop(MARK)
    if original:
        element.set("style", original)
    else:
        element.attrib.pop("style", None)


def widen_continued(root: ET.Element) -> None:
    """The part of a narrowed block carried to page 2 takes its column's width again."""
    for container in root.iter():
        if "continued" not in (container.get("class") or "").split():
            continue
        for element in container.iter():
            if MARK in element.attrib:
                _unmark(element)


def fit_beside_float(
    parse: Callable[[str], Any],
    render: Callable[[Any], Any],
    html: Any,
    document: Any,
    passes: int = 5,
) -> tuple[Any, Any]:
    """Laid out again until no block on page 1 is pushed under the float or runs under it.

    A layout with nothing to narrow is kept as it is (no extra layout). Of the layouts
    made, the one whose page 1 the inspector finds least on is kept (the last of equals,
    weighed by ``inspector.first_page_faults``): a pass that floats or narrows a block
    can also leave a bigger hole than it fills.
    Last, a picture parted from its heading by page 1's end may be deferred to page 2.
    """
    flow = page_flow(html)
    if flow is None:
        return html, document
    best = (weight(document.pages, flow), html, document)
    first_of_equals = best  # the earliest layout weighing what the best does
    tried: dict[Any, dict[ET.Element, str]] = {}  # per layout (its HTML): what followed it
    for _ in range(passes):
        if not document.pages:
            break
        page_box = document.pages[0]._page_box
        # Pictures first: narrowing depends on them.
        restyled = pictures_to_float(page_box, flow) or narrowed(page_box, flow)
        restyled = restyled or pushed_to_next_page(document.pages, flow)
        if not restyled:
            break
        tried[html] = restyled
        html, document = _laid_out_again(parse, render, html, restyled)
        flow = page_flow(html) or flow
        if document.pages:
            faults = weight(document.pages, flow)
            if faults < best[0]:
                first_of_equals = (faults, html, document)
            if faults <= best[0]:  # as good or better: the passes' own order wins a tie
                best = (faults, html, document)
    if best[2] is not document and best[2].pages:
        # Gone back to an earlier layout: what runs under a float in it (a heading's rule
        # touching the box) is narrowed there too, a layout more.
        flow = page_flow(best[1]) or flow  # every layout is a copy of one tree, flow and all
        restyled = narrowed(best[2].pages[0]._page_box, flow)
        if restyled == tried.get(best[1]):
            # Laid out already, the layout that followed it, and worse: its guesses (a
            # block pushed below the box narrowed, the box lengthened) lost, without them.
            restyled = narrowed(best[2].pages[0]._page_box, flow, guessing=False)
        if restyled:
            html, document = _laid_out_again(parse, render, best[1], restyled)
            if document.pages:
                faults = weight(document.pages, page_flow(html) or flow)
                if faults < best[0]:
                    first_of_equals = (faults, html, document)
                if faults <= best[0]:
                    best = (faults, html, document)
    deferred = _deferred_if_better(parse, render, best[1], best[2])
    earlier_layout = first_of_equals[2] is not best[2]  # not the same layout weighed twice
    if deferred[2] is best[2] and first_of_equals[0] == best[0] and earlier_layout:
        # Nothing deferred from the last of equal layouts: its pass may have squeezed the
        # block that would fill page 1's foot once the picture starts page 2 (a table
        # narrowed to 5.7 mm beside the box, held-out 497); deferring from the first of
        # them may pay, one more round of layouts.
        earlier = _deferred_if_better(parse, render, first_of_equals[1], first_of_equals[2])
        if earlier[0] < deferred[0]:
            deferred = earlier
    return deferred[1], deferred[2]


def page_flow(html: Any) -> ET.Element | None:
    """The element that holds the brief's running content (page_split.py marks it)."""
    from briefgen.render.pdf.page_split import FLOW_CLASS

    return next(
        (e for e in html.etree_element.iter() if FLOW_CLASS in (e.get("class") or "").split()),
        None,
    )


def _laid_out_again(
    parse: Callable[[str], Any],
    render: Callable[[Any], Any],
    html: Any,
    restyled: dict[ET.Element, str],
    deferred: list[ET.Element] | None = None,
) -> tuple[Any, Any]:
    """A copy of ``html``'s tree with ``restyled`` and ``deferred`` applied,
    laid out; the tree of ``html`` is left as it is, to go back to if its layout was
    better."""
    from briefgen.render.pdf.page_split import serialise

    root = copy.deepcopy(html.etree_element)
    twin = dict(zip(html.etree_element.iter(), root.iter(), strict=True))
    restyle({twin[element]: style for element, style in restyled.items()})
    for element in deferred or ():
        twin[element].set(DEFERRED, "")
    html = parse(serialise(root))
    return html, render(html)


DEFERRALS = 3  # layouts, at most, spent on deferring blocks to page 2


def _deferred_if_better(
    parse: Callable[[str], Any],
    render: Callable[[Any], Any],
    html: Any,
    document: Any,
) -> tuple[float, Any, Any]:
    """A picture that does not fit on page 1 whole, or a block kept together that starts
    page 2 and leaves a hole at page 1's foot, starts page 2 instead (put there after the
    cut, :func:`move_deferred`), and the text after it fills page 1, as publishers defer
    a figure or a table to the top of the next page.

    Then the next block kept together can leave the hole in its turn (corpus 275: a map,
    then a chart): up to ``DEFERRALS`` such steps are laid out, each deferring what the
    last left, and the layout whose page 1 the inspector finds least on is kept; a
    picture parted from its heading counts as a finding. Nothing to defer costs no
    layout. Returns the kept layout's weight with it.
    """
    from briefgen.render.pdf.inspector import FINDING_MM2

    def weighed(pages: list[Any], flow: ET.Element) -> float:
        parted = len(split_pictures(pages, flow))  # a picture cut by page 1's end
        return weight(pages, flow) + parted * FINDING_MM2

    flow = page_flow(html)
    if flow is None:
        return math.inf, html, document
    best = (weighed(document.pages, flow), html, document)
    for _ in range(DEFERRALS):
        deferring = _to_defer(document.pages, flow)
        if not deferring:
            break
        hidden = dict.fromkeys(deferring, "display: none")
        html, document = _laid_out_again(parse, render, html, hidden, deferring)
        flow = page_flow(html) or flow
        if len(document.pages) < 2:
            break  # no page 2 to start: the block goes back in its place (move_deferred)
        weighs = weighed(document.pages, flow)
        if weighs < best[0]:
            best = (weighs, html, document)
    return best


def _to_defer(pages: list[Any], flow: ET.Element) -> list[ET.Element]:
    """The sections to start page 2 with: pictures split by page 1's end, and the block
    kept together that opens page 2 when page 1 ends in a hole (column_foot.py)."""
    from briefgen.render.pdf.column_foot import holes

    found = split_pictures(pages, flow)
    # Of the one-column layout's two pages, only page 1's foot: page 2 is the last.
    at_page_one_foot = [section for section, _ in holes(pages[:2], 1) if section is not None]
    inside = set(flow.iter())
    return found + [s for s in at_page_one_foot if s in inside and s not in found]

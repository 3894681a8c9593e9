"""A block kept together that left a hole at a column's or page's foot: fill the hole.

A table of evidence (results table, ratings, management response) and a picture (chart,
map, figure) are kept together: split, they read badly. When one does not fit in the
room left in a column, WeasyPrint moves it whole to the next column or page and leaves
the room empty: 3 to 6 cm of white, what the inspector reports as an ``empty-area``.
After a layout, for each such hole, the block that opens the next column is changed and
the brief laid out again, as a publications editor would:

- a table with rows enough to leave two on each side of a break (``row_groups``: its
  first and last two rows are kept with the next, evidence.css) is released (its
  ``keep-together`` class taken off): it starts in the room, breaks between rows, and
  its header row is repeated at the top of the next column (WeasyPrint repeats
  ``<thead>``). A short table (fewer than four rows) stays whole.
- a picture's section is deferred, as publishers defer a figure: moved after the section
  that follows it, when that one is running text no taller than a column, so that its
  text fills the room and the picture comes after it. The tree is moved, so the PDF's
  tags and its text follow the new order: a screen reader reads the picture's section
  (its heading, alt text and caption) after the section it was moved past.
- before the cut, a block at page 1's foot that nothing after it can take the place of
  (it ends the brief but for the contact block, or another kept block follows it) is
  moved before the section of running text that precedes it, so that this text runs on
  past page 1's foot to page 2; the reader meets the block a section earlier. A
  management response never moves before the recommendations it answers.

The new layout is kept only when it leaves fewer holes (and no more pages); otherwise
the changes are undone. A brief without such a hole costs no extra layout.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from itertools import pairwise
from typing import Any

PX_PER_MM = 96 / 25.4
EMPTY_MM = 28.0  # the inspector's 30 mm empty square, less its 2 mm grid (it rounds outwards)
HEADING_MM = 20.0  # a block this close to its column's top follows only its heading
KEEP = "keep-together"
TABLES = frozenset({"evidence-table", "evidence-ratings", "evidence-responses"})
PICTURES = frozenset({"kind-chart", "kind-map", "kind-figure"})
KEPT = PICTURES | {"kind-table", "kind-ratings", "kind-management_response"}
RESPONSE = "kind-management_response"
RECOMMENDATIONS = "kind-recommendations"
PASSES = 2  # layouts, at most, spent on releasing tables


def _classes(element: ET.Element) -> list[str]:
    return (element.get("class") or "").split()


def _children(box: Any) -> list[Any]:
    return [
        child
        for child in getattr(box, "children", None) or ()
        if not type(child).__name__.startswith("Margin")
    ]


def _bottom(box: Any) -> float:
    """The lowest line, picture or table row in the box (a block cut at a page's foot
    reaches down to it however little it holds), without recursion."""
    lowest = float(box.position_y)
    stack = [box]
    while stack:
        current = stack.pop()
        kind = type(current).__name__
        if kind == "LineBox" or "Replaced" in kind or kind == "TableRowBox":
            lowest = max(lowest, float(current.position_y + current.margin_height()))
            continue
        stack.extend(_children(current))
    return lowest


def _columns(page_box: Any) -> list[Any]:
    """The page's column boxes, in order; none on a page laid out in one column."""
    found: list[Any] = []
    stack = [page_box]
    while stack:
        box = stack.pop()
        if getattr(box, "is_column", False):
            found.append(box)
            continue
        stack.extend(reversed(_children(box)))
    return found


def _slots(pages: list[Any]) -> Iterator[tuple[Any, Any, float]]:
    """Each column of each page (or the page, when it has none), in order of reading, with
    its page and how far down the page's text area its content ends."""
    for page in pages:
        page_box = page._page_box
        top = float(page_box.content_box_y())
        for slot in _columns(page_box) or [page_box]:
            content = _children(slot)
            yield slot, page_box, max((_bottom(box) for box in content), default=top)


def _first_kept(slot: Any, top: float) -> ET.Element | None:
    """The section of a kept-together table or picture that opens ``slot`` (its heading
    at the top), if one does."""
    stack = list(reversed(_children(slot)))
    while stack:
        box = stack.pop()
        if float(box.position_y) - top > HEADING_MM * PX_PER_MM:
            return None
        element = getattr(box, "element", None)
        classes = set(_classes(element)) if element is not None else set()
        if "section" in classes and classes & KEPT:
            return element
        if type(box).__name__ == "LineBox":
            return None  # running text first: what moved on was not a kept block
        stack.extend(reversed(_children(box)))
    return None


def _kept_table(section: ET.Element) -> ET.Element | None:
    """The section's table kept together, if it has rows enough to break (``row_groups``
    made a group of its last two rows)."""
    for block in section.iter("div"):
        classes = _classes(block)
        groups = block.iter("tbody")
        if KEEP in classes and TABLES.intersection(classes):
            return block if any("table-end" in _classes(g) for g in groups) else None
    return None


def holes(pages: list[Any], first: int = 1) -> list[tuple[ET.Element | None, float]]:
    """Each hole at a column's or page's foot, from page ``first`` on (the last page's
    are none): the section of the kept-together table or picture that opens the next
    column, if one does, and the hole's height in mm."""
    last_page = pages[-1]._page_box if pages else None
    earlier = {page._page_box for page in pages[: first - 1]}
    found = []
    for (_, page_box, end), (following, next_page, _) in pairwise(_slots(pages)):
        if page_box is last_page:
            break
        if page_box in earlier:
            continue
        room = (float(page_box.content_box_y() + page_box.height) - end) / PX_PER_MM
        if room >= EMPTY_MM:
            top = float(next_page.content_box_y())
            found.append((_first_kept(following, top), room))
    return found


def _height_mm(pages: list[Any], element: ET.Element) -> float:
    """How tall ``element`` is laid out, all its parts on every page and column added."""
    total = 0.0
    for page in pages:
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            if getattr(box, "element", None) is element and type(box).__name__ != "LineBox":
                total += float(box.margin_height())
                continue
            if type(box).__name__ != "LineBox":
                stack.extend(_children(box))
    return total / PX_PER_MM


def _release(table: ET.Element) -> Callable[[], None]:
    """Let the table break between rows; return how to keep it together again."""
    table.set("class", " ".join(c for c in _classes(table) if c != KEEP))
    return lambda: table.set("class", f"{table.get('class')} {KEEP}")


def _defer(
    section: ET.Element, parents: dict[ET.Element, ET.Element], pages: list[Any]
) -> Callable[[], None] | None:
    """Move a kept block's section (a picture; before the cut, a table too) after the
    section that follows it, when that one is running text no taller than a column;
    return how to move it back."""
    parent = parents.get(section)
    if parent is None:
        return None
    siblings = list(parent)
    at = siblings.index(section)
    following = siblings[at + 1] if at + 1 < len(siblings) else None
    if following is None or following.tag != "section":
        return None
    kinds = set(_classes(following))
    if kinds & KEPT or "kind-key_figures" in kinds:
        return None
    column = float(pages[0]._page_box.height) / PX_PER_MM
    if _height_mm(pages, following) > column:
        return None
    parent.remove(section)
    parent.insert(at + 1, section)

    def back() -> None:
        parent.remove(section)
        parent.insert(at, section)

    return back


def _advance(
    section: ET.Element, parents: dict[ET.Element, ET.Element]
) -> Callable[[], None] | None:
    """Move a kept block's section before the section of running text that precedes it,
    when :func:`_defer` cannot move it past what follows (nothing follows but the
    contact block, or a kept block, or a section taller than a column): the text then
    runs on past page 1's foot instead. Return how to move it back."""
    parent = parents.get(section)
    if parent is None:
        return None
    siblings = list(parent)
    at = siblings.index(section)
    previous = siblings[at - 1] if at > 0 else None
    if previous is None or previous.tag != "section":
        return None
    kinds = set(_classes(previous))
    if kinds & KEPT or "kind-key_figures" in kinds or _answers(section, previous):
        return None
    parent.remove(section)
    parent.insert(at - 1, section)

    def back() -> None:
        parent.remove(section)
        parent.insert(at, section)

    return back


def _answers(section: ET.Element, text: ET.Element) -> bool:
    """Whether ``section`` is the management response to recommendations in ``text``:
    a response read before the recommendations it numbers makes no sense."""
    if RESPONSE not in _classes(section):
        return False
    return any(RECOMMENDATIONS in _classes(element) for element in text.iter())


def fill_column_feet(
    parse: Callable[[str], Any],
    render: Callable[[Any], Any],
    html: Any,
    document: Any,
    after_cut: bool = True,
) -> tuple[Any, Any]:
    """Laid out again with each kept-together table that left a hole released and each
    picture that did deferred, as long as that leaves fewer holes; ``(html, document)``
    unchanged when there is nothing to do.

    Before the cut (the one-column layout, page 1 judged): every kept block is deferred,
    a table too, as page 1 is cut between blocks (page_split.py), never inside a table
    (breaking one there made a brief a page longer, with its note alone on page 2).
    After it (page 1 fixed, the rest in columns): pages 2 on, tables released."""
    from briefgen.render.pdf.page_split import serialise

    for _ in range(PASSES):
        first = 2 if after_cut else 1
        before = holes(document.pages, first)
        sections = [section for section, _ in before if section is not None]
        if not sections:
            break
        parents = {child: parent for parent in html.etree_element.iter() for child in parent}
        undo: list[Callable[[], None]] = []
        for section in sections:
            table = _kept_table(section) if after_cut else None
            if table is not None:
                undo.append(_release(table))
            elif PICTURES.intersection(_classes(section)) or not after_cut:  # any, before
                back = _defer(section, parents, document.pages)
                if back is None and not after_cut:
                    back = _advance(section, parents)
                if back is not None:
                    undo.append(back)
        if not undo:
            break
        trial_html = parse(serialise(html.etree_element))
        trial = render(trial_html)
        if len(holes(trial.pages, first)) >= len(before) or len(trial.pages) > len(document.pages):
            for step in reversed(undo):
                step()
            break
        html, document = trial_html, trial
    return html, document

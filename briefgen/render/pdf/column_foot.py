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
- a picture's section (or a table too short to break) is deferred, as publishers defer a
  figure: moved after the section that follows it, when that one is running text no
  taller than a column, so that its text fills the room and the picture comes after it.
  Into a taller one, it goes after the first paragraph, list or sub-section that fills
  the room (nested in that section, never right after a heading), or, when no such
  place lets it fit, past the whole section if that drifts it less than
  ``DRIFT_COLUMNS`` columns. The tree is moved, so the PDF's tags and its text follow
  the new order: a screen reader reads the picture's section (its heading, alt text and
  caption) where it now stands.
- a block deferred to page 2 (beside_float.py) that follows the rest of the section page
  1 ended in leads that rest instead, so that the rest's text fills the room after it.
- when nothing can be moved (the block is the last, or the contact), the pictures in the
  hole's column are set a little smaller, together no more than 15 %, when that is
  enough for the block to fit under them.
- before the cut, a table with rows enough that nothing after it can take the place of
  is released too: page 1 is then cut between its rows (page_split.py gives the part on
  page 2 the header row, and the ratings' scale).
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

from briefgen.render.pdf.boxes import children, is_line, kind, walk

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
DRIFT_COLUMNS = 1.5  # a picture moved past a whole section of text moves this far at most
HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})


def _classes(element: ET.Element) -> list[str]:
    return (element.get("class") or "").split()


def _is_leaf(box: Any) -> bool:
    """A line, a picture or a table row: what takes room in a column."""
    return is_line(box) or "Replaced" in kind(box) or kind(box) == "TableRowBox"


def _leaves(box: Any, *, in_floats: bool = True) -> list[Any]:
    """The lines, pictures and table rows in ``box`` (``in_floats``: those of the floats
    in it too)."""

    def descend(inner: Any) -> bool:
        if _is_leaf(inner):
            return False
        style = getattr(inner, "style", None)
        return in_floats or style is None or style["float"] == "none"

    return [leaf for leaf in walk(box, descend=descend, margins=False) if _is_leaf(leaf)]


def _bottom(box: Any) -> float:
    """The lowest line, picture or table row of the text in the box (a block cut at a
    page's foot reaches down to it however little it holds); not a float's: the room
    beside a float that runs on below the text (page 1's quick facts) is a hole too."""
    return max(
        (float(leaf.position_y + leaf.margin_height()) for leaf in _leaves(box, in_floats=False)),
        default=float(box.position_y),
    )


def _columns(page_box: Any) -> list[Any]:
    """The page's column boxes, in order; none on a page laid out in one column."""

    def is_column(box: Any) -> bool:
        return bool(getattr(box, "is_column", False))

    inside = walk(page_box, descend=lambda box: not is_column(box), margins=False)
    return [box for box in inside if is_column(box)]


def _slots(pages: list[Any]) -> Iterator[tuple[Any, Any, float]]:
    """Each column of each page (or the page, when it has none), in order of reading, with
    its page and how far down the page's text area its content ends."""
    for page in pages:
        page_box = page._page_box
        top = float(page_box.content_box_y())
        for slot in _columns(page_box) or [page_box]:
            content = children(slot, margins=False)
            yield slot, page_box, max((_bottom(box) for box in content), default=top)


def _first_kept(slot: Any, top: float) -> ET.Element | None:
    """The section of a kept-together table or picture that opens ``slot`` (its heading
    at the top), if one does."""
    box = _opening_block(slot, top, contact=False)
    return None if box is None else box.element


def _opening_block(slot: Any, top: float, *, contact: bool) -> Any | None:
    """The box of the block kept whole that opens ``slot`` (its heading at the top): a
    kept section, or, with ``contact``, the contact block too."""
    for box in walk(slot, margins=False):
        if box is slot:
            continue
        if float(box.position_y) - top > HEADING_MM * PX_PER_MM:
            return None
        element = getattr(box, "element", None)
        classes = set(_classes(element)) if element is not None else set()
        if ("section" in classes and classes & KEPT) or (contact and "contact" in classes):
            return box
        if is_line(box):
            return None  # running text first: what moved on was not a kept block
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


def _feet(pages: list[Any], first: int) -> Iterator[tuple[Any, float, Any, float]]:
    """Each column (or page) from page ``first`` on (none of the last page) that leaves
    the inspector's empty square at its foot: the slot, the room (mm), the next slot and
    the top of that slot's page."""
    last_page = pages[-1]._page_box if pages else None
    earlier = {page._page_box for page in pages[: first - 1]}
    for (slot, page_box, end), (following, next_page, _) in pairwise(_slots(pages)):
        if page_box is last_page:
            break
        room = (float(page_box.content_box_y() + page_box.height) - end) / PX_PER_MM
        if page_box not in earlier and room >= EMPTY_MM:
            yield slot, room, following, float(next_page.content_box_y())


def holes(pages: list[Any], first: int = 1) -> list[tuple[ET.Element | None, float]]:
    """Each hole at a column's or page's foot, from page ``first`` on (the last page's
    are none): the section of the kept-together table or picture that opens the next
    column, if one does, and the hole's height in mm."""
    return [(_first_kept(following, top), room) for _, room, following, top in _feet(pages, first)]


def _release(table: ET.Element) -> Callable[[], None]:
    """Let the table break between rows; return how to keep it together again."""
    table.set("class", " ".join(c for c in _classes(table) if c != KEEP))
    return lambda: table.set("class", f"{table.get('class')} {KEEP}")


def _defer(
    section: ET.Element,
    parents: dict[ET.Element, ET.Element],
    pages: list[Any],
    room: float,
) -> Callable[[], None] | None:
    """Move a kept block's section (a picture; before the cut, a table too) after the
    section that follows it, when that one is running text no taller than a column, or
    into a taller one, after the paragraph that fills the room (:func:`_place_inside`);
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
    tall = _heights(pages, {following})[following]
    if tall > column:
        inside = _place_inside(section, following, parents, pages, room)
        if inside is not None or tall > DRIFT_COLUMNS * column:
            return inside
    return _moved(section, parent, parent, at + 1)


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
    return _moved(section, parent, parent, at - 1)


def _moved(
    section: ET.Element, parent: ET.Element, holder: ET.Element, at: int
) -> Callable[[], None]:
    """Move ``section`` from ``parent`` to place ``at`` in ``holder`` (counted once it is
    out of ``parent``); return how to move it back."""
    was = list(parent).index(section)
    parent.remove(section)
    holder.insert(at, section)

    def back() -> None:
        holder.remove(section)
        parent.insert(was, section)

    return back


def _blocks(section: ET.Element) -> Iterator[tuple[ET.Element, ET.Element, int]]:
    """Each block of running text in ``section`` (a heading, a paragraph, a list) in
    reading order, with the section that holds it and the place before it there: the
    place before a sub-section's heading is the place before the sub-section."""
    for index, child in enumerate(section):
        if child.tag == "section":
            for block, holder, at in _blocks(child):
                if holder is child and at == 0:  # before the sub-section's heading
                    holder, at = section, index
                yield block, holder, at
        else:
            yield child, section, index


def _heights(pages: list[Any], elements: set[ET.Element]) -> dict[ET.Element, float]:
    """How tall each of ``elements`` is laid out (mm), its parts in every column added."""
    found = dict.fromkeys(elements, 0.0)

    def measured(box: Any) -> bool:
        return not is_line(box) and getattr(box, "element", None) in found

    def descend(box: Any) -> bool:
        return not is_line(box) and not measured(box)

    for page in pages:
        for box in walk(page._page_box, descend=descend, margins=False):
            if measured(box):
                found[box.element] += float(box.margin_height()) / PX_PER_MM
    return found


def _bookmarked_inside(section: ET.Element, holder: ET.Element) -> Callable[[], None]:
    """Bookmark the heading of a section moved into ``holder`` one level below the
    holder's own, so that the PDF's outline keeps the headings after it where they were
    (a sub-section's heading after a picture's ``h2`` would be listed under it); return
    how to undo it. A hidden heading has no bookmark."""
    levels = [c.removeprefix("level-") for c in _classes(holder) if c.startswith("level-")]
    level = next((int(n) for n in levels if n.isdigit()), None)
    heading = next((child for child in section if child.tag in HEADINGS), None)
    if level is None or heading is None or "visually-hidden" in _classes(heading):
        return lambda: None
    return _styled(heading, f"bookmark-level: {level + 1}")


def _answers(section: ET.Element, text: ET.Element) -> bool:
    """Whether ``section`` is the management response to recommendations in ``text``:
    a response read before the recommendations it numbers makes no sense."""
    if RESPONSE not in _classes(section):
        return False
    return any(RECOMMENDATIONS in _classes(element) for element in text.iter())


def _place_inside(
    section: ET.Element,
    following: ET.Element,
    parents: dict[ET.Element, ET.Element],
    pages: list[Any],
    room: float,
) -> Callable[[], None] | None:
    """Move a kept block's section into the running text that follows it, taller than a
    column, after the first paragraph (or list, or sub-section) that, with what comes
    before it there, fills the room the block left, as publishers place a figure at the
    end of the paragraph its column breaks in. Where it would not fit after that
    paragraph in the next column either, it would only move the hole: then before that
    paragraph, when that leaves less than the inspector's empty square. Never right
    after a heading, nor more than ``DRIFT_COLUMNS`` columns on."""
    blocks = list(_blocks(following))
    heights = _heights(pages, {block for block, _, _ in blocks} | {section})
    column = float(pages[0]._page_box.height) / PX_PER_MM
    picture = heights[section]
    above = 0.0
    short: tuple[ET.Element, int, float] | None = None  # the last place above the room
    chosen: tuple[ET.Element, int] | None = None
    for (previous, _, _), (_, holder, at) in pairwise(blocks):
        above += heights[previous]
        if previous.tag in HEADINGS:
            continue
        if above >= room:
            if (above - room) % column + picture <= column:  # fits after it
                chosen = (holder, at)
            elif short is not None and room - short[2] < EMPTY_MM:
                chosen = (short[0], short[1])
            break
        short = (holder, at, above)
    if chosen is None or above > DRIFT_COLUMNS * column:
        return None
    holder, at = chosen
    return _undoing(
        [_moved(section, parents[section], holder, at), _bookmarked_inside(section, holder)]
    )


def _lead_the_rest(
    section: ET.Element, parents: dict[ET.Element, ET.Element]
) -> Callable[[], None] | None:
    """Move a block deferred to page 2 (and the deferred blocks after it), which follows
    the rest of the section page 1 ended in, to the rest's start, nested in it: the rest's
    text then fills the room after them rather than leave it empty before them. Whole
    blocks only: after the part of a paragraph or list carried over, not inside it. The
    rest stays next to the part on page 1, so that the tags still join them."""
    from briefgen.render.pdf.beside_float import MOVED
    from briefgen.render.pdf.page_split import continues

    parent = parents.get(section)
    if parent is None or MOVED not in section.attrib:
        return None
    siblings = list(parent)
    at = siblings.index(section)
    rest = siblings[at - 1] if at else None
    if rest is None or rest.tag != "section" or not continues(rest):
        return None
    moved = []
    for sibling in siblings[at:]:
        if MOVED not in sibling.attrib:
            break
        moved.append(sibling)
    holder = rest
    while len(holder) and holder[0].tag == "section" and continues(holder[0]):
        holder = holder[0]
    start = 1 if len(holder) and continues(holder[0]) else 0
    steps = []
    for offset, element in enumerate(moved):
        steps.append(_moved(element, parent, holder, start + offset))
        steps.append(_bookmarked_inside(element, holder))
    return _undoing(steps)


def _undoing(steps: list[Callable[[], None]]) -> Callable[[], None]:
    """How to undo ``steps``, each a step's undo: the last first."""

    def back() -> None:
        for step in reversed(steps):
            step()

    return back


SMALLER = 0.85  # a picture set smaller to let the next block fit keeps this much at least
SLACK_MM = 4.0  # a heading's top margin (dropped at a column's top) and rounding


def _tight_pictures(pages: list[Any], first: int) -> list[dict[ET.Element, float]]:
    """For each hole before a block kept whole that misses the room by a little, the
    pictures of the hole's column with the widths (mm) that set them smaller by as much
    together (each kept at ``SMALLER`` of its size at least), as an editor shrinks a
    figure a little to keep the page's last block on it."""
    found = []
    for slot, room, following, top in _feet(pages, first):
        block = _opening_block(following, top, contact=True)
        if block is None:
            continue
        missing = float(block.margin_height()) / PX_PER_MM + SLACK_MM - room
        pictures = [
            box
            for box in _leaves(slot)
            if "Replaced" in type(box).__name__ and getattr(box, "element", None) is not None
        ]
        tall = sum(float(box.margin_height()) for box in pictures) / PX_PER_MM
        if missing <= 0 or not pictures or missing > tall * (1 - SMALLER):
            continue
        scale = 1 - missing / tall
        found.append({box.element: float(box.width) / PX_PER_MM * scale for box in pictures})
    return found


def _shrink(widths: dict[ET.Element, float]) -> Callable[[], None]:
    """Set each picture as wide as given (its height follows); return how to undo it."""
    return _undoing([_styled(e, f"max-width: {width:.1f}mm") for e, width in widths.items()])


def _styled(element: ET.Element, added: str) -> Callable[[], None]:
    """Add ``added`` to the element's own ``style``; return how to take it off again."""
    style = element.get("style")
    element.set("style", f"{style}; {added}" if style else added)

    def back() -> None:
        if style is None:
            del element.attrib["style"]
        else:
            element.set("style", style)

    return back


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
    a table too; a table that cannot be is released (page 1 is then cut between its
    rows), and a block that cannot be either is advanced. After it (page 1 fixed, the
    rest in columns): pages 2 on, tables released; where nothing can be moved, the
    pictures above the hole set a little smaller."""
    from briefgen.render.pdf.page_split import serialise

    for _ in range(PASSES):
        first = 2 if after_cut else 1
        before = holes(document.pages, first)
        sections = [(section, room) for section, room in before if section is not None]
        if not before:
            break
        parents = {child: parent for parent in html.etree_element.iter() for child in parent}
        undo: list[Callable[[], None]] = []
        for section, room in sections:
            table = _kept_table(section)
            if table is not None and after_cut:
                undo.append(_release(table))
            else:  # a picture, or a table too short to break: moved on past text
                back = _lead_the_rest(section, parents) if after_cut else None
                back = back or _defer(section, parents, document.pages, room)
                if back is None and not after_cut:
                    back = _release(table) if table is not None else _advance(section, parents)
                if back is not None:
                    undo.append(back)
        if not undo and after_cut:  # nothing to move: the pictures above set smaller?
            undo = [_shrink(widths) for widths in _tight_pictures(document.pages, first)]
        if not undo:
            break
        trial_html = parse(serialise(html.etree_element))
        trial = render(trial_html)
        if len(holes(trial.pages, first)) >= len(before) or len(trial.pages) > len(document.pages):
            _undoing(undo)()
            break
        html, document = trial_html, trial
    return html, document

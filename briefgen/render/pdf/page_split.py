"""Page 1 in one column beside the quick facts, the following pages in two columns.

CSS cannot give one element a different column count per page, and WeasyPrint 70
overlaps a float beside CSS columns. So the brief is laid out twice: first as one
column throughout (the quick facts float on the right of page 1, and the text takes the
full width once they end), then the document is cut where page 1 ended and everything
after the cut moves into a second ``.flow`` container that starts page 2 in two columns.

The cut follows the elements: each ancestor of the cut is split in two (a shallow copy
takes the rest), a paragraph or list item that runs over the page is split at the last
whole word of page 1, and a numbered list goes on counting from where it stopped. Only
the tree is changed; the text is never altered.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from copy import deepcopy as copy_element
from dataclasses import dataclass
from typing import Any

from briefgen.render.pdf.boxes import is_generated, walk, with_ancestors

FLOW_CLASS = "flow"
CONTINUED_CLASS = "continued"  # the second .flow: page 2 onwards, in two columns
RUNS_OVER_CLASS = "runs-over"  # the part of a split paragraph that ends page 1
CARRIED_CLASS = "carried-over"  # the copy of a split element that goes on at page 2
_ADDED_HYPHENS = frozenset("-\u2010\u00ad")


@dataclass(frozen=True)
class Cut:
    """Where page 1 ends: before ``element``, or inside it after ``words`` whole words."""

    element: ET.Element
    words: int = 0


def _classes(element: ET.Element) -> list[str]:
    return (element.get("class") or "").split()


def _add_class(element: ET.Element, name: str) -> None:
    element.set("class", " ".join([*_classes(element), name]))


def shows_text(line_box: Any) -> bool:
    """Whether a line shows something: text, or an inline box or image (not only spaces)."""
    return any(
        type(child).__name__ != "TextBox" or child.text.strip() for child in line_box.children or ()
    )


def _first_leaf(page_box: Any, inside: set[ET.Element]) -> tuple[ET.Element, bool] | None:
    """The block element holding page 2's first line or image, and whether it is text."""
    for box, stack in with_ancestors(page_box):
        element = getattr(box, "element", None)
        if element not in inside or is_generated(box) or _repeated(stack):
            continue
        kind = type(box).__name__
        if kind == "LineBox" and shows_text(box):
            return stack[-1].element, True
        if "ReplacedBox" in kind:
            return element, False
    return None


def _repeated(ancestors: tuple[Any, ...]) -> bool:
    """Whether a box is in a table's header row, which WeasyPrint repeats on each page."""
    return any(getattr(box, "is_header", False) for box in ancestors)


def _text_on_page(page_box: Any, element: ET.Element) -> str | None:
    """The text ``element`` shows on this page (without list markers), or None if absent."""
    parts: list[str] = []
    found = False
    for box, stack in with_ancestors(page_box):
        if getattr(box, "element", None) is element:
            found = True
        if (
            found
            and type(box).__name__ == "TextBox"
            and not is_generated(box)
            and any(getattr(b, "element", None) is element for b in stack)
        ):
            parts.append(box.text)
    return "".join(parts) if found else None


def _whole_words(shown: str, source: str) -> int:
    """How many whole words of ``source`` the page shows (hyphenation inserts hyphens)."""
    seen = "".join(shown.split())
    position = 0
    count = 0
    for word in source.split():
        for char in word:
            while (
                position < len(seen)
                and seen[position] != char
                and seen[position] in (_ADDED_HYPHENS)
            ):
                position += 1
            if position >= len(seen) or seen[position] != char:
                return count
            position += 1
        count += 1
    return count


def find_cut(pages: list[Any], root: ET.Element) -> Cut | None:
    """Where page 1's flow ends, from the laid-out pages; None when nothing follows it."""
    flow = next((e for e in root.iter() if FLOW_CLASS in _classes(e)), None)
    if flow is None or len(pages) < 2:
        return None
    inside = set(flow.iter()) - {flow}
    leaf = _first_leaf(pages[1]._page_box, inside)
    if leaf is None:
        return None
    element, is_text = leaf
    shown = _text_on_page(pages[0]._page_box, element) if is_text else None
    if shown is not None:
        source = "".join(element.itertext())
        words = _whole_words(shown, source)
        if 0 < words < len(source.split()):
            return Cut(element, words)
    # A block that starts page 2 takes along the ancestors it opens (a heading its
    # section), as long as nothing of theirs was shown on page 1.
    on_page_1 = {getattr(box, "element", None) for box in walk(pages[0]._page_box)}
    parents = _parents(root)
    while parents[element] is not flow and not _shown_before(element, parents, on_page_1):
        element = parents[element]
    return Cut(element)


def _shown_before(
    element: ET.Element, parents: dict[ET.Element, ET.Element], shown: set[Any]
) -> bool:
    """Whether anything of ``element``'s parent before it was laid out on page 1."""
    parent = parents[element]
    for sibling in parent:
        if sibling is element:
            return bool((parent.text or "").strip())
        if any(node in shown for node in sibling.iter()) or (sibling.tail or "").strip():
            return True
    return False


def _parents(root: ET.Element) -> dict[ET.Element, ET.Element]:
    return {child: parent for parent in root.iter() for child in parent}


_CONTINUES = "data-continues"  # on the copy of each ancestor of the cut


def continues(element: Any) -> bool:
    """Whether an element is a copy made here that goes on with the element before it:
    the PDF's tags join the two (render/pdf/structure.py), so that a screen reader
    meets one list, not two."""
    return _CONTINUES in element.attrib or CARRIED_CLASS in _classes(element)


def _shallow_copy(element: ET.Element) -> ET.Element:
    """The element's tag and attributes for the part after the cut (ids stay unique)."""
    copy = ET.Element(element.tag, {k: v for k, v in element.attrib.items() if k != "id"})
    return copy


def _split_inline(element: ET.Element, offset: int) -> ET.Element:
    """Cut ``element``'s text at ``offset`` characters; return a copy holding the rest."""
    rest = _shallow_copy(element)
    text = element.text or ""
    if offset <= len(text):
        element.text, rest.text = text[:offset], text[offset:]
        for child in list(element):
            element.remove(child)
            rest.append(child)
        return rest
    offset -= len(text)
    children = list(element)
    for index, child in enumerate(children):
        inner = len("".join(child.itertext()))
        tail = child.tail or ""
        if offset < inner:
            rest_child = _split_inline(child, offset)
            rest_child.tail, child.tail = child.tail, None
            rest.append(rest_child)
        elif offset <= inner + len(tail):
            cut = offset - inner
            child.tail, rest.text = tail[:cut], tail[cut:]
        else:
            offset -= inner + len(tail)
            continue
        for later in children[index + 1 :]:
            element.remove(later)
            rest.append(later)
        return rest
    return rest


def _word_offset(element: ET.Element, words: int) -> int:
    """The character offset in ``element``'s text where word number ``words`` starts."""
    text = "".join(element.itertext())
    count, in_word = 0, False
    for offset, char in enumerate(text):
        if not char.isspace() and not in_word:
            if count == words:
                return offset
            count += 1
        in_word = not char.isspace()
    return len(text)


def _end_of_words(element: ET.Element, words: int) -> int:
    """The character offset in ``element``'s text just after its first ``words`` words.

    The space after them goes with the rest, where a line's start drops it: page 1's part
    ending in a space made WeasyPrint 70 set its hyphenated last word's end on a line of
    its own ("торго-" / "влей" / "людьми..."), one line more than page 1 had, which pushed
    its last lines onto a page of their own (a 5-page brief with page 2 all but empty)."""
    text = "".join(element.itertext())
    offset = _word_offset(element, words)
    while offset > 0 and text[offset - 1].isspace():
        offset -= 1
    return offset


def _list_items_before(element: ET.Element) -> int:
    return sum(1 for child in element if child.tag == "li" and CARRIED_CLASS not in _classes(child))


BOTTOM_CAPTION = "scale"  # the ratings' scale: a caption set below its table


def _carry_table_parts(table: ET.Element, rest: ET.Element) -> None:
    """A table cut between rows: its header row goes above both parts, and a caption set
    below it (the ratings' scale) goes with the last part, where a reader looks for it.
    Left with the first, it ran on to page 2 alone, and the rest of the table then
    started page 3."""
    for header in reversed(table.findall("thead")):
        repeated = copy_element(header)
        for element in repeated.iter():  # ids stay unique (a template may give its cells one)
            element.attrib.pop("id", None)
        rest.insert(0, repeated)
    for caption in table.findall("caption"):
        if BOTTOM_CAPTION in _classes(caption):
            table.remove(caption)
            rest.insert(0, caption)


def _split_ancestors(
    node: ET.Element, flow: ET.Element, parents: dict[ET.Element, ET.Element]
) -> None:
    """Move ``node`` and all that follows it, up to ``flow``, into copies of its ancestors."""
    moved = node
    parent = parents[moved]
    while True:
        copy = _shallow_copy(parent)
        copy.set(_CONTINUES, "")
        siblings = list(parent)
        for child in siblings[siblings.index(moved) :]:
            parent.remove(child)
            copy.append(child)
        if parent.tag == "ol":
            start = int(parent.get("start", "1")) + _list_items_before(parent)
            copy.set("start", str(start))
            # WeasyPrint reads no HTML attributes as style (no presentational hints), so
            # the count goes on through CSS too.
            copy.set("style", f"counter-reset: list-item {start - 1}")
        if parent.tag == "table":
            _carry_table_parts(parent, copy)
        copy.tail, parent.tail = parent.tail, None  # what followed the parent follows the copy
        grandparent = parents[parent]
        grandparent.insert(list(grandparent).index(parent) + 1, copy)
        parents[copy] = grandparent
        if parent is flow:
            _add_class(copy, CONTINUED_CLASS)
            return
        moved, parent = copy, grandparent


def apply_cut(root: ET.Element, cut: Cut) -> None:
    """Split the flow at ``cut``: what follows goes into a ``.flow.continued`` container."""
    parents = _parents(root)
    flow = next(e for e in root.iter() if FLOW_CLASS in _classes(e))
    element = cut.element
    if cut.words:
        rest = _split_inline(element, _end_of_words(element, cut.words))
        _add_class(element, RUNS_OVER_CLASS)
        _add_class(rest, CARRIED_CLASS)
        rest.tail, element.tail = element.tail, None
        parent = parents[element]
        parent.insert(list(parent).index(element) + 1, rest)
        parents[rest] = parent
        element = rest
    if element is flow:
        return
    _split_ancestors(element, flow, parents)


def continued_flow(root: ET.Element) -> ET.Element | None:
    """The ``.flow.continued`` container that :func:`apply_cut` made (page 2 onwards)."""
    return next((e for e in root.iter() if {FLOW_CLASS, CONTINUED_CLASS} <= set(_classes(e))), None)


def serialise(root: ET.Element) -> str:
    """The changed tree as an HTML document again."""
    return "<!DOCTYPE html>\n" + ET.tostring(root, encoding="unicode", method="html")

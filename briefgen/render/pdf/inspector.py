"""The layout inspector: what a publications editor would send back, read from the layout.

It walks WeasyPrint's laid-out boxes once per page (never the pixels, never pairs of
boxes: the cost stays a small fraction of the layout's) and finds:

- ``empty-area``: a place on a page that is not the last where a 3 x 3 cm square of
  nothing fits inside the text area;
- ``overflow``: text, an image or a ruled box that runs past its column, box or page;
- ``collision``: a rule, box or line that overlaps or touches a floated box (the quick
  facts) it does not belong to;
- ``stranded-heading``: a heading that ends a page or a column, or stands with nothing
  below it in its column;
- ``split-name``: a number parted from its unit or word at a line end, a person's name
  on two lines, a Chinese list value broken inside a name, a name (a country, a person
  of the quick facts: render/view/names.py) broken anywhere in the text;
- ``punctuation``: a Chinese line that starts with closing or ends with opening
  punctuation;
- ``lone-word``: a word alone on the last line of a heading or masthead label.

Each finding becomes a warning (page, mm from the top, what, what to do); ``--strict``
makes it an error. The engine's objects are read here only; nothing is changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path
from typing import Any, NamedTuple

from briefgen.errors import Problem, quote_value
from briefgen.render.pdf.boxes import is_generated, painted
from briefgen.render.view.typography import names_pattern

PX_PER_MM = 96 / 25.4
EMPTY_SQUARE_MM = 30.0  # the 3 x 3 cm: a hole an editor sees at arm's length
FINDING_MM2 = EMPTY_SQUARE_MM**2  # a finding other than a hole weighs as the least hole
GRID_MM = 2.0  # the empty-area grid; occupied cells are rounded outwards (conservative)
SLACK_MM = 0.5  # past an edge by less than this is the engine's rounding, not a fault
TOUCH_MM = 1.0  # closer than this to a floated box is touching it
ALONE_BELOW_MM = 30.0  # a heading whose next line is further down stands alone
OR_TRY_FIT = ", or try --fit"  # what the hints of a hole offer, unless --fit was tried
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
LABELS = frozenset({"unit", "series", "org-name", "evaluation-type"})  # masthead, title

KINDS = (
    "empty-area",
    "overflow",
    "collision",
    "stranded-heading",
    "split-name",
    "punctuation",
    "lone-word",
)

# Chinese punctuation that may not start a line (closing) or end one (opening).
CLOSING_PUNCTUATION = frozenset("，。、；：！？）》」』】〕〉”’…")
OPENING_PUNCTUATION = frozenset("（《「『【〔〈“‘")

# A number and the word that measures or counts it: one name, never parted at a line end.
# Shared with the typesetting that joins them (typography.join_numbers), so that what the
# inspector flags is exactly what the layout keeps whole.
NUMBER_END = re.compile(r"(?:^|[\s(])[-−+]?\d[\d.,]*%?$")
CURRENCY_END = re.compile(r"(?:^|\s)(?:USD|EUR|CHF|GBP|US\$|\$|€|£)$")
NUMBER_START = re.compile(r"^[-−+]?\d")
# In Chinese, a number set against Han text (no space: 于2017年, 培训了1500名), not a code
# (GLOT59) or a number spaced apart by the author.
CHINESE_NUMBER_END = re.compile(
    r"(?:^|[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef])\d[\d.,]*$"
)


def starts_with_unit(text: str) -> bool:
    """Whether ``text`` begins with a word that belongs to a number before it."""
    from briefgen.render.view.typography import UNIT_WORD

    return UNIT_WORD.match(text) is not None


@dataclass(frozen=True)
class Finding:
    """One thing an editor would send back, where it is on which page."""

    kind: str
    page: int  # 1-based
    top_mm: float  # from the top of the page
    message: str
    hint: str

    def problem(self, path: Path | None) -> Problem:
        return Problem(
            f"layout ({self.kind}): page {self.page}, {self.top_mm:.0f} mm from the top: "
            + self.message,
            path,
            hint=self.hint,
            severity="warning",
        )


@dataclass
class _Line:
    """A line of text (or an image) as laid out, in document order."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    parent: Any  # the block the line belongs to
    heading: Any | None  # the heading element the line is part of, if any
    column: int  # id of the column box it is in (0: none)
    owner: int  # id of the floated box it is in (0: none)
    classes: frozenset[str]  # the classes of the line's block and its ancestors
    tags: frozenset[str]


def _mm(value: float) -> float:
    return value / PX_PER_MM


def _element_classes(box: Any) -> list[str]:
    element = getattr(box, "element", None)
    if element is None:
        return []
    return (element.get("class") or "").split()


# Boxes laid out inside a line as one block each (key-figure tiles): the walk goes into
# them as blocks, so their lines are checked as lines, not as part of the line holding them.
_ATOMIC_INLINES = frozenset({"InlineBlockBox", "InlineFlexBox", "InlineGridBox", "InlineTableBox"})


def _is_container(box: Any) -> bool:
    """A box whose edge content must keep within: a column, a cell, a ruled or tinted box."""
    kind = type(box).__name__
    if kind == "PageBox" or kind == "LineBox" or ("Inline" in kind and kind not in _ATOMIC_INLINES):
        return False
    return (
        bool(box.is_column)
        or kind == "TableCellBox"
        or box.style["float"] != "none"
        or painted(box)
    )


def _text_of(box: Any) -> str:
    kind = type(box).__name__
    if kind == "TextBox":
        return str(box.text)
    if is_generated(box) or kind in _ATOMIC_INLINES:
        return ""
    return "".join(_text_of(child) for child in getattr(box, "children", None) or ())


def _atomic_inlines(line: Any) -> Iterator[Any]:
    """The inline blocks of a line, in order (inside inline boxes too, not inside each other)."""
    stack = list(reversed(list(line.children or ())))
    while stack:
        box = stack.pop()
        if type(box).__name__ in _ATOMIC_INLINES:
            yield box
        elif type(box).__name__ != "TextBox":
            stack.extend(reversed(list(getattr(box, "children", None) or ())))


def _ink_x(line: Any) -> tuple[float, float]:
    """The horizontal extent of a line's content (its boxes, not the line's own width)."""
    left, right = float("inf"), float("-inf")
    for child in line.children or ():
        if is_generated(child):
            continue
        if type(child).__name__ == "TextBox" and not child.text.strip():
            continue
        left = min(left, float(child.position_x))
        right = max(right, float(child.position_x + child.margin_width()))
    if left > right:
        return float(line.position_x), float(line.position_x)
    return left, right


class _State(NamedTuple):
    """A box on the walk, with what it inherits from its ancestors."""

    box: Any
    ancestors: tuple[Any, ...]
    column: int  # id of the column box it is in (0: none)
    owner: int  # id of the floated box it is in (0: none)
    heading: Any  # the heading element it is part of, if any
    classes: frozenset[str]
    tags: frozenset[str]


class _Page:
    """One page's boxes, read in one walk."""

    def __init__(self, page_box: Any, number: int) -> None:
        self.number = number
        self.box = page_box
        self.left = float(page_box.content_box_x())
        self.top = float(page_box.content_box_y())
        self.right = self.left + float(page_box.width)
        self.bottom = self.top + float(page_box.height)
        self.lines: list[_Line] = []
        self.occupied: list[tuple[float, float, float, float]] = []
        self.floats: list[tuple[Any, tuple[float, float, float, float]]] = []
        self.painted: list[tuple[Any, tuple[float, float, float, float], int]] = []
        self.overflows: list[Finding] = []
        self._walk()

    def _walk(self) -> None:
        """Depth first, with an explicit stack: no recursion limit on deep documents."""
        stack: list[_State] = [_State(self.box, (), 0, 0, None, frozenset(), frozenset())]
        while stack:
            box, ancestors, column, owner, heading, classes, tags = stack.pop()
            kind = type(box).__name__
            if kind.startswith("Margin") or kind == "AbsolutePlaceholder":
                continue
            own = _element_classes(box)
            if "visually-hidden" in own:
                continue
            tag = str(getattr(box, "element_tag", "") or "")
            if box.is_column:
                column = id(box)
            if kind != "PageBox" and box.style["float"] != "none":
                owner = id(box)
            if tag in HEADINGS and heading is None:
                heading = box.element
            classes = classes | frozenset(own)
            tags = tags | {tag}
            state = _State(box, ancestors, column, owner, heading, classes, tags)
            self._visit(state, kind)
            if kind == "LineBox":
                for atomic in reversed(list(_atomic_inlines(box))):
                    stack.append(state._replace(box=atomic, ancestors=(*ancestors, box)))
                continue
            children = list(getattr(box, "children", None) or ())
            for child in reversed(children):
                stack.append(state._replace(box=child, ancestors=(*ancestors, box)))

    def _visit(self, state: _State, kind: str) -> None:
        box, ancestors, column, owner, heading, classes, tags = state
        x0, y0 = float(box.position_x), float(box.position_y)
        if kind == "LineBox":
            text = _text_of(box)
            if not text.strip():
                return
            left, right = _ink_x(box)
            parent = ancestors[-1]
            container = (
                float(parent.content_box_x()),
                float(parent.content_box_x() + parent.width),
            )
            self.occupied.append((container[0], y0, container[1], y0 + float(box.height)))
            self.lines.append(
                _Line(
                    text,
                    left,
                    y0,
                    right,
                    y0 + float(box.height),
                    parent,
                    heading,
                    column,
                    owner,
                    classes,
                    tags,
                )
            )
            self._check_inside(box, ancestors, left, right, y0, text)
            return
        if kind in ("BlockReplacedBox", "InlineReplacedBox"):
            rect = (x0, y0, x0 + float(box.margin_width()), y0 + float(box.margin_height()))
            self.occupied.append(rect)
            self.lines.append(
                _Line("", *rect, ancestors[-1], heading, column, owner, classes, tags)
            )
            self._check_inside(box, ancestors, rect[0], rect[2], y0, "an image")
            return
        if kind == "PageBox" or box.style["position"] in ("absolute", "fixed"):
            return
        rect = (
            float(box.border_box_x()),
            float(box.border_box_y()),
            float(box.border_box_x() + box.border_width()),
            float(box.border_box_y() + box.border_height()),
        )
        if box.style["float"] != "none":
            self.floats.append((box, rect))
            self.occupied.append(rect)
        elif painted(box) or kind.startswith("Table"):
            self.occupied.append(rect)
            self.painted.append((box, rect, owner))

    def _check_inside(
        self, box: Any, ancestors: tuple[Any, ...], left: float, right: float, y: float, what: str
    ) -> None:
        """Content past the padding box of its nearest block, or past the page's text area."""
        block = next((a for a in reversed(ancestors) if _is_container(a)), None)
        edges = [(self.left, self.right, "the page's text area")]
        if block is not None:
            start = float(block.padding_box_x())
            edges.append((start, start + float(block.padding_width()), "its column or box"))
        slack = SLACK_MM * PX_PER_MM
        for low, high, where in edges:
            past = max(low - left, right - high)
            if past > slack:
                sample = what if what == "an image" else quote_value(what.strip()[:40])
                self.overflows.append(
                    Finding(
                        "overflow",
                        self.number,
                        _mm(y),
                        f"{sample} runs {_mm(past):.0f} mm past {where}",
                        "break the long word or address (a link text for a URL), or shorten it",
                    )
                )
                return


def _iter_pages(pages: list[Any]) -> Iterator[_Page]:
    for number, page in enumerate(pages, start=1):
        yield _Page(page._page_box, number)


def _empty_area(page: _Page) -> Finding | None:
    """The largest square of nothing in the text area, as a finding."""
    hole = _largest_hole(page)
    if hole is None:
        return None
    top, width, height = hole
    return Finding(
        "empty-area",
        page.number,
        top,
        f"an empty area of about {width:.0f} x {height:.0f} mm in the text area",
        "a block too wide or too tall for the space was moved on: shorten it, move it to "
        "another section" + OR_TRY_FIT,
    )


def _largest_hole(page: _Page) -> tuple[float, float, float] | None:
    """Where (mm from the top) and how wide and tall (mm) the empty rectangle around the
    largest empty square is, by dynamic programming on a grid; None under 3 x 3 cm."""
    cell = GRID_MM * PX_PER_MM
    columns = max(1, int((page.right - page.left) // cell))
    rows = max(1, int((page.bottom - page.top) // cell))
    blocked = [bytearray(columns) for _ in range(rows)]
    for x0, y0, x1, y1 in page.occupied:
        c0 = max(0, int((x0 - page.left) // cell))
        c1 = min(columns - 1, int((x1 - page.left - 1e-6) // cell))
        r0 = max(0, int((y0 - page.top) // cell))
        r1 = min(rows - 1, int((y1 - page.top - 1e-6) // cell))
        if c0 > c1 or r0 > r1:
            continue
        for row in range(r0, r1 + 1):
            blocked[row][c0 : c1 + 1] = b"\x01" * (c1 - c0 + 1)
    # A page that is not the last should be full: its whole text area is judged.
    best, at = 0, (0, 0)
    previous = [0] * (columns + 1)
    for row in range(rows):
        current = [0] * (columns + 1)
        line = blocked[row]
        for col in range(columns):
            if not line[col]:
                size = 1 + min(previous[col], previous[col + 1], current[col])
                current[col + 1] = size
                if size > best:
                    best, at = size, (row, col)
        previous = current
    if best * GRID_MM < EMPTY_SQUARE_MM:
        return None
    row, col = at
    top, left = row - best + 1, col - best + 1
    bottom, right = row, col
    # Grow the square into the empty rectangle around it, to say how big the hole is.
    while bottom + 1 < rows and not any(blocked[bottom + 1][left : right + 1]):
        bottom += 1
    while top > 0 and not any(blocked[top - 1][left : right + 1]):
        top -= 1
    while right + 1 < columns and not any(blocked[r][right + 1] for r in range(top, bottom + 1)):
        right += 1
    while left > 0 and not any(blocked[r][left - 1] for r in range(top, bottom + 1)):
        left -= 1
    width = (right - left + 1) * GRID_MM
    height = (bottom - top + 1) * GRID_MM
    return _mm(page.top) + top * GRID_MM, width, height


def space_findings(pages: list[Any]) -> list[Finding]:
    """The findings that setting the text tighter can clear: empty areas (a block that
    missed the room left by a few millimetres) and headings stranded at a page's foot.
    ``--fit`` looks for a setting without them (budget.py)."""
    found: list[Finding] = []
    for page in _iter_pages(pages):
        last = page.number == len(pages)
        empty = None if last else _empty_area(page)
        found += [empty] if empty is not None else []
        found += _stranded_headings(page, last)
    return found


def first_page_faults(pages: list[Any]) -> float:
    """How much the inspector finds on a layout's first page, as one figure to compare
    layouts by: the empty area's size in mm² (0 when none, and on a page that is the
    last, where the text may end anywhere), and a 3 x 3 cm square's worth for each other
    finding of the layout's own (overflow, collision, stranded heading; not the text's).
    A heading rule touching the box is better than a hole of 10 x 10 cm; three of them
    are not better than a hole of 4 x 4 cm."""
    last = len(pages) == 1
    page = _Page(pages[0]._page_box, 1)
    hole = None if last else _largest_hole(page)
    findings = [*page.overflows, *_collisions(page), *_stranded_headings(page, last)]
    return len(findings) * FINDING_MM2 + (0.0 if hole is None else hole[1] * hole[2])


def _collisions(page: _Page) -> list[Finding]:
    """Painted boxes and lines that overlap or touch a floated box they are not part of.

    Linear in the boxes: each is compared with the page's few floats only.
    """
    found: list[Finding] = []
    touch = TOUCH_MM * PX_PER_MM
    hint = "this is briefgen's layout, not the text: please report it"
    for float_box, edges in page.floats:
        name = _describe(float_box)

        def near(
            x0: float, y0: float, x1: float, y1: float, edges: tuple[float, ...] = edges
        ) -> bool:
            fx0, fy0, fx1, fy1 = edges
            vertical = min(y1, fy1) - max(y0, fy0)
            horizontal = max(fx0 - x1, x0 - fx1)
            return vertical > 0 and horizontal < touch

        for box, rect, owner in page.painted:
            if owner == id(float_box) or _contains(rect, edges):
                continue
            if any(near(e[0], e[1], e[2], e[3]) for e in _drawn_edges(box, rect)):
                what = quote_value(_describe(box))
                found.append(
                    Finding(
                        "collision",
                        page.number,
                        _mm(max(rect[1], edges[1])),
                        f"the rule or box of {what} touches the {name} box",
                        hint,
                    )
                )
        for line in page.lines:
            if line.owner == id(float_box) or not line.text:
                continue
            if near(line.x0, line.y0, line.x1, line.y1):
                found.append(
                    Finding(
                        "collision",
                        page.number,
                        _mm(line.y0),
                        f"{quote_value(line.text.strip()[:40])} touches the {name} box",
                        hint,
                    )
                )
    return found


def _contains(outer: tuple[float, ...], inner: tuple[float, ...]) -> bool:
    """A block that holds the float (the page's body) does not touch it."""
    return (
        outer[0] <= inner[0]
        and outer[1] <= inner[1]
        and outer[2] >= inner[2]
        and outer[3] >= inner[3]
    )


def _drawn_edges(box: Any, rect: tuple[float, float, float, float]) -> list[tuple[float, ...]]:
    """The parts of a box that are drawn: its background, or its bordered sides."""
    x0, y0, x1, y1 = rect
    style = box.style
    background = style["background_color"]
    if background is not None and getattr(background, "alpha", 0) > 0:
        return [rect]
    edges: list[tuple[float, ...]] = []
    if style["border_top_width"] > 0:
        edges.append((x0, y0, x1, y0 + float(style["border_top_width"])))
    if style["border_bottom_width"] > 0:
        edges.append((x0, y1 - float(style["border_bottom_width"]), x1, y1))
    if style["border_left_width"] > 0:
        edges.append((x0, y0, x0 + float(style["border_left_width"]), y1))
    if style["border_right_width"] > 0:
        edges.append((x1 - float(style["border_right_width"]), y0, x1, y1))
    return edges


def _describe(box: Any) -> str:
    tag = str(getattr(box, "element_tag", "") or "")
    classes = _element_classes(box)
    if "quick-facts" in classes:
        return "quick facts"
    if tag in HEADINGS:
        return "heading " + _text_of(box).strip()[:40]
    return tag + (f".{classes[0]}" if classes else "")


def _stranded_headings(page: _Page, last_page: bool) -> list[Finding]:
    found: list[Finding] = []
    lines = page.lines
    alone = ALONE_BELOW_MM * PX_PER_MM
    for index, line in enumerate(lines):
        if line.heading is None or "masthead" in line.classes:
            continue
        following = lines[index + 1] if index + 1 < len(lines) else None
        if following is not None and following.heading is line.heading:
            continue  # not the heading's last line
        name = quote_value(line.text.strip()[:40])
        if following is None:
            if last_page:
                what = "ends the document with nothing below it"
            else:
                what = "ends the page: its text starts on the next page"
        elif following.column != line.column:
            what = "ends a column: its text starts in the next column"
        elif following.y0 - line.y1 > alone:
            what = f"stands with nothing below it for {_mm(following.y0 - line.y1):.0f} mm"
        else:
            continue
        found.append(
            Finding(
                "stranded-heading",
                page.number,
                _mm(line.y0),
                f"the heading {name} {what}",
                "shorten the text before it" + OR_TRY_FIT,
            )
        )
    return found


def _line_groups(page: _Page) -> Iterator[list[_Line]]:
    """Consecutive text lines of the same block."""
    group: list[_Line] = []
    for line in page.lines:
        if not line.text:
            continue
        if group and group[-1].parent is not line.parent:
            yield group
            group = []
        group.append(line)
    if group:
        yield group


def _text_findings(page: _Page, language: str, names: frozenset[str]) -> list[Finding]:
    found: list[Finding] = []
    chinese = language.split("-")[0] == "zh"
    for group in _line_groups(page):
        found += _lone_word(page, group, chinese)
        whole = "".join(line.text for line in group)
        for before, after in pairwise(group):
            end, start = before.text.rstrip(), after.text.lstrip()
            if not end or not start:
                continue
            split = _split_name(end, start, before, chinese, whole) or _broken_name(
                end, start, names
            )
            if split:
                found.append(
                    Finding(
                        "split-name",
                        page.number,
                        _mm(before.y0),
                        f"{split} split across lines: {quote_value(end[-20:])} / "
                        f"{quote_value(start[:20])}",
                        "join them with a no-break space, or reword the sentence",
                    )
                )
            if chinese and (start[0] in CLOSING_PUNCTUATION or end[-1] in OPENING_PUNCTUATION):
                mark = start[0] if start[0] in CLOSING_PUNCTUATION else end[-1]
                found.append(
                    Finding(
                        "punctuation",
                        page.number,
                        _mm(after.y0 if start[0] in CLOSING_PUNCTUATION else before.y0),
                        f"a line {'starts' if mark in CLOSING_PUNCTUATION else 'ends'} "
                        f"with {quote_value(mark)}",
                        "this is briefgen's line breaking, not the text: please report it",
                    )
                )
    return found


def _split_name(end: str, start: str, before: _Line, chinese: bool, whole: str) -> str:
    """What kind of name a line break parts, or '' when it parts none."""
    if NUMBER_END.search(end) and starts_with_unit(start):
        return "a number and its unit or word"
    # 2017 / 年, 1500 / 名; not at the end of an address line (a postcode)
    chinese_number = chinese and CHINESE_NUMBER_END.search(end) and _is_cjk(start[0])
    if chinese_number and "address" not in before.tags:
        return "a number and its unit or word"
    if CURRENCY_END.search(end) and NUMBER_START.match(start):
        return "a currency and its amount"
    in_list = "quick-facts" in before.classes and "dd" in before.tags and "、" in whole
    if chinese and in_list and end[-1] not in "、，,；;/" and _is_cjk(end[-1]):
        return "a name in a list" if _is_cjk(start[0]) else ""
    return ""


_INVISIBLE = str.maketrans({"\u00a0": " ", "\u2060": None, "\u00ad": None})


def _broken_name(end: str, start: str, names: frozenset[str]) -> str:
    """``the name "New Zealand"`` when the line break between ``end`` and ``start`` falls
    inside one of ``names``; '' otherwise."""
    end, start = end[-40:].translate(_INVISIBLE), start[:40].translate(_INVISIBLE)
    spaced = not (_is_cjk(end[-1]) and _is_cjk(start[0]))
    joined = end + (" " if spaced else "") + start
    pattern = names_pattern(names, joined)
    if pattern is None:
        return ""
    for match in pattern.finditer(joined):
        if match.start() < len(end) and match.end() > len(joined) - len(start):
            return f"the name {quote_value(match.group())}"
    return ""


def _is_cjk(character: str) -> bool:
    return "\u3400" <= character <= "\u9fff" or "\uf900" <= character <= "\ufaff"


def _lone_word(page: _Page, group: list[_Line], chinese: bool) -> list[Finding]:
    """A word alone on the last of several lines of a heading or masthead label."""
    first = group[0]
    label = bool(first.classes & LABELS)
    is_heading = first.heading is not None and "quick-facts" not in first.classes
    if len(group) < 2 or not (is_heading or label):
        return []
    last = group[-1].text.strip()
    alone = len(last) <= 2 if chinese else len(last.split()) == 1
    if not alone:
        return []
    return [
        Finding(
            "lone-word",
            page.number,
            _mm(group[-1].y0),
            f"{quote_value(last)} stands alone on the last line of "
            f"{quote_value(' '.join(line.text.strip() for line in group)[:60])}",
            "shorten or reword the heading or label by a word, or add one",
        )
    ]


def inspect_pages(
    pages: list[Any], language: str, names: frozenset[str] = frozenset()
) -> list[Finding]:
    """Every finding on the laid-out pages, page by page, top to bottom; ``names`` are
    those a line must not part (render/view/names.py)."""
    findings: list[Finding] = []
    for page in _iter_pages(pages):
        last = page.number == len(pages)
        if not last:
            empty = _empty_area(page)
            if empty is not None:
                findings.append(empty)
        findings += page.overflows
        findings += _collisions(page)
        findings += _stranded_headings(page, last)
        findings += _text_findings(page, language, names)
    findings.sort(key=lambda f: (f.page, f.top_mm))
    return findings


def layout_warnings(
    pages: list[Any],
    language: str,
    path: Path | None,
    names: frozenset[str] = frozenset(),
    *,
    fit_tried: bool = False,
) -> tuple[Problem, ...]:
    """The findings as briefgen's warnings; after ``--fit`` (which tried every step on an
    empty area), without the advice to try it."""
    problems = []
    for finding in inspect_pages(pages, language, names):
        if fit_tried:
            finding = replace(finding, hint=finding.hint.removesuffix(OR_TRY_FIT))
        problems.append(finding.problem(path))
    return tuple(problems)

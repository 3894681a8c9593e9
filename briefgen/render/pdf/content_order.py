"""Each page's content stream in reading order, for readers that ignore the tags.

WeasyPrint writes a page in CSS painting order: a float's content before the in-flow
text beside it, positioned boxes (the masthead, hidden headings) and list markers after
everything else. Readers that take text in stream order (PDFium, poppler's ``-raw``,
copy and paste in many viewers, simple indexers) then read the quick facts before the
title and every list number at the end of its page. The structure tree has the reading
order right, so each page's tagged content (marked content with an MCID) is moved to the
end of the page in the order of the tags, each piece with the graphics state it was
painted in (``q``, that state, the piece, ``Q``), and the text of artifacts (the running
footer) after them. Other artifacts (backgrounds, borders) stay where they were, under
the text; tagged pieces do not overlap on
a page, so the page looks the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from briefgen.render.pdf.structure import ref_number

# Operators that change the graphics state (ISO 32000-1, tables 57 and 105) and so
# must be replayed before a piece painted under them.
_STATE = frozenset(
    {
        b"cm", b"gs", b"w", b"J", b"j", b"M", b"d", b"ri", b"i",
        b"CS", b"cs", b"SC", b"SCN", b"sc", b"scn", b"G", b"g", b"RG", b"rg", b"K", b"k",
        b"Tc", b"Tw", b"Tz", b"TL", b"Tf", b"Tr", b"Ts",
    }
)  # fmt: skip
_PATH = frozenset({b"m", b"l", b"c", b"v", b"y", b"h", b"re"})
_PAINT = frozenset({b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"n"})


_FILL = frozenset({b"cs", b"sc", b"scn", b"g", b"rg", b"k"})
_STROKE = frozenset({b"CS", b"SC", b"SCN", b"G", b"RG", b"K"})


class _Frame:
    """The graphics state set since a ``q``: what depends on the transformation when it
    is set (``cm``, clipping paths, ``gs``) in order, everything else only its last value."""

    def __init__(self) -> None:
        self.ordered: list[Any] = []
        self.last: dict[bytes, list[Any]] = {}

    def add(self, operator: bytes, items: list[Any]) -> None:
        if operator in _FILL or operator in _STROKE:
            key = b"fill" if operator in _FILL else b"stroke"
            if operator in (b"cs", b"CS"):
                self.last[key] = list(items)  # a colour space, its colour follows
            elif self.last.get(key, [b""])[0][-2:] in (b"cs", b"CS"):
                self.last[key] = [self.last[key][0], *items]
            else:
                self.last[key] = list(items)
        elif operator in _STATE and operator not in (b"cm", b"gs"):
            self.last[operator] = list(items)
        elif not (operator == b"gs" and self.ordered[-1:] == items):
            self.ordered.extend(items)


def _replay(frames: list[_Frame]) -> list[Any]:
    """The operators that set the state the frames describe, from the page's own."""
    merged: dict[bytes, list[Any]] = {}
    for frame in frames:
        merged.update(frame.last)
    return [
        *(item for frame in frames for item in frame.ordered),
        *(item for items in merged.values() for item in items),
    ]


def _operator(item: Any) -> bytes | None:
    """The operator an item of a pydyf stream ends with; None for an operand item
    (a marked-content tag or property list, which pydyf appends separately)."""
    if isinstance(item, bytes | bytearray):
        parts = bytes(item).rsplit(None, 1)
        return parts[-1] if parts else None
    return None


@dataclass
class _Piece:
    """A marked-content sequence with an MCID, and the graphics state it starts in."""

    mcid: int | None  # None: an artifact's text (a running footer)
    items: list[Any]
    state: list[Any] = field(default_factory=list)


def _split(stream: list[Any]) -> tuple[list[Any], list[_Piece]] | None:
    """The page without its tagged pieces, and the pieces; None when the stream is not
    one this can take apart safely (a piece opened inside a text object, unbalanced)."""
    frames = [_Frame()]  # the state set since each open ``q``
    path: list[Any] = []
    clipping = False
    in_text = False
    rest: list[Any] = []
    pieces: list[_Piece] = []
    index = 0
    while index < len(stream):
        item = stream[index]
        start, mcid = _piece_start(stream, index)
        end = None
        if start is not None:
            if in_text or path:
                return None
            end = _piece_end(stream, start)
            if end is None:
                return None
            if mcid is None and b"BT" not in map(_operator, stream[start:end]):
                start = None  # an artifact that paints no text (a background) stays
        if start is not None and end is not None:
            pieces.append(_Piece(mcid, stream[index : end + 1], _replay(frames)))
            # What the piece leaves set (a colour, a font) later content may rely on.
            depth = 0
            for inner in stream[start:end]:
                operator = _operator(inner)
                depth += (operator == b"q") - (operator == b"Q")
                if depth == 0 and (operator == b"cm" or operator in (b"W", b"W*")):
                    return None  # would change what follows it: leave the page alone
                if depth == 0 and operator in _STATE:
                    frames[-1].add(operator, [inner])
                    rest.append(inner)
            index = end + 1
            continue
        operator = _operator(item)
        rest.append(item)
        if operator == b"q":
            frames.append(_Frame())
        elif operator == b"Q":
            if len(frames) == 1:
                return None
            frames.pop()
        elif operator == b"BT":
            in_text = True
        elif operator == b"ET":
            in_text = False
        elif operator in _STATE:
            frames[-1].add(operator, [item])
        elif operator in _PATH:
            path.append(item)
        elif operator in (b"W", b"W*"):
            clipping = True
            path.append(item)
        elif operator in _PAINT:
            if clipping:
                frames[-1].add(b"W", [*path, b"n"])
            path, clipping = [], False
        index += 1
    if len(frames) != 1 or in_text:
        return None
    return rest, pieces


def _piece_start(stream: list[Any], index: int) -> tuple[int | None, int | None]:
    """Where the content of a piece opening at ``index`` starts, and its MCID: tagged
    content (``/Tag <</MCID n>> BDC``) or an artifact (``/Artifact BMC``)."""
    if (
        index + 2 < len(stream)
        and isinstance(stream[index + 1], dict)
        and "MCID" in stream[index + 1]
        and _operator(stream[index + 2]) == b"BDC"
    ):
        return index + 3, int(stream[index + 1]["MCID"])
    item = stream[index]
    artifact = item in ("/Artifact", b"/Artifact") and index + 1 < len(stream)
    if artifact and _operator(stream[index + 1]) == b"BMC":
        return index + 2, None
    return None, None


def _piece_end(stream: list[Any], start: int) -> int | None:
    """The index of the ``EMC`` closing a piece whose content starts at ``start``, if
    its marked content, ``q``/``Q`` and text objects are balanced."""
    marked, saved, text = 1, 0, False
    for index in range(start, len(stream)):
        operator = _operator(stream[index])
        if operator in (b"BMC", b"BDC"):
            marked += 1
        elif operator == b"EMC":
            marked -= 1
            if marked == 0:
                return index if saved == 0 and not text else None
        elif operator == b"q":
            saved += 1
        elif operator == b"Q":
            saved -= 1
            if saved < 0:
                return None
        elif operator == b"BT":
            text = True
        elif operator == b"ET":
            text = False
    return None


def content_in_reading_order(pdf: Any) -> None:
    """Move each page's tagged content to the end of its stream, in the tags' order."""
    root = ref_number(pdf.catalog.get("StructTreeRoot"))
    if root is None:
        return
    order: dict[int, list[int]] = {}
    stack: list[tuple[Any, int | None]] = [(b"%d 0 R" % root, None)]
    while stack:
        kid, page = stack.pop()
        if isinstance(kid, int):
            if page is not None:
                order.setdefault(page, []).append(kid)
            continue
        number = ref_number(kid)
        element = pdf.objects[number] if number is not None else None
        if not isinstance(element, dict):
            continue
        page = ref_number(element.get("Pg")) or page
        kids = element.get("K", ())
        stack.extend((item, page) for item in reversed(kids if isinstance(kids, list) else [kids]))
    for page_reference in pdf.page_references:
        page_number = ref_number(page_reference)
        mcids = order.get(page_number or -1)
        if not mcids:
            continue
        contents = pdf.objects[ref_number(pdf.objects[page_number]["Contents"])]
        split = _split(contents.stream)
        if split is None:
            continue
        rest, pieces = split
        tagged = [piece.mcid for piece in pieces if piece.mcid is not None]
        if len(set(tagged)) != len(tagged):
            continue  # an MCID used twice: leave the page as it is
        rank = {mcid: position for position, mcid in enumerate(mcids)}
        # Tagged content in the tags' order, then artifacts' text (footers) as they came.
        ordered = sorted(
            pieces,
            key=lambda piece: (
                len(rank) + 1 if piece.mcid is None else rank.get(piece.mcid, len(rank))
            ),
        )
        stream = [b"q", *rest, b"Q"]
        for piece in ordered:
            stream.extend([b"q", *piece.state, *piece.items, b"Q"])
        contents.stream = stream

"""What a PDF page paints, read from the PDF itself: text lines and filled shapes, each
with its box (points, origin at the bottom left), its fill colour, and for text the
tagged-structure element it belongs to.

Tests judge the layout from these facts (a box drawn over text, a heading in the wrong
colour) rather than from pixels, so a small but real change cannot hide in a tolerance.
pypdfium2 reads the content streams; pikepdf reads the structure tree.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in PDF points."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlap(self, other: Box) -> float:
        """How far the two boxes overlap, in points, along the tighter axis (<= 0: apart)."""
        across = min(self.x1, other.x1) - max(self.x0, other.x0)
        up = min(self.y1, other.y1) - max(self.y0, other.y0)
        return min(across, up)

    def contains(self, other: Box, slack: float = 0.0) -> bool:
        return (
            other.x0 >= self.x0 - slack
            and other.y0 >= self.y0 - slack
            and other.x1 <= self.x1 + slack
            and other.y1 <= self.y1 + slack
        )

    def __str__(self) -> str:
        return f"({self.x0:.1f}, {self.y0:.1f})-({self.x1:.1f}, {self.y1:.1f})"


@dataclass(frozen=True)
class Painted:
    """One thing painted on a page, in drawing order.

    ``kind`` is ``text``, ``rect`` (a filled axis-aligned rectangle), ``shape`` (any other
    filled path) or ``image``; ``colour`` is the fill as ``#rrggbb`` (text: its colour),
    ``mcid`` the marked-content id that ties text to the structure tree (-1: none).
    """

    kind: str
    box: Box
    colour: str
    text: str = ""
    mcid: int = -1


Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix that applies ``inner`` then ``outer`` (PDF's row-vector convention)."""
    a, b, c, d, e, f = inner
    p, q, r, s, t, u = outer
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    )


def _matrix(obj: pdfium.PdfObject) -> Matrix:
    a, b, c, d, e, f = obj.get_matrix().get()
    return (a, b, c, d, e, f)


def _transform(box: tuple[float, float, float, float], matrix: Matrix) -> Box:
    a, b, c, d, e, f = matrix
    left, bottom, right, top = box
    xs, ys = [], []
    for x, y in ((left, bottom), (left, top), (right, bottom), (right, top)):
        xs.append(a * x + c * y + e)
        ys.append(b * x + d * y + f)
    return Box(min(xs), min(ys), max(xs), max(ys))


def _fill(obj: pdfium.PdfObject) -> str:
    red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
    pdfium_c.FPDFPageObj_GetFillColor(obj, red, green, blue, alpha)
    return f"#{red.value:02x}{green.value:02x}{blue.value:02x}"


def _text(obj: pdfium.PdfObject, textpage: pdfium.PdfTextPage) -> str:
    size = pdfium_c.FPDFTextObj_GetText(obj, textpage, None, 0)
    buffer = (ctypes.c_ushort * (size // 2))()
    pdfium_c.FPDFTextObj_GetText(obj, textpage, buffer, size)
    return bytes(buffer).decode("utf-16-le", errors="replace").rstrip("\0")


def _is_filled(obj: pdfium.PdfObject) -> bool:
    mode, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj, mode, stroke)
    return bool(mode.value != pdfium_c.FPDF_FILLMODE_NONE)


def _is_rectangle(obj: pdfium.PdfObject, matrix: Matrix) -> bool:
    """One closed subpath of straight lines along the axes (what a CSS background is)."""
    if matrix[1] or matrix[2]:
        return False  # rotated or skewed
    points: list[tuple[float, float]] = []
    for index in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, index)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        curve = kind == pdfium_c.FPDF_SEGMENT_BEZIERTO
        if curve or (kind == pdfium_c.FPDF_SEGMENT_MOVETO and points):
            return False  # a curve, or a second subpath
        x, y = ctypes.c_float(), ctypes.c_float()
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        points.append((x.value, y.value))
    if points and points[-1] == points[0]:
        points.pop()
    xs, ys = {round(x, 2) for x, _ in points}, {round(y, 2) for _, y in points}
    return len(points) == 4 and len(xs) == 2 and len(ys) == 2


def _painted(
    page: pdfium.PdfPage,
    textpage: pdfium.PdfTextPage,
    form: pdfium.PdfObject | None,
    matrix: Matrix,
) -> Iterator[Painted]:
    """Objects in drawing order; those inside a form XObject placed by its matrix."""
    if form is None:
        count, get = pdfium_c.FPDFPage_CountObjects(page), pdfium_c.FPDFPage_GetObject
        parent: pdfium.PdfPage | pdfium.PdfObject = page
    else:
        count, get = pdfium_c.FPDFFormObj_CountObjects(form), pdfium_c.FPDFFormObj_GetObject
        parent = form
    for index in range(count):
        obj = pdfium.PdfObject(get(parent, index), page=page, pdf=page.pdf)
        if obj.type == pdfium_c.FPDF_PAGEOBJ_FORM:
            yield from _painted(page, textpage, obj, _compose(_matrix(obj), matrix))
            continue
        box = _transform(obj.get_bounds(), matrix) if form is not None else Box(*obj.get_bounds())
        mcid = pdfium_c.FPDFPageObj_GetMarkedContentID(obj)
        if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
            yield Painted("text", box, _fill(obj), _text(obj, textpage), mcid)
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_PATH and _is_filled(obj):
            rectangle = _is_rectangle(obj, _compose(_matrix(obj), matrix))
            kind = "rect" if rectangle else "shape"
            yield Painted(kind, box, _fill(obj), mcid=mcid)
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            yield Painted("image", box, "", mcid=mcid)


def painted(pdf: Path) -> list[list[Painted]]:
    """Every page's painted objects, in drawing order."""
    document = pdfium.PdfDocument(pdf)
    try:
        found = []
        for page in document:
            textpage = page.get_textpage()
            found.append(list(_painted(page, textpage, None, _IDENTITY)))
        return found
    finally:
        document.close()


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Each page's width and height in points."""
    document = pdfium.PdfDocument(pdf)
    try:
        return [(page.get_width(), page.get_height()) for page in document]
    finally:
        document.close()


def structure_paths(pdf: Path) -> list[dict[int, tuple[str, ...]]]:
    """For each page, each marked-content id's structure types from the root down to the
    element that holds it, e.g. ``("Document", "Div", "NonStruct", "H2", "Span")``; an
    element's position among its siblings is appended (``"H2#3"``) so that two elements of
    the same type tell apart."""
    with pikepdf.open(pdf) as document:
        parent_tree = pikepdf.NumberTree(document.Root.StructTreeRoot.ParentTree)
        found: list[dict[int, tuple[str, ...]]] = []
        for page in document.pages:
            elements = parent_tree.get(int(page.obj.StructParents), pikepdf.Array())
            paths: dict[int, tuple[str, ...]] = {}
            for mcid, element in enumerate(elements):
                if isinstance(element, pikepdf.Dictionary):
                    paths[mcid] = _ancestry(element)
            found.append(paths)
        return found


HEADING = re.compile(r"^H[1-6]#")


SCREEN_READER_SIZE = 1.5  # points: text this small is set so on purpose, to be unseen


def screen_reader_headings(pdf: Path) -> list[set[int]]:
    """Per page, the marked-content ids of headings drawn to be unseen: 1px high (under
    :data:`SCREEN_READER_SIZE`), clipped, or wholly outside the page: tagged for screen
    readers, never shown (``show_heading: false``, the contact block's heading,
    templates/print.css). Tagged, they are meant to be unseen, not lost."""
    sizes, structure = page_sizes(pdf), structure_paths(pdf)
    found: list[set[int]] = []
    for objects, (width, height), paths in zip(painted(pdf), sizes, structure, strict=True):
        page = Box(0, 0, width, height)
        found.append(
            {
                p.mcid
                for p in objects
                if p.kind == "text"
                and (p.box.overlap(page) < 0 or p.box.y1 - p.box.y0 < SCREEN_READER_SIZE)
                and any(HEADING.match(element) for element in paths.get(p.mcid, ()))
            }
        )
    return found


def _ancestry(element: pikepdf.Object | None) -> tuple[str, ...]:
    chain: list[str] = []
    while isinstance(element, pikepdf.Dictionary) and "/S" in element:
        parent = element.get("/P")
        siblings = parent.get("/K") if isinstance(parent, pikepdf.Dictionary) else None
        position = 0
        if isinstance(siblings, pikepdf.Array):
            same = [i for i, kid in enumerate(siblings) if _same(kid, element)]
            position = same[0] if same and element.is_indirect else 0
        chain.append(f"{str(element.S).lstrip('/')}#{position}")
        element = parent
    return tuple(reversed(chain))


def _same(kid: object, element: pikepdf.Object) -> bool:
    """Whether a /K entry is ``element`` (entries may also be bare marked-content ids)."""
    return isinstance(kid, pikepdf.Object) and kid.is_indirect and kid.objgen == element.objgen

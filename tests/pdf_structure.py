"""The headings of a tagged PDF's structure tree, with their text and where it is drawn.

pikepdf walks the structure tree in document order; PDFium gives the text and the bounds
of each marked-content sequence, also of text drawn off the page (which poppler's tools
leave out, so they cannot tell a missing heading from one drawn off the page).
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pypdfium2
import pypdfium2.raw as pdfium

_HEADING = re.compile(r"^H[1-6]$")


@dataclass(frozen=True)
class Drawn:
    text: str
    on_page: bool  # some of it lies inside the page box


@dataclass(frozen=True)
class StructureHeading:
    level: str  # H1 to H6
    text: str
    on_page: bool  # some of its text is drawn inside the page box


def _object_text(text_object: pypdfium2.PdfObject, text_page: pypdfium2.PdfTextPage) -> str:
    size = pdfium.FPDFTextObj_GetText(text_object, text_page, None, 0)
    buffer = ctypes.create_string_buffer(size)
    pointer = ctypes.cast(buffer, ctypes.POINTER(pdfium.FPDF_WCHAR))
    pdfium.FPDFTextObj_GetText(text_object, text_page, pointer, size)
    return buffer.raw[: max(0, size - 2)].decode("utf-16-le")


def marked_text(path: Path) -> dict[tuple[int, int], Drawn]:
    """The text of each marked-content sequence, by (page index, MCID)."""
    document = pypdfium2.PdfDocument(path)
    parts: dict[tuple[int, int], list[tuple[str, bool]]] = {}
    try:
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            text_page = page.get_textpage()
            for drawn in page.get_objects(max_depth=5):
                mcid = pdfium.FPDFPageObj_GetMarkedContentID(drawn)
                if drawn.type != pdfium.FPDF_PAGEOBJ_TEXT or mcid < 0:
                    continue
                left, bottom, right, top = drawn.get_bounds()
                inside = right > 0 and left < width and top > 0 and bottom < height
                parts.setdefault((index, mcid), []).append((_object_text(drawn, text_page), inside))
    finally:
        document.close()
    return {
        key: Drawn("".join(text for text, _ in found), any(inside for _, inside in found))
        for key, found in parts.items()
    }


def _kids(element: pikepdf.Dictionary) -> list[object]:
    kids = element.get("/K")
    if isinstance(kids, pikepdf.Array):
        return list(kids)
    return [] if kids is None else [kids]


def _content(
    element: object, page: int | None, pages: dict[tuple[int, int], int]
) -> Iterator[tuple[int, int]]:
    """The (page index, MCID) of every marked-content sequence below ``element``."""
    if isinstance(element, int) and page is not None:
        yield page, element
        return
    if not isinstance(element, pikepdf.Dictionary):
        return
    owner = element.get("/Pg")
    if isinstance(owner, pikepdf.Dictionary):
        page = pages.get(owner.objgen, page)
    if element.get("/Type") == "/MCR":
        yield from _content(int(element.MCID), page, pages)
        return
    for kid in _kids(element):
        yield from _content(kid, page, pages)


def structure_headings(path: Path) -> list[StructureHeading]:
    """Every heading element of the structure tree, in document order."""
    texts = marked_text(path)
    headings: list[StructureHeading] = []
    with pikepdf.open(path) as pdf:
        pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}

        def visit(element: object, page: int | None) -> None:
            if not isinstance(element, pikepdf.Dictionary):
                return
            owner = element.get("/Pg")
            if isinstance(owner, pikepdf.Dictionary):
                page = pages.get(owner.objgen, page)
            level = str(element.get("/S", ""))[1:]
            if _HEADING.match(level):
                drawn = [texts[key] for key in _content(element, page, pages) if key in texts]
                text = "".join(part.text for part in drawn)
                on_page = any(part.on_page for part in drawn)
                headings.append(StructureHeading(level, text, on_page))
                return
            for kid in _kids(element):
                visit(kid, page)

        visit(pdf.Root.StructTreeRoot, None)
    return headings

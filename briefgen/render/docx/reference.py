"""What the DOCX render takes from a reference document, checked when it is opened.

The render reads the reference's page size and margins (the width of pictures and
tables), its list numbering (a new list per brief list), and every part of the package.
A file Word or LibreOffice saved oddly (no numbering part, a page as wide as its margins,
sizes or ids that are not numbers, a damaged compressed part) crashed the render; here
each becomes a plain refusal at the brief's ``theme.docx_reference`` line (or names the
``--reference-docx`` file), or, for a missing numbering part, is mended.
"""

from __future__ import annotations

import re
import zipfile
import zlib

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import parse_xml
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.parts.numbering import NumberingPart
from docx.shared import Emu, Mm

PAGE_MIN = Mm(25.4)
PAGE_MAX = Mm(558.8)
"""Word's page sizes: 1 to 22 inches each way."""

TEXT_MIN = Mm(20)
"""The narrowest (and shortest) text area a brief can be set in."""

PAGE_HINT = "set its page size and margins in Word's Layout > Page Setup, and save it again"
NUMBERING_HINT = "save it again from Word, or use a reference without lists"

_EMPTY_NUMBERING = (
    '<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
)


def damaged_part(archive: zipfile.ZipFile) -> str | None:
    """The name of the first part that does not decompress to what it claims, if any."""
    try:
        return archive.testzip()
    except (zlib.error, EOFError, OSError, NotImplementedError, zipfile.BadZipFile):
        for entry in archive.infolist():
            try:
                archive.read(entry)
            except (zlib.error, EOFError, OSError, NotImplementedError, zipfile.BadZipFile):
                return entry.filename
        return "?"  # pragma: no cover - testzip failed on a part that reads


def not_a_document(error: Exception) -> str:
    """python-docx's refusal in words, without the Python object it names."""
    found = re.search(r"content type is '([^']*)'", str(error))
    if found is None:
        return "it is not a Word document python-docx can read"
    kind = found.group(1)
    if "template" in kind.lower():
        what = "a Word template (.dotx or .dotm)"
    elif "macroenabled" in kind.lower():
        what = "a macro-enabled Word file (.docm)"
    else:
        what = f"not a Word document (its main part is '{kind[:60]}')"
    return f"it is {what}"


def _length(section: object, name: str, default: Emu) -> Emu:
    """A length of the section's page set-up; ``default`` only when it is not written."""
    value = getattr(section, name)
    return default if value is None else Emu(value)


def page_problem(document: Document) -> str | None:
    """Why the reference's page set-up cannot hold a brief, if it cannot."""
    for section in document.sections:
        try:
            width = _length(section, "page_width", Emu(Mm(210)))  # absent: Word's default
            height = _length(section, "page_height", Emu(Mm(297)))
            left = _length(section, "left_margin", Emu(0))
            right = _length(section, "right_margin", Emu(0))
            top = abs(_length(section, "top_margin", Emu(0)))  # negative: "exactly"
            bottom = abs(_length(section, "bottom_margin", Emu(0)))
        except (ValueError, TypeError, OverflowError):
            return "its page size or margins are not numbers"
        for name, size in (("wide", width), ("high", height)):
            if not PAGE_MIN <= size <= PAGE_MAX:
                return (
                    f"its page is {Emu(size).mm:,.0f} mm {name}; "
                    "Word's pages are 25 to 559 mm each way"
                )
        if left < 0 or right < 0:
            return "its left or right margin is negative"
        if width - left - right < TEXT_MIN or height - top - bottom < TEXT_MIN:
            return "its margins leave less than 20 mm for the text"
    return None


def numbering_problem(document: Document) -> str | None:
    """Why the reference's list numbering cannot take briefgen's lists, if it cannot."""
    element = ensure_numbering(document)
    ids = element.xpath(
        "./w:abstractNum/@w:abstractNumId | ./w:num/@w:numId | ./w:num/w:abstractNumId/@w:val"
    )
    for value in ids:
        if re.fullmatch(r"-?\d{1,9}", str(value).strip()) is None:
            shown = str(value)[:20]
            return f"its list numbering has an id that is not a number ('{shown}')"
    return None


def ensure_numbering(document: Document) -> BaseOxmlElement:
    """The numbering part's root element, adding an empty part to a document without one
    (what LibreOffice saves from a document without lists)."""
    part = document.part
    try:
        element: BaseOxmlElement = part.numbering_part.element
    except NotImplementedError:
        numbering = NumberingPart(
            PackURI("/word/numbering.xml"),
            CT.WML_NUMBERING,
            parse_xml(_EMPTY_NUMBERING),
            part.package,
        )
        part.relate_to(numbering, RT.NUMBERING)
        element = numbering.element
    return element

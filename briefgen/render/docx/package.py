"""The DOCX as a file: the document it starts from, and bytes that are the same every time.

A reference document is an untrusted file like an image: only its styles, numbering
definitions, theme, fonts table and page set-up are kept. Its text, headers, footers,
pictures, embedded objects, comments, custom XML and any external relationship (an
attached template or mail-merge source on the network) are dropped before briefgen writes
the brief into it, so nothing of the reference can run, fetch or show in the output.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import NoReturn

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn

from briefgen.errors import BriefError, Problem
from briefgen.render.docx.reference import (
    NUMBERING_HINT,
    PAGE_HINT,
    damaged_part,
    not_a_document,
    numbering_problem,
    page_problem,
)
from briefgen.render.docx.styles import style_type_problem

MAX_REFERENCE_BYTES = 10_000_000
MAX_REFERENCE_UNPACKED_BYTES = 50_000_000

# What a reference document lends the brief (relationships of its main part).
_KEPT_DOCUMENT_PARTS = {
    RT.STYLES,
    RT.NUMBERING,
    RT.SETTINGS,
    RT.THEME,
    RT.FONT_TABLE,
    RT.WEB_SETTINGS,
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
}
_KEPT_PACKAGE_PARTS = {RT.OFFICE_DOCUMENT, RT.CORE_PROPERTIES, RT.EXTENDED_PROPERTIES}
# Settings that point outside the document or at parts that are dropped.
_DROPPED_SETTINGS = ("w:attachedTemplate", "w:mailMerge", "w:footnotePr", "w:endnotePr")


def built_in_document() -> Document:
    """python-docx's default document, without its thumbnail and custom XML: briefgen's
    styles are added to it from the theme."""
    document = docx.Document()
    _keep_only_the_look(document)
    # Its 130-odd sample table styles ("Light Shading Accent 1"...) are not briefgen's:
    # without them the file is smaller and every style lookup faster.
    styles = document.styles.element
    for style in styles.xpath("./w:style[@w:type='table']"):
        if style.name_val not in {"Normal Table", "Table Grid"}:
            styles.remove(style)
    return document


def open_reference(path: Path, named_at: Problem | None = None) -> Document:
    """The reference document at ``path`` emptied of everything but its look.

    ``named_at`` locates the brief's key that names the file (its message is the name as
    written), so that a bad file is reported there; by default the error names the file.
    """

    def refuse(reason: str, hint: str = "save the file from Word as a .docx document") -> NoReturn:
        message = f"cannot be used as a reference document: {reason}"
        if named_at is not None:
            located = replace(named_at, message=f"'{named_at.message}' {message}", hint=hint)
            raise BriefError([located])
        raise BriefError.single(message, path, hint=hint)

    try:
        data = path.read_bytes()
    except OSError as error:
        refuse(f"it cannot be read ({error.strerror})", "check the path and its permissions")
    if len(data) > MAX_REFERENCE_BYTES:
        refuse("it is larger than 10 MB", "keep only the styles in the reference document")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
            damaged = None if unpacked > MAX_REFERENCE_UNPACKED_BYTES else damaged_part(archive)
    except zipfile.BadZipFile:
        refuse("it is not a DOCX file (not a ZIP archive)")
    if unpacked > MAX_REFERENCE_UNPACKED_BYTES:
        refuse("it unpacks to more than 50 MB", "keep only the styles in the reference document")
    if damaged is not None:
        refuse(f"its part '{damaged[:60]}' is damaged", "save it again from Word")
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, SyntaxError) as error:
        # python-docx refuses templates (.dotx, .dotm) and macro-enabled files with a
        # ValueError whose text names a Python object: say what the file is instead.
        refuse(not_a_document(error), "open it in Word and save it as a Word Document (.docx)")
    problem = style_type_problem(document)
    if problem:
        refuse(problem, "rename the style, or give it the type briefgen needs")
    # Everything else the render reads of the reference, read now: a located refusal
    # here instead of a crash half-way through the render.
    for reason, hint in (
        (page_problem(document), PAGE_HINT),
        (numbering_problem(document), NUMBERING_HINT),
    ):
        if reason:
            refuse(reason, hint)
    _keep_only_the_look(document)
    return document


def _keep_only_the_look(document: Document) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    body.get_or_add_sectPr()  # Word's defaults apply to a body without one
    for section_properties in body.findall(qn("w:sectPr")):
        for reference in section_properties.findall(qn("w:headerReference")):
            section_properties.remove(reference)
        for reference in section_properties.findall(qn("w:footerReference")):
            section_properties.remove(reference)
    part = document.part
    for relationship_id, relationship in list(part.rels.items()):
        if relationship.is_external or relationship.reltype not in _KEPT_DOCUMENT_PARTS:
            del part.rels[relationship_id]
    settings = document.settings.element
    for name in _DROPPED_SETTINGS:
        for element in settings.findall(qn(name)):
            settings.remove(element)
    settings_part = part._settings_part
    for relationship_id in list(settings_part.rels):
        del settings_part.rels[relationship_id]
    package = part.package
    for relationship_id, relationship in list(package.rels.items()):
        if relationship.is_external or relationship.reltype not in _KEPT_PACKAGE_PARTS:
            del package.rels[relationship_id]


def reproducible_bytes(document: Document, date: dt.date) -> bytes:
    """The saved document with every ZIP entry dated ``date`` and in python-docx's order.

    python-docx stamps entries with the current time; the XML inside is already stable
    (sequential relationship and drawing ids, core properties set from the brief).
    """
    saved = io.BytesIO()
    document.save(saved)
    stamp = (min(max(date.year, 1980), 2107), date.month, date.day, 0, 0, 0)
    output = io.BytesIO()
    with (
        zipfile.ZipFile(saved) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 0
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(entry.filename), compresslevel=6)
    return output.getvalue()

"""The DOCX as a file: the document it starts from, and bytes that are the same every time.

A reference document is an untrusted file like an image: only its styles, numbering
definitions, theme, fonts table and page set-up are kept. Its text, headers, footers,
pictures, embedded objects, comments, custom XML and any external relationship (an
attached template or mail-merge source on the network) are dropped before briefgen writes
the brief into it, so nothing of the reference can run, fetch or show in the output. The
kept parts keep no relationship at all (see :func:`_drop_inner_relationships`).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import NoReturn

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml.ns import qn
from lxml import etree

from briefgen.errors import BriefError, Problem
from briefgen.model.files import read_at_most
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
    styles are added to it from the theme. A fresh document each time, opened from the
    emptied one's bytes (3 ms; emptying it again would be 80 ms of every DOCX)."""
    return docx.Document(io.BytesIO(_built_in_bytes()))


@cache
def _built_in_bytes() -> bytes:
    document = docx.Document()
    _keep_only_the_look(document)
    # Its 130-odd sample table styles ("Light Shading Accent 1"...) are not briefgen's:
    # without them the file is smaller and every style lookup faster.
    styles = document.styles.element
    for style in styles.xpath("./w:style[@w:type='table']"):
        if style.name_val not in {"Normal Table", "Table Grid"}:
            styles.remove(style)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


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
        data = read_at_most(path, MAX_REFERENCE_BYTES)
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
    _drop_inner_relationships(document)


_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
# Elements whose only purpose is a relationship the kept parts may not have: a picture
# bullet (numbering), a frameset (web settings: Word fetches its frames), an embedded
# font (font table), the printer's settings (a section).
_DROPPED_WITH_THEIR_RELATIONSHIP = (
    "w:numPicBullet",
    "w:lvlPicBulletId",
    "w:frameset",
    "w:embedRegular",
    "w:embedBold",
    "w:embedItalic",
    "w:embedBoldItalic",
    "w:printerSettings",
)


def _drop_inner_relationships(document: Document) -> None:
    """No kept part but the main one keeps any relationship: styles, numbering, theme,
    font table, web settings... need none, and theirs were external addresses Word
    fetches on opening (``http://``, ``\\\\host\\share``: a password-hash leak) or
    the pictures and fonts the reference's look must not bring. Every element left
    naming a dropped relationship goes too, so that Word finds nothing to repair."""
    main = document.part
    parts = list(main.package.iter_parts())
    for part in parts:
        if part is not main:
            for relationship_id in list(part.rels):
                del part.rels[relationship_id]
    for part in parts:
        _drop_dangling_references(part, set(part.rels))


def _drop_dangling_references(part: Part, relationship_ids: set[str]) -> None:
    if isinstance(part, XmlPart):
        root = part.element
    elif part.content_type.endswith("+xml"):
        root = etree.fromstring(part.blob, _SAFE_PARSER)
    else:
        return
    changed = False
    for name in _DROPPED_WITH_THEIR_RELATIONSHIP:
        for element in root.iter(qn(name)):
            changed = _remove(element) or changed
    for element in list(root.iter()):
        named = [value for key, value in element.attrib.items() if key.startswith(_R)]
        if any(value not in relationship_ids for value in named):
            changed = _remove(element) or changed
    if changed and not isinstance(part, XmlPart):
        part._blob = etree.tostring(  # a part python-docx keeps as bytes (theme, fonts)
            root, xml_declaration=True, encoding="UTF-8", standalone=True
        )


def _remove(element: etree._Element) -> bool:
    parent = element.getparent()
    if parent is None:
        return False
    parent.remove(element)
    return True


_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


_CUSTOM_PROPERTIES = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_CUSTOM_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_RELATIONSHIP = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
)
_USER_DEFINED = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the fmtid of every custom one


def set_custom_properties(document: Document, values: dict[str, str]) -> None:
    """``docProps/custom.xml`` with ``values`` as text properties (Word and LibreOffice
    keep them through an open and save, measured): a reviewed copy names its origin."""
    root = etree.Element(
        f"{{{_CUSTOM_PROPERTIES}}}Properties", nsmap={None: _CUSTOM_PROPERTIES, "vt": _VT}
    )
    for number, (name, value) in enumerate(values.items(), start=2):  # pid 2 is the first
        item = etree.SubElement(root, f"{{{_CUSTOM_PROPERTIES}}}property")
        item.set("fmtid", _USER_DEFINED)
        item.set("pid", str(number))
        item.set("name", name)
        etree.SubElement(item, f"{{{_VT}}}lpwstr").text = value
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    package = document.part.package
    part = Part(PackURI("/docProps/custom.xml"), _CUSTOM_CONTENT_TYPE, blob, package)
    package.relate_to(part, _CUSTOM_RELATIONSHIP)


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

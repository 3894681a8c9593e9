"""Offline checks of the machine-checkable PDF/UA and PDF/A rules, built on pikepdf.

``check_pdf(path, variant)`` returns human-readable rule violations; an empty list means that
every rule below passed. It is a gate for our own WeasyPrint output, not a conformance
certificate: veraPDF (JVM) remains the reference, and what needs a person (is the alt text
right, is the reading order sensible) is out of reach of any checker.

Variants: ``None`` (common rules only), ``"pdf/ua-1"``, ``"pdf/ua-2"``, ``"pdf/a-1a"``,
``"pdf/a-1b"``, ``"pdf/a-2a|2b|2u"``, ``"pdf/a-3a|3b|3u"``, ``"pdf/a-4"``, ``"pdf/a-4e"``,
``"pdf/a-4f"``; the ``pdf/`` prefix is optional and case is ignored. ``"pdf/a-4u"`` (a
WeasyPrint name) is read as plain PDF/A-4, which has no "u" level: such a file must carry no
``pdfaid:conformance``.

Rules, each message prefixed by the standard it comes from:

* common: not encrypted; a non-empty title (Info ``/Title`` or XMP ``dc:title``); a
  non-empty, well-formed catalog ``/Lang``; every font program embedded (descendant fonts of
  Type0 included); XMP well-formed; a trailer ``/ID`` in PDF 2.0 files (ISO 32000-2 7.5.5).
* PDF/UA (ISO 14289-1; UA-2 files get the same rules plus their own identification, which
  is not a full ISO 14289-2 check): ``/MarkInfo /Marked true`` and no ``/Suspects``;
  ``/StructTreeRoot``; XMP ``pdfuaid:part`` (and a four-digit ``pdfuaid:rev`` for UA-2) and
  ``dc:title``; ``/DisplayDocTitle true``; a Unicode mapping for every font; role map (every
  type standard or mapped to one without cycles, no standard type remapped); ``/Figure``
  with non-empty ``/Alt`` or ``/ActualText``; headings present (policy, see
  ``require_headings``), not empty, first numbered one H1, no level skipped going down, H
  and Hn not mixed; every painting operator inside an MCID or ``/Artifact`` marked-content
  sequence; every MCID reachable from the structure tree via the ``/ParentTree``; every
  annotation tagged, links in a ``/Link`` element with a ``/Contents`` description
  (7.18.5), other annotations described; ``/Tabs /S`` on pages with annotations.
* PDF/A (ISO 19005): header version; XMP ``pdfaid:part``/``conformance`` (``rev`` for
  part 4); a GTS_PDFA1 output intent with a valid ICC ``DestOutputProfile`` (one profile
  only); trailer ``/ID``; no JavaScript, no forbidden actions, no ``/AA``; annotation flags
  (print on, hidden off) and forbidden annotation types; embedded-file rules per part; for
  parts 1-3, an extension schema for every XMP property outside the predefined schemas; for
  part 4, no ``/Info`` without ``/PieceInfo``; for part 1, Info entries equal to their XMP
  counterparts (one dc:creator), no transparency, uncompressed XMP, ``/CIDSet`` in subset CID
  fonts; Unicode mapping for every font in levels a and u and in part 4; levels a: tagged
  and role map sane; images without ``/Interpolate true``, ``/Alternates`` or ``/OPI``, no
  PostScript XObjects. For parts 1-3 it also runs ``pikepdf.pdfa`` (pikepdf >= 10.18 with
  the ``pdfa`` extra), an allowlist validator of the veraPDF PDF/A-1b/2b/3b rules, and
  reports its findings: violations, and "unsupported" constructs it cannot vouch for.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, NumberTree, Object, Pdf, Stream, String

__all__ = ["Variant", "check_pdf", "parse_variant"]

# --------------------------------------------------------------------------- variants


@dataclass(frozen=True)
class Variant:
    """A conformance target: family "a" (PDF/A) or "ua" (PDF/UA), part and level."""

    family: str
    part: int
    level: str  # "a", "b", "u", "e", "f" or "" (PDF/UA, plain PDF/A-4)

    @property
    def label(self) -> str:
        return f"PDF/{self.family.upper()}-{self.part}{self.level}"

    @property
    def needs_unicode(self) -> bool:
        return self.family == "ua" or self.level in ("a", "u") or self.part == 4

    @property
    def needs_tags(self) -> bool:
        return self.family == "ua" or self.level == "a"


_VARIANT_RE = re.compile(r"^(?:pdf/)?(a|ua)-([1-4])([abuef]?)$")
_VALID_VARIANTS = {
    ("ua", 1, ""), ("ua", 2, ""),
    ("a", 1, "a"), ("a", 1, "b"),
    ("a", 2, "a"), ("a", 2, "b"), ("a", 2, "u"),
    ("a", 3, "a"), ("a", 3, "b"), ("a", 3, "u"),
    ("a", 4, ""), ("a", 4, "e"), ("a", 4, "f"), ("a", 4, "u"),
}  # fmt: skip


def parse_variant(variant: str | None) -> Variant | None:
    """Parse ``"pdf/a-3u"``-style names; ``None`` means common rules only."""
    if variant is None:
        return None
    match = _VARIANT_RE.match(variant.strip().lower())
    if match is None:
        raise ValueError(f"unknown PDF variant {variant!r}")
    family, part, level = match.group(1), int(match.group(2)), match.group(3)
    if (family, part, level) not in _VALID_VARIANTS:
        raise ValueError(f"unknown PDF variant {variant!r}")
    if (family, part, level) == ("a", 4, "u"):
        level = ""  # PDF/A-4 has no "u" level; Unicode mapping is required in all of part 4
    return Variant(family, part, level)


# --------------------------------------------------------------------------- small helpers


def _text(obj: Object | None) -> str:
    """The value of a PDF text string, or "" for anything else."""
    return str(obj) if isinstance(obj, String) else ""


def _name(obj: Object | None) -> str:
    """A PDF name without its slash, or "" for anything else."""
    return str(obj)[1:] if isinstance(obj, Name) else ""


def _true(obj: object) -> bool:
    """Whether a PDF value is the boolean true (pikepdf returns PDF booleans as bool)."""
    return obj is True


def _int(obj: object, default: int = -1) -> int:
    return obj if isinstance(obj, int) and not isinstance(obj, bool) else default


def _sub(obj: Object, key: str) -> Dictionary:
    """The dictionary at *key* of *obj*, or an empty one if absent or not a dictionary."""
    value = obj.get(key)
    return value if isinstance(value, Dictionary) else Dictionary()


def _dictlike(obj: object) -> bool:
    return isinstance(obj, Dictionary | Stream)


def _key(obj: object) -> tuple[int, int] | None:
    """Identity of an indirect object, None for a direct one (or a scalar)."""
    return obj.objgen if isinstance(obj, Object) and obj.is_indirect else None


def _version(pdf: Pdf) -> tuple[int, int]:
    major, _, minor = pdf.pdf_version.partition(".")
    return int(major), int(minor or 0)


def _all_dicts(pdf: Pdf) -> Iterator[Object]:
    """Every dictionary and stream reachable from the trailer, each indirect one once."""
    seen: set[tuple[int, int]] = set()
    stack: list[Object] = [pdf.trailer]
    while stack:
        obj = stack.pop()
        key = _key(obj)
        if key is not None:
            if key in seen:
                continue
            seen.add(key)
        if isinstance(obj, Array):
            stack.extend(v for v in obj if isinstance(v, Array | Dictionary | Stream))
        elif _dictlike(obj):
            yield obj
            stack.extend(
                value
                for name, value in obj.items()
                if name != "/Parent" and isinstance(value, Array | Dictionary | Stream)
            )


# --------------------------------------------------------------------------- XMP

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XML = "http://www.w3.org/XML/1998/namespace"
DC = "http://purl.org/dc/elements/1.1/"
XMP = "http://ns.adobe.com/xap/1.0/"
PDF_NS = "http://ns.adobe.com/pdf/1.3/"
PDFAID = "http://www.aiim.org/pdfa/ns/id/"
PDFUAID = "http://www.aiim.org/pdfua/ns/id/"
PDFA_SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
PDFA_PROPERTY = "http://www.aiim.org/pdfa/ns/property#"

# Schemas PDF/A-1..3 accept without an extension schema (XMP 2004/2005 predefined schemas).
_PREDEFINED_XMP = {
    DC, XMP, PDF_NS, PDFAID,
    "http://ns.adobe.com/xap/1.0/rights/", "http://ns.adobe.com/xap/1.0/mm/",
    "http://ns.adobe.com/xap/1.0/bj/", "http://ns.adobe.com/xap/1.0/t/pg/",
    "http://ns.adobe.com/xmp/1.0/DynamicMedia/", "http://ns.adobe.com/photoshop/1.0/",
    "http://ns.adobe.com/camera-raw-settings/1.0/", "http://ns.adobe.com/exif/1.0/",
    "http://ns.adobe.com/exif/1.0/aux/", "http://ns.adobe.com/tiff/1.0/",
    "http://www.aiim.org/pdfa/ns/extension/", "http://ns.adobe.com/xmp/Identifier/qual/1.0/",
}  # fmt: skip


def _split(tag: str) -> tuple[str, str]:
    namespace, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    return namespace, local


@dataclass
class Xmp:
    """Top-level XMP properties, as (namespace, name) -> values, and extension schemas."""

    props: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    extensions: dict[str, set[str]] = field(default_factory=dict)  # namespace -> names
    error: str = ""
    present: bool = False

    def first(self, namespace: str, name: str) -> str | None:
        values = self.props.get((namespace, name))
        return values[0] if values else None


def _read_xmp(pdf: Pdf) -> Xmp:
    stream = pdf.Root.get("/Metadata")
    if not isinstance(stream, Stream):
        return Xmp()
    xmp = Xmp(present=True)
    try:
        root = ET.fromstring(stream.read_bytes())
    except (ET.ParseError, pikepdf.PdfError) as exc:
        xmp.error = str(exc)
        return xmp
    for rdf in root.iter(f"{{{RDF}}}RDF"):
        for description in rdf.findall(f"{{{RDF}}}Description"):
            for attr, value in description.attrib.items():
                namespace, local = _split(attr)
                if namespace not in (RDF, XML):
                    xmp.props.setdefault((namespace, local), []).append(value)
            for child in description:
                xmp.props.setdefault(_split(child.tag), []).extend(_xmp_values(child))
    for node in root.iter():
        uri = node.findtext(f"{{{PDFA_SCHEMA}}}namespaceURI") or node.get(
            f"{{{PDFA_SCHEMA}}}namespaceURI"
        )
        if uri:
            names = {n.text or "" for n in node.iter(f"{{{PDFA_PROPERTY}}}name")}
            names |= {n.get(f"{{{PDFA_PROPERTY}}}name", "") for n in node.iter()}
            xmp.extensions.setdefault(uri.strip(), set()).update(names - {""})
    return xmp


def _xmp_values(prop: ET.Element) -> list[str]:
    """Values of one property: the items of an Alt/Seq/Bag (x-default first) or its text."""
    for container in ("Alt", "Seq", "Bag"):
        found = prop.find(f"{{{RDF}}}{container}")
        if found is not None:
            items = found.findall(f"{{{RDF}}}li")
            items.sort(key=lambda li: li.get(f"{{{XML}}}lang") != "x-default")
            return [(li.text or "").strip() for li in items]
    return [(prop.text or "").strip()]


# --------------------------------------------------------------------------- common rules

_LANG_RE = re.compile(r"^(?:[a-z]{2,3}|x|i)(?:-[a-z0-9]{1,8})*$", re.IGNORECASE)


def _common_rules(pdf: Pdf, xmp: Xmp) -> list[str]:
    problems: list[str] = []
    if pdf.is_encrypted or "/Encrypt" in pdf.trailer:
        problems.append("PDF: the file is encrypted")
    info = pdf.trailer.get("/Info")
    title = _text(info.get("/Title")) if isinstance(info, Dictionary) else ""
    if not title.strip() and not (xmp.first(DC, "title") or "").strip():
        problems.append("PDF: no document title (Info /Title and XMP dc:title empty or absent)")
    lang = _text(pdf.Root.get("/Lang")).strip()
    if not lang:
        problems.append("PDF: the catalog has no non-empty /Lang (document language)")
    elif not _LANG_RE.match(lang):
        problems.append(f"PDF: catalog /Lang {lang!r} is not a well-formed BCP 47 tag")
    if xmp.error:
        problems.append(f"PDF: the XMP metadata is not well-formed XML ({xmp.error})")
    if _version(pdf) >= (2, 0) and "/ID" not in pdf.trailer:
        problems.append("PDF: a PDF 2.0 file must have a trailer /ID (ISO 32000-2, 7.5.5)")
    return problems


# --------------------------------------------------------------------------- fonts


def _resource_dicts(pdf: Pdf) -> Iterator[Dictionary]:
    """Resource dictionaries of pages, forms, tiling patterns, Type3 fonts and appearances."""
    seen: set[tuple[int, int]] = set()
    stack: list[Object] = []
    for page in pdf.pages:
        stack.append(_sub(page.obj, "/Resources"))
        for annot in page.obj.get("/Annots", Array()):
            if isinstance(annot, Dictionary) and isinstance(annot.get("/AP"), Dictionary):
                for appearance in annot.AP.values():
                    states = appearance.values() if isinstance(appearance, Dictionary) else []
                    for stream in [appearance, *states]:
                        if isinstance(stream, Stream):
                            stack.append(_sub(stream, "/Resources"))
    while stack:
        resources = stack.pop()
        key = _key(resources)
        if not isinstance(resources, Dictionary) or (key is not None and key in seen):
            continue
        if key is not None:
            seen.add(key)
        yield resources
        children = [
            *_sub(resources, "/XObject").values(),
            *_sub(resources, "/Pattern").values(),
            *_sub(resources, "/Font").values(),
        ]
        for child in children:
            if _dictlike(child) and "/Resources" in child:
                stack.append(child.Resources)


def _fonts(pdf: Pdf) -> Iterator[tuple[str, Dictionary]]:
    seen: set[tuple[int, int]] = set()
    for resources in _resource_dicts(pdf):
        fonts = resources.get("/Font")
        if not isinstance(fonts, Dictionary):
            continue
        for font in fonts.values():
            key = _key(font)
            if not isinstance(font, Dictionary) or (key is not None and key in seen):
                continue
            if key is not None:
                seen.add(key)
            yield _name(font.get("/BaseFont")) or "(unnamed)", font


_STD_ENCODINGS = {"WinAnsiEncoding", "MacRomanEncoding", "MacExpertEncoding"}
_CJK_ORDERINGS = {"GB1", "CNS1", "Japan1", "Korea1"}


def _font_rules(pdf: Pdf, variant: Variant | None) -> list[str]:
    problems: list[str] = []
    label = variant.label if variant else "PDF"
    for name, font in _fonts(pdf):
        subtype = _name(font.get("/Subtype"))
        if subtype == "Type3":
            descriptor: Object | None = None  # glyphs are content streams: always embedded
        elif subtype == "Type0":
            descendants = font.get("/DescendantFonts", Array())
            cid_font = descendants[0] if len(descendants) else Dictionary()
            descriptor = cid_font.get("/FontDescriptor")
        else:
            descriptor = font.get("/FontDescriptor")
        if subtype != "Type3" and not (
            isinstance(descriptor, Dictionary)
            and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        ):
            problems.append(f"{label}: font {name} ({subtype}) is not embedded")
        if (
            variant
            and variant.family == "a"
            and variant.part == 1
            and subtype == "Type0"
            and re.match(r"^[A-Z]{6}\+", name)
            and isinstance(descriptor, Dictionary)
            and "/CIDSet" not in descriptor
        ):
            problems.append(f"{label}: CID font subset {name} has no /CIDSet (ISO 19005-1 6.3.5)")
        if variant and variant.needs_unicode and not _has_unicode(font):
            problems.append(f"{label}: font {name} has no /ToUnicode map or standard encoding")
    return problems


def _has_unicode(font: Dictionary) -> bool:
    """A /ToUnicode map, or an encoding from which Unicode follows without one."""
    if "/ToUnicode" in font:
        return True
    encoding = font.get("/Encoding")
    if _name(font.get("/Subtype")) == "Type0":
        descendants = font.get("/DescendantFonts", Array())
        info = descendants[0].get("/CIDSystemInfo") if len(descendants) else None
        ordering = _text(info.get("/Ordering")) if isinstance(info, Dictionary) else ""
        cmap = _name(encoding)
        return bool(cmap) and not cmap.startswith("Identity") and ordering in _CJK_ORDERINGS
    if isinstance(encoding, Dictionary):  # conservative: /Differences need a /ToUnicode map
        return "/Differences" not in encoding and _name(encoding.get("/BaseEncoding")) in (
            _STD_ENCODINGS
        )
    return _name(encoding) in _STD_ENCODINGS


# --------------------------------------------------------------------------- structure tree

# Standard structure types of ISO 32000-1 (PDF 1.7) and ISO 32000-2 (PDF 2.0) namespaces.
_STD_BOTH = (
    "Document", "Part", "Sect", "Div", "NonStruct", "P", "H", "H1", "H2", "H3", "H4", "H5",
    "H6", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot",
    "Caption", "Span", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP",
    "Figure", "Formula", "Form",
)  # fmt: skip
_STD_17 = frozenset((
    *_STD_BOTH, "Art", "BlockQuote", "TOC", "TOCI", "Index", "Private", "Quote", "Note",
    "Reference", "BibEntry", "Code",
))  # fmt: skip
_STD_20 = frozenset((
    *_STD_BOTH, "DocumentFragment", "Aside", "Title", "FENote", "Sub", "Em", "Strong", "Artifact",
))  # fmt: skip
_NS_17, _NS_20 = "http://iso.org/pdf/ssn", "http://iso.org/pdf2/ssn"
_NS_MATHML = "http://www.w3.org/1998/Math/MathML"
_HEADING_RE = re.compile(r"^H([1-9][0-9]*)?$")


@dataclass
class _Element:
    obj: Dictionary
    raw: str  # /S as written
    role: str  # standard type after role mapping, "" if unresolved
    page: int | None
    has_content: bool


@dataclass
class _Tree:
    elements: list[_Element] = field(default_factory=list)  # in document order
    reachable: set[tuple[int, int]] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)
    parent_tree: dict[int, Object] = field(default_factory=dict)


def _read_tree(pdf: Pdf, label: str, *, forbid_remap: bool) -> _Tree:
    tree = _Tree()
    root = pdf.Root.get("/StructTreeRoot")
    if not isinstance(root, Dictionary):
        return tree
    role_map = {key[1:]: _name(value) for key, value in _sub(root, "/RoleMap").items()}
    if forbid_remap:
        for source in sorted(set(role_map) & _STD_17):
            tree.problems.append(f"{label}: the role map remaps standard type /{source}")
    if isinstance(root.get("/ParentTree"), Dictionary):
        tree.parent_tree = dict(NumberTree(root.ParentTree).items())
    pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages, start=1)}
    unresolved: set[str] = set()

    def visit(obj: Object, inherited_page: int | None, depth: int) -> bool:
        """Walk one kid; True if it (or a descendant) refers to content."""
        if isinstance(obj, int):
            return True  # an MCID
        if not isinstance(obj, Dictionary) or depth > 200:
            return False
        if _name(obj.get("/Type")) in ("MCR", "OBJR"):
            return True
        key = _key(obj)
        if key is not None:
            if key in tree.reachable:
                return False
            tree.reachable.add(key)
        raw = _name(obj.get("/S"))
        role, problem = _resolve_role(raw, obj, role_map)
        if problem and raw not in unresolved:
            unresolved.add(raw)
            tree.problems.append(f"{label}: {problem}")
        pg = obj.get("/Pg")
        page = pages.get(pg.objgen, inherited_page) if isinstance(pg, Dictionary) else None
        page = page or inherited_page
        element = _Element(obj, raw, role, page, has_content=False)
        tree.elements.append(element)
        kids = obj.get("/K")
        kid_list = list(kids) if isinstance(kids, Array) else [] if kids is None else [kids]
        # A list, not a generator: every kid must be visited, not only up to the first hit.
        element.has_content = any([visit(kid, page, depth + 1) for kid in kid_list])
        return element.has_content

    kids = root.get("/K")
    for kid in list(kids) if isinstance(kids, Array) else [] if kids is None else [kids]:
        visit(kid, None, 0)
    return tree


def _resolve_role(raw: str, elem: Dictionary, role_map: dict[str, str]) -> tuple[str, str]:
    """(standard type, "") or ("", problem) for one structure element type."""
    namespace = elem.get("/NS")
    if isinstance(namespace, Dictionary):
        uri = _text(namespace.get("/NS"))
        if uri == _NS_MATHML:
            return raw, ""
        if uri not in (_NS_17, _NS_20):
            mapped = _sub(namespace, "/RoleMapNS").get("/" + raw)
            return (
                (raw, "")
                if mapped is not None
                else ("", f"type /{raw} of namespace {uri} has no /RoleMapNS entry")
            )
        standard = _STD_20 if uri == _NS_20 else _STD_17
    else:
        standard = _STD_17
    seen = [raw]
    current = raw
    while current not in standard:
        target = role_map.get(current)
        if not target:
            return "", f"structure type /{raw} is neither standard nor role-mapped to one"
        if target in seen:
            return "", f"the role map has a cycle: {' -> '.join([*seen, target])}"
        seen.append(target)
        current = target
    return current, ""


def _heading_rules(tree: _Tree, label: str, *, require_headings: bool) -> list[str]:
    problems: list[str] = []
    headings = [e for e in tree.elements if _HEADING_RE.match(e.role)]
    if not headings:
        if require_headings:
            problems.append(f"{label}: no heading structure elements (H or H1..H6) [policy]")
        return problems
    numbered = [e for e in headings if e.role != "H"]
    if numbered and len(numbered) != len(headings):
        problems.append(f"{label}: both H and numbered headings (Hn) are used")
    if numbered and numbered[0].role != "H1":
        problems.append(f"{label}: the first numbered heading is {numbered[0].role}, not H1")
    for before, after in pairwise(numbered):
        if int(after.role[1:]) > int(before.role[1:]) + 1:
            problems.append(
                f"{label}: heading level skipped: {before.role} then {after.role}"
                f" (page {after.page})"
            )
    for heading in headings:
        if not heading.has_content:
            problems.append(f"{label}: empty {heading.role} element (page {heading.page})")
    return problems


# --------------------------------------------------------------------------- content streams

_PAINT_OPS = frozenset(
    ["Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "INLINE IMAGE"]
)


@dataclass
class _Scan:
    untagged: int = 0
    mcids: list[int] = field(default_factory=list)


def _scan_content(
    owner: Object | pikepdf.Page, resources: Object | None, scan: _Scan, depth: int = 0
) -> None:
    """Count painting operators outside MCID/Artifact sequences; collect the owner's MCIDs."""
    resources = resources if isinstance(resources, Dictionary) else Dictionary()
    marks: list[bool] = []  # per open sequence: does it tag content (MCID or /Artifact)?
    for instruction in pikepdf.parse_content_stream(owner):
        op = str(instruction.operator)
        operands = instruction.operands
        if op in ("BDC", "BMC"):
            tagging = _name(operands[0]) == "Artifact"
            if op == "BDC" and len(operands) > 1:
                props: Object | None = operands[1]
                if isinstance(props, Name):
                    props = _sub(resources, "/Properties").get(str(props))
                mcid = props.get("/MCID") if isinstance(props, Dictionary) else None
                if isinstance(mcid, int):
                    tagging = True
                    if depth == 0:
                        scan.mcids.append(mcid)
            marks.append(tagging)
        elif op == "EMC":
            if marks:
                marks.pop()
        elif any(marks):
            continue
        elif op == "Do":
            xobject = _sub(resources, "/XObject").get(str(operands[0]))
            if isinstance(xobject, Stream) and _name(xobject.get("/Subtype")) == "Form":
                if depth < 10:
                    _scan_content(xobject, xobject.get("/Resources", resources), scan, depth + 1)
            else:
                scan.untagged += 1
        elif op in _PAINT_OPS:
            scan.untagged += 1


# --------------------------------------------------------------------------- PDF/UA rules


def _ua_rules(pdf: Pdf, xmp: Xmp, variant: Variant, *, require_headings: bool) -> list[str]:
    label = variant.label
    problems: list[str] = []
    catalog = pdf.Root
    mark_info = _sub(catalog, "/MarkInfo")
    if not _true(mark_info.get("/Marked")):
        problems.append(f"{label}: /MarkInfo /Marked is not true")
    if _true(mark_info.get("/Suspects")):
        problems.append(f"{label}: /MarkInfo /Suspects is true")
    if not isinstance(catalog.get("/StructTreeRoot"), Dictionary):
        problems.append(f"{label}: no /StructTreeRoot (the document is not tagged)")
    if not xmp.present:
        problems.append(f"{label}: no XMP metadata stream")
    part = xmp.first(PDFUAID, "part")
    if part != str(variant.part):
        problems.append(f"{label}: XMP pdfuaid:part is {part!r}, expected '{variant.part}'")
    if variant.part >= 2:
        if not re.fullmatch(r"\d{4}", xmp.first(PDFUAID, "rev") or ""):
            problems.append(f"{label}: XMP pdfuaid:rev is not a four-digit year")
        if _version(pdf) < (2, 0):
            problems.append(f"{label}: PDF/UA-2 requires PDF 2.0, file is {pdf.pdf_version}")
    if not (xmp.first(DC, "title") or "").strip():
        problems.append(f"{label}: XMP metadata has no dc:title")
    preferences = _sub(catalog, "/ViewerPreferences")
    if not _true(preferences.get("/DisplayDocTitle")):
        problems.append(f"{label}: /ViewerPreferences /DisplayDocTitle is not true")

    tree = _read_tree(pdf, label, forbid_remap=True)
    problems += tree.problems
    for element in tree.elements:
        if element.role == "Figure" and not (
            _text(element.obj.get("/Alt")).strip() or _text(element.obj.get("/ActualText")).strip()
        ):
            problems.append(
                f"{label}: /{element.raw} figure (page {element.page}) has no /Alt or /ActualText"
            )
    problems += _heading_rules(tree, label, require_headings=require_headings)
    problems += _ua_page_rules(pdf, tree, label)
    return problems


def _ua_page_rules(pdf: Pdf, tree: _Tree, label: str) -> list[str]:
    problems: list[str] = []
    roles = {_key(e.obj): e.role for e in tree.elements if _key(e.obj)}
    for number, page in enumerate(pdf.pages, start=1):
        scan = _Scan()
        _scan_content(page, page.obj.get("/Resources"), scan)
        if scan.untagged:
            problems.append(
                f"{label}: page {number}: {scan.untagged} painting operator(s) outside any"
                " tagged (MCID) or /Artifact marked-content sequence"
            )
        parents = tree.parent_tree.get(_int(page.obj.get("/StructParents")))
        orphans = [
            mcid
            for mcid in scan.mcids
            if not (
                isinstance(parents, Array)
                and mcid < len(parents)
                and _key(parents[mcid]) in tree.reachable
            )
        ]
        if orphans:
            problems.append(
                f"{label}: page {number}: marked content {orphans[:5]} is not reachable from"
                " the structure tree (no /ParentTree entry, or an element outside the tree)"
            )
        annots = [a for a in page.obj.get("/Annots", Array()) if isinstance(a, Dictionary)]
        annots = [a for a in annots if _name(a.get("/Subtype")) != "Popup"]
        if annots and _name(page.obj.get("/Tabs")) != "S":
            problems.append(f"{label}: page {number} has annotations but /Tabs is not /S")
        for annot in annots:
            problems += _annotation_rules(annot, number, tree, roles, label)
    return problems


def _annotation_rules(
    annot: Dictionary,
    page: int,
    tree: _Tree,
    roles: dict[tuple[int, int] | None, str],
    label: str,
) -> list[str]:
    subtype = _name(annot.get("/Subtype"))
    where = f"{label}: page {page}: {subtype} annotation"
    if _int(annot.get("/F"), 0) & 2:  # hidden annotations need not be tagged
        return []
    problems: list[str] = []
    parent = tree.parent_tree.get(_int(annot.get("/StructParent")))
    parent_key = _key(parent) if parent is not None else None
    if parent_key is None or parent_key not in tree.reachable:
        problems.append(f"{where} is not in the structure tree (no usable /StructParent)")
    elif subtype == "Link" and roles.get(parent_key) != "Link":
        problems.append(f"{where} is tagged as {roles.get(parent_key)!r}, not as a Link element")
    alt = _text(parent.get("/Alt")) if isinstance(parent, Dictionary) else ""
    if subtype == "Link" and not _text(annot.get("/Contents")).strip():
        problems.append(f"{where} has no /Contents alternate description (7.18.5)")
    elif subtype not in ("Link", "Widget") and not (_text(annot.get("/Contents")) or alt):
        problems.append(f"{where} has no /Contents or /Alt description")
    return problems


# --------------------------------------------------------------------------- PDF/A rules

_FORBIDDEN_ACTIONS = {
    "JavaScript", "Launch", "Sound", "Movie", "ResetForm", "ImportData",
    "Hide", "SetOCGState", "Rendition", "Trans", "GoTo3DView",
}  # fmt: skip
_PDF_MIME = ("application#2Fpdf", "application/pdf")
_INFO_TO_XMP = {
    "/Title": (DC, "title"),
    "/Author": (DC, "creator"),
    "/Subject": (DC, "description"),
    "/Keywords": (PDF_NS, "Keywords"),
    "/Creator": (XMP, "CreatorTool"),
    "/Producer": (PDF_NS, "Producer"),
    "/CreationDate": (XMP, "CreateDate"),
    "/ModDate": (XMP, "ModifyDate"),
}


def _pdfa_rules(pdf: Pdf, xmp: Xmp, variant: Variant) -> list[str]:
    label, part = variant.label, variant.part
    problems: list[str] = []
    version = _version(pdf)
    if (part == 1 and version > (1, 4)) or (part in (2, 3) and version > (1, 7)):
        problems.append(f"{label}: PDF version {pdf.pdf_version} is too recent for part {part}")
    if part == 4 and version != (2, 0):
        problems.append(f"{label}: PDF/A-4 requires PDF 2.0, file is {pdf.pdf_version}")
    problems += _pdfa_identification(xmp, variant)
    problems += _output_intent_rules(pdf, variant)
    if "/ID" not in pdf.trailer:
        problems.append(f"{label}: the trailer has no /ID")
    if variant.needs_tags:
        if not _true(_sub(pdf.Root, "/MarkInfo").get("/Marked")):
            problems.append(f"{label}: /MarkInfo /Marked is not true (level a is tagged)")
        if not isinstance(pdf.Root.get("/StructTreeRoot"), Dictionary):
            problems.append(f"{label}: no /StructTreeRoot (level a is tagged)")
        problems += _read_tree(pdf, label, forbid_remap=False).problems
    problems += _object_rules(pdf, variant)
    problems += _annotation_flag_rules(pdf, variant)
    info = pdf.trailer.get("/Info")
    if part == 1 and isinstance(info, Dictionary):
        problems += _info_matches_xmp(info, xmp, label)
    if part <= 3:
        for namespace, name in sorted(xmp.props):
            if namespace not in _PREDEFINED_XMP and name not in xmp.extensions.get(namespace, ()):
                problems.append(
                    f"{label}: XMP property {name} ({namespace}) has no extension schema"
                )
    if part == 4 and info is not None and "/PieceInfo" not in pdf.Root:
        problems.append(f"{label}: the trailer has /Info but the catalog has no /PieceInfo")
    if part == 1:
        metadata = pdf.Root.get("/Metadata")
        if isinstance(metadata, Stream) and "/Filter" in metadata:
            problems.append(f"{label}: the XMP metadata stream is compressed (/Filter)")
    return problems


def _pdfa_identification(xmp: Xmp, variant: Variant) -> list[str]:
    label = variant.label
    if not xmp.present:
        return [f"{label}: no XMP metadata stream"]
    problems: list[str] = []
    part = xmp.first(PDFAID, "part")
    if part != str(variant.part):
        problems.append(f"{label}: XMP pdfaid:part is {part!r}, expected '{variant.part}'")
    conformance = xmp.first(PDFAID, "conformance")
    expected = variant.level.upper() or None
    if conformance != expected:
        problems.append(
            f"{label}: XMP pdfaid:conformance is {conformance!r}, expected {expected!r}"
            + (" (PDF/A-4 allows only E, F or none)" if variant.part == 4 else "")
        )
    if variant.part == 4 and not re.fullmatch(r"\d{4}", xmp.first(PDFAID, "rev") or ""):
        problems.append(f"{label}: XMP pdfaid:rev is not a four-digit year")
    return problems


def _output_intent_rules(pdf: Pdf, variant: Variant) -> list[str]:
    label = variant.label
    intents = [
        i
        for i in pdf.Root.get("/OutputIntents", Array())
        if isinstance(i, Dictionary) and _name(i.get("/S")) == "GTS_PDFA1"
    ]
    profiles = [
        i.DestOutputProfile for i in intents if isinstance(i.get("/DestOutputProfile"), Stream)
    ]
    if not profiles:
        return [f"{label}: no GTS_PDFA1 /OutputIntents entry with an ICC /DestOutputProfile"]
    problems: list[str] = []
    all_profiles = {
        _key(i.DestOutputProfile)
        for i in pdf.Root.get("/OutputIntents", Array())
        if isinstance(i, Dictionary) and isinstance(i.get("/DestOutputProfile"), Stream)
    }
    if len(all_profiles) > 1:
        problems.append(f"{label}: output intents use more than one DestOutputProfile")
    data = profiles[0].read_bytes()
    components = {b"RGB ": 3, b"CMYK": 4, b"GRAY": 1}.get(data[16:20])
    if len(data) < 128 or data[36:40] != b"acsp":
        problems.append(f"{label}: DestOutputProfile is not an ICC profile")
    elif data[8] > (2 if variant.part == 1 else 4):
        problems.append(f"{label}: ICC profile version {data[8]} is too recent for this part")
    elif data[12:16] not in (b"prtr", b"mntr") or components is None:
        problems.append(f"{label}: DestOutputProfile is not an RGB/CMYK/Gray output profile")
    elif profiles[0].get("/N") != components:
        problems.append(f"{label}: DestOutputProfile /N does not match the ICC colour space")
    return problems


def _object_rules(pdf: Pdf, variant: Variant) -> list[str]:
    """Actions, /AA, JavaScript, embedded files, and (part 1) transparency, over all objects."""
    label, part = variant.label, variant.part
    problems: set[str] = set()
    names = _sub(pdf.Root, "/Names")
    if "/JavaScript" in names:
        problems.add(f"{label}: the catalog /Names has a /JavaScript name tree")
    if part == 1 and "/EmbeddedFiles" in names:
        problems.add(f"{label}: PDF/A-1 forbids embedded files (/EmbeddedFiles)")
    associated: set[tuple[int, int] | None] = set()
    filespecs: list[Object] = []
    for obj in _all_dicts(pdf):
        if "/AA" in obj:
            problems.add(f"{label}: additional actions (/AA) are present")
        action = _name(obj.get("/S"))
        if action in _FORBIDDEN_ACTIONS and ("/Type" not in obj or _name(obj.Type) == "Action"):
            problems.add(f"{label}: forbidden action /{action}")
        if isinstance(obj.get("/AF"), Array):
            associated |= {_key(spec) for spec in obj.AF}
        if "/EF" in obj:
            filespecs.append(obj)
        problems |= _xobject_rules(obj, label)
        if part == 1:
            problems |= _transparency(obj, label)
    for spec in filespecs:
        stream = spec.EF.get("/F") or spec.EF.get("/UF")
        mime = _name(stream.get("/Subtype")) if isinstance(stream, Stream) else ""
        if part == 1:
            problems.add(f"{label}: PDF/A-1 forbids embedded files")
        elif (part == 2 or (part == 4 and variant.level != "f")) and mime not in _PDF_MIME:
            problems.add(f"{label}: an embedded file is not a PDF (/Subtype {mime or 'none'})")
        if part >= 3:
            if "/AFRelationship" not in spec or _key(spec) not in associated:
                problems.add(f"{label}: an embedded file has no /AFRelationship or /AF entry")
            if not mime or "/UF" not in spec or "/F" not in spec:
                problems.add(f"{label}: an embedded file lacks /Subtype (MIME), /F or /UF")
    return sorted(problems)


def _xobject_rules(obj: Object, label: str) -> set[str]:
    """Image and form XObject rules shared by all parts of ISO 19005."""
    problems: set[str] = set()
    subtype = _name(obj.get("/Subtype"))
    if subtype == "Image":
        if _true(obj.get("/Interpolate")):
            problems.add(
                f"{label}: an image has /Interpolate true (must be false or absent;"
                " WeasyPrint: CSS image-rendering other than auto)"
            )
        for key in ("/Alternates", "/OPI"):
            if key in obj:
                problems.add(f"{label}: an image dictionary contains {key}")
    if subtype == "PS" or _name(obj.get("/Subtype2")) == "PS":
        problems.add(f"{label}: PostScript XObjects are forbidden")
    return problems


def _transparency(obj: Object, label: str) -> set[str]:
    problems: set[str] = set()
    smask = obj.get("/SMask")
    if smask is not None and _name(smask) != "None":
        problems.add(f"{label}: transparency (/SMask soft mask) is forbidden in PDF/A-1")
    for key in ("/CA", "/ca"):
        value = obj.get(key)
        if isinstance(value, int | float | Decimal) and value != 1:
            problems.add(f"{label}: transparency ({key} {value}) is forbidden in PDF/A-1")
    if _name(obj.get("/BM")) not in ("", "Normal", "Compatible"):
        problems.add(f"{label}: blend mode {obj.BM} is forbidden in PDF/A-1")
    group = obj.get("/Group")
    if isinstance(group, Dictionary) and _name(group.get("/S")) == "Transparency":
        problems.add(f"{label}: transparency group is forbidden in PDF/A-1")
    return problems


def _annotation_flag_rules(pdf: Pdf, variant: Variant) -> list[str]:
    label = variant.label
    forbidden = {"Sound", "Movie", "Screen", "3D"}
    if variant.part == 1:
        forbidden.add("FileAttachment")
    if variant.part == 4 and variant.level == "e":
        forbidden -= {"3D"}
    problems: list[str] = []
    for number, page in enumerate(pdf.pages, start=1):
        for annot in page.obj.get("/Annots", Array()):
            if not isinstance(annot, Dictionary):
                continue
            subtype = _name(annot.get("/Subtype"))
            if subtype in forbidden:
                problems.append(f"{label}: page {number}: /{subtype} annotations are forbidden")
            if subtype == "Popup":
                continue
            flags = _int(annot.get("/F"), 0)
            if not flags & 4:
                problems.append(
                    f"{label}: page {number}: {subtype} annotation lacks the Print flag"
                )
            if flags & (1 | 2 | 32 | 256):
                problems.append(f"{label}: page {number}: {subtype} annotation is hidden")
    return problems


def _info_matches_xmp(info: Dictionary, xmp: Xmp, label: str) -> list[str]:
    problems: list[str] = []
    for key, (namespace, name) in _INFO_TO_XMP.items():
        if key not in info:
            continue
        value = _text(info.get(key))
        values = xmp.props.get((namespace, name), [])
        if key in ("/CreationDate", "/ModDate"):
            same = len(values) == 1 and _same_date(value, values[0])
        elif key == "/Author":
            same = values == [value]
        else:
            same = bool(values) and values[0] == value
        if not same:
            problems.append(f"{label}: Info {key} {value!r} does not match XMP {name} {values!r}")
    return problems


def _same_date(pdf_date: str, xmp_date: str) -> bool:
    left, right = _parse_pdf_date(pdf_date), _parse_xmp_date(xmp_date)
    if left is None or right is None:
        return False
    if left.tzinfo is None or right.tzinfo is None:
        return left.replace(tzinfo=None) == right.replace(tzinfo=None)
    return left == right


def _parse_pdf_date(value: str) -> datetime | None:
    match = re.fullmatch(
        r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:(Z)|([+-])(\d{2})'?(\d{2})?'?)?",
        value.strip(),
    )
    if match is None:
        return None
    year, month, day, hour, minute, second, zulu, sign, tz_h, tz_m = match.groups()
    tz = None
    if zulu:
        tz = UTC
    elif sign:
        offset = timedelta(hours=int(tz_h), minutes=int(tz_m or 0))
        tz = timezone(offset if sign == "+" else -offset)
    return datetime(
        int(year), int(month or 1), int(day or 1), int(hour or 0), int(minute or 0),
        int(second or 0), tzinfo=tz,
    )  # fmt: skip


def _parse_xmp_date(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def _pikepdf_pdfa(path: Path, variant: Variant) -> list[str]:
    """Findings of pikepdf's PDF/A-1b/2b/3b allowlist validator (conformance level excluded).

    The allowlist stops at constructs it does not know. WeasyPrint writes empty /Pattern and
    /Shading resource dictionaries, and /Tabs (PDF 1.5) in PDF/A-1a pages; an in-memory copy
    without them (neither can hide a PDF/A violation) is checked as pikepdf would save it.
    "unsupported" findings are reported too: they mean the validator cannot vouch for a file.
    """
    from pikepdf.pdfa import check  # pikepdf>=10.18 with the pdfa extra

    with pikepdf.open(path) as pdf:
        for resources in list(_resource_dicts(pdf)):
            for key in list(resources.keys()):
                value = resources[key]
                if isinstance(value, Dictionary) and not value.keys():
                    del resources[key]
        for page in pdf.pages:
            if variant.part == 1 and "/Tabs" in page.obj:
                del page.obj["/Tabs"]
        report = check(pdf, f"{variant.part}b")
    return [
        f"{variant.label}: [pikepdf.pdfa {finding.kind} {finding.rule}] {finding.where}:"
        f" {finding.message}"
        for finding in report.findings
        if "pdfaid:conformance" not in finding.message
    ]


# --------------------------------------------------------------------------- entry point


def check_pdf(
    path: Path,
    variant: str | None,
    *,
    require_headings: bool = True,
    pikepdf_pdfa: bool = True,
) -> list[str]:
    """Return the rule violations of the PDF at *path* against *variant* (empty: passes).

    ``require_headings`` makes a tagged document without headings fail (a project policy,
    not an ISO 14289-1 rule). ``pikepdf_pdfa`` also runs ``pikepdf.pdfa`` for PDF/A parts
    1-3; it raises ImportError if that module or its dependencies are missing.
    """
    target = parse_variant(variant)
    with pikepdf.open(path) as pdf:
        xmp = _read_xmp(pdf)
        problems = _common_rules(pdf, xmp)
        problems += _font_rules(pdf, target)
        if target is not None and target.family == "ua":
            problems += _ua_rules(pdf, xmp, target, require_headings=require_headings)
        elif target is not None:
            problems += _pdfa_rules(pdf, xmp, target)
    if target is not None and target.family == "a" and target.part <= 3 and pikepdf_pdfa:
        problems += _pikepdf_pdfa(path, target)
    return problems

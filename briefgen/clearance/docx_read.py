"""A reviewed DOCX read as briefgen wrote it: paragraphs of formatted runs, each run in
the YAML field whose bookmark (``_bg<n>``) holds it, with the tracked changes and the
comments Word and LibreOffice add.

The file is untrusted: it is read as a ZIP archive of bounded size (each part and the
whole, as a reference document is), its XML parsed without DTDs, entities or network, and
nothing in it is ever run, fetched or written anywhere.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal, NoReturn

from lxml import etree

from briefgen.errors import BriefError, excerpt
from briefgen.model.files import read_at_most
from briefgen.render.docx.reference import damaged_part
from briefgen.render.docx.writer import FIELD_BOOKMARK

MAX_DOCX_BYTES = 50_000_000
MAX_UNPACKED_BYTES = 200_000_000
MAX_XML_PART_BYTES = 30_000_000
MAX_PARTS = 2_000

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PR = "http://schemas.openxmlformats.org/package/2006/relationships"
_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_HYPERLINK = _R + "/hyperlink"
_FIELD = re.compile(re.escape(FIELD_BOOKMARK) + r"\d+")
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, dtd_validation=False
)


def w(name: str) -> str:
    return f"{{{_W}}}{name}"


ChangeKind = Literal["insertion", "deletion", "formatting"]


@dataclass(frozen=True)
class Change:
    """A tracked change: what, by whom, when (as Word wrote it)."""

    kind: ChangeKind
    author: str
    date: str


@dataclass(frozen=True)
class Run:
    """A piece of text of one format, in one field (or in none: briefgen's own text)."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None
    anchor: str | None = None  # a link to a bookmark of the document (a cross-reference)
    change: Change | None = None
    was_bold: bool = False  # before a tracked formatting change
    was_italic: bool = False
    field: str | None = None  # the bookmark name of the field the run is in
    picture: bool = False


@dataclass
class Paragraph:
    """One paragraph: where it is (``body``, or ``header``/``footer`` and the part's
    name), its runs, and
    whether its end (the paragraph mark) is a tracked insertion or deletion."""

    part: str
    style: str = ""
    runs: list[Run] = field(default_factory=list)
    mark: Change | None = None
    fields: list[str] = field(default_factory=list)  # fields whose bookmark starts here

    @property
    def text(self) -> str:
        return "".join(
            run.text for run in self.runs if run.change is None or run.change.kind != "deletion"
        )


@dataclass(frozen=True)
class Comment:
    """A reviewer's comment and the text it is anchored to."""

    author: str
    date: str
    text: str
    field: str | None  # the field where the commented range starts
    quoted: str
    context: str  # the paragraph's text, for a comment outside any field
    style: str = ""  # the paragraph's style (the title is found by its style)


@dataclass
class ReviewedDocument:
    properties: dict[str, str]
    paragraphs: list[Paragraph]
    comments: list[Comment]


def _refuse(
    path: Path, reason: str, hint: str = "open it in Word and save it as a .docx"
) -> NoReturn:
    raise BriefError.single(f"cannot be read as a reviewed brief: {reason}", path, hint=hint)


class _Package:
    """The parts of a DOCX, read lazily and within limits."""

    def __init__(self, path: Path, data: bytes) -> None:
        self.path = path
        if len(data) > MAX_DOCX_BYTES:
            _refuse(path, "it is larger than 50 MB", "remove large pictures from it")
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
            entries = self.archive.infolist()
        except (zipfile.BadZipFile, ValueError, OSError):
            _refuse(path, "it is not a DOCX file (not a ZIP archive)")
        if len(entries) > MAX_PARTS:
            _refuse(path, f"it has more than {MAX_PARTS} parts")
        names = [entry.filename for entry in entries]
        if len(set(names)) != len(names):
            _refuse(path, "it holds two parts of the same name (a ZIP trick)")
        if sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
            _refuse(path, "it unpacks to more than 200 MB", "remove large pictures from it")
        if any(entry.flag_bits & 0x1 for entry in entries):
            _refuse(path, "it is encrypted", "remove the password in Word and save it again")
        self.names = set(names)

    def blob(self, name: str, limit: int = MAX_XML_PART_BYTES) -> bytes | None:
        if name not in self.names:
            return None
        try:
            with self.archive.open(name) as stream:
                data = stream.read(limit + 1)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, ValueError):
            damaged = damaged_part(self.archive) or name
            _refuse(self.path, f"its part '{damaged[:60]}' is damaged")
        except Exception as error:  # zlib.error and friends: a damaged deflate stream
            _refuse(self.path, f"its part '{name[:60]}' is damaged ({type(error).__name__})")
        if len(data) > limit:
            _refuse(self.path, f"its part '{name[:60]}' is larger than {limit // 1_000_000} MB")
        return data

    def xml(self, name: str) -> etree._Element | None:
        data = self.blob(name)
        if data is None:
            return None
        if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
            _refuse(
                self.path,
                f"its part '{name[:60]}' declares a DTD or entities, which Word never writes",
            )
        try:
            return etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError:
            _refuse(self.path, f"its part '{name[:60]}' is not well-formed XML")

    def relationships(self, part: str) -> dict[str, tuple[str, str, bool]]:
        """A part's relationships: id -> (type, target, external); targets resolved."""
        folder, name = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", name + ".rels"))
        found: dict[str, tuple[str, str, bool]] = {}
        if root is None:
            return found
        for item in root.iter(f"{{{_PR}}}Relationship"):
            target = item.get("Target", "")
            external = item.get("TargetMode") == "External"
            if not external:
                target = posixpath.normpath(
                    target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
                )
            found[item.get("Id", "")] = (item.get("Type", ""), target, external)
        return found


def read_reviewed(path: Path, data: bytes | None = None) -> ReviewedDocument:
    """The reviewed DOCX at ``path`` (or ``data``), or a clean refusal."""
    if data is None:
        try:
            data = read_at_most(path, MAX_DOCX_BYTES)
        except OSError as error:
            _refuse(path, f"it cannot be read ({error.strerror})", "check the path")
    package = _Package(path, data)
    roots = package.relationships("")
    main = next(
        (t for kind, t, ext in roots.values() if kind.endswith("/officeDocument") and not ext), None
    )
    if main is None or package.xml(main) is None:
        _refuse(path, "it has no main document part (is it a Word document?)")
    properties = _custom_properties(package, roots)
    document = package.xml(main)
    assert document is not None
    rels = package.relationships(main)
    links = {rid: target for rid, (kind, target, ext) in rels.items() if kind == _HYPERLINK}
    reader = _BodyReader(links)
    body = document.find(w("body"))
    if body is None:
        _refuse(path, "its main part has no body")
    for kind, target, external in sorted(rels.values(), key=lambda item: item[1]):
        if not external and kind.endswith("/header"):
            _read_part(package, target, f"header {target}", reader)
    reader.read_blocks(body, "body")
    _refuse_unclosed_fields(path, reader)
    for kind, target, external in sorted(rels.values(), key=lambda item: item[1]):
        if not external and kind.endswith("/footer"):
            _read_part(package, target, f"footer {target}", reader)
    comments: list[Comment] = []
    comment_part = next(
        (t for kind, t, ext in rels.values() if kind.endswith("/comments") and not ext), None
    )
    if comment_part is not None:
        root = package.xml(comment_part)
        if root is not None:
            comments = reader.comments(root)
    return ReviewedDocument(properties, reader.paragraphs, comments)


def _read_part(package: _Package, target: str, kind: str, reader: _BodyReader) -> None:
    root = package.xml(target)
    if root is not None:
        reader.read_blocks(root, kind)
        _refuse_unclosed_fields(package.path, reader)


def _refuse_unclosed_fields(path: Path, reader: _BodyReader) -> None:
    text = reader.unclosed_field()
    if text is not None:
        _refuse(
            path,
            f"the end of briefgen's hidden marker around '{excerpt(text, 60)}' is missing "
            "(the program that saved it dropped it), so where that text ends cannot be told",
            "make the edits in Word or LibreOffice, in the copy `briefgen render -f docx` "
            "wrote, or make them in the YAML",
        )


def _custom_properties(
    package: _Package, roots: dict[str, tuple[str, str, bool]]
) -> dict[str, str]:
    target = next(
        (t for kind, t, ext in roots.values() if kind.endswith("/custom-properties") and not ext),
        None,
    )
    root = package.xml(target) if target else None
    found: dict[str, str] = {}
    if root is None:
        return found
    for item in root.iter(f"{{{_CUSTOM}}}property"):
        name = item.get("name")
        if name:
            found[name] = "".join(item.itertext())
    return found


def _on(element: etree._Element | None) -> bool:
    """A toggle property (w:b, w:i) that is set: present, and not val false/0/off."""
    return element is not None and element.get(w("val"), "true") not in (
        "false",
        "0",
        "off",
        "none",
    )


def _format(properties: etree._Element | None) -> tuple[bool, bool, bool]:
    if properties is None:
        return False, False, False
    bold = _on(properties.find(w("b"))) or _on(properties.find(w("bCs")))
    italic = _on(properties.find(w("i"))) or _on(properties.find(w("iCs")))
    style = properties.find(w("rStyle"))
    code = style is not None and "verbatim" in (style.get(w("val")) or "").lower()
    return bold, italic, code


def _change(element: etree._Element, kind: ChangeKind) -> Change:
    return Change(kind, element.get(w("author"), ""), element.get(w("date"), ""))


@dataclass
class _State:
    href: str | None = None
    anchor: str | None = None
    change: Change | None = None


class _BodyReader:
    """Walks blocks in reading order, keeping which field bookmarks and comment ranges
    are open (both may span paragraphs)."""

    def __init__(self, links: dict[str, str]) -> None:
        self.links = links
        self.paragraphs: list[Paragraph] = []
        self.open_fields: dict[str, str] = {}  # bookmark id -> field name
        self.field_opened_at: dict[str, int] = {}  # bookmark id -> index of its paragraph
        self.open_comments: dict[str, list[str]] = {}  # comment id -> text so far
        self.comment_fields: dict[str, str | None] = {}
        self.comment_quotes: dict[str, str] = {}
        self.comment_context: dict[str, Paragraph] = {}
        self.in_field_code = 0  # inside a complex field (PAGE, NUMPAGES...): not text
        self.current: Paragraph | None = None

    def field(self) -> str | None:
        return next(reversed(self.open_fields.values()), None) if self.open_fields else None

    def read_blocks(self, container: etree._Element, part: str) -> None:
        for child in container:
            if child.tag == w("p"):
                self.read_paragraph(child, part)
            elif child.tag == w("tbl"):
                self.read_table(child, part)
            elif child.tag in (w("sdt"), w("customXml")):
                content = child.find(w("sdtContent"))
                self.read_blocks(content if content is not None else child, part)
            elif child.tag in (w("bookmarkStart"), w("bookmarkEnd")):
                self.bookmark(child, None)
            elif child.tag in (w("ins"), w("del"), w("moveTo"), w("moveFrom")):
                self.read_blocks(child, part)

    def read_table(self, container: etree._Element, part: str) -> None:
        """Each cell's blocks in order, and the bookmarks between cells and rows, where
        Word may end one; rows in a content control too, a nested table once."""
        for child in container:
            if child.tag == w("tc"):
                self.read_blocks(child, part)
            elif child.tag in (w("bookmarkStart"), w("bookmarkEnd")):
                self.bookmark(child, None)
            elif child.tag in (w("tr"), w("sdt"), w("sdtContent"), w("customXml")):
                self.read_table(child, part)

    def read_paragraph(self, element: etree._Element, part: str) -> None:
        properties = element.find(w("pPr"))
        style = properties.find(w("pStyle")) if properties is not None else None
        paragraph = Paragraph(part, style.get(w("val"), "") if style is not None else "")
        self.current = paragraph
        mark = properties.find(w("rPr")) if properties is not None else None
        if mark is not None:
            for name, kind in (
                ("ins", "insertion"),
                ("del", "deletion"),
                ("moveTo", "insertion"),
                ("moveFrom", "deletion"),
            ):
                found = mark.find(w(name))
                if found is not None:
                    paragraph.mark = _change(found, kind)  # type: ignore[arg-type]
        self.inline(element, paragraph, _State())
        self.paragraphs.append(paragraph)
        for texts in self.open_comments.values():
            texts.append("\n")

    def bookmark(self, element: etree._Element, paragraph: Paragraph | None) -> None:
        ident = element.get(w("id"), "")
        if element.tag == w("bookmarkStart"):
            name = element.get(w("name"), "")
            if _FIELD.fullmatch(name):
                self.open_fields[ident] = name
                # Inside a paragraph, that one (appended when read); else the next.
                self.field_opened_at[ident] = len(self.paragraphs)
                if paragraph is not None:
                    paragraph.fields.append(name)
        else:
            self.open_fields.pop(ident, None)

    def unclosed_field(self) -> str | None:
        """The text of the first field whose bookmark has no end; None if each has one.

        briefgen writes each field's bookmark around its text inside one paragraph, and
        Word keeps both ends. An editor that drops the ends leaves every field open to the
        end of the part: each field's text would run on into the fields after it (27
        wrong edits in one case), so such a copy is refused rather than read."""
        if not self.open_fields:
            return None
        first = min(self.open_fields, key=lambda ident: self.field_opened_at.get(ident, 0))
        name = self.open_fields[first]
        paragraphs = self.paragraphs[self.field_opened_at.get(first, 0) :]
        return "".join(run.text for p in paragraphs for run in p.runs if run.field == name)

    def inline(self, container: etree._Element, paragraph: Paragraph, state: _State) -> None:
        for child in container:
            tag = child.tag
            if tag == w("r"):
                self.run(child, paragraph, state)
            elif tag == w("hyperlink"):
                rid = child.get(f"{{{_R}}}id")
                href = self.links.get(rid or "")
                anchor = child.get(w("anchor"))
                self.inline(child, paragraph, replace(state, href=href, anchor=anchor))
            elif tag in (w("ins"), w("moveTo")):
                self.inline(child, paragraph, replace(state, change=_change(child, "insertion")))
            elif tag in (w("del"), w("moveFrom")):
                self.inline(child, paragraph, replace(state, change=_change(child, "deletion")))
            elif tag in (w("bookmarkStart"), w("bookmarkEnd")):
                self.bookmark(child, paragraph)
            elif tag == w("commentRangeStart"):
                ident = child.get(w("id"), "")
                self.open_comments[ident] = []
                self.comment_fields[ident] = self.field() or (
                    paragraph.fields[-1] if paragraph.fields else None
                )
                self.comment_context[ident] = paragraph
            elif tag == w("commentRangeEnd"):
                ident = child.get(w("id"), "")
                self.comment_quotes[ident] = "".join(self.open_comments.pop(ident, [])).strip()
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    self.inline(content, paragraph, state)
            elif tag in (w("smartTag"), w("customXml"), w("dir"), w("bdo")):
                self.inline(child, paragraph, state)
            elif tag == w("fldSimple"):
                continue  # a field's result (a page number) is the word processor's text

    def run(self, element: etree._Element, paragraph: Paragraph, state: _State) -> None:
        properties = element.find(w("rPr"))
        bold, italic, code = _format(properties)
        was_bold, was_italic = bold, italic
        change = state.change
        if properties is not None:
            formatting = properties.find(w("rPrChange"))
            if formatting is not None:
                was_bold, was_italic, _ = _format(formatting.find(w("rPr")))
                if change is None:
                    change = _change(formatting, "formatting")
        base = Run(
            "",
            bold,
            italic,
            code,
            state.href,
            state.anchor,
            change,
            was_bold,
            was_italic,
            self.field(),
        )
        for child in element:
            tag = child.tag
            text = ""
            if tag == w("fldChar"):
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    self.in_field_code += 1
                elif kind == "end":
                    self.in_field_code = max(0, self.in_field_code - 1)
                continue
            if self.in_field_code:
                continue
            if tag in (w("t"), w("delText")):
                text = child.text or ""
            elif tag == w("tab"):
                text = "\t"
            elif tag in (w("br"), w("cr")):
                text = "\n"
            elif tag == w("noBreakHyphen"):
                text = "\u2011"
            elif tag == w("softHyphen"):
                text = "\u00ad"
            elif tag in (w("drawing"), w("pict"), w("object")):
                paragraph.runs.append(replace(base, text="", picture=True))
                continue
            elif tag == w("commentReference"):
                continue
            if text:
                self.add(paragraph, replace(base, text=text))

    def add(self, paragraph: Paragraph, run: Run) -> None:
        paragraph.runs.append(run)
        if run.change is None or run.change.kind != "deletion":
            for texts in self.open_comments.values():
                texts.append(run.text)

    def comments(self, root: etree._Element) -> list[Comment]:
        found: list[Comment] = []
        for item in root.iter(w("comment")):
            ident = item.get(w("id"), "")
            paragraphs = ["".join(t.text or "" for t in p.iter(w("t"))) for p in item.iter(w("p"))]
            context = self.comment_context.get(ident)
            found.append(
                Comment(
                    item.get(w("author"), ""),
                    item.get(w("date"), ""),
                    "\n".join(paragraphs).strip(),
                    self.comment_fields.get(ident),
                    self.comment_quotes.get(ident, ""),
                    context.text if context is not None else "",
                    context.style if context is not None else "",
                )
            )
        return found

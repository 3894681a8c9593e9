"""The DOCX carries its fonts: Word's embedded-font parts, subset to the brief's characters.

A reader's Word or LibreOffice has none of briefgen's fonts; without them it draws the
brief in whatever it has (LibreOffice: DejaVu Sans). So each family the document names is
embedded as Word does it (ECMA-376 Part 1, 17.8.1): a TrueType file per face (regular,
bold, italic, bold italic) in ``word/fonts/fontN.odttf``, its first 32 bytes XORed with a
GUID (the ``w:fontKey``), related from ``fontTable.xml`` by ``w:embedRegular`` and its
siblings, and ``w:embedTrueTypeFonts`` in the settings.

Each face is the brief's subset (HarfBuzz, as for the PDF), with a variable font pinned at
the face's weight and renamed as a static face of its family, so that a program reading
the file (LibreOffice registers it with fontconfig) finds "Source Sans 3" Bold, not the
variable font's default "Source Sans 3 ExtraLight". The files' licences (SIL Open Font
License) permit embedding; their ``fsType`` is 0 (installable), which LibreOffice checks.
The GUID is made from the face's bytes, so the document stays byte-reproducible.
"""

from __future__ import annotations

import hashlib
import io
import uuid
from dataclasses import dataclass

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from lxml import etree

from briefgen import fonts
from briefgen.render.view.fonts import subset_face

OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
_FONT_TABLE_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"
_EMPTY_FONT_TABLE = (
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>'
)

# Word's four faces of a family: (element, weight, style).
WORD_FACES = (
    ("w:embedRegular", 400, "normal", "Regular"),
    ("w:embedBold", 700, "normal", "Bold"),
    ("w:embedItalic", 400, "italic", "Italic"),
    ("w:embedBoldItalic", 700, "italic", "Bold Italic"),
)
# Children of w:font after the embedded faces (CT_Font's sequence ends with them).
_FONT_CHILDREN_BEFORE: tuple[str, ...] = ("w:altName", "w:panose1", "w:charset", "w:family")
_FONT_CHILDREN_BEFORE += ("w:notTrueType", "w:pitch", "w:sig")
# Children of w:settings that come after w:embedTrueTypeFonts and w:saveSubsetFonts.
_SETTINGS_AFTER_EMBED = (
    "w:saveFormsData", "w:mirrorMargins", "w:alignBordersAndEdges", "w:bordersDoNotSurroundHeader",
    "w:bordersDoNotSurroundFooter", "w:gutterAtTop", "w:hideSpellingErrors",
    "w:hideGrammaticalErrors", "w:activeWritingStyle", "w:proofState", "w:formsDesign",
    "w:attachedTemplate", "w:linkStyles", "w:stylePaneFormatFilter", "w:stylePaneSortMethod",
    "w:documentType", "w:mailMerge", "w:revisionView", "w:trackRevisions", "w:doNotTrackMoves",
    "w:doNotTrackFormatting", "w:documentProtection", "w:autoFormatOverride",
    "w:styleLockTheme", "w:styleLockQFSet", "w:defaultTabStop", "w:autoHyphenation",
    "w:consecutiveHyphenLimit", "w:hyphenationZone", "w:doNotHyphenateCaps",
    "w:showEnvelope", "w:summaryLength", "w:clickAndTypeStyle", "w:defaultTableStyle",
    "w:evenAndOddHeaders", "w:bookFoldRevPrinting", "w:bookFoldPrinting",
    "w:bookFoldPrintingSheets", "w:drawingGridHorizontalSpacing",
    "w:drawingGridVerticalSpacing", "w:displayHorizontalDrawingGridEvery",
    "w:displayVerticalDrawingGridEvery", "w:doNotUseMarginsForDrawingGridOrigin",
    "w:drawingGridHorizontalOrigin", "w:drawingGridVerticalOrigin", "w:doNotShadeFormData",
    "w:noPunctuationKerning", "w:characterSpacingControl", "w:printTwoOnOne",
    "w:strictFirstAndLastChars", "w:noLineBreaksAfter", "w:noLineBreaksBefore",
    "w:savePreviewPicture", "w:doNotValidateAgainstSchema", "w:saveInvalidXml",
    "w:ignoreMixedContent", "w:alwaysShowPlaceholderText", "w:doNotDemarcateInvalidXml",
    "w:saveXmlDataOnly", "w:useXSLTWhenSaving", "w:saveThroughXslt", "w:showXMLTags",
    "w:alwaysMergeEmptyNamespace", "w:updateFields", "w:hdrShapeDefaults", "w:footnotePr",
    "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema",
    "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown",
    "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags",
    "w:decimalSymbol", "w:listSeparator",
)  # fmt: skip
# Characters a page may show beyond the text written into it: the PAGE and NUMPAGES
# fields' digits, list numbers and bullets, and the hyphen of automatic hyphenation.
_ALWAYS = "0123456789 ./-\u2010\u2022()"


@dataclass(frozen=True)
class EmbeddedFace:
    """One face in the package: its family as Word names it, its slot and its size."""

    family: str
    slot: str  # embedRegular, embedBold...
    size: int  # bytes of the subset font


def obfuscate(font: bytes, key: str) -> bytes:
    """The font as an ``.odttf`` part: its first 32 bytes XORed with the GUID ``key``.

    The GUID's 16 bytes are taken from its hexadecimal digits read from the end (ECMA-376
    Part 1, 17.8.1); the same operation undoes it.
    """
    key_bytes = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(byte ^ key_bytes[index % 16] for index, byte in enumerate(font[:32]))
    return head + font[32:]


def _face_number(name: str, weight: int, style: str) -> int | None:
    """The index in ``fonts.FAMILIES[name].faces`` of the face Word calls bold, italic..."""
    for number, face in enumerate(fonts.FAMILIES[name].faces):
        if face.weight == weight and face.style == style:
            return number
    return None


def static_face(name: str, number: int, code_points: frozenset[int], style_name: str) -> bytes:
    """The subset of one face, named as a static face of its family (``Source Sans 3`` /
    ``Bold``) with its weight and style bits set, as Word and fontconfig match faces."""
    from fontTools.ttLib import TTFont

    family = fonts.FAMILIES[name].name
    # Not exact: every subset of a family also holds Latin-1, general punctuation and
    # CJK punctuation. LibreOffice registers an embedded font by name for its whole
    # session, so a second document open at the same time is drawn with the first one's
    # subset; with these in common, an em dash or a quote missing from it is no fallback.
    subset = subset_face(name, number, code_points)
    font = TTFont(io.BytesIO(subset), recalcTimestamp=False)
    face = fonts.FAMILIES[name].faces[number]
    bold, italic = face.weight >= 700, face.style == "italic"
    postscript = f"{family.replace(' ', '')}-{style_name.replace(' ', '')}"
    table = font["name"]
    for name_id in (16, 17, 21, 22, 25):
        table.removeNames(nameID=name_id)
    for name_id, value in (
        (1, family),
        (2, style_name),
        (3, f"{postscript};briefgen subset"),
        (4, f"{family} {style_name}"),
        (6, postscript),
    ):
        table.setName(value, name_id, 3, 1, 0x409)
        table.setName(value, name_id, 1, 0, 0)
    os2 = font["OS/2"]
    os2.usWeightClass = 700 if bold else 400
    selection = os2.fsSelection & ~0b1100001  # italic, bold, regular bits
    selection |= (0b1 if italic else 0) | (0b100000 if bold else 0)
    os2.fsSelection = selection | (0b1000000 if not (bold or italic) else 0)
    font["head"].macStyle = (1 if bold else 0) | (2 if italic else 0)
    # A CFF font's own names (Noto CJK's say "NotoSansCJKjp", shared by every language
    # face of the collection) are left alone: renaming them recompiles every charstring,
    # seconds for a Chinese brief, and no program matches faces by them.
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def _font_table(document: Document) -> Part:
    """The fonts table part, added when the document (a reference) has none."""
    part = document.part
    for relationship in part.rels.values():
        if relationship.reltype == RT.FONT_TABLE and not relationship.is_external:
            return relationship.target_part  # type: ignore[no-any-return]
    table = Part(
        PackURI("/word/fontTable.xml"), _FONT_TABLE_TYPE, _EMPTY_FONT_TABLE.encode(), part.package
    )
    part.relate_to(table, RT.FONT_TABLE)
    return table


def _font_entry(table: BaseOxmlElement, family: str) -> BaseOxmlElement:
    """The ``w:font`` of ``family``, emptied of faces embedded before (a reference's)."""
    for entry in table.findall(qn("w:font")):
        if entry.get(qn("w:name")) == family:
            for slot, *_ in WORD_FACES:
                for old in entry.findall(qn(slot)):
                    entry.remove(old)
            return entry  # type: ignore[no-any-return]
    # No w:charset: LibreOffice reads "00" (ANSI) as the font's only encoding and then
    # draws Cyrillic text in a fallback font.
    entry = OxmlElement("w:font", attrs={qn("w:name"): family})
    entry.append(OxmlElement("w:family", attrs={qn("w:val"): "auto"}))
    entry.append(OxmlElement("w:pitch", attrs={qn("w:val"): "variable"}))
    table.append(entry)
    return entry


def _settings(document: Document) -> None:
    """``w:embedTrueTypeFonts`` (Word keeps the fonts when it saves) and
    ``w:saveSubsetFonts`` (it keeps them subset)."""
    settings = document.settings.element
    for name in ("w:saveSubsetFonts", "w:embedSystemFonts", "w:embedTrueTypeFonts"):
        for old in settings.findall(qn(name)):
            settings.remove(old)
    settings.insert_element_before(OxmlElement("w:embedTrueTypeFonts"), *_SETTINGS_AFTER_EMBED)
    settings.insert_element_before(OxmlElement("w:saveSubsetFonts"), *_SETTINGS_AFTER_EMBED)


def embed_fonts(document: Document, families: list[str], text: str) -> list[EmbeddedFace]:
    """Embed each of ``families`` (keys of ``fonts.FAMILIES``), subset to ``text``.

    ``text`` is everything the document shows; its upper and lower case are kept too,
    since Word draws "all caps" headings from the lower-case text.
    """
    characters = set(text) | set(text.upper()) | set(text.lower()) | set(_ALWAYS)
    code_points = frozenset(ord(character) for character in characters)
    table_part = _font_table(document)
    table = parse_xml(table_part.blob)
    embedded: list[EmbeddedFace] = []
    for name in dict.fromkeys(families):
        family = fonts.FAMILIES[name].name
        entry = _font_entry(table, family)
        for slot, weight, style, style_name in WORD_FACES:
            number = _face_number(name, weight, style)
            if number is None:
                continue  # IBM Plex Sans Arabic and Noto CJK have no italic
            data = static_face(name, number, code_points, style_name)
            key = "{" + str(uuid.UUID(bytes=hashlib.sha256(data).digest()[:16])).upper() + "}"
            partname = document.part.package.next_partname("/word/fonts/font%d.odttf")
            part = Part(partname, OBFUSCATED_FONT, obfuscate(data, key), document.part.package)
            relationship_id = table_part.relate_to(part, RT.FONT)
            attributes = {qn("r:id"): relationship_id, qn("w:fontKey"): key}
            attributes[qn("w:subsetted")] = "1"
            entry.append(OxmlElement(slot, attrs=attributes))
            embedded.append(EmbeddedFace(family, slot[2:], len(data)))
        _order_font_children(entry)
    table_part._blob = etree.tostring(
        table, xml_declaration=True, encoding="UTF-8", standalone=True
    )
    _settings(document)
    return embedded


def _order_font_children(entry: BaseOxmlElement) -> None:
    """The embedded faces after the font's description, in CT_Font's order."""
    order = [qn(name) for name in _FONT_CHILDREN_BEFORE] + [qn(s) for s, *_ in WORD_FACES]
    children = sorted(entry, key=lambda c: order.index(c.tag) if c.tag in order else 0)
    for element in children:
        entry.append(element)

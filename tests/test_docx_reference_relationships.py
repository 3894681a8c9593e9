"""A reference document lends its look and nothing that fetches: issue 23, point 2.

External relationships were dropped from the main document, the settings and the package
only: the kept parts (web settings, numbering, font table, theme, styles) kept theirs, so
a frameset or a picture bullet made Word fetch an ``http://`` or ``\\\\host\\share`` address
when a reviewer opened the brief, and their pictures and embedded fonts came along. Here
crafted reference documents carry all of those; the DOCX written must have none.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path, PurePosixPath

import docx
import pytest
from lxml import etree

from tests.cli_runner import invoke
from tests.conftest import PNG, SMALL_BRIEF

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_R = "http://schemas.openxmlformats.org/package/2006/relationships"
TRACKER = "http://tracker.example/pixel.png"
UNC = "\\\\attacker.example\\share\\x.png"


def _rels(*relationships: tuple[str, str, str, bool]) -> bytes:
    """A .rels part: (id, type, target, external) each."""
    lines = [
        f'<Relationship Id="{rid}" Type="{R}/{kind}" Target="{target}"'
        + (' TargetMode="External"' if external else "")
        + "/>"
        for rid, kind, target, external in relationships
    ]
    return (f'<?xml version="1.0"?><Relationships xmlns="{PACKAGE_R}">' + "".join(lines)).encode(
        "utf-8"
    ) + b"</Relationships>"


def _insert(xml: bytes, before: bytes, text: str) -> bytes:
    assert before in xml, before
    return xml.replace(before, text.encode("utf-8") + before, 1)


def hostile_reference(what: str) -> bytes:
    """python-docx's default document with one kind of hostile relationship added."""
    saved = io.BytesIO()
    docx.Document().save(saved)
    with zipfile.ZipFile(saved) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    types = "[Content_Types].xml"
    entries[types] = _insert(
        entries[types],
        b"</Types>",
        '<Default Extension="png" ContentType="image/png"/>'
        '<Default Extension="odttf"'
        ' ContentType="application/vnd.openxmlformats-officedocument.obfuscatedFont"/>',
    )
    if what == "frameset":
        entries["word/webSettings.xml"] = _insert(
            entries["word/webSettings.xml"],
            b"</w:webSettings>",
            f'<w:frameset><w:frame><w:sourceFileName xmlns:r="{R}" r:id="rIdWeb"/>'
            "</w:frame></w:frameset>",
        )
        entries["word/_rels/webSettings.xml.rels"] = _rels(
            ("rIdWeb", "frame", "http://tracker.example/frame.html", True)
        )
    elif what == "picture bullet":
        entries["word/numbering.xml"] = re.sub(
            rb"(<w:numbering[^>]*>)",
            (
                r'\1<w:numPicBullet w:numPicBulletId="0"><w:pict>'
                r'<v:shape xmlns:v="urn:schemas-microsoft-com:vml" id="b">'
                f'<v:imagedata xmlns:r="{R}" r:id="rIdPic"/></v:shape></w:pict>'
                r"</w:numPicBullet>"
            ).encode(),
            entries["word/numbering.xml"],
            count=1,
        )
        entries["word/media/bullet.png"] = PNG
        entries["word/_rels/numbering.xml.rels"] = _rels(
            ("rIdPic", "image", "media/bullet.png", False),
            ("rIdUnc", "image", UNC, True),
        )
    elif what == "embedded font":
        entries["word/fontTable.xml"] = _insert(
            entries["word/fontTable.xml"],
            b"</w:font>",
            f'<w:embedRegular xmlns:r="{R}" r:id="rIdFont"'
            ' w:fontKey="{00000000-0000-0000-0000-000000000000}"/>',
        )
        entries["word/fonts/font1.odttf"] = b"\x00" * 64
        entries["word/_rels/fontTable.xml.rels"] = _rels(
            ("rIdFont", "font", "fonts/font1.odttf", False),
            ("rIdWeb", "font", TRACKER, True),
        )
    elif what == "theme and styles":
        entries["word/theme/_rels/theme1.xml.rels"] = _rels(("rIdT", "image", TRACKER, True))
        entries["word/_rels/styles.xml.rels"] = _rels(("rIdS", "image", UNC, True))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for name, content in entries.items():
            target.writestr(name, content)
    return output.getvalue()


def _rels_of(name: str) -> str:
    path = PurePosixPath(name)
    return str(path.parent / "_rels" / f"{path.name}.rels")


@pytest.mark.parametrize(
    "what", ["frameset", "picture bullet", "embedded font", "theme and styles"]
)
def test_a_reference_document_lends_no_relationship(tmp_path: Path, what: str) -> None:
    (tmp_path / "b.yaml").write_text(SMALL_BRIEF, encoding="utf-8")
    (tmp_path / "ref.docx").write_bytes(hostile_reference(what))
    arguments = [str(tmp_path / "b.yaml"), "-f", "docx", "-o", str(tmp_path / "out")]
    result = invoke("render", *arguments, "--reference-docx", str(tmp_path / "ref.docx"))
    assert result.exit_code == 0, result.output
    written = tmp_path / "out" / "b.docx"
    with zipfile.ZipFile(written) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    for name, content in entries.items():
        assert b"tracker.example" not in content, name
        assert b"attacker.example" not in content, name
        assert b'TargetMode="External"' not in content, name
    # Only the package and the main document have relationships: none to a picture or font
    assert sorted(name for name in entries if name.endswith(".rels")) == [
        "_rels/.rels",
        "word/_rels/document.xml.rels",
    ]
    assert not [name for name in entries if name.startswith(("word/media/", "word/fonts/"))]
    # Every relationship id an XML part names is one of its own (nothing for Word to repair)
    for name, content in entries.items():
        if not name.endswith(".xml") or name == "[Content_Types].xml":
            continue
        ids = set()
        if _rels_of(name) in entries:
            ids = set(etree.fromstring(entries[_rels_of(name)]).xpath("//@Id"))
        for element in etree.fromstring(content).iter():
            for key, value in element.attrib.items():
                if key.startswith(f"{{{R}}}"):
                    assert value in ids, f"{name}: {key}={value} names no relationship"
    for tag in (b"numPicBullet", b"frameset", b"embedRegular"):
        assert not any(tag in content for content in entries.values()), tag
    docx.Document(str(written))  # still a document python-docx (and Word) opens

"""Reference documents saved oddly (issue 23.8): each is mended or refused, when it is
opened, with a located message; none crashes the render.

Every file is made here from python-docx's own document, edited as a ZIP.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from briefgen.api import load_brief
from briefgen.errors import BriefError
from briefgen.render.docx.brief import render_docx
from tests.conftest import REFERENCE_BRIEF, SMALL_BRIEF

Edit = Callable[[str], str]


def _base() -> bytes:
    saved = io.BytesIO()
    docx.Document().save(saved)
    return saved.getvalue()


def _edited(data: bytes, edits: dict[str, Edit | None]) -> bytes:
    """``data`` with each named part edited (``None``: removed)."""
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            body = source.read(entry.filename)
            if entry.filename in edits:
                edit = edits[entry.filename]
                if edit is None:
                    continue
                body = edit(body.decode("utf-8")).encode("utf-8")
            target.writestr(entry.filename, body)
    return output.getvalue()


def _substituted(part: str, pattern: str, replacement: str) -> bytes:
    """python-docx's document with ``pattern`` replaced in ``part`` (each match)."""
    return _edited(_base(), {part: lambda xml: re.sub(pattern, replacement, xml)})


def _page(attribute: str, value: str) -> bytes:
    """The page size's ``attribute`` (w:w or w:h) set to ``value``."""
    return _substituted("word/document.xml", rf'{attribute}="\d+"', f'{attribute}="{value}"')


def _margins(value: str) -> bytes:
    return _substituted("word/document.xml", r'w:(left|right)="\d+"', rf'w:\1="{value}"')


def _without_numbering() -> bytes:
    return _edited(
        _base(),
        {
            "word/numbering.xml": None,
            "word/_rels/document.xml.rels": lambda xml: re.sub(
                r"<Relationship [^>]*numbering[^>]*/>", "", xml
            ),
            "[Content_Types].xml": lambda xml: re.sub(r"<Override [^>]*numbering[^>]*/>", "", xml),
        },
    )


def _damaged() -> bytes:
    """styles.xml's compressed bytes scrambled in the middle."""
    data = bytearray(_base())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        entry = archive.getinfo("word/styles.xml")
    start = entry.header_offset + 30 + len(entry.filename.encode()) + len(entry.extra)
    for index in range(start + 100, start + 140):
        data[index] ^= 0x55
    return bytes(data)


def _macro_template() -> bytes:
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    template = "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"
    return _edited(_base(), {"[Content_Types].xml": lambda xml: xml.replace(main, template)})


REFUSED: dict[str, tuple[Callable[[], bytes], str]] = {
    "page as wide as its margins": (
        lambda: _margins("5953"),
        "its margins leave less than 20 mm for the text",
    ),
    "negative margins": (lambda: _margins("-100"), "its left or right margin is negative"),
    "zero page width": (lambda: _page("w:w", "0"), "its page is 0 mm wide"),
    "tiny page": (lambda: _page("w:h", "10"), "its page is 0 mm high"),
    "negative page": (lambda: _page("w:w", "-5000"), "its page is -88 mm wide"),
    "huge page": (lambda: _page("w:h", "999999999"), "its page is 17,638,889 mm high"),
    "page size not a number": (
        lambda: _page("w:w", "wide"),
        "its page size or margins are not numbers",
    ),
    "abstract numbering id not a number": (
        lambda: _substituted("word/numbering.xml", 'w:abstractNumId="0"', 'w:abstractNumId="x"'),
        "its list numbering has an id that is not a number ('x')",
    ),
    "numbering instance id not a number": (
        lambda: _substituted("word/numbering.xml", 'w:numId="1"', 'w:numId="one"'),
        "its list numbering has an id that is not a number ('one')",
    ),
    "damaged compressed part": (_damaged, "its part 'word/styles.xml' is damaged"),
    "macro-enabled template": (_macro_template, "it is a Word template (.dotx or .dotm)"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_an_odd_reference_is_refused_with_a_plain_message(tmp_path: Path, case: str) -> None:
    make, message = REFUSED[case]
    reference = tmp_path / "office.docx"
    reference.write_bytes(make())
    brief = tmp_path / "b.yaml"
    brief.write_text(SMALL_BRIEF, encoding="utf-8")
    with pytest.raises(BriefError) as caught:
        render_docx(load_brief(brief), reference)
    (problem,) = caught.value.problems
    assert problem.path == reference
    assert problem.message.startswith(f"cannot be used as a reference document: {message}")
    assert "object at 0x" not in str(problem) and "BytesIO" not in str(problem)


def test_an_odd_reference_named_by_the_brief_is_refused_at_its_line(tmp_path: Path) -> None:
    odd = _substituted("word/numbering.xml", 'w:numId="1"', 'w:numId="one"')
    (tmp_path / "office.docx").write_bytes(odd)
    brief = tmp_path / "b.yaml"
    brief.write_text(SMALL_BRIEF + "theme:\n  docx_reference: office.docx\n", encoding="utf-8")
    with pytest.raises(BriefError) as caught:
        render_docx(load_brief(brief))
    (problem,) = caught.value.problems
    assert (problem.path, problem.line, problem.column) == (brief, 16, 19)
    assert "its list numbering has an id that is not a number" in problem.message


def test_a_reference_without_numbering_gets_one(tmp_path: Path) -> None:
    """What LibreOffice saves from a document without lists: the brief's lists still
    number (the reference brief has numbered recommendations and bullet lists)."""
    reference = tmp_path / "office.docx"
    reference.write_bytes(_without_numbering())
    with zipfile.ZipFile(reference) as archive:
        assert "word/numbering.xml" not in archive.namelist()
    document = docx.Document(io.BytesIO(render_docx(load_brief(REFERENCE_BRIEF), reference)))
    numbering = document.part.numbering_part.element
    assert numbering.xpath("./w:abstractNum") and numbering.xpath("./w:num")
    numbered = [
        p for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None
    ]
    assert len(numbered) > 5

"""Which field marker survives review: a bookmark, a block or an inline content control.

Writes one DOCX with a text in each kind of marker, lets LibreOffice open and save it
(``soffice --headless --convert-to docx``) and python-docx read it, and prints what each
still shows: the marker's name and its text. The answer chose briefgen's marker (issue 31):
``python bench/docx_marks.py``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

# bench/docx.py would shadow python-docx for a script run from this folder
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).parent]

import docx  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MARKERS = {
    "bookmark": ("_bg3", "bookmarked text"),
    "block content control": ("/sections/0/text/1", "block control text"),
    "inline content control": ("/evaluation/title", "inline control text"),
}


def build(path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph._p.append(parse_xml(f'<w:bookmarkStart {W} w:id="7" w:name="_bg3"/>'))
    paragraph.add_run("bookmarked text")
    paragraph._p.append(parse_xml(f'<w:bookmarkEnd {W} w:id="7"/>'))
    body = document.element.body
    body.insert(
        len(body) - 1,
        parse_xml(
            f'<w:sdt {W}><w:sdtPr><w:tag w:val="/sections/0/text/1"/></w:sdtPr><w:sdtContent>'
            "<w:p><w:r><w:t>block control text</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        ),
    )
    document.add_paragraph()._p.append(
        parse_xml(
            f'<w:sdt {W}><w:sdtPr><w:tag w:val="/evaluation/title"/></w:sdtPr><w:sdtContent>'
            "<w:r><w:t>inline control text</w:t></w:r></w:sdtContent></w:sdt>"
        )
    )
    document.save(str(path))


def report(label: str, path: Path) -> None:
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    seen = " ".join(paragraph.text for paragraph in docx.Document(str(path)).paragraphs)
    print(label)
    for kind, (name, text) in MARKERS.items():
        kept = "name kept" if f'"{name}"' in xml else "NAME LOST"
        shown = "python-docx reads its text" if text in seen else "python-docx DOES NOT see it"
        print(f"  {kind:24} {kept:10} {shown}")


def main() -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) is needed")
    with tempfile.TemporaryDirectory() as folder:
        original = Path(folder) / "marks.docx"
        build(original)
        report("as written", original)
        saved = Path(folder) / "saved"
        subprocess.run(
            [soffice, f"-env:UserInstallation={(Path(folder) / 'profile').as_uri()}",
             "--headless", "--convert-to", "docx", "--outdir", str(saved), str(original)],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
        report("after LibreOffice opened and saved it", saved / "marks.docx")


if __name__ == "__main__":
    main()

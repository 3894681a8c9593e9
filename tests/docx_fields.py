"""What ``briefgen update`` reads in a DOCX, read independently of briefgen's own reader:
the text inside each field bookmark ``_bg<n>``, by the YAML field it stands for."""

from __future__ import annotations

import re
from typing import Any

from docx.oxml.ns import qn

from briefgen.model.source import KeyPath
from briefgen.render.docx.brief import MarkedDocx
from briefgen.render.docx.writer import FIELD_BOOKMARK


def marked_fields(marked: MarkedDocx, *elements: Any) -> dict[KeyPath, str]:
    """Each field's text in ``elements`` (the body, a header...), in document order."""
    texts: dict[int, list[str]] = {}
    open_marks: dict[str, int] = {}
    for root in elements:
        for element in root.iter():
            if element.tag == qn("w:bookmarkStart"):
                found = re.fullmatch(rf"{FIELD_BOOKMARK}(\d+)", element.get(qn("w:name")))
                if found:
                    open_marks[element.get(qn("w:id"))] = int(found[1])
                    texts[int(found[1])] = []
            elif element.tag == qn("w:bookmarkEnd"):
                open_marks.pop(element.get(qn("w:id")), None)
            elif element.tag == qn("w:t"):
                for index in open_marks.values():
                    texts[index].append(element.text or "")
    return {marked.fields[index]: "".join(text) for index, text in texts.items()}

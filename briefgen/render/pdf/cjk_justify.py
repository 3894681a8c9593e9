"""Chinese justified between its characters, not only at its spaces.

WeasyPrint 70 justifies a line by widening its spaces alone (``inline.justify_line``).
A line of Han characters only has none and fills its column to a fraction of an em; a
line holding a Latin word or a number (GLOT59, ``1)``) has two spaces, which took the
whole slack: gaps up to 3.3 mm around the Latin word in the Chinese example. CSS
``text-justify: inter-character`` is what a Chinese text block asks for, and WeasyPrint
does not have it.

So, in a text whose language is Chinese, each Han character and full-width mark also
counts as a place to put the slack (``count_expandable_spaces``), and when the line is
drawn (``Layout.set_text`` with ``justify``) each gets that much letter spacing, as each
space gets it as word spacing. The characters of the text layer are unchanged: the
spacing is in the glyphs' positions only.
"""

from __future__ import annotations

import re
from typing import Any

from briefgen.render.pdf.letter_spacing import space_out

# Han ideographs, CJK punctuation and full-width forms: the characters of a Chinese line.
_CJK = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")

_installed: list[bool] = []


def _is_chinese(style: Any) -> bool:
    return str(style["lang"] or "").lower().startswith("zh")


def install(inline_module: Any, line_break_module: Any) -> None:
    """Wrap the counting of a line's expandable places and the drawing of its text (once
    per process)."""
    if _installed:
        return
    _installed.append(True)
    original_count = inline_module.count_expandable_spaces
    text_box = inline_module.boxes.TextBox

    def count_expandable_spaces(box: Any) -> int:
        count: int = original_count(box)
        if isinstance(box, text_box) and _is_chinese(box.style):
            count += len(_CJK.findall(box.text))
        return count

    inline_module.count_expandable_spaces = count_expandable_spaces

    layout_class = line_break_module.Layout
    original_set_text = layout_class.set_text

    def set_text(self: Any, text: str, justify: bool = False) -> None:
        original_set_text(self, text, justify)
        spacing = self.justification_spacing
        if justify and spacing and self.text and _is_chinese(self.style):
            characters = (match.start() for match in _CJK.finditer(self.text))
            space_out(self, characters, spacing, line_break_module)

    layout_class.set_text = set_text

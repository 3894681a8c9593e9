"""Letter spacing for some characters of a laid-out text, as justification asks.

WeasyPrint 70 justifies by widening spaces only; ``cjk_justify`` (Chinese, between its
characters) and ``loose_justify`` (a loose line's letters) also space characters out.
Both do it here, through Pango attributes on WeasyPrint's ``Layout`` of the text.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import accumulate
from typing import Any


def space_out(layout: Any, positions: Iterable[int], spacing: float, line_break: Any) -> None:
    """Give the characters of ``layout``'s text at ``positions`` (indices in its ``str``)
    ``spacing`` px of letter spacing more than their own (``line_break``: WeasyPrint's
    ``text.line_break`` module, whose ``Layout`` this is)."""
    ffi, pango = line_break.ffi, line_break.pango
    attributes = pango.pango_layout_get_attributes(layout.layout)
    if attributes == ffi.NULL:
        attributes = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
    own = layout.style["letter_spacing"]
    units = int((spacing + (0 if own == "normal" else own)) * line_break.TO_UNITS)
    text = layout.text
    offsets = [0, *accumulate(len(character.encode()) for character in text)]  # UTF-8 bytes
    last = len(text) - 1
    for position in positions:
        # Pango puts half a letter's spacing on each side of it and drops the outer half
        # at the text's ends (WeasyPrint doubles a space's there, too).
        factor = 1 + (position in (0, last))
        attribute = pango.pango_attr_letter_spacing_new(factor * units)
        attribute.start_index, attribute.end_index = offsets[position], offsets[position + 1]
        pango.pango_attr_list_change(attributes, attribute)
    pango.pango_layout_set_attributes(layout.layout, attributes)

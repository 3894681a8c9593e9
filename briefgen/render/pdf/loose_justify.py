"""A loose justified line takes part of its slack between its letters.

WeasyPrint 70 justifies a line by widening its spaces alone (``inline.justify_line``),
however few they are: a line of four long Russian words in page 2's 87 mm column, whose
next word could not come up (a short word bound to it, a word with no break that fits), was set
with gaps of 3 to 9 mm between words (``bench/loose_lines.py``, docs/layout.md "Loose
lines"). A typesetter's justification widens letter spacing a little too, within a
limit, once the word spaces are wide.

So, in a line whose spaces would widen by more than ``WORD_STRETCH_EMS``, the slack past
that goes between letters, up to ``LETTER_STRETCH_EMS`` a letter; what is left (if any)
goes to the spaces again. Lines that need less are justified as before, and which words
go on which line does not change (justification comes after line breaking), so no page
can change. Arabic (joined letters) and Chinese (``cjk_justify``) are left alone. The
text layer is unchanged: the spacing is in the glyphs' positions only.
"""

from __future__ import annotations

from typing import Any

from briefgen.render.pdf.letter_spacing import space_out

WORD_STRETCH_EMS = 0.3
"""How far a line's spaces widen (past their own quarter em) before its letters do: a
gap of about 2 mm at 10 pt."""
LETTER_STRETCH_EMS = 0.03
"""The most a letter is spaced out to justify a line (0.1 mm at 10 pt): over a line of
45 letters, 4.7 mm less for its few spaces to take."""

_UNSPACED_LANGUAGES = ("ar", "zh")  # joined letters; Chinese has its own (cjk_justify)
_SPACES = " \u00a0"
_installed: list[bool] = []


def _letters_spaced(style: Any) -> bool:
    return not str(style["lang"] or "").lower().startswith(_UNSPACED_LANGUAGES)


def _letters(box: Any, text_box: Any, inline_types: tuple[Any, ...]) -> int:
    """The characters of ``box`` that letter spacing moves apart (spaces are widened
    as spaces)."""
    if isinstance(box, text_box):
        if not _letters_spaced(box.style):
            return 0
        return sum(1 for character in box.text if character not in _SPACES)
    if isinstance(box, inline_types):
        return sum(_letters(child, text_box, inline_types) for child in box.children)
    return 0


def install(inline_module: Any, line_break_module: Any) -> None:
    """Wrap the justification of a line and the drawing of its text (once per process)."""
    if _installed:
        return
    _installed.append(True)
    boxes = inline_module.boxes
    text_box, inline_types = boxes.TextBox, (boxes.LineBox, boxes.InlineBox)
    original_justify = inline_module.justify_line
    create_layout = line_break_module.create_layout

    def add_spacing(box: Any, word: float, letter: float, x_advance: float, context: Any) -> float:
        """``inline.add_word_spacing``, with ``letter`` added after each letter."""
        if isinstance(box, text_box):
            box.justification_spacing = word
            box.position_x += x_advance
            spaces = inline_module.count_expandable_spaces(box)
            letters = _letters(box, text_box, inline_types)
            if spaces or letters:
                layout = create_layout(
                    box.text, box.style, context, max_width=None, justification_spacing=word
                )
                layout.letter_justification = letter if letters else 0
                layout.deactivate()
                extra = word * spaces + letter * letters
                x_advance += extra
                box.width += extra
                box.pango_layout = layout
        elif isinstance(box, inline_types):
            box.position_x += x_advance
            before = x_advance
            children = box.children
            if box.style["direction"] == "rtl":
                children = children[::-1]
            for child in children:
                if child.is_in_normal_flow():
                    x_advance = add_spacing(child, word, letter, x_advance, context)
            box.width += x_advance - before
        else:  # an atomic inline-level box
            box.translate(x_advance, 0)
        return x_advance

    def justify_line(context: Any, line: Any, extra_width: float) -> None:
        spaces = inline_module.count_expandable_spaces(line)
        font_size = line.style["font_size"]
        word_limit = WORD_STRETCH_EMS * font_size
        if not spaces or not font_size or extra_width <= spaces * word_limit:
            original_justify(context, line, extra_width)
            return
        letters = _letters(line, text_box, inline_types)
        if not letters or not _letters_spaced(line.style):
            original_justify(context, line, extra_width)
            return
        letter = min(LETTER_STRETCH_EMS * font_size, (extra_width - spaces * word_limit) / letters)
        word = (extra_width - letter * letters) / spaces
        add_spacing(line, word, letter, 0, context)

    inline_module.justify_line = justify_line

    layout_class = line_break_module.Layout
    original_set_text = layout_class.set_text

    def set_text(self: Any, text: str, justify: bool = False) -> None:
        original_set_text(self, text, justify)
        letter = getattr(self, "letter_justification", 0)
        if justify and letter and self.text:
            letters = (i for i, character in enumerate(self.text) if character not in _SPACES)
            space_out(self, letters, letter, line_break_module)

    layout_class.set_text = set_text

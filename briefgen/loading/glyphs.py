"""No silent boxes: every character of a brief must have a glyph in the brief's fonts.

Without this check a character no packaged font draws is drawn by whatever font the
machine has (a different look in every office) or as an empty box, with exit code 0.
Checked when the brief is loaded, so ``validate`` finds it too, at the character's line.
"""

from __future__ import annotations

import unicodedata

from briefgen import fonts
from briefgen.errors import Problem
from briefgen.loading.yaml_source import text_values
from briefgen.model.brief import Brief
from briefgen.model.source import Position, SourceDocument, format_key_path


def _is_drawn(character: str) -> bool:
    category = unicodedata.category(character)
    if category in {"Cc", "Cf", "Zl", "Zp"}:
        return False
    return not 0xFE00 <= ord(character) <= 0xFE0F


def describe(character: str) -> str:
    """``'𓀀' (U+13000 EGYPTIAN HIEROGLYPH A001)``."""
    name = unicodedata.name(character, "")
    code = f"U+{ord(character):04X}"
    return f"'{character}' ({code} {name})" if name else f"'{character}' ({code})"


def _position_in_text(source: SourceDocument, start: Position, character: str) -> Position:
    """Where ``character`` first appears in the file at or after a value's start.

    Falls back to the value's start when the file spells it as an escape (``\\U00013000``).
    """
    lines = source.text.splitlines()
    for number in range(start.line - 1, len(lines)):
        line = lines[number]
        offset = line.find(character, start.column - 1 if number == start.line - 1 else 0)
        if offset >= 0:
            return Position(number + 1, offset + 1)
    return start


def glyph_problems(brief: Brief, source: SourceDocument) -> list[Problem]:
    """One located problem per character the brief's fonts cannot draw, at its first use.

    A font that is declared but not installed (the Han font on a machine without
    fonts-noto-cjk) is one problem at the first character that needs it.
    """
    names = brief.theme.all_fonts()
    usable = [name for name in names if not fonts.missing_family(name)]
    listed = ", ".join(fonts.FAMILIES[name].name for name in names)
    reported: set[str] = set()  # characters, and missing fonts, already reported
    problems: list[Problem] = []
    for key_path, text in text_values(source.data):
        for character in dict.fromkeys(text):
            if character in reported or not _is_drawn(character):
                continue
            code_point = ord(character)
            if any(code_point in fonts.coverage(name) for name in usable):
                continue
            reported.add(character)
            message, hint, missing_font = _missing_glyph(character, names, usable, listed)
            if missing_font and missing_font in reported:
                continue  # one font missing: said once, at the first character needing it
            reported.add(missing_font)
            start = source.position_of(key_path)
            where = _position_in_text(source, start, character)
            problems.append(
                Problem(
                    message, source.path, where.line, where.column, format_key_path(key_path), hint
                )
            )
    return problems


def _missing_glyph(
    character: str, names: list[str], usable: list[str], listed: str
) -> tuple[str, str, str]:
    """The message and hint for a character none of the usable fonts draws, and the
    missing font it needs ('' when no declared font has it)."""
    for name in names:
        family = fonts.FAMILIES[name]
        if name in usable or not family.is_for(ord(character)):
            continue
        return (
            f"the character {describe(character)} needs the font {family.name}, "
            f"which is not installed on this machine",
            family.install_hint(),
            name,
        )
    return (
        f"the character {describe(character)} has no glyph in the brief's fonts ({listed})",
        "use another character, or write it out in words; briefgen never lets the machine "
        "draw it with another font or print it as a box",
        "",
    )

"""Checks on a brief's plain data before validation: how deep sections nest, and which
characters text may hold.

Both are limits the renderers rely on: Jinja and WeasyPrint recurse once per level of
sections (190 levels ended in a RecursionError), and a control character in a title
made the PDF's XMP metadata malformed XML. Checked on the raw data, where every value
still has its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from briefgen.errors import Problem, escape_controls
from briefgen.loading.yaml_source import text_values
from briefgen.model.brief import MAX_SECTION_DEPTH
from briefgen.model.source import KeyPath, SourceDocument, format_key_path

FORBIDDEN_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Control characters (all but tab and line feed), lone surrogates and non-characters:
invisible in print, invalid in XML (the PDF's metadata), and a way to forge terminal
output. YAML only produces them from escapes such as ``"\\x1b"``."""


def _problem(source: SourceDocument, key_path: KeyPath, message: str, hint: str) -> Problem:
    position = source.position_of(key_path)
    return Problem(
        message, source.path, position.line, position.column, format_key_path(key_path), hint
    )


def _too_deep(data: Any) -> Iterator[KeyPath]:
    """Key paths of the first section past the limit in each branch (not those below it)."""
    sections = data.get("sections") if isinstance(data, dict) else None
    stack: list[tuple[KeyPath, Any, int]] = [(("sections",), sections, 1)]
    while stack:
        path, items, depth = stack.pop()
        if not isinstance(items, list):
            continue
        for index, section in enumerate(items):
            here = (*path, index)
            if depth > MAX_SECTION_DEPTH:
                yield here
                break
            if isinstance(section, dict):
                stack.append(((*here, "sections"), section.get("sections"), depth + 1))


def nesting_problems(source: SourceDocument) -> list[Problem]:
    """A problem at each section nested more than :data:`MAX_SECTION_DEPTH` levels deep."""
    return [
        _problem(
            source,
            path,
            f"sections are nested more than {MAX_SECTION_DEPTH} levels deep",
            f"briefgen allows {MAX_SECTION_DEPTH} levels; move this section up a level",
        )
        for path in _too_deep(source.data)
    ]


def character_problems(source: SourceDocument) -> list[Problem]:
    """A problem at each text holding a control character (tabs and line breaks are fine)."""
    problems = []
    for path, text in text_values(source.data):
        found = FORBIDDEN_CHARACTERS.search(text)
        if found:
            problems.append(
                _problem(
                    source,
                    path,
                    f"contains the control character {escape_controls(found.group())}",
                    "remove it: a brief holds printable text (tabs and line breaks are fine)",
                )
            )
    return problems

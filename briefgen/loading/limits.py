"""Every limit an output format imposes on a brief, in one place, checked when loading.

- How deep sections nest: Jinja and WeasyPrint recurse once per level of sections (190
  levels ended in a RecursionError). Checked on the raw data: an error.
- Which characters text may hold: a control character in a title made the PDF's XMP
  metadata (and a DOCX part: XML 1.0) malformed. Checked on the raw data: an error.
- How long a document property may be: a Word document's core properties (title,
  author, subject, keywords) hold at most 255 characters, and python-docx refuses more.
  The DOCX cuts the property at a word, so this is a warning at the field's line.
- How many columns a table may have: Word's tables hold at most 63. An error.
- The size of a number: see :data:`briefgen.model.validators.NUMBER_MAX` (a model rule,
  so the error sits at the number's line).

The PDF and HTML metadata and the Markdown have no limit of their own beyond these (the
PDF's strings and XMP take any length). The limits' values and the document properties
(what each format's metadata holds) are in :mod:`briefgen.model.limits`, below loading
and rendering, so that the checks here and the renderers measure the same text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from briefgen.errors import Problem, escape_controls
from briefgen.loading.yaml_source import text_values
from briefgen.model.brief import MAX_SECTION_DEPTH, Brief
from briefgen.model.limits import (
    WORD_PROPERTY_MAX_CHARS,
    WORD_TABLE_MAX_COLUMNS,
    Metadata,
    metadata,
    metadata_text,
)
from briefgen.model.source import KeyPath, SourceDocument, format_key_path
from briefgen.model.walk import sections_with_paths

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


def _property_sources(brief: Brief, meta: Metadata) -> list[tuple[str, str, KeyPath]]:
    """Each property, its text, and the key whose value makes it long."""
    evaluation = brief.evaluation
    title_key: KeyPath = ("evaluation", "title" if metadata_text(evaluation.title) else "type")
    subject_key: KeyPath = ("summary",) if brief.summary else ("evaluation", "title")
    keywords_key: KeyPath = ("keywords",) if brief.keywords else ("evaluation", "programmes")
    return [
        ("title", meta.title, title_key),
        ("author", meta.author, ("organisation", "name")),
        ("subject", meta.subject, subject_key),
        ("keywords", ", ".join(meta.keywords), keywords_key),
    ]


def property_warnings(brief: Brief, source: SourceDocument) -> list[Problem]:
    """A warning at each field that makes a Word document property too long.

    A warning, not an error: the brief prints the text whole, and only the DOCX's
    property (shown in Word's File > Info) is cut at a word.
    """
    warnings = []
    for name, text, key_path in _property_sources(brief, metadata(brief)):
        if len(text) > WORD_PROPERTY_MAX_CHARS:
            position = source.position_of(key_path)
            warnings.append(
                Problem(
                    f"makes the Word document's {name} property {len(text)} characters "
                    f"long; Word holds {WORD_PROPERTY_MAX_CHARS}, so the DOCX cuts it at a word",
                    source.path,
                    position.line,
                    position.column,
                    format_key_path(key_path),
                    f"shorten it to {WORD_PROPERTY_MAX_CHARS} characters to keep the property "
                    "whole; the brief's own text is never cut",
                    severity="warning",
                )
            )
    return warnings


def table_problems(brief: Brief, source: SourceDocument) -> list[Problem]:
    """An error at each table wider than a Word table can be."""
    problems = []
    for section, path in sections_with_paths(brief.sections):
        if section.kind != "table":
            continue
        columns = max([len(section.header), *(len(row) for row in section.rows)])
        if columns > WORD_TABLE_MAX_COLUMNS:
            problems.append(
                _problem(
                    source,
                    (*path, "header"),
                    f"this table has {columns} columns; a Word table holds at most "
                    f"{WORD_TABLE_MAX_COLUMNS}",
                    "split it into several tables, or swap its rows and columns",
                )
            )
    return problems

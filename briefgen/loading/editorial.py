"""What a publications editor would flag in a brief that is otherwise valid: warnings.

A warning does not stop a render (the brief may be a draft); ``--strict`` makes every
warning an error, for CI.
"""

from __future__ import annotations

from briefgen.errors import Problem, quote_value
from briefgen.model.brief import Brief, Section
from briefgen.model.evidence import KeyFigure
from briefgen.model.source import KeyPath, SourceDocument, format_key_path

PRESENTATION_FIELDS = frozenset(
    {"kind", "heading", "show_heading", "continued", "numbered", "list_style", "id"}
)
"""Section keys that shape how content is shown but are not content themselves."""


def _warning(source: SourceDocument, key_path: KeyPath, message: str, hint: str) -> Problem:
    position = source.position_of(key_path)
    return Problem(
        message,
        source.path,
        position.line,
        position.column,
        format_key_path(key_path),
        hint,
        severity="warning",
    )


def _section_warnings(source: SourceDocument, section: Section, key_path: KeyPath) -> list[Problem]:
    content = set(section.model_dump(exclude_defaults=True)) - PRESENTATION_FIELDS
    if not content:
        return [
            _warning(
                source,
                key_path,
                "this section has a heading and nothing under it",
                "add its text, or remove the section",
            )
        ]
    warnings = []
    if section.kind == "figure" and not section.image:
        warnings.append(
            _warning(
                source,
                key_path,
                "this figure has a caption but no image: readers see only the caption",
                "add 'image:' and 'alt:', or remove the figure",
            )
        )
    for index, figure in enumerate(section.figures):
        warnings += _unit_twice(source, figure, (*key_path, "figures", index))
    for index, child in enumerate(section.sections):
        warnings += _section_warnings(source, child, (*key_path, "sections", index))
    return warnings


def _unit_twice(source: SourceDocument, figure: KeyFigure, key_path: KeyPath) -> list[Problem]:
    """``value: 61%`` with ``suffix: "%"`` prints "61%%" in every format."""
    if not isinstance(figure.value, str):
        return []
    value = figure.value.strip()
    for key, sign, repeated in (
        ("suffix", figure.suffix, value.endswith((figure.suffix or "\0").strip())),
        ("prefix", figure.prefix, value.startswith((figure.prefix or "\0").strip())),
    ):
        if sign and sign.strip() and repeated:
            return [
                _warning(
                    source,
                    (*key_path, "value"),
                    f"the value {quote_value(value)} already holds {quote_value(sign.strip())},"
                    f" and the {key} adds it again",
                    f"remove the {key}, or write the value without it",
                )
            ]
    return []


def editorial_warnings(brief: Brief, source: SourceDocument) -> list[Problem]:
    """Empty sections and figures without an image, each at its line."""
    warnings: list[Problem] = []
    for index, section in enumerate(brief.sections):
        warnings += _section_warnings(source, section, ("sections", index))
    return warnings

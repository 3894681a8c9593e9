"""A Markdown table of a render, for the run's page on GitHub (``GITHUB_STEP_SUMMARY``).

One row per brief: pages, formats, sizes, warnings and the first-page thumbnail, so a
reviewer sees what the job made without downloading the artifact. Paths and messages
come from the repository and the briefs, so every cell is escaped: a ``|`` or a ``<`` in
a file name cannot break the table or add markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefgen.api import Rendered
    from briefgen.batch import BriefOutcome
    from briefgen.errors import Problem

_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~&])")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def human_size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size >= 1024 else f"{size} B"


def markdown_cell(text: str) -> str:
    """Text shown as typed inside a table cell: punctuation escaped, control characters
    shown as ``\\xNN`` (a newline would end the row)."""
    text = _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)
    return _CONTROL.sub(lambda match: f"\\\\x{ord(match.group()):02x}", text)


def _sizes(results: Sequence[Rendered]) -> str:
    by_format: dict[str, list[int]] = {}
    for result in results:
        by_format.setdefault(result.format, []).append(result.size)
    parts = []
    for name, sizes in by_format.items():
        if len(sizes) == 1:
            parts.append(f"{name} {human_size(sizes[0])}")
        else:
            parts.append(f"{name} {len(sizes)} files, {human_size(max(sizes))} max")
    return ", ".join(parts)


def _located(warning: Problem) -> str:
    return f"line {warning.line}: {warning.message}" if warning.line else warning.message


def _row(outcome: BriefOutcome) -> list[str]:
    brief = markdown_cell(str(outcome.path))
    if not outcome.ok:
        count = len(outcome.problems)
        return [brief, "", "failed", "", f"{count} error{'s' * (count != 1)}", ""]
    pages = next((str(r.pages) for r in outcome.results if r.pages is not None), "")
    formats = ", ".join(dict.fromkeys(r.format for r in outcome.results if r.format != "thumbnail"))
    warnings = "; ".join(markdown_cell(_located(w)) for w in outcome.warnings) or "none"
    thumbnails = [r.path.name for r in outcome.results if r.format == "thumbnail"]
    thumbnail = markdown_cell(thumbnails[0]) if thumbnails else ""
    return [brief, pages, formats, _sizes(outcome.results), warnings, thumbnail]


def step_summary(outcomes: Sequence[BriefOutcome]) -> str:
    """The Markdown appended to ``$GITHUB_STEP_SUMMARY`` after ``briefgen render``."""
    rendered = sum(outcome.ok for outcome in outcomes)
    lines = [
        f"### briefgen: {rendered} of {len(outcomes)} briefs rendered",
        "",
        "| brief | pages | formats | sizes | warnings | thumbnail |",
        "| --- | ---: | --- | --- | --- | --- |",
    ]
    lines += ["| " + " | ".join(_row(outcome)) + " |" for outcome in outcomes]
    return "\n".join(lines) + "\n\n"

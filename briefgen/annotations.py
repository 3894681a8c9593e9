"""Problems where CI shows them: GitHub workflow commands and GitLab code-quality reports.

Both put a brief's mistake on its line in the pull/merge request. Messages carry text
from the brief (a key, a value), which is untrusted: a newline in it must not end one
workflow command and start a forged one, so every field is encoded the way GitHub's own
toolkit encodes it (``actions/toolkit``, ``command.ts``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence

from briefgen.errors import Problem

_DATA_ESCAPES = (("%", "%25"), ("\r", "%0D"), ("\n", "%0A"))
_PROPERTY_ESCAPES = (*_DATA_ESCAPES, (":", "%3A"), (",", "%2C"))


def _escape(text: str, escapes: Iterable[tuple[str, str]]) -> str:
    for raw, encoded in escapes:  # "%" first, so the other codes are not encoded twice
        text = text.replace(raw, encoded)
    return text


def escape_data(text: str) -> str:
    """A workflow command's message: ``%``, CR and LF encoded."""
    return _escape(text, _DATA_ESCAPES)


def escape_property(text: str) -> str:
    """A workflow command's property value: also ``:`` and ``,``, which end a property."""
    return _escape(text, _PROPERTY_ESCAPES)


def _message(problem: Problem) -> str:
    return problem.message + (f" ({problem.hint})" if problem.hint else "")


def github_command(problem: Problem) -> str:
    """``::error file=...,line=...,col=...,title=...::message`` (or ``::warning``).

    GitHub shows it on that line of the pull request's diff; ``file`` is the path as given,
    so run briefgen from the repository root.
    """
    properties: list[tuple[str, str]] = []
    if problem.path is not None:
        properties.append(("file", str(problem.path)))
        if problem.line is not None:
            properties.append(("line", str(problem.line)))
            properties.append(("col", str(problem.column or 1)))
    title = f"briefgen: {problem.key_path}" if problem.key_path else "briefgen"
    properties.append(("title", title))
    joined = ",".join(f"{name}={escape_property(value)}" for name, value in properties)
    return f"::{problem.severity} {joined}::{escape_data(_message(problem))}"


def github_commands(problems: Iterable[Problem]) -> list[str]:
    return [github_command(problem) for problem in problems]


def gitlab_codequality(problems: Sequence[Problem]) -> str:
    """GitLab's code-quality report (a subset of the Code Climate format) as JSON text.

    Each issue needs a fingerprint unique in the report; the same mistake in the next
    pipeline gets the same one, so GitLab can tell new issues from fixed ones.
    """
    issues = []
    seen: dict[str, int] = {}
    for problem in problems:
        path = str(problem.path) if problem.path is not None else "."
        identity = "\0".join(
            [path, str(problem.line), str(problem.column), problem.key_path, problem.message]
        )
        repeat = seen[identity] = seen.get(identity, -1) + 1
        fingerprint = hashlib.sha256(f"{identity}\0{repeat}".encode()).hexdigest()
        key = f"{problem.key_path}: " if problem.key_path else ""
        issues.append(
            {
                "description": key + _message(problem),
                "check_name": "briefgen-validate",
                "fingerprint": fingerprint,
                "severity": "major" if problem.severity == "error" else "minor",
                "location": {"path": path, "lines": {"begin": problem.line or 1}},
            }
        )
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"

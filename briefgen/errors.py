"""User errors: one exception type, carrying where the mistake is and how to fix it.

Anything raised that is *not* a :class:`BriefError` is a bug in briefgen and keeps its
traceback; a ``BriefError`` is printed as ``file:line:col: message`` and exits with 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal


@dataclass(frozen=True)
class Problem:
    """One mistake in a user's input, located as precisely as we can."""

    message: str
    path: Path | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    key_path: str = ""  # e.g. "recommendations.items[2]"
    hint: str = ""
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = str(self.path)
            if self.line is not None:
                where += f":{self.line}:{self.column or 1}"
            where += ": "
        key = f"{self.key_path}: " if self.key_path else ""
        hint = f" ({self.hint})" if self.hint else ""
        warning = "warning: " if self.severity == "warning" else ""
        return f"{where}{warning}{key}{self.message}{hint}"


@dataclass
class BriefError(Exception):
    """A mistake the user can fix: bad input, an unreadable file, an unwritable folder."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(str(self))

    @classmethod
    def single(
        cls,
        message: str,
        path: Path | None = None,
        *,
        line: int | None = None,
        column: int | None = None,
        key_path: str = "",
        hint: str = "",
    ) -> BriefError:
        """Build an error with one problem; the common case."""
        return cls([Problem(message, path, line, column, key_path, hint)])

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)


def as_error(warning: Problem) -> Problem:
    """A warning made an error, as ``--strict`` wants it."""
    return replace(warning, severity="error")

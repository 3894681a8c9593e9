"""User errors: one exception type, carrying where the mistake is and how to fix it.

Anything raised that is *not* a :class:`BriefError` is a bug in briefgen and keeps its
traceback; a ``BriefError`` is printed as ``file:line:col: message`` and exits with 1.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

MAX_EXCERPT_CHARS = 40
"""The most of a value an error message quotes: enough to recognise it, too little to
leak a secret (a brief that is really a credentials file) into a CI log."""

_CONTROL = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff"
    # Invisible format characters: bidi overrides and isolates would show a message's
    # text in another order than it is (a key "t\u202eitle" reads as another), zero-width
    # characters and the byte order mark would hide that two names differ.
    r"\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """``text`` with control and invisible format characters (bidi controls, zero-width
    spaces), line breaks and lone surrogates written as escapes.

    What briefgen prints must stay one line per message and cannot carry terminal escape
    sequences or start a CI workflow command (``::error ...``) on a line of its own.
    """
    return _CONTROL.sub(_escape_char, text)


def excerpt(text: str, limit: int = MAX_EXCERPT_CHARS) -> str:
    """The start of ``text``, escaped, at most ``limit`` characters long (``…`` if cut)."""
    shown = escape_controls(text)
    if len(shown) <= limit:
        return shown
    kept = ""
    for char in text:  # cut between escapes, never inside one
        piece = escape_controls(char)
        if len(kept) + len(piece) > limit - 1:
            break
        kept += piece
    return kept + "…"


def quote_value(value: object, limit: int = MAX_EXCERPT_CHARS) -> str:
    """A value from the input as an error message may quote it: short, escaped, quoted.

    Every message that echoes a user's value goes through here (terminal, CI log, and any
    machine-readable report built on the same messages).
    """
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    too_long = f"a number with more than {sys.get_int_max_str_digits():,} digits"
    try:
        text = str(value)  # a float's str is its repr: the shortest that reads back
    except ValueError:  # an int with more digits than Python converts (sys.int_info)
        return too_long if isinstance(value, int) else f"a {type(value).__name__} with {too_long}"
    if isinstance(value, int | float):
        return excerpt(text, limit)
    return f"'{excerpt(text, limit)}'"


def display_path(path: Path | str) -> str:
    """A file name as printed at the start of a line: escaped, and never starting ``::``."""
    text = escape_controls(str(path))
    return f"./{text}" if text.startswith("::") else text


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
            where = display_path(self.path)
            if self.line is not None:
                where += f":{self.line}:{self.column or 1}"
            where += ": "
        key = f"{self.key_path}: " if self.key_path else ""
        hint = f" ({self.hint})" if self.hint else ""
        warning = "warning: " if self.severity == "warning" else ""
        return escape_controls(f"{where}{warning}{key}{self.message}{hint}")


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


MAX_PROBLEMS_PER_FILE = 100
"""The most problems (and, apart, warnings) reported for one file: a brief of 480 KB gave
120,000 errors, 33 MB of output and as many CI annotations. The first hundred show what
is wrong; the rest are counted."""


def capped(problems: list[Problem], limit: int = MAX_PROBLEMS_PER_FILE) -> list[Problem]:
    """The first ``limit`` problems, then one saying how many more there are."""
    if len(problems) <= limit:
        return problems
    kept = problems[:limit]
    last = kept[-1]
    more = Problem(
        f"... and {len(problems) - limit:,} more",
        last.path,
        hint=f"briefgen lists the first {limit} of a file; fix those and run it again",
        severity=last.severity,
    )
    return [*kept, more]


def as_error(warning: Problem) -> Problem:
    """A warning made an error, as ``--strict`` wants it."""
    return replace(warning, severity="error")


def unexpected_problem(error: BaseException, path: Path | None) -> Problem:
    """A bug in briefgen as one problem: the exception's type and an excerpt of its text.

    Only an excerpt: a library's message may quote a whole value of the brief (python-docx
    quoted a 300-character title), and a brief may really be a credentials file.
    """
    return Problem(
        f"briefgen failed unexpectedly: {type(error).__name__}: {excerpt(str(error))}",
        path,
        hint="this is a bug in briefgen: please report it with the brief",
    )


def bug_traceback(error: BaseException) -> str:
    """``error``'s traceback with each exception's text cut to an excerpt, as above.

    The frames show briefgen's and its libraries' code, never the brief's values; the
    exceptions' texts may quote them.
    """
    import traceback

    lines: list[str] = []
    current: BaseException | None = error
    seen: set[int] = set()
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = "".join(traceback.format_tb(current.__traceback__))
        text = f"{type(current).__name__}: {excerpt(str(current))}"
        lines.insert(0, f"Traceback (most recent call last):\n{frames}{text}\n")
        current = current.__cause__ or current.__context__
    return "\nDuring the handling of the above, another exception occurred:\n\n".join(lines)

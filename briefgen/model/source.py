"""Where a brief's keys and values stand in its file: what every located message points at.

Loading parses YAML into a :class:`SourceDocument`; the model keeps it beside the validated
brief, and renderers name a key path in their messages, so it lives below all three.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefgen.errors import Problem, excerpt

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class SourceDocument:
    """Plain data read from a YAML file, with the position of each key and value."""

    path: Path
    data: Any
    key_positions: dict[KeyPath, Position] = field(default_factory=dict)
    value_positions: dict[KeyPath, Position] = field(default_factory=dict)
    value_ends: dict[KeyPath, Position] = field(default_factory=dict)
    spelled: dict[KeyPath, str] = field(default_factory=dict)  # how each true/false was typed
    problems: list[Problem] = field(default_factory=list)  # kept when parsed with strict=False
    warnings: list[Problem] = field(default_factory=list)  # likely mistakes that still parse
    text: str = ""  # the file's text, to point inside a value (e.g. at one character)
    _lines_of: str | None = field(default=None, repr=False, compare=False)
    _split_lines: list[str] = field(default_factory=list, repr=False, compare=False)

    def position_of(self, key_path: KeyPath, *, prefer_key: bool = False) -> Position:
        """The best position for a (possibly partly invalid) key path.

        Walks up to the nearest ancestor we know, so a missing field points at the
        mapping that should hold it.
        """
        for end in range(len(key_path), -1, -1):
            prefix = key_path[:end]
            first, second = (
                (self.key_positions, self.value_positions)
                if prefer_key
                else (self.value_positions, self.key_positions)
            )
            if prefix in first:
                return first[prefix]
            if prefix in second:
                return second[prefix]
        return Position(1, 1)

    @property
    def lines(self) -> list[str]:
        """The file's lines, split once (a check may point at hundreds of places)."""
        if self._lines_of != self.text:
            self._split_lines = self.text.splitlines()
            self._lines_of = self.text
        return self._split_lines

    def position_in_value(
        self, key_path: KeyPath, needle: str, after: Position | None = None, *, word: bool = False
    ) -> Position:
        """Where ``needle`` is written inside the value at ``key_path`` (on any of its
        lines: the fourth line of a paragraph, not its first); else the value's start.

        ``after``: search from there on, so that the second of two alike things in one
        value (two sentences, one word said twice) is found at its own place. ``word``: only
        where ``needle`` stands as a whole word ("ot" is not found inside "not")."""
        start = self.position_of(key_path)
        if after is not None and (after.line, after.column) > (start.line, start.column):
            start = after
        end = self.value_ends.get(key_path)
        lines = self.lines
        last = min(end.line if end is not None else start.line, len(lines))
        escaped = re.escape(needle)
        pattern = re.compile(rf"(?<!\w){escaped}(?!\w)" if word else escaped)
        for number in range(start.line - 1, last):
            column = start.column - 1 if number == start.line - 1 else 0
            found = pattern.search(lines[number], column)
            if found is not None:
                return Position(number + 1, found.start() + 1)
        return start


def format_key_path(key_path: KeyPath) -> str:
    """``("sections", 2, "items", 0)`` -> ``sections[2].items[0]``."""
    text = ""
    for part in key_path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:  # a key is the user's text: escaped and cut like any quoted value
            text += f".{excerpt(part)}" if text else excerpt(part)
    return text

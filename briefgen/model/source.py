"""Where a brief's keys and values stand in its file: what every located message points at.

Loading parses YAML into a :class:`SourceDocument`; the model keeps it beside the validated
brief, and renderers name a key path in their messages, so it lives below all three.
"""

from __future__ import annotations

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
    problems: list[Problem] = field(default_factory=list)  # kept when parsed with strict=False
    warnings: list[Problem] = field(default_factory=list)  # likely mistakes that still parse
    text: str = ""  # the file's text, to point inside a value (e.g. at one character)

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


def format_key_path(key_path: KeyPath) -> str:
    """``("sections", 2, "items", 0)`` -> ``sections[2].items[0]``."""
    text = ""
    for part in key_path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:  # a key is the user's text: escaped and cut like any quoted value
            text += f".{excerpt(part)}" if text else excerpt(part)
    return text

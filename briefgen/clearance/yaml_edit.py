"""Edits of a brief's YAML text in place: only the changed values' bytes change.

A cleared brief goes back into the user's file, which keeps its comments, key order,
quoting, blank lines and line endings: a reviewer's diff shows the cleared words only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from briefgen.errors import BriefError

YamlPath = tuple[str | int, ...]
"""Keys and list indices as they appear in the YAML file (language keys such as ``'en'``
included); indices are those of the original document."""


@dataclass(frozen=True)
class SetText:
    """Replace the string scalar at ``path`` by ``text``."""

    path: YamlPath
    text: str


@dataclass(frozen=True)
class InsertItem:
    """A new item in the list at ``path`` before the original ``index`` (``len`` appends)."""

    path: YamlPath
    index: int
    value: str | Mapping[str, object]


@dataclass(frozen=True)
class DeleteItem:
    """Remove item ``index`` of the list at ``path``."""

    path: YamlPath
    index: int


@dataclass(frozen=True)
class MoveItem:
    """Move item ``from_index`` of the list at ``path`` before original ``to_index``."""

    path: YamlPath
    from_index: int
    to_index: int


@dataclass(frozen=True)
class AddComment:
    """A ``# ...`` YAML comment line just above the field at ``path``."""

    path: YamlPath
    text: str


Edit = SetText | InsertItem | DeleteItem | MoveItem | AddComment


class YamlEditError(BriefError):
    """An edit that cannot be made: the message names the path and why."""


def apply_edits(source: str, edits: Sequence[Edit]) -> str:
    """``source`` with ``edits`` made, every other byte as it was."""
    raise NotImplementedError

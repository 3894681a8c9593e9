"""Runs of formatted text (as a Word paragraph holds them) written as briefgen's Markdown."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class InlineRun:
    """A piece of text with one format: bold, italic, a link."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None
    code: bool = False


def runs_to_markdown(runs: Sequence[InlineRun]) -> str:
    """The inline Markdown that briefgen renders back as exactly these runs."""
    raise NotImplementedError

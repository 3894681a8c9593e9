"""The limits the output formats impose, and the document properties they apply to.

Here, below both loading and rendering: loading checks a brief against them at its line
(:mod:`briefgen.loading.limits`), and the renderers shorten to them, so the two measure
the same text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefgen.model.brief import Brief
from briefgen.model.inline import to_plain

WORD_PROPERTY_MAX_CHARS = 255
"""The most characters a Word document's core property (title, author, subject,
keywords) holds: python-docx refuses more, and Word's own dialogs cut there."""

WORD_TABLE_MAX_COLUMNS = 63
"""The most columns a Word table holds (Word's documented limit)."""


@dataclass(frozen=True)
class Metadata:
    """The document properties every format writes (PDF metadata, HTML head, DOCX core
    properties), as plain text."""

    title: str
    author: str
    subject: str
    keywords: list[str]
    date: str


_NOT_IN_METADATA = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def metadata_text(text: str) -> str:
    """Plain text fit for the PDF's metadata (XMP is XML): formatting taken away, tabs and
    line breaks as spaces, other control characters dropped.

    Loading refuses control characters at their line; this keeps the XML well-formed
    for a :class:`Brief` built by other means.
    """
    plain = re.sub(r"[\t\n\r]", " ", to_plain(text))
    return _NOT_IN_METADATA.sub("", plain).strip()


def metadata(brief: Brief) -> Metadata:
    evaluation = brief.evaluation
    keywords = list(brief.keywords) or [
        programme.code for programme in evaluation.programmes if programme.code
    ]
    subject = brief.summary or f"{evaluation.type}: {evaluation.title}"
    return Metadata(
        title=metadata_text(evaluation.title) or metadata_text(evaluation.type),
        author=metadata_text(brief.organisation.name),
        subject=metadata_text(subject),
        keywords=[metadata_text(keyword) for keyword in keywords],
        date=brief.date.iso() if brief.date.day else f"{brief.date.iso()}-01",
    )


def clip_at_word(text: str, limit: int = WORD_PROPERTY_MAX_CHARS) -> str:
    """``text`` if it fits in ``limit`` characters, else its start cut after a whole word
    (mid-word only when the first word alone is too long), ending in ``…``."""
    if len(text) <= limit:
        return text
    start = text[: limit - 1]
    if not text[limit - 1].isspace():  # the cut is inside a word: drop that word
        before, space, _ = start.rpartition(" ")
        start = before if space and before.strip() else start
    return start.rstrip(" ,;:-") + "…"

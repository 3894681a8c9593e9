"""Step 3: the brief as each output. ``view/`` is the format-neutral view every writer
reads, ``figures/`` draws charts and maps, ``jinja/`` fills templates (``html.py``: the web
page and the print HTML; ``markdown.py``), ``pdf/`` lays the print HTML out with WeasyPrint,
``docx/`` writes Word directly.

:data:`WRITERS` is the one list of document formats: the API dispatches through it, and the
command line's formats and the JSON report's kinds are spelled from it. Each writer imports
its module when first used, so ``--help`` and ``validate`` never import WeasyPrint.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    from briefgen.model.loaded import LoadedBrief

DocumentFormat = Literal["pdf", "html", "md", "docx"]
"""A format a writer makes from the brief itself; page images are drawn from the PDF."""
OutputKind = Literal[DocumentFormat, "png", "thumbnail"]
"""Every kind of file a render writes."""


class Document(NamedTuple):
    """One format's bytes, with the PDF's page count and what ``--fit`` tightened."""

    content: bytes
    pages: int | None = None
    fit: str | None = None  # Typesetting.describe() of the step --fit chose, if any


class WriterSettings(NamedTuple):
    """What a render asks of a writer beyond the brief: ``--fit``, ``--reference-docx``."""

    fit: bool = False
    reference_docx: Path | None = None


def _pdf(loaded: LoadedBrief, settings: WriterSettings) -> Document:
    from briefgen.render.pdf.budget import lay_out_within_budget
    from briefgen.render.pdf.engine import PdfEngine

    engine = PdfEngine()
    fit = settings.fit or loaded.brief.layout.fit
    report, chosen = lay_out_within_budget(loaded, engine, fit=fit)
    return Document(engine.write(), report.pages, chosen.describe() if chosen else None)


def _html(loaded: LoadedBrief, settings: WriterSettings) -> Document:
    from briefgen.render.html import render_html

    return Document(render_html(loaded).encode("utf-8"))


def _markdown(loaded: LoadedBrief, settings: WriterSettings) -> Document:
    from briefgen.render.markdown import render_markdown

    return Document(render_markdown(loaded).encode("utf-8"))


def _docx(loaded: LoadedBrief, settings: WriterSettings) -> Document:
    from briefgen.render.docx.brief import render_docx

    return Document(render_docx(loaded, settings.reference_docx))


Writer = Callable[["LoadedBrief", WriterSettings], Document]

WRITERS: dict[DocumentFormat, Writer] = {"pdf": _pdf, "html": _html, "md": _markdown, "docx": _docx}
"""Each document format's writer, in the order ``all`` renders them."""

DOCUMENT_FORMATS: tuple[DocumentFormat, ...] = tuple(WRITERS)

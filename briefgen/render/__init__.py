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
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

from briefgen.errors import BriefError

if TYPE_CHECKING:
    from briefgen.errors import Problem
    from briefgen.model.loaded import LoadedBrief

DocumentFormat = Literal["pdf", "html", "md", "docx"]
"""A format a writer makes from the brief itself; page images are drawn from the PDF."""
OutputKind = Literal[DocumentFormat, "png", "thumbnail"]
"""Every kind of file a render writes."""


FOR_HOLES = " to close an empty area"
"""Ends a Document's ``fit`` when ``--fit`` set a brief within its budget tighter, only to
close an empty area or lift a stranded heading (render/pdf/budget.py), not to fit."""


class Document(NamedTuple):
    """One format's bytes, with the PDF's page count, what ``--fit`` tightened and the
    layout inspector's warnings about its pages."""

    content: bytes
    pages: int | None = None
    fit: str | None = None  # Typesetting.describe() of the step --fit chose, if any
    warnings: tuple[Problem, ...] = ()


class WriterSettings(NamedTuple):
    """What a render asks of a writer beyond the brief: ``--fit``, ``--reference-docx``."""

    fit: bool = False
    reference_docx: Path | None = None


@dataclass
class PdfOverBudget(BriefError):
    """The PDF ran past its page budget: the overflow error, and the PDF as designed (its
    warnings: each page's fill, then the layout inspector's), for the author to look at."""

    document: Document | None = field(default=None, compare=False)


def _pdf(loaded: LoadedBrief, settings: WriterSettings) -> Document:
    from briefgen.render.pdf.budget import PastBudget, lay_out_within_budget, page_fill_warning
    from briefgen.render.pdf.engine import PdfEngine
    from briefgen.render.pdf.inspector import layout_warnings
    from briefgen.render.view.names import names_kept_whole

    engine = PdfEngine()
    names = names_kept_whole(loaded.brief)
    fit = settings.fit or loaded.brief.layout.fit
    try:
        report, chosen = lay_out_within_budget(loaded, engine, fit=fit)
    except PastBudget as error:
        assert error.report is not None
        warnings = (
            page_fill_warning(error.report, loaded),
            *layout_warnings(engine.document.pages, loaded.brief.language, loaded.path, names),
        )
        over = Document(engine.write(), error.report.pages, None, warnings)
        raise PdfOverBudget(error.problems, over) from None
    warnings = layout_warnings(
        engine.document.pages, loaded.brief.language, loaded.path, names, fit_tried=fit
    )
    fitted = None
    if chosen is not None:
        fitted = chosen.setting.describe() + (FOR_HOLES if chosen.for_holes else "")
    return Document(engine.write(), report.pages, fitted, warnings)


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

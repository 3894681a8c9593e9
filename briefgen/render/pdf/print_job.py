"""A brief as the PDF engine's input: print HTML plus the files it may read."""

from __future__ import annotations

from briefgen.model.loaded import LoadedBrief
from briefgen.render.html import render_html
from briefgen.render.pdf.engine import PrintJob
from briefgen.render.view.context import Typesetting


def _allowed_files(loaded: LoadedBrief) -> frozenset[str]:
    """The only local files the engine may open: checked images and the logo.

    Downloaded images have no file: they reach the engine as data: URIs, like the fonts
    (subset to the brief's characters, see :func:`briefgen.render.view.fonts.font_sources`).
    """
    images = [*loaded.resources.images.values(), loaded.resources.logo]
    allowed = {image.path.as_uri() for image in images if image and image.path}
    return frozenset(allowed)


def print_job(loaded: LoadedBrief, typesetting: Typesetting | None = None) -> PrintJob:
    """The print HTML of a brief, set with ``typesetting`` (the designed look by default)."""
    return PrintJob(
        html=render_html(loaded, for_print=True, typesetting=typesetting or Typesetting()),
        base_url=loaded.resources.folder.as_uri() + "/",
        allowed_files=_allowed_files(loaded),
        variant=loaded.brief.layout.pdf_variant,
        source=str(loaded.path),
    )

"""Options shared by several commands, declared once so they read the same everywhere.

Typer declares options as default values; one declaration can serve several commands.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from briefgen.model.variants import PDF_VARIANTS

if TYPE_CHECKING:
    from briefgen.api import RenderOptions

DEFAULT_BRIEF = Path("data/brief.yaml")


class FormatChoice(StrEnum):
    pdf = "pdf"
    html = "html"
    md = "md"
    all = "all"


def chosen_formats(formats: list[FormatChoice]) -> list[str]:
    """The formats named, with ``all`` standing for every one (in pdf, html, md order)."""
    if FormatChoice.all in formats:
        return [choice.value for choice in FormatChoice if choice is not FormatChoice.all]
    return [choice.value for choice in formats]


def render_options(
    max_pages: int | None,
    fit: bool,
    pdf_variant: StrEnum | None,
    templates: Path | None,
    allow_remote_images: bool,
    allow_outside_files: bool,
) -> RenderOptions:
    """The library's options from the command line's; a templates path must be a folder."""
    from briefgen.api import RenderOptions
    from briefgen.errors import BriefError

    if templates is not None and not templates.is_dir():
        raise BriefError.single("is not a folder of templates", templates)
    variant = pdf_variant.value if pdf_variant is not None else None
    return RenderOptions(
        max_pages, fit, variant, templates, allow_remote_images, allow_outside_files
    )


PdfVariantChoice = StrEnum("PdfVariantChoice", {name: name for name in PDF_VARIANTS})  # type: ignore[misc]

FORMATS = typer.Option(
    [FormatChoice.all], "--format", "-f", help="Output format; repeat for several."
)
OUTPUT_DIR = typer.Option(Path("out"), "--output-dir", "-o", help="Folder to write to.")
MAX_PAGES = typer.Option(
    None, "--max-pages", min=1, help="Page budget of the PDF [default: layout.max_pages, 2]."
)
FIT = typer.Option(
    False, "--fit", help="Tighten spacing, leading, then size until the PDF fits its budget."
)
PDF_VARIANT = typer.Option(
    None,
    "--pdf-variant",
    metavar="VARIANT",
    help="PDF standard to meet: " + ", ".join(PDF_VARIANTS) + " [default: layout.pdf_variant,"
    " pdf/ua-1].",
)
TEMPLATES = typer.Option(
    None, "--templates", help="Folder of templates that override the built-in ones by name."
)
ALLOW_REMOTE_IMAGES = typer.Option(
    False,
    "--allow-remote-images",
    help="Embed http(s) images, downloaded once (10 s and 5 MB at most).",
    show_default=False,
)
ALLOW_OUTSIDE_FILES = typer.Option(
    False,
    "--allow-outside-files",
    help="Accept image files outside the brief's folder, and file:// URLs.",
    show_default=False,
)
STRICT = typer.Option(
    False, "--strict", help="Treat warnings (an empty section...) as errors, for CI."
)
QUIET = typer.Option(False, "--quiet", "-q", help="Print nothing but errors.")

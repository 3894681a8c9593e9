"""``briefgen render``: briefs to PDF, HTML and Markdown files."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from briefgen.cli.console import register_command, user_errors
from briefgen.model.variants import PDF_VARIANTS

DEFAULT_BRIEF = Path("data/brief.yaml")


class FormatChoice(StrEnum):
    pdf = "pdf"
    html = "html"
    md = "md"
    all = "all"


PdfVariantChoice = StrEnum("PdfVariantChoice", {name: name for name in PDF_VARIANTS})  # type: ignore[misc]


def render(
    briefs: list[Path] = typer.Argument(
        None,
        help="Brief YAML files, folders or quoted globs [default: data/brief.yaml].",
        show_default=False,
    ),
    formats: list[FormatChoice] = typer.Option(
        [FormatChoice.all], "--format", "-f", help="Output format; repeat for several."
    ),
    output_dir: Path = typer.Option(Path("out"), "--output-dir", "-o", help="Folder to write to."),
    max_pages: int | None = typer.Option(
        None, "--max-pages", min=1, help="Page budget of the PDF [default: layout.max_pages, 2]."
    ),
    fit: bool = typer.Option(
        False, "--fit", help="Tighten spacing, leading, then size until the PDF fits its budget."
    ),
    pdf_variant: PdfVariantChoice | None = typer.Option(
        None,
        "--pdf-variant",
        metavar="VARIANT",
        help="PDF standard to meet: " + ", ".join(PDF_VARIANTS) + " [default: layout.pdf_variant,"
        " pdf/ua-1].",
    ),
    templates: Path | None = typer.Option(
        None, "--templates", help="Folder of templates that override the built-in ones by name."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
    jobs: int | None = typer.Option(
        None,
        "--jobs",
        "-j",
        min=1,
        help="Worker processes for several briefs [default: the cores]; 1 = in this process.",
    ),
) -> None:
    """Render briefs to PDF, HTML and Markdown.

    Example: briefgen render data/brief.yaml -f pdf -o out
    """
    from briefgen.api import FORMATS, RenderOptions
    from briefgen.errors import BriefError

    chosen = FORMATS if FormatChoice.all in formats else tuple(f.value for f in formats)
    with user_errors():
        if templates is not None and not templates.is_dir():
            raise BriefError.single("is not a folder of templates", templates)
        variant = pdf_variant.value if pdf_variant is not None else None
        options = RenderOptions(max_pages, fit, variant, templates)
        from briefgen.cli.batch import run_render

        paths = briefs or [DEFAULT_BRIEF]
        run_render(paths, chosen, output_dir, options, jobs, quiet)  # type: ignore[arg-type]


def register(app: typer.Typer) -> None:
    register_command(app, "render", render)

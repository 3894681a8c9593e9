"""``briefgen render``: briefs to PDF, HTML and Markdown files."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from briefgen.cli.console import register_command, user_errors
from briefgen.model.variants import PDF_VARIANTS

if TYPE_CHECKING:
    from briefgen.render.pdf import Engine

DEFAULT_BRIEF = Path("data/brief.yaml")
ALLOW_REMOTE_HELP = "Embed http(s) images, downloaded once (10 s and 5 MB at most)."
ALLOW_OUTSIDE_HELP = "Accept image files outside the brief's folder, and file:// URLs."


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
    allow_remote_images: bool = typer.Option(
        False, "--allow-remote-images", help=ALLOW_REMOTE_HELP, show_default=False
    ),
    allow_outside_files: bool = typer.Option(
        False, "--allow-outside-files", help=ALLOW_OUTSIDE_HELP, show_default=False
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
    everything = [choice.value for choice in FormatChoice if choice is not FormatChoice.all]
    chosen = everything if FormatChoice.all in formats else [f.value for f in formats]
    paths = briefs or [DEFAULT_BRIEF]
    engine = _warm_engine_for(paths, chosen, jobs)  # first: it works while we import and read
    from briefgen.api import RenderOptions
    from briefgen.cli.batch import run_render
    from briefgen.errors import BriefError

    with user_errors():
        if templates is not None and not templates.is_dir():
            raise BriefError.single("is not a folder of templates", templates)
        variant = pdf_variant.value if pdf_variant is not None else None
        options = RenderOptions(
            max_pages, fit, variant, templates, allow_remote_images, allow_outside_files
        )
        run_render(paths, chosen, output_dir, options, jobs, quiet, engine)  # type: ignore[arg-type]


def _warm_engine_for(paths: list[Path], formats: list[str], jobs: int | None) -> Engine | None:
    """For one brief's PDF, WeasyPrint is imported in a second process while the main one
    imports briefgen's models and reads the brief (see briefgen/render/warm_engine.py)."""
    single_file = len(paths) == 1 and not paths[0].is_dir() and not set("*?[") & set(str(paths[0]))
    if not single_file or "pdf" not in formats or jobs == 1:
        return None
    from briefgen.render.warm_engine import WarmPdfEngine, can_warm_up

    return WarmPdfEngine() if can_warm_up() else None


def register(app: typer.Typer) -> None:
    register_command(app, "render", render)

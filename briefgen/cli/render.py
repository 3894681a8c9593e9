"""``briefgen render``: briefs to PDF, HTML and Markdown files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from briefgen.cli import options as shared
from briefgen.cli.console import register_command, user_errors
from briefgen.cli.options import (
    PdfVariantChoice,
    chosen_formats,
    render_options,
)

if TYPE_CHECKING:
    from briefgen.render.pdf import Engine


def render(
    briefs: list[Path] = shared.BRIEFS,
    formats: list[str] = shared.FORMATS,
    output_dir: Path = shared.OUTPUT_DIR,
    max_pages: int | None = shared.MAX_PAGES,
    fit: bool = shared.FIT,
    pdf_variant: PdfVariantChoice | None = shared.PDF_VARIANT,
    templates: Path | None = shared.TEMPLATES,
    allow_remote_images: bool = shared.ALLOW_REMOTE_IMAGES,
    allow_outside_files: bool = shared.ALLOW_OUTSIDE_FILES,
    strict: bool = shared.STRICT,
    allow_private_addresses: bool = shared.ALLOW_PRIVATE_ADDRESSES,
    quiet: bool = shared.QUIET,
    jobs: int | None = typer.Option(
        None,
        "--jobs",
        "-j",
        metavar="N",
        callback=shared.at_least(1),
        help="Worker processes for several briefs [default: the cores]; 1 = in this process.",
    ),
) -> None:
    """Render briefs to PDF, HTML and Markdown.

    Example: briefgen render data/brief.yaml -f pdf -o out
    """
    chosen = chosen_formats(formats)
    with user_errors():
        paths = shared.brief_arguments(briefs)
    engine = _warm_engine_for(paths, chosen, jobs)  # first: it works while we import and read
    from briefgen.cli.batch import run_render

    with user_errors():
        options = render_options(
            max_pages,
            fit,
            pdf_variant,
            templates,
            allow_remote_images,
            allow_outside_files,
            allow_private_addresses=allow_private_addresses,
        )
        run_render(paths, chosen, output_dir, options, jobs, quiet, engine, strict)  # type: ignore[arg-type]


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

"""``briefgen render``: briefs to PDF, HTML, Markdown and Word files."""

from __future__ import annotations

from pathlib import Path

import typer

from briefgen.cli import options as shared
from briefgen.cli.console import register_command, user_errors
from briefgen.cli.options import (
    chosen_formats,
    load_options,
    render_options,
)
from briefgen.cli.results import ResultChannels, parse_reports
from briefgen.errors import BriefError


def render(
    context: typer.Context,  # its params carry the options to the library (cli/options.py)
    briefs: list[Path] = shared.BRIEFS,
    formats: list[str] = shared.FORMATS,
    output_dir: Path = shared.OUTPUT_DIR,
    max_pages: int | None = shared.MAX_PAGES,
    fit: bool = shared.FIT,
    pdf_variant: str | None = shared.PDF_VARIANT,
    templates: Path | None = shared.TEMPLATES,
    allow_remote_images: bool = shared.ALLOW_REMOTE_IMAGES,
    allow_outside_files: bool = shared.ALLOW_OUTSIDE_FILES,
    language: str | None = shared.LANGUAGE,
    strict: bool = shared.STRICT,
    allow_private_addresses: bool = shared.ALLOW_PRIVATE_ADDRESSES,
    dpi: int = shared.DPI,
    thumbnail: bool = shared.THUMBNAIL,
    output_format: str = shared.OUTPUT_FORMAT,
    reports: list[str] = shared.REPORT,
    reference_docx: Path | None = shared.REFERENCE_DOCX,
    timeout: float = shared.TIMEOUT,
    quiet: bool = shared.QUIET,
    jobs: int | None = typer.Option(
        None,
        "--jobs",
        "-j",
        metavar="N",
        callback=shared.at_least(1),
        help="Worker processes rendering briefs side by side [default: the cores].",
    ),
) -> None:
    """Render briefs to PDF, HTML, Markdown and Word (DOCX).

    Example: briefgen render data/brief.yaml -f pdf -o out
    """
    chosen = chosen_formats(formats)
    channels = ResultChannels(output_format == "json", tuple(parse_reports(reports)))
    with user_errors():
        try:
            paths = shared.brief_arguments(briefs)
        except BriefError as error:
            channels.fail("render", error)
    from briefgen.batch import RenderRequest
    from briefgen.cli.render_progress import run_render

    with user_errors():
        try:
            options = render_options(context.params)
        except BriefError as error:
            channels.fail("render", error)
        request = RenderRequest(
            chosen,  # type: ignore[arg-type]
            output_dir,
            options,
            jobs=jobs,
            timeout=timeout,
            strict=strict,
            load_options=load_options(context.params),
        )
        run_render(paths, request, quiet, channels)


def register(app: typer.Typer) -> None:
    register_command(app, "render", render)

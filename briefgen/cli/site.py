"""``briefgen site``: a folder of briefs as a static website, ready for GitHub Pages."""

from __future__ import annotations

from pathlib import Path

import typer

from briefgen.cli import options as shared
from briefgen.cli.console import make_console, print_problems, register_command, user_errors
from briefgen.cli.options import load_options, render_options
from briefgen.errors import BriefError, Problem, display_path


def site(
    context: typer.Context,  # its params carry the options to the library (cli/options.py)
    briefs: list[Path] = typer.Argument(
        ..., metavar="BRIEF...", help="Brief YAML files, folders or quoted globs."
    ),
    output_dir: Path = typer.Option(
        Path("public"), "--output-dir", "-o", metavar="DIR", help="Folder to write the site to."
    ),
    title: str = typer.Option(
        "Evaluation briefs", "--title", metavar="TEXT", help="The index page's heading."
    ),
    templates: Path | None = shared.TEMPLATES,
    allow_remote_images: bool = shared.ALLOW_REMOTE_IMAGES,
    allow_outside_files: bool = shared.ALLOW_OUTSIDE_FILES,
    allow_private_addresses: bool = shared.ALLOW_PRIVATE_ADDRESSES,
    jobs: int | None = typer.Option(
        None, "--jobs", "-j", min=1, metavar="N", help="Worker processes [default: the cores]."
    ),
    timeout: float = shared.TIMEOUT,
    quiet: bool = shared.QUIET,
) -> None:
    """Write a website of briefs: an index to filter and search, and a page per brief.

    Each brief is rendered to PDF, HTML, Markdown and Word beside a picture of its first
    page. The site needs no server or CDN: publish the folder as it is (GitHub Pages...).
    A brief that cannot be rendered is reported and left out; the exit code is then 1.

    Example: briefgen site briefs/ -o public
    """
    import os

    from briefgen.web.site import build_site

    console = make_console()
    failures = 0

    def report(path: Path, problems: list[Problem]) -> None:
        nonlocal failures
        if problems:
            failures += 1
            console.print(f"{display_path(path)}: not in the site", markup=False)
            print_problems(BriefError(problems))
        elif not quiet:
            console.print(f"{display_path(path)}: rendered", markup=False)

    with user_errors():
        result = build_site(
            briefs,
            output_dir,
            title=title,
            options=render_options(context.params),
            load_options=load_options(context.params),
            jobs=jobs or os.cpu_count() or 1,
            timeout=timeout,
            on_brief=report,
        )
        if not quiet:
            count = len(result.entries)
            console.print(
                f"wrote {display_path(result.index)}: {count} brief{'s' * (count != 1)}",
                markup=False,
            )
    if failures:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    register_command(app, "site", site)

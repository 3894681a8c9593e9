"""``briefgen validate``: check briefs without rendering (never imports WeasyPrint)."""

from __future__ import annotations

from pathlib import Path

import typer

from briefgen.cli.console import make_console, register_command, user_errors
from briefgen.cli.render import ALLOW_OUTSIDE_HELP, ALLOW_REMOTE_HELP
from briefgen.errors import BriefError, Problem

DEFAULT_BRIEF = Path("data/brief.yaml")


def validate(
    briefs: list[Path] = typer.Argument(
        None, help="Brief YAML files to check [default: data/brief.yaml].", show_default=False
    ),
    allow_remote_images: bool = typer.Option(
        False, "--allow-remote-images", help=ALLOW_REMOTE_HELP, show_default=False
    ),
    allow_outside_files: bool = typer.Option(
        False, "--allow-outside-files", help=ALLOW_OUTSIDE_HELP, show_default=False
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
) -> None:
    """Check briefs for mistakes without rendering them.

    Example: briefgen validate data/brief.yaml
    """
    from briefgen.api import load_brief

    problems: list[Problem] = []
    console = make_console()
    for path in briefs or [DEFAULT_BRIEF]:
        try:
            load_brief(
                path,
                allow_remote_images=allow_remote_images,
                allow_outside_files=allow_outside_files,
            )
        except BriefError as error:
            problems += error.problems
        else:
            if not quiet:
                console.print(f"{path}: ok", markup=False)
    with user_errors():
        if problems:
            raise BriefError(problems)


def register(app: typer.Typer) -> None:
    register_command(app, "validate", validate)

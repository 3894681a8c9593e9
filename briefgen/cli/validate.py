"""``briefgen validate``: check briefs without rendering (never imports WeasyPrint)."""

from __future__ import annotations

from pathlib import Path

import typer

from briefgen.cli import options as shared
from briefgen.cli.console import make_console, print_warnings, register_command, user_errors
from briefgen.errors import BriefError, Problem, as_error


def validate(
    briefs: list[Path] = shared.BRIEFS,
    allow_remote_images: bool = shared.ALLOW_REMOTE_IMAGES,
    allow_outside_files: bool = shared.ALLOW_OUTSIDE_FILES,
    strict: bool = shared.STRICT,
    allow_private_addresses: bool = shared.ALLOW_PRIVATE_ADDRESSES,
    quiet: bool = shared.QUIET,
) -> None:
    """Check briefs for mistakes without rendering them.

    Example: briefgen validate data/brief.yaml
    """
    from briefgen.api import load_brief
    from briefgen.batch import expand_paths

    problems: list[Problem] = []
    console = make_console()
    with user_errors():
        paths = expand_paths(shared.brief_arguments(briefs))
    for path in paths:
        try:
            loaded = load_brief(
                path,
                allow_remote_images=allow_remote_images,
                allow_outside_files=allow_outside_files,
                allow_private_addresses=allow_private_addresses,
            )
        except BriefError as error:
            problems += error.problems
            continue
        if strict and loaded.warnings:
            problems += [as_error(warning) for warning in loaded.warnings]
            continue
        print_warnings(loaded.warnings)
        if not quiet:
            console.print(f"{path}: ok", markup=False)
    with user_errors():
        if problems:
            raise BriefError(problems)


def register(app: typer.Typer) -> None:
    register_command(app, "validate", validate)

"""``briefgen translate``: list a brief's texts still in one language, in a file to translate."""

from __future__ import annotations

from pathlib import Path

import typer

from briefgen.cli import options as shared
from briefgen.cli.console import register_command, user_errors


def translate(
    brief: Path = typer.Argument(..., metavar="BRIEF", help="The brief's YAML file."),
    to: str = typer.Option(
        ...,
        "--to",
        metavar="LANG",
        callback=shared.language_code(or_all=False),
        help="The language to translate into: one of the brief's 'languages'.",
    ),
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        metavar="FILE",
        help="The translation file [default: BRIEF's name with .LANG, e.g. brief.fr.yaml].",
    ),
) -> None:
    """Write the brief's texts still in one language to a file to translate.

    The file (brief.fr.yaml beside brief.yaml) lists each text under its path, with the
    text above it as a comment: write the translation after the colon. briefgen reads it
    whenever it renders the brief in that language. Run it again after editing the
    brief: the texts added since are appended; those translated are kept.

    Example: briefgen translate brief.yaml --to fr
    """
    from briefgen.api import write_translation_list

    with user_errors():
        target, added = write_translation_list(brief, to, output)
        if added:
            typer.echo(f"wrote {added} text{'s' * (added != 1)} to translate in {target}")
        else:
            typer.echo(f"nothing left to translate into '{to}': {target} is unchanged")


def register(app: typer.Typer) -> None:
    register_command(app, "translate", translate)

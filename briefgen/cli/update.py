"""``briefgen update``: a DOCX reviewed in Word back into the brief's YAML."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from briefgen.cli import options as shared
from briefgen.cli.console import make_console, register_command, user_errors
from briefgen.errors import display_path, escape_controls


def update(
    context: typer.Context,  # its params carry the options to the library (cli/options.py)
    brief: Path = typer.Argument(..., metavar="BRIEF", help="The YAML the DOCX was made from."),
    reviewed: Path = typer.Option(
        ..., "--from", metavar="DOCX", help="The reviewed Word file (made by briefgen render)."
    ),
    changes: str | None = typer.Option(
        None,
        "--changes",
        metavar="<accept|reject>",
        callback=shared.choice(("accept", "reject")),
        help="Accept or reject every tracked change [default: list open ones and stop].",
    ),
    comments: str = typer.Option(
        "list",
        "--comments",
        metavar="<list|yaml>",
        callback=shared.choice(("list", "yaml")),
        help="Reviewers' comments: list them, or also write them as YAML comments.",
    ),
    write: bool = typer.Option(
        False, "--write", help="Write the updated YAML over BRIEF [default: show the diff only]."
    ),
    language: str | None = typer.Option(
        None,
        "--lang",
        metavar="CODE",
        callback=shared.language_code(or_all=False),
        help="A brief in several languages: the DOCX's [default: the one it records].",
    ),
    reference_docx: Path | None = shared.REFERENCE_DOCX,
    allow_remote_images: bool = shared.ALLOW_REMOTE_IMAGES,
    allow_outside_files: bool = shared.ALLOW_OUTSIDE_FILES,
    allow_private_addresses: bool = shared.ALLOW_PRIVATE_ADDRESSES,
) -> None:
    """Bring a reviewed Word file's edits back into the brief's YAML, as a diff.

    Each edited text goes back to its field; paragraphs and list items added, deleted
    or moved become list items; edits with no place in the YAML (a label, a footer, a
    picture) are listed. Only the changed values change in the file.

    Example: briefgen update data/brief.yaml --from reviewed.docx --changes accept --write
    """
    from briefgen.api import update_brief, write_update
    from briefgen.cli.options import load_options

    err = make_console(stderr=True)
    with user_errors():
        result = update_brief(
            brief,
            reviewed,
            changes=changes,  # type: ignore[arg-type]  # checked by its callback
            comments_as_yaml=comments == "yaml",
            language=language,
            load_options=load_options(context.params),
            reference_docx=reference_docx,
        )
        found = result.plan
        for note in found.comments:
            err.print(
                escape_controls(
                    f"comment on {note.where} by {note.author} ({note.date}) "
                    f"on '{note.quoted}': {note.text}"
                )
            )
        for item in found.unplaced:
            err.print(escape_controls(f"not in the YAML: {item.what}, near '{item.context}'"))
        if result.stopped:
            for change in found.open_changes:
                err.print(
                    escape_controls(
                        f"open change in {change.where}: {change.kind} by {change.author} "
                        f"({change.date}): '{change.text}'"
                    )
                )
            err.print(
                f"{len(found.open_changes)} tracked changes are open: accept or reject them in "
                "Word, or give --changes accept or --changes reject",
                style="bold red",
            )
            raise typer.Exit(1)
        sys.stdout.write(result.diff())
        if not write:
            if result.after == result.before:
                err.print("no change to the YAML")
            return
        if write_update(result):
            err.print(f"wrote {display_path(brief)}")
        else:
            err.print(f"no change to the YAML: {display_path(brief)} is left as it was")


def register(app: typer.Typer) -> None:
    register_command(app, "update", update)

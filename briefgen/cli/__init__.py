"""The command line: a thin shell over :mod:`briefgen.api`, one module per command.

Every command parses its options, calls the library, prints what happened. User errors
(:class:`briefgen.errors.BriefError`) become ``file:line:col: message`` lines and exit 1,
in one place (:func:`briefgen.cli.console.user_errors`); anything else is a bug and keeps
its traceback.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import NoReturn

import typer
from typer.core import TyperArgument

from briefgen import __version__
from briefgen.cli import new, preview, render, schema, site, translate, update, validate, watch
from briefgen.cli.console import INTERRUPTED


def _metavar_only(argument: TyperArgument, ctx: object) -> str | None:
    """An argument with a plain-word metavar (``BRIEF...``) is shown without Typer's
    Python type beside it (``<list[Path]>``), which says nothing to a user."""
    return None


TyperArgument.display_type_rich = _metavar_only  # type: ignore[method-assign,assignment]

app = typer.Typer(
    name="briefgen",
    help="Make evaluation briefs (PDF, HTML, Markdown, Word) from a YAML file.",
    no_args_is_help=False,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"briefgen {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True, epilog="Example: briefgen render data/brief.yaml")
def _root(
    ctx: typer.Context,
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Make evaluation briefs (PDF, HTML, Markdown, Word) from a YAML file."""
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())


render.register(app)
validate.register(app)
new.register(app)
schema.register(app)
watch.register(app)
preview.register(app)
site.register(app)
translate.register(app)
update.register(app)


def main() -> None:
    """The ``briefgen`` command."""
    try:
        app()
    except KeyboardInterrupt:  # Ctrl+C outside a command's own handling (while importing)
        print("interrupted", file=sys.stderr)
        _end_by_sigint()
    except SystemExit as exit:
        if exit.code == INTERRUPTED:
            _end_by_sigint()
        raise


def _end_by_sigint() -> NoReturn:
    """End the process by SIGINT, after the clean-up: a shell running briefgen in a loop
    or a script stops with it only then (a child that exits 130 has, for the shell,
    handled Ctrl+C and the script goes on; https://www.cons.org/cracauer/sigint.html).

    Python does exactly this for a KeyboardInterrupt that reaches the top, after its
    normal shutdown, so raise one, with its traceback kept off the screen (the command
    has said what happened). Before, the process ended by SIGINT or exited 130 by chance:
    Python also ends by SIGINT when a KeyboardInterrupt left an ``eval`` of a string
    (``collections.namedtuple`` in a module imported at that moment), caught or not.
    """
    sys.excepthook = _quiet_interrupt
    raise KeyboardInterrupt from None


def _quiet_interrupt(
    kind: type[BaseException], error: BaseException, traceback: TracebackType | None
) -> None:
    if not issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, traceback)

"""The command line: a thin shell over :mod:`briefgen.api`, one module per command.

Every command parses its options, calls the library, prints what happened. User errors
(:class:`briefgen.errors.BriefError`) become ``file:line:col: message`` lines and exit 1,
in one place (:func:`briefgen.cli.console.user_errors`); anything else is a bug and keeps
its traceback.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import sys
import threading
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
    """The ``briefgen`` process's entry point (a program calling briefgen uses ``app``, or
    :mod:`briefgen.api`): Ctrl+C stops the command cleanly, then ends the process by
    SIGINT."""
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not if ignored
        signal.signal(signal.SIGINT, _interrupted)
    try:
        app()
    except KeyboardInterrupt:  # Ctrl+C outside a command's own handling
        print("interrupted", file=sys.stderr)
        _end_by_sigint()
    except SystemExit as stopped:
        # Typer turns a Ctrl+C the command did not handle (as it imports a module) into an
        # exit: 130 now, an abort (exit 1) in older versions.
        if stopped.code == INTERRUPTED or _CTRL_C.is_set():
            _end_by_sigint()
        raise


_CTRL_C = threading.Event()
"""Set once Ctrl+C has reached the ``briefgen`` process."""


def _interrupted(_signum: int, _frame: object) -> None:
    """Ctrl+C: the command stops, and further ones are ignored while it cleans up (a
    second Ctrl+C would cut its clean-up short and leave temporary files behind)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _CTRL_C.set()
    raise KeyboardInterrupt


def _end_by_sigint() -> NoReturn:
    """End the process by SIGINT, once the command has cleaned up: a shell running
    briefgen in a loop or a script stops with it only then (a child that exits 130 has,
    for the shell, handled Ctrl+C itself, and the script goes on;
    https://www.cons.org/cracauer/sigint.html).

    Explicitly, after the exit handlers and with the output flushed: CPython also ends a
    process by SIGINT, but by a flag that any ``eval`` of a string sets or clears, caught
    or not (a ``collections.namedtuple`` made in a module imported as Ctrl+C came made
    briefgen end by SIGINT by chance, when it meant to exit 130). Where a process cannot
    end by a signal (Windows), it exits 130.
    """
    if os.name != "posix":
        raise SystemExit(INTERRUPTED)
    atexit._run_exitfuncs()  # what finalisation would run; the rest frees memory only
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    os.kill(os.getpid(), signal.SIGINT)
    raise SystemExit(INTERRUPTED)  # not reached: the signal ends the process

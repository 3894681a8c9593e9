"""Terminal output shared by the commands: messages, errors, NO_COLOR, --quiet."""

from __future__ import annotations

import inspect
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer

from briefgen.errors import (
    BriefError,
    Problem,
    bug_traceback,
    display_path,
    unexpected_problem,
)
from briefgen.summary import human_size

if TYPE_CHECKING:
    from rich.console import Console

    from briefgen.api import Rendered


def make_console(*, stderr: bool = False) -> Console:
    from rich.console import Console  # imported when used: keeps --help fast

    # No markup, emoji or highlighting: messages quote the user's text, and "[bold]" or
    # ":x:" in a brief must be printed as typed (values are escaped by briefgen.errors).
    return Console(
        stderr=stderr,
        no_color=bool(os.environ.get("NO_COLOR")),
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=True,
    )


def print_problems(error: BriefError) -> None:
    """``file:line:col: message`` lines on stderr: the form editors and CI annotate."""
    console = make_console(stderr=True)
    for problem in error.problems:
        console.print(str(problem), markup=False)
    count = sum(problem.severity == "error" for problem in error.problems)
    if count > 1:
        console.print(f"{count} errors", style="bold red")


def print_warnings(warnings: Sequence[Problem]) -> None:
    """``file:line:col: warning: ...`` lines on stderr; they do not change the exit code."""
    if warnings:
        console = make_console(stderr=True)
        for warning in warnings:
            console.print(str(warning), markup=False, style="yellow")


INTERRUPTED = 130
"""The exit code of a command stopped by Ctrl+C (128 + SIGINT), as a library call sees it;
the ``briefgen`` process itself then ends by SIGINT (:func:`briefgen.cli.main`)."""


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl+C so that the same clean-up runs (workers killed,
    temporary files removed) before briefgen exits with 143."""


def end_if_interrupted(stop: KeyboardInterrupt) -> None:
    """For a command that runs until stopped (watch, preview), once it has stopped
    cleanly: Ctrl+C ends briefgen by SIGINT, as every command (:func:`briefgen.cli.main`);
    SIGTERM, a service manager's way to stop it, exits 0."""
    if not isinstance(stop, Terminated):
        raise typer.Exit(INTERRUPTED)


def _raise_terminated(signum: int, _frame: object) -> None:
    raise Terminated


@contextmanager
def sigterm_stops_cleanly() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set signal handlers (and receives signals)
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn a BriefError into its message and exit code 1; a bug keeps its traceback, with
    an excerpt of its message only (:func:`briefgen.errors.bug_traceback`).

    Ctrl+C (exit 130, :data:`INTERRUPTED`) and SIGTERM (exit 143) stop the command
    cleanly: worker processes are killed and no output file is left half-written.
    """
    try:
        with sigterm_stops_cleanly():
            yield
    except BriefError as error:
        print_problems(error)
        raise typer.Exit(1) from None
    except KeyboardInterrupt as error:
        if threading.current_thread() is threading.main_thread():
            # A second Ctrl+C while we stop must not end in a traceback (or exit by SIGINT).
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        stopped_by = "terminated" if isinstance(error, Terminated) else "interrupted"
        print(f"{stopped_by}: no output file was left half-written", file=sys.stderr)
        raise typer.Exit(143 if isinstance(error, Terminated) else INTERRUPTED) from None
    except (typer.Exit, typer.Abort, SystemExit):
        raise
    except Exception as error:  # a bug: its traceback, but only an excerpt of any value
        sys.stderr.write(bug_traceback(error))
        print(str(unexpected_problem(error, None)), file=sys.stderr)
        raise typer.Exit(1) from None


def register_command(app: typer.Typer, name: str, function: Callable[..., None]) -> None:
    """Add a command whose ``--help`` ends with the docstring's ``Example:`` line."""
    body, marker, example = (inspect.getdoc(function) or "").partition("Example:")
    app.command(name, help=body.strip(), epilog=(marker + example).strip() or None)(function)


def file_line(result: Rendered) -> str:
    pages = ""
    if result.pages is not None:
        pages = f", {result.pages} page" + ("" if result.pages == 1 else "s")
    if result.page is not None:
        pages = f", page {result.page} of {result.pages}"
    note = f" ({result.note})" if result.note else ""
    size = human_size(result.size)
    return f"wrote {display_path(result.path)} ({size}{pages}, {result.seconds:.2f} s){note}"

"""How ``briefgen render`` reports briefs: file lines for one, a progress bar for many."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import typer

from briefgen.batch import BatchResult, BriefOutcome, RenderRequest, expand_paths, render_many
from briefgen.cli.console import file_line, make_console, print_problems, print_warnings
from briefgen.cli.results import ResultChannels
from briefgen.errors import BriefError, Problem, display_path, escape_controls


def run_render(
    arguments: Sequence[Path],
    request: RenderRequest,
    quiet: bool,
    channels: ResultChannels | None = None,
) -> None:
    """Render every brief named (files, folders, globs) as ``request`` says; exit 1 if any
    of them failed.

    One brief prints a line per file written. Several print a progress bar on a terminal
    (nothing when piped) and one summary line; errors always go to stderr as they happen.
    ``channels`` says where the results go besides (JSON, annotations, report files).
    """
    channels = channels or ResultChannels()
    outcomes: list[BriefOutcome] = []
    run_problems: list[Problem] = []
    try:
        paths = expand_paths(arguments)
        single = len(paths) == 1
        batch = _render(paths, request, quiet, channels)
        outcomes = batch.outcomes
    except BriefError as error:  # before any brief: bad pattern, output folder, same names
        print_problems(error)
        run_problems = error.problems
    if not run_problems and not single and not quiet:
        failed = len(batch.failed)
        channels.say(
            f"rendered {len(paths) - failed} of {len(paths)} briefs "
            f"({len(batch.files)} files in {display_path(request.output_dir)})"
            f" in {batch.seconds:.1f} s" + (f"; {failed} failed" if failed else "")
        )
    if not channels.finish("render", outcomes, run_problems, step_summary=True):
        raise typer.Exit(1)


def _render(
    paths: Sequence[Path], request: RenderRequest, quiet: bool, channels: ResultChannels
) -> BatchResult:
    single = len(paths) == 1
    show_bar = not quiet and not single and not channels.json_output and sys.stdout.isatty()

    def report(outcome: BriefOutcome) -> None:
        print_warnings(outcome.warnings)
        if single and not quiet:  # a brief over its page budget fails, with files to see
            for result in outcome.results:
                channels.say(file_line(result))  # plain text: no need to import rich (~50 ms)
        if not outcome.ok:
            if outcome.bug:
                sys.stderr.write(outcome.bug)
            print_problems(BriefError(outcome.problems))

    if show_bar:
        from rich.markup import escape as rich_escape
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        # No refresh thread (auto_refresh=False): the worker pool forks while this is shown.
        with Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=make_console(),
            auto_refresh=False,
            transient=True,
        ) as progress:
            task = progress.add_task("rendering", total=len(paths))

            def advance(outcome: BriefOutcome) -> None:
                report(outcome)
                name = rich_escape(escape_controls(outcome.path.name))  # a file name, not markup
                progress.update(task, advance=1, description=name)
                progress.refresh()

            progress.refresh()
            return render_many(paths, request, on_done=advance)
    return render_many(paths, request, on_done=report)

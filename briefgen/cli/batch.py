"""How ``briefgen render`` reports briefs: file lines for one, a progress bar for many."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from briefgen.api import Format, Rendered, RenderOptions
from briefgen.batch import BatchResult, BriefOutcome, expand_paths, render_many
from briefgen.cli.console import make_console, print_problems, print_warnings
from briefgen.errors import BriefError

if TYPE_CHECKING:
    from briefgen.render.pdf import Engine


def _human_size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size >= 1024 else f"{size} B"


def file_line(result: Rendered) -> str:
    pages = f", {result.pages} pages" if result.pages is not None else ""
    note = f" ({result.note})" if result.note else ""
    return f"wrote {result.path} ({_human_size(result.size)}{pages}, {result.seconds:.2f} s){note}"


def run_render(
    arguments: Sequence[Path],
    formats: Sequence[Format],
    output_dir: Path,
    options: RenderOptions,
    jobs: int | None,
    quiet: bool,
    engine: Engine | None = None,
    strict: bool = False,
) -> None:
    """Render every brief named (files, folders, globs); exit 1 if any of them failed.

    One brief prints a line per file written. Several print a progress bar on a terminal
    (nothing when piped) and one summary line; errors always go to stderr as they happen.
    ``engine`` lays out a single brief's PDF; it is closed here, whatever happens.
    """
    try:
        paths = expand_paths(arguments)
        single = len(paths) == 1
        batch = _render(paths, formats, output_dir, options, jobs, quiet, engine, strict)
    finally:
        if engine is not None:
            engine.close()
    failed = len(batch.failed)
    if not single and not quiet:
        typer.echo(
            f"rendered {len(paths) - failed} of {len(paths)} briefs "
            f"({len(batch.files)} files in {output_dir}) in {batch.seconds:.1f} s"
            + (f"; {failed} failed" if failed else "")
        )
    if failed:
        raise typer.Exit(1)


def _render(
    paths: Sequence[Path],
    formats: Sequence[Format],
    output_dir: Path,
    options: RenderOptions,
    jobs: int | None,
    quiet: bool,
    engine: Engine | None,
    strict: bool,
) -> BatchResult:
    single = len(paths) == 1
    show_bar = not quiet and not single and sys.stdout.isatty()

    def report(outcome: BriefOutcome) -> None:
        print_warnings(outcome.warnings)
        if not outcome.ok:
            print_problems(BriefError(outcome.problems))
        elif single and not quiet:
            for result in outcome.results:
                typer.echo(file_line(result))  # plain text: no need to import rich (~50 ms)

    if show_bar:
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
                progress.update(task, advance=1, description=outcome.path.name)
                progress.refresh()

            progress.refresh()
            return render_many(paths, formats, output_dir, options, jobs, advance, strict=strict)
    return render_many(paths, formats, output_dir, options, jobs, report, engine, strict)

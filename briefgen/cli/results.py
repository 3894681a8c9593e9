"""Where a run's results go: the terminal, JSON on stdout, CI annotations, report files.

``--output-format json`` keeps stdout for one JSON document and sends human text to
stderr. On GitHub Actions (``GITHUB_ACTIONS=true``) every problem is also printed as a
workflow command, and ``render`` appends a table to ``$GITHUB_STEP_SUMMARY``. The content
of each is built by the library (:mod:`briefgen.report`, :mod:`briefgen.annotations`,
:mod:`briefgen.summary`); this module only decides where it is written.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from briefgen.cli.console import print_problems
from briefgen.errors import BriefError, Problem

if TYPE_CHECKING:
    from briefgen.batch import BriefOutcome
    from briefgen.report import Command


REPORT_KINDS = ("json", "gitlab-codequality")  # see briefgen.report.report_file_text


def parse_reports(values: Sequence[str]) -> list[tuple[str, Path]]:
    """``KIND=FILE`` pairs of ``--report``; a wrong one is a usage error (exit 2)."""
    reports = []
    for value in values:
        kind, equals, file = value.partition("=")
        if not equals or kind not in REPORT_KINDS or not file:
            raise typer.BadParameter(
                f"'{value}' is not KIND=FILE with KIND one of {', '.join(REPORT_KINDS)}",
                param_hint="--report",
            )
        target = Path(file)
        if target.suffix.lower() in BRIEF_SUFFIXES and target.exists():
            # A file committed as "--report=json=brief.yaml", read as an option (an old
            # pre-commit hook without "--"), would overwrite the brief with JSON.
            raise typer.BadParameter(
                f"'{file}' is an existing YAML file, maybe a brief: a report never"
                " overwrites one (name the report .json)",
                param_hint="--report",
            )
        reports.append((kind, target))
    return reports


BRIEF_SUFFIXES = (".yaml", ".yml")


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.resolve() == second.resolve() or (
            first.exists() and second.exists() and os.path.samefile(first, second)
        )
    except OSError:
        return False


@dataclass(frozen=True)
class ResultChannels:
    """The output choices of one command run."""

    json_output: bool = False
    reports: tuple[tuple[str, Path], ...] = ()

    def say(self, text: str) -> None:
        """A line for a person: stdout, or stderr when stdout carries the JSON."""
        typer.echo(text, err=self.json_output)

    def finish(
        self,
        command: Command,
        outcomes: Sequence[BriefOutcome],
        run_problems: Sequence[Problem] = (),
        *,
        step_summary: bool = False,
    ) -> bool:
        """Report the run everywhere asked for; True if it succeeded (exit code 0).

        Errors and warnings were printed as they happened; then come annotations, report
        files and the step summary; the JSON document comes last, and includes a report
        file that could not be written.
        """
        problems = [p for o in outcomes for p in (*o.problems, *o.warnings)]
        late = self._write_files(command, outcomes, run_problems, step_summary)
        if late:
            print_problems(BriefError(late))
        run_problems = [*run_problems, *late]
        if os.environ.get("GITHUB_ACTIONS") == "true":
            from briefgen.annotations import github_commands

            # stdout, where the runner reads workflow commands; stderr (read too) in JSON mode
            for line in github_commands([*run_problems, *problems]):
                typer.echo(line, err=self.json_output)
        if self.json_output:  # the report's models (pydantic) are imported only for it
            from briefgen.report import build_report, report_json

            report = build_report(command, outcomes, run_problems)
            sys.stdout.write(report_json(report))
            sys.stdout.flush()
            return report.ok
        return all(o.ok for o in outcomes) and not any(p.severity == "error" for p in run_problems)

    def fail(self, command: Command, error: BriefError) -> NoReturn:
        """A problem that stops the run before any brief: reported like the others, exit 1."""
        print_problems(error)
        self.finish(command, [], error.problems)
        raise typer.Exit(1)

    def _write_files(
        self,
        command: Command,
        outcomes: Sequence[BriefOutcome],
        run_problems: Sequence[Problem],
        step_summary: bool,
    ) -> list[Problem]:
        """Report files and the step summary; the problems of those that failed."""
        failures: list[Problem] = []
        if self.reports:
            failures += self._write_reports(command, outcomes, run_problems)
        summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
        if step_summary and summary_file:
            from briefgen.summary import step_summary as summary_markdown

            try:
                # errors: a brief's name that is not UTF-8 is held as a surrogate
                with open(summary_file, "a", encoding="utf-8", errors="backslashreplace") as stream:
                    stream.write(summary_markdown(outcomes))
            except OSError as error:
                failures.append(
                    Problem(
                        f"cannot append the step summary ({error.strerror})", Path(summary_file)
                    )
                )
        return failures

    def _write_reports(
        self, command: Command, outcomes: Sequence[BriefOutcome], run_problems: Sequence[Problem]
    ) -> list[Problem]:
        """The ``--report`` files; the problems of those that could not be written."""
        from briefgen.report import (
            build_report,
            outcome_problems,
            report_file_text,
            write_report_file,
        )

        problems = [*run_problems, *(p for o in outcomes for p in outcome_problems(o))]
        report = build_report(command, outcomes, run_problems)
        failures: list[Problem] = []
        for kind, path in self.reports:
            brief = next((o.path for o in outcomes if _same_file(path, o.path)), None)
            if brief is not None:
                failures.append(
                    Problem(
                        "--report names a brief of this run: it is not overwritten",
                        path,
                        hint="write the report to another file, e.g. briefgen-report.json",
                    )
                )
                continue
            try:
                write_report_file(path, report_file_text(kind, report, problems))
            except BriefError as error:
                failures += error.problems
        return failures

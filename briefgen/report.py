"""The machine-readable result of ``validate`` and ``render``: one JSON document per run.

CI jobs parse it instead of scraping terminal text, so its shape is a contract: described
by the models below, published as ``schema/report.schema.json`` (checked against them by
the tests), versioned by ``schema_version``. Fields are only ever added; a change that
would break a reader raises the version.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict

from briefgen import __version__
from briefgen.errors import Problem
from briefgen.render import OutputKind

if TYPE_CHECKING:
    from briefgen.api import Rendered
    from briefgen.batch import BriefOutcome

SCHEMA_VERSION: Literal[1] = 1
REPORT_SCHEMA_ID = "urn:briefgen:schema:report"
Command = Literal["validate", "render"]
Severity = Literal["error", "warning"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class ProblemRecord(_Record):
    """A mistake (error) or something to look at (warning), located as well as briefgen can."""

    file: str | None
    """The file it is in, as given on the command line (relative paths stay relative)."""
    line: int | None
    """1-based line, or null when the problem is about the whole file."""
    column: int | None
    """1-based column, or null."""
    key_path: str
    """Where in the brief, e.g. ``sections[2].items[0]``; empty when not about one key."""
    severity: Severity
    """``error`` fails the brief; ``warning`` does not."""
    message: str
    hint: str
    """How to fix it; may be empty."""


class FileRecord(_Record):
    """One file written."""

    path: str
    """Where it was written, under the output folder as given (``-o``)."""
    format: OutputKind
    """``png`` is one page's image (``<stem>-<page>.png``); ``thumbnail`` is
    ``<stem>-thumbnail.png``."""
    bytes: int
    """Size of the file."""
    pages: int | None
    """Pages of the PDF (for a PDF and the images drawn from it); null for HTML and Markdown."""
    page: int | None
    """The page an image shows; null for documents."""
    fit: str | None
    """The ``--fit`` step the layout needed, e.g. ``9 pt text, 1.25 leading, spacing x0.6``,
    ending in `` to close an empty area`` when the brief fitted its budget as written but
    left an empty area at a page's foot; null when the brief was set as designed."""
    over_budget: bool = False
    """A PDF past its page budget, written as ``<stem>.OVER-BUDGET.pdf`` for the author to
    look at (the brief then fails); ``<stem>.pdf`` of an earlier run is removed."""
    removed: str | None = None
    """A file of an earlier run this one made stale and removed (``<stem>.pdf`` beside a new
    ``<stem>.OVER-BUDGET.pdf``, or the other way round); null when there was none."""


class BriefRecord(_Record):
    """One brief named on the command line."""

    path: str
    """The brief's YAML file, as given (a folder or glob is expanded to its files)."""
    status: Literal["ok", "failed"]
    problems: list[ProblemRecord]
    files: list[FileRecord]
    """Files written (``render`` only). A failed brief writes none, except one whose PDF
    runs past its page budget: its other formats and its ``over_budget`` PDF."""


class Summary(_Record):
    """Counts over the whole run."""

    briefs: int
    failed: int
    """Briefs with at least one error."""
    files: int
    """Files written."""
    errors: int
    warnings: int


class Report(_Record):
    """The result of one ``briefgen validate`` or ``briefgen render`` run."""

    schema_version: Literal[1]
    """Raised only by a change that would break a reader; new fields may appear in 1."""
    tool: Literal["briefgen"]
    version: str
    command: Literal["validate", "render"]
    ok: bool
    """True when no brief failed and nothing stopped the run; the exit code is 0 exactly then."""
    summary: Summary
    problems: list[ProblemRecord]
    """Problems of the run itself, before any brief (a glob that matches nothing, an output
    folder that cannot be written, two briefs with the same name)."""
    briefs: list[BriefRecord]


def outcome_problems(outcome: BriefOutcome) -> list[Problem]:
    """The brief's errors, then its warnings."""
    return [*outcome.problems, *outcome.warnings]


def problem_record(problem: Problem) -> ProblemRecord:
    return ProblemRecord(
        file=str(problem.path) if problem.path is not None else None,
        line=problem.line,
        column=problem.column if problem.line is None else (problem.column or 1),
        key_path=problem.key_path,
        severity=problem.severity,
        message=problem.message,
        hint=problem.hint,
    )


def _file_record(result: Rendered) -> FileRecord:
    return FileRecord(
        path=str(result.path),
        format=result.format,
        bytes=result.size,
        pages=result.pages,
        page=result.page,
        fit=result.fit,
        over_budget=result.over_budget,
        removed=str(result.removed) if result.removed is not None else None,
    )


def build_report(
    command: Command, outcomes: Sequence[BriefOutcome], run_problems: Sequence[Problem] = ()
) -> Report:
    """The report of a run: each brief's outcome, and the problems that stopped the run."""
    briefs = [
        BriefRecord(
            path=str(outcome.path),
            status="ok" if outcome.ok else "failed",
            problems=[problem_record(p) for p in outcome_problems(outcome)],
            files=[_file_record(result) for result in outcome.results],
        )
        for outcome in outcomes
    ]
    everything = [*run_problems, *(p for o in outcomes for p in outcome_problems(o))]
    failed = sum(not outcome.ok for outcome in outcomes)
    return Report(
        schema_version=SCHEMA_VERSION,
        tool="briefgen",
        version=__version__,
        command=command,
        ok=not failed and not any(p.severity == "error" for p in run_problems),
        summary=Summary(
            briefs=len(briefs),
            failed=failed,
            files=sum(len(brief.files) for brief in briefs),
            errors=sum(p.severity == "error" for p in everything),
            warnings=sum(p.severity == "warning" for p in everything),
        ),
        problems=[problem_record(p) for p in run_problems],
        briefs=briefs,
    )


def report_json(report: Report) -> str:
    """The report as JSON text, keys in the documented order, UTF-8, one trailing newline."""
    return json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :class:`Report`."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": REPORT_SCHEMA_ID,
        **Report.model_json_schema(),
        "title": "briefgen validate/render report",
    }


def report_schema_text() -> str:
    """The schema as written to ``schema/report.schema.json``."""
    return json.dumps(report_schema(), indent=2, ensure_ascii=False) + "\n"


def report_file_text(kind: str, report: Report, problems: Sequence[Problem]) -> str:
    """The text of a ``--report`` file: ``json`` (this report) or ``gitlab-codequality``."""
    if kind == "gitlab-codequality":
        from briefgen.annotations import gitlab_codequality

        return gitlab_codequality(problems)
    if kind == "json":
        return report_json(report)
    raise ValueError(f"unknown report kind {kind!r}")


def write_report_file(path: Path, text: str) -> None:
    """Write a report next to the outputs, atomically (a CI step may read it at any time),
    or into a stream (``--report json=/dev/stdout``)."""
    from briefgen.output import is_stream, prepare_output_dir, write_atomically, write_into_stream

    # A file name that is not UTF-8 is held as a surrogate (b"\xff" as "\udcff"): inside
    # a JSON string, "\udcff" is the same escape, and the file stays valid UTF-8.
    content = text.encode("utf-8", "backslashreplace")
    if is_stream(path):
        write_into_stream(path, content)
        return
    prepare_output_dir(path.parent)
    write_atomically(path, content)

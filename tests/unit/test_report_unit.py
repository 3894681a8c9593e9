"""The JSON report: its problem records (what a CI job reads to place an annotation), and
the whole document: each brief's status and files, the summary, the JSON text and schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefgen import __version__
from briefgen.api import Rendered
from briefgen.batch import BriefOutcome
from briefgen.errors import Problem
from briefgen.report import (
    build_report,
    problem_record,
    report_file_text,
    report_json,
    report_schema,
    report_schema_text,
    write_report_file,
)


def test_a_problem_with_a_line_but_no_column_points_at_the_lines_first_column() -> None:
    record = problem_record(Problem("x", Path("b.yaml"), 3))
    assert (record.file, record.line, record.column) == ("b.yaml", 3, 1)


def test_a_problem_of_the_whole_run_names_no_file() -> None:
    record = problem_record(Problem("no brief matches 'x/*.yaml'"))
    assert (record.file, record.line, record.column) == (None, None, None)


def test_a_problem_about_the_whole_file_has_neither_line_nor_column() -> None:
    record = problem_record(Problem("x", Path("b.yaml")))
    assert (record.line, record.column) == (None, None)


def test_a_located_problem_keeps_its_column() -> None:
    record = problem_record(Problem("x", Path("b.yaml"), 3, 7, "sections[0]", "fix it", "warning"))
    assert (record.line, record.column, record.key_path) == (3, 7, "sections[0]")
    assert (record.severity, record.message, record.hint) == ("warning", "x", "fix it")


# The whole report: what a CI job reads to say which brief failed and what was written.

ERROR = Problem("bad date", Path("b.yaml"), 4, 7, "date", "write 2024-03")
WARNING = Problem("long title", Path("a.yaml"), 2, 3, "title", "", "warning")
PDF = Rendered("pdf", Path("out/a.pdf"), 1200, 1.5, 2, "9 pt text")
PAGE = Rendered("png", Path("out/a-2.png"), 300, 0.2, 2, None, 2)


def _run() -> list[BriefOutcome]:
    return [
        BriefOutcome(Path("a.yaml"), [PDF, PAGE], warnings=[WARNING]),
        BriefOutcome(Path("b.yaml"), problems=[ERROR]),
    ]


def test_each_brief_says_ok_or_failed_with_its_problems_and_files() -> None:
    report = build_report("render", _run())
    first, second = report.briefs
    assert (first.path, first.status, second.path, second.status) == (
        "a.yaml",
        "ok",
        "b.yaml",
        "failed",
    )
    assert [p.message for p in first.problems] == ["long title"]
    assert [(p.message, p.line, p.column) for p in second.problems] == [("bad date", 4, 7)]
    assert [(f.path, f.format, f.bytes, f.pages, f.page, f.fit) for f in first.files] == [
        ("out/a.pdf", "pdf", 1200, 2, None, "9 pt text"),
        ("out/a-2.png", "png", 300, 2, 2, None),
    ]
    assert second.files == []


def test_the_summary_counts_briefs_failures_files_errors_and_warnings() -> None:
    run_problem = Problem("no brief matches 'x/*.yaml'")
    report = build_report("render", _run(), [run_problem])
    summary = report.summary
    assert (summary.briefs, summary.failed, summary.files) == (2, 1, 2)
    assert (summary.errors, summary.warnings) == (2, 1)  # the run's error counts too
    assert [p.message for p in report.problems] == ["no brief matches 'x/*.yaml'"]
    assert (report.schema_version, report.tool, report.version) == (1, "briefgen", __version__)
    assert report.command == "render" and report.ok is False


@pytest.mark.parametrize(
    ("outcomes", "run_problems", "ok"),
    [
        ([BriefOutcome(Path("a.yaml"))], [], True),
        ([BriefOutcome(Path("a.yaml"), warnings=[WARNING])], [], True),  # warnings pass
        ([BriefOutcome(Path("a.yaml"))], [Problem("output folder not writable")], False),
        ([BriefOutcome(Path("a.yaml"))], [Problem("odd", severity="warning")], True),
        ([BriefOutcome(Path("b.yaml"), problems=[ERROR])], [], False),
        ([], [], True),
    ],
)
def test_ok_is_true_exactly_when_no_brief_failed_and_nothing_stopped_the_run(
    outcomes: list[BriefOutcome], run_problems: list[Problem], ok: bool
) -> None:
    assert build_report("validate", outcomes, run_problems).ok is ok


def test_the_json_is_the_report_in_order_readable_text_and_one_newline() -> None:
    report = build_report("validate", [BriefOutcome(Path("é.yaml"), problems=[ERROR])])
    text = report_json(report)
    assert text.endswith("}\n") and not text.endswith("\n\n") and "é.yaml" in text
    assert text.startswith('{\n  "schema_version": 1,\n  "tool": "briefgen",')
    assert json.loads(text) == report.model_dump(mode="json")


def test_the_schema_is_draft_2020_12_with_its_id_and_title() -> None:
    schema = report_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "urn:briefgen:schema:report"
    assert schema["title"] == "briefgen validate/render report"
    assert "summary" in schema["properties"] and "briefs" in schema["required"]
    text = report_schema_text()
    assert json.loads(text) == schema and text.endswith("}\n") and '\n  "$id"' in text


def test_a_report_file_is_json_or_gitlab_code_quality(tmp_path: Path) -> None:
    report = build_report("validate", _run())
    assert report_file_text("json", report, [ERROR]) == report_json(report)
    quality = json.loads(report_file_text("gitlab-codequality", report, [ERROR]))
    assert [entry["location"]["path"] for entry in quality] == ["b.yaml"]
    with pytest.raises(ValueError, match="unknown report kind 'xml'"):
        report_file_text("xml", report, [ERROR])
    target = tmp_path / "reports" / "deep" / "report.json"
    write_report_file(target, "{}\n")
    assert target.read_text(encoding="utf-8") == "{}\n"


def test_a_report_to_a_stream_is_written_into_it_not_over_it(tmp_path: Path) -> None:
    """``--report json=/dev/stdout`` (or a pipe, ``>(jq .)``) writes into the stream: the
    atomic replace put a regular file in place of the link, which as root in a CI
    container replaced /dev/stdout itself, and the report never reached the stream."""
    import os
    import threading

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    link = tmp_path / "stdout"  # as /dev/stdout is a link to the process's stream
    link.symlink_to(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    writer = threading.Thread(target=write_report_file, args=(link, "{}\n"), daemon=True)
    writer.start()
    writer.join(timeout=10)
    reader.join(timeout=10)
    assert not writer.is_alive() and not reader.is_alive()
    assert received == [b"{}\n"]
    assert link.is_symlink() and pipe.is_fifo()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["pipe", "stdout"]


def test_a_report_naming_a_file_that_is_not_utf8_is_written(tmp_path: Path) -> None:
    """A brief named b"b\\xff.yaml" (a Latin-1 name from an old archive) is held as a
    surrogate: writing the report failed as a bug (UnicodeEncodeError) after the render.
    The name is kept as a JSON escape: valid UTF-8, valid JSON."""
    report = build_report("validate", _run())
    text = report_json(report).replace('"b.yaml"', '"b\udcff.yaml"')
    target = tmp_path / "report.json"
    write_report_file(target, text)
    data = target.read_bytes().decode("utf-8")
    assert "b\udcff.yaml" in [brief["path"] for brief in json.loads(data)["briefs"]]

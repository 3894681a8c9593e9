"""The JSON report's problem records: what a CI job reads to place an annotation."""

from __future__ import annotations

from pathlib import Path

from briefgen.errors import Problem
from briefgen.report import problem_record


def test_a_problem_with_a_line_but_no_column_points_at_the_lines_first_column() -> None:
    record = problem_record(Problem("x", Path("b.yaml"), 3))
    assert (record.file, record.line, record.column) == ("b.yaml", 3, 1)


def test_a_problem_about_the_whole_file_has_neither_line_nor_column() -> None:
    record = problem_record(Problem("x", Path("b.yaml")))
    assert (record.line, record.column) == (None, None)


def test_a_located_problem_keeps_its_column() -> None:
    record = problem_record(Problem("x", Path("b.yaml"), 3, 7, "sections[0]", "fix it", "warning"))
    assert (record.line, record.column, record.key_path) == (3, 7, "sections[0]")
    assert (record.severity, record.message, record.hint) == ("warning", "x", "fix it")

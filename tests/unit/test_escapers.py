"""The escapers and names that keep text from one context out of another, table-driven."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.errors import BriefError, Problem
from briefgen.model.source import format_key_path
from briefgen.output import output_path, write_atomically
from briefgen.render.view.context import _slug


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Main findings", "main-findings"),
        ("Lessons **learned** & best practices", "lessons-learned-best-practices"),
        ("Évaluation à mi-parcours", "evaluation-a-mi-parcours"),
        ("   ", "section"),
        ("???", "section"),
        ("Recommendations (12)", "recommendations-12"),
    ],
)
def test_slug(text: str, slug: str) -> None:
    assert _slug(text) == slug


@pytest.mark.parametrize(
    ("stem", "extension", "name"),
    [("brief", "pdf", "brief.pdf"), ("my-brief", "md", "my-brief.md"), ("a/b", "html", "b.html")],
)
def test_output_path_stays_in_its_folder(stem: str, extension: str, name: str) -> None:
    assert output_path(Path("out"), stem, extension) == Path("out") / name


@pytest.mark.parametrize("stem", [".hidden", "..", ""])
def test_output_path_refuses_hidden_or_empty_names(stem: str) -> None:
    with pytest.raises(BriefError):
        output_path(Path("out"), stem, "pdf")


def test_write_atomically_replaces_in_one_step_and_leaves_no_partial(tmp_path: Path) -> None:
    target = tmp_path / "brief.pdf"
    target.write_bytes(b"old")
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert [path.name for path in tmp_path.iterdir()] == ["brief.pdf"]
    assert target.stat().st_mode & 0o777 == 0o644


def test_write_atomically_keeps_the_old_file_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "brief.pdf"
    target.write_bytes(b"old")

    def disk_full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", disk_full)
    with pytest.raises(BriefError, match="No space left on device"):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert [path.name for path in tmp_path.iterdir()] == ["brief.pdf"]


def test_write_atomically_into_a_missing_folder_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(BriefError, match="cannot be written"):
        write_atomically(tmp_path / "gone" / "brief.pdf", b"new")


@pytest.mark.parametrize(
    ("key_path", "text"),
    [
        ((), ""),
        (("title",), "title"),
        (("sections", 2, "items", 0), "sections[2].items[0]"),
        ((0, "name"), "[0].name"),
    ],
)
def test_format_key_path(key_path: tuple[str | int, ...], text: str) -> None:
    assert format_key_path(key_path) == text


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (Problem("bad"), "bad"),
        (Problem("bad", Path("b.yaml")), "b.yaml: bad"),
        (Problem("bad", Path("b.yaml"), 3), "b.yaml:3:1: bad"),
        (Problem("bad", Path("b.yaml"), 3, 7, "a.b", "fix it"), "b.yaml:3:7: a.b: bad (fix it)"),
        (
            Problem("odd", Path("b.yaml"), 3, 7, "a", severity="warning"),
            "b.yaml:3:7: warning: a: odd",
        ),
    ],
)
def test_problem_line(problem: Problem, text: str) -> None:
    assert str(problem) == text

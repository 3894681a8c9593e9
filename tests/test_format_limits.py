"""The limits output formats impose (issue 23.7, 28.5): known to loading, warned or refused
at the field's line by ``validate``, and every format renders a brief that sits at each.

The limits themselves are in :mod:`briefgen.loading.limits`.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pikepdf
import pytest
from typer.testing import CliRunner

from briefgen.api import load_brief, render_brief
from briefgen.cli import app
from briefgen.model.limits import (
    WORD_PROPERTY_MAX_CHARS,
    WORD_TABLE_MAX_COLUMNS,
    clip_at_word,
)
from tests.cli_runner import invoke

LONG_TITLE = " ".join(["Evaluation"] * 23) + " of a prog"  # 262 characters
assert len(LONG_TITLE) == 262


def _brief(
    *,
    title: str = "Clean Water Programme",
    organisation: str = "Evaluation Office",
    summary: str | None = None,
    keywords: list[str] | None = None,
    columns: int = 2,
) -> str:
    lines = [
        "language: en",
        "organisation:",
        f"  name: {organisation}",
        "date: 2024-03",
        "evaluation:",
        "  type: Final evaluation",
        f"  title: {title}",
    ]
    if summary is not None:
        lines.append(f"summary: {summary}")
    if keywords is not None:
        lines.append("keywords: [" + ", ".join(keywords) + "]")
    header = ", ".join(f"C{index}" for index in range(columns))
    row = ", ".join(str(index) for index in range(columns))
    lines += [
        "sections:",
        "  - kind: findings",
        "    text: The programme reached most villages.",
        "  - kind: table",
        "    heading: Numbers",
        f"    header: [{header}]",
        "    rows:",
        f"      - [{row}]",
    ]
    return "\n".join(lines) + "\n"


def _validate(path: Path) -> tuple[int, list[str]]:
    result = invoke("validate", str(path))
    return result.exit_code, result.stderr.splitlines()


def test_the_262_character_title_is_a_warning_at_its_line(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(_brief(title=LONG_TITLE), encoding="utf-8")
    code, lines = _validate(brief)
    assert code == 0
    assert (
        f"{brief}:7:10: warning: evaluation.title: makes the Word document's title property "
        "262 characters long; Word holds 255, so the DOCX cuts it at a word" in lines[0]
    )
    # The subject ("type: title") is made long by the same field, at the same place.
    assert any("evaluation.title: makes the Word document's subject" in line for line in lines)


def test_a_title_of_exactly_255_characters_is_whole_and_not_warned(tmp_path: Path) -> None:
    title = ("Word " * 51)[:255]
    brief = tmp_path / "brief.yaml"
    brief.write_text(_brief(title=title, summary="Short."), encoding="utf-8")
    loaded = load_brief(brief)
    assert [w for w in loaded.warnings if "property" in w.message] == []
    (result,) = render_brief(loaded, ["docx"], tmp_path / "out")
    assert docx.Document(str(result.path)).core_properties.title == title.strip()


def test_every_format_renders_a_brief_at_every_limit(tmp_path: Path) -> None:
    """Every document property past Word's 255 characters, a table as wide as Word's, and
    the 262-character title: all four formats are written; the DOCX's properties are cut
    at a word; the PDF keeps the whole title."""
    keywords = [f"keyword{index:02d}" for index in range(30)]  # 30 * 11 - 2 = 328 joined
    brief = tmp_path / "brief.yaml"
    brief.write_text(
        _brief(
            title=LONG_TITLE,
            organisation="Office " * 45 + "of Evaluation",
            summary="A summary sentence. " * 16,
            keywords=keywords,
            columns=WORD_TABLE_MAX_COLUMNS,
        ),
        encoding="utf-8",
    )
    loaded = load_brief(brief)
    warned = {w.key_path for w in loaded.warnings if "Word document's" in w.message}
    assert warned == {"evaluation.title", "organisation.name", "summary", "keywords"}
    results = render_brief(loaded, ["pdf", "html", "md", "docx"], tmp_path / "out")
    assert sorted(result.format for result in results) == ["docx", "html", "md", "pdf"]
    paths = {result.format: result.path for result in results}
    properties = docx.Document(str(paths["docx"])).core_properties
    for value in (properties.title, properties.author, properties.subject, properties.keywords):
        assert len(value) <= WORD_PROPERTY_MAX_CHARS and value.endswith("…")
        assert value[:-1].rstrip() == value[:-1]  # cut after a whole word
    assert properties.title.startswith("Evaluation Evaluation")
    with zipfile.ZipFile(paths["docx"]) as package:
        document = package.read("word/document.xml").decode()
    assert document.count("<w:gridCol ") >= WORD_TABLE_MAX_COLUMNS
    with pikepdf.open(paths["pdf"]) as pdf:
        assert str(pdf.docinfo["/Title"]) == LONG_TITLE
    assert LONG_TITLE in paths["html"].read_text(encoding="utf-8")


def test_a_table_wider_than_word_allows_is_refused_at_its_header(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(_brief(columns=WORD_TABLE_MAX_COLUMNS + 1), encoding="utf-8")
    code, lines = _validate(brief)
    assert code == 1
    assert lines == [
        f"{brief}:13:13: sections[1].header: this table has 64 columns; a Word table holds "
        "at most 63 (split it into several tables, or swap its rows and columns)"
    ]


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short", 10, "short"),
        ("exactly ten", 11, "exactly ten"),
        ("one two three four", 10, "one two…"),
        ("one two three four", 8, "one two…"),
        ("one two, three", 11, "one two…"),
        ("abcdefghijklmnop", 6, "abcde…"),
    ],
)
def test_clip_at_word(text: str, limit: int, expected: str) -> None:
    clipped = clip_at_word(text, limit)
    assert clipped == expected and len(clipped) <= limit


SECRET = "token-" + "x" * 300


def _leaky(*_args: object, **_kwargs: object) -> None:
    """A library failing with a message that quotes a whole value, as python-docx did."""
    raise ValueError(f"exceeded 255 char limit for property, got: {SECRET!r}")


def test_a_bug_while_rendering_quotes_only_an_excerpt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefgen.api
    from briefgen.api import RenderOptions
    from briefgen.workers import Task, _work

    brief = tmp_path / "brief.yaml"
    brief.write_text(_brief(), encoding="utf-8")
    monkeypatch.setattr(briefgen.api, "render_files", _leaky)
    reply = _work(Task(brief, ("md",), RenderOptions()))
    (problem,) = reply.problems
    assert problem.message.startswith("briefgen failed unexpectedly: ValueError: exceeded 255")
    assert problem.message.endswith("…") and len(problem.message) < 100
    assert "Traceback" in reply.traceback and "_leaky" in reply.traceback
    assert "x" * 40 not in problem.message + reply.traceback


def test_a_bug_in_validate_quotes_only_an_excerpt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefgen.batch

    brief = tmp_path / "brief.yaml"
    brief.write_text(_brief(), encoding="utf-8")
    monkeypatch.setattr(briefgen.batch, "load_brief", _leaky)
    # Not tests.cli_runner.invoke: a bug on purpose, whose JSON report carries its traceback.
    result = CliRunner().invoke(app, ["validate", "--output-format", "json", str(brief)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "briefgen failed unexpectedly: ValueError: exceeded 255" in result.stderr
    assert "x" * 40 not in result.output

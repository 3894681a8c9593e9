"""Small defects of issue 23 (13 to 16), each with the input that showed it."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.batch import expand_paths
from tests.cli_runner import invoke
from tests.conftest import SMALL_BRIEF


def test_a_folder_leaves_out_hidden_briefs(tmp_path: Path) -> None:
    """15: ``.pre-commit-config.yaml`` or an editor's hidden copy in a folder of briefs
    failed the whole batch."""
    folder = tmp_path / "briefs"
    folder.mkdir()
    (folder / "a.yaml").write_text(SMALL_BRIEF, encoding="utf-8")
    (folder / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    (folder / ".a.yaml").write_text("half: [written\n", encoding="utf-8")
    assert expand_paths([folder]) == [folder / "a.yaml"]
    assert expand_paths([str(folder / "*.yaml")]) == [folder / "a.yaml"]


def test_a_hidden_brief_named_outright_is_still_read(tmp_path: Path) -> None:
    hidden = tmp_path / ".brief.yaml"
    hidden.write_text(SMALL_BRIEF, encoding="utf-8")
    assert expand_paths([hidden]) == [hidden]


@pytest.fixture(autouse=True)
def _fresh_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def _ci_render_arguments(settings: dict[str, str]) -> list[str]:
    """The briefgen arguments scripts/ci-render.sh would run with ``settings``."""
    import os
    import subprocess

    from tests.conftest import ROOT

    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFGEN_")} | settings
    done = subprocess.run(
        [
            "bash",
            "-c",
            'source "$1" && render_arguments',
            "bash",
            str(ROOT / "scripts/ci-render.sh"),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.splitlines()


def test_ci_render_keeps_names_with_spaces_and_leading_dashes(tmp_path: Path) -> None:
    """16: a brief named ``my brief.yaml`` was split in two, one named
    ``--report=json=brief.yaml`` was read as an option."""

    for name in ("my brief.yaml", "-x.yaml", "--report=json=brief.yaml"):
        (tmp_path / name).write_text(SMALL_BRIEF, encoding="utf-8")
    arguments = _ci_render_arguments(
        {
            "BRIEFGEN_BRIEFS": "my brief.yaml\n  -x.yaml\n--report=json=brief.yaml\n\n",
            "BRIEFGEN_FORMATS": "md",
            "BRIEFGEN_OUTPUT_DIR": "-out folder",
            "BRIEFGEN_ARGS": "--quiet",
        }
    )
    assert arguments == [
        "render",
        "--output-dir=-out folder",
        "--format",
        "md",
        "--quiet",
        "--",
        "my brief.yaml",
        "-x.yaml",
        "--report=json=brief.yaml",
    ]
    result = invoke(*arguments)
    assert result.exit_code == 0, result.output
    written = sorted(path.name for path in (tmp_path / "-out folder").iterdir())
    assert written == ["--report=json=brief.md", "-x.md", "my brief.md"]
    assert (tmp_path / "brief.yaml").exists() is False  # no report written over anything


def test_ci_render_lists_on_one_line_still_split_at_spaces() -> None:
    arguments = _ci_render_arguments(
        {"BRIEFGEN_BRIEFS": "a.yaml briefs/*.yaml", "BRIEFGEN_FORMATS": "pdf html"}
    )
    assert arguments == [
        "render",
        "--output-dir=out",
        "--format",
        "pdf",
        "--format",
        "html",
        "--",
        "a.yaml",
        "briefs/*.yaml",
    ]


@pytest.mark.parametrize("delimiter", [":---", "---:", ":---:", "-:", ":-", " :---"])
@pytest.mark.parametrize("line_end", ["  \n", "\\\n"])
def test_an_escaped_pipe_and_a_delimiter_line_stay_a_paragraph(
    delimiter: str, line_end: str
) -> None:
    """13: ``a \\| b``, a hard break and ``:---`` became a one-column table in the Markdown
    (the HTML shows a paragraph)."""
    from markdown_it import MarkdownIt

    from briefgen.render.view.markup import to_html, to_markdown

    text = f"a \\| b{line_end}{delimiter}"
    assert "<table" not in to_html(text)
    tokens = MarkdownIt("gfm-like").parse(to_markdown(text))
    assert [token.type for token in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    words = "".join(child.content for child in tokens[1].children or [] if child.type == "text")
    assert words == f"a | b{delimiter.strip()}"


def test_a_mistake_inside_a_union_is_located_at_its_key(tmp_path: Path) -> None:
    """17: a value inside one member of a union (a map's country written as a mapping) was
    reported under the library's name for the member (``countries[0].MapCountry``), at the
    mapping's line, instead of at the key itself."""

    brief = tmp_path / "brief.yaml"
    brief.write_text(
        SMALL_BRIEF + "  - kind: map\n    heading: Where\n    countries:\n"
        "      - code: KE\n        value: .nan\n",
        encoding="utf-8",
    )
    result = invoke("validate", str(brief))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{brief}:19:16: sections[2].countries[0].value: nan is not a number a brief can "
        "print (write a finite number, not .nan or .inf)"
    ]

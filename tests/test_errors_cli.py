"""Every kind of user mistake, fed through the real CLI: exit 1 and an exact located line."""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

import pytest

from tests.cli_runner import invoke
from tests.conftest import SMALL_BRIEF

VALID = SMALL_BRIEF


def _edit(old: str, new: str) -> str:
    assert old in VALID
    return VALID.replace(old, new, 1)


pytestmark = pytest.mark.usefixtures("in_tmp")


def _run(*args: str) -> tuple[int, list[str]]:
    result = invoke(*args)
    return result.exit_code, result.stderr.splitlines()


def _validate(text: str | bytes) -> tuple[int, list[str]]:
    path = Path("brief.yaml")
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return _run("validate", "brief.yaml")


CASES: dict[str, tuple[str | bytes, str]] = {
    "yaml syntax": (
        _edit("  title: Clean Water Programme", '  title: "Clean Water Programme'),
        'brief.yaml:7:10: YAML syntax error: the text that starts with " here has no closing "'
        ' (add " at the end of the text; to use " inside it, quote the text with the other'
        " kind of quote)",
    ),
    "value with colon": (
        _edit("  title: Clean Water Programme", "  title: Water: a review"),
        "brief.yaml:7:15: YAML syntax error: the value of 'title' contains ': '"
        ' (put the value in quotes, e.g. title: "Water: a review")',
    ),
    "unquoted bold at the start": (
        _edit(
            "    text: The programme reached most villages.",
            "    text: **Most** villages were reached.",
        ),
        "brief.yaml:10:11: YAML syntax error: a value that starts with * or & must be in"
        " quotes (e.g. text: '**Bold** words')",
    ),
    "mistyped section kind": (
        _edit("  - kind: recommendations", "  - kind: recomendations"),
        "brief.yaml:11:11: sections[1].kind: 'recomendations' is not allowed here (did you"
        " mean 'recommendations'? use one of: 'custom', 'background', 'purpose',"
        " 'methodology', 'results', 'findings', 'conclusions', 'accomplishments',"
        " 'recommendations', 'lessons', 'lessons_learned', 'best_practices', 'figure',"
        " 'table', 'ratings', 'key_figures', 'management_response', 'chart' or 'map')",
    ),
    "tab indentation": (
        _edit("  name: Evaluation Office", "\tname: Evaluation Office"),
        "brief.yaml:3:1: YAML syntax error: a tab character indents this line (indent with spaces)",
    ),
    "unknown top-level key": (
        VALID + "sumary: A short summary.\n",
        "brief.yaml:15:1: sumary: unknown key 'sumary' (did you mean 'summary'?)",
    ),
    "unknown nested key": (
        _edit("    text: The programme", "    txet: The programme"),
        "brief.yaml:10:5: sections[0].txet: unknown key 'txet' (did you mean 'text'?)",
    ),
    "unknown key in a list item": (
        _edit("      - Measure more.\n", "      - Measure more.\n    numberd: false\n"),
        "brief.yaml:15:5: sections[1].numberd: unknown key 'numberd' (did you mean 'numbered'?)",
    ),
    "wrong type": (
        _edit("    text: The programme", "    numbered: maybe\n    text: The programme"),
        "brief.yaml:10:15: sections[0].numbered: expected true or false, got 'maybe'",
    ),
    "mapping where text is expected": (
        _edit("  title: Clean Water Programme", "  title:\n    en: Clean Water"),
        "brief.yaml:8:5: evaluation.title: expected text, got a mapping (write the value as text)",
    ),
    "missing required field": (
        _edit("  title: Clean Water Programme\n", ""),
        "brief.yaml:5:1: evaluation.title: required key 'title' is missing (add 'title:' here)",
    ),
    "bad date": (
        _edit("date: 2024-03", "date: March 2024"),
        "brief.yaml:4:7: date: 'March 2024' is not a date"
        " (write the month as 2017-10 or the day as 2017-10-05)",
    ),
    "impossible date": (
        _edit("date: 2024-03", "date: 2024-13"),
        "brief.yaml:4:7: date: '2024-13' is not a real date (check the month and day)",
    ),
    "duplicate key": (
        VALID + "language: fr\n",
        "brief.yaml:15:1: language: duplicate key 'language' (first defined on line 1)"
        " (YAML keeps only one of them; merge the two or remove one)",
    ),
    "empty file": ("", "brief.yaml:1:1: is empty (start from `briefgen new PATH`)"),
    "only comments": ("# to do\n", "brief.yaml:1:1: is empty (start from `briefgen new PATH`)"),
    "list where a mapping is expected": (
        _edit("  name: Evaluation Office", "  - name: Evaluation Office"),
        "brief.yaml:3:3: organisation: expected a mapping of keys, got a list"
        " (write 'key: value' lines indented under this key)",
    ),
    "whole file is a list": (
        "- one\n- two\n",
        "brief.yaml:1:1: a brief must be a mapping of keys, not a list"
        " (start from `briefgen new PATH`)",
    ),
    "unknown language": (
        _edit("language: en", "language: xx"),
        "brief.yaml:1:11: language: briefgen has no labels for language 'xx'"
        " (available: ar, en, es, fr, ru, zh; add briefgen/locales/<code>.yaml to support another)",
    ),
    "malformed language": (
        _edit("language: en", "language: English"),
        "brief.yaml:1:11: language: 'English' is not valid here"
        " (use a language code such as en, fr or es-419)",
    ),
    "not UTF-8": (
        _edit("Evaluation Office", "Évaluation Office").encode("latin-1"),
        "brief.yaml:3:9: is not UTF-8 text (byte 0xc9 cannot be decoded)"
        " (save the file as UTF-8 in your editor)",
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_mistake_is_reported_at_its_line(name: str) -> None:
    text, expected = CASES[name]
    code, lines = _validate(text)
    assert code == 1
    assert lines == [expected]


def test_missing_image_points_at_its_line(tmp_path: Path) -> None:
    figure = "  - kind: figure\n    image: map.png\n    alt: A map of the villages\n"
    code, lines = _validate(VALID + figure)
    assert code == 1
    assert lines == [
        f"brief.yaml:16:12: sections[2].image: file 'map.png' does not exist"
        f" (looked for {tmp_path.resolve() / 'map.png'})"
    ]


def _png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` and whose pixels are missing."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


AGAIN = "export the image again"


@pytest.mark.parametrize(
    ("name", "content", "message", "hint"),
    [
        (
            "map.svg",
            b"<svg xmlns='http://www.w3.org/2000/svg'><g></svg>",
            "'map.svg' is not well-formed SVG (mismatched tag: line 1, column 45)",
            AGAIN,
        ),
        ("map.png", b"\x89PNG\r\n\x1a\n and then nothing", "'map.png' cannot be decoded", AGAIN),
        (
            "map.png",
            _png_header(60_000, 60_000),
            "'map.png' has more than 25,000,000 pixels",
            "export it smaller: 5000 x 5000 pixels is plenty for print",
        ),
    ],
    ids=["malformed svg", "truncated png", "decompression bomb"],
)
def test_an_image_that_cannot_be_drawn_is_an_error(
    name: str, content: bytes, message: str, hint: str
) -> None:
    """WeasyPrint would only log these and leave the figure out of the PDF."""
    Path(name).write_bytes(content)
    figure = f"  - kind: figure\n    image: {name}\n    alt: A map of the villages\n"
    code, lines = _validate(VALID + figure)
    assert code == 1
    assert len(lines) == 1
    assert lines[0].startswith(f"brief.yaml:16:12: sections[2].image: {message}")
    assert lines[0].endswith(f"({hint})")


def test_every_mistake_of_a_file_is_reported_at_once(tmp_path: Path) -> None:
    text = _edit("language: en", "language: en\nlanguage: en")
    text += "  - kind: figure\n    image: map.png\n    alt: A map\nsumary: x\n"
    code, lines = _validate(text)
    assert code == 1
    assert lines == [
        "brief.yaml:2:1: language: duplicate key 'language' (first defined on line 1)"
        " (YAML keeps only one of them; merge the two or remove one)",
        f"brief.yaml:17:12: sections[2].image: file 'map.png' does not exist"
        f" (looked for {tmp_path.resolve() / 'map.png'})",
        "brief.yaml:19:1: sumary: unknown key 'sumary' (did you mean 'summary'?)",
        "3 errors",
    ]


def test_two_mistakes_at_one_position_are_both_reported() -> None:
    text = VALID.replace("organisation:\n  name: Evaluation Office\n", "")
    text = text.replace(
        "evaluation:\n  type: Final evaluation\n  title: Clean Water Programme\n", ""
    )
    code, lines = _validate(text)
    assert code == 1
    assert lines == [
        "brief.yaml:1:1: organisation: required key 'organisation' is missing"
        " (add 'organisation:' here)",
        "brief.yaml:1:1: evaluation: required key 'evaluation' is missing (add 'evaluation:' here)",
        "2 errors",
    ]


def test_a_path_that_does_not_exist() -> None:
    code, lines = _run("validate", "nowhere.yaml")
    assert code == 1
    assert lines == [
        "nowhere.yaml: no such file (check the path, or create one with `briefgen new`)"
    ]


def test_errors_of_several_files_are_all_reported() -> None:
    Path("a.yaml").write_text("", encoding="utf-8")
    Path("b.yaml").write_text(VALID + "sumary: x\n", encoding="utf-8")
    code, lines = _run("validate", "a.yaml", "b.yaml")
    assert code == 1
    assert lines == [
        "a.yaml:1:1: is empty (start from `briefgen new PATH`)",
        "b.yaml:15:1: sumary: unknown key 'sumary' (did you mean 'summary'?)",
        "2 errors",
    ]


def test_output_folder_under_a_file_cannot_be_written() -> None:
    Path("brief.yaml").write_text(VALID, encoding="utf-8")
    Path("notes.txt").write_text("a file, not a folder", encoding="utf-8")
    code, lines = _run("render", "brief.yaml", "-f", "md", "-o", "notes.txt/out")
    assert code == 1
    assert lines == [
        "notes.txt/out: cannot create the output folder (Not a directory)"
        " (choose another folder with -o/--output-dir)"
    ]
    code, lines = _run("render", "brief.yaml", "-f", "md", "-o", "notes.txt")
    assert code == 1
    assert lines == ["notes.txt: cannot be used as the output folder: a file of that name exists"]


def test_render_reports_yaml_mistakes_like_validate() -> None:
    Path("brief.yaml").write_text(VALID + "sumary: x\n", encoding="utf-8")
    code, lines = _run("render", "brief.yaml", "-f", "md")
    assert code == 1
    assert lines == ["brief.yaml:15:1: sumary: unknown key 'sumary' (did you mean 'summary'?)"]
    assert not Path("out/brief.md").exists()


def test_no_color_is_respected(monkeypatch: pytest.MonkeyPatch) -> None:
    Path("a.yaml").write_text("", encoding="utf-8")
    Path("b.yaml").write_text("", encoding="utf-8")
    colour = re.compile(r"\x1b\[(?:[0-9]+;)*(?:3[0-8]|9[0-7])[;m]")  # SGR foreground colours
    monkeypatch.setenv("FORCE_COLOR", "1")  # as if on a terminal
    monkeypatch.delenv("NO_COLOR")
    assert colour.search(_run("validate", "a.yaml", "b.yaml")[1][-1])  # "2 errors" in red
    monkeypatch.setenv("NO_COLOR", "1")
    code, lines = _run("validate", "a.yaml", "b.yaml")
    assert code == 1
    assert not colour.search("\n".join(lines))
    assert lines[0] == "a.yaml:1:1: is empty (start from `briefgen new PATH`)"  # never styled


def test_quiet_prints_only_errors() -> None:
    Path("good.yaml").write_text(VALID, encoding="utf-8")
    Path("bad.yaml").write_text(VALID + "sumary: x\n", encoding="utf-8")
    result = invoke("validate", "-q", "good.yaml", "bad.yaml")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        "bad.yaml:15:1: sumary: unknown key 'sumary' (did you mean 'summary'?)"
    ]
    result = invoke("render", "-q", "good.yaml", "-f", "md", "-o", "out")
    assert (result.exit_code, result.output) == (0, "")
    assert Path("out/good.md").is_file()

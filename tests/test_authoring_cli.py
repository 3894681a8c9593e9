"""The authoring commands: new, validate, schema and watch, through the real CLI."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from briefgen.api import RenderOptions
from briefgen.cli.console import make_console
from briefgen.cli.watch import Watcher
from briefgen.loading.yaml_source import load_yaml
from briefgen.model.schema import schema_text
from tests.cli_runner import invoke
from tests.conftest import ROOT

REGENERATE = "regenerate with: briefgen schema > schema/brief.schema.json"


pytestmark = pytest.mark.usefixtures("in_tmp")


def _invoke(*args: str) -> Any:
    return invoke(*args)


def _plain(value: Any) -> Any:
    """Data as an editor's YAML 1.2 parser sees it: dates stay text."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def test_committed_schema_is_current() -> None:
    copy = ROOT / "schema" / "brief.schema.json"
    assert copy.read_text(encoding="utf-8") == schema_text(), REGENERATE


def test_schema_command_prints_the_schema() -> None:
    result = _invoke("schema")
    assert result.exit_code == 0
    assert result.stdout == schema_text()
    schema = json.loads(result.stdout)
    assert schema["$id"] == "urn:briefgen:schema:brief"
    assert schema["title"] == "briefgen evaluation brief"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_reference_brief_follows_the_schema() -> None:
    schema = json.loads(schema_text())
    data = _plain(load_yaml(ROOT / "data/brief.yaml").data)
    jsonschema.Draft202012Validator(schema).validate(data)
    first_line = (ROOT / "data/brief.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../schema/brief.schema.json"


def test_schema_catches_a_typo_an_editor_should_flag() -> None:
    validator = jsonschema.Draft202012Validator(json.loads(schema_text()))
    data = _plain(load_yaml(ROOT / "data/brief.yaml").data)
    data["sumary"] = "x"
    assert not validator.is_valid(data)


def test_multilingual_example_follows_the_schema() -> None:
    """Texts given by language ({fr: ..., es: ...}) are valid for an editor too."""
    validator = jsonschema.Draft202012Validator(json.loads(schema_text()))
    data = _plain(load_yaml(ROOT / "data/examples/brief-fr-es.yaml").data)
    assert data["languages"] == ["fr", "es"] and isinstance(data["evaluation"]["title"], dict)
    validator.validate(data)


def _reference_with(key: str, value: object, *, inside: str | None = None) -> Any:
    """The reference brief, in English and French, with one value replaced."""
    data = _plain(load_yaml(ROOT / "data/brief.yaml").data)
    data["languages"] = ["en", "fr"]
    (data[inside] if inside else data)[key] = value
    return data


def test_schema_takes_texts_by_language_with_regions() -> None:
    validator = jsonschema.Draft202012Validator(json.loads(schema_text()))
    validator.validate(_reference_with("languages", ["en", "fr", "es-419"]))
    validator.validate(_reference_with("title", {"en": "W", "fr-CA": "E"}, inside="evaluation"))


@pytest.mark.parametrize(
    ("key", "value", "inside"),
    [
        ("title", {"en": "Water", "de": "Wasser"}, "evaluation"),  # no labels in German
        ("title", {"en": "Water", "fr": 3}, "evaluation"),  # not a text
        ("title", {"en": "Water", "fr": ["Eau"]}, "evaluation"),
        ("title", {}, "evaluation"),  # loading reads an empty mapping as no text
        ("languages", ["en", "de"], None),
        ("language", {"en": "en"}, None),  # the language itself is never given by language
        ("date", {"en": "2017-10"}, None),  # codes, dates, colours, keywords stay plain
    ],
)
def test_schema_refuses_what_is_not_a_text_by_language(
    key: str, value: object, inside: str | None
) -> None:
    validator = jsonschema.Draft202012Validator(json.loads(schema_text()))
    assert not validator.is_valid(_reference_with(key, value, inside=inside))


def test_new_then_validate_then_render(tmp_path: Path) -> None:
    result = _invoke("new", "x.yaml")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "wrote x.yaml",
        "wrote x-figure.svg",
        "wrote brief.schema.json",
        "next: edit x.yaml, then run: briefgen render x.yaml",
    ]
    text = Path("x.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=brief.schema.json"
    assert "image: x-figure.svg" in text
    assert Path("brief.schema.json").read_text(encoding="utf-8") == schema_text()
    kinds = {line.split("kind:")[1].strip() for line in text.splitlines() if "kind:" in line}
    assert kinds >= {
        "background", "purpose", "methodology", "results", "findings", "figure",
        "conclusions", "accomplishments", "recommendations", "lessons",
        "lessons_learned", "best_practices", "key_figures", "table", "ratings", "chart",
        "map", "management_response",
    }  # fmt: skip
    assert "(see\n          [](#rec-1))" in text  # a cross-reference
    assert "  - heading: A section of your own" in text  # a custom section
    schema = json.loads(schema_text())
    jsonschema.Draft202012Validator(schema).validate(_plain(load_yaml(Path("x.yaml")).data))

    assert _invoke("validate", "x.yaml").stdout == "x.yaml: ok\n"
    result = _invoke("render", "x.yaml", "-o", "out")
    assert result.exit_code == 0, result.output
    assert "out/x.pdf (" in result.stdout and ", 2 pages" in result.stdout
    out = {p.name for p in (tmp_path / "out").iterdir()}
    assert out == {"x.pdf", "x.html", "x.md", "x.docx", "x_files"}  # x_files: the Markdown's figure
    assert "x-figure.svg" not in (tmp_path / "out/x.html").read_text(encoding="utf-8")  # inlined
    # The starter's inline code and its chart's labels use the packaged font, not the machine's.
    fonts = subprocess.run(
        ["pdffonts", str(tmp_path / "out/x.pdf")], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts and all("+briefgen-Source-Sans" in line for line in fonts), fonts


def test_new_never_overwrites(tmp_path: Path) -> None:
    Path("x.yaml").write_text("mine\n", encoding="utf-8")
    result = _invoke("new", "x.yaml")
    assert result.exit_code == 1
    assert result.stderr == (
        "x.yaml: already exists; briefgen new never overwrites a file"
        " (choose another name, or delete the file first)\n"
    )
    assert Path("x.yaml").read_text(encoding="utf-8") == "mine\n"
    Path("y-figure.svg").write_text("<svg/>", encoding="utf-8")
    assert _invoke("new", "y.yaml").exit_code == 1
    assert not Path("y.yaml").exists()


@pytest.mark.parametrize(
    "name", ["brief #2.yaml", "[draft] brief.yaml", "Q: water.yaml", "*new*.yaml", "%x.yaml"]
)
def test_new_writes_a_brief_that_validates_whatever_its_name(name: str) -> None:
    """The figure's file name goes into the YAML: written plain, 'brief #2-figure.svg'
    read as 'brief' and a comment, '[draft]...' as a list, 'Q: water...' as a mapping."""
    assert _invoke("new", "--quiet", "--", name).exit_code == 0
    result = _invoke("validate", "--", name)
    assert (result.exit_code, result.stdout) == (0, f"{name}: ok\n"), result.output


def test_new_refuses_a_name_that_is_not_utf8() -> None:
    """b"n\xff.yaml" failed as a bug (UnicodeEncodeError) after writing nothing."""
    import os

    name = os.fsdecode(b"n\xff.yaml")
    result = _invoke("new", "--", name)
    assert result.exit_code == 1
    assert "file name is not UTF-8 text" in result.stderr
    assert not Path(name).exists()


def test_new_leaves_a_foreign_schema_file_alone() -> None:
    Path("brief.schema.json").write_text("{}", encoding="utf-8")
    result = _invoke("new", "--quiet", "x.yaml")
    assert (result.exit_code, result.stdout) == (0, "")
    assert Path("brief.schema.json").read_text(encoding="utf-8") == "{}"


def test_new_writes_no_file_where_a_schema_link_to_nothing_points(tmp_path: Path) -> None:
    """A link named brief.schema.json to a missing file (left in a shared folder) made
    `briefgen new` create that file, wherever it points; the link is replaced instead."""
    elsewhere = tmp_path / "elsewhere" / "created.json"
    elsewhere.parent.mkdir()
    Path("brief.schema.json").symlink_to(elsewhere)
    assert _invoke("new", "--quiet", "x.yaml").exit_code == 0
    assert not elsewhere.exists()
    assert Path("brief.schema.json").read_text(encoding="utf-8") == schema_text()


@pytest.mark.parametrize("args", [["validate", "data/brief.yaml"], ["--help"], ["schema"]])
def test_light_commands_never_import_weasyprint(args: list[str]) -> None:
    code = (
        "import sys\n"
        "from briefgen.cli import app\n"
        f"sys.argv = ['briefgen', *{args!r}]\n"
        "try:\n    app()\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
        "assert 'weasyprint' not in sys.modules, 'weasyprint was imported'\n"
        "assert 'pypdfium2' not in sys.modules, 'pypdfium2 was imported'\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    ("args", "code"), [(["data/brief.yaml"], 0), (["data/examples/missing.yaml"], 1)]
)
def test_validate_builds_the_json_report_only_when_asked(args: list[str], code: int) -> None:
    """The report's models (pydantic, ~0.1 s to import and build) are for JSON output and
    --report files; a plain ``validate`` only needs to know whether the run failed."""
    program = (
        "import sys\n"
        "from briefgen.cli import app\n"
        f"sys.argv = ['briefgen', 'validate', *{args!r}]\n"
        "try:\n    app()\nexcept SystemExit as exit:\n    status = exit.code or 0\n"
        "print(status, 'briefgen.report' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.stdout.split()[-2:] == [str(code), "False"], done.stderr


def _touch(path: Path, text: str) -> None:
    """Write and move the mtime on, so a change shows on file systems with coarse times."""
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def test_watch_renders_again_on_each_change_and_survives_mistakes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _invoke("new", "-q", "b.yaml").exit_code == 0
    brief, figure = Path("b.yaml"), Path("b-figure.svg")
    templates = tmp_path / "templates"
    templates.mkdir()
    watcher = Watcher(
        brief, ("md",), Path("out"), RenderOptions(templates=templates), make_console()
    )
    assert watcher.render()
    assert watcher.files == {brief, figure.resolve()}
    assert "wrote out/b.md" in capsys.readouterr().out
    assert not watcher.poll()  # nothing changed: nothing rendered

    text = brief.read_text(encoding="utf-8")
    _touch(brief, text.replace("Clean Water for Rural Schools", "Clean Water Everywhere"))
    assert watcher.poll()
    assert "# Clean Water Everywhere" in Path("out/b.md").read_text(encoding="utf-8")
    assert "rendered b.yaml in " in capsys.readouterr().out

    _touch(brief, text + "sumary: typo\n")  # a mistake: shown, the last good output stays
    assert watcher.poll()
    assert capsys.readouterr().err.startswith("b.yaml:")
    assert "# Clean Water Everywhere" in Path("out/b.md").read_text(encoding="utf-8")
    assert watcher.files == {brief}  # while broken, only the brief itself is known
    assert not watcher.poll()

    _touch(brief, text)  # fixed again
    assert watcher.poll()
    assert watcher.files == {brief, figure.resolve()}
    _touch(figure, figure.read_text(encoding="utf-8"))  # an image changed
    assert watcher.poll()
    _touch(templates / "brief.md.j2", "{{ brief.evaluation.title }} from a user template\n")
    assert watcher.poll()  # a new user template
    assert Path("out/b.md").read_text(encoding="utf-8").startswith("Clean Water for Rural Schools")
    _touch(templates / "brief.md.j2", "edited: {{ brief.evaluation.title }}\n")
    assert watcher.poll()  # an edited template is read again, not taken from a cache
    assert Path("out/b.md").read_text(encoding="utf-8").startswith("edited: Clean Water")
    assert watcher.renders == 7
    watcher.close()

"""The command line as a newcomer meets it: plain placeholders, plain option errors, and a
clear word when there is nothing to do."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefgen.api import RenderOptions
from briefgen.cli.console import make_console
from briefgen.cli.watch import Watcher
from tests.cli_runner import invoke
from tests.conftest import ROOT, SMALL_BRIEF

NO_BRIEF = (
    "no brief given and none at data/brief.yaml"
    " (name a brief file, or create one with 'briefgen new brief.yaml')"
)


pytestmark = pytest.mark.usefixtures("in_tmp")


def _invoke(*args: str) -> tuple[int, str, str]:
    result = invoke(*args)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("command", ["render", "validate", "watch"])
def test_no_brief_anywhere_says_what_to_do(command: str) -> None:
    code, _, err = _invoke(command)
    assert (code, err.strip()) == (1, NO_BRIEF)
    assert not Path("out").exists()


def test_watch_on_a_missing_file_fails_at_once() -> None:
    code, _, err = _invoke("watch", "missing.yaml")
    assert code == 1
    assert err.strip() == (
        "missing.yaml: no such file (check the path, or create one with `briefgen new`)"
    )


def test_format_names_are_case_insensitive() -> None:
    Path("b.yaml").write_text(SMALL_BRIEF, encoding="utf-8")
    code, out, _ = _invoke("render", "b.yaml", "-f", "MD", "-f", "Html")
    assert code == 0, out
    assert sorted(path.name for path in Path("out").iterdir()) == ["b.html", "b.md"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "docs"], "'docs' is not a format; use pdf, html, md, docx, png or all"),
        (["-j", "0"], "must be 1 or more, not 0"),
        (["--max-pages", "0"], "must be 1 or more, not 0"),
        # each was "briefgen failed unexpectedly ... (this is a bug)": NaN to a timer, an
        # infinite or huge deadline past what the system's timers take
        (["--pdf-variant", "pdf/x-4"], "'pdf/x-4' is not a PDF variant; use pdf/ua-1, "),
        (["--timeout", "nan"], "must be from 0.1 to 86400, not nan"),
        (["--timeout", "inf"], "must be from 0.1 to 86400, not inf"),
        (["--timeout", "1e308"], "must be from 0.1 to 86400, not 1e+308"),
        (["--lang", "FR"], "'FR' is not a language code; write one: fr, es-419 or all"),
        (["--lang", ""], "'' is not a language code; write one: fr, es-419 or all"),
    ],
)
def test_option_errors_speak_plainly(args: list[str], message: str) -> None:
    code, _, err = _invoke("render", "b.yaml", *args)
    assert code == 2
    assert message in err
    assert "Value error" not in err and "Input should be" not in err


@pytest.mark.parametrize("command", ["validate", "watch", "preview", "site"])
def test_every_timeout_is_bounded(command: str) -> None:
    code, _, err = _invoke(command, "b.yaml", "--timeout", "inf")
    assert code == 2
    assert "must be from 0.1 to 86400, not inf" in err


@pytest.mark.parametrize("interval", ["nan", "inf", "1e308"])
def test_the_watch_interval_is_bounded(interval: str) -> None:
    """Each ended in a Python traceback from time.sleep."""
    code, _, err = _invoke("watch", "b.yaml", "--interval", interval)
    assert code == 2
    assert f"must be from 0.1 to 3600, not {float(interval):g}" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--changes", "maybe"], "'maybe' is not a choice; use accept or reject"),
        (["--comments", "word"], "'word' is not a choice; use list or yaml"),
        # "this brief is not written in 'all' (... (or --lang all))": update reads one
        (["--lang", "all"], "this command takes one language, not all; write one: fr, es-419"),
    ],
)
def test_update_option_errors_speak_plainly(args: list[str], message: str) -> None:
    code, _, err = _invoke("update", "b.yaml", "--from", "r.docx", *args)
    assert code == 2
    assert message in err and "Value error" not in err


def test_translate_needs_a_language_code() -> None:
    """`--to ""` asked to list '' in the brief's languages: `languages: [en, ]`."""
    code, _, err = _invoke("translate", "b.yaml", "--to", "")
    assert code == 2
    assert "'' is not a language code; write one: fr, es-419" in err


def test_choices_are_taken_in_any_case() -> None:
    from briefgen.cli.options import parse_pdf_variant

    assert parse_pdf_variant("PDF/UA-1") == "pdf/ua-1"


def test_a_failed_render_leaves_no_empty_output_folder() -> None:
    Path("b.yaml").write_text("language: en\n", encoding="utf-8")
    code, _, _ = _invoke("render", "b.yaml", "-o", "public")
    assert code == 1
    assert not Path("public").exists()


@pytest.mark.parametrize("command", ["render", "validate", "watch", "new"])
def test_help_placeholders_are_plain_words(command: str) -> None:
    code, out, _ = _invoke(command, "--help")
    assert code == 0
    assert not re.search(r"<[a-z]+[\[ ]", out), out  # no <list[Path]>, <int range>, <path>


def test_validate_help_does_not_claim_to_embed() -> None:
    _, out, _ = _invoke("validate", "--help")
    assert "Embed" not in out
    assert "Accept http(s) images" in out


def test_validate_takes_folders_and_globs() -> None:
    briefs = Path("briefs")
    briefs.mkdir()
    (briefs / "a.yaml").write_text(SMALL_BRIEF, encoding="utf-8")
    (briefs / "b.yml").write_text(SMALL_BRIEF, encoding="utf-8")
    code, out, _ = _invoke("validate", "briefs")
    assert (code, out.splitlines()) == (0, ["briefs/a.yaml: ok", "briefs/b.yml: ok"])
    code, out, _ = _invoke("validate", "briefs/*.yaml")
    assert (code, out.splitlines()) == (0, ["briefs/a.yaml: ok"])


def test_new_accepts_yml_and_says_which_names_work() -> None:
    assert _invoke("new", "-q", "a.yml")[0] == 0
    code, _, err = _invoke("new", "a.txt")
    assert code == 1
    assert "a.txt: a brief file's name must end in .yaml or .yml (e.g. my-brief.yaml)" in err


def test_new_says_when_it_updates_an_older_schema() -> None:
    older = '{"$id": "urn:briefgen:schema:brief", "title": "an older schema"}'
    Path("brief.schema.json").write_text(older, encoding="utf-8")
    code, out, _ = _invoke("new", "a.yaml")
    assert code == 0
    assert "brief.schema.json was an older briefgen schema: updated to this version's" in out
    assert Path("brief.schema.json").read_text(encoding="utf-8") != older
    code, out, _ = _invoke("new", "b.yaml")
    assert "brief.schema.json" not in out  # current now: nothing written, nothing to say


def test_watch_prints_a_time_stamp_and_the_render_summary_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    Path("b.yaml").write_text(SMALL_BRIEF, encoding="utf-8")
    watcher = Watcher(Path("b.yaml"), ("md",), Path("out"), RenderOptions(), make_console())
    assert watcher.render()
    lines = capsys.readouterr().out.splitlines()
    assert re.fullmatch(r"\[\d\d:\d\d:\d\d\] wrote out/b\.md \(\d+ B, \d+\.\d\d s\)", lines[0])
    assert re.fullmatch(r"\[\d\d:\d\d:\d\d\] rendered b\.yaml in \d+\.\d\d s", lines[1])


def test_reference_brief_warns_of_its_empty_section_and_imageless_figure() -> None:
    code, _, err = _invoke("validate", str(ROOT / "data" / "brief.yaml"))
    assert code == 0
    warnings = [line for line in err.splitlines() if ": warning: " in line]
    assert [line.split(": warning: ")[1].split(":")[0] for line in warnings] == [
        "sections[0].sections[0].text",  # two sentences of 51 and 57 words (checks:)
        "sections[0].sections[0].text",
        "sections[0].sections[1]",
        "sections[1].sections[2]",
    ]
    assert warnings[2].startswith(f"{ROOT / 'data' / 'brief.yaml'}:79:9: ")
    code, _, _ = _invoke("validate", "--strict", str(ROOT / "data" / "brief.yaml"))
    assert code == 1

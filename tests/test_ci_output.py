"""What CI reads: the JSON report (checked by its schema), annotations, GitLab report, summary."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from briefgen.annotations import escape_data, escape_property, github_command
from briefgen.api import Rendered
from briefgen.batch import BriefOutcome, fit_warnings
from briefgen.errors import Problem
from briefgen.report import build_report, report_schema_text
from briefgen.summary import human_size, markdown_cell, step_summary
from tests.cli_runner import invoke
from tests.conftest import ROOT, SMALL_BRIEF

SCHEMA = json.loads((ROOT / "schema" / "report.schema.json").read_text(encoding="utf-8"))
BAD_BRIEF = SMALL_BRIEF.replace("  title: Clean Water Programme\n", "  titel: Clean Water\n")
FORGED = "x\\n::error file=x::forged"  # YAML escape: the key holds a real newline


@pytest.fixture(autouse=True)
def _in_tmp(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    Path("good.yaml").write_text(SMALL_BRIEF, encoding="utf-8")
    Path("bad.yaml").write_text(BAD_BRIEF, encoding="utf-8")


def _invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = invoke(*args, env=env)
    return result.exit_code, result.stdout, result.stderr


def _report(*args: str) -> tuple[int, dict[str, Any], str]:
    """Run with --output-format json; stdout must be one document valid against the schema."""
    code, out, err = _invoke(*args, "--output-format", "json")
    document = json.loads(out)
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    return code, document, err


def test_the_schema_in_the_repository_is_the_current_one() -> None:
    assert (ROOT / "schema" / "report.schema.json").read_text(encoding="utf-8") == (
        report_schema_text()
    ), "regenerate with: briefgen schema --report > schema/report.schema.json"
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_json_for_a_good_brief() -> None:
    code, report, err = _report("validate", "good.yaml")
    assert code == 0
    assert report["command"] == "validate" and report["ok"] is True
    assert report["briefs"] == [{"path": "good.yaml", "status": "ok", "problems": [], "files": []}]
    assert err == "good.yaml: ok\n"  # human text moved to stderr


def test_json_for_a_bad_brief_has_each_problem_located() -> None:
    code, report, err = _report("validate", "bad.yaml")
    assert code == 1
    assert report["ok"] is False
    assert report["summary"] == {"briefs": 1, "failed": 1, "files": 0, "errors": 2, "warnings": 0}
    [brief] = report["briefs"]
    assert brief["status"] == "failed"
    assert brief["problems"] == [
        {
            "file": "bad.yaml",
            "line": 5,
            "column": 1,
            "key_path": "evaluation.title",
            "severity": "error",
            "message": "required key 'title' is missing",
            "hint": "add 'title:' here",
        },
        {
            "file": "bad.yaml",
            "line": 7,
            "column": 3,
            "key_path": "evaluation.titel",
            "severity": "error",
            "message": "unknown key 'titel'",
            "hint": "did you mean 'title'?",
        },
    ]
    assert "bad.yaml:7:3: evaluation.titel: unknown key 'titel'" in err


def test_json_for_a_batch_render_lists_the_files_of_each_brief() -> None:
    code, report, err = _report("render", "good.yaml", "bad.yaml", "-f", "md", "-f", "html")
    assert code == 1
    assert [(b["path"], b["status"]) for b in report["briefs"]] == [
        ("good.yaml", "ok"),
        ("bad.yaml", "failed"),
    ]
    files = report["briefs"][0]["files"]
    assert [(f["path"], f["format"], f["pages"], f["fit"]) for f in files] == [
        ("out/good.md", "md", None, None),
        ("out/good.html", "html", None, None),
    ]
    assert [f["bytes"] for f in files] == [Path(f["path"]).stat().st_size for f in files]
    assert report["briefs"][1]["files"] == []
    assert report["summary"]["files"] == 2
    assert "rendered 1 of 2 briefs" in err


def test_json_when_the_run_stops_before_any_brief() -> None:
    Path("out").write_text("a file, not a folder", encoding="utf-8")
    code, report, _err = _report("render", "good.yaml", "-f", "md")
    assert code == 1
    assert report["briefs"] == []
    assert report["problems"][0]["file"] == "out"
    assert "cannot be used as the output folder" in report["problems"][0]["message"]


def test_fit_step_is_reported_and_warned() -> None:
    path = Path("long.yaml")
    results = [Rendered("pdf", Path("out/long.pdf"), 10, 0.1, 2, "9 pt text", None)]
    outcome = BriefOutcome(path, results, warnings=fit_warnings(path, results))
    report = build_report("render", [outcome]).model_dump(mode="json")
    jsonschema.Draft202012Validator(SCHEMA).validate(report)
    assert report["briefs"][0]["files"][0]["fit"] == "9 pt text"
    assert report["briefs"][0]["status"] == "ok" and report["ok"] is True
    [warning] = report["briefs"][0]["problems"]
    assert warning["severity"] == "warning"
    assert warning["message"] == "the PDF fits its page budget only with 9 pt text"
    assert report["summary"]["warnings"] == 1


def test_fit_warnings_name_the_pdf_of_each_language_fitted() -> None:
    """A brief in several languages writes a PDF for each: the warning says which PDF
    ``--fit`` set tighter, and how (each may have taken its own step, or none)."""
    path = Path("both.yaml")
    results = [
        Rendered("pdf", Path("out/both.fr.pdf"), 10, 0.1, 2, "9 pt text", None),
        Rendered("png", Path("out/both.fr-1.png"), 10, 0.1, 2, "9 pt text", 1),
        Rendered("pdf", Path("out/both.es.pdf"), 10, 0.1, 2, None, None),
        Rendered("pdf", Path("out/both.en.pdf"), 10, 0.1, 2, "spacing x0.8 to close an empty area"),
    ]
    assert [warning.message for warning in fit_warnings(path, results)] == [
        "the PDF both.fr.pdf fits its page budget only with 9 pt text",
        "the PDF both.en.pdf is set with spacing x0.8 to close an empty area that the normal "
        "layout leaves at a page's foot",
    ]


def test_github_annotations_are_exact_lines() -> None:
    code, out, _err = _invoke("validate", "good.yaml", "bad.yaml", env={"GITHUB_ACTIONS": "true"})
    assert code == 1
    assert [line for line in out.splitlines() if line.startswith("::")] == [
        "::error file=bad.yaml,line=5,col=1,title=briefgen%3A evaluation.title::"
        "required key 'title' is missing (add 'title:' here)",
        "::error file=bad.yaml,line=7,col=3,title=briefgen%3A evaluation.titel::"
        "unknown key 'titel' (did you mean 'title'?)",
    ]
    code, out, _err = _invoke("validate", "good.yaml", env={"GITHUB_ACTIONS": "false"})
    assert "::" not in out


def test_annotations_go_to_stderr_when_stdout_is_json() -> None:
    code, out, err = _invoke(
        "validate", "bad.yaml", "--output-format", "json", env={"GITHUB_ACTIONS": "true"}
    )
    assert code == 1
    json.loads(out)
    assert "::error file=bad.yaml,line=7,col=3," in err


def test_a_newline_in_the_brief_cannot_forge_an_annotation() -> None:
    Path("forge.yaml").write_text(SMALL_BRIEF + f'"{FORGED}": 1\n', encoding="utf-8")
    code, out, _err = _invoke("validate", "forge.yaml", env={"GITHUB_ACTIONS": "true"})
    assert code == 1
    commands = [line for line in out.splitlines() if line.startswith("::")]
    assert len(commands) == 1, commands  # the key's "::error file=x::" stays inside the first
    assert commands[0].startswith("::error file=forge.yaml,line=15,col=1,title=briefgen%3A x")
    assert "forged" in commands[0]
    # Messages may quote the newline already escaped; a raw one is encoded, never kept.
    problem = Problem("unknown key 'x\n::error file=x::forged'", Path("a.yaml"), 15, 1, "x")
    [line] = github_command(problem).splitlines()
    assert line.endswith("::unknown key 'x%0A::error file=x::forged'")


def test_workflow_command_escaping_follows_githubs_toolkit() -> None:
    assert escape_data("50%\r\nnext") == "50%25%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    problem = Problem("bad\nline", Path("we,ird:name.yaml"), 3, None, "k", "fix: it")
    assert github_command(problem) == (
        "::error file=we%2Cird%3Aname.yaml,line=3,col=1,title=briefgen%3A k::bad%0Aline (fix: it)"
    )
    warning = Problem("look", Path("a.yaml"), severity="warning")
    assert github_command(warning) == "::warning file=a.yaml,title=briefgen::look"


def test_gitlab_codequality_report_file() -> None:
    code, _out, _err = _invoke(
        "validate", "good.yaml", "bad.yaml", "--report", "gitlab-codequality=reports/gl.json"
    )
    assert code == 1
    issues = json.loads(Path("reports/gl.json").read_text(encoding="utf-8"))
    assert [(i["location"], i["severity"], i["check_name"]) for i in issues] == [
        ({"path": "bad.yaml", "lines": {"begin": 5}}, "major", "briefgen-validate"),
        ({"path": "bad.yaml", "lines": {"begin": 7}}, "major", "briefgen-validate"),
    ]
    assert (
        issues[1]["description"] == "evaluation.titel: unknown key 'titel' (did you mean 'title'?)"
    )
    assert len({i["fingerprint"] for i in issues}) == 2
    _invoke("validate", "bad.yaml", "--report", "gitlab-codequality=again.json")
    again = json.loads(Path("again.json").read_text(encoding="utf-8"))
    assert [i["fingerprint"] for i in again] == [i["fingerprint"] for i in issues]  # stable


def test_json_report_file_with_text_on_the_terminal() -> None:
    code, out, _err = _invoke("validate", "good.yaml", "--report", "json=report.json")
    assert (code, out) == (0, "good.yaml: ok\n")
    report = json.loads(Path("report.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(SCHEMA).validate(report)
    assert report["ok"] is True


def test_a_wrong_report_kind_is_a_usage_error() -> None:
    code, _out, err = _invoke("validate", "good.yaml", "--report", "sarif=x.json")
    assert code == 2
    assert "'sarif=x.json' is not KIND=FILE with KIND one of json, gitlab-codequality" in err


def test_a_brief_whose_name_is_not_utf8_is_rendered_and_summed_up(tmp_path: Path) -> None:
    """b"b\xff.yaml" (a Latin-1 name out of an old archive): its Markdown, its JSON report
    and the step summary each failed as a bug (UnicodeEncodeError) after the render."""
    import os

    name = os.fsdecode(b"b\xff.yaml")
    Path(name).write_text(SMALL_BRIEF, encoding="utf-8")
    summary = tmp_path / "summary.md"
    code, _out, err = _invoke(
        "render", name, "-f", "md", "--report", "json=r.json",
        env={"GITHUB_STEP_SUMMARY": str(summary)},
    )  # fmt: skip
    assert code == 0, err
    assert Path("out", os.fsdecode(b"b\xff.md")).is_file()
    assert json.loads(Path("r.json").read_text(encoding="utf-8"))["ok"] is True
    assert "| b\\udcff\\.yaml |" in summary.read_text(encoding="utf-8")


def test_step_summary_is_appended_by_render(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    code, _out, _err = _invoke(
        "render", "good.yaml", "bad.yaml", "-f", "md", env={"GITHUB_STEP_SUMMARY": str(summary)}
    )
    assert code == 1
    lines = summary.read_text(encoding="utf-8").splitlines()
    size = human_size(Path("out/good.md").stat().st_size)
    assert lines == [
        "earlier step",
        "### briefgen: 1 of 2 briefs rendered",
        "",
        "| brief | pages | formats | sizes | warnings | thumbnail |",
        "| --- | ---: | --- | --- | --- | --- |",
        f"| good\\.yaml |  | md | md {size} | none |  |",
        "| bad\\.yaml |  | failed |  | 2 errors |  |",
        "",
    ]


def test_step_summary_rows_with_pages_warnings_and_thumbnail() -> None:
    results = [
        Rendered("pdf", Path("out/a.pdf"), 2048, 0.1, 2, "9 pt text"),
        Rendered("png", Path("out/a-1.png"), 500, 0.1, 2, "9 pt text", 1),
        Rendered("png", Path("out/a-2.png"), 700, 0.1, 2, "9 pt text", 2),
        Rendered("thumbnail", Path("out/a-thumbnail.png"), 300, 0.1, 2, None, 1),
    ]
    path = Path("a|<b>.yaml")
    outcome = BriefOutcome(path, results, warnings=fit_warnings(path, results))
    row = step_summary([outcome]).splitlines()[-2]
    assert row == (
        "| a\\|\\<b\\>\\.yaml | 2 | pdf, png | pdf 2 KB, png 2 files, 700 B max, thumbnail 300 B"
        " | the PDF fits its page budget only with 9 pt text | a\\-thumbnail\\.png |"
    )


def test_markdown_cell_cannot_break_a_row() -> None:
    assert markdown_cell("a\nb|c") == "a\\\\x0ab\\|c"


def test_a_warning_is_reported_but_does_not_fail() -> None:
    Path("draft.yaml").write_text(SMALL_BRIEF + "  - kind: conclusions\n", encoding="utf-8")
    env = {"GITHUB_ACTIONS": "true"}
    code, out, err = _invoke("validate", "draft.yaml", "--output-format", "json", env=env)
    assert code == 0, err
    report = json.loads(out)
    jsonschema.Draft202012Validator(SCHEMA).validate(report)
    assert report["ok"] is True
    [warning] = report["briefs"][0]["problems"]
    assert (warning["severity"], warning["line"], warning["key_path"]) == (
        "warning",
        15,
        "sections[2]",
    )
    assert report["summary"]["warnings"] == 1
    assert (
        "::warning file=draft.yaml,line=15,col=5,title=briefgen%3A sections[2]::"
        "this section has a heading and nothing under it (add its text, or remove the section)"
    ) in err.splitlines()
    code, out, err = _invoke("validate", "draft.yaml", "--strict", "--output-format", "json")
    assert code == 1
    assert json.loads(out)["briefs"][0]["problems"][0]["severity"] == "error"


def test_json_when_no_brief_is_given() -> None:
    code, report, err = _report("validate")  # no data/brief.yaml in this folder
    assert code == 1
    assert report["briefs"] == []
    assert report["problems"][0]["message"] == "no brief given and none at data/brief.yaml"
    assert "no brief given" in err

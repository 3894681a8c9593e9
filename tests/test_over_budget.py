"""A brief past its page budget still shows the author something (issue 30, item 4).

The formats without a page budget are written, the PDF is written under a name that says
it is over budget (and a ``brief.pdf`` of an earlier run is removed, so that nothing in
the folder looks current when it is not), each page's fill is reported, and the brief
still fails: through the command line, its JSON report and the library.
"""

from __future__ import annotations

import json
from pathlib import Path

import pikepdf
import pytest

from briefgen.api import OverBudget, RenderOptions, render_brief
from briefgen.output import write_together
from tests.cli_runner import invoke
from tests.test_page_budget import longer_brief


def pdf_pages(pdf: Path) -> int:
    with pikepdf.open(pdf) as document:
        return len(document.pages)


def test_over_budget_writes_the_other_formats_and_a_pdf_named_so(tmp_path: Path) -> None:
    brief = longer_brief(tmp_path, 4)
    out = tmp_path / "out"
    out.mkdir()
    (out / "longer.pdf").write_bytes(b"%PDF- from an earlier run that fitted")
    result = invoke("render", str(brief), "-o", str(out), "--output-format", "json")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    names = sorted(path.name for path in out.iterdir())
    assert names == ["longer.OVER-BUDGET.pdf", "longer.docx", "longer.html", "longer.md"]
    assert pdf_pages(out / "longer.OVER-BUDGET.pdf") == 3
    err = result.stderr
    assert "the PDF runs to 3 pages, over the budget of 2 by" in err
    assert "the PDF is written as longer.OVER-BUDGET.pdf, to look at, not to publish" in err
    assert "warning: page fill: page 1 full; page 2 full; page 3 (past the budget) " in err
    assert "mm empty at the bottom" in err
    # The file lines say what was written and what was removed, on stderr in JSON mode.
    assert "longer.OVER-BUDGET.pdf" in err and "removed longer.pdf of an earlier run" in err

    report = json.loads(result.stdout)
    assert report["ok"] is False
    (record,) = report["briefs"]
    assert record["status"] == "failed"
    files = {Path(file["path"]).name: file for file in record["files"]}
    assert sorted(files) == names
    pdf = files["longer.OVER-BUDGET.pdf"]
    assert pdf["over_budget"] is True and pdf["pages"] == 3 and pdf["format"] == "pdf"
    assert Path(pdf["removed"]).name == "longer.pdf"
    assert files["longer.html"]["over_budget"] is False
    messages = [problem["message"] for problem in record["problems"]]
    assert any(m.startswith("the PDF runs to 3 pages") for m in messages)
    assert any(m.startswith("page fill: page 1 full") for m in messages)
    assert report["summary"]["files"] == 4 and report["summary"]["failed"] == 1

    # Once the brief fits (here: a third page allowed), brief.pdf is back and the
    # over-budget one, stale now, is gone.
    result = invoke("render", str(brief), "-o", str(out), "-f", "pdf", "--max-pages", "3")
    assert result.exit_code == 0, result.output
    assert "removed longer.OVER-BUDGET.pdf of an earlier run" in result.output
    assert sorted(path.name for path in out.iterdir() if path.suffix == ".pdf") == ["longer.pdf"]


def test_over_budget_through_the_library_writes_then_raises(tmp_path: Path) -> None:
    brief = longer_brief(tmp_path, 4)
    with pytest.raises(OverBudget) as raised:
        render_brief(brief, ("pdf", "html", "png"), tmp_path / "out")
    error = raised.value
    assert "over the budget of 2" in str(error)
    assert "no page images" not in str(error)  # a PDF was asked for: it is written
    written = {result.path.name: result for result in error.written}
    assert sorted(written) == ["longer.OVER-BUDGET.pdf", "longer.html"]  # no page images
    assert written["longer.OVER-BUDGET.pdf"].over_budget
    assert written["longer.OVER-BUDGET.pdf"].pages == 3
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == sorted(written)
    warnings = [str(w) for w in error.files[0].warnings]
    assert warnings[0].startswith(f"{brief}: warning: page fill: page 1 full; page 2 full;")
    # A budget that fits writes the PDF under its own name, as before.
    results = render_brief(brief, ("pdf",), tmp_path / "out", RenderOptions(max_pages=3))
    assert [result.path.name for result in results] == ["longer.pdf"]
    assert not (tmp_path / "out" / "longer.OVER-BUDGET.pdf").exists()


def test_over_budget_with_page_images_only_says_none_are_written(tmp_path: Path) -> None:
    brief = longer_brief(tmp_path, 4)
    with pytest.raises(OverBudget) as raised:
        render_brief(brief, ("png", "md"), tmp_path / "out")
    assert "no page images are written" in str(raised.value)
    assert [result.path.name for result in raised.value.written] == ["longer.md"]


def test_stale_files_are_removed_only_once_the_new_ones_are_in_place(tmp_path: Path) -> None:
    stale = tmp_path / "brief.pdf"
    stale.write_bytes(b"old")
    blocked = tmp_path / "brief.OVER-BUDGET.pdf"
    blocked.mkdir()  # cannot be written: nothing happens, the old PDF stays
    with pytest.raises(Exception, match="a folder of that name is in the way"):
        write_together([(blocked, b"new")], remove=[stale])
    assert stale.read_bytes() == b"old"
    blocked.rmdir()
    write_together([(blocked, b"new")], remove=[stale])
    assert blocked.read_bytes() == b"new" and not stale.exists()

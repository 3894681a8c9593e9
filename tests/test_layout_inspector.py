"""The layout inspector (issue 26): each kind of finding on a hand-made page, where it is;
the reference, the examples and a sample of the generated corpus with none; and the
findings as warnings in the JSON report, the CI annotations and ``--strict``.

The hand-made pages are HTML laid out by WeasyPrint directly, so each defect sits at a
known place: A4 with 20 mm margins, the first line's top at 20 mm.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from briefgen.api import layout_warnings, load_brief, render_files
from briefgen.render.pdf.engine import import_engine
from briefgen.render.pdf.inspector import Finding, inspect_pages
from tests.browser import evaluate
from tests.cli_runner import invoke
from tests.conftest import EXAMPLE_BRIEFS, ROOT, SMALL_BRIEF

PAGE = (
    "@page { size: A4; margin: 20mm } body { margin: 0; font: 10pt/1.4 sans-serif }"
    "p, h2, h3, dl, dd { margin: 0 } h2, h3 { font-size: 10pt; break-after: auto }"
    ".spacer { background: #eee }"
)


def _findings(body: str, language: str = "en", css: str = "") -> list[Finding]:
    weasyprint = import_engine()
    html = f"<html lang='{language}'><style>{PAGE}{css}</style><body>{body}</body></html>"
    document = weasyprint.HTML(string=html).render()
    return inspect_pages(document.pages, language)


def _at(found: Finding, page: int, top_mm: float, within_mm: float) -> bool:
    """On ``page``, ``top_mm`` from the page's top, give or take ``within_mm``."""
    return found.page == page and abs(found.top_mm - top_mm) <= within_mm


def _only(findings: list[Finding], kind: str) -> Finding:
    assert [f.kind for f in findings] == [kind], [(f.kind, f.message) for f in findings]
    return findings[0]


def test_an_empty_area_on_a_page_that_is_not_the_last() -> None:
    found = _only(
        _findings(
            "<p>One line, then a block too tall for the rest of the page.</p>"
            "<div style='height: 255mm; border-top: 1pt solid; break-inside: avoid'></div>"
        ),
        "empty-area",
    )
    assert found.page == 1
    assert found.top_mm == pytest.approx(26, abs=3)  # below the line, to the page's foot
    assert "170 x" in found.message  # the text area's full width


def test_the_last_page_may_end_early() -> None:
    assert _findings("<p>A short last page.</p>") == []


def test_text_past_its_column_and_the_page() -> None:
    found = _only(
        _findings("<p>Fine.</p><p style='white-space: nowrap'>" + "overflowing " * 40 + "</p>"),
        "overflow",
    )
    assert _at(found, 1, 25, 2), found
    assert "past the page's text area" in found.message


def test_a_heading_rule_under_a_floated_box_touches_it() -> None:
    body = (
        "<aside style='float: right; width: 50mm; height: 40mm; background: #eee'></aside>"
        "<h2 style='margin: 0; margin-top: 20mm; border-bottom: 1pt solid'>Findings</h2>"
        "<p>Text beside the box.</p>"
    )
    found = _only(_findings(body), "collision")
    assert _at(found, 1, 40, 3), found
    assert "touches" in found.message


def test_a_heading_that_ends_the_page() -> None:
    body = (
        "<div class='spacer' style='height: 230mm'></div><h2>Stranded heading</h2>"
        "<p style='break-inside: avoid'>" + "A paragraph that cannot be split. " * 30 + "</p>"
    )
    found = _only(_findings(body), "stranded-heading")
    assert _at(found, 1, 250, 2), found
    assert "ends the page" in found.message


def test_a_heading_that_ends_a_column() -> None:
    body = (
        "<div style='columns: 2; column-fill: auto; height: 100mm'>"
        "<div class='spacer' style='height: 90mm'></div><h3>End of column</h3>"
        "<p style='break-inside: avoid'>"
        + "Text that goes to the next column. " * 12
        + "</p></div>"
    )
    found = _only(_findings(body), "stranded-heading")
    assert _at(found, 1, 110, 2), found
    assert "ends a column" in found.message


@pytest.mark.parametrize(
    ("body", "language", "what"),
    [
        ("<p>In the year 2017<br>года the work began.</p>", "ru", "a number and its unit"),
        ("<p>A budget of USD<br>14.2 million.</p>", "en", "a currency and its amount"),
    ],
)
def test_a_number_parted_from_its_word(body: str, language: str, what: str) -> None:
    found = _only(_findings(body, language), "split-name")
    assert _at(found, 1, 20, 2), found
    assert what in found.message


def test_a_chinese_list_value_broken_inside_a_name() -> None:
    body = "<aside class='quick-facts'><dl><dt>国家</dt><dd>日本、荷<br>兰、韩国</dd></dl></aside>"
    found = _only(_findings(body, "zh"), "split-name")
    assert _at(found, 1, 25, 3), found
    assert "a name in a list" in found.message


@pytest.mark.parametrize(
    ("body", "mark", "top"),
    [
        ("<p>中文的句子<br>，不能这样开始。</p>", "，", 25),
        ("<p>中文的句子「<br>不能这样结束。</p>", "「", 20),
    ],
)
def test_chinese_punctuation_at_a_line_edge(body: str, mark: str, top: float) -> None:
    found = _only(_findings(body, "zh"), "punctuation")
    assert _at(found, 1, top, 2), found
    assert mark in found.message


@pytest.mark.parametrize(
    "body",
    [
        "<h2>Key findings of the<br>evaluation</h2><p>Text.</p>",
        "<header class='masthead'><p class='series'>Independent evaluation<br>brief</p></header>",
    ],
)
def test_a_word_alone_on_the_last_line(body: str) -> None:
    found = _only(_findings(body), "lone-word")
    assert _at(found, 1, 25, 2), found


def test_the_inspector_walks_a_page_once() -> None:
    """A thousand lines cost a thousand visits, not a million: no pairwise comparisons."""
    body = "".join(f"<p>Line {n}.</p>" for n in range(1000))
    assert [f.kind for f in _findings(body)] == []


# --- the project's own briefs, and the corpus -----------------------------------------

LAYOUT_BRIEFS = ROOT / "tests" / "briefs" / "layout"
EXAMPLES = [ROOT / "data" / "brief.yaml", LAYOUT_BRIEFS / "key-figures.yaml"]
# A chart beside the quick facts: at page 2's column width it left 46 x 42 mm empty.
EXAMPLES += [LAYOUT_BRIEFS / "chart-beside-facts.yaml"]
EXAMPLES += [
    path
    for path in EXAMPLE_BRIEFS
    # evidence: its map leaves room beside it, named in docs/layout.md.
    if path.name != "evidence.yaml"
]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_the_reference_and_the_examples_give_nothing_to_report(path: Path) -> None:
    files, _ = render_files(load_brief(path), ["pdf"])
    assert [str(w) for w in layout_warnings(files)] == []


def _corpus() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus", ROOT / "bench" / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The first twelve briefs of the corpus that the layout of issue 26 lays out with nothing
# to report; the others in 0-19 keep what docs/layout.md names (a chart or map with room
# beside it, a keep-together block at a column's foot).
CORPUS_SAMPLE = (0, 1, 2, 3, 6, 7, 8, 11, 12, 13, 14, 18)


@pytest.mark.parametrize("number", CORPUS_SAMPLE)
def test_a_sample_of_the_generated_corpus_gives_nothing_to_report(
    number: int, tmp_path: Path
) -> None:
    path = _corpus().generate(number, tmp_path)
    files, _ = render_files(load_brief(path), ["pdf"])
    assert [str(w) for w in layout_warnings(files)] == []


# --- as warnings ------------------------------------------------------------------------

TALL_FIGURE = (
    "<svg xmlns='http://www.w3.org/2000/svg' width='700' height='840' viewBox='0 0 10 12'>"
    "<rect width='10' height='12' fill='#0b3d6b'/></svg>"
)


def _brief_with_a_tall_figure(folder: Path) -> Path:
    (folder / "tall.svg").write_text(TALL_FIGURE, encoding="utf-8")
    brief = SMALL_BRIEF + (
        "  - kind: figure\n    image: tall.svg\n    alt: A square\n    caption: A square\n"
    )
    path = folder / "tall.yaml"
    path.write_text(brief + "layout:\n  max_pages: 3\n", encoding="utf-8")
    return path


def _invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, dict[str, Any], str]:
    result = invoke(*args, "--output-format", "json", env=env)
    return result.exit_code, json.loads(result.stdout), result.stderr


def test_a_finding_is_a_warning_in_json_and_annotations_and_an_error_with_strict(
    tmp_path: Path,
) -> None:
    path = _brief_with_a_tall_figure(tmp_path)
    out = str(tmp_path / "out")
    env = {"GITHUB_ACTIONS": "true", "NO_COLOR": "1"}
    code, report, err = _invoke("render", str(path), "-f", "pdf", "-o", out, env=env)
    assert code == 0, err
    [warning] = report["briefs"][0]["problems"]
    assert warning["severity"] == "warning"
    assert warning["message"].startswith("layout (empty-area): page 1, ")
    assert warning["hint"]
    assert any(
        line.startswith("::warning file=") and "empty-area" in line for line in err.splitlines()
    )
    code, report, err = _invoke("render", str(path), "-f", "pdf", "-o", out, "--strict")
    assert code == 1
    [error] = report["briefs"][0]["problems"]
    assert (error["severity"], error["message"]) == ("error", warning["message"])


# --- the web page -----------------------------------------------------------------------

LONG_URL = (
    "https://www.example.org/evaluation-office/independent-evaluations/reports/2024/"
    "final-independent-cluster-evaluation-of-the-regional-programme-on-migrant-protection-"
    "and-assistance-full-report-with-annexes.pdf"
)
WIDEST = """
const width = document.documentElement.clientWidth;
let widest = [document.documentElement.scrollWidth, "html"];
for (const element of document.body.querySelectorAll("*")) {
  const right = element.getBoundingClientRect().right;
  if (right > widest[0]) { widest = [right, element.tagName + "." + element.className]; }
}
return {width, widest};
"""


@pytest.mark.parametrize("width", [390, 1280])
def test_no_element_of_the_web_page_is_wider_than_the_window(width: int, tmp_path: Path) -> None:
    """A long report address in the quick facts and in the text wraps inside the window.

    Asked for 390 px, headless Chromium's window is 500 px (its minimum), still in the
    phone layout (below 48rem); the test compares with the width the page really has.
    """
    brief = SMALL_BRIEF.replace(
        "  title: Clean Water Programme\n",
        f"  title: Clean Water Programme\n  report:\n    url: {LONG_URL}\n",
    ).replace("    text: The programme reached most villages.", f"    text: See <{LONG_URL}>.")
    path = tmp_path / "long-url.yaml"
    path.write_text(brief, encoding="utf-8")
    files, _ = render_files(load_brief(path), ["html"])
    page = tmp_path / "long-url.html"
    page.write_bytes(files[0].content)
    found = evaluate(page, WIDEST, width=width)
    assert found["widest"][0] <= found["width"] + 1, found


def test_an_arabic_quick_facts_value_hangs_on_its_right(tmp_path: Path) -> None:
    """The first line of a value reaches further right (its start) than the lines after."""
    from briefgen.render.pdf.print_job import print_job

    brief = SMALL_BRIEF.replace("language: en", "language: ar") + (
        "quick_facts:\n  - label: المانحون\n    value: >-\n"
        "      أستراليا وأذربيجان وكندا وفرنسا وألمانيا وإسرائيل وإيطاليا وهولندا ونيوزيلندا"
        " والنرويج والسويد وسويسرا وتركيا والولايات المتحدة الأمريكية\n"
    )
    path = tmp_path / "ar.yaml"
    path.write_text(brief, encoding="utf-8")
    job = print_job(load_brief(path))
    document = import_engine().HTML(string=job.html, base_url=job.base_url).render()
    stack: list[Any] = [document.pages[0]._page_box]
    value = None
    while stack and value is None:
        box = stack.pop()
        if type(box).__name__ == "BlockBox" and box.element_tag == "dd":
            value = box
        stack.extend(getattr(box, "children", None) or ())
    assert value is not None
    lines = [child for child in value.children if type(child).__name__ == "LineBox"]
    assert len(lines) >= 2
    right = [max(c.position_x + c.margin_width() for c in line.children) for line in lines]
    assert right[0] - right[1] > 2 * 96 / 25.4  # about 0.9 em: 2-3 mm

"""The DOCX as programs no one here wrote read it: Pandoc (the ``pypandoc_binary`` wheel
bundles it) and mammoth find the title, the heading levels, one list per list, the links
(cross-references included) and the figures' captions (issue 27).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import mammoth
import pypandoc
import pytest

from briefgen.api import load_brief
from briefgen.model.labels import labels_for
from briefgen.render.view.context import section_heading
from tests.conftest import EVIDENCE_BRIEF, Renders

EVIDENCE = EVIDENCE_BRIEF
Block = dict[str, Any]


def pandoc_json(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(pypandoc.convert_file(str(path), "json"))
    return document


def plain(inlines: list[Block]) -> str:
    """The text of Pandoc inlines."""
    out = []
    for inline in inlines:
        match inline["t"]:
            case "Str":
                out.append(inline["c"])
            case "Space" | "SoftBreak" | "LineBreak":
                out.append(" ")
            case "Strong" | "Emph" | "Underline":
                out.append(plain(inline["c"]))
            case "Link" | "Span":
                out.append(plain(inline["c"][1]))
    return "".join(out)


def walk(blocks: list[Block]) -> list[Block]:
    """Every block and inline, depth first."""
    found: list[Block] = []
    pending: list[Any] = list(blocks)
    while pending:
        item = pending.pop(0)
        if isinstance(item, dict) and "t" in item:
            found.append(item)
            pending.extend(item.get("c") or [] if isinstance(item.get("c"), list) else [])
        elif isinstance(item, list):
            pending.extend(item)
    return found


@pytest.fixture(scope="module")
def evidence_docx(renders: Renders) -> Path:
    return renders.only(EVIDENCE, "docx")


def test_pandoc_finds_title_headings_lists_links_and_captions(evidence_docx: Path) -> None:
    document = pandoc_json(evidence_docx)
    brief = load_brief(EVIDENCE).brief
    meta = document["meta"]
    assert plain(meta["title"]["c"]) == brief.evaluation.title
    # the year range set with an en dash, as in every format; the code keeps its hyphen
    assert plain(meta["subtitle"]["c"]) == (
        "Fictional programme SR-310, 2020\u20132024; every figure in this brief is invented"
    )
    blocks = document["blocks"]
    headings = [(b["c"][0], plain(b["c"][2])) for b in blocks if b["t"] == "Header"]
    assert headings[:2] == [(1, "Background and context"), (1, "Methodology")]
    assert (1, "Management response") in headings
    # A heading the brief hides is not in the document (the key figures' heading).
    labels = labels_for(brief.language)
    hidden = [section_heading(s, labels) for s in brief.sections if not s.show_heading]
    assert hidden and not [text for _, text in headings if text in hidden]
    # One list per list: the key figures (4), the map's legend (2), the chart's (2).
    bullet_lists = [len(b["c"]) for b in blocks if b["t"] == "BulletList"]
    assert bullet_lists == [4, 2, 2]
    ordered = [len(b["c"][1]) for b in blocks if b["t"] == "OrderedList"]
    assert ordered == [4, 3]  # the findings, the recommendations
    # The map and the chart are figures with their caption, not their legend.
    figures = [b for b in blocks if b["t"] == "Figure"]
    captions = [plain(walk(f["c"][1][1])[0]["c"]) for f in figures]
    assert captions == [
        "Countries covered by the evaluation; Illustrative data",
        "Migrants referred to shelters or legal aid, by year; Programme monitoring data "
        "(illustrative)",
    ]
    targets = [node["c"][2][0] for node in walk(blocks) if node["t"] == "Link"]
    assert "#f_referral" in targets and "#rec_gender" in targets
    anchors = {node["c"][0][0] for node in walk(blocks) if node["t"] == "Span"}
    assert {target[1:] for target in targets if target.startswith("#")} <= anchors


def test_mammoth_finds_title_headings_lists_and_every_link_of_the_html(
    evidence_docx: Path, renders: Renders
) -> None:
    # mammoth maps Word's headings itself; its documented style map names the Title.
    result = mammoth.convert_to_html(
        str(evidence_docx), style_map="p[style-name='Title'] => h1.title:fresh"
    )
    html = result.value
    title = load_brief(EVIDENCE).brief.evaluation.title
    assert html.startswith(f'<h1 class="title">{title}</h1>')
    assert re.findall(r"<h1>([^<]*)</h1>", html)[:2] == ["Background and context", "Methodology"]
    assert [item.count("<li>") for item in re.findall(r"<ul>.*?</ul>", html)] == [4, 2, 2]
    assert [item.count("<li>") for item in re.findall(r"<ol>.*?</ol>", html)] == [4, 3]
    # Every link of the web page is a link in Word, cross-references to their bookmark.
    page = renders.only(EVIDENCE, "html").read_text(encoding="utf-8")
    page_links = set(re.findall(r'<a [^>]*href="([^"]+)"', page[page.index("<body") :]))
    word_links = set(re.findall(r'<a href="([^"]+)"', html))
    assert word_links == {re.sub(r"^#(.*)", lambda m: "#" + m[1].replace("-", "_"), link)
                          for link in page_links}  # fmt: skip
    assert len(page_links) >= 9
    bookmarks = set(re.findall(r'<a id="([^"]+)"', html))
    assert {link[1:] for link in word_links if link.startswith("#")} <= bookmarks

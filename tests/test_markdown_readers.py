"""The Markdown as GitHub's own parser (cmark-gfm, through the cmarkgfm package) reads it,
in safe mode (raw HTML dropped, as in many renderers and HTML sanitisers) and unsafe mode.

Safe mode drops every ``<br>``: the words on either side must still stand apart.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from html import unescape
from pathlib import Path
from urllib.parse import unquote

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options

from tests.conftest import EVIDENCE_BRIEF, REFERENCE_BRIEF, Renders

BRIEFS = [REFERENCE_BRIEF, EVIDENCE_BRIEF]
OMITTED = "<!-- raw HTML omitted -->"


def _safe(text: str) -> str:
    return str(cmarkgfm.github_flavored_markdown_to_html(text))


def _unsafe(text: str) -> str:
    return str(cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE))


def _visible(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html.replace(OMITTED, ""))


@pytest.mark.parametrize("brief", BRIEFS, ids=lambda path: path.stem)
def test_no_words_run_together_in_safe_mode(renders: Renders, brief: Path) -> None:
    html = _safe(renders.only(brief, "md").read_text(encoding="utf-8"))
    assert OMITTED in html  # the <br> are there, and dropped
    text = re.sub(r"<[^>]+>", "", html.replace(OMITTED, "\x00"))  # what is seen
    glued = re.findall(r"[^\s\x00]+\x00+[^\s\x00]+", text)  # anchors alone may go
    assert glued == []


def test_team_members_stand_apart_in_both_modes(renders: Renders) -> None:
    markdown = renders.only(REFERENCE_BRIEF, "md").read_text(encoding="utf-8")
    for render in (_safe, _unsafe):
        text = _visible(render(markdown))
        assert "Team Leader; Astrid Ganterer" in text
    assert "Team Leader; <br>Astrid Ganterer" in _unsafe(markdown)  # raw HTML kept


def test_chart_and_map_are_pictures_beside_the_markdown(renders: Renders) -> None:
    """GitHub shows no data: URI: the drawn pictures are files in ``<stem>_files``, shown
    in safe mode too, and the chart's data stays a table, the map's legend a list."""
    markdown_path = renders.only(EVIDENCE_BRIEF, "md")
    markdown = markdown_path.read_text(encoding="utf-8")
    html = _safe(markdown)
    sources = re.findall(r'<img src="([^"]+)" alt="([^"]*)"', html)
    assert [source for source, _ in sources] == [
        "evidence_files/map-1.svg",
        "evidence_files/chart-1.svg",
    ]
    assert all(alt for _, alt in sources)
    for source, _ in sources:
        assert (markdown_path.parent / source).read_bytes().startswith(b"<svg")
    assert '<td align="left">2021</td>' in html  # the chart's data, as a table
    assert "<li>Field mission: Ethiopia, Kenya, Sudan</li>" in html  # the map's legend


def _github_ids(html: str) -> set[str]:
    """The ids GitHub gives the headings of a page (github-slugger's rules, written out
    here apart from the writer's: lower case; letters, digits, marks, "-" and "_" kept,
    each space a "-", other characters dropped; a repeated slug numbered -1, -2...)."""
    ids: set[str] = set()
    counts: dict[str, int] = {}
    for heading in re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", html, flags=re.DOTALL):
        text = unescape(re.sub(r"<[^>]+>", "", heading)).strip().lower()
        slug = "".join(
            "-" if char == " " else char
            for char in text
            if char in "-_ " or unicodedata.category(char)[0] in "LNM"
        )
        count = counts.get(slug, 0)
        counts[slug] = count + 1
        ids.add(slug if count == 0 else f"{slug}-{count}")
    return ids


@pytest.mark.parametrize("render", [_safe, _unsafe], ids=["safe", "unsafe"])
def test_cross_references_lead_to_a_heading(renders: Renders, render: Callable[[str], str]) -> None:
    """Every cross-reference of the HTML is a link in the Markdown, to a heading GitHub
    makes an anchor of; safe mode drops raw ``<a id>`` anchors, so none is relied on."""
    brief = EVIDENCE_BRIEF
    page = renders.only(brief, "html").read_text(encoding="utf-8")
    wanted = re.findall(r'href="#(?:f|rec)-[^"]+"', page)
    assert len(wanted) == 6
    markdown = renders.only(brief, "md").read_text(encoding="utf-8")
    assert "<a id=" not in markdown
    html = render(markdown)
    links = [unquote(href) for href in re.findall(r'href="#([^"]*)"', html)]
    assert len(links) == len(wanted)
    ids = _github_ids(html)
    assert [link for link in links if link not in ids] == []

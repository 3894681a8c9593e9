"""The Markdown drops nothing a reader of the brief sees: every text field is in it.

Walks each brief's YAML and looks for every text value in the Markdown, compared as
plain text (formatting and Markdown escapes set aside). Only keys that never appear in
the body of any format are left out, each for a stated reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt

from briefgen.api import load_brief
from briefgen.model.inline import to_plain
from briefgen.render.markdown import render_markdown
from briefgen.render.view.context import RenderContext
from tests.conftest import EVIDENCE_BRIEF, LAYOUT_BRIEFS, REFERENCE_BRIEF, ROOT, SMALL_BRIEF

NOT_BODY_TEXT = {
    "language": "a setting (labels, hyphenation)",
    "date": "shown formatted by the locale (October 2017), not as written",
    "deadline": "a typed month is shown as the locale writes it (tests/unit/test_deadline_text.py)",
    "kind": "a section type; its heading is checked instead",
    "list_style": "a setting",
    "theme": "settings",
    "layout": "settings",
    "templates": "a folder",
    "keywords": "PDF and HTML metadata only",
    "summary": "PDF and HTML metadata only",
    "programmes": "metadata (default keywords)",
    "image": "a file name; the image itself is checked by its own test",
    # Evidence blocks: codes and settings, printed as words (tests/test_evidence.py).
    "id": "an anchor; references to it print the item's number",
    "recommendation": "an id; the management response prints the recommendation's number",
    "response": "a code, printed as Accepted / Partially accepted / Rejected",
    "scale": "a scale's name or levels; the levels are printed in the scale line",
    "rating": "a level's code, printed as its words (highly_satisfactory: Highly ...)",
    "criterion": "a DAC criterion's code is printed as its name in the brief's language",
    "chart": "a setting (column or bar)",
    "extent": "a setting (fit or world)",
    "align": "a setting",
    "code": "a country code, printed as the country's name",
    "countries": "country codes, printed as the countries' names",
}

BRIEFS = {"reference": REFERENCE_BRIEF, **LAYOUT_BRIEFS, "evidence": EVIDENCE_BRIEF}


def text_fields(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every text value of a brief's data with its key path, except settings and metadata."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in NOT_BODY_TEXT:
                yield from text_fields(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from text_fields(value, f"{path}[{index}]")
    elif isinstance(node, str):
        yield path, node


def _plain(text: str) -> str:
    return " ".join(text.split())


def markdown_as_plain(markdown: str) -> str:
    """What a reader of the rendered Markdown sees, near enough for a substring test."""
    text = re.sub(r"<br>|</?sub>", " ", markdown)
    text = re.sub(r"\]\(#[A-Za-z][\w-]*\)", "]", text)  # a cross-reference's target
    text = re.sub(r"\\(.)", r"\1", text)  # Markdown escapes
    text = re.sub(r"[*`\[\]]", "", text)
    return _plain(text)


def missing_fields(brief: Path) -> list[str]:
    loaded = load_brief(brief)
    markdown = markdown_as_plain(render_markdown(loaded))
    # A cross-reference reads as what it refers to ("recommendation 3").
    references = RenderContext(loaded, for_print=False).references()
    data = yaml.safe_load(brief.read_text(encoding="utf-8"))
    return [
        f"{path}: {value!r}"
        for path, value in text_fields(data)
        if _plain(to_plain(value, references)) not in markdown
    ]


@pytest.mark.parametrize("name", sorted(BRIEFS))
def test_every_text_field_is_in_the_markdown(name: str) -> None:
    missing = missing_fields(BRIEFS[name])
    assert not missing, f"{name}: the Markdown drops {len(missing)} field(s):\n" + "\n".join(
        missing
    )


def test_an_acronym_used_nowhere_else_is_kept(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(
        SMALL_BRIEF.replace(
            "  name: Evaluation Office\n", "  name: Evaluation Office\n  acronym: IOLNEC\n"
        ),
        encoding="utf-8",
    )
    assert "IOLNEC" in brief.read_text(encoding="utf-8")
    assert missing_fields(brief) == []
    first_line = render_markdown(load_brief(brief)).splitlines()[0]
    assert first_line.startswith("**Evaluation Office (IOLNEC)**")


def test_the_walk_sees_every_text_and_skips_only_settings() -> None:
    data = yaml.safe_load(REFERENCE_BRIEF.read_text(encoding="utf-8"))
    paths = dict(text_fields(data))
    assert paths["organisation.acronym"] == "UNODC"
    assert paths["contact.email"] == "ieu@unodc.org"
    assert not any(path.startswith(("theme", "layout", "keywords")) for path in paths)
    assert len(paths) > 60


def test_quick_facts_table_has_a_header_and_phone_numbers_are_not_escaped(
    tmp_path: Path,
) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(
        SMALL_BRIEF
        + "quick_facts:\n  - label: Hotline\n    value: +43 1 26060\n"
        + "contact:\n  phone: +43 1 26060-0\n  email: a@example.org\n",
        encoding="utf-8",
    )
    markdown = render_markdown(load_brief(brief))
    assert "| Quick facts | |\n|---|---|\n| **Hotline** | +43 1 26060 |" in markdown
    assert "+43 1 26060-0" in markdown and "\\+" not in markdown


def test_markdown_images_are_written_beside_it_and_linked_from_there(tmp_path: Path) -> None:
    from briefgen.api import render_brief

    out = tmp_path / "elsewhere"
    (result,) = render_brief(ROOT / "briefgen" / "starter.yaml", ["md"], out)
    markdown = result.path.read_text(encoding="utf-8")
    links = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", markdown)
    # The starter's figure, then its drawn map and chart (render/markdown.py).
    assert sorted(links) == [
        "starter_files/chart-1.svg",
        "starter_files/map-1.svg",
        "starter_files/starter-figure.svg",
    ]
    written = result.path.parent / "starter_files/starter-figure.svg"
    assert written.read_bytes() == (ROOT / "briefgen" / "starter-figure.svg").read_bytes()
    assert all((result.path.parent / link).read_bytes().startswith(b"<svg") for link in links)


def test_a_quick_fact_with_a_pipe_or_break_stays_one_row(tmp_path: Path) -> None:
    """A quick fact is a row of a GFM table: a pipe (even in code) or a line break in it
    must not split the row or end the table."""
    brief = tmp_path / "brief.yaml"
    brief.write_text(
        SMALL_BRIEF
        + 'quick_facts:\n  - label: "Codes | ids"\n    value: "`GLOT59|GLOT92`  \\nand more"\n'
        + "  - label: Donors\n    value: Norway\n",
        encoding="utf-8",
    )
    markdown = render_markdown(load_brief(brief))
    rows = [line for line in markdown.splitlines() if line.startswith("| **")]
    assert rows[0] == "| **Codes \\| ids** | `GLOT59\\|GLOT92` <br>and more |"
    assert rows[1] == "| **Donors** | Norway |"


def test_a_numbered_run_in_list_stays_a_paragraph(tmp_path: Path) -> None:
    """Without an introduction, a run-in list's Markdown starts "1) ", which GitHub would
    read as an ordered list: the first marker is escaped, the rest read as written."""
    brief = tmp_path / "brief.yaml"
    brief.write_text(
        SMALL_BRIEF.replace("    items:\n", "    list_style: run-in\n    items:\n"),
        encoding="utf-8",
    )
    markdown = render_markdown(load_brief(brief))
    assert "1\\) Keep going. 2) Measure more." in markdown
    html = MarkdownIt("gfm-like").render(markdown)
    assert "<ol" not in html
    assert "1) Keep going. 2) Measure more." in html


def test_a_title_with_line_breaks_is_one_heading(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(
        SMALL_BRIEF.replace(
            "title: Clean Water Programme", 'title: "\\\\\\nClean Water\\\\\\n\\\\\\nProgramme"'
        ),
        encoding="utf-8",
    )
    markdown = render_markdown(load_brief(brief))
    headings = [line for line in markdown.splitlines() if line.startswith("# ")]
    assert headings == ["# Clean Water Programme"]

"""The layout oracles themselves (tests/layout_check.py, tests/page_objects.py), on tiny
pages WeasyPrint makes here: each defect is found where it is and nowhere else, and a
clean page passes. An oracle that cannot fail proves nothing about the briefs."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
import weasyprint

from tests.layout_check import collisions, hidden_text, off_page, overlaps, pages, problems
from tests.page_objects import Box, painted, structure_paths

PAGE = """<!doctype html><html lang="en"><head><title>t</title><style>
@page {{ size: 120mm 80mm; margin: 10mm }}
body {{ font-family: sans-serif; font-size: 11pt; line-height: 1.5; margin: 0 }}
p {{ margin: 0 0 2mm }}
.box {{ position: absolute; background: {box}; }}
</style></head><body>{body}</body></html>"""
CLEAN = "<p>Plain words set in a column.</p><p>A second paragraph under it.</p>"


def pdf_of(tmp_path: Path, body: str, *, box: str = "#ffffff", tagged: bool = False) -> Path:
    path = tmp_path / "page.pdf"
    html = weasyprint.HTML(string=PAGE.format(body=body, box=box))
    html.write_pdf(path, pdf_variant="pdf/ua-1" if tagged else None)
    return path


def test_a_clean_page_passes_every_check(tmp_path: Path) -> None:
    pdf = pdf_of(tmp_path, CLEAN + '<p style="color: #777">Grey but legible.</p>')
    assert problems(pdf) == []
    assert problems(pdf, right_to_left=True) == []


def test_words_drawn_over_words_are_an_overlap(tmp_path: Path) -> None:
    pdf = pdf_of(
        tmp_path,
        CLEAN + '<p style="position: absolute; top: 0; left: 3mm">Intruder</p>',
    )
    found = overlaps(pdf)
    assert found and all("'Intruder' overlaps" in f or "overlaps 'Intruder'" in f for f in found)
    assert "Intruder" in " ".join(problems(pdf))
    assert hidden_text(pdf) == [], "overlapping ink is still ink: not hidden"


@pytest.mark.parametrize(
    "place",
    ["left: -40mm; top: 10mm", "left: 105mm; top: 10mm", "left: 0; top: 75mm"],
    ids=["left", "right", "bottom"],
)
def test_text_past_the_page_edge_is_off_the_page(tmp_path: Path, place: str) -> None:
    pdf = pdf_of(tmp_path, CLEAN + f'<p style="position: absolute; {place}">Runaway</p>')
    found = off_page(pdf)
    assert len(found) == 1 and "'Runaway' is off the page" in found[0], found
    assert found[0] in problems(pdf)


def test_a_tagged_heading_drawn_off_the_page_is_kept_for_screen_readers(tmp_path: Path) -> None:
    """What templates/print.css does with show_heading: false: the heading stays in the
    structure tree, drawn off the page. A paragraph put there is still lost text."""
    away = "position: absolute; left: -1000mm"
    body = f'<h2 style="{away}">Unseen heading</h2><p style="{away}; top: 20mm">Lost words</p>'
    pdf = pdf_of(tmp_path, CLEAN + body, tagged=True)
    found = problems(pdf)
    assert "Lost words" in " ".join(found) and "heading" not in " ".join(found), found
    assert [entry.split("'")[1] for entry in hidden_text(pdf)] == ["Lost", "words"]


def test_text_under_an_opaque_box_is_hidden(tmp_path: Path) -> None:
    """The words are in the content stream (copied, searched, read aloud) but painted over
    by a box drawn after them: no word box overlaps another, so only the pixels tell."""
    cover = '<div class="box" style="top: 0; left: 0; width: 100mm; height: 6mm"></div>'
    pdf = pdf_of(tmp_path, CLEAN + cover, box="#ffffff")
    assert collisions(pdf) == []
    hidden = hidden_text(pdf)
    assert [entry.split("'")[1] for entry in hidden] == [
        "Plain",
        "words",
        "set",
        "in",
        "a",
        "column.",
    ]
    assert "Plain" in " ".join(problems(pdf))


def test_a_box_over_part_of_a_word_names_the_letters_hidden(tmp_path: Path) -> None:
    cover = '<div class="box" style="top: 0; left: 0; width: 4mm; height: 6mm"></div>'
    pdf = pdf_of(tmp_path, "<p>Wordsmith</p>" + cover, box="#203040")
    (hidden,) = hidden_text(pdf)
    assert hidden.startswith("page 1: 'Wordsmith' cannot be seen (W")
    assert "smith" not in hidden.split("(")[1]


def test_text_in_the_background_colour_is_hidden(tmp_path: Path) -> None:
    pdf = pdf_of(tmp_path, CLEAN + '<p style="color: #ffffff">Invisible ink</p>')
    assert [entry.split("'")[1] for entry in hidden_text(pdf)] == ["Invisible", "ink"]


def test_ink_that_differs_only_in_blue_is_still_seen(tmp_path: Path) -> None:
    """Navy on black: grey pixels would weigh the change at a ninth and call it hidden."""
    body = '<p style="background: #000000; color: #000080">Navy on black</p>'
    assert hidden_text(pdf_of(tmp_path, body)) == []


def test_a_translucent_tint_over_text_hides_nothing(tmp_path: Path) -> None:
    tint = '<div class="box" style="top: 0; left: 0; width: 100mm; height: 6mm"></div>'
    pdf = pdf_of(tmp_path, CLEAN + tint, box="rgba(0, 60, 200, 0.15)")
    assert hidden_text(pdf) == []


def test_page_objects_reads_fills_text_colours_and_tags(tmp_path: Path) -> None:
    body = (
        '<div style="background: #0b3d6b; color: #ffffff; padding: 2mm">Masthead</div>'
        '<aside style="background: #eef2f7; border-top: 3pt solid #0b3d6c">'
        '<h2 style="color: #b5121b">Aside</h2>'
        "<p>Fact</p></aside><p>Body</p>"
    )
    pdf = pdf_of(tmp_path, body, tagged=True)
    (page,) = painted(pdf)
    (paths,) = structure_paths(pdf)
    rects = {p.colour: p.box for p in page if p.kind == "rect"}
    texts = {p.text.strip(): p for p in page if p.kind == "text"}
    assert set(rects) == {"#0b3d6b", "#eef2f7"}
    (rule,) = [p for p in page if p.kind == "shape"]  # a border: a ring, not a rectangle
    assert rule.colour == "#0b3d6c" and rule.box == rects["#eef2f7"]
    assert rects["#0b3d6b"].contains(texts["Masthead"].box)
    assert texts["Masthead"].colour == "#ffffff" and texts["Aside"].colour == "#b5121b"
    assert paths[texts["Aside"].mcid][-2].startswith("H2#")
    aside = paths[texts["Aside"].mcid][:-2]
    assert paths[texts["Fact"].mcid][: len(aside)] == aside
    assert paths[texts["Body"].mcid][: len(aside)] != aside


def test_box_overlap_and_containment() -> None:
    box = Box(0, 0, 10, 10)
    assert box.contains(Box(1, 1, 9, 9)) and not box.contains(Box(1, 1, 11, 9))
    assert box.contains(Box(1, 1, 10.4, 9), slack=0.5)
    assert box.overlap(Box(8, 8, 20, 20)) == 2
    assert box.overlap(Box(13, 0, 20, 10)) == -3


def chinese(body: str) -> str:
    return f"<p lang='zh' style=\"font: 20pt/1.5 'Noto Sans CJK SC'\">{body}</p>"


HALF = "<span style=\"font-feature-settings: 'halt'\">{}</span>"


@pytest.mark.parametrize(
    "body",
    [f"他说{HALF.format('：')}「好{HALF.format('。')}」然后", f"书》（{HALF.format('《')}贩运"],
    ids=["closing-then-opening", "two-openings"],
)
def test_a_pair_of_full_width_marks_set_closer_is_no_overlap(tmp_path: Path, body: str) -> None:
    """``。」`` set in an em and a half (the first mark halved, font feature ``halt``): the
    PDF keeps each mark's 1-em width and moves the next one back, so their em boxes
    overlap where one has only its blank half. The ink does not meet: no overlap."""
    pdf = pdf_of(tmp_path, chinese(body))
    words = [w for _, _, page in pages(pdf) for w in page]
    assert any(a.x1 - b.x0 > 3 for a, b in pairwise(words)), words
    assert overlaps(pdf) == []


@pytest.mark.parametrize(
    ("body", "drawn_over"),
    [
        # a mark's ink pulled over the next character: seen, so still an overlap
        ("好<span style='margin-right: -0.9em'>。</span>下一句", "下一句"),
        ("好<span style='margin-left: -0.9em'>「</span>下一句", "「"),
        # any other character is measured by its em box, as before
        ("好<span style='margin-right: -0.5em'>人</span>们说", "们说"),
        ("<span style='margin-right: -0.5em'>GLOT59</span>方案", "方案"),
    ],
    ids=["closing-mark-ink", "opening-mark-ink", "han", "latin"],
)
def test_a_character_drawn_over_another_is_still_an_overlap(
    tmp_path: Path, body: str, drawn_over: str
) -> None:
    found = overlaps(pdf_of(tmp_path, chinese(body)))
    assert len(found) == 1 and drawn_over in found[0], found

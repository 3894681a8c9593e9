"""Visual regression: the example briefs' pages, looked at two ways.

Pixels: pages are rasterised small and in grey (40 dpi) and compared with reviewed
reference images, so a moved block, a lost column or a changed colour shows. To accept a
deliberate change, regenerate the references, look at them, and commit them:

    BRIEFGEN_UPDATE_REFERENCES=1 pytest tests/test_visual.py

Geometry: a tolerance cannot tell a small real change from noise, so every example, in
every language, is also measured from what its PDF paints (tests/page_objects.py): the
quick facts stand clear of the body text, the theme's primary colour is the one painted
on the masthead, the sidebar and the headings, and every word is on the page, visible,
and clear of every other word (tests/layout_check.py).
"""

from __future__ import annotations

import ctypes
import os
import re
import subprocess
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_raw
import pytest
from PIL import Image, ImageChops

from briefgen.api import load_brief
from briefgen.model.brief import Brief
from briefgen.model.labels import labels_for
from briefgen.model.theme import TINT
from briefgen.render.view.cldr import text_direction
from tests.conftest import (
    EVIDENCE_BRIEF,
    LAYOUT_BRIEFS,
    REFERENCE_BRIEF,
    ROOT,
    SHIPPED_BRIEFS,
    Renders,
)
from tests.conftest import EXAMPLES as EXAMPLES_FOLDER
from tests.layout_check import pages as words_by_page
from tests.layout_check import problems
from tests.page_objects import Box, Painted, painted, structure_paths

VISUAL = ROOT / "tests" / "visual"
ACTUAL = VISUAL / "_actual"
DPI = 40
MAX_MEAN_DIFFERENCE = 0.02  # mean absolute difference, as a fraction of full scale
MAX_CHANGED_PIXELS = 0.05  # fraction of pixels that differ by more than a quarter
CHANGED_LEVEL = 64

EXAMPLES = {
    "brief": REFERENCE_BRIEF,
    **LAYOUT_BRIEFS,  # other shapes: a brief that ends early on page 2, a team of five
    # Not "brief-ar": the references are found by "<name>-*.png", and "brief-*" is taken.
    "reference-ar": EXAMPLES_FOLDER / "brief-ar.yaml",
    "reference-zh": EXAMPLES_FOLDER / "brief-zh.yaml",
    "evidence": EVIDENCE_BRIEF,
}
# Every example a user is shown, each in all its languages: new examples join by existing.
EVERY_EXAMPLE = sorted(
    {*EXAMPLES.values(), *SHIPPED_BRIEFS},
    key=lambda path: path.relative_to(ROOT).as_posix(),
)
GUTTER = 2 * 72 / 25.4  # body text keeps at least 2 mm from the quick facts' box
HEADING = re.compile(r"^H[1-6]#")


def rasterise(pdf: Path, folder: Path, name: str) -> list[Path]:
    """One grey PNG per page: ``<name>-<page>.png``."""
    subprocess.run(
        ["pdftoppm", "-png", "-gray", "-r", str(DPI), str(pdf), str(folder / name)], check=True
    )
    return sorted(folder.glob(f"{name}-*.png"))


def difference(actual: Image.Image, expected: Image.Image) -> tuple[float, float, Image.Image]:
    """Mean absolute difference, share of strongly changed pixels, and the diff image."""
    diff = ImageChops.difference(actual, expected)
    histogram = diff.histogram()
    pixels = actual.width * actual.height
    mean = sum(level * count for level, count in enumerate(histogram)) / pixels / 255
    changed = sum(histogram[CHANGED_LEVEL + 1 :]) / pixels
    return mean, changed, diff


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_pages_match_reviewed_references(name: str, renders: Renders, tmp_path: Path) -> None:
    pages = rasterise(renders.only(EXAMPLES[name], "pdf"), tmp_path, name)
    references = sorted(VISUAL.glob(f"{name}-*.png"))
    if os.environ.get("BRIEFGEN_UPDATE_REFERENCES") == "1":
        for old in references:
            old.unlink()
        for page in pages:
            page.replace(VISUAL / page.name)
        return
    assert [page.name for page in pages] == [ref.name for ref in references], (
        f"{name}: {len(pages)} pages rendered, {len(references)} reference images in {VISUAL}"
    )
    failures = []
    for page, reference in zip(pages, references, strict=True):
        with Image.open(page) as actual_image, Image.open(reference) as expected_image:
            actual, expected = actual_image.convert("L"), expected_image.convert("L")
            if actual.size != expected.size:
                failures.append(f"{page.name}: size {actual.size}, reference {expected.size}")
                continue
            mean, changed, diff = difference(actual, expected)
            if mean < MAX_MEAN_DIFFERENCE and changed < MAX_CHANGED_PIXELS:
                continue
            ACTUAL.mkdir(exist_ok=True)
            actual.save(ACTUAL / page.name)
            ImageChops.invert(diff).save(ACTUAL / page.name.replace(".png", "-diff.png"))
            failures.append(
                f"{page.name}: mean difference {mean:.1%}, {changed:.1%} of pixels changed; "
                f"see {ACTUAL / page.name} and its -diff.png"
            )
    assert not failures, (
        "pages differ from the reviewed references:\n"
        + "\n".join(failures)
        + "\nif the change is intended: BRIEFGEN_UPDATE_REFERENCES=1 pytest tests/test_visual.py"
    )


def test_difference_measure_sees_a_moved_block() -> None:
    blank = Image.new("L", (100, 100), 255)
    moved = blank.copy()
    moved.paste(0, (10, 10, 40, 40))
    assert difference(blank, blank.copy())[:2] == (0.0, 0.0)
    mean, changed, _ = difference(blank, moved)
    assert changed == pytest.approx(0.09)
    assert mean == pytest.approx(0.09)


# --- geometry, read from the PDF -------------------------------------------------------


def printed(renders: Renders, example: Path) -> list[tuple[Brief, Path]]:
    """Each language of ``example`` as the model read it, with its PDF."""
    first = load_brief(example)
    languages = first.brief.languages or [first.brief.language]
    loaded = (
        [first]
        if len(languages) == 1
        else [load_brief(example, language=lang) for lang in languages]
    )
    outputs = renders.outputs(example, ["pdf"])
    return [(each.brief, outputs[each.stem]["pdf"]) for each in loaded]


def example_id(example: Path) -> str:
    return example.relative_to(ROOT).as_posix()


def quick_facts(
    page: list[Painted], paths: dict[int, tuple[str, ...]], label: str
) -> tuple[Box, list[Painted]]:
    """The quick facts' tinted box, and the text of the structure element (the aside) whose
    heading reads ``label``: found from the tags, not from where things were drawn."""
    # A right-to-left line is drawn glyph by glyph, in logical order (render/pdf/text.py):
    # its text is that of all the text objects of its marked content, in drawing order.
    by_mcid: dict[int, list[Painted]] = {}
    for p in page:
        if p.kind == "text":
            by_mcid.setdefault(p.mcid, []).append(p)
    headings = [
        parts
        for parts in by_mcid.values()
        if "".join(p.text for p in parts).strip().casefold() == label.casefold()
    ]
    assert len(headings) == 1, f"no single quick facts heading {label!r} on page 1"
    (parts,) = headings
    heading = parts[0]
    path = paths[heading.mcid]
    aside = path[: max(i for i, element in enumerate(path) if HEADING.match(element))]
    boxes = [
        p.box for p in page if p.kind == "rect" and p.colour == TINT and p.box.contains(heading.box)
    ]
    assert len(boxes) == 1, f"no single {TINT} box around the quick facts heading"
    own = [p for p in page if p.kind == "text" and paths.get(p.mcid, ())[: len(aside)] == aside]
    return boxes[0], own


@pytest.mark.parametrize("example", EVERY_EXAMPLE, ids=example_id)
def test_quick_facts_stand_clear_of_the_body(renders: Renders, example: Path) -> None:
    for brief, pdf in printed(renders, example):
        page, paths = painted(pdf)[0], structure_paths(pdf)[0]
        box, own = quick_facts(page, paths, labels_for(brief.language).quick_facts)
        outside = [p.text for p in own if not box.contains(p.box, slack=0.5)]
        assert not outside, f"{pdf.name}: quick facts text outside their box {box}: {outside}"
        intruders = [
            f"{p.text!r} at {p.box}"
            for p in page
            if p.kind == "text" and p not in own and p.text.strip() and p.box.overlap(box) > -GUTTER
        ]
        assert not intruders, (
            f"{pdf.name}: text over or against the quick facts {box}: {intruders[:5]}"
        )


@pytest.mark.parametrize("example", EVERY_EXAMPLE, ids=example_id)
def test_the_theme_primary_colour_is_what_the_pdf_paints(renders: Renders, example: Path) -> None:
    """Masthead, the quick facts' top rule and heading, every heading: the colour of the
    brief's theme (briefgen/model/theme.py), so a stylesheet cannot drift from it."""
    for brief, pdf in printed(renders, example):
        primary = brief.theme.primary
        pages, structure = painted(pdf), structure_paths(pdf)
        first, paths = pages[0], structure[0]
        top_text = max((p for p in first if p.kind == "text"), key=lambda p: p.box.y1)
        masthead = next(p for p in first if p.kind == "rect" and p.box.contains(top_text.box))
        box, own = quick_facts(first, paths, labels_for(brief.language).quick_facts)
        rule = [
            p for p in first if p.kind in ("rect", "shape") and p.colour != TINT and p.box == box
        ]
        painted_colours = {
            "masthead": {masthead.colour},
            "quick facts rule": {p.colour for p in rule},
            "quick facts heading": {own[0].colour},
            "headings": {
                p.colour
                for page, paths in zip(pages, structure, strict=True)
                for p in page
                if p.kind == "text" and any(HEADING.match(e) for e in paths.get(p.mcid, ()))
            },
        }
        wrong = {what: found for what, found in painted_colours.items() if found != {primary}}
        assert not wrong, f"{pdf.name}: the theme's primary is {primary}, the PDF paints {wrong}"


@pytest.mark.parametrize("example", EVERY_EXAMPLE, ids=example_id)
def test_every_word_is_on_the_page_visible_and_clear(renders: Renders, example: Path) -> None:
    for brief, pdf in printed(renders, example):
        found = problems(pdf, right_to_left=text_direction(labels_for(brief.language)) == "rtl")
        assert not found, f"{pdf.name}: {found[:10]}"


def _hidden_text_objects(page: pypdfium2.PdfPage) -> list[pypdfium2.PdfObject]:
    """The text drawn at 1px (0.75 pt): the headings hidden with ``show_heading: false``."""
    found = []
    for item in page.get_objects():
        if item.type != pdfium_raw.FPDF_PAGEOBJ_TEXT:
            continue
        size = ctypes.c_float()
        pdfium_raw.FPDFTextObj_GetFontSize(item.raw, size)
        if size.value * abs(item.get_matrix().d) < 1:
            found.append(item)
    return found


@pytest.mark.parametrize(
    "brief", [REFERENCE_BRIEF, EXAMPLES_FOLDER / "brief-ar.yaml"], ids=lambda p: p.stem
)
def test_hidden_headings_are_in_the_text_but_show_no_pixel(renders: Renders, brief: Path) -> None:
    """Each page drawn with and without the hidden headings' text is the same picture.
    Clipped to a 1px box they stood in, a speck of each showed in print (over a figure
    in Arabic); they are in the text layer and the tags for every reader (test_text_layer)."""
    pdf = renders.only(brief, "pdf")
    hidden = 0
    for index in range(len(pypdfium2.PdfDocument(pdf))):
        document = pypdfium2.PdfDocument(pdf)
        page = document[index]
        drawn = page.render(scale=300 / 72).to_pil().convert("L")
        found = _hidden_text_objects(page)
        for item in found:
            page.remove_obj(item)
        page.gen_content()
        without = page.render(scale=300 / 72).to_pil().convert("L")
        assert ImageChops.difference(drawn, without).getbbox() is None, f"page {index + 1}"
        hidden += len(found)
        document.close()
    assert hidden > 0  # the briefs have hidden headings: the test looks at something


def test_a_heading_that_opens_a_column_is_level_with_the_other_column(
    renders: Renders,
) -> None:
    """Page 2 of the evidence example opens both columns with a heading; the right one
    kept its top margin at the column break and stood 3.3 mm lower."""
    pdf = renders.only(EXAMPLES_FOLDER / "evidence.yaml", "pdf")
    _, _, words = words_by_page(pdf)[1]
    tops = {word.text: word.y0 for word in words if word.text in ("REFERRALS", "MAIN")}
    assert set(tops) == {"REFERRALS", "MAIN"}, [word.text for word in words][:60]
    assert abs(tops["REFERRALS"] - tops["MAIN"]) < 0.5, tops

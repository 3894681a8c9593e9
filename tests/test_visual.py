"""Visual regression: the example briefs' pages against reviewed reference images.

Pages are rasterised small and in grey (40 dpi), so anti-aliasing noise stays below the
tolerance while a moved block, a lost column or a changed colour does not. To accept a
deliberate change, regenerate the references, look at them, and commit them:

    BRIEFGEN_UPDATE_REFERENCES=1 pytest tests/test_visual.py
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from briefgen.api import render_brief
from tests.conftest import REFERENCE_BRIEF, ROOT

VISUAL = ROOT / "tests" / "visual"
ACTUAL = VISUAL / "_actual"
DPI = 40
MAX_MEAN_DIFFERENCE = 0.02  # mean absolute difference, as a fraction of full scale
MAX_CHANGED_PIXELS = 0.05  # fraction of pixels that differ by more than a quarter
CHANGED_LEVEL = 64

EXAMPLES = {
    "brief": REFERENCE_BRIEF,
    "single-project": ROOT / "data" / "examples" / "single-project.yaml",
    "starter": ROOT / "briefgen" / "starter.yaml",
    # Other shapes: a brief that ends early on page 2 (both pages), a team of five with
    # long names and a long URL in the quick facts.
    "short-two-pages": ROOT / "tests" / "briefs" / "short-two-pages.yaml",
    "team-of-five": ROOT / "tests" / "briefs" / "team-of-five.yaml",
    # Not "brief-ar": the references are found by "<name>-*.png", and "brief-*" is taken.
    "reference-ar": ROOT / "data" / "examples" / "brief-ar.yaml",
    "reference-zh": ROOT / "data" / "examples" / "brief-zh.yaml",
    "evidence": ROOT / "data" / "examples" / "evidence.yaml",
}


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
def test_pages_match_reviewed_references(name: str, tmp_path: Path) -> None:
    (result,) = render_brief(EXAMPLES[name], ["pdf"], tmp_path)
    pages = rasterise(result.path, tmp_path, name)
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

"""``-f png`` and ``--thumbnail``: one image per page of the PDF, at the resolution asked for."""

from __future__ import annotations

import json
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from briefgen.api import RenderOptions, render_brief
from briefgen.render.pdf.png import THUMBNAIL_WIDTH
from tests.cli_runner import invoke
from tests.conftest import REFERENCE_BRIEF, SMALL_BRIEF

A4_INCHES = (210 / 25.4, 297 / 25.4)


def _pixels(dpi: int) -> tuple[int, int]:
    return round(A4_INCHES[0] * dpi), round(A4_INCHES[1] * dpi)


def _close(size: tuple[int, int], expected: tuple[int, int]) -> bool:
    """PDFium rounds a page's size in pixels up or down: one pixel either way."""
    return all(abs(a - b) <= 1 for a, b in zip(size, expected, strict=True))


def test_png_writes_one_image_per_page_at_the_dpi(
    reference_outputs: dict[str, Path], tmp_path: Path
) -> None:
    with pikepdf.open(reference_outputs["pdf"]) as pdf:
        pages = len(pdf.pages)
    results = render_brief(
        REFERENCE_BRIEF,
        formats=["png"],
        output_dir=tmp_path,
        options=RenderOptions(dpi=40),
    )
    assert pages == 2
    assert [(r.format, r.path.name, r.page, r.pages) for r in results] == [
        ("png", "brief-1.png", 1, 2),
        ("png", "brief-2.png", 2, 2),
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief-1.png", "brief-2.png"]  # no PDF
    for result in results:
        with Image.open(result.path) as image:
            assert image.format == "PNG"
            assert _close(image.size, _pixels(40)), image.size
            assert round(image.info["dpi"][0]) == 40
            low, high = image.convert("L").getextrema()
            assert isinstance(low, int) and isinstance(high, int)
            # Source Sans 3's regular is a touch lighter than Source Sans Pro's at 40 dpi.
            assert low < 80 and high > 240, "a page image has dark text on a light page"
        assert result.size == result.path.stat().st_size


def test_thumbnail_and_json_from_the_command_line(tmp_path: Path) -> None:
    brief = tmp_path / "small.yaml"
    brief.write_text(SMALL_BRIEF, encoding="utf-8")
    out = tmp_path / "out"
    result = invoke(
        *("render", str(brief), "-f", "pdf", "-f", "png", "--dpi", "30", "--thumbnail"),
        *("-o", str(out), "-j", "1", "--output-format", "json"),
    )
    assert result.exit_code == 0, result.stderr
    files = json.loads(result.stdout)["briefs"][0]["files"]
    with pikepdf.open(out / "small.pdf") as pdf:
        pages = len(pdf.pages)
    assert [(Path(f["path"]).name, f["format"], f["pages"], f["page"]) for f in files] == [
        ("small.pdf", "pdf", pages, None),
        *((f"small-{n}.png", "png", pages, n) for n in range(1, pages + 1)),
        ("small-thumbnail.png", "thumbnail", pages, 1),
    ]
    for n in range(1, pages + 1):
        with Image.open(out / f"small-{n}.png") as image:
            assert _close(image.size, _pixels(30)), image.size
    with Image.open(out / "small-thumbnail.png") as thumbnail:
        assert thumbnail.size[0] == THUMBNAIL_WIDTH
        assert abs(thumbnail.size[1] - THUMBNAIL_WIDTH * 297 / 210) <= 1
    assert "small-1.png (" in result.stderr and "page 1 of" in result.stderr


@pytest.mark.parametrize("dpi", ["5", "2000"])
def test_dpi_out_of_range_is_a_usage_error(dpi: str, tmp_path: Path) -> None:
    result = invoke("render", "x.yaml", "-f", "png", "--dpi", dpi)
    assert result.exit_code == 2
    assert "--dpi" in result.stderr

"""Whatever images ``validate`` accepts, every format renders (issue 23.10).

JPEGs without a JFIF or Exif segment (CMYK ones from print workflows, stripped ones) are
re-encoded for Word; SVGs cairosvg cannot draw as they are (no size, a size in per cent,
markers it cannot place) are drawn as the PDF shows them at worst.
"""

from __future__ import annotations

import io
import logging
import zipfile
from pathlib import Path

import pytest
from docx.image.image import Image as DocxImage
from PIL import Image as PillowImage

from briefgen.api import load_brief, render_brief
from briefgen.model.loaded import Image
from briefgen.render.docx import pictures as docx_pictures
from tests.cli_runner import invoke

SVG = '<svg xmlns="http://www.w3.org/2000/svg"{size}><rect width="10" height="10"/>{body}</svg>'
MARKER = (
    '<defs><marker id="m" orient="auto"{marker}><path d="M0 0L10 5"/></marker></defs>'
    '<path d="{path}" marker-start="url(#m)" marker-end="url(#m)"/>'
)
SVGS = {
    "no-size.svg": SVG.format(size="", body=""),
    "per-cent.svg": SVG.format(size=' width="100%" height="50%"', body=""),
    "em.svg": SVG.format(size=' width="10em" height="5em"', body=""),
    "ex-and-viewbox.svg": SVG.format(size=' viewBox="0 0 10 5" width="2ex"', body=""),
    "marker-on-a-point.svg": SVG.format(
        size=' width="100" height="100"', body=MARKER.format(marker="", path="M10 10")
    ),
    "zero-sized-marker.svg": SVG.format(
        size=' width="100" height="100"',
        body=MARKER.format(marker=' markerWidth="0" markerHeight="0"', path="M10 10 L50 50"),
    ),
}


def _cmyk_jpeg() -> bytes:
    saved = io.BytesIO()
    PillowImage.new("CMYK", (40, 30), (0, 100, 200, 0)).save(saved, "JPEG")
    return saved.getvalue()


def _stripped_jpeg() -> bytes:
    """An RGB JPEG whose JFIF segment (right after the start marker) is cut out."""
    saved = io.BytesIO()
    PillowImage.new("RGB", (40, 30), (0, 100, 200)).save(saved, "JPEG")
    data = saved.getvalue()
    assert data[2:4] == b"\xff\xe0"  # APP0, JFIF
    length = int.from_bytes(data[4:6], "big")
    return data[:2] + data[4 + length :]


RASTERS = {"cmyk.jpg": _cmyk_jpeg, "stripped.jpg": _stripped_jpeg}


def _write_brief(folder: Path, names: list[str]) -> Path:
    lines = [
        "organisation:\n  name: Office\ndate: 2024-03\n",
        "evaluation:\n  type: Evaluation\n  title: Pictures\nsections:\n",
    ]
    for name in names:
        lines.append(f"  - kind: figure\n    caption: {name}\n    image: {name}\n")
        lines.append(f"    alt: The picture {name}\n")
    brief = folder / "brief.yaml"
    brief.write_text("".join(lines), encoding="utf-8")
    return brief


def _make_pictures(folder: Path) -> list[str]:
    for name, svg in SVGS.items():
        (folder / name).write_text(svg, encoding="utf-8")
    for name, make in RASTERS.items():
        (folder / name).write_bytes(make())
    return [*SVGS, *RASTERS]


@pytest.mark.parametrize("name", [*SVGS, *RASTERS])
def test_each_picture_validate_accepts_becomes_a_word_picture(tmp_path: Path, name: str) -> None:
    _make_pictures(tmp_path)
    brief = _write_brief(tmp_path, [name])
    result = invoke("validate", str(brief))
    assert result.exit_code == 0, result.output
    (image,) = load_brief(brief).resources.images.values()
    placed = docx_pictures.placeable_bytes(image)
    picture = DocxImage.from_blob(placed)  # what crashed the DOCX
    assert picture.px_width > 0 and picture.px_height > 0


def test_a_brief_with_every_odd_picture_renders_in_every_format(tmp_path: Path) -> None:
    names = _make_pictures(tmp_path)
    brief = _write_brief(tmp_path, names)
    results = render_brief(brief, ["pdf", "html", "md", "docx"], tmp_path / "out")
    by_format = {result.format: result.path for result in results}
    assert sorted(by_format) == ["docx", "html", "md", "pdf"]
    with zipfile.ZipFile(by_format["docx"]) as package:
        document = package.read("word/document.xml").decode()
    assert document.count("<pic:pic>") == len(names)  # identical PNGs share one media file


def test_a_readable_jpeg_is_placed_as_it_is(tmp_path: Path) -> None:
    saved = io.BytesIO()
    PillowImage.new("RGB", (40, 30), (0, 100, 200)).save(saved, "JPEG")
    (tmp_path / "plain.jpg").write_bytes(saved.getvalue())
    brief = _write_brief(tmp_path, ["plain.jpg"])
    image: Image = next(iter(load_brief(brief).resources.images.values()))
    assert docx_pictures.placeable_bytes(image) == saved.getvalue()


AUTO_MARKER = '<defs><marker id="m" orient="auto"><path d="M0 0L10 5"/></marker></defs>'
UNDRAWABLE_IN_THE_PDF = {
    # What WeasyPrint 70 logged as "Failed to render SVG image" and left out of the PDF,
    # while validate said ok: an orient="auto" marker at the end of a single point.
    "end-of-a-point.svg": '<path d="M 5 5" marker-end="url(#m)"/>',
    "closed-point.svg": '<path d="M 5 5 Z" marker="url(#m)"/>',
    "two-moves.svg": '<path d="M 5 5 M 6 6" style="marker-end: url(#m)"/>',
    "one-point-polyline.svg": '<polyline points="5 5" marker="url(#m)"/>',
    "inherited.svg": '<g marker-end="url(#m)"><path d="M 5 5"/></g>',
    "from-a-stylesheet.svg": '<style>.a { marker-end: url(#m) }</style><path class="a" d="M5 5"/>',
    "zero-sized-with-viewbox.svg": (
        '<defs><marker id="z" markerWidth="0" markerHeight="0" viewBox="0 0 10 10">'
        '<path d="M0 0L10 5"/></marker></defs><path d="M 5 5 L 50 50" marker="url(#z)"/>'
    ),
}


@pytest.mark.parametrize("name", UNDRAWABLE_IN_THE_PDF)
def test_a_marker_on_a_single_point_leaves_no_figure_out_of_the_pdf(
    tmp_path: Path, name: str, caplog: pytest.LogCaptureFixture
) -> None:
    body = AUTO_MARKER + '<rect width="40" height="40"/>' + UNDRAWABLE_IN_THE_PDF[name]
    (tmp_path / name).write_text(SVG.format(size=' width="100" height="100"', body=body))
    brief = _write_brief(tmp_path, [name])
    assert invoke("validate", str(brief)).exit_code == 0
    with caplog.at_level(logging.ERROR, logger="weasyprint"):
        results = render_brief(brief, ["pdf", "docx"], tmp_path / "out")
    assert [result.format for result in results] == ["pdf", "docx"]
    assert not [record for record in caplog.records if "SVG" in record.getMessage()]
    with zipfile.ZipFile(tmp_path / "out" / "brief.docx") as package:
        assert package.read("word/document.xml").decode().count("<pic:pic>") == 1


def test_an_svg_the_pdf_engine_still_cannot_draw_fails_the_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should any other SVG fail to draw, the render says so instead of losing the figure."""
    from briefgen.render.view import context

    monkeypatch.setattr(context, "markers_placeable", lambda data: data)  # as before the fix
    name = "end-of-a-point.svg"
    body = AUTO_MARKER + UNDRAWABLE_IN_THE_PDF[name]
    (tmp_path / name).write_text(SVG.format(size=' width="100" height="100"', body=body))
    result = invoke("render", str(_write_brief(tmp_path, [name])), "-f", "pdf", "-o", str(tmp_path))
    assert result.exit_code != 0
    assert "could not draw the SVG image end-of-a-point.svg" in result.output
    assert "export the image as a PNG" in result.output
    assert not (tmp_path / "brief.pdf").exists()

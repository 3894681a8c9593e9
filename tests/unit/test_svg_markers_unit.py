"""Markers switched off only where the PDF and Word engines cannot place them."""

from __future__ import annotations

import pytest

from briefgen.render.figures.svg_markers import markers_placeable

OFF = "marker-start:none!important;marker-mid:none!important;marker-end:none!important"


def _svg(body: str) -> bytes:
    return f'<svg xmlns="http://www.w3.org/2000/svg"><marker id="m"/>{body}</svg>'.encode()


@pytest.mark.parametrize(
    "shape",
    [
        '<path d="M 5 5"/>',
        '<path d="m5,5z"/>',
        '<path d="M5 5 M 6 6 L 7 7"/>',
        '<polyline points="5 5"/>',
        '<polygon points="5,5"/>',
    ],
)
def test_a_single_point_loses_its_markers(shape: str) -> None:
    assert OFF.encode() in markers_placeable(_svg(shape))


def test_its_own_style_is_kept_before_the_override() -> None:
    fixed = markers_placeable(_svg('<path d="M 5 5" style="fill: red;"/>'))
    assert f'style="fill: red;{OFF}"'.encode() in fixed


@pytest.mark.parametrize(
    "shape",
    [
        '<path d="M 5 5 L 5 5"/>',  # a segment of length 0 has an angle: drawn
        '<path d="M0 0 10 10"/>',  # a second pair is a line
        '<path d="L 5 5"/>',  # drawn from (0, 0)
        '<path d="M0 0 L 10 10 M 20 20"/>',  # only the first sub-path matters
        '<polyline points="0 0 5 5"/>',
        '<line x1="5" y1="5" x2="5" y2="5"/>',
    ],
)
def test_a_shape_with_a_segment_keeps_them(shape: str) -> None:
    svg = _svg(shape)
    assert markers_placeable(svg) is svg


def test_an_svg_without_markers_is_returned_as_it_is() -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><path d="M 5 5"/></svg>'
    assert markers_placeable(svg) is svg


@pytest.mark.parametrize("size", ['markerWidth="0"', 'markerHeight="-1px"'])
def test_a_marker_of_size_zero_is_emptied(size: str) -> None:
    svg = f'<svg xmlns="http://www.w3.org/2000/svg"><marker id="z" {size} viewBox="0 0 1 1">'
    fixed = markers_placeable(f'{svg}<rect width="1" height="1"/></marker></svg>'.encode())
    assert b"viewBox" not in fixed and b"<rect" not in fixed and b'id="z"' in fixed


def test_a_marker_of_some_size_keeps_its_content() -> None:
    svg = _svg('<marker id="k" markerWidth="3" viewBox="0 0 1 1"><rect width="1"/></marker>')
    assert markers_placeable(svg) is svg

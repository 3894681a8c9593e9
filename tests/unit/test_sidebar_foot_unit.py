"""Which paragraph poppler's layout analysis makes take in the quick facts' last lines
(render/pdf/sidebar_foot.py), on lines placed as on the reference's page 1 (points)."""

from __future__ import annotations

import pytest

from briefgen.render.pdf.sidebar_foot import _blocks, _end_once_narrowed, _Line, _takes_in

BODY_SIZE, PITCH = 9.5, 12.5  # the body's font size and line pitch
NARROW_END, FULL_END = 391.0, 555.0  # a line beside the box ends, and one under it


def _paragraph(first_baseline: float, ends: list[float]) -> list[_Line]:
    return [
        _Line(first_baseline + n * PITCH + 3, first_baseline + n * PITCH, 40.0, end, BODY_SIZE)
        for n, end in enumerate(ends)
    ]


BOX = [  # the last entries: a label, its value; a label, its value
    _Line(556.0, 553.9, 418.0, 497.0, 7.0),
    _Line(566.0, 563.8, 418.0, 504.0, 8.0),
    _Line(580.0, 577.6, 418.0, 488.0, 7.0),
    _Line(590.0, 587.5, 418.0, 529.0, 8.0),
]


def test_a_paragraph_that_runs_on_under_the_box_takes_in_the_lines_beside_it() -> None:
    """Narrowed beside the box, then full width: one block, whose extent holds the box."""
    paragraph = _paragraph(568.5, [NARROW_END] * 4 + [FULL_END] * 3)
    (block,) = _blocks(paragraph)
    assert _takes_in(block, BOX)


def test_a_paragraph_beside_the_box_down_to_its_end_takes_nothing_in() -> None:
    (block,) = _blocks(_paragraph(568.5, [NARROW_END] * 8))
    assert not _takes_in(block, BOX)


def test_a_paragraph_that_starts_below_the_box_lines_takes_nothing_in() -> None:
    """Under the box's tint, past its last line: nothing of the box stands beside it."""
    (block,) = _blocks(_paragraph(600.0, [FULL_END] * 3))
    assert not _takes_in(block, BOX)


def test_paragraphs_further_apart_than_poppler_joins_are_blocks_of_their_own() -> None:
    """A paragraph's spacing (17 pt between baselines here) parts two blocks; a heading
    of another size parts them at any distance."""
    first = _paragraph(568.5, [NARROW_END] * 3)
    second = _paragraph(first[-1].baseline + 17.3, [FULL_END] * 2)
    heading = [_Line(0, second[-1].baseline + PITCH, 40.0, 200.0, 10.5)]
    assert len(_blocks([*first, *second, *heading])) == 3


def test_a_paragraph_narrowed_under_the_box_ends_a_line_pitch_lower_per_line_more() -> None:
    """Four lines beside the box, 351 pt wide, then three 515 pt wide under it: set
    narrow, those three take ceil(3 x 515 / 351) = 5 lines, two more, so the paragraph
    ends two line pitches further down (one layout spared, the engine checks)."""
    paragraph = _paragraph(568.5, [NARROW_END] * 4 + [FULL_END] * 3)
    box_foot = paragraph[3].bottom + 1
    assert _end_once_narrowed(paragraph, box_foot) == pytest.approx(
        paragraph[-1].bottom + 2 * PITCH
    )


def test_a_paragraph_all_beside_or_all_under_the_box_ends_where_it_ends() -> None:
    beside = _paragraph(568.5, [NARROW_END] * 4)
    assert _end_once_narrowed(beside, beside[-1].bottom + 5) == beside[-1].bottom
    under = _paragraph(568.5, [FULL_END] * 3)
    assert _end_once_narrowed(under, under[0].bottom - 20) == under[-1].bottom

"""The theme's rules: WCAG contrast of the brand colours, and the fonts it declares."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from briefgen.model.theme import (
    Theme,
    check_readable,
    contrast_problem,
    contrast_ratio,
    relative_luminance,
)


@pytest.mark.parametrize(
    ("colour", "luminance"),
    [
        # reference values of the sRGB to relative luminance formula (WCAG 2.x)
        ("#ff0000", 0.2126),
        ("#00ff00", 0.7152),
        ("#0000ff", 0.0722),
        ("#808080", 0.21586),
        ("#0a0a0a", 0.0030353),  # 10/255 lies on the linear part of the curve
        ("#0b0b0b", 0.0033465),  # 11/255 lies past it
        ("#FFFFFF", 1.0),
    ],
)
def test_relative_luminance(colour: str, luminance: float) -> None:
    assert relative_luminance(colour) == pytest.approx(luminance, abs=1e-6)


@pytest.mark.parametrize(
    ("first", "second", "ratio"),
    [
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#000000", 21.0),
        ("#767676", "#ffffff", 4.542),
        ("#ffffff", "#777777", 4.478),
        ("#0b3d6b", "#0b3d6b", 1.0),
    ],
)
def test_contrast_ratio(first: str, second: str, ratio: float) -> None:
    assert contrast_ratio(first, second) == pytest.approx(ratio, abs=1e-3)


@pytest.mark.parametrize(
    ("key", "colour", "problem"),
    [
        ("primary", "#0b3d6b", ""),
        ("accent", "#b5121b", ""),
        ("primary", "#2f6fa0", ""),  # 4.8:1 on the tinted box, just enough
        (
            "primary",
            "#9ab0c4",
            "#9ab0c4 gives the white masthead text on it a contrast of only 2.2:1; "
            "WCAG AA needs 4.5:1",
        ),
        (
            "primary",
            "#3a77a8",  # fine on white, not on the tint: every use is checked
            "#3a77a8 gives quick facts labels on the tinted box a contrast of only 4.3:1; "
            "WCAG AA needs 4.5:1",
        ),
        (
            "accent",
            "#9ab0c4",
            "#9ab0c4 gives the evaluation type on white a contrast of only 2.2:1; "
            "WCAG AA needs 4.5:1",
        ),
        ("accent", "#3a77a8", ""),  # the accent is only ever set on white
        ("unknown", "#ffffff", ""),  # no text is set in other colours
    ],
)
def test_contrast_problem_names_the_first_unreadable_use(
    key: str, colour: str, problem: str
) -> None:
    assert contrast_problem(key, colour) == problem


def test_a_readable_colour_is_kept() -> None:
    assert check_readable("primary", "#0b3d6b") == "#0b3d6b"
    assert Theme(primary="#1a5c8a", accent="#b5121b").primary == "#1a5c8a"


@pytest.mark.parametrize("key", ["primary", "accent"])
def test_an_unreadable_colour_is_refused_with_its_contrast(key: str) -> None:
    expected = f"contrast:{contrast_problem(key, '#9ab0c4')}"
    with pytest.raises(ValueError) as error:
        check_readable(key, "#9ab0c4")
    assert str(error.value) == expected
    with pytest.raises(ValidationError) as invalid:
        Theme.model_validate({key: "#9ab0c4"})
    (detail,) = invalid.value.errors()
    assert detail["loc"] == (key,)
    assert str(detail["ctx"]["error"]) == expected


@pytest.mark.parametrize(
    ("fields", "fonts"),
    [
        ({}, ["source-sans", "amiri", "noto-sans-cjk-sc"]),
        ({"font": "lato"}, ["lato", "amiri", "noto-sans-cjk-sc"]),
        (
            {"font": "lato", "heading_font": "source-serif"},
            ["lato", "source-serif", "amiri", "noto-sans-cjk-sc"],
        ),
        ({"font": "lato", "heading_font": "lato"}, ["lato", "amiri", "noto-sans-cjk-sc"]),
        (
            {"arabic_font": "ibm-plex-sans-arabic", "han_font": "noto-serif-cjk-sc"},
            ["source-sans", "ibm-plex-sans-arabic", "noto-serif-cjk-sc"],
        ),
    ],
)
def test_the_fonts_a_theme_declares_in_the_order_they_are_tried(
    fields: dict[str, str], fonts: list[str]
) -> None:
    theme = Theme.model_validate(fields)
    assert theme.all_fonts() == fonts
    assert theme.script_fonts() == {"arabic": fonts[-2], "han": fonts[-1]}

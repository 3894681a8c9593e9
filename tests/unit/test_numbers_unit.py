"""Numbers in the brief's language keep every decimal the author wrote."""

from __future__ import annotations

import pytest

from briefgen.render.view.numbers import format_number, with_unit

NARROW = "\u202f"  # French groups thousands with a narrow no-break space (CLDR)


@pytest.mark.parametrize(
    ("value", "language", "written"),
    [
        (0.12345, "en", "0.12345"),
        (1234.56789, "en", "1,234.56789"),
        (1234567.5, "en", "1,234,567.5"),
        (12, "en", "12"),
        (0.12345, "fr", "0,12345"),
        (1234.56789, "fr", f"1{NARROW}234,56789"),
        (1234.56789, "de", "1.234,56789"),
        (1234.56789, "ar", "1,234.56789"),
        (1234.56789, "xx-YY", "1,234.56789"),  # a language CLDR does not know: English
    ],
)
def test_format_number_keeps_every_decimal_in_the_languages_signs(
    value: float, language: str, written: str
) -> None:
    assert format_number(value, language) == written


@pytest.mark.parametrize(
    ("prefix", "suffix", "language", "written"),
    [
        ("USD", None, "en", "USD\u00a01.5"),
        ("$", None, "en", "$1.5"),
        (None, "%", "en", "1.5%"),
        (None, "%", "fr", "1.5\u00a0%"),
        (None, "people", "en", "1.5\u00a0people"),
    ],
)
def test_with_unit_spaces_a_word_unit_and_the_per_cent_sign_as_the_language_does(
    prefix: str | None, suffix: str | None, language: str, written: str
) -> None:
    assert with_unit("1.5", prefix, suffix, language) == written

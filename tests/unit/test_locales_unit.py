"""One fallback from a brief's language to a CLDR locale, for numbers and country names."""

from __future__ import annotations

import pytest

from briefgen.model.countries import country_name
from briefgen.model.locales import babel_locale
from briefgen.render.view.numbers import format_number


@pytest.mark.parametrize(
    ("language", "found"), [("fr", "fr"), ("pt-BR", "pt_BR"), ("fr-XX", "fr"), ("xx-YY", "en")]
)
def test_a_language_falls_back_to_its_base_then_to_english(language: str, found: str) -> None:
    assert str(babel_locale(language)) == found


@pytest.mark.parametrize(
    ("language", "name", "number"), [("fr-XX", "Allemagne", "1,5"), ("xx", "Germany", "1.5")]
)
def test_country_names_and_numbers_fall_back_alike(language: str, name: str, number: str) -> None:
    assert country_name("DE", language) == name
    assert format_number(1.5, language) == number

"""Labels are data: each language is one file, complete, and used by every format."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from briefgen import fonts
from briefgen.api import render_brief
from briefgen.model.brief import PublicationDate
from briefgen.model.labels import Labels, available_languages, labels_for
from briefgen.model.theme import Theme
from briefgen.render.view.cldr import date_text
from tests.conftest import ROOT, SMALL_BRIEF

LOCALES = ROOT / "briefgen" / "locales"


UN_LANGUAGES = ["ar", "en", "es", "fr", "ru", "zh"]


def test_every_un_language_has_labels() -> None:
    assert set(UN_LANGUAGES) <= set(available_languages())


@pytest.mark.parametrize("language", available_languages())
def test_every_language_file_is_complete(language: str) -> None:
    """Every key, each a non-empty text the default fonts draw, and a locale CLDR knows."""
    from babel import Locale

    labels = Labels.model_validate(
        yaml.safe_load((LOCALES / f"{language}.yaml").read_text(encoding="utf-8"))
    )
    assert Locale.parse(labels.locale).language == language
    texts = [
        *labels.model_dump(exclude={"sections"}).values(),
        *labels.sections.model_dump().values(),
    ]
    covered = set().union(*(fonts.coverage(name) for name in Theme().all_fonts()))
    for text in texts:
        for piece in [text] if isinstance(text, str) else text:
            assert piece.strip(), f"{language}: an empty label"
            assert all(ord(ch) in covered for ch in piece), f"{language}: {piece!r} has no glyph"


@pytest.mark.parametrize(
    ("language", "month", "day"),
    [
        ("en", "October 2017", "5 October 2017"),
        ("fr", "octobre 2017", "1er octobre 2017"),
        ("es", "octubre de 2017", "1 de octubre de 2017"),
        ("ru", "октябрь 2017\u202fг.", "1 октября 2017\u202fг."),
        ("zh", "2017年10月", "2017年10月1日"),
        ("ar", "أكتوبر 2017", "1 أكتوبر 2017"),
    ],
)
def test_dates_come_from_cldr(language: str, month: str, day: str) -> None:
    labels = labels_for(language)
    assert date_text(PublicationDate.model_validate("2017-10"), labels) == month
    first = "2017-10-05" if language == "en" else "2017-10-01"
    assert date_text(PublicationDate.model_validate(first), labels) == day


@pytest.mark.parametrize(
    ("language", "headings", "date"),
    [
        (
            "fr",
            ["Principales constatations", "Principales recommandations", "En bref"],
            "mars 2024",
        ),
        (
            "es",
            ["Principales hallazgos", "Principales recomendaciones", "Datos clave"],
            "marzo de 2024",
        ),
        (
            "ru",
            ["Основные выводы", "Основные рекомендации", "Основные сведения"],
            "март 2024\u202fг.",
        ),
        ("ar", ["النتائج الرئيسية", "التوصيات الرئيسية", "لمحة سريعة"], "مارس 2024"),
        ("zh", ["主要调查结果", "主要建议", "概况"], "2024年3月"),
    ],
)
def test_a_brief_in_another_language(
    tmp_path: Path, language: str, headings: list[str], date: str
) -> None:
    brief = tmp_path / "brief.yaml"
    text = SMALL_BRIEF.replace("language: en", f"language: {language}")
    text += "quick_facts:\n  - label: Pays\n    value: Global\ncontact:\n  email: a@b.org\n"
    brief.write_text(text, encoding="utf-8")
    results = {r.format: r.path for r in render_brief(brief, ["html", "md"], tmp_path / "out")}
    page = results["html"].read_text(encoding="utf-8")
    markdown = results["md"].read_text(encoding="utf-8")
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in page
    for heading in headings:
        assert heading in page and heading in markdown
    assert date in page and date in markdown
    assert "E-mail" not in page

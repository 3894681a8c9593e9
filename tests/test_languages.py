"""Labels are data: each language is one file, complete, and used by every format."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from briefgen.api import render_brief
from briefgen.model.labels import Labels, available_languages
from tests.conftest import ROOT, SMALL_BRIEF

LOCALES = ROOT / "briefgen" / "locales"


@pytest.mark.parametrize("language", available_languages())
def test_every_language_file_is_complete(language: str) -> None:
    labels = Labels.model_validate(
        yaml.safe_load((LOCALES / f"{language}.yaml").read_text(encoding="utf-8"))
    )
    assert labels.date_month.format(month="x", year=1) != labels.date_day.format(
        day=1, month="x", year=1
    )


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
    assert f'<html lang="{language}">' in page
    for heading in headings:
        assert heading in page and heading in markdown
    assert date in page and date in markdown
    assert "E-mail" not in page

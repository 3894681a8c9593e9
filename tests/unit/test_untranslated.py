"""A brief in several languages warns about texts left in one language (issue 30.3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.api import load_brief
from briefgen.errors import Problem
from briefgen.loading.translations import untranslated_texts
from briefgen.loading.yaml_source import load_yaml
from tests.conftest import SMALL_BRIEF

TWO_LANGUAGES = SMALL_BRIEF.replace("language: en\n", "languages: [en, fr]\n")


def _warnings(text: str, tmp_path: Path) -> list[Problem]:
    path = tmp_path / "brief.yaml"
    path.write_text(text, encoding="utf-8")
    return untranslated_texts(load_yaml(path, strict=False))


def test_texts_left_in_one_language_are_counted_with_their_lines(tmp_path: Path) -> None:
    (warning,) = _warnings(TWO_LANGUAGES, tmp_path)
    assert (warning.line, warning.column, warning.severity) == (6, 9, "warning")
    assert warning.key_path == "evaluation.type"
    assert warning.message == (
        "4 texts are in one language only, though the brief is in en, fr: lines 6, 10, 13, 14"
    )
    assert warning.hint == (
        "give each as {en: ..., fr: ...} or in a file of their own (briefgen translate"
        " brief.yaml --to fr); a name or code may stay one text for all"
    )


def test_names_codes_and_translated_texts_are_not_counted(tmp_path: Path) -> None:
    text = (
        TWO_LANGUAGES.replace(
            "  type: Final evaluation\n", "  type: {en: Final evaluation, fr: Évaluation finale}\n"
        )
        .replace(
            "    text: The programme reached most villages.\n",
            "    text:\n      en: The programme reached most villages.\n"
            "      fr: Le programme a atteint la plupart des villages.\n",
        )
        .replace(
            "      - Keep going.\n      - Measure more.\n",
            "      - {en: Keep going., fr: Continuer.}\n"
            "      - {en: Measure more., fr: Mesurer.}\n",
        )
        .replace(
            "sections:\n",
            "quick_facts:\n  - label: {en: Team leader, fr: Chef d'équipe}\n"
            "    value: Ilias Chatzis\n"
            "  - label: {en: Team, fr: Équipe}\n"
            "    value: [{name: Maria de la Cruz Santos, role: {en: Expert, fr: Experte}}]\n"
            "  - label: {en: Report, fr: Rapport}\n    value: GLOT59, GLOT92\n"
            "sections:\n",
            1,
        )
    )
    assert _warnings(text, tmp_path) == []


def test_a_brief_in_one_language_has_no_such_warning(tmp_path: Path) -> None:
    assert _warnings(SMALL_BRIEF, tmp_path) == []


def test_many_untranslated_texts_name_the_first_five_lines(tmp_path: Path) -> None:
    items = "".join(f"      - Measure more of {n}.\n" for n in range(8))
    text = TWO_LANGUAGES.replace("      - Keep going.\n      - Measure more.\n", items)
    (warning,) = _warnings(text, tmp_path)
    assert warning.message.endswith("lines 6, 10, 13, 14, 15 and 5 more")


def test_the_warning_reaches_the_loaded_brief(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text(TWO_LANGUAGES, encoding="utf-8")
    loaded = load_brief(path)
    assert [w.key_path for w in loaded.warnings if "one language only" in w.message] == [
        "evaluation.type"
    ]


@pytest.mark.parametrize("value", ["UNODC", "Global", "Ilias Chatzis", "Clean Water Programme"])
def test_one_word_or_a_short_name_is_the_same_in_every_language(value: str, tmp_path: Path) -> None:
    text = TWO_LANGUAGES.replace(
        "  type: Final evaluation\n", "  type: {en: Final evaluation, fr: Évaluation finale}\n"
    )
    counted = _warnings(text, tmp_path)[0].message
    with_value = text.replace("  title: Clean Water Programme\n", f"  title: {value}\n")
    assert _warnings(with_value, tmp_path)[0].message == counted

"""A translation in its own file beside the brief (issue 30, item 3b).

``briefgen translate brief.yaml --to fr`` lists the texts still in one language in
``brief.fr.yaml``; loading reads the French back as if each text had been given by
language, and a path the brief does not have is a located error in that file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.api import load_brief, render_brief, write_translation_list
from briefgen.batch import expand_paths
from briefgen.errors import BriefError
from briefgen.loading.translation_file import parse_path
from tests.cli_runner import invoke
from tests.conftest import SMALL_BRIEF

TWO_LANGUAGES = SMALL_BRIEF.replace("language: en\n", "languages: [en, fr]\n")


def _brief(tmp_path: Path, text: str = TWO_LANGUAGES) -> Path:
    path = tmp_path / "brief.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _fill(translation: Path, **texts: str) -> None:
    """Write a French text after each path named (``evaluation__type`` for the dots)."""
    content = translation.read_text(encoding="utf-8")
    for name, text in texts.items():
        path = name.replace("__", ".")
        content = content.replace(f"  {path}:\n", f"  {path}: {text}\n")
    translation.write_text(content, encoding="utf-8")


def test_translate_lists_every_text_still_in_one_language(tmp_path: Path) -> None:
    brief = _brief(tmp_path)
    result = invoke("translate", str(brief), "--to", "fr")
    assert result.exit_code == 0, result.output
    translation = tmp_path / "brief.fr.yaml"
    assert result.output == f"wrote 6 texts to translate in {translation}\n"
    text = translation.read_text(encoding="utf-8")
    assert "translates: brief.yaml\ntexts:\n" in text
    assert "\n  # Final evaluation\n  evaluation.type:\n" in text
    assert "\n  # Keep going.\n  sections[1].items[0]:\n" in text
    assert "date" not in text.split("texts:")[1]  # a date is the same in every language
    # Nothing changed since: nothing to add, the file stays as it is.
    result = invoke("translate", str(brief), "--to", "fr")
    assert result.output == f"nothing left to translate into 'fr': {translation} is unchanged\n"
    assert translation.read_text(encoding="utf-8") == text


def test_the_french_texts_are_rendered_and_counted_as_translated(tmp_path: Path) -> None:
    brief = _brief(tmp_path)
    translation, added = write_translation_list(brief, "fr")
    assert added == 6
    warnings = [w.message for w in load_brief(brief).warnings if "one language" in w.message]
    assert warnings == [
        "4 texts are in one language only, though the brief is in en, fr: lines 6, 10, 13, 14"
    ]
    _fill(translation, evaluation__type="Évaluation finale", evaluation__title="Eau propre")
    loaded = load_brief(brief, language="fr")
    assert loaded.brief.evaluation.type == "Évaluation finale"
    assert loaded.brief.evaluation.title == "Eau propre"
    assert load_brief(brief, language="en").brief.evaluation.type == "Final evaluation"
    warnings = [w.message for w in loaded.warnings if "one language" in w.message]
    assert warnings == [
        "3 texts are in one language only, though the brief is in en, fr: lines 10, 13, 14"
    ]
    english, french = render_brief(brief, ("md",), tmp_path / "out")
    assert (english.path.name, french.path.name) == ("brief.en.md", "brief.fr.md")
    assert "Évaluation finale" in french.path.read_text(encoding="utf-8")
    assert "Évaluation finale" not in english.path.read_text(encoding="utf-8")


def test_a_text_added_to_the_brief_is_appended_and_translations_kept(tmp_path: Path) -> None:
    brief = _brief(tmp_path)
    translation, _ = write_translation_list(brief, "fr")
    _fill(translation, evaluation__type="Évaluation finale")
    brief.write_text(TWO_LANGUAGES + "      - Share the results.\n", encoding="utf-8")
    _, added = write_translation_list(brief, "fr")
    assert added == 1
    text = translation.read_text(encoding="utf-8")
    assert "  evaluation.type: Évaluation finale\n" in text
    assert text.endswith("\n  # Share the results.\n  sections[1].items[2]:\n")


def test_texts_are_appended_through_a_link_keeping_the_files_permissions(
    tmp_path: Path,
) -> None:
    """A translation file linked from elsewhere (a translators' folder) gets the new texts
    where it is, and keeps its permissions."""
    brief = _brief(tmp_path)
    translation, _ = write_translation_list(brief, "fr")
    kept = tmp_path / "translators" / "brief.fr.yaml"
    kept.parent.mkdir()
    translation.rename(kept)
    kept.chmod(0o600)
    translation.symlink_to(kept)
    brief.write_text(TWO_LANGUAGES + "      - Share the results.\n", encoding="utf-8")
    _, added = write_translation_list(brief, "fr")
    assert added == 1
    assert translation.is_symlink()
    assert kept.read_text(encoding="utf-8").endswith("  sections[1].items[2]:\n")
    assert kept.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            "sections[7].text: Rien",
            "texts.sections[7].text: brief.yaml has no text at sections[7].text: sections has"
            " 2 items (the brief changed since this file was written? list the texts again"
            " with: briefgen translate brief.yaml --to fr)",
        ),
        (
            "evaluation.titel: Eau",
            "texts.evaluation.titel: brief.yaml has no text at evaluation.titel: evaluation"
            " has no 'titel' (the brief changed since this file was written? list the texts"
            " again with: briefgen translate brief.yaml --to fr)",
        ),
        (
            "sections[1].items: Rien",
            "texts.sections[1].items: sections[1].items in brief.yaml is not a text (list the"
            " texts again with: briefgen translate brief.yaml --to fr)",
        ),
        (
            "sections..text: Rien",
            "texts.sections..text: 'sections..text' is not the path of a text (e.g."
            " sections[2].text) (list the texts again with: briefgen translate brief.yaml"
            " --to fr)",
        ),
    ],
)
def test_a_path_the_brief_does_not_have_is_an_error_at_its_line(
    tmp_path: Path, entry: str, message: str
) -> None:
    brief = _brief(tmp_path)
    translation, _ = write_translation_list(brief, "fr")
    with translation.open("a", encoding="utf-8") as stream:
        stream.write(f"  {entry}\n")
    line = len(translation.read_text(encoding="utf-8").splitlines())
    with pytest.raises(BriefError) as raised:
        load_brief(brief)
    (problem,) = raised.value.problems
    assert str(problem) == f"{translation}:{line}:3: {message}"


def test_a_value_that_is_not_a_text_is_an_error_at_the_value(tmp_path: Path) -> None:
    brief = _brief(tmp_path)
    translation = tmp_path / "brief.fr.yaml"
    translation.write_text(
        "translates: brief.yaml\ntexts:\n  evaluation.type: [a, b]\n", encoding="utf-8"
    )
    with pytest.raises(BriefError) as raised:
        load_brief(brief)
    assert [str(p) for p in raised.value.problems] == [
        f"{translation}:3:20: texts.evaluation.type: expected a text, got '['a', 'b']'"
    ]


def test_a_translation_file_is_loaded_safely(tmp_path: Path) -> None:
    brief = _brief(tmp_path)
    translation = tmp_path / "brief.fr.yaml"
    translation.write_text(
        "translates: brief.yaml\ntexts:\n  evaluation.type: !!python/object/apply:os.system"
        " ['touch pwned']\n",
        encoding="utf-8",
    )
    with pytest.raises(BriefError) as raised:
        load_brief(brief)
    assert str(raised.value).startswith(f"{translation}:3:")
    assert not (tmp_path / "pwned").exists()


def test_a_language_the_brief_does_not_list_is_refused_with_how(tmp_path: Path) -> None:
    brief = _brief(tmp_path, SMALL_BRIEF)
    with pytest.raises(BriefError) as raised:
        write_translation_list(brief, "fr")
    assert str(raised.value) == (
        f"{brief}: this brief does not list 'fr' in its languages"
        " (list it first: languages: [en, fr])"
    )
    assert not (tmp_path / "brief.fr.yaml").exists()


@pytest.mark.parametrize("language", ["../etc/passwd", "fr/../../x", ""])
def test_a_language_that_names_a_folder_names_no_file(tmp_path: Path, language: str) -> None:
    # found by tools/fuzz_briefs.py: a ValueError from pathlib, a traceback
    brief = _brief(tmp_path, TWO_LANGUAGES.replace("[en, fr]", f"[en, fr, '{language}']"))
    result = invoke("validate", str(brief))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)
    result = invoke("translate", str(brief), "--to", language)  # a usage error now
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert "is not a language code" in " ".join(result.output.split())
    assert sorted(path.name for path in tmp_path.iterdir()) == ["brief.yaml"]


def test_a_folder_of_briefs_renders_the_brief_not_its_translation(tmp_path: Path) -> None:
    brief = _brief(tmp_path)
    translation, _ = write_translation_list(brief, "fr")
    assert expand_paths([tmp_path]) == [brief]
    assert expand_paths([translation]) == [brief]  # a hook names it: its brief is checked
    assert expand_paths([str(tmp_path / "*.yaml")]) == [brief]


@pytest.mark.parametrize("name", ["my brief", "brief #2", "[draft] brief", "Q: water"])
def test_a_translation_names_its_brief_whatever_the_briefs_name(tmp_path: Path, name: str) -> None:
    """``translates: my brief.yaml`` was read back as 'my': a hook naming 'my brief.fr.yaml'
    validated the translation as a brief ('organisation' is missing...), and a name with
    ' #', '[' or ': ' made a translation file that did not even load."""
    brief = tmp_path / f"{name}.yaml"
    brief.write_text(TWO_LANGUAGES, encoding="utf-8")
    translation, _ = write_translation_list(brief, "fr")
    _fill(translation, evaluation__type="Évaluation finale")
    assert expand_paths([translation]) == [brief]
    french = load_brief(brief, language="fr")
    assert french.brief.evaluation.type == "Évaluation finale"


def test_a_brief_whose_name_is_not_utf8_is_refused_with_what_to_do(tmp_path: Path) -> None:
    """b"b\xff.yaml": the header naming it could not be written (a bug, UnicodeEncodeError)."""
    import os

    brief = tmp_path / os.fsdecode(b"b\xff.yaml")
    brief.write_text(TWO_LANGUAGES, encoding="utf-8")
    with pytest.raises(BriefError, match="its file name is not UTF-8 text"):
        write_translation_list(brief, "fr")
    assert [path.name for path in tmp_path.iterdir()] == [brief.name]


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("evaluation.title", ("evaluation", "title")),
        ("sections[2].items[0].text", ("sections", 2, "items", 0, "text")),
        ("sections[2]", ("sections", 2)),
        ("[2].text", None),
        ("sections[x]", None),
        ("", None),
    ],
)
def test_parse_path(text: str, path: tuple[str | int, ...] | None) -> None:
    assert parse_path(text) == path

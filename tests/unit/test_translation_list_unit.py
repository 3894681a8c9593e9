"""``write_translation_list`` (``briefgen translate``) as its caller sees it: which file it
writes, what it adds and counts, what it keeps, and what it refuses to touch."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.api import write_translation_list
from briefgen.errors import BriefError
from tests.conftest import SMALL_BRIEF

TWO_LANGUAGES = SMALL_BRIEF.replace("language: en\n", "languages: [en, fr]\n")
TEXT_COUNT = 6  # the organisation, the type, the title, the findings, the two items


def _brief(folder: Path, text: str = TWO_LANGUAGES) -> Path:
    path = folder / "brief.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _entries(text: str) -> list[str]:
    """The translation file's text paths, as written (``  evaluation.type:``)."""
    return [line for line in text.splitlines() if line.startswith("  ") and "#" not in line]


def test_the_list_is_written_beside_the_brief_with_its_header(tmp_path: Path) -> None:
    brief = _brief(tmp_path)
    target, added = write_translation_list(brief, "fr")
    assert (target, added) == (tmp_path / "brief.fr.yaml", TEXT_COUNT)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# The texts of brief.yaml in 'fr', each under the path of the text")
    assert "# brief in 'fr' (its 'languages' must list it).\ntranslates: brief.yaml\ntexts:\n" in (
        text
    )
    assert len(_entries(text)) == TEXT_COUNT
    assert brief.read_text(encoding="utf-8") == TWO_LANGUAGES  # the brief is left alone


def test_a_list_named_elsewhere_is_written_there_in_a_new_folder(tmp_path: Path) -> None:
    brief = _brief(tmp_path)
    target, added = write_translation_list(brief, "fr", str(tmp_path / "new" / "fr.yaml"))
    assert (target, added) == (tmp_path / "new" / "fr.yaml", TEXT_COUNT)
    assert target.read_text(encoding="utf-8").startswith("# The texts of brief.yaml in 'fr'")
    assert not (tmp_path / "brief.fr.yaml").exists()


def test_nothing_left_to_translate_writes_nothing(tmp_path: Path) -> None:
    brief = _brief(tmp_path)
    target, _ = write_translation_list(brief, "fr")
    before = target.read_bytes()
    again, added = write_translation_list(brief, "fr")
    assert (again, added) == (target, 0) and target.read_bytes() == before
    # a brief with no text in one language gets no file at all
    (tmp_path / "other").mkdir()
    empty = _brief(tmp_path / "other", "languages: [en, fr]\n")
    target, added = write_translation_list(empty, "fr")
    assert added == 0 and not target.exists()


def test_texts_added_since_are_appended_to_a_file_kept_as_it_was(tmp_path: Path) -> None:
    brief = _brief(tmp_path)
    target = tmp_path / "brief.fr.yaml"
    # the translator's file, without its last newline: the new texts go on a line of their own
    target.write_text("translates: brief.yaml\ntexts:\n  evaluation.type: Évaluation", "utf-8")
    _, added = write_translation_list(brief, "fr")
    assert added == TEXT_COUNT - 1
    text = target.read_text(encoding="utf-8")
    # one blank line between the translator's last line and the first text added
    assert text.startswith("translates: brief.yaml\ntexts:\n  evaluation.type: Évaluation\n\n  #")
    assert "The texts of" not in text  # no second header
    assert len(_entries(text)) == TEXT_COUNT
    # a file that ends its last line gets no second blank line
    brief.write_text(TWO_LANGUAGES + "      - Share the results.\n", encoding="utf-8")
    _, added = write_translation_list(brief, "fr")
    assert added == 1
    assert target.read_text(encoding="utf-8") == (
        text + "\n  # Share the results.\n  sections[1].items[2]:\n"
    )


def test_each_text_counts_once_however_long_its_comment(tmp_path: Path) -> None:
    long = "The programme reached most villages, " * 5  # wrapped over several comment lines
    brief = _brief(tmp_path, TWO_LANGUAGES.replace("The programme reached most villages.", long))
    target, added = write_translation_list(brief, "fr")
    text = target.read_text(encoding="utf-8")
    comments = [line for line in text.splitlines() if line.startswith("  #")]
    assert len(comments) > TEXT_COUNT  # the long text's English takes several lines
    assert added == len(_entries(text)) == TEXT_COUNT


def test_a_file_whose_texts_are_not_a_mapping_gets_every_text(tmp_path: Path) -> None:
    brief = _brief(tmp_path)
    target = tmp_path / "brief.fr.yaml"
    target.write_text("translates: brief.yaml\ntexts: [evaluation.type]\n", "utf-8")
    _, added = write_translation_list(brief, "fr")
    assert added == TEXT_COUNT


@pytest.mark.parametrize(
    "content",
    [
        "title: something else\n",
        # a line starting "translates:" inside a list: its head looks like a translation
        # file's (appending the texts to it made a file no YAML reader can read)
        "[a,\ntranslates: b]\n",
    ],
)
def test_a_file_that_is_not_a_translation_list_is_not_overwritten(
    tmp_path: Path, content: str
) -> None:
    brief = _brief(tmp_path)
    other = tmp_path / "brief.fr.yaml"
    other.write_text(content, encoding="utf-8")
    with pytest.raises(BriefError) as raised:
        write_translation_list(brief, "fr")
    (problem,) = raised.value.problems
    assert (problem.message, problem.path, problem.hint) == (
        "exists and is not a translation file: it is not overwritten",
        other,
        "move it away, or name another file with --output",
    )
    assert other.read_text(encoding="utf-8") == content


def test_the_brief_itself_is_never_the_list(tmp_path: Path) -> None:
    brief = _brief(tmp_path)
    with pytest.raises(BriefError) as raised:
        write_translation_list(brief, "fr", tmp_path / "." / "brief.yaml")
    (problem,) = raised.value.problems
    assert (problem.message, problem.hint) == ("would overwrite the brief itself", "")
    assert problem.path == tmp_path / "." / "brief.yaml"
    assert brief.read_text(encoding="utf-8") == TWO_LANGUAGES


def test_a_language_not_listed_is_refused_at_the_languages_line(tmp_path: Path) -> None:
    text = SMALL_BRIEF.replace("language: en\n", "") + "languages: [en, fr]\n"
    brief = _brief(tmp_path, text)
    with pytest.raises(BriefError) as raised:
        write_translation_list(brief, "de")
    (problem,) = raised.value.problems
    assert (problem.message, problem.path, problem.line, problem.column, problem.hint) == (
        "this brief does not list 'de' in its languages",
        brief,
        len(text.splitlines()),  # the last line
        1,
        "list it first: languages: [en, fr, de]",
    )
    # a brief in one language: no line to point at, and the list to write
    one = _brief(tmp_path, "# a brief\n" + SMALL_BRIEF)
    with pytest.raises(BriefError) as raised:
        write_translation_list(one, "de")
    (problem,) = raised.value.problems
    assert (problem.line, problem.column, problem.hint) == (
        None,
        None,
        "list it first: languages: [en, de]",
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == ["brief.yaml"]

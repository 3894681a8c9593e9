"""A translation in its own file: ``brief.fr.yaml`` beside ``brief.yaml``, the French texts
only, each under the path of the text it translates.

Writing a French version inside the brief means turning every text into ``{en: ..., fr:
...}``, re-nesting and re-indenting the English as well (the issue's author spent 45
minutes on it). Beside it, the brief stays as it was and the translator writes only the
French: ``briefgen translate brief.yaml --to fr`` lists every text still in one language,
with its English above it as a comment, and loading reads the file back, as if each text
had been given by language. A path that the brief does not have is a located error in the
translation file; a text left empty stays in the brief's language (and is counted by the
untranslated-text warning).
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any

from briefgen.errors import BriefError, Problem, quote_value
from briefgen.loading.translations import (
    declared_languages,
    is_translation,
    translatable_texts,
)
from briefgen.loading.yaml_source import yaml_text
from briefgen.model.source import KeyPath, SourceDocument, format_key_path

MARKER = "translates"  # the translation file's first key: the brief it translates
TEXTS = "texts"
_PATH = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[\d+\])*", re.ASCII)
_STEP = re.compile(r"([A-Za-z_]\w*)|\[(\d+)\]", re.ASCII)
_HEAD_BYTES = 4096
COMMENT_WIDTH = 84  # the English shown above each path, wrapped as an editor shows it


# A language tag as a brief writes it (en, fr, zh-Hans): nothing that can name another folder.
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*", re.ASCII)


def is_language_tag(language: str) -> bool:
    return _LANGUAGE_TAG.fullmatch(language) is not None


def translation_path(brief: Path, language: str) -> Path:
    """``brief.fr.yaml`` beside ``brief.yaml``: where the translation into ``language`` lives.

    Only for a language tag: ``languages: [../etc/passwd]`` must name no file anywhere."""
    if not is_language_tag(language):
        raise BriefError.single(
            f"{quote_value(language)} is not a language code",
            brief,
            hint="write a code such as en, fr, es, ru, ar or zh",
        )
    return brief.with_name(f"{brief.stem}.{language}{brief.suffix}")


def is_translation_file(path: Path) -> bool:
    """Whether ``path`` is a translation file (``translates:`` at the top), not a brief:
    a folder of briefs holds both, and only the briefs are rendered."""
    try:
        with path.open("rb") as stream:
            head = stream.read(_HEAD_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return False
    return re.search(rf"^{MARKER}:", head, re.MULTILINE) is not None


def translated_brief(path: Path) -> Path | None:
    """The brief beside it that a translation file names (``translates: brief.yaml``), if
    ``path`` is one and that brief exists; else None."""
    if not path.suffix or not path.is_file():
        return None
    try:
        with path.open("rb") as stream:
            head = stream.read(_HEAD_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return None
    found = re.search(rf"^{MARKER}:(.*)$", head, re.MULTILINE)
    if found is None:
        return None
    for name in (_yaml_value(found.group(1)), found.group(1).strip()):  # quoted, or plain
        brief = path.with_name(Path(name).name) if name else path  # beside it, never elsewhere
        if brief != path and brief.is_file():
            return brief
    return None


def _yaml_value(text: str) -> str:
    """The text a YAML value written as ``text`` holds ('' when it holds none)."""
    import yaml

    try:
        value = yaml.safe_load(f"key:{text}")
    except yaml.YAMLError:
        return ""
    found = value.get("key") if isinstance(value, dict) else None
    return found if isinstance(found, str) else ""


def parse_path(text: str) -> KeyPath | None:
    """``sections[2].items[0].text`` as a key path; None when it is not one."""
    if _PATH.fullmatch(text) is None:
        return None
    return tuple(key if key else int(index) for key, index in _STEP.findall(text))


def _value_at(data: Any, path: KeyPath) -> tuple[bool, Any, str]:
    """(found, value, what the nearest existing parent lacks, for the message)."""
    value = data
    for depth, step in enumerate(path):
        where = format_key_path(path[:depth]) or "the brief"
        if isinstance(step, int):
            if not isinstance(value, list):
                return False, None, f"{where} is not a list"
            if step >= len(value):
                return False, None, f"{where} has {len(value)} item{'s' * (len(value) != 1)}"
            value = value[step]
        else:
            if not isinstance(value, dict) or step not in value:
                return False, None, f"{where} has no '{step}'"
            value = value[step]
    return True, value, ""


def merge_translation(
    brief: SourceDocument, translation: SourceDocument, language: str
) -> list[Problem]:
    """Give each text that ``translation`` names in ``language`` too, in ``brief.data``.

    Returns the translation file's mistakes, each at its line: a path the brief does not
    have, a path that is not a plain text there, a value that is not a text.
    """
    problems: list[Problem] = []
    languages = declared_languages(brief.data)

    def problem(key_path: KeyPath, message: str, hint: str, *, key: bool = True) -> None:
        position = translation.position_of(key_path, prefer_key=key)
        problems.append(
            Problem(
                message,
                translation.path,
                position.line,
                position.column,
                format_key_path(key_path),
                hint,
            )
        )

    data = translation.data
    if isinstance(data, dict) and TEXTS in data and data[TEXTS] is None:
        return problems  # nothing translated yet
    if not isinstance(data, dict) or not isinstance(data.get(TEXTS), dict):
        problem(
            (),
            f"a translation file holds '{MARKER}:' and '{TEXTS}:', the texts by their path",
            f"write it with: briefgen translate {brief.path.name} --to {language}",
        )
        return problems
    relisted = f"list the texts again with: briefgen translate {brief.path.name} --to {language}"
    for name, text in data[TEXTS].items():
        where: KeyPath = (TEXTS, name)
        path = parse_path(str(name))
        if path is None:
            problem(
                where,
                f"{quote_value(name)} is not the path of a text (e.g. sections[2].text)",
                relisted,
            )
            continue
        found, value, lacking = _value_at(brief.data, path)
        if not found:
            problem(
                where,
                f"{brief.path.name} has no text at {format_key_path(path)}: {lacking}",
                "the brief changed since this file was written? " + relisted,
            )
            continue
        if text is None or text == "":
            continue  # not translated yet: the brief's text stands in, and is counted
        if not isinstance(text, str):
            problem(where, f"expected a text, got {quote_value(text)}", "", key=False)
            continue
        if is_translation(value, languages):
            problem(
                where,
                f"{format_key_path(path)} is given by language in {brief.path.name} already",
                f"keep its {language} text in one place: here, or in the brief",
            )
            continue
        if not isinstance(value, str):
            problem(
                where,
                f"{format_key_path(path)} in {brief.path.name} is not a text",
                relisted,
            )
            continue
        _set(brief.data, path, {**dict.fromkeys(languages, value), language: text})
    return problems


def _set(data: Any, path: KeyPath, value: Any) -> None:
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value


def merge_translation_files(brief: SourceDocument) -> list[Problem]:
    """Read each ``brief.<language>.yaml`` beside the brief, for its declared languages,
    into ``brief.data`` (see :func:`merge_translation`); their mistakes, located."""
    from briefgen.loading.yaml_source import load_yaml

    problems: list[Problem] = []
    for language in declared_languages(brief.data):
        if not is_language_tag(language):  # refused by validation, at its line
            continue
        path = translation_path(brief.path, language)
        if path == brief.path or not path.is_file() or not is_translation_file(path):
            continue
        try:
            translation = load_yaml(path)
        except BriefError as error:
            problems += error.problems
            continue
        problems += merge_translation(brief, translation, language)
    return problems


def translation_skeleton(brief: SourceDocument, language: str, known: set[str]) -> str:
    """The lines of a translation file listing every text of ``brief`` still in one
    language (and not among ``known`` paths), each with its text above as a comment."""
    lines: list[str] = []
    for path, text in translatable_texts(brief):
        name = format_key_path(path)
        if name in known:
            continue
        lines.append("")
        for paragraph in text.splitlines() or [""]:
            wrapped = textwrap.wrap(paragraph, COMMENT_WIDTH, break_long_words=False) or [""]
            lines += [f"  # {line}".rstrip() for line in wrapped]
        lines.append(f"  {name}:")
    return "\n".join(lines) + ("\n" if lines else "")


def translation_header(brief: Path, language: str) -> str:
    return (
        f"# The texts of {brief.name} in '{language}', each under the path of the text it\n"
        "# translates (shown above it). Write the translation after the colon, on the same\n"
        "# line or, for a paragraph, after '>-' on the lines below; a text left empty\n"
        f"# stays as it is in {brief.name}. briefgen reads this file when it renders the\n"
        f"# brief in '{language}' (its 'languages' must list it).\n"
        f"{MARKER}: {yaml_text(brief.name)}\n"
        f"{TEXTS}:\n"
    )

"""One source, many languages: ``languages: [en, fr, ar]`` and texts given by language.

Any text may be a mapping by language (``title: {en: ..., fr: ..., ar: ...}``); a plain
text is the same in every language (names, codes). Rendering one language reads the brief
as if it had been written in that language alone, so the models and templates never see
the mappings. A missing translation is a located problem, every one reported at once.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from briefgen.errors import Problem
from briefgen.model.source import KeyPath, SourceDocument, format_key_path


def declared_languages(data: Any) -> list[str]:
    """The brief's ``languages`` list, or [] for a brief in one language."""
    if not isinstance(data, dict):
        return []
    value = data.get("languages")
    if isinstance(value, list) and value and all(isinstance(code, str) for code in value):
        return list(dict.fromkeys(value))
    return []


def is_translation(value: Any, languages: list[str]) -> bool:
    """A text given by language: a non-empty mapping keyed by the brief's languages (the
    JSON Schema of :mod:`briefgen.model.schema` describes the same shape for editors)."""
    return isinstance(value, dict) and bool(value) and set(value) <= set(languages)


def in_language(data: Any, languages: list[str], language: str) -> Any:
    """``data`` with each mapping by language replaced by its ``language`` text.

    A missing translation stands in with another language's (it is reported apart, by
    :func:`missing_translations`, so validation does not report it a second time).
    """
    if is_translation(data, languages):
        return data.get(language, next(iter(data.values())))
    if isinstance(data, dict):
        return {key: in_language(value, languages, language) for key, value in data.items()}
    if isinstance(data, list):
        return [in_language(item, languages, language) for item in data]
    return data


def for_language(source: SourceDocument, language: str) -> SourceDocument:
    """The document as if written in ``language`` only (positions still point at the file)."""
    languages = declared_languages(source.data)
    data = in_language(source.data, languages, language)
    data["language"] = language
    return replace(source, data=data, problems=[], warnings=[])


def missing_translations(source: SourceDocument) -> list[Problem]:
    """Every text given by language that lacks one of the brief's languages, at its line."""
    languages = declared_languages(source.data)
    problems: list[Problem] = []

    def walk(value: Any, key_path: KeyPath) -> None:
        if is_translation(value, languages):
            missing = [code for code in languages if code not in value]
            if missing:
                problems.append(
                    _problem_at(
                        source,
                        key_path,
                        f"no translation in {', '.join(missing)} "
                        f"(the brief's languages are {', '.join(languages)})",
                        f"add {missing[0]}: ... beside the others, or write one text for all",
                        prefer_key=True,
                    )
                )
        elif isinstance(value, dict):
            for key, item in value.items():
                if key != "languages":
                    walk(item, (*key_path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*key_path, index))

    walk(source.data, ())
    return problems


def contradictory_languages(source: SourceDocument) -> list[Problem]:
    """A language listed twice in ``languages`` (its files were written twice), and a
    ``language`` that is not one of them: each language of the list is rendered as its
    own brief, so ``language: en`` beside ``languages: [fr]`` gave a French brief of the
    English texts, without a word."""
    data = source.data if isinstance(source.data, dict) else {}
    languages = data.get("languages")
    if not isinstance(languages, list):
        return []
    twice = "list each language once"
    folded = [str(code).casefold() for code in languages]  # zh-Hans is zh-hans
    problems = [
        _problem_at(source, ("languages", index), f"'{code}' is listed twice", twice)
        for index, code in enumerate(languages)
        if folded[index] in folded[:index]
    ]
    language = data.get("language")
    if "language" in data and languages and language not in languages:
        listed = ", ".join(dict.fromkeys(map(str, languages)))
        shown = "null" if language is None else f"'{language}'"
        problems.append(
            _problem_at(
                source,
                ("language",),
                f"{shown} is not one of the brief's languages ({listed})",
                "add it to languages, or remove 'language:': "
                "each language listed is a brief of its own",
            )
        )
    return problems


def _problem_at(
    source: SourceDocument, key_path: KeyPath, message: str, hint: str, *, prefer_key: bool = False
) -> Problem:
    position = source.position_of(key_path, prefer_key=prefer_key)
    return Problem(
        message, source.path, position.line, position.column, format_key_path(key_path), hint
    )


# Keys whose values are the same in every language: codes, addresses, names of files,
# choices from a list. Their plain texts are never "left untranslated".
_SAME_IN_EVERY_LANGUAGE = frozenset(
    {"code", "url", "email", "phone", "website", "image", "logo", "id", "recommendation"}
    | {"countries", "languages", "language", "date", "deadline", "kind", "scale", "rating"}
    | {"criterion", "chart", "extent", "align", "templates", "docx_reference", "font"}
    | {"paper", "primary", "accent", "acronym", "unit", "list_style", "pdf_variant"}
)
SHOWN_UNTRANSLATED = 5  # lines named in the warning; the count says how many in all


def _reads_as_text(value: str) -> bool:
    """Two words or more, and not a name: a short run of capitalised words (Ilias
    Chatzis, World Health Organization) reads the same in every language."""
    words = value.split()
    if len(words) < 2:
        return False
    return not (len(words) <= 4 and all(word[:1].isupper() for word in words))


def translatable_texts(source: SourceDocument) -> list[tuple[KeyPath, str]]:
    """Every plain text of the brief that a translator would translate, in file order:
    not a person's name, nor under a key that holds codes, addresses and choices."""
    languages = declared_languages(source.data)
    found: list[tuple[KeyPath, str]] = []

    def walk(value: Any, key_path: KeyPath, key: str, person: bool) -> None:
        if isinstance(value, str):
            named = key in _SAME_IN_EVERY_LANGUAGE or (person and key == "name")
            if not named and any(char.isalpha() for char in value):
                found.append((key_path, value))
        elif isinstance(value, dict) and not is_translation(value, languages):
            is_person = "role" in value
            for child, item in value.items():
                walk(item, (*key_path, child), str(child), is_person)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*key_path, index), key, False)

    walk(source.data, (), "", False)
    return found


def untranslated_texts(source: SourceDocument) -> list[Problem]:
    """One warning for the texts of a brief in several languages that are in one only.

    A plain text is the same in every language, which is right for a name or a code and
    wrong for a sentence: a French PDF of English text under French headings. Texts of
    two words or more count, except names, and texts under keys that hold codes,
    addresses and choices; the warning gives their number and first lines.
    """
    languages = declared_languages(source.data)
    if len(languages) < 2:
        return []
    found = [path for path, text in translatable_texts(source) if _reads_as_text(text)]
    if not found:
        return []
    lines = [source.position_of(path).line for path in found]
    shown = ", ".join(str(line) for line in lines[:SHOWN_UNTRANSLATED])
    more = f" and {len(found) - SHOWN_UNTRANSLATED} more" if len(found) > SHOWN_UNTRANSLATED else ""
    first = source.position_of(found[0])
    count = len(found)
    return [
        Problem(
            f"{count} text{'s are' if count > 1 else ' is'} in one language only, though the "
            f"brief is in {', '.join(languages)}: line{'s' * (count > 1)} {shown}{more}",
            source.path,
            first.line,
            first.column,
            format_key_path(found[0]),
            "give each as {"
            + ", ".join(f"{code}: ..." for code in languages)
            + f"}} or in a file of their own (briefgen translate {source.path.name} --to "
            + f"{languages[1]}); a name or code may stay one text for all",
            severity="warning",
        )
    ]

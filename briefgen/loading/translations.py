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


def _is_translation(value: Any, languages: list[str]) -> bool:
    """A text given by language: a non-empty mapping keyed by the brief's languages (the
    JSON Schema of :mod:`briefgen.model.schema` describes the same shape for editors)."""
    return isinstance(value, dict) and bool(value) and set(value) <= set(languages)


def in_language(data: Any, languages: list[str], language: str) -> Any:
    """``data`` with each mapping by language replaced by its ``language`` text.

    A missing translation stands in with another language's (it is reported apart, by
    :func:`missing_translations`, so validation does not report it a second time).
    """
    if _is_translation(data, languages):
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
        if _is_translation(value, languages):
            missing = [code for code in languages if code not in value]
            if missing:
                position = source.position_of(key_path, prefer_key=True)
                problems.append(
                    Problem(
                        f"no translation in {', '.join(missing)} "
                        f"(the brief's languages are {', '.join(languages)})",
                        source.path,
                        position.line,
                        position.column,
                        format_key_path(key_path),
                        f"add {missing[0]}: ... beside the others, or write one text for all",
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

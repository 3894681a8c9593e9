"""The JSON Schema of the brief format, for editors (completion, hover docs, red squiggles).

Generated from the pydantic models, so it cannot drift from what briefgen accepts; the
copy in ``schema/`` is checked against it by the tests; ``briefgen new`` writes a fresh one.

The models never see a text given by language (``title: {en: ..., fr: ...}``): loading
picks one language first (:mod:`briefgen.loading.translations`). The schema describes the
file as written, so every free text also accepts such a mapping, keyed by the languages
briefgen has labels for; codes, ids, dates, colours and keywords stay plain.
"""

from __future__ import annotations

import json
import re
from typing import Any

from briefgen.model.brief import Brief
from briefgen.model.labels import available_languages

SCHEMA_ID = "urn:briefgen:schema:brief"
SCHEMA_FILENAME = "brief.schema.json"

LANGUAGE_CODE = "LanguageCode"
TEXT_BY_LANGUAGE = "TextByLanguage"
_ANNOTATIONS = frozenset({"title", "description", "default", "examples"})
_DATA_KEYWORDS = frozenset({"default", "examples", "const", "enum"})  # values, not schemas
_FIXED_VOCABULARY = ("enum", "const", "pattern")  # a keyword, code, id, date or colour


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


def _language_code() -> dict[str, Any]:
    """A language briefgen has labels for, optionally with a region: fr, es-419."""
    codes = "|".join(re.escape(code) for code in available_languages())
    return {
        "type": "string",
        "pattern": f"^({codes})(-[A-Za-z0-9]{{2,8}})*$",
        "examples": available_languages(),
    }


def _by_language(value: dict[str, Any]) -> dict[str, Any]:
    """A mapping from language codes to ``value``s: each code completes in an editor."""
    codes = "|".join(re.escape(code) for code in available_languages())
    return {
        "type": "object",
        "description": "The text in each of the brief's languages: {en: ..., fr: ...}.",
        "properties": {code: value for code in available_languages()},
        "patternProperties": {f"^({codes})(-[A-Za-z0-9]{{2,8}})+$": value},
        "additionalProperties": False,
        "minProperties": 1,
    }


def _is_free_text(node: dict[str, Any]) -> bool:
    return node.get("type") == "string" and not any(key in node for key in _FIXED_VOCABULARY)


def _translatable(node: dict[str, Any]) -> dict[str, Any]:
    """A free text as written in a brief: the text itself, or that text by language."""
    annotations = {key: value for key, value in node.items() if key in _ANNOTATIONS}
    text = {key: value for key, value in node.items() if key not in _ANNOTATIONS}
    by_language = _ref(TEXT_BY_LANGUAGE) if text == {"type": "string"} else _by_language(text)
    return {**annotations, "anyOf": [text, by_language]}


def _with_translations(node: Any) -> Any:
    """``node`` with every free text made translatable (``language`` and ``languages``
    hold codes, which stay plain)."""
    if isinstance(node, list):
        return [_with_translations(item) for item in node]
    if not isinstance(node, dict):
        return node
    if _is_free_text(node):
        return _translatable(node)
    result: dict[str, Any] = {}
    for key, value in node.items():
        if key in _DATA_KEYWORDS:
            result[key] = value
        else:
            result[key] = _with_translations(value)
    return result


def _with_language_codes(schema: dict[str, Any]) -> dict[str, Any]:
    """``language`` and ``languages`` name only languages briefgen has labels for."""
    properties = schema["properties"]
    language, languages = properties["language"], properties["languages"]
    annotations = {key: value for key, value in language.items() if key in _ANNOTATIONS}
    properties["language"] = {**annotations, "$ref": f"#/$defs/{LANGUAGE_CODE}"}
    properties["languages"] = {**languages, "items": _ref(LANGUAGE_CODE)}
    schema["$defs"][LANGUAGE_CODE] = _language_code()
    schema["$defs"][TEXT_BY_LANGUAGE] = _by_language({"type": "string"})
    return schema


def brief_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) a brief's YAML must follow."""
    schema = _with_language_codes(_with_translations(Brief.model_json_schema()))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": "briefgen evaluation brief",
    }


def schema_text() -> str:
    """The schema as the stable, diff-friendly text written to ``brief.schema.json``."""
    return json.dumps(brief_schema(), indent=2, ensure_ascii=False) + "\n"

"""Validate YAML data into a :class:`Brief`, reporting every problem at its line."""

from __future__ import annotations

import copy
import difflib
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from briefgen.errors import MAX_EXCERPT_CHARS, BriefError, Problem, capped, excerpt, quote_value
from briefgen.loading.editorial import editorial_warnings
from briefgen.loading.error_choice import (
    MULTIPLIER_WORDS,
    LocatedError,
    choose,
    number_with_unit,
    text_with_colon,
)
from briefgen.loading.evidence_checks import evidence_problems
from briefgen.loading.glyphs import glyph_problems
from briefgen.loading.limits import (
    character_problems,
    nesting_problems,
    property_warnings,
    table_problems,
)
from briefgen.loading.messages import FRIENDLY_MESSAGES, PATTERN_HINTS
from briefgen.loading.remote import DownloadError
from briefgen.loading.resources import raw_resource_problems, resolve_resources
from briefgen.loading.translation_file import merge_translation_files
from briefgen.loading.translations import (
    contradictory_languages,
    declared_languages,
    for_language,
    missing_translations,
    untranslated_texts,
)
from briefgen.loading.yaml_source import load_yaml
from briefgen.model.brief import Brief
from briefgen.model.labels import available_languages
from briefgen.model.loaded import LoadedBrief, LoadOptions, Translations
from briefgen.model.source import KeyPath, SourceDocument, format_key_path


def _input_kind(value: Any) -> str:
    """What the user wrote, as a message may name it: a kind, or a short escaped excerpt."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float) and not isinstance(value, bool):
        quoted = quote_value(value)
        return quoted if quoted.startswith("a number") else f"the number {quoted}"
    return quote_value(value)


def _fields_at(model: type[BaseModel], loc: KeyPath) -> list[str]:
    """The keys a model accepts at ``loc``, to suggest the one a typo meant."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if fields is None or part not in fields:
            return []
        annotation = fields[part].annotation
        current = _model_in(annotation)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


def _code_of(error: ErrorDetails) -> tuple[str, str]:
    if error["type"] == "value_error":
        raw = str(error.get("ctx", {}).get("error", ""))
        code, _, detail = raw.partition(":")
        if code in FRIENDLY_MESSAGES:
            return code, detail
    return error["type"], ""


_TYPE_ERRORS = frozenset(
    {
        "string_type",
        "int_type",
        "float_type",
        "bool_type",
        "list_type",
        "model_type",
        "model_attributes_type",
        "dict_type",
        "url_type",
    }
)
_NUMBER_ERRORS = frozenset({"int_type", "int_parsing", "float_type", "float_parsing"})


def _refined_code(located: LocatedError, code: str) -> tuple[str, dict[str, str]]:
    """A sharper code than pydantic's where the value shows what the author meant."""
    error = located.error
    typed = error.get("input")
    if typed is None and code in _TYPE_ERRORS:
        is_item = bool(located.path) and isinstance(located.path[-1], int)
        return ("empty_item" if is_item else "empty_value"), {}
    meant = text_with_colon(typed)
    is_item = bool(located.path) and isinstance(located.path[-1], int)
    if code == "string_type" and meant is not None and is_item:
        return "colon_in_item", {"text": excerpt(meant, 2 * MAX_EXCERPT_CHARS).replace('"', '\\"')}
    if code in _NUMBER_ERRORS:
        found = number_with_unit(typed)
        if found is not None and found.unit.lower() in MULTIPLIER_WORDS:
            return "number_multiplier", {"number": found.number}
        if found is not None and found.unit:
            return "number_with_unit", {"number": found.number, "unit": found.unit}
        if found is not None:
            return "number_with_separator", {"number": found.number}
        if any(tag in {"int", "float"} for _, tag in located.tags):
            return "number_type", {}
    return code, {}


def problem_from_error(source: SourceDocument, located: LocatedError) -> Problem:
    """Rewrite one pydantic error as a located, plain-language problem."""
    error = located.error
    loc = located.path
    code, detail = _code_of(error)
    code, extra = _refined_code(located, code)
    field = str(loc[-1]) if loc else ""
    values: dict[str, Any] = {
        "field": field,
        "quoted_field": quote_value(field),
        "input": quote_value(error.get("input")),
        "input_kind": _input_kind(error.get("input")),
        "detail": detail,
        "suggestion": "",
        "pattern_hint": PATTERN_HINTS.get(field, ""),
    }
    for key, value in error.get("ctx", {}).items():
        values[key] = value
    values.update(extra)
    if code == "extra_forbidden":
        known = _fields_at(Brief, loc[:-1])
        close = difflib.get_close_matches(field, known, n=1, cutoff=0.6)
        values["suggestion"] = (
            f"did you mean '{close[0]}'?"
            if close
            else ("allowed keys: " + ", ".join(known) if known else "")
        )
    if code == "literal_error":
        choices = re.findall(r"'([^']*)'", str(values.get("expected", "")))
        typed = error.get("input")
        close = (
            difflib.get_close_matches(typed, choices, n=1, cutoff=0.6)
            if isinstance(typed, str)
            else []
        )
        values["suggestion"] = f"did you mean '{close[0]}'? " if close else ""
    # Never pydantic's own words: an error type without a rewrite gets a plain message.
    message_template, hint_template = FRIENDLY_MESSAGES.get(code, FRIENDLY_MESSAGES["other"])
    message = message_template.format_map(values)
    hint = hint_template.format_map(values)
    prefer_key = code in {"missing", "extra_forbidden"}
    position_path = loc[:-1] if code == "missing" else loc
    position = source.position_of(position_path, prefer_key=prefer_key)
    return Problem(
        message,
        source.path,
        position.line,
        position.column,
        format_key_path(loc),
        hint,
    )


_NUMBER_CODES = ("number_not_finite", "number_range")
_TYPE_MISMATCHES = {"string_type", "model_type", "int_type", "float_type", "dict_type"}


def _without_siblings(error: ValidationError) -> list[ErrorDetails]:
    """pydantic's errors, less the other members of a union where a number was refused:
    ``.inf`` in a table cell is not "expected text" but a number that cannot be printed."""
    details = error.errors()
    refused = [
        detail["loc"]
        for detail in details
        if detail["type"] == "value_error" and _code_of(detail)[0] in _NUMBER_CODES
    ]

    def sibling(detail: ErrorDetails) -> bool:
        if detail["type"] not in _TYPE_MISMATCHES and not detail["type"].endswith("_parsing"):
            return False
        return any(_shares_union(detail["loc"], loc) for loc in refused)

    return [detail for detail in details if not sibling(detail)]


def _shares_union(loc: tuple[int | str, ...], refused: tuple[int | str, ...]) -> bool:
    """Whether ``loc`` is another union member's try at the value refused at ``refused``:
    the same location up to a union's tag (a class or type name, never a brief's key)."""
    common = 0
    while common < min(len(loc), len(refused)) and loc[common] == refused[common]:
        common += 1
    return common > 0 and all(
        len(side) == common or _is_union_tag(side[common]) for side in (loc, refused)
    )


def _is_union_tag(part: int | str) -> bool:
    """pydantic names a union's member in a location (``MapCountry``, ``constrained-str``,
    ``function-after[...]``); a brief's keys are lower-case words."""
    return isinstance(part, str) and re.fullmatch(r"[a-z_][a-z0-9_]*", part) is None


def validate_document(source: SourceDocument) -> Brief:
    """Validate parsed data; raise one BriefError listing every problem, in file order."""
    if not isinstance(source.data, dict):
        raise BriefError.single(
            f"a brief must be a mapping of keys, not {_input_kind(source.data)}",
            source.path,
            line=1,
            column=1,
            hint="start from `briefgen new PATH`",
        )
    too_deep = nesting_problems(source)
    text_problems = character_problems(source)
    if too_deep:  # not validated: the model (and later the templates) would recurse
        raise BriefError(_in_file_order(too_deep + text_problems))
    try:
        brief = Brief.model_validate(source.data)
    except ValidationError as error:
        chosen = choose(_without_siblings(error), source.data)
        problems = [problem_from_error(source, detail) for detail in chosen]
        said = {problem.key_path for problem in text_problems}  # one message per value
        problems = [problem for problem in problems if problem.key_path not in said]
        raise BriefError(_in_file_order(problems + text_problems)) from None
    if text_problems:
        raise BriefError(_in_file_order(text_problems))
    problems = evidence_problems(brief, source) + table_problems(brief, source)
    if problems:
        raise BriefError(_in_file_order(problems))
    return brief


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda problem: (problem.line or 0, problem.column or 0))


def _every_problem(problems: list[Problem]) -> BriefError:
    """One error with each problem once (two stages may find the same one), in file order,
    at most :data:`briefgen.errors.MAX_PROBLEMS_PER_FILE` of them."""
    unique = list(dict.fromkeys(problems))
    return BriefError(capped(sorted(unique, key=lambda p: (p.line or 0, p.column or 0))))


def _boolean_fields() -> frozenset[str]:
    """The keys whose value is true or false anywhere in the model."""
    names: set[str] = set()
    stack: list[type[BaseModel]] = [Brief]
    seen: set[type[BaseModel]] = set()
    while stack:
        model = stack.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            if info.annotation is bool or bool in getattr(info.annotation, "__args__", ()):
                names.add(name)
            stack += _models_in(info.annotation)
    return frozenset(names)


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for argument in getattr(annotation, "__args__", ()):
        found += _models_in(argument)
    return found


def keep_spelled_text(source: SourceDocument) -> Any:
    """The data with ``No``, ``yes``, ``on``, ``false``... as the author typed them, where
    a key does not take true or false: YAML reads them as booleans, which a text field
    refuses ("expected text, got 'false'") and a table cell would print as 0 or 1."""
    booleans = _boolean_fields()
    data = source.data
    for path, typed in source.spelled.items():
        names = [part for part in path if isinstance(part, str)]
        if names and names[-1] in booleans and isinstance(path[-1], str):
            continue
        data = _replaced(data, path, typed)
    return data


def _replaced(data: Any, path: KeyPath, value: object) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    changed = copy.copy(data)
    changed[head] = _replaced(data[head], rest, value)
    return changed


def refuse_another_language(loaded: LoadedBrief, wanted: str | None) -> None:
    """Refuse a language a brief written in one language only is not in (``--lang fr``
    on an English brief): loading such a brief does not look at the language asked."""
    if not loaded.brief.languages and wanted not in (None, "all", loaded.brief.language):
        raise BriefError.single(
            f"this brief is written in '{loaded.brief.language}' only, not '{wanted}'",
            loaded.path,
            hint="list its languages (languages: [en, fr]) and give texts by language",
        )


def load_brief(
    path: Path | str,
    options: LoadOptions | None = None,
    *,
    language: str | None = None,
    sibling: LoadedBrief | None = None,
) -> LoadedBrief:
    """Read, parse and validate a brief file, reporting all its mistakes at once.

    Images must be files in the brief's folder unless ``options`` allow more: any local
    file and ``file://`` URLs (``allow_outside_files``), or http(s) URLs
    (``allow_remote_images``: downloaded here, once, within a timeout and a size cap,
    from public addresses unless ``allow_private_addresses``); see
    :mod:`briefgen.loading.resources`.

    A brief in several languages (``languages: [en, fr]``) is checked in every one of them
    and loaded in ``language`` (default: its first). ``sibling``, the same file loaded in
    another language, lends what that load found: nothing is read, validated or downloaded
    again.
    """
    options = options or LoadOptions()
    shared = sibling.languages if sibling is not None else None
    if shared is not None and language in shared.briefs:
        return _in_language(Path(path), shared, language, options)
    source = load_yaml(Path(path), strict=False)
    source.data = keep_spelled_text(source)
    problems = list(source.problems)
    languages = declared_languages(source.data)
    model_source = source
    briefs: dict[str, Brief] = {}
    if languages:
        problems += merge_translation_files(source)  # brief.fr.yaml beside it, if any
        problems += missing_translations(source)
        problems += contradictory_languages(source)
        available = set(available_languages())
        known = [code for code in languages if code.split("-")[0] in available]
        chosen = language or (known or languages)[0]
        if chosen not in languages:
            raise BriefError.single(
                f"this brief is not written in '{chosen}'",
                Path(path),
                hint="its languages are " + ", ".join(languages) + " (or --lang all)",
            )
        model_source = for_language(source, chosen)
        for other in known:  # a language without labels is reported once, at languages:
            if other != chosen:
                try:
                    briefs[other] = validate_document(for_language(source, other))
                except BriefError as error:
                    problems += error.problems
    try:
        brief = validate_document(model_source)
    except BriefError as error:
        raw = raw_resource_problems(model_source, options)
        # what YAML changed silently is said too: it may be the cause (a split number)
        raise _every_problem(problems + error.problems + raw + source.warnings) from None
    downloads: dict[str, bytes | DownloadError] = {}
    try:
        resources = resolve_resources(brief, model_source, options, downloads)
    except BriefError as error:
        problems += error.problems
    problems += glyph_problems(brief, source)  # every language's text
    if problems:
        raise _every_problem(problems)
    found = (
        source.warnings
        + editorial_warnings(brief, model_source)
        + property_warnings(brief, model_source)
    )
    found += untranslated_texts(source)
    warnings = _every_problem(found).problems
    translations = None
    if languages:
        translations = Translations(source, {**briefs, brief.language: brief}, downloads)
    return LoadedBrief(
        Path(path), brief, model_source, resources, tuple(warnings), options, translations
    )


def _in_language(
    path: Path, shared: Translations, language: str, options: LoadOptions
) -> LoadedBrief:
    """One more language of a brief already loaded, read and validated in every language:
    only its files are checked (downloads shared), and its own warnings found."""
    model_source = for_language(shared.source, language)
    brief = shared.briefs[language]
    try:
        resources = resolve_resources(brief, model_source, options, shared.downloads)
    except BriefError as error:
        raise _every_problem(error.problems) from None
    found = shared.source.warnings + editorial_warnings(brief, model_source)
    warnings = _every_problem(found).problems
    return LoadedBrief(path, brief, model_source, resources, tuple(warnings), options, shared)

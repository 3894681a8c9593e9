"""What a publications editor would flag in a brief that is otherwise valid: warnings.

A warning does not stop a render (the brief may be a draft); ``--strict`` makes every
warning an error, for CI.
"""

from __future__ import annotations

import difflib
import re

from briefgen.errors import Problem, quote_value
from briefgen.loading.yaml_source import text_values
from briefgen.model.brief import Brief, Checks, Section
from briefgen.model.evidence import DAC_CRITERIA, KeyFigure
from briefgen.model.labels import labels_for
from briefgen.model.source import KeyPath, Position, SourceDocument, format_key_path

PRESENTATION_FIELDS = frozenset(
    {"kind", "heading", "show_heading", "continued", "numbered", "list_style", "id"}
)
"""Section keys that shape how content is shown but are not content themselves."""


def _warning(source: SourceDocument, key_path: KeyPath, message: str, hint: str) -> Problem:
    return _located(source, key_path, source.position_of(key_path), message, hint)


def _section_warnings(
    source: SourceDocument,
    section: Section,
    key_path: KeyPath,
    checks: Checks,
    names: dict[str, str],
) -> list[Problem]:
    content = set(section.model_dump(exclude_defaults=True)) - PRESENTATION_FIELDS
    if not content:
        return [
            _warning(
                source,
                key_path,
                "this section has a heading and nothing under it",
                "add its text, or remove the section",
            )
        ]
    warnings = []
    if section.kind == "figure" and not section.image:
        warnings.append(
            _warning(
                source,
                key_path,
                "this figure has a caption but no image: readers see only the caption",
                "add 'image:' and 'alt:', or remove the figure",
            )
        )
    for index, figure in enumerate(section.figures):
        if checks.unit_twice:
            warnings += _unit_twice(source, figure, (*key_path, "figures", index))
    for index, rating in enumerate(section.ratings):
        if checks.dac_criteria:
            warnings += _criterion(source, rating.criterion, (*key_path, "ratings", index), names)
    for index, child in enumerate(section.sections):
        warnings += _section_warnings(source, child, (*key_path, "sections", index), checks, names)
    return warnings


def _unit_twice(source: SourceDocument, figure: KeyFigure, key_path: KeyPath) -> list[Problem]:
    """``value: 61%`` with ``suffix: "%"`` prints "61%%" in every format."""
    if not isinstance(figure.value, str):
        return []
    value = figure.value.strip()
    for key, sign, repeated in (
        ("suffix", figure.suffix, value.endswith((figure.suffix or "\0").strip())),
        ("prefix", figure.prefix, value.startswith((figure.prefix or "\0").strip())),
    ):
        if sign and sign.strip() and repeated:
            return [
                _warning(
                    source,
                    (*key_path, "value"),
                    f"the value {quote_value(value)} already holds {quote_value(sign.strip())},"
                    f" and the {key} adds it again",
                    f"remove the {key}, or write the value without it",
                )
            ]
    return []


def _criterion(
    source: SourceDocument, criterion: str, key_path: KeyPath, names: dict[str, str]
) -> list[Problem]:
    """``relevence``: a DAC criterion misspelt prints as a criterion of the author's own."""
    typed = criterion.strip().lower()
    if typed in names:
        return []
    close = difflib.get_close_matches(typed, list(names), n=1, cutoff=0.8)
    if not close:
        return []  # a criterion of the office's own, e.g. "Gender equality"
    return [
        _warning(
            source,
            (*key_path, "criterion"),
            f"{quote_value(criterion)} is not one of the OECD DAC criteria",
            f"did you mean '{close[0]}'? A criterion of your own is fine:"
            " set checks: {dac_criteria: false}",
        )
    ]


LONG_SENTENCE_WORDS = {"en": 40, "fr": 45, "es": 45, "ru": 35, "ar": 40}
"""The most words a sentence of a brief should hold, per language (docs/editorial-checks.md);
French and Spanish take more words than English to say the same, Russian fewer."""
LONG_SENTENCE_CHARACTERS_ZH = 90
"""Chinese is not written in words: the limit counts characters."""

_ENDS = ".!?\u3002\uff01\uff1f"  # and the ideographic full stop, ! and ?
_SENTENCE = re.compile(f"[^{_ENDS}]+(?:[{_ENDS}]+|$)")
_MARKUP = re.compile(r"\]\([^)]*\)|[*_`\[\]]")
_ACRONYM_DEFINED = re.compile(r"\(([A-Z][A-Z0-9&]{1,7})\)")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9&]{1,7}\b")


def _prose(brief: Brief, source: SourceDocument) -> list[tuple[KeyPath, str]]:
    """The texts a reader reads as sentences: paragraphs and list items, in file order."""
    wanted = {"text", "closing", "items", "justification", "action", "reason"}
    return [
        (path, text)
        for path, text in text_values(source.data)
        if any(part in wanted for part in path if isinstance(part, str))
        and not (path and path[-1] == "id")
    ]


def _long_sentences(brief: Brief, source: SourceDocument) -> list[Problem]:
    language = brief.language.split("-")[0]
    warnings = []
    for path, text in _prose(brief, source):
        cursor: Position | None = None
        for sentence in _SENTENCE.findall(_MARKUP.sub("", text)):
            if not sentence.split():
                continue
            if language == "zh":
                size, limit, unit = len(sentence.strip()), LONG_SENTENCE_CHARACTERS_ZH, "characters"
            else:
                size, unit = len(sentence.split()), "words"
                limit = LONG_SENTENCE_WORDS.get(language, LONG_SENTENCE_WORDS["en"])
            # each sentence is looked for after the one before it: two sentences that begin
            # alike (or a first word split from the rest by a line break) each get their place
            start = sentence.split()[0] if unit == "words" else sentence.split()[0][:6]
            position = source.position_in_value(path, start, after=cursor)
            cursor = Position(position.line, position.column + len(start))
            if size > limit:
                warnings.append(
                    _located(
                        source,
                        path,
                        position,
                        f"this sentence has {size} {unit}; a brief's reader takes in about"
                        f" {limit} at once",
                        "split it in two, or set checks: {long_sentences: false}",
                    )
                )
    return warnings


def _acronyms(brief: Brief, source: SourceDocument) -> list[Problem]:
    """An acronym used before the sentence that spells it out: "UNODC ... United Nations
    Office on Drugs and Crime (UNODC)"."""
    texts = _prose(brief, source)
    defined_at: dict[str, int] = {}
    for order, (_, text) in enumerate(texts):
        for acronym in _ACRONYM_DEFINED.findall(text):
            defined_at.setdefault(acronym, order)
    warnings = []
    said: set[str] = set()
    for order, (path, text) in enumerate(texts):
        for match in _ACRONYM.finditer(text):
            acronym = match.group()
            where = defined_at.get(acronym)
            if acronym in said or where is None or order > where:
                continue
            if order == where and text.find(f"({acronym})") <= match.start():
                continue
            said.add(acronym)
            warnings.append(
                _located(
                    source,
                    path,
                    source.position_in_value(path, acronym),
                    f"'{acronym}' is used before it is spelled out",
                    "spell it out here, where the reader first meets it, or set"
                    " checks: {acronyms: false}",
                )
            )
    return warnings


def _located(
    source: SourceDocument, key_path: KeyPath, position: Position, message: str, hint: str
) -> Problem:
    return Problem(
        message,
        source.path,
        position.line,
        position.column,
        format_key_path(key_path),
        hint,
        severity="warning",
    )


def editorial_warnings(brief: Brief, source: SourceDocument) -> list[Problem]:
    """Empty sections, figures without an image, and the editor's read that ``checks:``
    switches (docs/editorial-checks.md), each at its line."""
    checks = brief.checks
    labels = labels_for(brief.language)
    names = {key: key for key in DAC_CRITERIA} | {
        str(getattr(labels.evidence.criteria, key)).lower(): key for key in DAC_CRITERIA
    }
    warnings: list[Problem] = []
    for index, section in enumerate(brief.sections):
        warnings += _section_warnings(source, section, ("sections", index), checks, names)
    if checks.long_sentences:
        warnings += _long_sentences(brief, source)
    if checks.acronyms:
        warnings += _acronyms(brief, source)
    return warnings

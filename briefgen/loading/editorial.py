"""What a publications editor would flag in a brief that is otherwise valid: warnings.

A warning does not stop a render (the brief may be a draft); ``--strict`` makes every
warning an error, for CI.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from briefgen import spelling
from briefgen.errors import Problem, quote_value
from briefgen.loading.folder_settings import FolderSettings, effective_checks, folder_settings
from briefgen.loading.yaml_source import text_values
from briefgen.model.brief import Brief, Checks, Section
from briefgen.model.evidence import DAC_CRITERIA, KeyFigure
from briefgen.model.labels import labels_for
from briefgen.model.source import KeyPath, Position, SourceDocument, format_key_path
from briefgen.model.walk import sections_with_paths

PRESENTATION_FIELDS = frozenset(
    {"kind", "heading", "show_heading", "continued", "numbered", "list_style", "id", "cite_ids"}
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


SPELLED_KEYS = frozenset(
    {"text", "closing", "items", "justification", "action", "reason", "heading", "title"}
    | {"subtitle", "caption", "alt", "label", "note", "summary", "series", "type"}
)
"""The texts whose words are spelling-checked: what the reader reads as prose. Names
(``name``, quick facts' values, the contact block), codes and addresses are not."""
UNSPELLED_PARTS = frozenset({"theme", "layout", "checks", "contact", "keywords", "templates"})

MAX_SPELLING_WARNINGS = 50
"""Unknown words said one by one; past them, one warning counts the rest."""
MAX_SUGGESTED = 25
"""Unknown words that get "did you mean" (a few milliseconds each): a draft pasted in the
wrong language, or a hostile brief, must not make validate crawl."""
MAX_SPELLING_LETTERS = 40
"""A longer "word" (a hash, a pasted blob) is not spelling-checked."""

NAME_KEYS = frozenset({"name", "credit", "organisation", "unit"})
"""Keys whose value is a name: its words are names wherever the prose writes them ("Rana"
at a sentence's start once the team lists "Rana Haddad")."""

LANGUAGE_NAMES = {"en": "English", "fr": "French", "es": "Spanish", "ru": "Russian"} | {
    "ar": "Arabic"
}


def _spelled_texts(source: SourceDocument) -> list[tuple[KeyPath, str]]:
    texts = []
    for path, text in text_values(source.data):
        keys = [part for part in path if isinstance(part, str)]
        if keys and keys[-1] in SPELLED_KEYS and not UNSPELLED_PARTS.intersection(keys):
            texts.append((path, text))
    return texts


def _spelling(brief: Brief, source: SourceDocument, word_list: frozenset[str]) -> list[Problem]:
    """Words the language's dictionary does not know, each said once, at its first place."""
    key = spelling.language_key(brief.language)
    if key is None:
        return []  # Chinese is not spelt; a language without a dictionary here is not checked
    texts = [(path, spelling.words_of(text)) for path, text in _spelled_texts(source)]
    names = spelling.names_in(words for _, words in texts) | {
        word.text
        for path, text in text_values(source.data)
        if (path and path[-1] in NAME_KEYS) or (len(path) > 1 and path[-2] in NAME_KEYS)
        for word in spelling.words_of(text)
        if word.text[:1].isupper()
    }
    allowed = {word.lower() for word in word_list | spelling.vocabulary(key[:2])}
    unknown: dict[str, list[KeyPath]] = {}
    known: set[str] = set()
    dictionary: spelling.Dictionary | None = None
    for path, words in texts:
        for word in words:
            typed = word.text
            if (
                typed in known
                or not spelling.is_checked(typed)
                or len(typed) > MAX_SPELLING_LETTERS
            ):
                continue
            if typed.lower() in allowed:
                continue
            name = spelling.without_possessive(typed)
            if typed[:1].isupper() and (not word.starts_sentence or name in names):
                continue  # a name: "Rana Haddad", or "Haddad" at a sentence's start
            if typed in unknown:
                unknown[typed].append(path)
                continue
            if dictionary is None:
                dictionary = spelling.dictionary(key)  # loaded here: only when words are asked
                if dictionary is None:
                    return [_no_dictionary(source, key)]
            if dictionary.knows(typed):
                known.add(typed)
            else:
                unknown[typed] = [path]
    warnings = []
    beyond = len(unknown) - MAX_SPELLING_WARNINGS
    if beyond > 0:  # a brief in another language than it says, or pasted noise
        unknown = dict(list(unknown.items())[:MAX_SPELLING_WARNINGS])
    for number, (typed, places) in enumerate(unknown.items()):
        assert dictionary is not None
        path = places[0]
        # "did you mean" asks the dictionary hundreds of words: for the first few only
        suggestions = dictionary.suggestions(typed) if number < MAX_SUGGESTED else []
        more = len(places) - 1
        said = f", here and {more} more time{'s' if more > 1 else ''}" if more else ""
        hint = "if it is right, add it to words.txt beside the brief"
        if suggestions:
            hint = f"did you mean {' or '.join(map(quote_value, suggestions))}? I{hint[1:]}"
        warnings.append(
            _located(
                source,
                path,
                source.position_in_value(path, typed, word=True),
                f"{quote_value(typed)} is not in the {LANGUAGE_NAMES[key[:2]]} dictionary{said}",
                hint,
            )
        )
    if beyond > 0:
        name = LANGUAGE_NAMES[key[:2]]
        warnings.append(
            _warning(
                source,
                ("language",),
                f"{beyond} more word{'s are' if beyond > 1 else ' is'} not in the {name}"
                " dictionary",
                f"is the brief written in {name}? Add its own words to words.txt beside it,"
                " or set checks: {spelling: false}",
            )
        )
    return warnings


NAMED_KEYS = SPELLED_KEYS | {"name", "code", "value", "role", "acronym", "credit", "unit"}
"""The texts where names and codes are looked for: prose, and the keys that hold names."""
_CODE = re.compile(r"(?<![\w.\-])[A-Za-z0-9](?:[A-Za-z0-9]|[.\-](?=[A-Za-z0-9]))*")
_DIGIT = re.compile(r"\d")
NAME_LETTERS = 5
"""The shortest name compared with others a letter apart: "Iran" and "Iraq" are two."""
MAX_NAME_LETTERS = 40
"""Longer "names" are not names (and would cost their length squared to compare)."""


def _one_slip_apart(first: str, second: str) -> bool:
    """One letter changed, added or dropped, or two side by side swapped."""
    if abs(len(first) - len(second)) > 1 or first == second:
        return False
    if len(first) == len(second):
        diffs = [i for i, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]
        return len(diffs) == 1 or (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and first[diffs[0]] == second[diffs[1]]
            and first[diffs[1]] == second[diffs[0]]
        )
    short, long = sorted((first, second), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _names_two_ways(brief: Brief, source: SourceDocument) -> list[Problem]:
    """ "Rana Haddad" and "Rana Hadad", "GLOT59" and "GLO.T59": one name spelled two ways,
    said at the second with where the first is."""
    first_seen: dict[str, tuple[KeyPath, str]] = {}  # as written -> where first
    order: list[str] = []
    for path, text in text_values(source.data):
        keys = [part for part in path if isinstance(part, str)]
        if not keys or keys[-1] not in NAMED_KEYS or UNSPELLED_PARTS.intersection(keys):
            continue
        for word in spelling.words_of(text):
            name = spelling.without_possessive(word.text)
            if word.starts_sentence or not name[:1].isupper():
                continue
            if NAME_LETTERS <= len(name) <= MAX_NAME_LETTERS and spelling.is_checked(name):
                if name in first_seen:
                    continue
                first_seen[name] = (path, name)
                order.append(name)
        for match in _CODE.finditer(spelling.without_addresses(text)):
            code = match.group()
            is_code = _DIGIT.search(code) and not code.isdigit() and any(c.isalpha() for c in code)
            if is_code and len(code) >= 3 and code not in first_seen:
                first_seen[code] = (path, code)
                order.append(code)
    dictionary = None
    key = spelling.language_key(brief.language)
    if key is not None and brief.checks.spelling:
        dictionary = spelling.dictionary(key)
    warnings = []
    by_form: dict[str, str] = {}
    said: set[str] = set()
    neighbours: dict[str, list[str]] = {}
    rank = {name: index for index, name in enumerate(order)}
    for written in order:
        form = re.sub(r"[.\-]", "", written).upper()
        earlier = by_form.get(form)
        near: list[str] = []
        if earlier is None and not _DIGIT.search(written):
            # names one slip apart share a form with one letter dropped: looked up, not
            # compared with every name before (a brief of thousands of names stays quick)
            near = [written] + [written[:i] + written[i + 1 :] for i in range(len(written))]
            candidates = {other for variant in near for other in neighbours.get(variant, ())}
            for other in sorted(candidates, key=rank.__getitem__):
                if other in said:
                    continue
                if other.startswith(written) or written.startswith(other):
                    continue  # Protocol, Protocols; Guinea, Guinean
                if not _one_slip_apart(other, written):
                    continue
                if (
                    dictionary is not None
                    and dictionary.knows(other.lower())
                    and (dictionary.knows(written.lower()))
                ):
                    continue  # Women, Woman: words, not names
                earlier = other
                break
        by_form.setdefault(form, written)
        for variant in near:
            neighbours.setdefault(variant, []).append(written)
        if earlier is None:
            continue
        said.add(written)
        path, _ = first_seen[written]
        first_path, _ = first_seen[earlier]
        there = source.position_in_value(first_path, earlier, word=True)
        warnings.append(
            _located(
                source,
                path,
                source.position_in_value(path, written, word=True),
                f"{quote_value(written)} is written {quote_value(earlier)} at line"
                f" {there.line}, column {there.column}: one name spelled two ways?",
                "write it one way, or set checks: {names: false} if they are two",
            )
        )
    return warnings


SHOULD = {
    "en": {"should", "must", "need", "needs", "ought", "shall"},
    "fr": {"devrait", "devraient", "doit", "doivent", "faut", "convient", "recommandé"},
    "es": {"debe", "deben", "debería", "deberían", "recomienda", "conviene", "necesario"},
    "ru": {"следует", "необходимо", "нужно", "должен", "должна", "должно", "должны"}
    | {"рекомендуется", "надлежит", "надо"},
}
"""Words that make a recommendation say who should act: "UNODC should...", "l'ONUDC doit..."
(looked for among its first eight words)."""
NOT_ACTIONS = {
    "en": {"the", "a", "an", "this", "that", "these", "those", "it", "its", "there", "their"}
    | {"they", "we", "our", "in", "on", "at", "for", "of", "with", "by", "from", "as", "all"}
    | {"some", "more", "most", "both", "each", "every", "many", "no", "not", "while", "if"},
    "fr": {"notre", "votre", "entre", "contre", "autre", "être", "leur", "le", "la", "les"},
    "es": {"mujer", "lugar", "hogar", "por", "el", "la", "los", "las", "un", "una"},
    "ru": {"путь", "часть", "сеть", "власть", "область", "степень", "помощь", "мощь"},
}
"""First words that look like an action by their ending but are not one ("entre", "mujer",
"путь"), or in English the words a sentence about something else starts with."""
LEADING_ADVERBS = {
    "en": {"better", "further", "also", "jointly", "urgently", "systematically", "regularly"},
    "fr": {"mieux", "davantage", "également", "aussi", "systématiquement"},
    "es": {"mejor", "también", "además", "sistemáticamente"},
    "ru": {"также", "лучше", "более", "активнее", "систематически"},
}
"""Words that may stand before the action: "Mieux comprendre...", "Better align..."."""
_ACTION_ENDINGS = {
    "fr": re.compile(r"(?:er|ir|re|oir)$"),  # the infinitive: Renforcer, Promouvoir
    "es": re.compile(r"(?:ar|er|ir)(?:se|lo|la|los|las|le|les)?$"),  # Fortalecer, Realizarlo
    "ru": re.compile(r"(?:ть|ти|чь|ться|тись|йте|ите)$"),  # укрепить, укрепляйте
}


def _is_action(word: str, language: str, key: str | None) -> bool:
    lower = word.lower()
    if lower in NOT_ACTIONS.get(language, set()):
        return False
    if language in _ACTION_ENDINGS:
        return bool(_ACTION_ENDINGS[language].search(lower))
    dictionary = spelling.dictionary(key) if key is not None else None  # loaded once
    if dictionary is None:
        return True  # English without its dictionary: only the list above
    # an English verb takes -ing: strengthen(ing), mak(e)ing, set(t)ing
    forms = (lower + "ing", lower[:-1] + "ing", lower + lower[-1:] + "ing")
    return any(dictionary.knows(form) for form in forms)


def _recommendations(brief: Brief, source: SourceDocument) -> list[Problem]:
    """A recommendation that does not start with what to do ("Management processes were
    weak") or who should do it ("UNODC should...")."""
    language = brief.language.split("-")[0].lower()
    if language not in SHOULD:
        return []  # Arabic and Chinese: docs/editorial-checks.md says why
    key = spelling.language_key(brief.language)
    warnings = []
    for section, path in sections_with_paths(brief.sections):
        if section.kind != "recommendations":
            continue
        for index, item in enumerate(section.items):
            text = item if isinstance(item, str) else item.text
            words = [word.text for word in spelling.words_of(text)[:8]]
            if not words or SHOULD[language].intersection(w.lower() for w in words):
                continue
            first = next((w for w in words if w.lower() not in LEADING_ADVERBS[language]), words[0])
            if _is_action(first, language, key):
                continue
            item_path: KeyPath = (*path, "items", index)
            if not isinstance(item, str):
                item_path = (*item_path, "text")
            warnings.append(
                _warning(
                    source,
                    item_path,
                    f"this recommendation does not start with what to do ({quote_value(words[0])})",
                    "start with the action ('Strengthen...') or with who should act ('UNODC"
                    " should...'), or set checks: {recommendations: false}",
                )
            )
    return warnings


def _no_dictionary(source: SourceDocument, key: str) -> Problem:
    package = spelling.PACKAGES[key[:2]]
    return _warning(
        source,
        ("language",),
        f"spelling is not checked: no {LANGUAGE_NAMES[key[:2]]} dictionary is installed",
        f"install Debian's {package} (scripts/install-system-deps.sh does), or set"
        " checks: {spelling: false}",
    )


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
    settings = folder_settings(source.path)
    checks = effective_checks(brief.checks, settings)
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
    if checks.spelling:
        warnings += _spelling(brief, source, word_list(source.path, settings))
    if checks.names:
        warnings += _names_two_ways(brief, source)
    if checks.recommendations:
        warnings += _recommendations(brief, source)
    return warnings


def word_list(brief_path: Path, settings: FolderSettings) -> frozenset[str]:
    """The words the brief's office spells its own way: ``words.txt`` beside the brief, and
    beside the ``briefgen.toml`` that holds its folder's settings."""
    words = spelling.load_word_list(brief_path.parent / "words.txt")
    if settings.path is not None and settings.path.resolve().parent != brief_path.resolve().parent:
        words |= spelling.load_word_list(settings.path.parent / "words.txt")
    return frozenset(words)

"""The rules the brief's models enforce, as plain functions of plain values.

The models in :mod:`briefgen.model.brief` and :mod:`briefgen.model.evidence` call these
from their pydantic validators. Kept apart so each rule can be tested on its own, and
mutation-tested: mutmut leaves decorated methods (every pydantic validator) unmutated.
A refusal is a ``ValueError`` whose text is a code of :mod:`briefgen.loading.messages`,
optionally followed by ``:`` and a detail the user sees.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from briefgen.errors import quote_value

MAX_SECTION_DEPTH = 8
"""Levels of sections (a section, its sub-sections, theirs...): the renderers recurse
once per level, and headings stop at h6 anyway."""

DATE_PATTERN = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")

EMAIL_PATTERN = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
"""An address as offices write them: letters, digits and ``. _ % + ' -`` before the @, a
domain with a dot after it. Nothing that could open markup, and no ``:`` or ``/``: the
Markdown writes ``<address>``, which ``<https://evil.example/?@x.org>`` would make a web
link."""

FIELD_KINDS: dict[str, tuple[str, ...]] = {
    "image": ("figure",),
    "alt": ("figure", "chart", "map"),
    "caption": ("figure", "table", "chart", "map"),
    "credit": ("figure", "table", "chart", "map"),
    "header": ("table",),
    "rows": ("table",),
    "align": ("table",),
    "note": ("table",),
    "total": ("table",),
    "scale": ("ratings",),
    "ratings": ("ratings",),
    "figures": ("key_figures",),
    "responses": ("management_response",),
    "chart": ("chart",),
    "categories": ("chart",),
    "series": ("chart",),
    "unit": ("chart", "map"),
    "countries": ("map",),
    "extent": ("map",),
}
"""The keys only some kinds of section take: a table's rows in a findings section is a
mistake to report, not to ignore."""

REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "table": ("header", "rows"),
    "ratings": ("ratings",),
    "key_figures": ("figures",),
    "management_response": ("responses",),
    "chart": ("categories", "series"),
    "map": ("countries",),
}

MIN_KEY_FIGURES = 2


class SectionFields(Protocol):
    """What :func:`check_section` reads of a section (a :class:`~briefgen.model.brief.Section`)."""

    @property
    def kind(self) -> str: ...
    @property
    def heading(self) -> str | None: ...
    @property
    def show_heading(self) -> bool: ...
    @property
    def model_fields_set(self) -> set[str]: ...
    @property
    def image(self) -> str | None: ...
    @property
    def alt(self) -> str | None: ...
    @property
    def decorative(self) -> bool: ...
    @property
    def caption(self) -> str | None: ...
    @property
    def figures(self) -> Sequence[Any]: ...


class Nested(Protocol):
    """Anything with sub-sections."""

    @property
    def sections(self) -> Sequence[Nested]: ...


NUMBER_MAX = 10**15
"""The largest size of a number in a brief (a thousand million million: any budget in
any currency). Past it a float no longer holds every whole number, and past 10^25 the
number formatting failed (``decimal.InvalidOperation``)."""

NUMBER_MIN = 10**-6
"""The smallest size of a number other than zero: a millionth. Smaller ones printed as
hundreds of zeros (``1e-300``)."""


def check_number(value: int | float) -> int | float:
    """Refuse what no brief means and no format can print: NaN, infinity, and numbers
    outside :data:`NUMBER_MIN`..:data:`NUMBER_MAX` in size (zero is fine)."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("number_not_finite")
    size = abs(value)
    if size > NUMBER_MAX or (value and size < NUMBER_MIN):
        raise ValueError("number_range")
    return value


def as_list(value: object) -> object:
    """Let a single text stand where a list of texts is expected (nothing: no entries)."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else value


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def as_paragraphs(value: object) -> object:
    """Like :func:`as_list`, and a blank line inside a text starts a new paragraph, as the
    author meant it (YAML's ``>-`` keeps it only as a line break)."""
    listed = as_list(value)
    if not isinstance(listed, list):
        return listed
    paragraphs: list[object] = []
    for entry in listed:
        if isinstance(entry, str) and _BLANK_LINE.search(entry):
            paragraphs += [part.strip() for part in _BLANK_LINE.split(entry) if part.strip()]
        else:
            paragraphs.append(entry)
    return paragraphs


def no_blank(value: str) -> str:
    """Refuse a text of only spaces: a key written must say something."""
    if not value.strip():
        raise ValueError("must not be empty")
    return value


def not_empty(value: list[Any]) -> list[Any]:
    """Refuse an empty list where an entry is needed (a quick fact without a value)."""
    if not value:
        raise ValueError("must not be empty")
    return value


def has_plain_text(value: str) -> str:
    """A title shown as the PDF's and the web page's title needs words, not only markup:
    ``[](https://a.example)`` would leave the PDF without a title."""
    from briefgen.model.inline import to_plain

    if not to_plain(value).strip():
        raise ValueError("no_text")
    return value


def parse_date(value: object) -> object:
    """A month (``2017-10``) or a day (``2017-10-05``) as the date model's fields.

    A YAML date arrives as :class:`datetime.date`; a bare number (``2017``) is refused
    as a date, not reported as a missing month.
    """
    if isinstance(value, dt.date):
        return {"year": value.year, "month": value.month, "day": value.day}
    if isinstance(value, str):
        match = DATE_PATTERN.match(value.strip())
        if not match:
            raise ValueError("date_format")
        year, month, day = match.groups()
        try:
            dt.date(int(year), int(month), int(day or 1))
        except ValueError:
            raise ValueError("date_range") from None
        return {"year": int(year), "month": int(month), "day": int(day) if day else None}
    if isinstance(value, int):
        raise ValueError("date_format")
    return value


def check_email(value: str | None) -> str | None:
    """An e-mail address, or nothing; it is printed as a mailto: link in every format."""
    if value is not None and not EMAIL_PATTERN.fullmatch(value):
        raise ValueError("email")
    return value


def _either(kinds: tuple[str, ...]) -> str:
    """``figure, table, chart or map``."""
    *others, last = kinds
    return f"{', '.join(others)} or {last}" if others else last


def check_section(section: SectionFields) -> None:
    """A section holds only the keys its kind takes, and all those it needs."""
    if section.kind == "custom" and not section.heading and section.show_heading:
        raise ValueError("custom_heading")
    for name, kinds in FIELD_KINDS.items():
        if (
            section.kind not in kinds
            and name in section.model_fields_set
            and getattr(section, name)
        ):
            raise ValueError(
                f"kind_only:'{name}' belongs to a {_either(kinds)} section, "
                f"not a {section.kind} section"
            )
    needs = REQUIRED_FIELDS.get(section.kind, ())
    missing = [name for name in needs if not getattr(section, name)]
    if missing:
        named = " and ".join(f"'{name}'" for name in missing)
        raise ValueError(f"block_needs:a {section.kind} section needs {named}")
    if section.kind == "key_figures" and len(section.figures) < MIN_KEY_FIGURES:
        raise ValueError("block_needs:key_figures shows two to six figures, not one")
    if section.kind == "figure":
        if section.image and not (section.alt or section.decorative):
            raise ValueError("figure_alt")
        if not (section.image or section.caption):
            raise ValueError("figure_empty")


def check_nesting(sections: Iterable[Nested]) -> None:
    """Refuse sections nested past :data:`MAX_SECTION_DEPTH`, without recursing."""
    stack = [(section, 1) for section in sections]
    while stack:
        section, depth = stack.pop()
        if depth > MAX_SECTION_DEPTH:
            raise ValueError("section_depth")
        stack += [(child, depth + 1) for child in section.sections]


def check_language(value: str, available: Sequence[str]) -> str:
    """A language with labels, or a regional variant of one (``es-419``)."""
    if value not in available and value.split("-")[0] not in available:
        raise ValueError("unknown_language:" + ", ".join(available))
    return value


def check_languages(value: list[str], available: Sequence[str]) -> list[str]:
    """Every language of a multilingual brief has labels; all the unknown ones are named."""
    unknown = [code for code in value if code.split("-")[0] not in available]
    if unknown:
        named = ", ".join(quote_value(code) for code in unknown)
        raise ValueError(f"unknown_languages:{named} (available: {', '.join(available)})")
    return value

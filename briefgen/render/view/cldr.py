"""What CLDR (through Babel) knows about a language: its dates and its direction.

"octobre 2017", "октябрь 2017 г.", "2017年10月", "أكتوبر 2017": no hand-written month
tables. French prints the first of the month as an ordinal, "1er octobre 2017".
"""

from __future__ import annotations

import re

from briefgen.model.brief import PublicationDate
from briefgen.model.labels import Labels


def date_text(date: PublicationDate, labels: Labels) -> str:
    """The date as the masthead prints it: a month, or a day, in the labels' locale."""
    from babel.dates import format_date, format_skeleton

    day = date.as_date()
    if date.day is None:
        return str(format_skeleton("yMMMM", day, locale=labels.locale))
    text = str(format_date(day, "long", locale=labels.locale))
    if labels.locale.startswith("fr") and date.day == 1 and text.startswith("1 "):
        text = "1er" + text[1:]
    return text


_ISO_MONTH_OR_DAY = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def deadline_text(deadline: str, labels: Labels) -> str:
    """A management response's deadline as the brief's language writes a date ("June
    2026", "juin 2026", "2026年6月"), when it is one (2026-06, 2026-06-30); any other
    wording ("Q4 2025", "ongoing") as the author wrote it."""
    if _ISO_MONTH_OR_DAY.match(deadline.strip()) is None:
        return deadline
    try:
        date = PublicationDate.model_validate(deadline.strip())
        date.as_date()  # a day that does not exist (2026-02-30) stays as written
    except ValueError:
        return deadline
    return date_text(date, labels)


def text_direction(labels: Labels) -> str:
    """``rtl`` for a language written right to left (Arabic), else ``ltr``."""
    from babel import Locale

    order = Locale.parse(labels.locale).character_order
    return "rtl" if order == "right-to-left" else "ltr"

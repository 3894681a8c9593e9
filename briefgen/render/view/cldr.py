"""What CLDR (through Babel) knows about a language: its dates and its direction.

"octobre 2017", "октябрь 2017 г.", "2017年10月", "أكتوبر 2017": no hand-written month
tables. French prints the first of the month as an ordinal, "1er octobre 2017".
"""

from __future__ import annotations

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


def text_direction(labels: Labels) -> str:
    """``rtl`` for a language written right to left (Arabic), else ``ltr``."""
    from babel import Locale

    order = Locale.parse(labels.locale).character_order
    return "rtl" if order == "right-to-left" else "ltr"

"""The CLDR locale (through Babel) of a brief's language, with one fallback rule for every
use: the language as written (``pt-BR``), then its base (``pt``), then English."""

from __future__ import annotations

from functools import cache
from typing import Any

LANGUAGE_TAG = r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*"
"""A brief's language as it writes it (fr, es-419, zh-Hans): its ``language:`` field and
the command line's ``--lang`` take the same."""


@cache
def babel_locale(language: str) -> Any:
    """A ``babel.Locale``; Babel is imported on first use, so ``--help`` never pays for it."""
    from babel import Locale, UnknownLocaleError

    for candidate in (language, language.split("-")[0], "en"):
        try:
            return Locale.parse(candidate, sep="-")
        except (UnknownLocaleError, ValueError):
            continue
    raise AssertionError("unreachable: English is always known")  # pragma: no cover

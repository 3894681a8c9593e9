"""Numbers written the brief's language's way (12,345.5 / 12 345,5 / 12.345,5), from CLDR.

Babel carries CLDR's rules for every language, so a new language file needs no code here;
it is imported on first use so that ``--help`` and ``validate`` never pay for it.
"""

from __future__ import annotations

from briefgen.model.locales import babel_locale


def format_number(value: int | float, language: str) -> str:
    """A number with the language's grouping and decimal signs; as many decimals as given."""
    from babel.numbers import format_decimal

    return str(format_decimal(value, locale=babel_locale(language), decimal_quantization=False))


def with_unit(number: str, prefix: str | None, suffix: str | None, language: str) -> str:
    """``USD 1.2`` / ``45 %``: a space after a word prefix and before a word suffix, and
    before a per cent sign where the language puts one (French does, English does not)."""
    before = f"{prefix}\u00a0" if prefix and prefix[-1].isalpha() else prefix or ""
    after = suffix or ""
    if after.strip() == "%":  # " %" typed as the suffix: the language's spacing, as elsewhere
        after = "%"
    if after[:1].isalpha():
        after = "\u00a0" + after
    elif after == "%":
        pattern = babel_locale(language).percent_formats[None].pattern
        after = "\u00a0%" if "\u00a0%" in pattern or " %" in pattern else "%"
    return before + number + after

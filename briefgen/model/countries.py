"""Countries: ISO codes and names from CLDR (through Babel), and which ones the shipped
shapes draw.

A content rule as much as a drawing aid: loading checks a map's codes against it, and the
map figure draws from the same shapes, so the two never disagree about what a country is.
The shapes ship in the package (``briefgen/data/world-110m.json``, built once by
``scripts/build-world-map.py``).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from briefgen.model.locales import babel_locale


@cache
def shapes() -> dict[str, list[list[int]]]:
    """Each country's rings (flat longitude, latitude pairs in tenths of a degree)."""
    text = (resources.files("briefgen") / "data" / "world-110m.json").read_text(encoding="utf-8")
    countries: dict[str, list[list[int]]] = json.loads(text)["countries"]
    return countries


@cache
def _territories(language: str) -> dict[str, str]:
    names: dict[str, str] = dict(babel_locale(language).territories)
    return names


@cache
def _alpha3() -> dict[str, str]:
    from babel.core import get_global

    aliases: dict[str, list[str]] = dict(get_global("territory_aliases"))
    names = _territories("en")
    return {
        key: value[0]
        for key, value in aliases.items()
        if len(key) == 3
        and key.isalpha()
        and len(value) == 1
        and value[0] in names
        and value[0] not in _GROUPS
        and len(value[0]) == 2
    }


def country_code(code: str) -> str | None:
    """The alpha-2 code of an ISO 3166 alpha-2 or alpha-3 code, or None if unknown."""
    code = code.strip().upper()
    if len(code) == 3:
        return _alpha3().get(code)
    if len(code) == 2 and code.isalpha() and code in _territories("en") and code not in _GROUPS:
        return code
    return None


_GROUPS = frozenset({"EU", "EZ", "UN", "QO", "ZZ"})  # CLDR territories that are no country


def country_name(alpha2: str, language: str) -> str:
    return _territories(language).get(alpha2, alpha2)


@cache
def country_names(language: str) -> frozenset[str]:
    """Every country's name in ``language`` (CLDR): names a line must not part in running
    text ("New Zealand", "波斯尼亚和黑塞哥维那"), as in a map's legend."""
    return frozenset(
        name
        for code, name in _territories(language).items()
        if len(code) == 2 and code.isalpha() and code not in _GROUPS
    )


def known_codes() -> list[str]:
    """Every alpha-2 and alpha-3 code a map accepts, for suggestions."""
    two_letter = {code for code in _territories("en") if len(code) == 2 and code.isalpha()}
    return sorted(set(_alpha3()) | (two_letter - _GROUPS))


def drawable(alpha2: str) -> bool:
    """Whether the 1:110m shapes include the country (very small states are left out)."""
    return alpha2 in shapes()

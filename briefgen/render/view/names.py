"""The names a line must not part in running text: every country's name in the brief's
language (the project's country catalogue, CLDR) and the brief's own names from its
quick facts (the people, the entries of a list such as the donors).

The typesetting keeps them on one line (typography.join_names) and the layout inspector
reports a line break inside one: both read this one list.
"""

from __future__ import annotations

import re

from briefgen.model.brief import Brief, Person
from briefgen.model.countries import country_names
from briefgen.model.inline import to_plain

MAX_QUICK_FACT_NAMES = 100
"""A brief's quick facts name a handful of people and countries; a hostile brief's
thousands would make every piece of text look for each of them."""
_ENTRIES = re.compile("、|\uff0c|, |; |\uff1b")  # also the full-width comma, semicolon
_ROLE = re.compile("——|\\s*[—\u2013-]\\s+")  # "Emmanuelle Diehl——组长", "Ann Lee- Team Leader"


def quick_facts_names(brief: Brief) -> set[str]:
    """People's names, and the entries of lists (``Kenya, South Sudan, ...``) without a
    role after a dash: those that read as a name (first and last word capitalised, in a
    script with capitals)."""
    found: set[str] = set()
    for fact in brief.quick_facts:
        for value in fact.value:
            if isinstance(value, Person):
                found.add(to_plain(value.name).strip())
                continue
            entries = _ENTRIES.split(to_plain(value))
            found.update(_ROLE.split(entry)[0].strip() for entry in entries)
    names = sorted(name for name in found if _reads_as_a_name(name))
    return set(names[:MAX_QUICK_FACT_NAMES])


def _reads_as_a_name(text: str) -> bool:
    """In a script with capitals, first and last word capitalised; in one without (Han,
    Arabic), any entry without a number, which a name does not hold and a phrase such
    as a budget ("截至数据收集结束时为 USD 20,000,833") does."""
    words = text.split()
    if not words:
        return False
    first, last = words[0][0], words[-1][0]
    caseless = first.lower() == first.upper() and not first.isdigit()
    if caseless:
        return not any(character.isdigit() for character in text)
    return first.isupper() and last.isupper()


def names_kept_whole(brief: Brief) -> frozenset[str]:
    """Every name the brief's running text keeps on one line."""
    return frozenset(country_names(brief.language) | quick_facts_names(brief))

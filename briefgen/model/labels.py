"""The words briefgen prints itself (section headings, "Quick facts"), per language.

Labels are data: one YAML file per language in ``briefgen/locales``. A brief in a language
that has no file is refused with the list of those that do.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, Field

from briefgen.errors import BriefError


class Labels(BaseModel):
    """Every word the templates print that does not come from the brief."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    series: str
    quick_facts: str
    report: str
    contact: str
    page: str
    page_of: str
    figure: str
    months: list[str] = Field(min_length=12, max_length=12)
    sections: dict[str, str]


def available_languages() -> list[str]:
    folder = resources.files("briefgen") / "locales"
    return sorted(entry.name[:-5] for entry in folder.iterdir() if entry.name.endswith(".yaml"))


@cache
def labels_for(language: str) -> Labels:
    """The labels of a language, falling back from ``es-419`` to ``es``."""
    candidates = [language, language.split("-")[0]]
    folder = resources.files("briefgen") / "locales"
    for candidate in candidates:
        entry = folder / f"{candidate}.yaml"
        if entry.is_file():
            return Labels.model_validate(yaml.safe_load(entry.read_text(encoding="utf-8")))
    raise BriefError.single(
        f"briefgen has no labels for language '{language}'",
        hint="available: "
        + ", ".join(available_languages())
        + "; add briefgen/locales/<code>.yaml to support another",
    )

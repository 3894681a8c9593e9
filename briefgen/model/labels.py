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


class SectionLabels(BaseModel):
    """The default heading of each standard section kind (see ``model.brief.SectionKind``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    background: str
    purpose: str
    methodology: str
    results: str
    findings: str
    findings_continued: str
    conclusions: str
    accomplishments: str
    recommendations: str
    lessons: str
    lessons_learned: str
    best_practices: str
    figure: str
    table: str
    ratings: str
    key_figures: str
    management_response: str
    chart: str
    map: str

    def get(self, kind: str, default: str = "") -> str:
        return str(getattr(self, kind, default))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CriteriaLabels(_Strict):
    """The OECD DAC criteria's names: a rating's default criterion names."""

    relevance: str
    coherence: str
    effectiveness: str
    efficiency: str
    impact: str
    sustainability: str


class LevelLabels(_Strict):
    """The words of each named rating scale's levels (see ``model.evidence.SCALE_LEVELS``)."""

    highly_satisfactory: str
    satisfactory: str
    moderately_satisfactory: str
    moderately_unsatisfactory: str
    unsatisfactory: str
    highly_unsatisfactory: str
    green: str
    amber: str
    red: str


class ResponseLabels(_Strict):
    """A management response's words: the three answers and the table's column heads."""

    accepted: str
    partially_accepted: str
    rejected: str
    number: str
    recommendation: str
    response: str
    action: str
    unit: str
    deadline: str
    reason: str


class ReferenceLabels(_Strict):
    """How a cross-reference to a numbered item reads, per kind of list: "{n}" is its number."""

    recommendations: str
    findings: str
    conclusions: str
    lessons_learned: str
    best_practices: str
    item: str

    def for_kind(self, kind: str) -> str:
        return str(getattr(self, kind, self.item))


class EvidenceLabels(_Strict):
    """The evidence blocks' own words."""

    criterion: str
    rating: str
    scale: str
    note: str
    source: str
    chart_column: str
    chart_bar: str
    chart_data: str
    no_data: str
    map_countries: str
    map_other: str
    map_disclaimer: str
    criteria: CriteriaLabels
    levels: LevelLabels
    responses: ResponseLabels
    references: ReferenceLabels


class Punctuation(BaseModel):
    """The marks briefgen sets between its own words and the brief's ("Source: ...").

    Each language's, with the spaces it takes: Chinese has full-width marks and no space
    (U+FF1A, U+FF1B, U+3001), Arabic its own comma and semicolon (، ؛), French a no-break
    space before : and ;.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    colon: str
    semicolon: str
    comma: str
    """Between the items of a list (countries of a map's colour)."""
    list_gap: str
    """Between the parts of a run-in list ("include: 1) ...; 2) ..."): a space, none in
    Chinese, whose full-width marks carry their own."""


class Labels(BaseModel):
    """Every word the templates print that does not come from the brief.

    Every key is required, so a new language file that forgets one fails at once.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    series: str
    quick_facts: str
    report: str
    contact: str
    email: str
    phone: str
    page: str
    page_of: str
    figure: str
    locale: str
    """The CLDR locale whose data (Babel) spells dates and sets the direction: en_GB
    gives "5 October 2017", the form the UN uses."""
    quotes: list[str] = Field(min_length=4, max_length=4)
    """Opening and closing quotation marks, then those for a quote inside a quote."""
    apostrophe: str
    """The typographic apostrophe that replaces a typed ' between letters."""
    space_before: dict[str, str] = Field(default_factory=dict)
    """French: the no-break space set before ; : ! ? (and inside « », key «)."""
    bound_to_next: list[str] = Field(default_factory=list)
    """Short words that must not end a line, joined to the next word by a no-break space:
    Russian prepositions and conjunctions of one letter ("в", "к", "и", "я"...)."""
    punctuation: Punctuation
    sections: SectionLabels
    evidence: EvidenceLabels


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

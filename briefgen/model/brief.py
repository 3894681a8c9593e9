"""The content model of an evaluation brief.

Keys are named the way an evaluator speaks, unknown keys are refused everywhere (a typo
must never silently drop content), and every text field is inline Markdown.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    field_validator,
    model_validator,
)

from briefgen.model.evidence import (
    Alignment,
    Cell,
    ChartType,
    Item,
    ItemId,
    KeyFigure,
    Label,
    ManagementResponse,
    MapCountry,
    Number,
    Rating,
    ScaleName,
    Series,
)
from briefgen.model.labels import available_languages
from briefgen.model.locales import LANGUAGE_TAG
from briefgen.model.theme import Layout, Theme
from briefgen.model.validators import (
    DATE_PATTERN,
    as_list,
    as_paragraphs,
    check_email,
    check_language,
    check_languages,
    check_nesting,
    check_section,
    has_plain_text,
    no_blank,
    not_empty,
    parse_date,
)
from briefgen.model.validators import MAX_SECTION_DEPTH as MAX_SECTION_DEPTH  # re-exported


class Model(BaseModel):
    """Base for every model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, use_attribute_docstrings=True
    )


Text = Annotated[str, AfterValidator(no_blank)]
"""Non-empty inline Markdown."""

TitleText = Annotated[Text, AfterValidator(has_plain_text)]
"""Inline Markdown with some text to show once the formatting is taken away."""

Paragraphs = Annotated[
    list[Text], BeforeValidator(as_paragraphs, json_schema_input_type=str | list[str] | None)
]
"""One text or a list of paragraphs."""

Items = Annotated[
    list[Text | Item],
    BeforeValidator(as_list, json_schema_input_type=str | list[str | Item] | None),
]
"""One text or a list of items; an item may be {id, text} so other text can refer to it."""


def _date_schema(schema: dict[str, Any]) -> None:
    description = schema["description"]  # the class docstring
    schema.clear()
    schema.update(
        type="string", pattern=DATE_PATTERN.pattern, description=description, examples=["2017-10"]
    )


class PublicationDate(Model):
    """A publication date: a month (``2017-10``) or a day (``2017-10-05``)."""

    # Written as text in a brief, so that is what the JSON Schema (and an editor) expects.
    model_config = ConfigDict(json_schema_extra=_date_schema)

    year: int
    month: int
    day: int | None = None

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, value: object) -> object:
        return parse_date(value)

    def iso(self) -> str:
        day = f"-{self.day:02d}" if self.day else ""
        return f"{self.year:04d}-{self.month:02d}{day}"

    def as_date(self) -> dt.date:
        return dt.date(self.year, self.month, self.day or 1)


class Organisation(Model):
    """Who publishes the brief: shown in the masthead and as the PDF's author."""

    name: Text
    """The organisation's full name, e.g. United Nations Office on Drugs and Crime."""
    acronym: str | None = None
    """Shown large in the masthead when there is no logo, e.g. UNODC."""
    unit: str | None = None
    """The evaluation office, e.g. Independent Evaluation Unit."""
    website: HttpUrl | None = None
    """The organisation's web address."""
    map_disclaimer: Text | None = None
    """The disclaimer printed under every map. Default: the United Nations' wording, in the
    brief's language; give your organisation's own here (by language in a brief in
    several)."""


class Programme(Model):
    """A programme or project under evaluation."""

    name: Text
    """The programme's or project's name."""
    code: str | None = None
    """Its code, e.g. GLOT59 (also used as a PDF keyword)."""


class Link(Model):
    """A link with an optional text to show instead of the address."""

    url: HttpUrl
    """The full address: https://..."""
    text: str | None = None
    """Text to show instead of the address."""


class Person(Model):
    """A person with a role, e.g. an evaluation team member."""

    name: Text
    """The person's name."""
    role: str | None = None
    """Their role, e.g. Team Leader."""


FactValue = Annotated[
    list[Text | Person],
    BeforeValidator(as_list, json_schema_input_type=str | list[str | Person]),
]


class Fact(Model):
    """One labelled entry of the quick facts box."""

    label: Text
    """The fact's label, e.g. Countries, Evaluation team, Donors, Budget."""
    value: FactValue
    """A text, or a list of texts or of people ({name, role})."""

    @field_validator("value")
    @classmethod
    def _not_empty(cls, value: list[str | Person]) -> list[str | Person]:
        return not_empty(value)


class Evaluation(Model):
    """What was evaluated, and the full report."""

    type: Text
    """The kind of evaluation, e.g. In-depth mid-term cluster evaluation."""
    title: TitleText
    """The evaluation's title: the brief's headline and the PDF's title."""
    subtitle: str | None = None
    """A line under the title, e.g. the period covered."""
    programmes: list[Programme] = Field(default_factory=list)
    """The programmes or projects evaluated, with their codes."""
    report: Link | None = None
    """The full evaluation report, linked from the quick facts."""


SectionKind = Literal[
    "custom",
    "background",
    "purpose",
    "methodology",
    "results",
    "findings",
    "conclusions",
    "accomplishments",
    "recommendations",
    "lessons",
    "lessons_learned",
    "best_practices",
    "figure",
    "table",
    "ratings",
    "key_figures",
    "management_response",
    "chart",
    "map",
]
NUMBERED_BY_DEFAULT = frozenset({"recommendations", "lessons_learned", "best_practices"})


class Section(Model):
    """A part of the brief's narrative.

    Standard kinds take their heading from the language's label file; ``heading``
    retitles one, and ``kind: custom`` (the default) adds a section of the author's own.
    A section may hold paragraphs, a list of items, a figure and sub-sections.
    """

    kind: SectionKind = "custom"
    """A standard section (its heading comes from the language's labels) or custom."""
    heading: str | None = None
    """The heading; retitles a standard section, required for a custom one."""
    show_heading: bool = True
    """false: the heading stays in the document's structure but is not printed."""
    continued: bool = False
    """For findings that go on later in the brief: heading "Findings continued"."""
    text: Paragraphs = Field(default_factory=list)
    """One paragraph, or a list of paragraphs (inline Markdown)."""
    id: ItemId | None = None
    """An id other text can refer to, e.g. findings: `[](#findings)` prints its heading."""
    items: Items = Field(default_factory=list)
    """A list: recommendations, lessons learned, best practices... An item may be
    {id, text}, so that `[](#rec-3)` in any text prints "recommendation 3"."""
    numbered: bool | None = None
    """Number the items (default: yes for recommendations, lessons and practices)."""
    cite_ids: bool = False
    """Cross-references to this list's items print each item's id as the office writes it
    (`id: R3`: "recommendation R3", `[](#F2)` "finding F2"), not its place in the list."""
    list_style: Literal["list", "run-in"] = "list"
    """list: one item per line; run-in: "1) ...; 2) ..." inside one paragraph."""
    closing: Paragraphs = Field(default_factory=list)
    """Paragraphs after the items."""
    image: str | None = None
    """A figure's SVG, PNG or JPEG file, next to the brief."""
    alt: str | None = None
    """What the figure shows, for readers who cannot see it (required with an image); a
    chart or a map writes its own from its data unless you give one."""
    decorative: bool = False
    """true: the image carries no content, so it needs no alt text."""
    caption: str | None = None
    """The caption of a figure, table, chart or map."""
    credit: str | None = None
    """The source or credit of a figure, table, chart or map, printed after it."""
    header: list[Label] = Field(default_factory=list)
    """A table's header row: one label per column."""
    rows: list[list[Cell]] = Field(default_factory=list)
    """A table's rows, each a list with one cell per column (text or a number)."""
    align: list[Alignment] = Field(default_factory=list)
    """A table's column alignment, one of left, center, right per column (default:
    numbers right, text left)."""
    note: str | None = None
    """A note under a table."""
    total: bool = False
    """true: a table's last row is its total, set in bold with a rule above it in every
    format."""
    scale: ScaleName | list[Label] = "six-point"
    """The ratings' scale: six-point, four-point, traffic-light, or your own labels in
    order, best first."""
    ratings: list[Rating] = Field(default_factory=list)
    """The criteria and their ratings, in order."""
    figures: Annotated[list[KeyFigure], Field(max_length=6)] = Field(default_factory=list)
    """Two to six key figures, set large in a row."""
    responses: list[ManagementResponse] = Field(default_factory=list)
    """Management's response to each recommendation, in order."""
    chart: ChartType = "column"
    """A chart's type: column (upright bars) or bar (bars across, for long category
    names)."""
    categories: Annotated[list[Label | Number], Field(max_length=12)] = Field(default_factory=list)
    """A chart's categories (up to 12), e.g. years or regions."""
    series: Annotated[list[Series], Field(max_length=3)] = Field(default_factory=list)
    """A chart's series: one to three, each a name and one value per category."""
    unit: str | None = None
    """Printed after each of a chart's or a map's values, e.g. %."""
    countries: list[Label | MapCountry] = Field(default_factory=list)
    """A map's countries: ISO 3166 codes (KE or KEN), or {code, value} or
    {code, category} to colour them."""
    extent: Literal["fit", "world"] = "fit"
    """A map's extent: fit (the countries named, with some context) or world."""
    sections: list[Section] = Field(default_factory=list)
    """Sub-sections, in order."""

    @model_validator(mode="after")
    def _check_kind(self) -> Section:
        check_section(self)
        return self

    @property
    def is_numbered(self) -> bool:
        if self.numbered is not None:
            return self.numbered
        return self.kind in NUMBERED_BY_DEFAULT


class Contact(Model):
    """The evaluation office's contact block that closes the brief."""

    unit: str | None = None
    """The office, e.g. Independent Evaluation Unit (IEU)."""
    organisation: str | None = None
    """The organisation's name."""
    address: Paragraphs = Field(default_factory=list)
    """The postal address, one line per entry."""
    email: str | None = None
    """The office's e-mail address."""
    phone: str | None = None
    """The office's phone number."""
    website: HttpUrl | None = None
    """The office's web address."""

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        return check_email(value)


class Checks(Model):
    """The editor's read: each rule's warnings on (true) or off (false) for this brief.

    See docs/editorial-checks.md for what each rule looks for."""

    unit_twice: bool = True
    """A key figure whose value already holds its prefix or suffix ("61%%")."""
    dac_criteria: bool = True
    """A rating criterion a letter or two away from an OECD DAC criterion ("relevence")."""
    acronyms: bool = True
    """An acronym used before the place where it is spelled out ("Full Name (ACR)")."""
    long_sentences: bool = True
    """A sentence longer than a brief's reader takes in at once (limits per language)."""
    spelling: bool = True
    """A word the brief's language's dictionary does not know (names and acronyms aside)."""
    names: bool = True
    """A name or code spelled two ways in one brief ("Haddad" and "Hadad", "GLO.T59")."""
    recommendations: bool = True
    """A recommendation that does not start with what to do, or who should do it."""


class Brief(Model):
    """A whole evaluation brief, as written in a brief's YAML file."""

    language: Annotated[str, Field(pattern=f"^{LANGUAGE_TAG}$")] = "en"
    """The brief's language (ar, en, es, fr, ru, zh): labels, dates, direction, typography."""
    languages: list[str] = Field(default_factory=list, json_schema_extra={"uniqueItems": True})
    """A brief in several languages: [en, fr, ar]; any text may then be {en: ..., fr: ...}."""
    organisation: Organisation
    """Who publishes the brief (the masthead, and the PDF's author)."""
    series: str | None = None
    """The series label in the masthead (default: "Evaluation brief")."""
    date: PublicationDate
    """The publication month (2017-10) or day (2017-10-05)."""
    evaluation: Evaluation
    """What was evaluated: type, title, programmes, report."""
    keywords: list[Text] = Field(default_factory=list)
    """PDF keywords (default: the programme codes)."""
    summary: str | None = None
    """Metadata, not printed: the PDF's subject, the HTML description (default: the title)."""
    quick_facts: list[Fact] = Field(default_factory=list)
    """The quick facts box beside the text on page 1, in this order."""
    sections: list[Section] = Field(min_length=1)
    """The narrative, in the order it is printed."""
    contact: Contact | None = None
    """The contact block that closes the brief."""
    theme: Theme = Field(default_factory=Theme)
    """Colours, logo, font and paper."""
    layout: Layout = Field(default_factory=Layout)
    """The page budget and the PDF standard."""
    templates: str | None = None
    """A folder (next to the brief) of templates that override the built-in ones."""
    checks: Checks = Field(default_factory=Checks)
    """The editor's read (warnings; errors under --strict): switch a rule off with false."""

    @model_validator(mode="after")
    def _nesting(self) -> Brief:
        """The loader refuses deep sections at their line; this guards other callers."""
        check_nesting(self.sections)
        return self

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        """Refuse a language without labels here, where the error can point at its line."""
        return check_language(value, available_languages())

    @field_validator("languages")
    @classmethod
    def _known_languages(cls, value: list[str]) -> list[str]:
        return check_languages(value, available_languages())

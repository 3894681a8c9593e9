"""What the templates see: the brief plus everything derived from it for them.

Headings, anchors, metadata, dates and the theme's CSS are computed here, in Python, so
the templates only lay things out and no text from the YAML is ever treated as template
code (it is passed as data, and escaped on output).
"""

from __future__ import annotations

import base64
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from briefgen import __version__, fonts
from briefgen.model.brief import Brief, Section
from briefgen.model.evidence import Item
from briefgen.model.inline import to_plain
from briefgen.model.labels import Labels, labels_for
from briefgen.model.limits import Metadata as Metadata
from briefgen.model.limits import metadata as metadata
from briefgen.model.limits import metadata_text as metadata_text
from briefgen.model.loaded import MIME_TYPES, Image, LoadedBrief
from briefgen.model.walk import item_ids, iter_sections
from briefgen.render.figures.svg_markers import markers_placeable
from briefgen.render.view import cldr, page_geometry
from briefgen.render.view.css_values import css_string
from briefgen.render.view.evidence import block_view
from briefgen.render.view.fonts import font_face_css
from briefgen.render.view.names import names_kept_whole
from briefgen.render.view.numbers import with_unit
from briefgen.render.view.typography import Typesetter, Typography


@dataclass(frozen=True)
class Typesetting:
    """The knobs the page-budget ladder turns; the defaults are the designed look."""

    font_size_pt: float = 9.5
    leading: float = 1.32
    spacing: float = 1.0  # multiplier on vertical gaps between blocks

    def describe(self) -> str:
        return f"{self.font_size_pt:g} pt text, {self.leading:g} leading, spacing x{self.spacing:g}"


def item_text(item: str | Item) -> str:
    """A list item's text, whether written as plain text or as {id, text}."""
    return item.text if isinstance(item, Item) else item


def item_id(item: str | Item) -> str | None:
    return item.id if isinstance(item, Item) else None


def section_heading(section: Section, labels: Labels) -> str:
    if section.heading:
        return section.heading
    key = "findings_continued" if section.continued and section.kind == "findings" else None
    return labels.sections.get(key or section.kind, "")


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", to_plain(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "section"


def _collect_text(value: object, found: set[str]) -> None:
    if isinstance(value, str):
        found.add(value)
    elif isinstance(value, dict):
        for item in value.values():
            _collect_text(item, found)
    elif isinstance(value, list):
        for item in value:
            _collect_text(item, found)


def _data_uri(image: Image, data: bytes | None = None) -> str:
    """The image (or ``data`` in its place) as a data: URL."""
    content = image.content() if data is None else data
    return f"data:{image.mime};base64,{base64.b64encode(content).decode('ascii')}"


@dataclass
class RenderContext:
    """Everything one brief's templates need, for one output format."""

    loaded: LoadedBrief
    for_print: bool
    typesetting: Typesetting = field(default_factory=Typesetting)

    @property
    def brief(self) -> Brief:
        return self.loaded.brief

    @property
    def labels(self) -> Labels:
        return labels_for(self.brief.language)

    def references(self) -> dict[str, str]:
        """What a text-less cross-reference to each id prints: "recommendation 3", or a
        section's heading."""
        words = self.labels.evidence.references
        found = {
            section.id: to_plain(section_heading(section, self.labels))
            for section in iter_sections(self.brief.sections)
            if section.id
        }
        for item, (section, number) in item_ids(self.brief).items():  # the one numbering
            found[item] = words.for_kind(section.kind).format(
                n=item if section.cite_ids else number
            )
        return found

    def anchors(self) -> dict[int, str]:
        # A heading's anchor never takes an id an author gave an item or a section.
        taken: set[str] = set(self.references())
        anchors: dict[int, str] = {}
        for section in iter_sections(self.brief.sections):
            base = _slug(section_heading(section, self.labels) or section.kind)
            anchor, counter = base, 2
            while anchor in taken:
                anchor, counter = f"{base}-{counter}", counter + 1
            taken.add(anchor)
            anchors[id(section)] = anchor
        return anchors

    def date_text(self) -> str:
        return cldr.date_text(self.brief.date, self.labels)

    def typography(self) -> Typography:
        """The language's marks and spaces, from its label file."""
        quotes = self.labels.quotes
        marks = (quotes[0], quotes[1], quotes[2], quotes[3])
        spaces = dict(self.labels.space_before)
        per_cent = with_unit("", None, "%", self.brief.language)
        rtl = self.direction() == "rtl"
        names = names_kept_whole(self.brief)
        bound = frozenset(self.labels.bound_to_next)
        return Typography(marks, self.labels.apostrophe, spaces, rtl, per_cent, names, bound)

    def direction(self) -> str:
        return cldr.text_direction(self.labels)

    def image_url(self, image: Image) -> str:
        """The web page embeds images; the PDF engine reads a checked local file directly.

        A downloaded image is embedded in both, so the PDF engine never goes on the network.
        An SVG the PDF engine would fail to draw (a marker on a single point, see
        ``figures.svg_markers``) is embedded as it can be drawn.
        """
        if self.for_print and image.mime == MIME_TYPES[".svg"]:
            data = image.content()
            drawable = markers_placeable(data)
            if drawable is not data:
                return _data_uri(image, drawable)
        if self.for_print and image.path is not None:
            return image.path.as_uri()
        return _data_uri(image)

    def characters(self) -> frozenset[int]:
        """Every character the brief prints: its text, its labels and its date."""
        found: set[str] = set()
        _collect_text(self.brief.model_dump(mode="json"), found)
        _collect_text(self.labels.model_dump(mode="json"), found)
        found.add(self.date_text())
        # text-transform: uppercase makes capitals the text itself may not contain.
        characters = {ch for text in found for ch in text}
        cased = {variant for ch in characters for variant in (ch.upper(), ch.lower())}
        return frozenset(ord(ch) for text in characters | cased for ch in text)

    def font_families(self) -> tuple[list[str], list[str]]:
        """The body's and the headings' font families (keys of ``fonts.FAMILIES``), in
        stack order: the theme's fonts for each script the brief's text uses."""
        theme, characters = self.brief.theme, self.characters()
        scripts, language = theme.script_fonts(), self.brief.language
        heading_font = theme.heading_font or theme.font
        body = fonts.families_for(theme.font, scripts, language, characters)
        heading = fonts.families_for(heading_font, scripts, language, characters)
        return body, heading

    def theme_css(self) -> str:
        theme = self.brief.theme
        body_families, heading_families = self.font_families()
        body_font = fonts.font_stack(body_families, for_print=self.for_print)
        heading_font = fonts.font_stack(heading_families, for_print=self.for_print)
        css = [
            ":root {",
            f"  --primary: {theme.primary};",
            f"  --accent: {theme.accent};",
            f"  --body-font: {body_font};",
            f"  --heading-font: {heading_font};",
            "}",
        ]
        setting = self.typesetting
        type_size = [
            f"html {{ font-size: {setting.font_size_pt}pt; line-height: {setting.leading}; }}",
            f"h2 {{ margin-top: {0.9 * setting.spacing:.3f}em; }}",
            f"h3 {{ margin-top: {0.7 * setting.spacing:.3f}em; }}",
            f"p, ul, ol {{ margin-bottom: {0.5 * setting.spacing:.3f}em; }}",
        ]
        if self.for_print:
            characters = self.characters()
            faces = dict.fromkeys(body_families + heading_families)
            css += [font_face_css(name, characters) for name in faces]
            css += [
                fonts.FAMILIES[name].extra_css for name in faces if fonts.FAMILIES[name].extra_css
            ]
            css += type_size  # the page comes before print.css (see template_values)
        else:
            # A browser printing the web page gets the PDF's page, footer and type size.
            css += ["@media print {", self.page_css(), *type_size, "}"]
        return "\n".join(css)

    def page_css(self) -> str:
        """The printed page (see :mod:`briefgen.render.view.page_geometry`) with its footer."""
        series = f"{self.brief.organisation.acronym or ''} {self.typeset_series()}".strip()
        page_number = (
            f"{css_string(self.labels.page)} ' ' counter(page) ' '"
            f" {css_string(self.labels.page_of)} ' ' counter(pages)"
        )
        return page_geometry.page_css(
            self.brief.theme.paper,
            start_content=css_string(series),
            end_content=page_number,
            rtl=self.direction() == "rtl",
        )

    def picture_font(self) -> str:
        """The font list of drawn pictures (charts, maps): the brief's body font."""
        return fonts.font_stack(self.font_families()[0], for_print=self.for_print)

    def series(self) -> str:
        """The series label as the author typed it (Markdown keeps the author's marks)."""
        return to_plain(self.brief.series or self.labels.series)

    def typeset_series(self) -> str:
        """The series label in the language's typography: the masthead and the footer
        show typographic apostrophes and quotes, as the body does."""
        return Typesetter(self.typography()).piece(self.series())

    def template_values(self, css: str, print_css: str) -> dict[str, Any]:
        anchors = self.anchors()
        labels = self.labels
        resources = self.loaded.resources
        return {
            "brief": self.brief,
            "labels": labels,
            "meta": metadata(self.brief),
            "series": self.series(),
            "typeset_series": self.typeset_series(),
            "date_text": self.date_text(),
            "version": __version__,
            "heading": lambda section: section_heading(section, labels),
            "anchor": lambda section: anchors[id(section)],
            "images": {name: self.image_url(image) for name, image in resources.images.items()},
            "logo": self.image_url(resources.logo) if resources.logo else None,
            # Stylesheets come from template folders and validated theme values: trusted.
            "css": Markup(css + "\n" + self.theme_css()),
            # The generated page first: a template folder's print.css may change it.
            "print_css": Markup(self.page_css() + "\n" + print_css),
            "for_print": self.for_print,
            "direction": self.direction(),
            "typography": self.typography(),
            # Evidence blocks as plain values (see render/view/evidence.py).
            "references": self.references(),
            "block_view": lambda section: block_view(
                section, self.brief, labels, self.picture_font()
            ),
            "item_text": item_text,
            "item_id": item_id,
        }

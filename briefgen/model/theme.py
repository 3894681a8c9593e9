"""Branding and page settings: what an office changes without forking templates."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from briefgen.model.variants import PDF_VARIANTS as PDF_VARIANTS  # re-exported
from briefgen.model.variants import PdfVariant

Colour = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")]

WCAG_AA_TEXT = 4.5  # minimum contrast for body-size text (WCAG 2.x, 1.4.3)
WHITE = "#ffffff"
TINT = "#eef2f7"  # the quick facts and contact background in brief.css
MUTED = "#4a4f57"  # secondary text in brief.css and print.css

# Where the default theme sets text in each theme colour: (foreground, background, what).
# None stands for the theme colour itself.
COLOUR_USES: dict[str, tuple[tuple[str | None, str | None, str], ...]] = {
    "primary": (
        (WHITE, None, "the white masthead text on it"),
        (None, WHITE, "headings and links on white"),
        (None, TINT, "quick facts labels on the tinted box"),
    ),
    "accent": ((None, WHITE, "the evaluation type on white"),),
}

FontName = Literal["source-sans", "source-serif", "lato"]
ArabicFontName = Literal["amiri", "ibm-plex-sans-arabic"]
HanFontName = Literal["noto-sans-cjk-sc", "noto-serif-cjk-sc"]


class Theme(BaseModel):
    """Colours, logo, font and paper of the default theme."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    primary: Colour = "#0b3d6b"
    """Masthead, headings and links (#RRGGBB; WCAG AA contrast is checked)."""
    accent: Colour = "#b5121b"
    """Evaluation type, rules and bullets (#RRGGBB)."""
    logo: str | None = None
    """An SVG or PNG logo next to the brief, shown in the masthead."""
    font: FontName = "source-sans"
    """The text font: source-sans, source-serif or lato."""
    heading_font: FontName | None = None
    """The headings' font (default: the text font)."""
    arabic_font: ArabicFontName = "amiri"
    """The font for Arabic script: amiri (a Naskh) or ibm-plex-sans-arabic."""
    han_font: HanFontName = "noto-sans-cjk-sc"
    """The font for Chinese (Han) characters: noto-sans-cjk-sc or noto-serif-cjk-sc."""
    paper: Literal["a4", "letter"] = "a4"
    """The PDF's paper size (and the DOCX's, with the built-in look)."""
    docx_reference: str | None = None
    """A Word document next to the brief whose styles the DOCX uses (see --reference-docx)."""

    def script_fonts(self) -> dict[str, str]:
        """The font declared for each script beyond the text font's Latin, Cyrillic, Greek."""
        return {"arabic": self.arabic_font, "han": self.han_font}

    def all_fonts(self) -> list[str]:
        """Every font the theme declares: the brief's fonts, in the order they are tried."""
        latin = [self.font, self.heading_font or self.font]
        return list(dict.fromkeys([*latin, *self.script_fonts().values()]))

    @field_validator("primary", "accent")
    @classmethod
    def _readable(cls, value: str, info: ValidationInfo) -> str:
        """A brand colour must keep the text set in or on it readable (WCAG AA)."""
        return check_readable(info.field_name or "", value)


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio, 1..21, of two #rrggbb colours (order does not matter)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)))[::-1]
    return (lighter + 0.05) / (darker + 0.05)


def contrast_problem(key: str, colour: str) -> str:
    """Why ``colour`` fails AA for the text the theme sets with it ('' when it passes)."""
    for foreground, background, what in COLOUR_USES.get(key, ()):
        ratio = contrast_ratio(foreground or colour, background or colour)
        if ratio < WCAG_AA_TEXT:
            return (
                f"{colour} gives {what} a contrast of only {ratio:.1f}:1; "
                f"WCAG AA needs {WCAG_AA_TEXT}:1"
            )
    return ""


def check_readable(key: str, colour: str) -> str:
    """Refuse a theme colour that fails AA for the text set with it (code ``contrast``)."""
    problem = contrast_problem(key, colour)
    if problem:
        raise ValueError(f"contrast:{problem}")
    return colour


class Layout(BaseModel):
    """How much room the brief may take, and which PDF standard it meets."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    max_pages: Annotated[int, Field(ge=1, le=50)] = 2
    """The page budget: rendering fails (or --fit tightens) past it."""
    fit: bool = False
    """Tighten spacing, leading, then type size to stay within max_pages, and to close an
    empty area at a page's foot, as --fit does (for a translation that runs longer than
    its original)."""
    pdf_variant: PdfVariant = "pdf/ua-1"
    """The PDF standard to meet (pdf/ua-1 by default; pdf/a-3u for archives...)."""

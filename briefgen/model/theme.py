"""Branding and page settings: what an office changes without forking templates."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from briefgen.model.variants import PDF_VARIANTS as PDF_VARIANTS  # re-exported

Colour = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")]

FontName = Literal["source-sans", "source-serif", "lato"]

PdfVariant = Literal[
    "pdf/ua-1",
    "pdf/ua-2",
    "pdf/a-1b",
    "pdf/a-2b",
    "pdf/a-3b",
    "pdf/a-2u",
    "pdf/a-3u",
    "pdf/a-4u",
    "pdf/a-1a",
    "pdf/a-2a",
    "pdf/a-3a",
    "none",
]


class Theme(BaseModel):
    """Colours, logo, font and paper of the default theme."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    primary: Colour = "#0b3d6b"
    accent: Colour = "#b5121b"
    logo: str | None = None
    font: FontName = "source-sans"
    heading_font: FontName | None = None
    paper: Literal["a4", "letter"] = "a4"


class Layout(BaseModel):
    """How much room the brief may take, and which PDF standard it meets."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_pages: Annotated[int, Field(ge=1, le=50)] = 2
    pdf_variant: PdfVariant = "pdf/ua-1"

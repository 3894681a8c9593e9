"""A brief as loading hands it to rendering: the validated model, where it came from, and
the checked files it uses.

Loading (:func:`briefgen.loading.validate.load_brief`) builds these; every renderer reads
them. They live here, between the two stages, so that rendering never imports loading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.errors import Problem
from briefgen.model.brief import Brief

if TYPE_CHECKING:  # renderers only ask it for positions, to place their own errors
    from briefgen.model.source import SourceDocument

MIME_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg"}
MIME_TYPES[".jpeg"] = MIME_TYPES[".jpg"]


@dataclass(frozen=True)
class Image:
    """One checked image: a local file, or the bytes of a URL downloaded at load time."""

    source: str  # as written in the YAML
    mime: str  # image/png, image/jpeg or image/svg+xml
    path: Path | None = None  # the checked local file; None for a downloaded image
    data: bytes | None = field(default=None, repr=False)  # downloaded bytes

    def content(self) -> bytes:
        """The image's bytes (a local file is read now: it may have changed since loading)."""
        if self.data is not None:
            return self.data
        assert self.path is not None
        return self.path.read_bytes()


@dataclass(frozen=True)
class Resources:
    """Resolved, checked images and template folder of a brief."""

    folder: Path
    images: dict[str, Image] = field(default_factory=dict)  # as written in the YAML -> image
    logo: Image | None = None
    templates: Path | None = None
    docx_reference: Path | None = None  # the Word document whose styles the DOCX uses


@dataclass(frozen=True)
class LoadOptions:
    """Which images loading may use besides files in the brief's own folder.

    They change what loading accepts, never how a brief is rendered; see
    :mod:`briefgen.loading.resources`.
    """

    allow_remote_images: bool = False  # http(s) images: downloaded once, embedded
    allow_outside_files: bool = False  # images anywhere on this machine, file:// URLs
    allow_private_addresses: bool = False  # remote images from loopback, private... addresses


@dataclass(frozen=True)
class LoadedBrief:
    """A validated brief with where it came from and the files it refers to.

    ``options`` are those it was loaded with: its other languages are loaded alike.
    """

    path: Path
    brief: Brief
    source: SourceDocument
    resources: Resources
    warnings: tuple[Problem, ...] = ()  # likely mistakes that do not stop a render
    options: LoadOptions = field(default_factory=LoadOptions)

    @property
    def stem(self) -> str:
        """Output files' name: ``brief``, or ``brief.fr`` for a brief in several languages."""
        if self.brief.languages:
            return f"{self.path.stem}.{self.brief.language}"
        return self.path.stem

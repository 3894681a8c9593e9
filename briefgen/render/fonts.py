"""Fonts shipped by Python packages, declared with private family names.

Fonts come from pip-installed packages, never from the machine: a private family name
(``briefgen Source Sans``) cannot be matched to a system font by fontconfig, so a missing
file fails loudly instead of falling back to whatever the machine has.
"""

from __future__ import annotations

import base64
import importlib.util
import io
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from briefgen.errors import BriefError


@dataclass(frozen=True)
class FontFace:
    weight: int
    style: str
    file: str


@dataclass(frozen=True)
class FontFamily:
    css_name: str
    package: str
    faces: tuple[FontFace, ...]
    fallback: str  # for browsers showing the HTML

    def folder(self) -> Path:
        spec = importlib.util.find_spec(self.package)
        if spec is None or not spec.submodule_search_locations:
            raise BriefError.single(
                f"the font package '{self.package}' is not installed",
                hint=f"pip install {self.package.replace('_', '-')}",
            )
        return Path(next(iter(spec.submodule_search_locations))) / "files"


FAMILIES: dict[str, FontFamily] = {
    "source-sans": FontFamily(
        "briefgen Source Sans",
        "font_source_sans_pro",
        (
            FontFace(400, "normal", "SourceSansPro-Regular.ttf"),
            FontFace(400, "italic", "SourceSansPro-It.ttf"),
            FontFace(600, "normal", "SourceSansPro-Semibold.ttf"),
            FontFace(700, "normal", "SourceSansPro-Bold.ttf"),
            FontFace(700, "italic", "SourceSansPro-BoldIt.ttf"),
        ),
        '"Source Sans Pro", "Source Sans 3", "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
    ),
    "source-serif": FontFamily(
        "briefgen Source Serif",
        "font_source_serif_pro",
        (
            FontFace(400, "normal", "SourceSerifPro-Regular.ttf"),
            FontFace(400, "italic", "SourceSerifPro-It.ttf"),
            FontFace(600, "normal", "SourceSerifPro-Semibold.ttf"),
            FontFace(700, "normal", "SourceSerifPro-Bold.ttf"),
            FontFace(700, "italic", "SourceSerifPro-BoldIt.ttf"),
        ),
        '"Source Serif Pro", "Source Serif 4", Georgia, Cambria, serif',
    ),
    "lato": FontFamily(
        "briefgen Lato",
        "font_lato",
        (
            FontFace(400, "normal", "Lato-Regular.ttf"),
            FontFace(400, "italic", "Lato-Italic.ttf"),
            FontFace(700, "normal", "Lato-Bold.ttf"),
            FontFace(700, "italic", "Lato-BoldItalic.ttf"),
        ),
        'Lato, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
    ),
}


@cache
def font_files(name: str) -> tuple[tuple[FontFace, Path], ...]:
    """Every face of a family with its file; a missing file is a clear error."""
    family = FAMILIES[name]
    folder = family.folder()
    found = []
    for face in family.faces:
        path = folder / face.file
        if not path.is_file():
            raise BriefError.single(
                f"font file {path} is missing",
                hint=f"reinstall it: pip install --force-reinstall {family.package}",
            )
        found.append((face, path))
    return tuple(found)


def font_face_css(name: str) -> str:
    """``@font-face`` rules pointing at the package's files (for the PDF engine)."""
    family = FAMILIES[name]
    rules = [
        f'@font-face {{ font-family: "{family.css_name}"; font-weight: {face.weight}; '
        f'font-style: {face.style}; src: url("{path.as_uri()}"); }}'
        for face, path in font_files(name)
    ]
    return "\n".join(rules)


def font_stack(name: str, *, for_print: bool) -> str:
    """The CSS font-family value: only our private family in print; on screen the same
    family (embedded by :func:`web_font_css`), then fallbacks while it loads."""
    family = FAMILIES[name]
    if for_print:
        return f'"{family.css_name}"'
    return f'"{family.css_name}", {family.fallback}'


# Characters every page may show beyond its text: digits and the words of the printed
# footer ("Page 1 / 2"), and the hyphen that automatic hyphenation adds.
_ALWAYS = "0123456789 /-\u2010.,:;()"


@cache
def _woff2_subset(path: Path, characters: str) -> bytes:
    """The font reduced to ``characters``, as WOFF2 (fontTools; no timestamp written)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    # OpenType layout tables (kerning pairs, ligatures) are left out: reading them costs
    # fontTools ~0.3 s a face, and the glyphs themselves are what makes the page look
    # like the PDF. Names and the licence notice stay.
    options.drop_tables += ["GSUB", "GPOS", "GDEF"]
    options.layout_features = []
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]
    options.name_languages = [0x409]
    font = TTFont(path, recalcTimestamp=False, lazy=True)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    font.flavor = "woff2"  # the subsetter's own option only applies to its command line
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def web_font_css(names: Collection[str], text: str, *, italic: bool, bold_italic: bool) -> str:
    """``@font-face`` rules embedding the families as subset WOFF2 data: URLs.

    Only the characters of ``text`` (in upper and lower case, since headings are
    uppercased by CSS) are kept, and italic faces only when the page sets italic text,
    so the page stays self-contained and small.
    """
    characters = "".join(sorted(set(text) | set(text.upper()) | set(text.lower()) | set(_ALWAYS)))
    rules = []
    for name in sorted(names):
        family = FAMILIES[name]
        for face, path in font_files(name):
            if face.style == "italic" and not (bold_italic if face.weight >= 600 else italic):
                continue
            data = base64.b64encode(_woff2_subset(path, characters)).decode("ascii")
            rules.append(
                f'@font-face {{ font-family: "{family.css_name}"; font-weight: {face.weight}; '
                f"font-style: {face.style}; font-display: swap; "
                f'src: url("data:font/woff2;base64,{data}") format("woff2"); }}'
            )
    return "\n".join(rules)

"""The brief's fonts: one family per script, from packages, declared with private names.

Fonts come from installed packages, never from whatever the machine has: Latin, Cyrillic
and Greek from the theme's text font (a ``fontpkg-*`` wheel), Arabic from IBM Plex Sans
Arabic (a ``fontpkg-*`` wheel too), Han from Debian's ``fonts-noto-cjk`` loaded by file
path. Each gets a private family name (``briefgen Source Sans``) that fontconfig cannot
match to a system font, and :mod:`briefgen.loading.glyphs` refuses any character none of
them draws, so a missing glyph is an error, never a box or a machine font.

Everything here is data (:data:`FAMILIES`) so that every output (the PDF's ``@font-face``
rules, the web page's embedded fonts) picks up whichever fonts a brief uses from
:func:`families_for`.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from briefgen.errors import BriefError

SCRIPT_OF_LANGUAGE: dict[str, str] = {"ar": "arabic", "zh": "han"}
"""A language whose script is not Latin (or Cyrillic, Greek: the Latin fonts cover them)."""


@dataclass(frozen=True)
class FontFace:
    weight: int
    style: str
    file: str
    index: int = 0  # the face inside a font collection (.ttc)


@dataclass(frozen=True)
class FontFamily:
    """A font family and where its files come from.

    ``package`` is a pip package (its files in ``<package>/files``) or, with
    ``system_folder``, the Debian package that installs the files there.
    """

    name: str  # what a person calls it, in messages
    css_name: str  # private: no system font has this name
    package: str
    faces: tuple[FontFace, ...]
    fallback: str  # for browsers showing the HTML
    system_folder: str | None = None
    # The Unicode blocks the family is there for (a script's font), to name it when it is
    # missing; empty for the text fonts, which are always installed with briefgen.
    blocks: tuple[tuple[int, int], ...] = ()
    extra_css: str = ""  # rules a family needs wherever it is used

    def is_for(self, code_point: int) -> bool:
        return any(first <= code_point <= last for first, last in self.blocks)

    def folder(self) -> Path:
        if self.system_folder is not None:
            return Path(self.system_folder)
        spec = importlib.util.find_spec(self.package)
        if spec is None or not spec.submodule_search_locations:
            raise BriefError.single(
                f"the font package '{self.package}' is not installed ({self.name})",
                hint=f"pip install {self.package.replace('_', '-')}",
            )
        return Path(next(iter(spec.submodule_search_locations))) / "files"

    def install_hint(self) -> str:
        if self.system_folder is not None:
            return (
                f"install Debian's {self.package} (scripts/install-system-deps.sh does), "
                f"or an equivalent that puts {self.faces[0].file} in {self.system_folder}"
            )
        return f"pip install --force-reinstall {self.package.replace('_', '-')}"


_SOURCE_SANS = "fontpkg_source_sans_3"
_SOURCE_SERIF = "fontpkg_source_serif_4"
_NOTO_CJK = "/usr/share/fonts/opentype/noto"
Blocks = tuple[tuple[int, int], ...]
_ARABIC_BLOCKS: Blocks = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF))
_ARABIC_BLOCKS += ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
_HAN_BLOCKS: Blocks = ((0x2E80, 0x2FDF), (0x3000, 0x303F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF))
_HAN_BLOCKS += ((0xF900, 0xFAFF), (0xFF00, 0xFFEF), (0x20000, 0x3FFFF))
_CJK_FALLBACK = '"Noto Sans SC", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif'

FAMILIES: dict[str, FontFamily] = {
    # Source Sans 3 and Source Serif 4 are variable fonts: one file serves every weight.
    "source-sans": FontFamily(
        "Source Sans 3",
        "briefgen Source Sans",
        _SOURCE_SANS,
        (
            FontFace(400, "normal", "SourceSans3[wght].ttf"),
            FontFace(400, "italic", "SourceSans3-Italic[wght].ttf"),
            FontFace(600, "normal", "SourceSans3[wght].ttf"),
            FontFace(700, "normal", "SourceSans3[wght].ttf"),
            FontFace(700, "italic", "SourceSans3-Italic[wght].ttf"),
        ),
        '"Source Sans 3", "Source Sans Pro", "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
    ),
    "source-serif": FontFamily(
        "Source Serif 4",
        "briefgen Source Serif",
        _SOURCE_SERIF,
        (
            FontFace(400, "normal", "SourceSerif4[opsz,wght].ttf"),
            FontFace(400, "italic", "SourceSerif4-Italic[opsz,wght].ttf"),
            FontFace(600, "normal", "SourceSerif4[opsz,wght].ttf"),
            FontFace(700, "normal", "SourceSerif4[opsz,wght].ttf"),
            FontFace(700, "italic", "SourceSerif4-Italic[opsz,wght].ttf"),
        ),
        '"Source Serif 4", "Source Serif Pro", Georgia, Cambria, serif',
    ),
    "lato": FontFamily(
        "Lato",
        "briefgen Lato",
        "fontpkg_lato",
        (
            FontFace(400, "normal", "Lato-Regular.ttf"),
            FontFace(400, "italic", "Lato-Italic.ttf"),
            FontFace(600, "normal", "Lato-SemiBold.ttf"),
            FontFace(700, "normal", "Lato-Bold.ttf"),
            FontFace(700, "italic", "Lato-BoldItalic.ttf"),
        ),
        'Lato, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
    ),
    # Amiri, a Naskh like the UN's Arabic documents use, is the default: text copied or
    # extracted from its PDFs comes back right (measured with PDFium and poppler), where
    # Noto Sans Arabic shares dotless glyphs between letters (31 of 37 test words came
    # back wrong) and IBM Plex Sans Arabic's contextual forms scramble 17 of 37.
    "amiri": FontFamily(
        "Amiri",
        "briefgen Amiri",
        "fontpkg_amiri",
        (
            FontFace(400, "normal", "Amiri-Regular.ttf"),
            FontFace(400, "italic", "Amiri-Italic.ttf"),
            FontFace(600, "normal", "Amiri-Bold.ttf"),
            FontFace(700, "normal", "Amiri-Bold.ttf"),
            FontFace(700, "italic", "Amiri-BoldItalic.ttf"),
        ),
        'Amiri, "Noto Naskh Arabic", "Traditional Arabic", serif',
        blocks=_ARABIC_BLOCKS,
        # Amiri's stacked ligatures (م over ج in البرنامجين) come back from the PDF with
        # letters doubled (البرنامججين); without them the text copies right and lam-alef
        # is still joined (Amiri does not make it with rlig).
        extra_css=':lang(ar) { font-feature-settings: "rlig" 0; }',
    ),
    "ibm-plex-sans-arabic": FontFamily(
        "IBM Plex Sans Arabic",
        "briefgen IBM Plex Sans Arabic",
        "fontpkg_ibm_plex_sans_arabic",
        (
            FontFace(400, "normal", "IBMPlexSansArabic-Regular.ttf"),
            FontFace(600, "normal", "IBMPlexSansArabic-SemiBold.ttf"),
            FontFace(700, "normal", "IBMPlexSansArabic-Bold.ttf"),
        ),
        '"IBM Plex Sans Arabic", "Noto Naskh Arabic", Tahoma, sans-serif',
        blocks=_ARABIC_BLOCKS,
    ),
    # Index 2 of Noto's collections is the Simplified Chinese face (0 is Japanese).
    "noto-sans-cjk-sc": FontFamily(
        "Noto Sans CJK SC",
        "briefgen Noto Sans CJK SC",
        "fonts-noto-cjk",
        (
            FontFace(400, "normal", "NotoSansCJK-Regular.ttc", index=2),
            FontFace(700, "normal", "NotoSansCJK-Bold.ttc", index=2),
        ),
        _CJK_FALLBACK,
        system_folder=_NOTO_CJK,
        blocks=_HAN_BLOCKS,
    ),
    "noto-serif-cjk-sc": FontFamily(
        "Noto Serif CJK SC",
        "briefgen Noto Serif CJK SC",
        "fonts-noto-cjk",
        (
            FontFace(400, "normal", "NotoSerifCJK-Regular.ttc", index=2),
            FontFace(700, "normal", "NotoSerifCJK-Bold.ttc", index=2),
        ),
        '"Noto Serif SC", "Noto Serif CJK SC", "Songti SC", SimSun, serif',
        system_folder=_NOTO_CJK,
        blocks=_HAN_BLOCKS,
    ),
}


def missing_family(name: str) -> str:
    """Why a family cannot be used here ('' when its files are all in place)."""
    family = FAMILIES[name]
    try:
        folder = family.folder()
    except BriefError as error:
        return str(error)
    for face in family.faces:
        if not (folder / face.file).is_file():
            return f"{family.name}: {folder / face.file} is missing ({family.install_hint()})"
    return ""


@cache
def font_files(name: str) -> tuple[tuple[FontFace, Path], ...]:
    """Every face of a family with its file; a missing file is a clear error."""
    family = FAMILIES[name]
    problem = missing_family(name)
    if problem:
        raise BriefError.single(problem, hint=family.install_hint())
    folder = family.folder()
    return tuple((face, folder / face.file) for face in family.faces)


@cache
def coverage(name: str) -> frozenset[int]:
    """The code points the family's regular face has a glyph for."""
    import uharfbuzz

    face, path = font_files(name)[0]
    return frozenset(uharfbuzz.Face(uharfbuzz.Blob.from_file_path(path), face.index).unicodes)


def families_for(
    latin: str, script_fonts: Mapping[str, str], language: str, characters: Iterable[int]
) -> list[str]:
    """The families a text needs, in font-stack order.

    The language's own script comes first (Arabic text keeps Plex's Latin and digits
    beside it; Chinese gets CJK punctuation), then the Latin family, then any other
    script's family that the text uses. A family no character needs is left out.
    """
    own = SCRIPT_OF_LANGUAGE.get(language.split("-")[0])
    order = [script_fonts[own]] if own and own in script_fonts else []
    order += [latin] + [name for name in script_fonts.values() if name not in order]
    needed = set(order[:1]) | {latin}
    pending = set(characters)
    for name in order:
        if not pending:
            break
        if missing_family(name):
            continue  # the glyph check has reported the characters this leaves out
        drawn = pending & coverage(name)
        if drawn:
            needed.add(name)
            pending -= drawn
    return [name for name in order if name in needed]


def font_stack(names: list[str], *, for_print: bool) -> str:
    """The CSS font-family value: only our private families in print; on screen the same
    families (embedded by :func:`web_font_css`), then their usual names while they load.

    The generic family goes last only, so that it cannot catch a character before the
    next script's fonts are tried.
    """
    private = [f'"{FAMILIES[name].css_name}"' for name in names]
    if for_print:
        return ", ".join(private)
    generic = {"serif", "sans-serif", "monospace"}
    fallbacks = [part.strip() for name in names for part in FAMILIES[name].fallback.split(",")]
    last = FAMILIES[names[0]].fallback.split(",")[-1].strip()
    named = dict.fromkeys(f for f in fallbacks if f not in generic)
    return ", ".join([*private, *named, last])

"""The brief's fonts as outputs carry them: subsets for the PDF engine, WOFF2 for the web page.

Which families exist and which characters each draws is the catalogue, :mod:`briefgen.fonts`;
this module cuts those files down to the characters a brief uses (HarfBuzz) and writes the
``@font-face`` rules that embed them.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Collection
from functools import cache, lru_cache

from briefgen.fonts import FAMILIES, FontFace, font_files

# Characters the templates and typography may add to the brief's own text.
_ADDED_BY_BRIEFGEN = frozenset(
    [*range(0x20, 0x7F), *range(0xA0, 0x100), *range(0x2000, 0x2070), *range(0x3000, 0x3040)]
).union(range(0xFF01, 0xFF5F))


@lru_cache(maxsize=64)
def subset_face(
    name: str, face_number: int, code_points: frozenset[int], *, exact: bool = False
) -> bytes:
    """One face cut down to ``code_points`` and, for a variable font, pinned at the face's
    weight: a small static font (HarfBuzz, milliseconds).

    The PDF engine then copies kilobytes instead of a 20 MB CJK collection, gets the
    right face of a collection, and never instantiates a variable font itself (fontTools:
    about 0.2 s a face).
    """
    import uharfbuzz

    face, path = font_files(name)[face_number]
    source = uharfbuzz.Face(uharfbuzz.Blob.from_file_path(path), face.index)
    wanted = uharfbuzz.SubsetInput()
    # The PDF's text is known only roughly here (typography and labels add characters);
    # the web page's is known exactly (``exact``), and every glyph it carries is download.
    for code_point in sorted(code_points if exact else code_points | _ADDED_BY_BRIEFGEN):
        wanted.unicode_set.add(code_point)
    wanted.flags = uharfbuzz.SubsetFlags.NOTDEF_OUTLINE
    if source.has_var_data:
        wanted.pin_all_axes_to_default(source)
        wanted.pin_axis_location(source, "wght", face.weight)
    return bytes(uharfbuzz.subset(source, wanted).blob.data)


def font_sources(name: str, characters: frozenset[int]) -> list[tuple[FontFace, str]]:
    """Each face as a ``data:`` URL of its subset for ``characters`` (the brief's text)."""
    sources = []
    for number, (face, _) in enumerate(font_files(name)):
        encoded = base64.b64encode(subset_face(name, number, characters)).decode("ascii")
        sources.append((face, f"data:font/sfnt;base64,{encoded}"))
    return sources


def font_face_css(name: str, characters: frozenset[int] = frozenset()) -> str:
    """``@font-face`` rules for the PDF engine: the brief's subset of each face."""
    family = FAMILIES[name]
    rules = [
        f'@font-face {{ font-family: "{family.css_name}"; font-weight: {face.weight}; '
        f'font-style: {face.style}; src: url("{url}"); }}'
        for face, url in font_sources(name, characters)
    ]
    return "\n".join(rules)


# Characters every page may show beyond its text: digits and the words of the printed
# footer ("Page 1 / 2"), and the hyphen that automatic hyphenation adds.
_ALWAYS = "0123456789 /-\u2010.,:;()"


@cache
def _woff2(name: str, face_number: int, code_points: frozenset[int]) -> bytes:
    """A face reduced to ``code_points`` (HarfBuzz: the right face of a collection, a
    variable font pinned to the face's weight) and compressed as WOFF2 by fontTools."""
    from fontTools.ttLib import TTFont

    subset = subset_face(name, face_number, code_points, exact=True)
    font = TTFont(io.BytesIO(subset), recalcTimestamp=False)
    font.flavor = "woff2"
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def web_font_css(names: Collection[str], text: str, *, italic: bool, bold_italic: bool) -> str:
    """``@font-face`` rules embedding the families as subset WOFF2 data: URLs.

    Only the characters of ``text`` (in upper and lower case, since headings are
    uppercased by CSS) are kept, and italic faces only when the page sets italic text,
    so the page stays self-contained and small.
    """
    characters = set(text) | set(text.upper()) | set(text.lower()) | set(_ALWAYS)
    code_points = frozenset(ord(ch) for ch in characters)
    rules = []
    for name in sorted(names):
        family = FAMILIES[name]
        for number, (face, _) in enumerate(font_files(name)):
            if face.style == "italic" and not (bold_italic if face.weight >= 600 else italic):
                continue
            data = base64.b64encode(_woff2(name, number, code_points)).decode("ascii")
            rules.append(
                f'@font-face {{ font-family: "{family.css_name}"; font-weight: {face.weight}; '
                f"font-style: {face.style}; font-display: swap; "
                f'src: url("data:font/woff2;base64,{data}") format("woff2"); }}'
            )
    return "\n".join(rules)

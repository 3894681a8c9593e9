"""Pictures Word can place: PNG and JPEG as they are, SVG drawn as a PNG.

Word 2013 and LibreOffice cannot all show SVG, so an SVG figure or logo becomes a PNG
drawn by cairosvg in its safe mode (no XML entities, no external files or URLs). The
bitmap's size is bounded whatever the SVG claims.
"""

from __future__ import annotations

import re

from briefgen.model.loaded import MIME_TYPES, Image

SVG_RASTER_WIDTH_PX = 1600  # SVG figures become PNGs this wide (Word 2013 and LibreOffice
# cannot all show SVG); about 300 dpi across a text column
SVG_RASTER_MAX_HEIGHT_PX = 4000  # so a tall SVG cannot ask for a huge bitmap
_CSS_PX = {"": 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54}
_CSS_PX |= {"in": 96.0, "em": 16.0, "ex": 8.0}
_LENGTH = re.compile(r"^\s*([0-9.eE+-]+)\s*([a-z]*)\s*$")


def _svg_aspect(data: bytes) -> float | None:
    """Height over width of an SVG, from its width and height or its viewBox, if known."""
    from xml.etree import ElementTree

    root = ElementTree.fromstring(data)  # well-formed: checked when the brief was loaded

    def length(value: str | None) -> float | None:
        match = _LENGTH.match(value or "")
        if not match or match.group(2) not in _CSS_PX:
            return None
        try:
            return float(match.group(1)) * _CSS_PX[match.group(2)]
        except ValueError:
            return None

    width, height = length(root.get("width")), length(root.get("height"))
    if not (width and height):
        box = (root.get("viewBox") or "").replace(",", " ").split()
        try:
            width, height = (float(box[2]), float(box[3])) if len(box) == 4 else (None, None)
        except ValueError:
            return None
    return height / width if width and height and width > 0 and height > 0 else None


def _raster_width(data: bytes) -> int:
    """The PNG width for an SVG: 1600 px, less for a tall one (at most 4000 px high)."""
    aspect = _svg_aspect(data)
    if aspect is None:
        return SVG_RASTER_WIDTH_PX
    return max(1, min(SVG_RASTER_WIDTH_PX, int(SVG_RASTER_MAX_HEIGHT_PX / aspect)))


class PictureError(ValueError):
    """The image cannot be drawn (the renderer's reason is the message)."""


def placeable_bytes(image: Image) -> bytes:
    """PNG or JPEG bytes for the image; an SVG is drawn to a PNG without any fetching."""
    data = image.content()
    if image.mime != MIME_TYPES[".svg"]:
        return data
    import cairosvg

    try:
        # unsafe=False (the default): no entities, no external files or URLs.
        png: bytes = cairosvg.svg2png(bytestring=data, output_width=_raster_width(data))
    except Exception as error:  # cairosvg has no error type of its own for bad input
        raise PictureError(str(error)) from None
    return png

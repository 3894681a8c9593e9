"""Pictures Word can place: PNG and JPEG as they are (re-encoded when python-docx cannot
read their size), SVG drawn as a PNG.

Word 2013 and LibreOffice cannot all show SVG, so an SVG figure or logo becomes a PNG
drawn by cairosvg in its safe mode (no XML entities, no external files or URLs). The
bitmap's size is bounded whatever the SVG claims.
"""

from __future__ import annotations

import io
import re
from typing import Any

from briefgen.model.loaded import MIME_TYPES, Image
from briefgen.render.figures.svg_markers import markers_placeable

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
        return _word_readable(data)
    import cairosvg

    data = markers_placeable(data)  # no marker on a single point, none of size 0
    # unsafe=False (the default): no entities, no external files or URLs. What the PDF
    # draws, cairosvg may not: an SVG without a size (the PDF gives it the column's), or
    # a marker it cannot place (a zero-sized one, one on a path of a single point). Each
    # is tried again as the PDF would show it at worst: sized by its container, then
    # without its markers; only then is it an error.
    width = _raster_width(data)
    sized_by_parent = {"parent_width": width, "parent_height": width * 3 // 4}
    unmarked = _without_markers(data)
    tries: list[dict[str, Any]] = [{"bytestring": data}, {"bytestring": unmarked}]
    if _relative_size(data):
        tries += [
            {"bytestring": data, **sized_by_parent},
            {"bytestring": unmarked, **sized_by_parent},
        ]
    first: Exception | None = None
    for arguments in tries:
        try:
            png: bytes = cairosvg.svg2png(output_width=width, **arguments)
            return png
        except Exception as error:  # cairosvg has no error type of its own for bad input
            first = first or error
    raise PictureError(str(first)) from None


def _relative_size(data: bytes) -> bool:
    """Whether the SVG leaves its size to its container: no width or height, or per cent."""
    from xml.etree import ElementTree

    root = ElementTree.fromstring(data)
    return all((root.get(name) or "%").strip().endswith("%") for name in ("width", "height"))


def _without_markers(data: bytes) -> bytes:
    """The SVG with its markers (arrow heads, dots on lines) no longer drawn."""
    from xml.etree import ElementTree

    ElementTree.register_namespace("", "http://www.w3.org/2000/svg")
    ElementTree.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    root = ElementTree.fromstring(data)  # well-formed: checked when the brief was loaded
    for element in root.iter():
        for name in ("marker", "marker-start", "marker-mid", "marker-end"):
            element.attrib.pop(name, None)
        style = element.get("style")
        if style is not None:
            element.set("style", re.sub(r"marker(?:-\w+)?\s*:[^;]*;?", "", style))
    return ElementTree.tostring(root)


def _word_readable(data: bytes) -> bytes:
    """A PNG or JPEG python-docx can read the size of: as it is, or re-encoded.

    python-docx reads a JPEG's size from its JFIF or Exif segment; a JPEG with neither (a
    CMYK one from a print workflow, a stripped one) crashed the DOCX. Such a file was
    decoded in full when the brief was loaded, so Pillow can write it again (RGB, JFIF).
    """
    from docx.image.image import Image as DocxImage

    try:
        DocxImage.from_blob(data)
        return data
    except Exception:  # python-docx's UnrecognizedImageError and its parsing errors
        pass
    from PIL import Image as PillowImage

    with PillowImage.open(io.BytesIO(data)) as picture:
        picture.load()
        is_jpeg = picture.format == "JPEG"
        converted = picture.convert("RGB" if is_jpeg else "RGBA")
        dpi = picture.info.get("dpi")
    output = io.BytesIO()
    extra = {"dpi": dpi} if dpi else {}
    if is_jpeg:
        converted.save(output, "JPEG", quality=92, **extra)
    else:
        converted.save(output, "PNG", **extra)
    return output.getvalue()

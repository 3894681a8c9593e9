"""Page images from the PDF: one PNG per page, and a small first-page thumbnail.

Rasterised with PDFium through pypdfium2, whose wheel carries the library: nothing to
install on the system, the same pixels on a laptop and a CI runner. Drawn from the PDF
briefgen writes, so an image shows exactly the pages a reader gets. pypdfium2 is imported
here only, when an image is asked for.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.Image import Image

POINTS_PER_INCH = 72
DEFAULT_DPI = 150
MIN_DPI, MAX_DPI = 20, 600  # below 20 nothing is legible; above 600 a page is > 100 MB raw
THUMBNAIL_WIDTH = 400  # pixels: a card in a listing, a social preview's side


PNG_COMPRESS_LEVEL = 3
"""zlib level: on the reference brief's pages, level 3 wrote 547 KB in 0.15 s a page at
150 dpi where the default (6) wrote 614 KB in 0.29 s and ``optimize`` 537 KB in 1.1 s."""


def _encode(image: Image, dpi: float) -> bytes:
    """PNG bytes with the resolution recorded; no time stamp, so renders are reproducible."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(dpi, dpi), compress_level=PNG_COMPRESS_LEVEL)
    return buffer.getvalue()


def page_images(pdf: bytes, dpi: int = DEFAULT_DPI) -> list[bytes]:
    """Every page of ``pdf`` as a PNG at ``dpi`` dots per inch, in page order."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        images = []
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=dpi / POINTS_PER_INCH)
            images.append(_encode(bitmap.to_pil(), dpi))
            page.close()
        return images
    finally:
        document.close()


def thumbnail(pdf: bytes, width: int = THUMBNAIL_WIDTH) -> bytes:
    """The first page of ``pdf`` as a PNG ``width`` pixels wide (height as the page's)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        page_width_points = page.get_width()
        bitmap = page.render(scale=width / page_width_points)
        dpi = width / page_width_points * POINTS_PER_INCH
        image = bitmap.to_pil()
        page.close()
        return _encode(image, round(dpi))
    finally:
        document.close()

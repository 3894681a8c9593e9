"""The PDF standards briefgen can write; a module of its own so the CLI's --help can name
them without importing pydantic (see :mod:`briefgen.model.theme`)."""

from typing import Literal, get_args

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
PDF_VARIANTS: tuple[str, ...] = get_args(PdfVariant)

"""What ``pdffonts`` says about a PDF: every font must be one of briefgen's packaged ones."""

from __future__ import annotations

import subprocess
from pathlib import Path

from briefgen.fonts import FAMILIES

PACKAGED_NAMES = tuple(family.css_name.replace(" ", "-") for family in FAMILIES.values())


def pdf_font_names(pdf: Path) -> list[str]:
    """The base names (subset tag dropped) of the fonts embedded in ``pdf``, asserting each
    is embedded and subset."""
    listing = subprocess.run(
        ["pdffonts", str(pdf)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    names = []
    for line in listing:
        assert " yes yes " in line, f"not embedded and subset: {line}"
        names.append(line.split()[0].split("+", 1)[-1])
    return names


def assert_only_packaged_fonts(pdf: Path) -> list[str]:
    names = pdf_font_names(pdf)
    assert names, f"{pdf}: no fonts listed"
    strays = [name for name in names if not name.startswith(PACKAGED_NAMES)]
    assert not strays, f"{pdf}: fonts that are not briefgen's packaged ones: {strays}"
    return names

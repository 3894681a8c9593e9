"""CSS values written from a brief's text, which must stay data inside the stylesheet.

The page footer prints the series and the "Page … of …" labels through CSS ``content:``;
a quote, brace, semicolon, backslash or line break left as it is would end the string or
the rule and let a ``series:`` value restyle (or hide) the whole PDF.
"""

from __future__ import annotations

import re

_ESCAPED = re.compile(r"[^\w .,:/()&'-]")
"""Everything but letters, digits and a few marks that mean nothing inside a string."""


def _hex_escape(match: re.Match[str]) -> str:
    # The space ends the escape, so a letter or digit after it is not read as hex.
    return f"\\{ord(match.group()):x} "


def css_string(text: str) -> str:
    """``text`` as a double-quoted CSS string literal that no text can break out of.

    Letters, digits and a few harmless marks stay readable; every other character is a
    hex escape (``"`` becomes ``\\22``), which the CSS parser reads back as the character.
    """
    return f'"{_ESCAPED.sub(_hex_escape, text)}"'

"""Each language's typography for the PDF and the web page: quotation marks, apostrophes,
the no-break spaces French sets before ; : ! ?, and web addresses that break only after
``/`` and ``.``.

Authors type straight quotes on any keyboard; a publications editor expects “…” and ’ in
English, « … » with narrow no-break spaces in French, « … » in Spanish and Russian, “…”
in Chinese. The rules are data in each language's label file (``quotes``,
``apostrophe``, ``space_before``). Markdown keeps the author's characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape

OPENING_CONTEXT = frozenset(" \t\n([{\u00a0\u202f\u2014\u2013/-") | {""}
"""What may stand before an opening quote: nothing, a space, an opening bracket, a dash."""

_SPACES_BEFORE = re.compile(r"[ \u00a0\u202f]*([;:!?])(?=[\s\"'»)\]]|$)")
_GUILLEMET_SPACES = re.compile(r"«[ \u00a0\u202f]*|[ \u00a0\u202f]*»")


@dataclass(frozen=True)
class Typography:
    """A language's marks: ``quotes`` = opening, closing, inner opening, inner closing."""

    quotes: tuple[str, str, str, str] = ("\u201c", "\u201d", "\u2018", "\u2019")
    apostrophe: str = "\u2019"
    space_before: dict[str, str] = field(default_factory=dict)  # French: {";": "\u202f"}
    right_to_left: bool = False  # Arabic: addresses and numbers are isolated (bidi)

    def __hash__(self) -> int:
        spaces = tuple(sorted(self.space_before.items()))
        return hash((self.quotes, self.apostrophe, spaces, self.right_to_left))


@dataclass
class Typesetter:
    """Applies a language's typography to the successive pieces of one text.

    Stateful because inline Markdown splits a text into pieces ("**bold**" between
    quotes): whether a quote opens or closes depends on the piece before.
    """

    typography: Typography
    previous: str = ""  # the last character set so far
    open_quotes: list[str] = field(default_factory=list)

    def piece(self, text: str) -> str:
        out: list[str] = []
        for index, character in enumerate(text):
            following = text[index + 1] if index + 1 < len(text) else ""
            if character == '"':
                character = self._double(following)
            elif character == "'":
                character = self._single(following)
            out.append(character)
            self.previous = character[-1]
        return self._spaces("".join(out))

    def _double(self, following: str) -> str:
        """A typed " closes the quote that is open, else opens one: Chinese has no space
        before a quote to tell them apart."""
        if '"' in self.open_quotes:
            while self.open_quotes.pop() != '"':
                pass
            return self.typography.quotes[1]
        self.open_quotes.append('"')
        return self.typography.quotes[0]

    def _single(self, following: str) -> str:
        inner_open = bool(self.open_quotes) and self.open_quotes[-1] == "'"
        if self.previous.isalnum() and following.isalpha():
            return self.typography.apostrophe  # l'évaluation, don't
        if self.previous in OPENING_CONTEXT or self.previous == self.typography.quotes[0]:
            self.open_quotes.append("'")
            return self.typography.quotes[2]
        if inner_open:
            self.open_quotes.pop()
            return self.typography.quotes[3]
        return self.typography.apostrophe  # the programmes' purposes

    def _spaces(self, text: str) -> str:
        space = self.typography.space_before
        if not space:
            return text
        text = _SPACES_BEFORE.sub(lambda m: space.get(m.group(1), "") + m.group(1), text)
        inner = space.get("«", "")
        if inner:
            text = _GUILLEMET_SPACES.sub(
                lambda m: "«" + inner if m.group(0).startswith("«") else inner + "»", text
            )
        return text


ZERO_WIDTH_SPACE = "\u200b"  # a break opportunity
WORD_JOINER = "\u2060"  # no break here


def breakable_url(url: str, *, isolate: bool = False) -> Markup:
    """A web address that may break after ``/`` and ``.`` only, never at its hyphens.

    Invisible characters, not markup: a zero-width space after each ``.`` and ``/`` (a
    break opportunity) and a word joiner after each hyphen (none there: a reader would
    take it for hyphenation). Markup inside the link (``<span>``, ``<wbr>``) would split
    it into several boxes, which the PDF then tags as spans instead of one Link. Neither
    character has a glyph, so the address copied from the PDF is the address.
    """
    scheme, separator, rest = url.partition("://")
    if not separator:
        scheme, rest = "", url
    rest = re.sub(r"([./])(?=.)", "\\1" + ZERO_WIDTH_SPACE, rest)
    rest = rest.replace("-", "-" + WORD_JOINER)
    markup = Markup(escape(f"{scheme}{separator}{rest}"))
    return left_to_right(markup) if isolate else markup


def left_to_right(text: str) -> Markup:
    """Text that keeps its left-to-right order inside right-to-left text: a phone number,
    an address. Unicode isolates (LRI ... PDI), which the PDF engine honours where a
    ``dir`` attribute on an inline element is not enough: ``(+43-1) 26060-0`` would
    otherwise come out as ``26060-0 (1-43+)`` in Arabic. No effect in left-to-right text."""
    return Markup("\u2066") + escape(text) + Markup("\u2069")

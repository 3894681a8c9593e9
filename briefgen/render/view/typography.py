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
from functools import lru_cache

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
    per_cent: str = "%"  # after a number: "%" (English) or "\u00a0%" (French), from CLDR
    names: frozenset[str] = frozenset()  # kept on one line (view/names.py: countries...)
    bound_to_next: frozenset[str] = frozenset()  # Russian "в", "с": never at a line's end

    def __hash__(self) -> int:
        spaces = tuple(sorted(self.space_before.items()))
        marks = (self.quotes, self.apostrophe, spaces, self.right_to_left, self.per_cent)
        return hash((*marks, self.names, self.bound_to_next))


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
        text = year_ranges(self._spaces("".join(out)))
        text = join_numbers(_PER_CENT.sub("\\1" + self.typography.per_cent, text))
        text = bind_short_words(text, self.typography.bound_to_next)
        return join_names(text, self.typography.names)

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


# Words that belong to the number before them (a unit, a count, a year's "года"), in the
# six languages: a line never parts them (join_numbers), and the layout inspector reports
# a line break between them. Chinese sets no space there, so it needs no entry.
UNIT_WORD = re.compile(
    r"(?:%|‰|°|"
    r"(?:per ?cent|percent|million|millions|billion|billions|thousand|trillion|years?|"
    r"months?|weeks?|days?|hours?|minutes?|km|m|cm|mm|kg|t|ha|km²|m²|people|persons|"
    r"households|countries|projects|schools|women|men|children|staff|partners|"
    r"ans|mois|jours|semaines|heures|milliards?|milliers|personnes|pays|projets|"
    r"años|meses|días|semanas|horas|millones|millón|mil|personas|países|proyectos|"
    r"год|года|году|годы|лет|месяцев|месяца|дней|недель|часов|млн|млрд|тыс|человек|"
    r"стран|проектов|"
    r"مليون|ملايين|مليار|ألف|آلاف|سنة|سنوات|عام|أعوام|أشهر|شهرا|يوما|أيام|دولة|بلدان|شخص|"
    r"USD|EUR|CHF|GBP)(?![\w\u0600-\u06ff]))",
    re.IGNORECASE,
)
_NUMBER_THEN_UNIT = re.compile(r"(?<![\w.,])([-−+]?\d[\d.,]*%?) (?=" + UNIT_WORD.pattern + ")")
_CURRENCY_THEN_NUMBER = re.compile(r"(?<!\w)(USD|EUR|CHF|GBP|US\$) (?=\d)")
_NUMBER_THEN_HAN = re.compile("(\\d)(?=[\u3400-\u9fff\uf900-\ufaff])")


_YEAR_RANGE = re.compile(r"(?<![\w./\-\u2013#:])((?:19|20)\d\d)-((?:19|20)?\d\d)(?![\w/\-\u2013])")
_PER_CENT = re.compile(r"(\d)[ \u00a0\u202f]?%")


def year_ranges(text: str) -> str:
    """``2015-2017`` and ``2015-17`` with an en dash, as a range is set: only two years
    in order (``2017-10``, a month, stays), never inside a code, an address or a date."""

    def dash(match: re.Match[str]) -> str:
        first, second = match.group(1), match.group(2)
        last = int(second) if len(second) == 4 else int(first[:2] + second)
        if not int(first) < last:
            return match.group(0)
        return f"{first}\u2013{second}"

    return _YEAR_RANGE.sub(dash, text)


def join_numbers(text: str) -> str:
    """A number and its unit or word (``12 million``, ``2017 года``, ``USD 14``) joined
    by a no-break space: one name, which a line break must not part. In Chinese, set with
    no space (``2017年``, ``1500名``), a word joiner holds the number to the character after
    it, where Han text may otherwise break."""
    text = _NUMBER_THEN_UNIT.sub("\\1\u00a0", text)
    text = _NUMBER_THEN_HAN.sub("\\1" + WORD_JOINER, text)
    return _CURRENCY_THEN_NUMBER.sub("\\1\u00a0", text)


def bind_short_words(text: str, words: frozenset[str]) -> str:
    """Each of ``words`` (any case) joined to the word after it by a no-break space, so
    that it never ends a line: Russian typesetting leaves no "в" or "и" at a line's end."""
    if not words:
        return text
    return _short_words_pattern(words).sub("\\1\u00a0", text)


@lru_cache(maxsize=8)
def _short_words_pattern(words: frozenset[str]) -> re.Pattern[str]:
    alternatives = "|".join(sorted(map(re.escape, words)))
    return re.compile(f"(?<!\\w)({alternatives}) (?=\\w)", re.IGNORECASE)


SHORT_NAME = 20  # characters: a list entry this short is a name, kept on one line
_CJK = "\u3400-\u9fff\uf900-\ufaff"
_BETWEEN_CJK = re.compile(f"(?<=[{_CJK}])(?=[{_CJK}])")


LONGEST_NAME = 25  # characters of the longest name kept on one line (a column holds it)
_LETTER_NOT_HAN = f"[^\\W{_CJK}]"  # a letter or digit of a spaced script: a word goes on


def breaks_inside(name: str) -> bool:
    """Whether a line could break inside ``name`` (a space) and it is short enough to be
    kept on one line. Han text breaks between any two characters, names included, as
    Chinese is set (W3C clreq): a Han name kept whole would leave a line up to several
    ems short in a text that cannot be justified. Only the list values of the quick facts
    keep theirs (:func:`keep_names`)."""
    return " " in name.strip() and len(name) <= LONGEST_NAME


@lru_cache(maxsize=64)
def _names_that_break(names: frozenset[str]) -> tuple[str, ...]:
    """The names a line could part, the longest first (so that it wins over a shorter
    one it holds, "Republic of Korea" over "Korea")."""
    return tuple(sorted((n for n in names if breaks_inside(n)), key=lambda n: (-len(n), n)))


def names_pattern(names: frozenset[str], text: str) -> re.Pattern[str] | None:
    """Any of ``names`` that ``text`` holds, as a whole word (Han characters around a Latin
    name in Chinese text end its word); None when it holds none.

    Only the names found in the text go into the pattern: one of all 250-odd country
    names took 0.2 s to compile, in every process and for every brief's own names.
    """
    probe = text.replace("\u00a0", " ")
    present = tuple(name for name in _names_that_break(names) if name in probe)
    return _names_regex(present) if present else None


@lru_cache(maxsize=256)
def _names_regex(names: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(name).replace("\\ ", "[ \u00a0]") for name in names)
    return re.compile(f"(?<!{_LETTER_NOT_HAN})(?:{alternatives})(?!{_LETTER_NOT_HAN})")


def join_names(text: str, names: frozenset[str]) -> str:
    """Each of ``names`` in ``text`` kept on one line: no-break spaces between its words."""
    pattern = names_pattern(names, text)
    if pattern is None:
        return text
    return pattern.sub(lambda match: match.group().replace(" ", "\u00a0"), text)


LAST_WORD = 15  # characters: a longer last word may go to a line of its own


def _ems(word: str) -> float:
    """About how wide ``word`` is in ems: a Han character is one, other letters half."""
    return sum(1.0 if _is_han(character) else 0.5 for character in word)


def _is_han(character: str) -> bool:
    return "\u3000" <= character <= "\u9fff" or "\uf900" <= character <= "\uffef"


_LAST_TWO_WORDS = re.compile(r"(?<=[\s>])([^\s<>]+) ([^\s<>]+)$")


def last_words_together(html: str, *, right_to_left: bool = False) -> Markup:
    """A heading or label's last two words kept on one line (``<span class="together">``,
    white-space: nowrap), so that no word stands alone on its last line; only a short
    last word, as a long one fills a line. Markup, not a no-break space: the words stay
    apart in the PDF's bookmarks and in copied text.

    Right to left, a no-break space: WeasyPrint places a line's inline boxes from the
    right, one after the other, so Latin words split between the text and the span came
    out reversed ("BY YEAR REFERRALS" in an Arabic brief); in one text box, the text's
    own bidi order holds."""
    markup = str(html if isinstance(html, Markup) else escape(html)).rstrip()
    match = _LAST_TWO_WORDS.search(markup)
    if match is None or len(match.group(2)) > LAST_WORD or "&" in match.group(2):
        return Markup(markup)
    before, last = match.group(1), match.group(2)
    start = match.start()
    if _ems(before) + _ems(last) > LAST_WORD:
        # Chinese: the "word" before the last is a whole unspaced run, up to a line long;
        # held on one line it ran past a phone's screen (a title 493 px wide at 390 px).
        # Its last two characters go with the last word instead ("方案 GLOT92").
        if len(before) < 3 or not all(map(_is_han, before[-2:])):
            return Markup(markup)
        start += len(before) - 2
        before = before[-2:]
    if right_to_left:
        return Markup(f"{markup[:start]}{before}\u00a0{last}")
    together = f'<span class="together">{before} {last}</span>'
    return Markup(markup[:start] + together)


def keep_names(value: str) -> str:
    """A list value (``Kenya, South Sudan, ...``, ``日本、荷兰、...``) breaks between its
    entries only: each short entry is held together (no-break spaces; a word joiner
    between Chinese characters, which break anywhere otherwise)."""
    if "、" in value:
        return "、".join(_BETWEEN_CJK.sub(WORD_JOINER, entry) for entry in value.split("、"))
    entries = value.split(", ")
    if len(entries) < 3:
        return value
    return ", ".join(
        entry.replace(" ", "\u00a0") if len(entry) <= SHORT_NAME else entry for entry in entries
    )


ZERO_WIDTH_SPACE = "\u200b"  # a break opportunity
WORD_JOINER = "\u2060"  # no break here


def breakable_url(url: str, *, isolate: bool = False) -> Markup:
    """A web address that may break after ``/`` and ``.``, and only in a part too long
    for a column before a hyphen (never after one).

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
    rest = re.sub(r"[^./]+", _segment_breaks, rest)
    markup = Markup(escape(f"{scheme}{separator}{rest}"))
    return left_to_right(markup) if isolate else markup


LONG_SEGMENT = 24  # characters of an address between / or . that may not fit a column


# Where a long part of an address may break, before the mark (The Chicago Manual of Style,
# 6.17): a file name joined by underscores, a query's ? & = (a report on SharePoint or a
# shared drive); without them such a part ran past the quick facts box and the page.
_BREAK_BEFORE = re.compile(r"(?<=.)(?=[_?&=#~])")


def _segment_breaks(match: re.Match[str]) -> str:
    """A short part of an address keeps its hyphens; a long one may break before one
    (the hyphen starts the next line, as style guides ask, so no reader takes it for
    the hyphenation of a word), and before an underscore or a query's marks."""
    segment = match.group(0)
    if len(segment) <= LONG_SEGMENT:
        return segment.replace("-", "-" + WORD_JOINER)
    segment = _BREAK_BEFORE.sub(ZERO_WIDTH_SPACE, segment)
    return segment.replace("-", ZERO_WIDTH_SPACE + "-" + WORD_JOINER)


def left_to_right(text: str) -> Markup:
    """Text that keeps its left-to-right order inside right-to-left text: a phone number,
    an address. Unicode isolates (LRI ... PDI), which the PDF engine honours where a
    ``dir`` attribute on an inline element is not enough: ``(+43-1) 26060-0`` would
    otherwise come out as ``26060-0 (1-43+)`` in Arabic. No effect in left-to-right text."""
    return Markup("\u2066") + escape(text) + Markup("\u2069")


# Full-width punctuation (Chinese): each mark is a full em, half of it blank. Two in a row
# ("。」", "），", "」「") leave a whole em of blank between them; typesetters (W3C jlreq,
# clreq) take half of it out by setting one of the two half-width.
CLOSING_MARKS = "，。、；：！？）》」』】〕〉"
OPENING_MARKS = "（《「『【〔〈"
_MARK_PAIR = re.compile(f"[{CLOSING_MARKS}{OPENING_MARKS}]{{2,}}")
HALF_WIDTH_CLASS = "halt"
"""A full-width mark set in half its width (``.halt { font-feature-settings: "halt" }``:
the font's own half-width forms, so the mark keeps its place in the em)."""


def compress_punctuation(escaped: str) -> str:
    """Escaped HTML text with the first mark of each pair of full-width marks set
    half-width: a closing mark (its blank follows it), or else the second, opening one
    (its blank precedes it). Text without such a pair comes back as it was."""

    def pair(match: re.Match[str]) -> str:
        marks = match.group()
        halved = set()
        for index in range(len(marks) - 1):
            if marks[index] in CLOSING_MARKS:
                halved.add(index)
            elif marks[index + 1] in OPENING_MARKS:
                halved.add(index + 1)
        return "".join(
            f'<span class="{HALF_WIDTH_CLASS}">{mark}</span>' if index in halved else mark
            for index, mark in enumerate(marks)
        )

    return _MARK_PAIR.sub(pair, escaped)

"""Hyphenation a publications editor accepts, checked on the laid-out lines.

WeasyPrint 70 has no ``hyphenate-limit-lines``, and CSS cannot tell a name from a word.
So after layout the lines are read back: a line that ends with a hyphen the layout added
(not one the text has) broke a word. Two rules are then enforced by marking words in the
print HTML (a span set ``hyphens: manual``) and laying out again:

- no more than two hyphenated lines in a row in a paragraph: the word broken at the
  third line of a run is kept whole (unless that leaves its line loose: see
  :func:`words_to_keep_whole`);
- names are never hyphenated: a word with a capital letter (a person, an organisation, a
  country, an acronym such as GLOT59; English, French, Spanish and Russian alike). A
  capitalised word that opens a sentence is a name too unless the language's dictionary
  knows it in lower case and the text never writes it capitalised inside a sentence
  (:func:`ordinary_openers`): kept whole, such words left the line before them loose.
  A name broken once is kept whole wherever it appears (it would likely break again
  elsewhere). Arabic and Chinese have no capitals (and are not hyphenated).

Names (and codes, words with a digit) are known from their letters, so they are marked
before the first layout (:func:`keep_names_whole_before_layout`) and that layout keeps
them whole; what only a layout can show (a third hyphenated line in a row, a name the
marking missed) is marked after it. A brief with nothing to mend costs one walk over its
lines and no second layout; the web page, the Markdown and
the text a reader copies from the PDF stay as written.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from briefgen.render.pdf.boxes import is_generated, is_line, kind, walk
from briefgen.render.pdf.page_split import CARRIED_CLASS, RUNS_OVER_CLASS

NO_HYPHENS_CLASS = "no-hyphens"
"""A word the PDF engine must not hyphenate (``.no-hyphens { hyphens: manual }``)."""

MOST_HYPHENATED_IN_A_ROW = 2
MOST_HYPHENATED_IF_LOOSE = 4
"""Hyphenated lines in a row allowed where keeping a word whole would leave its line loose
(see words_to_keep_whole); never five."""
LONGEST_KEPT_WHOLE = 24
"""Letters of the longest word kept whole: a longer one may not fit a column's line, and
kept whole it would run past the column's edge, cut off in the PDF."""
_SOFT_HYPHEN = "\u00ad"
_WORD = re.compile(r"[^\W_]+")  # letters and digits: what _word_around takes as a word
_RESYNC = 6  # characters of a line looked for further on when its text does not follow


@dataclass(frozen=True)
class Line:
    """One laid-out line: its block's element, its text, its hyphenate character, and its
    line box (None where only the text is known)."""

    element: ET.Element
    text: str
    hyphen: str
    box: Any = field(default=None, compare=False)


@dataclass(frozen=True)
class BrokenWord:
    """A word the layout hyphenated: in ``element``'s text, the hyphen went before
    ``offset`` (an index into ``"".join(element.itertext())``)."""

    element: ET.Element
    offset: int
    word: str


def is_name(word: str) -> bool:
    """Whether ``word`` is kept whole: it has a capital letter (any script with case)."""
    return any(character.isupper() for character in word)


def _authored(box: Any) -> bool:
    """For ``walk``: not into generated content (a line holds the lines of its inline
    blocks, key-figure tiles: they are walked too)."""
    return not is_generated(box)


def laid_out_lines(pages: list[Any]) -> Iterator[Line]:
    """The text lines of ``pages``, in order, without list markers or generated text."""
    for page in pages:
        for box in walk(page._page_box, descend=_authored):
            if not is_line(box) or is_generated(box) or box.element is None:
                continue
            texts = [
                leaf
                for leaf in walk(box, descend=_authored)
                if kind(leaf) == "TextBox" and not is_generated(leaf)
            ]
            if texts:
                hyphen = str(texts[-1].style["hyphenate_character"] or "")
                yield Line(box.element, "".join(leaf.text for leaf in texts), hyphen, box)


def _same(shown: str, source: str) -> bool:
    return shown == source or shown.lower() == source.lower()  # text-transform


def _matched(shown: str, source: str, start: int) -> tuple[int, int]:
    """How many characters of ``shown`` follow ``source`` from ``start``, and where in
    ``source`` the match ends (soft hyphens in the source may be skipped)."""
    position = start
    for count, character in enumerate(shown):
        while (
            position < len(source)
            and source[position] == _SOFT_HYPHEN
            and not _same(character, _SOFT_HYPHEN)
        ):
            position += 1
        if position >= len(source) or not _same(character, source[position]):
            return count, position
        position += 1
    return len(shown), position


def broken_lines(lines: list[Line], source: str) -> list[int | None]:
    """For each of one element's lines: where in ``source`` its added hyphen broke a word
    (-1 for a soft hyphen's break, which the author asked for), or None if not hyphenated.

    The lines' text is the source's without its spaces, plus the hyphens the layout
    added; text it does not recognise (another block's) is skipped, never guessed.
    """
    kept = [index for index, character in enumerate(source) if not character.isspace()]
    stripped = "".join(source[index] for index in kept)
    position = 0
    found: list[int | None] = []
    for line in lines:
        shown = "".join(line.text.split())
        count, end = _matched(shown, stripped, position)
        if count == 0 and shown:
            resync = stripped.find(shown[:_RESYNC], position)
            if resync >= 0:
                count, end = _matched(shown, stripped, resync)
        body = len(shown) - len(line.hyphen)
        hyphenated = bool(line.hyphen) and shown.endswith(line.hyphen) and count == body > 0
        if hyphenated and 0 < end < len(stripped):
            soft = stripped[end - 1] == _SOFT_HYPHEN
            found.append(-1 if soft else kept[end])
        else:
            found.append(None)
        position = end if count else position
    return found


def _word_around(text: str, offset: int) -> tuple[int, int]:
    start, end = offset, offset
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == _SOFT_HYPHEN):
        start -= 1
    while end < len(text) and (text[end].isalnum() or text[end] == _SOFT_HYPHEN):
        end += 1
    return start, end


LOOSEST_GAP_EM = 0.8
"""The widest gap between words, in ems, that keeping the third hyphenated word of a run
whole may leave on its line (2.8 mm at 10 pt; a space is a quarter of an em). Past it the
line is looser than a third hyphen is bad: in page 2's 87 mm Russian columns such words
("и предоставляла") left lines justified with gaps of 4 to 8 mm."""
_SPACE_EM = 0.25  # a space's own width in the body fonts, in ems
_SPACES = " \u00a0"  # what WeasyPrint 70 widens to justify a line (layout/inline.py)


def _gap_if_shortened(line: Line) -> float | None:
    """The gap between words, in ems, that ``line`` would be justified with if its last
    word (the hyphenated part, and a word bound to it by a no-break space) went down to
    the next line; None if the line is not justified or its box does not tell."""
    box = line.box
    if getattr(box, "width", None) is None:  # not laid out (or not a WeasyPrint box)
        return None
    style = box.style
    if style["text_align_all"] != "justify" or not style["font_size"]:
        return None
    leaves = [leaf for leaf in walk(box) if kind(leaf) == "TextBox"]
    spaces = sum(leaf.text.count(" ") + leaf.text.count("\u00a0") for leaf in leaves)
    text = line.text.rstrip(" ")
    if not leaves or not spaces or " " not in text:
        return None
    stretch = max(getattr(leaf, "justification_spacing", 0) or 0 for leaf in leaves)
    natural = box.width - stretch * spaces
    moved = text[text.rindex(" ") :]  # with the space before it
    moved_width = natural * len(moved) / len(text)  # the line's mean character width
    spaces_left = spaces - sum(moved.count(space) for space in _SPACES)
    if spaces_left <= 0:
        return math.inf  # one word left: not justified at all, its room at its end
    stretch_left = (box.width - natural + moved_width) / spaces_left
    return _SPACE_EM + float(stretch_left / style["font_size"])


def _kept_whole_leaves_loose(line: Line) -> bool:
    """Whether keeping the word that ends ``line`` whole would justify the line loosely."""
    gap = _gap_if_shortened(line)
    return gap is not None and gap > LOOSEST_GAP_EM


def _kept_in_run(
    line: Line, word: BrokenWord, previous: tuple[Line, BrokenWord] | None, run: int
) -> BrokenWord | None:
    """The word the run rule keeps whole when ``line`` ends the ``run``-th hyphenated line
    in a row: this line's, unless that leaves the line loose; then the line before's,
    unless that leaves it loose too; then none (up to MOST_HYPHENATED_IF_LOOSE)."""
    if run <= MOST_HYPHENATED_IN_A_ROW:
        return None
    if run > MOST_HYPHENATED_IF_LOOSE or not _kept_whole_leaves_loose(line):
        return word
    if previous is not None and not _kept_whole_leaves_loose(previous[0]):
        return previous[1]
    return None


def words_to_keep_whole(
    pages: list[Any], ordinary: OrdinaryOpener | None = None
) -> list[BrokenWord]:
    """The hyphenated words the rules forbid: names, and the third of three hyphenated
    lines in a row (and the sixth, if the run goes on: the lines after a word kept whole
    move, but a long run tends to stay one, and each pass is a layout).

    Where keeping the third line's word whole would leave that line loose (gaps wider
    than ``LOOSEST_GAP_EM``), the second line's is kept whole instead, and where that
    would too, the third hyphen stays (and so on for a fourth): an editor takes a third
    or fourth hyphen in a row over gaps of 4 to 7 mm in a narrow column (Russian
    typesetting allows four), never a fifth. A paragraph cut where page 1 ends goes on
    in its copy on page 2: its run too. A capitalised word is a name unless ``ordinary``
    (ordinary_openers) says it is an ordinary word opening a sentence.
    """
    ordinary = ordinary or _never_ordinary
    by_element: dict[ET.Element, list[Line]] = {}
    for line in laid_out_lines(pages):
        by_element.setdefault(line.element, []).append(line)
    words: list[BrokenWord] = []
    run_over = 0  # the run at the end of the paragraph that ends page 1
    for element, lines in by_element.items():
        classes = (element.get("class") or "").split()
        run = run_over if CARRIED_CLASS in classes else 0
        source = "".join(element.itertext())
        previous: tuple[Line, BrokenWord] | None = None  # the run's line before this one
        for line, offset in zip(lines, broken_lines(lines, source), strict=True):
            run = run + 1 if offset is not None else 0
            if offset is None or offset < 0:
                previous = None
                continue
            start, end = _word_around(source, offset)
            if end - start > LONGEST_KEPT_WHOLE:
                previous = None
                continue  # hyphenated it fits; whole it might not
            word = BrokenWord(element, offset, source[start:end])
            kept = _kept_in_run(line, word, previous, run)
            if is_name(word.word) and not ordinary(word.word, source[:start], source[end:]):
                kept = word
            if kept is not None:
                words.append(kept)
                run = 0  # this line (or the one before) will not end with a hyphen
            previous = (line, word) if kept is None else None
        if RUNS_OVER_CLASS in classes:
            run_over = run
    return words


def _text_slots(
    element: ET.Element, skipped: Callable[[ET.Element], bool] = lambda element: False
) -> Iterator[tuple[ET.Element, str]]:
    """The text and tails under ``element``, in the order of ``element.itertext()``,
    leaving out the elements ``skipped`` names and all they hold."""
    if not isinstance(element.tag, str) and element.tag is not None:  # a comment
        return
    if skipped(element):
        return
    yield element, "text"
    for child in element:
        yield from _text_slots(child, skipped)
        yield child, "tail"


_BOUND_BEFORE = re.compile("\\S+\u00a0$")


def _with_bound_words(text: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each of ``found`` (sorted spans of ``text``) widened to take in a word bound to it
    by a no-break space (a Russian one-letter word, typography.bind_short_words): a text
    ending in a no-break space before an inline box made WeasyPrint 70 end the line
    before that text, so a line ended early and was justified with gaps of 2 cm (corpus
    brief 99)."""
    widened: list[tuple[int, int]] = []
    for start, end in found:
        bound = _BOUND_BEFORE.search(text, 0, start)
        if bound is not None and bound.start() >= (widened[-1][1] if widened else 0):
            start = bound.start()
        widened.append((start, end))
    return widened


def _wrap(
    node: ET.Element, slot: str, start: int, end: int, parents: dict[ET.Element, ET.Element]
) -> None:
    """Put characters ``start:end`` of ``node``'s text (or tail) in a no-hyphens span."""
    text = getattr(node, slot) or ""
    span = ET.Element("span", {"class": NO_HYPHENS_CLASS})
    span.text, span.tail = text[start:end], text[end:]
    setattr(node, slot, text[:start])
    parent = node if slot == "text" else parents[node]
    parent.insert(0 if slot == "text" else list(parent).index(node) + 1, span)
    parents[span] = parent


def keep_whole(word: BrokenWord, parents: dict[ET.Element, ET.Element]) -> None:
    """Wrap the broken word in a span the engine does not hyphenate (text unchanged)."""
    start_of_slot = 0
    for node, slot in _text_slots(word.element):
        text = getattr(node, slot) or ""
        if start_of_slot < word.offset <= start_of_slot + len(text):
            around = _word_around(text, word.offset - start_of_slot)
            _wrap(node, slot, *_with_bound_words(text, [around])[0], parents)
            return
        start_of_slot += len(text)


_LEFT_ALONE = frozenset({"a", "style", "script", "title", "head"})
"""Where no name is wrapped: a link stays one box (one PDF Link tag), and a document's
head is not text on the page."""


def _left_alone(element: ET.Element) -> bool:
    """A link, the document's head, or a span already kept whole."""
    classes = (element.get("class") or "").split()
    return element.tag in _LEFT_ALONE or NO_HYPHENS_CLASS in classes


def _running_text(element: ET.Element) -> Iterator[tuple[ET.Element, str]]:
    """The text slots of the page's words, outside links and spans already kept whole."""
    return _text_slots(element, _left_alone)


def keep_names_whole(
    root: ET.Element, names: set[str], parents: dict[ET.Element, ET.Element]
) -> None:
    """Wrap every occurrence of ``names`` in the document: a name the layout broke once is
    likely to be broken again elsewhere, and each try costs a layout."""
    for node, slot in list(_running_text(root)):
        text = getattr(node, slot) or ""
        found = [match.span() for match in _WORD.finditer(text) if match.group() in names]
        for start, end in reversed(_with_bound_words(text, found)):  # the earlier offsets stay
            _wrap(node, slot, start, end, parents)


OrdinaryOpener = Callable[[str, str, str], bool]
"""Whether a capitalised word (with the text before and after it) is an ordinary word
that opens a sentence, which may be hyphenated, rather than a name."""

_BLOCK_TAGS = frozenset(
    {"p", "li", "td", "th", "dd", "dt", "div", "blockquote", "figcaption", "caption"}
    | {"h1", "h2", "h3", "h4", "h5", "h6"}
)
_SENTENCE_ENDS = re.compile("(?:^|[.!?\u2026][\"'\u00bb\u201d)\\]]*)$")
_OPENING_MARKS = " \u00a0\t\n\u00ab\u201c\u201e\"'([*_\u2014\u2013-"


def _opens_sentence(before: str) -> bool:
    """Whether a word after ``before`` (its block's text so far) opens a sentence."""
    return bool(_SENTENCE_ENDS.search(before.rstrip(_OPENING_MARKS)))


def _never_ordinary(word: str, before: str, after: str) -> bool:
    return False


def _words_in_context(
    slots: Iterable[tuple[ET.Element, str]],
) -> Iterator[tuple[ET.Element, str, re.Match[str], str, str]]:
    """Each word of ``slots`` (its slot, its match) with its block's text before it and
    its slot's text after it."""
    block = ""
    for node, slot in slots:
        if slot == "text" and node.tag in _BLOCK_TAGS:
            block = ""
        text = getattr(node, slot) or ""
        for match in _WORD.finditer(text):
            yield node, slot, match, block + text[: match.start()], text[match.end() :]
        block = (block + text)[-40:]


def ordinary_openers(root: ET.Element) -> OrdinaryOpener:
    """The test for words that open a sentence capitalised but are not names, for the
    document's language: the dictionary knows the word in lower case ("Среднесрочная",
    "Nevertheless"; not "Moldova"), it has no other capital or digit, no no-break space
    joins it to a name after it, and the document never writes it capitalised inside a
    sentence ("Организации" of a United Nations body stays a name). Such a word kept whole
    left the line before it loose (corpus briefs 9, 75, 81, 141: gaps of 4.7 mm). Without
    the language's dictionary, every capitalised word is a name, as before."""
    from briefgen.spelling import dictionary, language_key

    key = language_key(root.get("lang") or "")
    known = dictionary(key) if key is not None else None
    if known is None:
        return _never_ordinary
    inside = {
        match.group()
        for _, _, match, before, _ in _words_in_context(_running_text(root))
        if match.group()[:1].isupper() and not _opens_sentence(before)
    }

    def ordinary(word: str, before: str, after: str) -> bool:
        return (
            word[:1].isupper()
            and word[1:] == word[1:].lower()
            and word.isalpha()
            and word not in inside
            and not after.startswith("\u00a0")
            and _opens_sentence(before)
            and known.knows(word.lower())
        )

    return ordinary


SHORTEST_HYPHENATED = 6
"""Letters of the shortest word the engine hyphenates (``hyphenate-limit-chars: 6 3 3``,
languages.css): a shorter name needs no marking."""


def _known_before_layout(word: str) -> bool:
    """A word no line may break, known from its letters alone: a name (or an acronym, a
    code such as GLOT59: any digit) long enough to be hyphenated and short enough to fit
    a line whole."""
    return SHORTEST_HYPHENATED <= len(word) <= LONGEST_KEPT_WHOLE and (
        is_name(word) or any(character.isdigit() for character in word)
    )


NOT_HYPHENATED_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
NOT_HYPHENATED_CLASSES = frozenset(
    {"masthead", "title-block", "quick-facts", "contact", "credit"}
    | {"evidence-key-figures", "response"}
)
"""Where the stylesheets (languages.css, evidence.css) already say ``hyphens: manual``:
no word there needs marking, and marking would only cut the text into more boxes."""


UNHYPHENATED_LANGUAGES = frozenset({"zh", "ar"})
"""Languages WeasyPrint's hyphenation (pyphen) has no dictionary for, of briefgen's six."""


def _hyphenated_language(lang: str | None) -> bool:
    """Whether the engine hyphenates this language at all (it has a pattern dictionary).

    Chinese and Arabic have none: no word of theirs needs marking, and in Arabic a marked
    word costs more than boxes: WeasyPrint 70 shifts a justified right-to-left line by a
    space's width (1 mm past its column) when it ends before such a span.
    """
    return (lang or "").split("-")[0].lower() not in UNHYPHENATED_LANGUAGES


def _not_hyphenated(element: ET.Element) -> bool:
    """Where the engine hyphenates nothing: the places above, and a language it cannot."""
    classes = (element.get("class") or "").split()
    if element.tag in NOT_HYPHENATED_TAGS or NOT_HYPHENATED_CLASSES.intersection(classes):
        return True
    return not _hyphenated_language(element.get("lang")) or _left_alone(element)


def _hyphenated_text(element: ET.Element) -> Iterator[tuple[ET.Element, str]]:
    """The text slots the engine may hyphenate: running text outside the places above."""
    return _text_slots(element, _not_hyphenated)


def keep_names_whole_before_layout(root: ET.Element) -> int:
    """Mark every name in the running text as a word the engine must not hyphenate, before
    the first layout: the rule then holds in that layout, instead of being found broken
    in it and mended in another. Returns how many words were marked.

    Marking (a span with ``hyphens: manual``) is chosen over the opposite, soft hyphens in
    every other word with ``hyphens: manual`` everywhere: WeasyPrint 70 then tries, at
    each line end, every soft hyphen left in the text box from the last one backwards,
    laying out the rest of the paragraph for each (quadratic in a paragraph's length).
    """
    marked = 0
    parents = {child: parent for parent in root.iter() for child in parent}
    ordinary = ordinary_openers(root)
    slots = list(_hyphenated_text(root))
    by_slot: dict[tuple[ET.Element, str], list[tuple[int, int]]] = {}
    for node, slot, match, before, after in _words_in_context(slots):
        word = match.group()
        if _known_before_layout(word) and not ordinary(word, before, after):
            by_slot.setdefault((node, slot), []).append(match.span())
    for node, slot in slots:
        text = getattr(node, slot) or ""
        found = by_slot.get((node, slot), [])
        if not found:
            continue
        found = _with_bound_words(text, found)
        spans = []
        for (start, end), (following, _) in zip(found, [*found[1:], (len(text), 0)], strict=True):
            span = ET.Element("span", {"class": NO_HYPHENS_CLASS})
            span.text, span.tail = text[start:end], text[end:following]
            spans.append(span)
        setattr(node, slot, text[: found[0][0]])
        if slot == "text":
            node[0:0] = spans
        else:
            parent = parents[node]
            at = list(parent).index(node) + 1
            parent[at:at] = spans
        marked += len(spans)
    return marked


def _kept_whole(root: ET.Element) -> int:
    return sum(NO_HYPHENS_CLASS in (e.get("class") or "").split() for e in root.iter())


def mend(pages: list[Any], root: ET.Element) -> bool:
    """Mark the words the rules forbid breaking in ``root``; whether any was newly marked.

    A word that cannot be marked (a name split by bold or italics, ``**Elect**ro...``) is
    left as the layout broke it: laying out again would change nothing.
    """
    ordinary = ordinary_openers(root)
    words = words_to_keep_whole(pages, ordinary)
    if not words:
        return False
    before = _kept_whole(root)
    parents = {child: parent for parent in root.iter() for child in parent}
    names = {word.word for word in words if is_name(word.word)}
    for word in words:  # a span leaves its element's text, so the others' offsets, as is
        if word.word not in names:
            keep_whole(word, parents)
    keep_names_whole(root, names, parents)
    return _kept_whole(root) > before

"""Spelling in the brief's language, from the Hunspell dictionaries the set-up installs.

The dictionaries are Debian's ``hunspell-en-gb``, ``hunspell-en-us``, ``hunspell-fr``,
``hunspell-es``, ``hunspell-ru`` and ``hunspell-ar`` (LibreOffice's, maintained upstream),
read by the Hunspell library (``libhunspell-1.7-0``) through a small ctypes binding: no
Python package of it is maintained, and nothing is downloaded. A dictionary is loaded the
first time a brief in its language is checked (a fifth to one second, per language) and
kept for the rest of the process (a preview, a folder of briefs).

What is not a word to check (docs/editorial-checks.md): names (a capitalised word inside a
sentence, or one the brief writes so elsewhere), acronyms and codes (capitals or digits),
addresses, code spans, and the words of ``words.txt`` beside the brief or its folder's
``briefgen.toml``.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

DICTIONARIES: dict[str, tuple[str, ...]] = {
    "en": ("en_GB", "en_US"),
    "en-gb": ("en_GB",),
    "en-us": ("en_US",),
    "fr": ("fr", "fr_FR"),
    "es": ("es_ES", "es"),
    "ru": ("ru_RU", "ru"),
    "ar": ("ar", "ar_SA"),
}
"""The Hunspell dictionaries tried for a brief's language, first found wins. English is
checked in British and American spelling (a word either knows is right) unless the brief
says ``en-GB`` or ``en-US``."""

PACKAGES = {"en": "hunspell-en-gb", "fr": "hunspell-fr", "es": "hunspell-es"} | {
    "ru": "hunspell-ru",
    "ar": "hunspell-ar",
}
"""The Debian package that holds each language's dictionary, named in the warning when
it is missing."""

SEARCH_DIRS = [
    Path("/usr/share/hunspell"),
    Path("/usr/share/myspell/dicts"),
    Path("/usr/share/myspell"),
    Path("/usr/local/share/hunspell"),
    Path("/opt/homebrew/share/hunspell"),
    Path.home() / "Library" / "Spelling",
    Path("/Library/Spelling"),
]
"""Where the dictionaries are looked for after the folders of ``DICPATH`` (Hunspell's own
variable): Debian's, then other systems' usual places."""

LETTERS = {
    "en": "abcdefghijklmnopqrstuvwxyz",
    "fr": "abcdefghijklmnopqrstuvwxyzàâæçéèêëîïôœùûüÿ",
    "es": "abcdefghijklmnopqrstuvwxyzáéíñóúü",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "ar": "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي",
}
"""The letters tried for "did you mean": one letter changed, added, dropped or two swapped
(most typing slips), each candidate asked of the dictionary: milliseconds, where
Hunspell's own suggestions take a tenth of a second to most of one per word."""

MAX_SUGGESTIONS = 3

_MARKS = "\u0300-\u036f\u064b-\u065f\u0670\u0640"
"""Combining accents, and Arabic's vowel marks and tatweel: inside a word, not between two."""
_UNSPELLED_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_WORD = re.compile(f"[\\w{_MARKS}]+(?:['\u2019][\\w{_MARKS}]+)*")
_SKIPPED = re.compile(
    r"\]\([^)]*\)"  # a link's address
    r"|`[^`]*`"  # a code span
    r"|<?(?:https?://|www\.|mailto:)\S+"  # a bare address
    r"|\S+@\S+\.\w+"  # an e-mail address
    r"|\S*\w\.\w\S*/\S*"  # an address without its scheme: example.org/reports/sr-310
)
_SENTENCE_END = re.compile(r"[.!?:;\u3002\u061f]\s*[\"'»)\]]*\s*$")


class _Hunspell:
    """One Hunspell dictionary, through the C library's stable API; calls are serialised
    (a handle is not thread-safe, and a preview checks from a worker thread)."""

    def __init__(self, library: ctypes.CDLL, aff: Path, dic: Path) -> None:
        self._library = library
        self._lock = threading.Lock()
        self._handle = library.Hunspell_create(bytes(aff), bytes(dic))
        self.encoding = (library.Hunspell_get_dic_encoding(self._handle) or b"UTF-8").decode()

    def knows(self, word: str) -> bool:
        try:
            encoded = word.encode(self.encoding)
        except (UnicodeEncodeError, LookupError):
            return False
        with self._lock:
            return bool(self._library.Hunspell_spell(self._handle, encoded))


class Dictionary:
    """A language's dictionaries: a word is right if one of them knows it. The second
    (American English beside British) is loaded only when the first does not know a word."""

    def __init__(self, language: str, library: ctypes.CDLL, files: list[tuple[Path, Path]]):
        self.language = language
        self._library = library
        self._files = files
        self._loaded: list[_Hunspell] = []
        self._known: dict[str, bool] = {}  # a brief says "the" a hundred times
        self._lock = threading.Lock()

    def _hunspell(self, index: int) -> _Hunspell | None:
        with self._lock:
            while len(self._loaded) <= index < len(self._files):
                self._loaded.append(_Hunspell(self._library, *self._files[len(self._loaded)]))
            return self._loaded[index] if index < len(self._loaded) else None

    def knows(self, word: str) -> bool:
        known = self._known.get(word)
        if known is None:
            known = self._known[word] = self._ask(word)
        return known

    def _ask(self, word: str) -> bool:
        word = _UNSPELLED_MARKS.sub("", word).replace("\u2019", "'")
        index = 0
        while (hunspell := self._hunspell(index)) is not None:
            if hunspell.knows(word):
                return True
            index += 1
        return False

    def suggestions(self, word: str) -> list[str]:
        """Words one typing slip away that the dictionary knows, closest first."""
        letters = LETTERS.get(self.language, "")
        lower = word.lower()
        splits = [(lower[:i], lower[i:]) for i in range(len(lower) + 1)]
        candidates = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
        candidates += [a + c + b[1:] for a, b in splits if b for c in letters]
        candidates += [a + c + b for a, b in splits for c in letters]
        candidates += [a + b[1:] for a, b in splits if b]
        found: list[str] = []
        for candidate in candidates:
            if word[:1].isupper():
                candidate = candidate[:1].upper() + candidate[1:]
            if candidate != word and candidate not in found and self.knows(candidate):
                found.append(candidate)
                if len(found) == MAX_SUGGESTIONS:
                    break
        return found


@cache
def _library() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("hunspell-1.7") or ctypes.util.find_library("hunspell")
    for candidate in (name, "libhunspell-1.7.so.0", "libhunspell-1.7.dylib"):
        if not candidate:
            continue
        try:
            library = ctypes.CDLL(candidate)
        except OSError:
            continue
        library.Hunspell_create.restype = ctypes.c_void_p
        library.Hunspell_create.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
        library.Hunspell_spell.restype = ctypes.c_int
        library.Hunspell_spell.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
        library.Hunspell_get_dic_encoding.restype = ctypes.c_char_p
        library.Hunspell_get_dic_encoding.argtypes = [ctypes.c_void_p]
        return library
    return None


def _find(name: str) -> tuple[Path, Path] | None:
    folders = [Path(part) for part in os.environ.get("DICPATH", "").split(os.pathsep) if part]
    for folder in [*folders, *SEARCH_DIRS]:
        aff, dic = folder / f"{name}.aff", folder / f"{name}.dic"
        if aff.is_file() and dic.is_file():
            return aff, dic
    return None


def language_key(language: str) -> str | None:
    """The ``DICTIONARIES`` key for a brief's language tag, or None: not checked."""
    tag = language.lower()
    if tag in DICTIONARIES:
        return tag
    base = tag.split("-")[0]
    return base if base in DICTIONARIES else None


@cache
def dictionary(key: str) -> Dictionary | None:
    """The language's dictionary, loaded once per process; None if it is not installed."""
    library = _library()
    if library is None:
        return None
    files = [found for name in DICTIONARIES[key] if (found := _find(name)) is not None]
    return Dictionary(key.split("-")[0], library, files) if files else None


@cache
def vocabulary(language: str) -> frozenset[str]:
    """Words of evaluation practice the dictionaries lack ("logframe", "гендерный"), shipped
    with briefgen (briefgen/data/words/)."""
    folder = resources.files("briefgen") / "data" / "words"
    try:
        text = (folder / f"{language}.txt").read_text(encoding="utf-8")
    except OSError:
        return frozenset()
    return frozenset(_words_of_list(text))


MAX_WORD_LIST_BYTES = 2_000_000  # an office's names and acronyms: a few kilobytes


def load_word_list(path: Path) -> set[str]:
    """A ``words.txt``: one or more words a line; ``#`` starts a comment.

    Read within a bound: a pull request's ``words.txt`` may be huge or a link to a device."""
    from briefgen.model.files import read_bounded

    if not path.exists():  # a word list is optional
        return set()
    raw = read_bounded(path, MAX_WORD_LIST_BYTES, what="a word list")
    return _words_of_list(raw.decode("utf-8-sig", errors="replace"))


def _words_of_list(text: str) -> set[str]:
    words: set[str] = set()
    for line in text.splitlines():
        words.update(line.split("#", 1)[0].split())
    return words


@dataclass(frozen=True)
class Word:
    """One word of a text to check, with where it starts in that text."""

    text: str
    offset: int
    starts_sentence: bool


def without_addresses(text: str) -> str:
    """The text with its addresses, e-mails and code spans blanked (offsets kept)."""
    if not any(mark in text for mark in "/@`"):
        return text
    return _SKIPPED.sub(lambda match: " " * len(match.group()), text)


@lru_cache(maxsize=4096)
def words_of(text: str) -> tuple[Word, ...]:
    """The words of a text, less addresses and code spans, each with its offset (kept:
    the spelling and the names checks read the same texts, and a preview reads them again
    at every save)."""
    blanked = without_addresses(text)
    words: list[Word] = []
    for match in _WORD.finditer(blanked):
        start = match.start()
        before = blanked[max(0, start - 12) : start].rstrip(" *_[(\"'«“")
        if not before and start > 12:
            before = blanked[:start].rstrip(" *_[(\"'«“")  # after a long run of spaces
        words.append(Word(match.group(), start, not before or bool(_SENTENCE_END.search(before))))
    return tuple(words)


_NOT_A_WORD = re.compile(r"[\d_]")


def is_checked(word: str) -> bool:
    """Acronyms, codes (UNODC, GLOT59, iOS), numbers and one-letter words are not words a
    dictionary holds."""
    return len(word) > 1 and word[1:] == word[1:].lower() and not _NOT_A_WORD.search(word)


def without_possessive(word: str) -> str:
    """ "Haddad's" -> "Haddad": the name the possessive is made of."""
    return word[:-2] if word[-2:] in ("'s", "\u2019s") else word


def names_in(texts: Iterable[tuple[Word, ...]]) -> set[str]:
    """Words written capitalised inside a sentence somewhere: names, wherever they stand."""
    return {
        without_possessive(word.text)
        for words in texts
        for word in words
        if not word.starts_sentence and word.text[:1].isupper()
    }

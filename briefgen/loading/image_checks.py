"""Check, at load time, that an image can be drawn and what drawing it will cost.

The PDF engine decodes rasters and draws SVGs late (at ``write_pdf``), where a refused
reference or an undrawable number is only logged and the figure silently lost, and where a
small file can cost minutes and gigabytes. So every image, wherever it comes from (a local
file, a download, a ``data:`` image inside an SVG, the logo), is checked here, where an
error still has a line:

- a raster (PNG, JPEG) has at most :data:`MAX_IMAGE_PIXELS` pixels, read from its header
  before anything is decoded, and must then decode in full (Pillow's ``verify()`` alone
  decodes nothing, and its bomb check only warns up to twice its own, higher, limit);
- an SVG draws at most :data:`MAX_SVG_ELEMENTS` elements once ``<use>``, marker and paint
  references are expanded, nests at most :data:`MAX_SVG_DEPTH` deep, refers only to its
  own elements (``#name``) and to ``data:`` images (checked in turn), loads no stylesheet
  or font, and holds only finite numbers of a drawable size.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from urllib.parse import unquote, unquote_to_bytes
from xml.etree import ElementTree

MAX_IMAGE_PIXELS = 25_000_000
"""Pixels of one raster image (5000 x 5000): far past print resolution for a two-page brief,
and ~100 MB once decoded. The same ceiling bounds all the ``data:`` images of one SVG."""

MAX_SVG_ELEMENTS = 20_000
"""Elements an SVG draws, references expanded: a few seconds of drawing at most
(10,000 took ~1.4 s to draw on a 2-core machine)."""

MAX_SVG_DEPTH = 32
"""Nesting of an SVG's elements, counting each reference followed as one level."""

MAX_SELECTOR_TESTS = 1_000_000
"""Times an SVG's style rules that paint with a reference may be tried on its elements
(about 0.1 s of matching; a drawing's rules by class or tag are tried on a few each)."""

MAX_SVG_NUMBER = 1e9
"""Largest magnitude of a number in an SVG; products of 32 nested transforms stay finite."""

MAX_NESTED_SVG = 2
"""How deep ``data:`` SVG images may sit inside one another."""

PNG, JPEG, SVG = "image/png", "image/jpeg", "image/svg+xml"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_NUMBER_TOKENS = re.compile(
    r"#[\w-]*"  # an id or hex colour: not a number
    r"|(?P<number>[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)"
    r"|(?P<word>[-+]?[A-Za-z_]+)"
)
_NOT_FINITE_WORDS = frozenset({"nan", "inf", "infinity"})
_TEXT_ATTRIBUTES = frozenset(
    {"id", "class", "style", "href", "font-family", "font", "lang", "role", "name", "type"}
    | {"media", "target", "download", "unicode", "glyph-name", "title", "systemLanguage"}
)
_REFERENCE_ATTRIBUTES = ("fill", "stroke", "clip-path", "mask", "filter", "marker")
_MARKER_ATTRIBUTES = frozenset({"marker", "marker-start", "marker-mid", "marker-end"})
_HTML_ADDRESSES = frozenset(
    {"src", "data", "poster", "srcset", "background", "codebase", "ping", "longdesc"}
)
_SRCSET_DESCRIPTOR = re.compile(r"\d+(\.\d+)?[wxh]")


def _addresses(attribute: str, value: str) -> list[str]:
    """The addresses an HTML attribute holds: one, or a srcset's candidates (each an
    address, then its width or density: ``a.png 1x, b.png 2x``)."""
    if attribute != "srcset":
        return [value.strip()]
    words = [word.strip(",") for word in value.split()]
    return [word for word in words if word and not _SRCSET_DESCRIPTOR.fullmatch(word)]


_URL_FRAGMENT = re.compile(r"url\(\s*['\"]?#([^'\")\s]+)")
_IMAGE_SETS = frozenset({"image-set", "-webkit-image-set"})
# Unescaped, a function's name is written as it is; an escaped one holds a backslash.
_MAY_ADDRESS = re.compile(r"\\|(url|src|image-set)\(", re.IGNORECASE)
_IMAGE_SET_OR_SRC = re.compile(r"(src|image-set)\(", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")\s]*)", re.IGNORECASE)  # each target's start


def _outside_url(css: str) -> str | None:
    """The first address in ``css`` that points out of the SVG (not ``#name``, not
    ``data:``): a browser opening the published file would fetch it, a tracking request.

    Read with the CSS tokenizer, as a browser reads it: ``u\\72l(`` is ``url(`` once its
    escape is decoded, and ``image-set()`` takes plain strings as addresses."""
    if not _MAY_ADDRESS.search(css):  # most values (translate(1,2)): no tokenizing
        return None
    plain = "\\" not in css and not _IMAGE_SET_OR_SRC.search(css)
    if plain and not any(_fetched(target) for target in _CSS_URL.findall(css)):
        return None  # url(#g) and data: only, read without the tokenizer (the common case)
    import tinycss2

    addresses = _css_addresses(tinycss2.parse_component_value_list(css))
    return next((address for address in addresses if _fetched(address)), None)


def _css_addresses(tokens: list[Any]) -> Iterator[str]:
    """Each address CSS tokens name, in the order written: ``url()``, the first string of
    ``url("...")`` and ``src()``, every string of ``image-set()``. Not the namespace URL
    of ``@namespace svg url(...);``, which names a namespace and fetches nothing."""
    in_namespace = False
    for _, token in _css_tokens(tokens):
        if token.type == "at-keyword":
            in_namespace = token.lower_value == "namespace"
        elif in_namespace:
            in_namespace = not (token.type == "literal" and token.value == ";")
        elif token.type == "url":
            yield str(token.value).strip()
        elif token.type == "function":
            strings = [str(t.value).strip() for t in token.arguments if t.type == "string"]
            if token.lower_name in ("url", "src"):
                yield from strings[:1]
            elif token.lower_name in _IMAGE_SETS:
                yield from strings


def _too_deep(css: str) -> bool:
    """Whether CSS nests blocks or functions deeper than :data:`MAX_SVG_DEPTH`, as the
    elements may not: the engine reads them recursively."""
    if css.count("(") + css.count("{") + css.count("[") <= MAX_SVG_DEPTH:
        return False  # the common case, read without the tokenizer
    import tinycss2

    tokens = tinycss2.parse_component_value_list(css)
    return max((depth for depth, _ in _css_tokens(tokens)), default=0) > MAX_SVG_DEPTH


def _css_tokens(tokens: list[Any]) -> Iterator[tuple[int, Any]]:
    """Every token of ``tokens`` with how deep it stands (1 at the top), those inside
    functions and blocks too, in the order written. Without recursion: a value may nest
    functions thousands deep (``f(f(...`` made the checks fail with Python's recursion
    limit, a crash)."""
    stack = [iter(tokens)]
    while stack:
        token = next(stack[-1], None)
        if token is None:
            stack.pop()
            continue
        yield len(stack), token
        if token.type == "function":
            stack.append(iter(token.arguments))
        elif token.type.endswith(" block"):
            stack.append(iter(token.content))


def _stylesheet_references(
    root: ElementTree.Element,
) -> dict[int, list[tuple[str, bool]]] | Defect:
    """The #names that the SVG's <style> rules paint each element with (``.a { fill:
    url(#p) }``), by the element's ``id()``: drawn again for each element a rule matches,
    a pattern counts as it does from a ``fill`` attribute (a stylesheet of patterns in
    patterns drew 8 million elements, counted as 600). A stylesheet whose selectors would
    be tried on elements more than :data:`MAX_SELECTOR_TESTS` times is refused: matching
    them is the engine's work too (2,000 ``*:nth-child()`` rules on 15,000 elements took
    3 s here)."""
    sheets = [
        "".join(element.itertext())
        for element in root.iter()
        if _local_name(element.tag) == "style"
    ]
    if not any("#" in sheet for sheet in sheets):
        return {}
    import cssselect2
    import tinycss2

    elements = list(root.iter())
    if len(elements) > MAX_SVG_ELEMENTS:
        return {}  # too many to draw already: walk() refuses it
    tested_on = _candidates(elements)
    tests = 0
    matcher = cssselect2.Matcher()
    rules = [
        rule for sheet in sheets for rule in _qualified_rules(tinycss2.parse_stylesheet(sheet))
    ]
    for rule in rules:
        fragments = [
            (fragment, declaration.lower_name in _MARKER_ATTRIBUTES)
            for declaration in tinycss2.parse_declaration_list(rule.content)
            if declaration.type == "declaration"
            for fragment in _fragments(declaration.value)
        ]
        if fragments:
            try:
                selectors = cssselect2.compile_selector_list(rule.prelude)
            except cssselect2.SelectorError:
                continue  # a selector the engine drops too
            for selector in selectors:
                if selector.pseudo_element is None:  # ::before: no SVG element is one
                    matcher.add_selector(selector, fragments)
                    tests += tested_on(selector)
            if tests > MAX_SELECTOR_TESTS:
                return Defect(
                    f"has style rules that would be tried on its elements more than "
                    f"{MAX_SELECTOR_TESTS:,} times",
                    _SIMPLER,
                )
    found: dict[int, list[tuple[str, bool]]] = {}
    matches = 0
    for wrapped in cssselect2.ElementWrapper.from_xml_root(root).iter_subtree():
        for *_, fragments in matcher.match(wrapped):
            found.setdefault(id(wrapped.etree_element), []).extend(fragments)
            matches += 1
        if matches > MAX_SVG_ELEMENTS:
            break  # each match draws an element at least: too many already, as walk() finds
    return found


def _candidates(elements: list[ElementTree.Element]) -> Callable[[Any], int]:
    """How many of ``elements`` a compiled selector is tried on, as cssselect2's matcher
    picks them: those of its id, its class or its tag if it names one, else all."""
    ids: Counter[str] = Counter()
    classes: Counter[str] = Counter()
    tags: Counter[str] = Counter()
    for element in elements:
        ids[element.get("id", "")] += 1
        classes.update(element.get("class", "").split())
        tags[_local_name(element.tag).lower()] += 1

    def tested_on(selector: Any) -> int:
        if selector.id is not None:
            return ids[selector.id]
        if selector.class_name is not None:
            return classes[selector.class_name]
        if selector.lower_local_name is not None:
            return tags[selector.lower_local_name]
        return len(elements)

    return tested_on


def _qualified_rules(rules: list[Any]) -> Iterator[Any]:
    """The style rules of a stylesheet, those inside @media and @supports too, down to
    :data:`MAX_SVG_DEPTH` levels (deeper, the stylesheet is refused: ``stylesheet_problem``)."""
    import tinycss2

    stack = [(rules, 0)]
    while stack:
        level, depth = stack.pop()
        for rule in level:
            if rule.type == "qualified-rule":
                yield rule
            elif rule.type == "at-rule" and rule.content is not None and depth < MAX_SVG_DEPTH:
                stack.append((tinycss2.parse_rule_list(rule.content), depth + 1))


def _fragments(tokens: list[Any]) -> list[str]:
    """The #names CSS tokens paint with (``url(#p)``), escapes decoded as a browser does."""
    return [address[1:] for address in _css_addresses(tokens) if address.startswith("#")]


def _fragments_in(css: str) -> list[str]:
    """The #names a CSS value paints with: read with a pattern, or with the tokenizer when
    it holds an escape (``u\\72l(#p)``, which the engine reads as ``url(#p)``)."""
    if "\\" not in css:
        return _URL_FRAGMENT.findall(css)
    import tinycss2

    return _fragments(tinycss2.parse_component_value_list(css))


def _fetched(address: str) -> bool:
    address = address.strip()
    return not address.startswith("#") and not address.lower().startswith("data:")


def sniff(data: bytes) -> str | None:
    """The MIME type of image bytes by their first bytes; None if not PNG, JPEG or SVG."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<") and b"<svg" in head:
        return SVG
    return None


class Defect(NamedTuple):
    """Why an image cannot (or may not) be drawn, worded to follow its name, and a fix."""

    reason: str
    hint: str


_REEXPORT = "export the image again"
_SMALLER = "export it smaller: 5000 x 5000 pixels is plenty for print"
_SIMPLER = "simplify the drawing, or export it as a PNG"
_SELF_CONTAINED = "embed what it uses as data: URLs, or export it as a PNG"


def drawing_problem(data: bytes, mime: str) -> Defect | None:
    """Why an image cannot (or may not) be drawn, and how to fix it; None if it is fine."""
    if mime == SVG:
        return _SvgCheck.of(data, nesting=0).problem
    return _RasterCheck.of(data, mime).problem


@dataclass
class _RasterCheck:
    problem: Defect | None = None
    pixels: int = 0

    @classmethod
    def of(cls, data: bytes, mime: str) -> _RasterCheck:
        """Read the size from the header, refuse past the ceiling, then decode in full."""
        from PIL import Image as PillowImage
        from PIL import UnidentifiedImageError

        pillow_format = {PNG: "PNG", JPEG: "JPEG"}[mime]
        too_many = f"has more than {MAX_IMAGE_PIXELS:,} pixels"
        size = ""
        try:
            with warnings.catch_warnings():
                # Pillow only warns between its limit and twice it: that is an error here.
                warnings.simplefilter("error", PillowImage.DecompressionBombWarning)
                with _open(data, pillow_format) as picture:
                    width, height = picture.size
                    size = f" ({width:,} x {height:,})"
                    if width * height > MAX_IMAGE_PIXELS:
                        return cls(Defect(too_many + size, _SMALLER))
                    picture.verify()  # chunk checksums; decodes nothing
                with _open(data, pillow_format) as picture:
                    _load_strictly(picture)  # every pixel: corrupt data fails here
        except (PillowImage.DecompressionBombError, PillowImage.DecompressionBombWarning):
            return cls(Defect(too_many + size, _SMALLER))
        except UnidentifiedImageError:
            return cls(Defect(f"cannot be decoded (not a readable {pillow_format})", _REEXPORT))
        except Exception as error:  # hostile bytes reach decoders that raise many kinds
            return cls(
                Defect(f"cannot be decoded ({str(error) or type(error).__name__})", _REEXPORT)
            )
        return cls(None, width * height)


def _open(data: bytes, pillow_format: str) -> Any:
    """Open ``data`` as the format it was sniffed as, and no other: Pillow guesses otherwise."""
    from PIL import Image as PillowImage

    return PillowImage.open(io.BytesIO(data), formats=[pillow_format])


def _load_strictly(picture: Any) -> None:
    """Decode every pixel, refusing truncated or corrupt data.

    Importing WeasyPrint sets Pillow's process-wide ``LOAD_TRUNCATED_IMAGES``, which makes
    ``load()`` fill missing pixels silently; it is switched off while we decode.
    """
    from PIL import ImageFile

    tolerant = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        picture.load()
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = tolerant


def _local_name(name: str) -> str:
    return name.rsplit("}", 1)[-1]


_RUNS_CODE = "export it again without scripts or interactive links, or as a PNG"
_LINK_SCHEMES = ("http:", "https:", "mailto:", "#")


def _code(tag: str, element: ElementTree.Element) -> Defect | None:
    """Code a browser would run: the SVG is copied as it is beside the Markdown and into a
    site, where opened by its address it is a page of the site's origin (the engines and
    an ``<img>`` never run it). A script, an event attribute (``onclick``), a link to
    ``javascript:`` or ``data:``, or an animation that sets a link."""
    if tag == "script":
        return Defect("holds a <script>; an image may run no code", _RUNS_CODE)
    for name in element.attrib:
        if _local_name(name).lower().startswith("on"):
            return Defect(
                f"holds the event attribute '{_local_name(name)[:40]}' on <{tag}>; "
                "an image may run no code",
                _RUNS_CODE,
            )
    if element.get("srcdoc") is not None:  # a page of the SVG's own origin, scripts and all
        return Defect(f"holds a page in <{tag} srcdoc>; an image may run no code", _RUNS_CODE)
    if tag == "meta" and element.get("http-equiv") is not None:  # refresh to javascript:
        return Defect("holds a <meta http-equiv>; an image may run no code", _RUNS_CODE)
    links = [_href(element)] if tag == "a" else []
    links += [element.get(name, "").strip() for name in ("action", "formaction")]  # forms
    for href in links:  # followed when clicked
        scheme = ":" in href.split("/")[0]  # javascript:, data:... (a relative link has none)
        if scheme and not href.lower().startswith(_LINK_SCHEMES):
            return Defect(f"holds a link to '{href[:80]}'; an image may run no code", _RUNS_CODE)
    animated = element.get("attributeName", "").rsplit(":", 1)[-1]  # xlink:href too
    if tag in ("set", "animate") and _local_name(animated) == "href":
        return Defect("holds an animation of href; an image may run no code", _RUNS_CODE)
    return None


def _stylesheet_instruction(data: bytes) -> Defect | None:
    """An ``<?xml-stylesheet?>`` instruction, which a browser follows (the parser drops it)."""
    if re.search(rb"<\?xml-stylesheet\b", data[:100_000]):
        return Defect(
            "loads a stylesheet with <?xml-stylesheet?>; an SVG may only use what it holds",
            _SELF_CONTAINED,
        )
    return None


def _href(element: ElementTree.Element) -> str:
    """Where an element points: ``href``, or SVG 1.1's ``xlink:href``."""
    return (element.get("href") or element.get(XLINK_HREF) or "").strip()


def _decode_data_url(url: str) -> bytes | None:
    """The bytes of a ``data:`` URL, or None if it cannot be decoded."""
    header, comma, payload = url[5:].partition(",")
    if not comma:
        return None
    try:
        if header.lower().rstrip().endswith(";base64"):
            return base64.b64decode(re.sub(r"\s+", "", unquote(payload)), validate=True)
        return unquote_to_bytes(payload)
    except (binascii.Error, ValueError):
        return None


def _number_problem(value: str, *, words: bool) -> str | None:
    """The first number in ``value`` the PDF engine could not draw (nan, inf, huge)."""
    for token in _NUMBER_TOKENS.finditer(value):
        number, word = token.group("number"), token.group("word")
        if words and word is not None and word.lstrip("+-").lower() in _NOT_FINITE_WORDS:
            return word
        if number is not None and not abs(float(number)) <= MAX_SVG_NUMBER:
            return number
    return None


@dataclass
class _SvgCheck:
    """One SVG document walked once, references followed, work counted as it goes."""

    root: ElementTree.Element
    nesting: int
    problem: Defect | None = None
    elements: int = 0
    pixels: int = 0
    ids: dict[str, ElementTree.Element] = field(default_factory=dict)
    checked: set[int] = field(default_factory=set)  # id() of elements whose values passed
    data_images: dict[str, _RasterCheck | _SvgCheck] = field(default_factory=dict)
    # id() of an element -> the #names its <style> rules paint it with (fill: url(#p)),
    # each with whether it is a marker's (drawn at every vertex)
    styled: dict[int, list[tuple[str, bool]]] = field(default_factory=dict)

    @classmethod
    def of(cls, data: bytes, nesting: int) -> _SvgCheck:
        try:
            root = ElementTree.fromstring(data)
        except (ElementTree.ParseError, LookupError) as error:  # LookupError: its encoding
            malformed = Defect(f"is not well-formed SVG ({error})", _REEXPORT)
            return cls(ElementTree.Element("svg"), nesting, malformed)
        check = cls(root, nesting)
        if _local_name(root.tag) != "svg":
            check.problem = Defect("has no <svg> root element", _REEXPORT)
            return check
        check.ids = {element.attrib["id"]: element for element in root.iter() if element.get("id")}
        styled = _stylesheet_references(root)
        if isinstance(styled, Defect):
            check.problem = styled
            return check
        check.styled = styled
        check.problem = _stylesheet_instruction(data) or check.size_problem() or check.walk()
        return check

    def size_problem(self) -> Defect | None:
        """The root's width, height and viewBox must give a finite, positive drawing."""
        for name in ("width", "height"):
            value = self.root.get(name, "").strip()
            number = re.match(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?", value)
            if value and (number_problem := _number_problem(value, words=True)):
                return self.bad_number(number_problem, name)
            if number and float(number.group()) <= 0:
                return Defect(
                    f"has {name} '{value[:40]}'; an SVG's size must be positive", _REEXPORT
                )
        view_box = self.root.get("viewBox")
        if view_box is not None:
            if number_problem := _number_problem(view_box, words=True):
                return self.bad_number(number_problem, "viewBox")
            parts = view_box.replace(",", " ").split()
            try:
                ok = len(parts) == 4 and float(parts[2]) > 0 and float(parts[3]) > 0
            except ValueError:
                ok = False
            if not ok:
                return Defect(
                    f"has viewBox '{view_box[:40]}'; it must be four numbers "
                    "with a positive width and height",
                    _REEXPORT,
                )
        return None

    @staticmethod
    def bad_number(number: str, where: str) -> Defect:
        return Defect(
            f"has the number '{number[:40]}' in {where}, which cannot be drawn "
            f"(numbers must be finite and within ±{MAX_SVG_NUMBER:,.0f})",
            _REEXPORT,
        )

    def walk(self) -> Defect | None:
        """Visit every element as drawn (references expanded), stopping at a bound."""
        stack: list[tuple[ElementTree.Element, int, int]] = [(self.root, 1, 1)]
        while stack:
            element, depth, times = stack.pop()
            self.elements += times
            if problem := self.count_problem():
                return problem
            if depth > MAX_SVG_DEPTH:
                return Defect(f"nests elements more than {MAX_SVG_DEPTH} deep", _SIMPLER)
            if id(element) not in self.checked:
                self.checked.add(id(element))
                if problem := self.element_problem(element):
                    return problem
            if problem := self.count_data_image(element, times) or self.count_problem():
                return problem  # a data: SVG adds its elements: checked even when drawn last
            stack.extend((child, depth + 1, times) for child in element)
            stack.extend(
                (target, depth + 1, times * weight) for target, weight in self.refs(element)
            )
        return None

    def count_problem(self) -> Defect | None:
        """Past :data:`MAX_SVG_ELEMENTS` drawn so far."""
        if self.elements > MAX_SVG_ELEMENTS:
            return Defect(
                f"draws more than {MAX_SVG_ELEMENTS:,} elements once its <use> "
                "references are expanded",
                _SIMPLER,
            )
        return None

    def refs(self, element: ElementTree.Element) -> Iterator[tuple[ElementTree.Element, int]]:
        """The elements drawn again for this one, each with how many times.

        ``<use>`` draws its target once; a marker is drawn at every vertex of a path (a
        digit run counts as one, an overestimate); a pattern, clip or mask once per use.
        """
        href = _href(element)
        if _local_name(element.tag) == "use" and href[1:] in self.ids and href[0] == "#":
            yield self.ids[href[1:]], 1
        vertices = 1 + len(re.findall(r"\d+", element.get("d", "") + element.get("points", "")))
        for name in (*_REFERENCE_ATTRIBUTES, *_MARKER_ATTRIBUTES, "style"):
            value = element.get(name, "")
            marker = name in _MARKER_ATTRIBUTES or "marker" in value
            for fragment in _fragments_in(value):
                if fragment in self.ids:
                    yield self.ids[fragment], vertices if marker else 1
        for fragment, marker in self.styled.get(id(element), ()):
            if fragment in self.ids:
                yield self.ids[fragment], vertices if marker else 1

    def element_problem(self, element: ElementTree.Element) -> Defect | None:
        """What in one element's own attributes and text the engine would refuse, or a
        browser would run where the SVG file is published as it is (see :func:`_code`)."""
        tag = _local_name(element.tag)
        if problem := _code(tag, element):
            return problem
        for name, value in element.attrib.items():
            local = _local_name(name)
            css = not local.startswith(("aria-", "data-"))  # text for people or scripts
            if css and _too_deep(value):
                return Defect(
                    f"nests <{tag} {local[:40]}> more than {MAX_SVG_DEPTH} deep", _SIMPLER
                )
            if css and (outside := _outside_url(value)) is not None:
                return Defect(
                    f"refers to '{outside[:80]}' in <{tag} {local[:40]}>; an SVG may only use "
                    "its own elements (#name) and data: images",
                    _SELF_CONTAINED,
                )
            if name in ("href", XLINK_HREF):
                if tag != "a" and (problem := self.reference_problem(tag, value.strip())):
                    return problem
            elif local in _HTML_ADDRESSES:
                # HTML inside a <foreignObject>: <iframe src>, <object data>, <img srcset>
                for address in _addresses(local, value):
                    if problem := self.reference_problem("image", address):
                        return Defect(f"holds a reference to '{address[:80]}'", problem.hint)
            elif name.startswith("{") or local in _TEXT_ATTRIBUTES:
                if local == "style" and (number := _number_problem(value, words=False)):
                    return self.bad_number(number, "style")
            elif local.startswith(("aria-", "data-")):
                continue
            elif number := _number_problem(value, words=True):
                return self.bad_number(number, f"<{tag} {local}>")
        if tag == "style":  # its text goes on after a child element, as a browser reads it
            return self.stylesheet_problem("".join(element.itertext()))
        return None

    def reference_problem(self, tag: str, href: str) -> Defect | None:
        """An SVG may name its own elements (``#name``) and embed ``data:`` images only."""
        if not href or href.startswith("data:") or (tag != "image" and href.startswith("#")):
            return None
        return Defect(
            f"refers to '{href[:80]}'; an SVG may only use its own elements (#name) "
            "and data: images",
            _SELF_CONTAINED,
        )

    def stylesheet_problem(self, text: str) -> Defect | None:
        import tinycss2

        for rule in tinycss2.parse_stylesheet(text):
            if rule.type == "at-rule" and rule.lower_at_keyword in {"import", "font-face"}:
                return Defect(
                    f"loads other files with @{rule.lower_at_keyword} in its stylesheet; "
                    "an SVG may only use what it holds",
                    _SELF_CONTAINED,
                )
        if _too_deep(text):
            return Defect(f"nests its stylesheet more than {MAX_SVG_DEPTH} deep", _SIMPLER)
        if (outside := _outside_url(text)) is not None:
            return Defect(
                f"refers to '{outside[:80]}' in its stylesheet; an SVG may only use its own "
                "elements (#name) and data: images",
                _SELF_CONTAINED,
            )
        if number := _number_problem(text, words=False):
            return self.bad_number(number, "<style>")
        return None

    def count_data_image(self, element: ElementTree.Element, times: int) -> Defect | None:
        """Check an embedded ``data:`` image once, and count its cost each time it is drawn."""
        href = _href(element)
        if _local_name(element.tag) != "image" or not href.startswith("data:"):
            return None
        if href not in self.data_images:
            data = _decode_data_url(href)
            mime = sniff(data) if data is not None else None
            if data is None or mime is None:
                return Defect("embeds a data: image that is not a PNG, JPEG or SVG", _REEXPORT)
            if mime != SVG:
                self.data_images[href] = _RasterCheck.of(data, mime)
                self.pixels += self.data_images[href].pixels
            elif self.nesting >= MAX_NESTED_SVG:
                return Defect(f"nests data: SVG images more than {MAX_NESTED_SVG} deep", _SIMPLER)
            else:
                self.data_images[href] = _SvgCheck.of(data, self.nesting + 1)
            if (problem := self.data_images[href].problem) is not None:
                return Defect(f"embeds a data: image that {problem.reason}", problem.hint)
            if self.pixels > MAX_IMAGE_PIXELS:
                reason = f"embeds data: images of more than {MAX_IMAGE_PIXELS:,} pixels in all"
                return Defect(reason, _SMALLER)
        nested = self.data_images[href]
        if isinstance(nested, _SvgCheck):
            self.elements += nested.elements * times
        return None

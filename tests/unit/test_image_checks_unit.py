"""What an image may cost and hold, checked at load time: table-driven, on images built
in memory (tiny PNGs and JPEGs from Pillow, hand-written SVG, PNG headers that only
claim a size)."""

from __future__ import annotations

import base64
import io
import struct
import zlib
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from PIL import Image as PillowImage
from PIL import ImageFile

from briefgen.loading.image_checks import (
    JPEG,
    MAX_SVG_DEPTH,
    PNG,
    SVG,
    Defect,
    drawing_problem,
    sniff,
)

REEXPORT = "export the image again"
SMALLER = "export it smaller: 5000 x 5000 pixels is plenty for print"
SIMPLER = "simplify the drawing, or export it as a PNG"
SELF_CONTAINED = "embed what it uses as data: URLs, or export it as a PNG"
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"


def _raster(size: tuple[int, int], kind: str = "PNG", mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    PillowImage.new(mode, size).save(buffer, kind)
    return buffer.getvalue()


def _png_header(width: int, height: int) -> bytes:
    """A PNG that claims a size and holds no pixels: enough to read the size."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n"
    for kind, body in ((b"IHDR", ihdr), (b"IDAT", zlib.compress(b"")), (b"IEND", b"")):
        checksum = zlib.crc32(kind + body)
        png += struct.pack(">I", len(body)) + kind + body + struct.pack(">I", checksum)
    return png


_XHTML = 'xmlns="http://www.w3.org/1999/xhtml"'


def _svg(body: str = "", attributes: str = 'width="10" height="10"') -> bytes:
    return f'<svg xmlns="{SVG_NS}" xmlns:xlink="{XLINK_NS}" {attributes}>{body}</svg>'.encode()


def _data_url(data: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def _svg_problem(body: str = "", attributes: str = 'width="10" height="10"') -> Defect | None:
    return drawing_problem(_svg(body, attributes), SVG)


def _reason(body: str = "", attributes: str = 'width="10" height="10"') -> str:
    problem = _svg_problem(body, attributes)
    assert problem is not None, "expected a refusal"
    return problem.reason


# -- what the bytes are -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "mime"),
    [
        (b"\x89PNG\r\n\x1a\n rest", PNG),
        (b"\x89PNG\r\n\x1a", None),  # one byte short of the signature
        (b"\xff\xd8\xff\xe0", JPEG),
        (b"\xff\xd8\xfe", None),
        (b"<svg/>", SVG),
        (b'<?xml version="1.0"?>\n<svg/>', SVG),
        (b"\xef\xbb\xbf \t\r\n<svg/>", SVG),  # a byte order mark, then blank space
        (b"<!-- a drawing --><svg/>", SVG),
        (b"<html><body/></html>", None),
        (b"x<svg/>", None),
        (b"X<svg/>", None),
        (b"", None),
        (b"GIF89a", None),
        (b"<" + b" " * 4091 + b"<svg", SVG),  # <svg ends on byte 4,096
        (b"<" + b" " * 4092 + b"<svg", None),  # ... or on byte 4,097, past the sniffed head
    ],
)
def test_sniff(data: bytes, mime: str | None) -> None:
    assert sniff(data) == mime


# -- rasters ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "mime"),
    [
        (_raster((20, 10)), PNG),
        (_raster((1, 1), mode="L"), PNG),
        (_raster((20, 10), "JPEG"), JPEG),
    ],
)
def test_a_sound_raster_is_fine(data: bytes, mime: str) -> None:
    assert drawing_problem(data, mime) is None


@pytest.mark.parametrize(
    ("width", "height", "reason"),
    [
        (5001, 5000, "has more than 25,000,000 pixels (5,001 x 5,000)"),
        (25_000_001, 1, "has more than 25,000,000 pixels (25,000,001 x 1)"),
        # past Pillow's own limit: it refuses to open, before the size is known here
        (10_000, 10_000, "has more than 25,000,000 pixels"),
        (20_000, 20_000, "has more than 25,000,000 pixels"),
    ],
)
def test_too_many_pixels_are_refused_from_the_header(width: int, height: int, reason: str) -> None:
    assert drawing_problem(_png_header(width, height), PNG) == Defect(reason, SMALLER)


def test_a_raster_at_the_ceiling_is_decoded_not_refused_for_its_size() -> None:
    problem = drawing_problem(_png_header(5000, 5000), PNG)
    assert problem is not None
    assert problem.reason.startswith("cannot be decoded (")


@pytest.fixture
def tolerant_pillow() -> Iterator[None]:
    """Pillow as WeasyPrint leaves it: filling truncated images silently."""
    before = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = True
    yield
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True, "the setting must be put back"
    ImageFile.LOAD_TRUNCATED_IMAGES = before


@pytest.mark.parametrize(
    ("data", "mime", "reason"),
    [
        (_raster((40, 40))[:-30], PNG, "cannot be decoded (Truncated File Read)"),
        (_raster((64, 64), "JPEG")[:300], JPEG, "cannot be decoded (Truncated File Read)"),
        (b"\xff\xd8\xff" + b"x" * 40, JPEG, "cannot be decoded (not a readable JPEG)"),
        (_raster((4, 4)), JPEG, "cannot be decoded (not a readable JPEG)"),  # a PNG inside
        (_raster((4, 4), "JPEG"), PNG, "cannot be decoded (not a readable PNG)"),
    ],
)
def test_a_raster_that_does_not_decode_in_full_is_refused(
    data: bytes, mime: str, reason: str, tolerant_pillow: None
) -> None:
    assert drawing_problem(data, mime) == Defect(reason, REEXPORT)


def test_pixels_missing_after_sound_chunks_are_refused_even_if_pillow_tolerates_them(
    tolerant_pillow: None,
) -> None:
    problem = drawing_problem(_png_header(8, 8), PNG)  # checksums fine, no pixel data
    assert problem == Defect(
        "cannot be decoded (image file is truncated (0 bytes not processed))", REEXPORT
    )


def test_a_decoder_error_without_words_is_named_by_its_kind(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PIL import PngImagePlugin

    def fail(self: object) -> None:
        raise EOFError

    monkeypatch.setattr(PngImagePlugin.PngImageFile, "verify", fail)
    assert drawing_problem(_raster((2, 2)), PNG) == Defect("cannot be decoded (EOFError)", REEXPORT)


def test_a_raster_with_a_bad_checksum_is_refused() -> None:
    data = bytearray(_raster((8, 8)))
    idat = data.index(b"IDAT")
    data[idat + 6] ^= 0xFF  # one byte of pixel data; its chunk's checksum no longer matches
    problem = drawing_problem(bytes(data), PNG)
    assert problem is not None and problem.reason.startswith("cannot be decoded (")
    assert problem.hint == REEXPORT


# -- an SVG's own size --------------------------------------------------------------------


@pytest.mark.parametrize(
    "attributes",
    [
        'width="10" height="10"',
        'width="210mm" height="297mm"',
        'width="100%" height="auto"',
        'width="" height=" "',
        "",
        'viewBox="0 0 10 10"',
        'viewBox="-5,-5,10,10"',
        'viewBox=" 0 0 0.5 .5 "',
        'width="1e9" viewBox="0 0 1e9 1e9"',
        'width="0.5" height=".5"',
    ],
)
def test_a_drawable_size_is_fine(attributes: str) -> None:
    assert _svg_problem(attributes=attributes) is None


@pytest.mark.parametrize(
    ("attributes", "reason"),
    [
        ('width="0" height="10"', "has width '0'; an SVG's size must be positive"),
        ('width="10" height="-1"', "has height '-1'; an SVG's size must be positive"),
        ('width="0.0px"', "has width '0.0px'; an SVG's size must be positive"),
        ('height=" -.5em "', "has height '-.5em'; an SVG's size must be positive"),
        ('width="1e-400"', "has width '1e-400'; an SVG's size must be positive"),  # it is 0
        ('width="1E-400"', "has width '1E-400'; an SVG's size must be positive"),
        (f'width="-1.{"0" * 50}"', f"has width '-1.{'0' * 37}'; an SVG's size must be positive"),
        (
            'width="1e400"',
            "has the number '1e400' in width, which cannot be drawn "
            "(numbers must be finite and within ±1,000,000,000)",
        ),
        ('height="Infinity"', "has the number 'Infinity' in height, which cannot be drawn"),
        ('width="10" height="-inf"', "has the number '-inf' in height"),
        ('viewBox="0 0 nan 10"', "has the number 'nan' in viewBox"),
        ('viewBox="0 0 10 1.5e9"', "has the number '1.5e9' in viewBox"),
    ],
)
def test_an_undrawable_size_is_refused(attributes: str, reason: str) -> None:
    problem = _svg_problem(attributes=attributes)
    assert problem is not None and problem.reason.startswith(reason)
    assert problem.hint == REEXPORT


@pytest.mark.parametrize(
    "view_box",
    ["0 0 10", "0 0 10 10 10", "0 0 0 10", "0 0 10 0", "0 0 -1 10", "0 0 a b", "", "0 0 10px 10"],
)
def test_a_view_box_needs_four_numbers_and_a_positive_size(view_box: str) -> None:
    assert _svg_problem(attributes=f'viewBox="{view_box}"') == Defect(
        f"has viewBox '{view_box}'; it must be four numbers with a positive width and height",
        REEXPORT,
    )


def test_a_long_view_box_is_quoted_in_part() -> None:
    view_box = "0 " * 30
    assert _reason(attributes=f'viewBox="{view_box}"').startswith(f"has viewBox '{view_box[:40]}';")


# -- whether it is an SVG at all ----------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<svg", "is not well-formed SVG (unclosed token: line 1, column 0)"),
        (b"<svg><g></svg>", "is not well-formed SVG (mismatched tag: line 1, column 10)"),
        (
            b'<?xml version="1.0" encoding="bogus"?><svg/>',
            "is not well-formed SVG (unknown encoding: bogus)",
        ),
        (f'<html xmlns="{SVG_NS}"/>'.encode(), "has no <svg> root element"),
        (b"<svgx/>", "has no <svg> root element"),
    ],
)
def test_what_is_not_an_svg_is_refused(data: bytes, reason: str) -> None:
    assert drawing_problem(data, SVG) == Defect(reason, REEXPORT)


@pytest.mark.parametrize(
    "data",
    [
        b"<svg/>",
        f'<s:svg xmlns:s="{SVG_NS}"><s:rect width="1"/></s:svg>'.encode(),
    ],
)
def test_an_svg_root_with_or_without_a_namespace_is_fine(data: bytes) -> None:
    assert drawing_problem(data, SVG) is None


# -- numbers in attributes, styles and stylesheets ----------------------------------------


@pytest.mark.parametrize(
    ("element", "where", "number"),
    [
        ('<rect x="nan"/>', "<rect x>", "nan"),
        ('<rect width="+Inf"/>', "<rect width>", "+Inf"),
        ('<rect width="-infinity"/>', "<rect width>", "-infinity"),
        ('<path d="M 0 0 L 1e999 2"/>', "<path d>", "1e999"),
        ('<path d="M0,0L-1000000001,0"/>', "<path d>", "-1000000001"),
        ('<g transform="translate(1 2) scale(.2e10)"/>', "<g transform>", ".2e10"),
        ('<rect style="width: 2E9px"/>', "style", "2E9"),
        ('<rect xml:space="preserve" style="x: 1e10"/>', "style", "1e10"),
        ('<rect data-note="1" aria-label="a" x="nan"/>', "<rect x>", "nan"),
        ("<style>rect { stroke-width: 1e300 }</style>", "<style>", "1e300"),
        (f'<rect width="{"9" * 60}"/>', "<rect width>", "9" * 40),
    ],
)
def test_a_number_that_cannot_be_drawn_is_named_with_where_it_is(
    element: str, where: str, number: str
) -> None:
    assert _svg_problem(element) == Defect(
        f"has the number '{number}' in {where}, which cannot be drawn "
        "(numbers must be finite and within ±1,000,000,000)",
        REEXPORT,
    )


@pytest.mark.parametrize(
    "element",
    [
        '<rect x="1e9" y="-1e9" width="+1000000000"/>',
        '<rect fill="#1e4000" stroke="#ABC"/>',  # colours and ids, not numbers
        '<path d="M1.5.5 L 2 2"/>',
        '<rect id="inf" class="nan infinity"/>',
        '<text font-family="Infinity Sans" lang="nan">1e999</text>',
        '<rect data-scale="1e400" aria-valuenow="inf"/>',
        '<rect style="font-family: Infinity, NaN"/>',  # words in a style are names
        "<style>.nan { font-family: Infinity }</style>",
        '<g xmlns:i="urn:x" i:zoom="1e400"/>',  # another program's attribute
        '<rect x="Infinityx" width="xnan" y="Xinf"/>',  # words, but not those words
        '<rect width="information"/>',
        '<a href="https://example.org/1e400"><rect/></a>',
    ],
)
def test_finite_numbers_and_words_that_are_not_numbers_are_fine(element: str) -> None:
    assert _svg_problem(element) is None


# -- references ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "element",
    [
        '<use href="#a"/><rect id="a"/>',
        '<use xlink:href=" #a "/><rect id="a"/>',
        '<use href="#missing"/>',
        '<use href=""/>',
        '<use href="data:image/svg+xml,%3Csvg/%3E"/>',
        '<use href="data:text/plain,not an image"/>',  # only an <image> draws its data
        '<image width="1" height="1"/>',
        '<a href="https://example.org">a link</a>',
        f'<image href="{_data_url(_raster((2, 2)), "image/png")}"/>',
    ],
)
def test_own_elements_and_data_images_may_be_used(element: str) -> None:
    assert _svg_problem(element) is None


@pytest.mark.parametrize(
    ("element", "href"),
    [
        ('<use href="https://example.org/a.svg#a"/>', "https://example.org/a.svg#a"),
        ('<use xlink:href="a.svg#a"/>', "a.svg#a"),
        ('<image href="photo.png"/>', "photo.png"),
        ('<image href="#a"/><rect id="a"/>', "#a"),
        ('<image xlink:href=" file:///etc/passwd "/>', "file:///etc/passwd"),
        ('<feImage href="http://169.254.169.254/"/>', "http://169.254.169.254/"),
        (f'<use href="https://e.org/{"x" * 100}"/>', f"https://e.org/{'x' * 66}"),
    ],
)
def test_a_reference_outside_the_svg_is_refused(element: str, href: str) -> None:
    assert _svg_problem(element) == Defect(
        f"refers to '{href}'; an SVG may only use its own elements (#name) and data: images",
        SELF_CONTAINED,
    )


@pytest.mark.parametrize(
    ("element", "url", "where"),
    [
        ('<rect style="fill:url(http://e.org/t.svg#p)"/>', "http://e.org/t.svg#p", "<rect style>"),
        ("<rect fill=\"URL('https://e.org/p')\"/>", "https://e.org/p", "<rect fill>"),
        ('<set attributeName="fill" to="url(//e.org/p)"/>', "//e.org/p", "<set to>"),
        ("<style>rect { fill: url( 'p.svg#a' ) }</style>", "p.svg#a", "its stylesheet"),
        (
            "<style>g { background: url(file:///etc/passwd) }</style>",
            "file:///etc/passwd",
            "its stylesheet",
        ),
    ],
)
def test_a_css_url_outside_the_svg_is_refused(element: str, url: str, where: str) -> None:
    """No engine fetches these, but a browser opening the published SVG file does: a
    request to a stranger's server each time someone opens it."""
    assert _svg_problem(element) == Defect(
        f"refers to '{url}' in {where}; an SVG may only use its own elements (#name) and"
        " data: images",
        SELF_CONTAINED,
    )


@pytest.mark.parametrize(
    ("element", "url", "where"),
    [
        (r'<rect style="fill:u\72l(http://e.org/p)"/>', "http://e.org/p", "<rect style>"),
        (r"<style>svg { background: \75rl(http://e.org/p) }</style>", "http://e.org/p", "its"),
        (
            '<style>svg { background: image-set("http://e.org/p.png" 1x) }</style>',
            "http://e.org/p.png",
            "its",
        ),
        (
            "<style>svg { background: -webkit-image-set('#a' 1x, '//e.org/p' 2x) }</style>",
            "//e.org/p",
            "its",
        ),
        ("<style>a {}<g/>svg { background: url(http://e.org/p) }</style>", "http://e.org/p", "its"),
    ],
)
def test_a_css_url_written_another_way_is_refused(element: str, url: str, where: str) -> None:
    """A CSS escape spells url( as u\72l( for the browser, image-set() takes plain strings
    as addresses, and a <style>'s text goes on after a child element: each slipped past."""
    problem = _svg_problem(element)
    assert problem is not None
    assert problem.reason.startswith(f"refers to '{url}' in {where}")


@pytest.mark.parametrize(
    "element",
    [
        '<linearGradient id="g"/><rect fill="url(#g)" style="stroke: url( \'#g\' )"/>',
        f'<style>rect {{ fill: url("{_data_url(_raster((2, 2)), "image/png")}") }}</style>',
        "<style>@namespace svg url(http://www.w3.org/2000/svg); rect { fill: red }</style>",
        '<rect aria-label="the source, url(http://e.org), in the notes"/>',
        '<image width="4" height="4" href="data:image/svg+xml;utf8,%3Csvg xmlns=\'http://www.w3'
        ".org/2000/svg' width='4' height='4'%3E%3ClinearGradient id='g'/%3E%3Crect width='4' "
        "height='4' fill='url(%23g)'/%3E%3C/svg%3E\"/>",
    ],
)
def test_a_css_url_that_fetches_nothing_is_used(element: str) -> None:
    """Its own elements (#g) and data: images; @namespace names a namespace, aria- and
    data- attributes are not CSS, and the url(%23g) of an SVG embedded as text is in a
    string, the image's own business."""
    assert _svg_problem(element) is None


@pytest.mark.parametrize(
    ("element", "what"),
    [
        ("<script>alert(document.domain)</script>", "a <script>"),
        ('<script href="https://example.org/x.js"/>', "a <script>"),
        ('<rect width="5" height="5" onclick="alert(1)"/>', "the event attribute 'onclick'"),
        ('<svg onload="alert(1)"/>', "the event attribute 'onload'"),
        ('<a href="javascript:alert(1)"><text>x</text></a>', "a link to 'javascript:alert(1)'"),
        ('<a xlink:href=" JavaScript:alert(1)">x</a>', "a link to 'JavaScript:alert(1)'"),
        ('<a href="data:text/html,x">x</a>', "a link to 'data:text/html,x'"),
        ('<a><set attributeName="href" to="javascript:alert(1)"/>x</a>', "an animation of href"),
        (
            '<a><animate attributeName="xlink:href" values="javascript:alert(1)"/>x</a>',
            "an animation of href",
        ),
        (
            '<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://e.org/"/>'
            "</foreignObject>",
            "a reference to 'https://e.org/'",
        ),
        (
            f"<foreignObject><iframe {_XHTML} srcdoc='&lt;script&gt;alert(1)&lt;/script&gt;'/>"
            "</foreignObject>",
            "a page in <iframe srcdoc>",
        ),
        (
            f'<foreignObject><form {_XHTML} action="javascript:alert(1)"/></foreignObject>',
            "a link to 'javascript:alert(1)'",
        ),
        (
            f'<foreignObject><button {_XHTML} formaction=" javascript:alert(1)">x</button>'
            "</foreignObject>",
            "a link to 'javascript:alert(1)'",
        ),
        (
            f'<foreignObject><meta {_XHTML} http-equiv="refresh" content="0;url=javascript:1"/>'
            "</foreignObject>",
            "a <meta http-equiv>",
        ),
    ],
)
def test_an_svg_that_would_run_code_where_it_is_published_is_refused(
    element: str, what: str
) -> None:
    """The SVG is copied as it is beside the Markdown (``brief_files/``) and into a site:
    opened there, its script runs in the site's origin. Engines never ran it; browsers do."""
    problem = _svg_problem(element)
    assert problem is not None and problem.reason.startswith(f"holds {what}"), problem


@pytest.mark.parametrize(
    ("element", "address"),
    [
        (f'<object {_XHTML} data="https://e.org/x"/>', "https://e.org/x"),
        (f'<video {_XHTML} poster="//e.org/p.png"/>', "//e.org/p.png"),
        (f'<img {_XHTML} srcset="data:image/png;base64,AAAA 1x, p.png 2x"/>', "p.png"),
    ],
)
def test_an_html_address_in_a_foreign_object_is_refused(element: str, address: str) -> None:
    """HTML in a <foreignObject> fetches through more attributes than src: a browser
    opening the published SVG would ask a stranger's server for them."""
    problem = _svg_problem(f"<foreignObject>{element}</foreignObject>")
    assert problem is not None and problem.reason == f"holds a reference to '{address}'", problem


def test_html_in_a_foreign_object_that_fetches_nothing_is_used() -> None:
    """A diagrams.net export: each label is HTML in a <foreignObject>."""
    label = f'<div {_XHTML} style="display: flex; width: 80px"><div data-x="1">Inputs</div></div>'
    image = f'<img {_XHTML} srcset="data:image/png;base64,AAAA 1x, data:image/png;base64,AA 2x"/>'
    assert _svg_problem(f"<foreignObject>{label}{image}</foreignObject>") is None


def test_an_svg_that_asks_for_an_outside_stylesheet_is_refused() -> None:
    svg = b'<?xml-stylesheet href="https://example.org/s.css"?>' + _svg()
    problem = drawing_problem(svg, SVG)
    assert problem is not None and "stylesheet" in problem.reason


@pytest.mark.parametrize(
    ("stylesheet", "rule"),
    [
        ("@import url(https://example.org/a.css);", "import"),
        ("@IMPORT 'a.css';", "import"),
        ("@font-face { font-family: X; src: url(x.woff) }", "font-face"),
        ("rect { fill: red } @font-face { src: local(X) }", "font-face"),
    ],
)
def test_a_stylesheet_that_loads_files_is_refused(stylesheet: str, rule: str) -> None:
    assert _svg_problem(f"<style>{stylesheet}</style>") == Defect(
        f"loads other files with @{rule} in its stylesheet; an SVG may only use what it holds",
        SELF_CONTAINED,
    )


@pytest.mark.parametrize(
    "stylesheet",
    ["", "/* @import 'a.css'; */ rect { fill: red }", "@media print { rect { fill: red } }"],
)
def test_a_stylesheet_of_its_own_is_fine(stylesheet: str) -> None:
    assert _svg_problem(f"<style>{stylesheet}</style>") is None


# -- how much it draws --------------------------------------------------------------------


def _count_limit_reason() -> str:
    return "draws more than 20,000 elements once its <use> references are expanded"


def _doubling_uses(levels: int, attribute: str = "href") -> str:
    """Each level draws the one below twice: 2**levels copies of one rect."""
    body = '<rect id="l0" width="1" height="1"/>'
    for level in range(1, levels + 1):
        use = f'<use {attribute}="#l{level - 1}"/>'
        body += f'<g id="l{level}">{use}{use}</g>'
    return f"<defs>{body}</defs><use {attribute}='#l{levels}'/>"


@pytest.mark.parametrize("attribute", ["href", "xlink:href"])
def test_uses_of_uses_are_counted_as_drawn(attribute: str) -> None:
    assert _svg_problem(_doubling_uses(10, attribute)) is None  # about 12,000 elements drawn
    assert _svg_problem(_doubling_uses(11, attribute)) == Defect(_count_limit_reason(), SIMPLER)


@pytest.mark.parametrize(
    ("reference", "copies", "fine"),
    [
        # each use draws 3 elements; with <svg>, <defs> and the pattern's own two: 3n + 4
        ('fill="url(#p)"', 6_665, True),
        ('fill="url(#p)"', 6_666, False),
        ("style=\"fill: url('#p')\"", 7_000, False),
        ('style="fill: u\\72l(#p)"', 6_666, False),  # an escape the engine decodes
        ('clip-path="url( #p)"', 7_000, False),
        ('mask="url(#p)"', 7_000, False),
        ('filter="url(#p)"', 7_000, False),
        ('stroke="url(&quot;#p&quot;)"', 7_000, False),
        ('fill="url(#other)"', 7_000, True),  # no such element: nothing drawn again
        ('fill="#p"', 7_000, True),
    ],
)
def test_a_paint_clip_mask_or_filter_is_drawn_once_per_use(
    reference: str, copies: int, fine: bool
) -> None:
    pattern = '<pattern id="p"><rect/></pattern>'
    uses = f"<rect {reference}/>" * copies
    problem = _svg_problem(f"<defs>{pattern}</defs>{uses}")
    assert (problem is None) is fine, problem


@pytest.mark.parametrize(
    ("attribute", "vertices", "fine"),
    [
        # n numbers: n + 1 markers of two elements, plus five others: 2n + 7 drawn
        ("marker-start", 9_996, True),
        ("marker-start", 9_997, False),
        ("marker-mid", 10_000, False),
        ("marker-end", 10_000, False),
        ("marker", 10_000, False),
        ("style", 10_000, False),  # style="marker: url(#m)"
        ("fill", 10_000, True),  # a marker named as a paint is drawn once
    ],
)
def test_a_marker_is_drawn_at_every_vertex(attribute: str, vertices: int, fine: bool) -> None:
    value = "marker: url(#m)" if attribute == "style" else "url(#m)"
    points = " ".join(str(index % 10) for index in range(vertices))
    marker = '<marker id="m"><rect/></marker>'
    problem = _svg_problem(
        f'<defs>{marker}</defs><polyline points="{points}" {attribute}="{value}"/>'
    )
    assert (problem is None) is fine, problem


@pytest.mark.parametrize(
    ("rule", "copies", "fine"),
    [
        (".a { fill: url(#p) }", 6_665, True),  # as from the attribute, above: 3n + 5
        (".a { fill: url(#p) }", 6_666, False),
        ("rect.a { stroke: u\\72l('#p') }", 6_666, False),  # an escape, decoded
        ("@media print { .a { fill: url(#p) } }", 6_666, False),
        (".b { fill: url(#p) }", 7_000, True),  # a rule that matches no element
        (".a::before { fill: url(#p) }", 7_000, True),  # nor a pseudo-element's
    ],
)
def test_a_paint_set_by_a_style_rule_is_drawn_once_per_element_it_matches(
    rule: str, copies: int, fine: bool
) -> None:
    """Counted from attributes only, a stylesheet of patterns in patterns (200 rects in
    each of two) drew 8 million elements counted as 600: only the worker's timeout
    stopped it."""
    pattern = '<pattern id="p"><rect/></pattern>'
    uses = '<rect class="a"/>' * copies
    problem = _svg_problem(f"<style>{rule}</style><defs>{pattern}</defs>{uses}")
    assert (problem is None) is fine, problem


@pytest.mark.parametrize(
    ("rule", "fine"),
    [("path { marker-mid: url(#m) }", False), ("path { fill: url(#m) }", True)],
)
def test_a_marker_set_by_a_style_rule_is_drawn_at_every_vertex(rule: str, fine: bool) -> None:
    """A marker at each of 10,002 vertices; the same element as a paint, once."""
    marker = '<marker id="m"><rect/></marker>'
    d = "M0 0" + " L1 2" * 5_000  # 10,002 numbers
    problem = _svg_problem(f'<style>{rule}</style><defs>{marker}</defs><path d="{d}"/>')
    assert (problem is None) is fine, problem


@pytest.mark.parametrize(("rules", "fine"), [(60, True), (70, False)])
def test_style_rules_tried_on_every_element_are_bounded(rules: int, fine: bool) -> None:
    """Rules that match nothing but are tried on every element (``*:nth-child()``) made
    the check, and the engine after it, match for seconds: 2,000 of them on 15,000
    elements took 3 s. Rules by class or tag are tried only on their elements."""
    drawing = '<defs><pattern id="p"><rect/></pattern></defs>' + "<rect/>" * 15_000
    anywhere = "".join(f"*:nth-child({1_000_000 + i}) {{ fill: url(#p) }}" for i in range(rules))
    problem = _svg_problem(f"<style>{anywhere}</style>{drawing}")
    if fine:
        assert problem is None
    else:
        assert problem == Defect(
            "has style rules that would be tried on its elements more than 1,000,000 times",
            SIMPLER,
        )
    by_class = "".join(f".c{i} {{ fill: url(#p) }}" for i in range(2_000))
    assert _svg_problem(f"<style>{by_class}</style>{drawing}") is None


def test_a_path_counts_its_numbers_as_vertices() -> None:
    marker = '<marker id="m"><rect/></marker>'
    d = "M0 0" + " L1 2" * 5_000  # 10,002 numbers
    problem = _svg_problem(f'<defs>{marker}</defs><path d="{d}" marker-mid="url(#m)"/>')
    assert problem == Defect(_count_limit_reason(), SIMPLER)


def _nested_groups(depth: int) -> str:
    return "<g>" * depth + "</g>" * depth


def test_elements_nest_thirty_two_deep() -> None:
    assert _svg_problem(_nested_groups(MAX_SVG_DEPTH - 1)) is None  # the <svg> is the first
    assert _svg_problem(_nested_groups(MAX_SVG_DEPTH)) == Defect(
        "nests elements more than 32 deep", SIMPLER
    )


def test_a_reference_followed_counts_as_a_level() -> None:
    target = f'<g id="deep">{_nested_groups(MAX_SVG_DEPTH - 3)}</g>'  # 30 levels deep
    assert _svg_problem(f"<defs>{target}</defs>") is None
    problem = _svg_problem(f'<defs>{target}</defs><g><use href="#deep"/></g>')
    assert problem == Defect("nests elements more than 32 deep", SIMPLER)


def test_a_problem_inside_a_used_element_is_found_once() -> None:
    body = '<defs><rect id="r" x="nan"/></defs>' + '<use href="#r"/>' * 3
    assert _svg_problem(body) == Defect(
        "has the number 'nan' in <rect x>, which cannot be drawn "
        "(numbers must be finite and within ±1,000,000,000)",
        REEXPORT,
    )


# -- data: images inside an SVG -----------------------------------------------------------


def _image(url: str) -> str:
    return f'<image width="1" height="1" href="{url}"/>'


@pytest.mark.parametrize(
    "url",
    [
        _data_url(_raster((3, 3)), "image/png"),
        _data_url(_raster((3, 3), "JPEG"), "image/jpeg"),
        _data_url(_svg("<rect/>"), "image/svg+xml"),
        "data:image/svg+xml," + quote(_svg("<rect/>").decode()),
        "data:image/svg+xml," + quote(_svg('<path d="M0,0 L1,1"/>').decode(), safe="/,"),
        "data:image/svg+xml;charset=utf-8;BASE64 ," + base64.b64encode(_svg()).decode(),
        "data:image/png;base64," + quote(base64.b64encode(_raster((2, 2))).decode(), safe=""),
        "data:;base64,\n" + base64.encodebytes(_raster((2, 2))).decode(),  # wrapped lines
    ],
)
def test_a_sound_data_image_is_fine(url: str) -> None:
    assert _svg_problem(_image(url)) is None


@pytest.mark.parametrize(
    "url",
    [
        "data:image/png;base64",  # no comma, no data
        "data:image/png;base64,iVBORw0KGgo=%",  # not base64
        "data:image/png;base64,iVBORw0KGgo",  # padding missing
        "data:text/plain,hello",
        "data:image/gif;base64,R0lGODlhAQABAAAAACw=",
        "data:,",
    ],
)
def test_a_data_image_that_is_not_an_image_is_refused(url: str) -> None:
    assert _svg_problem(_image(url)) == Defect(
        "embeds a data: image that is not a PNG, JPEG or SVG", REEXPORT
    )


@pytest.mark.parametrize(
    ("data", "mime", "reason"),
    [
        (_raster((40, 40))[:-30], "image/png", "cannot be decoded (Truncated File Read)"),
        (_png_header(6000, 6000), "image/png", "has more than 25,000,000 pixels (6,000 x 6,000)"),
        (b"<svg><rect x='inf'/></svg>", "image/svg+xml", "has the number 'inf' in <rect x>"),
        (b"<html><svg/></html>", "image/svg+xml", "has no <svg> root element"),
    ],
)
@pytest.mark.parametrize("attribute", ["href", "xlink:href"])
def test_a_data_image_is_checked_like_any_image(
    data: bytes, mime: str, reason: str, attribute: str
) -> None:
    problem = _svg_problem(_image(_data_url(data, mime)).replace("href=", f"{attribute}="))
    assert problem is not None
    assert problem.reason.startswith(f"embeds a data: image that {reason}")
    expected = drawing_problem(data, PNG if mime == "image/png" else SVG)
    assert expected is not None and problem.hint == expected.hint


def _nested_svg(levels: int) -> bytes:
    """An SVG holding a data: SVG holding ... ``levels`` deep."""
    data = _svg("<rect/>")
    for _ in range(levels):
        data = _svg(_image(_data_url(data, "image/svg+xml")))
    return data


def test_data_svgs_nest_two_deep() -> None:
    assert drawing_problem(_nested_svg(2), SVG) is None
    problem = drawing_problem(_nested_svg(3), SVG)
    assert problem == Defect(
        "embeds a data: image that embeds a data: image that nests data: SVG images more "
        "than 2 deep",
        SIMPLER,
    )


def test_the_pixels_of_all_data_images_are_counted_together() -> None:
    big = _data_url(_raster((5000, 2500), mode="1"), "image/png")
    other_big = _data_url(_raster((2500, 5000), mode="1"), "image/png")
    small = _data_url(_raster((1, 1), mode="1"), "image/png")
    assert _svg_problem(_image(big) + _image(big) + _image(other_big)) is None  # once each
    assert _svg_problem(_image(big) + _image(other_big) + _image(small)) == Defect(
        "embeds data: images of more than 25,000,000 pixels in all", SMALLER
    )


def test_a_data_svg_counts_its_elements_each_time_it_is_drawn() -> None:
    inner = _data_url(_svg('<rect width="1" height="1"/>' * 999), "image/svg+xml")  # 1,000
    fine = _image(inner) * 19  # 19 x (1,000 + the <image>) + the <svg>
    assert _svg_problem(fine) is None
    assert _svg_problem(fine + _image(inner)) == Defect(_count_limit_reason(), SIMPLER)
    used = f'<defs><g id="g">{_image(inner)}</g></defs>' + '<use href="#g"/>' * 20
    assert _svg_problem(used) == Defect(_count_limit_reason(), SIMPLER)


def test_a_data_svg_drawn_last_is_counted_before_it_is_accepted() -> None:
    """The last element drawn may be a data: SVG drawn at each of thousands of vertices."""
    inner = _data_url(_svg("<rect/>" * 10_000), "image/svg+xml")
    points = " ".join("1" for _ in range(4_000))
    marker = f'<defs><marker id="m">{_image(inner)}</marker></defs>'
    body = f'<polyline points="{points}" marker-mid="url(#m)"/>{marker}'  # 40 million
    assert _svg_problem(body) == Defect(_count_limit_reason(), SIMPLER)


@pytest.mark.parametrize(
    ("element", "where"),
    [
        ('<rect style="fill: {deep}"/>', "<rect style>"),
        ("<style>rect {{ fill: {deep} }}</style><rect/>", "its stylesheet"),
        ("<style>{media}</style><rect/>", "its stylesheet"),
    ],
)
def test_css_nested_thousands_deep_is_refused_without_recursion(element: str, where: str) -> None:
    """``f(f(f(...)))`` or ``@media {`` 3,000 deep: the checks walked the CSS recursively
    and failed with Python's recursion limit, a crash instead of a refusal. Past 32 levels
    (as for elements) it is refused: the engine reads CSS recursively too."""
    deep = "f(" * 3_000 + "url(#a)" + ")" * 3_000
    media = "@media print {" * 3_000 + "rect { fill: url(#a) }" + "}" * 3_000
    problem = _svg_problem(element.format(deep=deep, media=media))
    assert problem == Defect(f"nests {where} more than 32 deep", SIMPLER)

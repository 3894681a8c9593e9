"""Self-test of tests/pdfcheck.py on real WeasyPrint output and on hand-broken PDFs.

Every WeasyPrint PDF/A and PDF/UA variant is rendered from one accessible HTML sample and
checked against its own variant; negative samples (no lang, no title, image without alt,
untagged, skipped heading, running footer, transparency in PDF/A-1, JavaScript, encryption,
unembedded font, bad role map) must each be caught. Needs weasyprint and pikepdf[pdfa].
"""

from __future__ import annotations

import base64
import struct
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import weasyprint

from tests.pdfcheck import check_pdf, parse_variant


def _png_data_url() -> str:
    """A 4x4 red RGB PNG as a data: URL (no alpha, so it is legal in PDF/A-1 too)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * 4 for _ in range(4))
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    return "data:image/png;base64," + base64.b64encode(png).decode()


BODY = f"""<h1>Evaluation brief</h1>
<p>Summary with <a href="https://example.org/report">the full report</a>.</p>
<h2>Findings</h2>
<p>Results in one chart.</p>
<img src="{_png_data_url()}" alt="Bar chart of the results" width="40" height="40">
<h2>Method</h2>
<p>How it was done.</p>"""


def page(body: str = BODY, *, lang: str = ' lang="en"', title: str = "Evaluation brief") -> str:
    head = f"<title>{title}</title>" if title else ""
    return f'<!doctype html><html{lang}><head><meta charset="utf-8">{head}</head><body>{body}'


def render(path: Path, html: str, variant: str | None = None, **options: Any) -> Path:
    weasyprint.HTML(string=html).write_pdf(path, pdf_variant=variant, **options)
    return path


WEASYPRINT_VARIANTS = [
    "pdf/a-1b", "pdf/a-2b", "pdf/a-3b", "pdf/a-2u", "pdf/a-3u", "pdf/a-4u",
    "pdf/a-1a", "pdf/a-2a", "pdf/a-3a", "pdf/ua-1", "pdf/ua-2",
]  # fmt: skip

# What WeasyPrint 70 gets wrong with default options, as substrings of the violations.
INTERPOLATE = "/Interpolate"  # <img> with CSS image-rendering: auto (the default)
KNOWN_FAILURES = {variant: [INTERPOLATE] for variant in WEASYPRINT_VARIANTS if "/a-" in variant}
# ISO 19005-4 has no "u" level: pdfaid:conformance must be absent, E or F. No option fixes it.
A4U_CONFORMANCE = "pdfaid:conformance is 'U', expected None"
KNOWN_FAILURES["pdf/a-4u"].append(A4U_CONFORMANCE)
# PDF 2.0 requires a trailer /ID; fixed by write_pdf(..., pdf_identifier=True).
KNOWN_FAILURES["pdf/ua-2"] = ["PDF 2.0 file must have a trailer /ID"]

# The fixes: no image interpolation, and a file identifier for PDF 2.0 (harmless elsewhere).
FIX_CSS = "<style>img { image-rendering: crisp-edges }</style>"
FIX_OPTIONS = {"pdf_identifier": True}


def assert_only(problems: list[str], fragments: list[str]) -> None:
    """Every problem matches one of the fragments, and every fragment matches a problem."""
    for problem in problems:
        assert any(fragment in problem for fragment in fragments), (problem, fragments)
    for fragment in fragments:
        assert any(fragment in problem for problem in problems), (fragment, problems)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, bytes]]:
    """Each variant rendered twice: the file of the first render, the bytes of the second."""
    folder = tmp_path_factory.mktemp("variants")
    out: dict[str, tuple[Path, bytes]] = {}
    for variant in WEASYPRINT_VARIANTS:
        path = render(folder / (variant.replace("/", "_") + ".pdf"), page(), variant)
        again = weasyprint.HTML(string=page()).write_pdf(pdf_variant=variant)
        out[variant] = (path, again)
    return out


@pytest.mark.parametrize("variant", WEASYPRINT_VARIANTS)
def test_weasyprint_variant_with_default_options(
    rendered: dict[str, tuple[Path, bytes]], variant: str
) -> None:
    assert_only(check_pdf(rendered[variant][0], variant), KNOWN_FAILURES.get(variant, []))


@pytest.mark.parametrize("variant", WEASYPRINT_VARIANTS)
def test_weasyprint_variant_with_fixes(tmp_path: Path, variant: str) -> None:
    path = render(tmp_path / "fixed.pdf", page(BODY + FIX_CSS), variant, **FIX_OPTIONS)
    expected = [A4U_CONFORMANCE] if variant == "pdf/a-4u" else []
    assert_only(check_pdf(path, variant), expected)


@pytest.mark.parametrize("variant", WEASYPRINT_VARIANTS)
def test_weasyprint_variant_is_byte_identical_across_renders(
    rendered: dict[str, tuple[Path, bytes]], variant: str
) -> None:
    path, again = rendered[variant]
    assert path.read_bytes() == again


def test_pdfa_and_pdfua_in_one_file(tmp_path: Path) -> None:
    """PDF/A-3u + tags + pdfuaid (with its PDF/A extension schema, via a finisher)."""
    html = page(BODY + FIX_CSS)
    path = render(tmp_path / "a3u_ua1.pdf", html, "pdf/a-3u", pdf_tags=True, finisher=add_pdfua_xmp)
    assert check_pdf(path, "pdf/ua-1") == []
    assert check_pdf(path, "pdf/a-3u", pikepdf_pdfa=False) == []
    # pikepdf.pdfa is an allowlist and rejects every extension schema, hence pdfuaid too.
    deep = check_pdf(path, "pdf/a-3u")
    assert deep and all("6.6.2.3.1-1" in problem for problem in deep)


PDFUA_XMP = b"""<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
 pdfuaid:part="1"/><rdf:Description rdf:about=""
 xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"><pdfaExtension:schemas><rdf:Bag>
<rdf:li rdf:parseType="Resource"><pdfaSchema:schema>PDF/UA identification</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix><pdfaSchema:property><rdf:Seq>
<rdf:li rdf:parseType="Resource"><pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Part of ISO 14289</pdfaProperty:description></rdf:li>
</rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>
"""


def add_pdfua_xmp(document: Any, pdf: Any) -> None:
    """WeasyPrint finisher: add pdfuaid:part=1 and its extension schema to the XMP packet."""
    stream = pdf.objects[int(pdf.catalog["Metadata"].split()[0])]
    xmp = b"".join(stream.stream)
    stream.stream = [xmp.replace(b"</rdf:RDF>", PDFUA_XMP + b"</rdf:RDF>")]


# --------------------------------------------------------------------------- negatives

TWO_AUTHORS = '<meta name="author" content="A"><meta name="author" content="B">'

NEGATIVES: list[tuple[str, str, str | None, dict[str, Any], list[str]]] = [
    ("no-lang", page(lang=""), "pdf/ua-1", {}, ["no non-empty /Lang"]),
    ("no-title", page(title=""), "pdf/ua-1", {}, ["no document title", "no dc:title"]),
    ("no-title-pdfa", page(title=""), "pdf/a-3u", {}, ["no document title"]),
    (
        "img-without-alt",
        page(BODY.replace(' alt="Bar chart of the results"', "")),
        "pdf/ua-1",
        {},
        ["figure (page 1) has no /Alt or /ActualText"],
    ),
    (
        "svg-without-title",
        page(BODY + '<svg width="9" height="9"><rect width="9" height="9"/></svg>'),
        "pdf/ua-1",
        {},
        ["has no /Alt or /ActualText"],
    ),
    (
        "untagged",
        page(),
        None,  # rendered without a variant, checked as PDF/UA-1 below
        {},
        [
            "/MarkInfo /Marked is not true",
            "no /StructTreeRoot",
            "pdfuaid:part",
            "/DisplayDocTitle",
            "outside any tagged",
            "/Tabs is not /S",
            "Link annotation is not in the structure tree",
        ],
    ),
    ("skipped-heading", page("<h1>A</h1><h3>C</h3><p>x</p>"), "pdf/ua-1", {}, ["H1 then H3"]),
    ("no-heading", page("<p>Only a paragraph.</p>"), "pdf/ua-1", {}, ["no heading"]),
    (
        "running-footer",
        page(BODY + "<style>@page { @bottom-center { content: counter(page) } }</style>"),
        "pdf/ua-1",
        {},
        ["is not reachable from the structure tree"],
    ),
    (
        "transparency-in-pdfa1",
        page(BODY + '<p style="opacity: .5">faint</p>'),
        "pdf/a-1b",
        {},
        ["/CA 0.5", "/ca 0.5", "transparency group"],
    ),
    (
        "two-authors-in-pdfa1",
        page().replace("</title>", "</title>" + TWO_AUTHORS),
        "pdf/a-1b",
        {},
        ["Info /Author 'A, B' does not match XMP creator"],
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("html", "variant", "options", "expected"),
    [case[1:] for case in NEGATIVES],
    ids=[case[0] for case in NEGATIVES],
)
def test_negative_sample_is_caught(
    tmp_path: Path, html: str, variant: str | None, options: dict[str, Any], expected: list[str]
) -> None:
    path = render(tmp_path / "sample.pdf", html, variant, **options)
    problems = check_pdf(path, variant or "pdf/ua-1")
    for fragment in expected:
        assert any(fragment in problem for problem in problems), (fragment, problems)


def test_pdfa_rules_on_a_plain_pdf(tmp_path: Path) -> None:
    problems = check_pdf(render(tmp_path / "plain.pdf", page()), "pdf/a-3u")
    for fragment in ("no XMP metadata", "no GTS_PDFA1", "trailer has no /ID", "Print flag"):
        assert any(fragment in problem for problem in problems), (fragment, problems)


def test_wrong_conformance_level(rendered: dict[str, tuple[Path, bytes]]) -> None:
    problems = check_pdf(rendered["pdf/a-2b"][0], "pdf/a-2u")
    assert_only(problems, ["pdfaid:conformance is 'B', expected 'U'", INTERPOLATE])
    problems = check_pdf(rendered["pdf/a-1b"][0], "pdf/a-1a")
    assert any("level a is tagged" in problem for problem in problems)


def test_common_rules_only(rendered: dict[str, tuple[Path, bytes]], tmp_path: Path) -> None:
    assert check_pdf(rendered["pdf/ua-1"][0], None) == []
    problems = check_pdf(render(tmp_path / "bare.pdf", page(lang="", title="")), None)
    assert len(problems) == 2, problems


# --------------------------------------------------------------------------- hand-broken PDFs


def _edit(source: Path, target: Path, change: Callable[[pikepdf.Pdf], None], **save: Any) -> Path:
    with pikepdf.open(source) as pdf:
        change(pdf)
        pdf.save(target, **save)
    return target


def test_javascript_and_encryption(rendered: dict[str, tuple[Path, bytes]], tmp_path: Path) -> None:
    def add_js(pdf: pikepdf.Pdf) -> None:
        pdf.Root.OpenAction = pikepdf.Dictionary(
            S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)")
        )

    source = rendered["pdf/a-3u"][0]
    problems = check_pdf(_edit(source, tmp_path / "js.pdf", add_js), "pdf/a-3u")
    assert any("forbidden action /JavaScript" in problem for problem in problems)
    encrypted = _edit(
        source, tmp_path / "enc.pdf", lambda pdf: None, encryption=pikepdf.Encryption(owner="o")
    )
    assert any("encrypted" in problem for problem in check_pdf(encrypted, None))


def test_unembedded_font_without_unicode(tmp_path: Path) -> None:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
        )
    )
    pdf.pages[0].Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    pdf.pages[0].Contents = pdf.make_stream(b"BT /F1 12 Tf 72 720 Td (Hi) Tj ET")
    pdf.save(tmp_path / "font.pdf")
    problems = check_pdf(tmp_path / "font.pdf", "pdf/ua-1")
    assert any("font Helvetica (Type1) is not embedded" in problem for problem in problems)
    assert any("font Helvetica has no /ToUnicode" in problem for problem in problems)


def test_role_map(rendered: dict[str, tuple[Path, bytes]], tmp_path: Path) -> None:
    source = rendered["pdf/ua-1"][0]

    def rename_paragraphs(pdf: pikepdf.Pdf, role_map: dict[str, str]) -> None:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == pikepdf.Name.P:
                obj.S = pikepdf.Name("/Para")
        pdf.Root.StructTreeRoot.RoleMap = pikepdf.Dictionary(
            {f"/{k}": pikepdf.Name(f"/{v}") for k, v in role_map.items()}
        )

    unmapped = _edit(source, tmp_path / "a.pdf", lambda pdf: rename_paragraphs(pdf, {}))
    assert any("/Para is neither standard" in p for p in check_pdf(unmapped, "pdf/ua-1"))
    mapped = _edit(source, tmp_path / "b.pdf", lambda pdf: rename_paragraphs(pdf, {"Para": "P"}))
    assert check_pdf(mapped, "pdf/ua-1") == []
    remap = {"Para": "P", "Span": "Para"}
    remapped = _edit(source, tmp_path / "c.pdf", lambda pdf: rename_paragraphs(pdf, remap))
    assert any("remaps standard type /Span" in p for p in check_pdf(remapped, "pdf/ua-1"))


def test_parse_variant() -> None:
    assert parse_variant(None) is None
    assert parse_variant("PDF/A-3u") == parse_variant("a-3u")
    assert parse_variant("pdf/a-4u") == parse_variant("pdf/a-4")  # PDF/A-4 has no "u" level
    for bad in ("pdf/a-1u", "pdf/x-4", "pdf/ua-3", ""):
        with pytest.raises(ValueError, match="unknown PDF variant"):
            parse_variant(bad)

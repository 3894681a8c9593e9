"""What a brief's content and images may cost: every bound refused at its line, cheaply.

Each reproducer is generated here (nothing big is committed) and run through the real CLI.
The costly ones run in a subprocess under ``resource`` limits (address space and CPU time),
so a regression fails fast with a killed process instead of eating the machine.
"""

from __future__ import annotations

import base64
import resource
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from tests.cli_runner import invoke
from tests.conftest import BRIEF_HEAD, ROOT

MEMORY_LIMIT = 1_500_000_000  # bytes of address space for one briefgen process
CPU_LIMIT = 30  # seconds of CPU time for one briefgen process


def run(*args: str) -> tuple[int, str]:
    """The CLI in this process, for the cheap cases."""
    result = invoke(*args)
    return result.exit_code, " ".join(result.output.split())


def _limit_resources() -> None:  # runs in the child, before briefgen starts
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT, CPU_LIMIT))


def run_limited(*args: str) -> tuple[int, str]:
    """The CLI in a child process that is killed past its memory or CPU allowance."""
    result = subprocess.run(
        [sys.executable, "-m", "briefgen", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=CPU_LIMIT * 4,
        preexec_fn=_limit_resources,
    )
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-3000:]
    return result.returncode, " ".join(output.split())


HEADER = BRIEF_HEAD


def figure_brief(image: str, logo: str | None = None) -> str:
    """A brief whose figure (line 11, column 12) and logo (line 14) name ``image``."""
    theme = f"theme:\n  logo: '{logo}'\n" if logo else ""
    return (
        HEADER + "sections:\n  - kind: background\n    text: Some text.\n"
        f"  - kind: figure\n    image: '{image}'\n    alt: A chart\n{theme}"
    )


# 2. Aliases may not expand a brief past the size of the largest file ----------------------


@pytest.mark.parametrize("aliases", [1_000, 10_000, 45_000])
def test_alias_amplification_is_refused_at_the_alias(tmp_path: Path, aliases: int) -> None:
    brief = tmp_path / "amplified.yaml"
    brief.write_text(
        HEADER + "sections:\n  - kind: background\n    text: &big " + "x" * 500_000 + "\n"
        "  - kind: recommendations\n    items: [" + ", ".join(["*big"] * aliases) + "]\n"
    )
    assert brief.stat().st_size < 1_000_000  # under the file cap: only expansion is refused
    code, output = run_limited("render", str(brief), "-f", "md", "-o", str(tmp_path / "out"))
    assert code == 1, output
    assert (
        "amplified.yaml:11:13: expands to more than 1,000,000 characters (too many aliases?)"
    ) in output
    assert not list(tmp_path.glob("out/*"))


def test_aliases_within_the_bound_still_work(tmp_path: Path) -> None:
    brief = tmp_path / "b.yaml"
    brief.write_text(
        HEADER + "sections:\n  - kind: background\n    text: &t Some text.\n"
        "  - kind: findings\n    text: *t\n"
    )
    code, output = run("validate", str(brief))
    assert code == 0, output


# 3. An SVG's drawing work is bounded ------------------------------------------------------


def use_fan_out(levels: int, width: int = 10) -> str:
    """An SVG whose ``<use>`` elements draw ``width ** levels`` rectangles."""
    groups = ['<rect id="l0" width="1" height="1"/>']
    for level in range(1, levels + 1):
        uses = f'<use href="#l{level - 1}"/>' * width
        groups.append(f'<g id="l{level}">{uses}</g>')
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
        f'<defs>{"".join(groups)}</defs><use href="#l{levels}"/></svg>'
    )


def test_use_fan_out_is_refused_at_validation(tmp_path: Path) -> None:
    (tmp_path / "fan.svg").write_text(use_fan_out(6))
    assert (tmp_path / "fan.svg").stat().st_size < 1_300
    brief = tmp_path / "b.yaml"
    brief.write_text(figure_brief("fan.svg"))
    code, output = run_limited("render", str(brief), "-o", str(tmp_path / "out"))
    assert code == 1, output
    assert (
        "b.yaml:11:12: sections[1].image: 'fan.svg' draws more than 20,000 elements once "
        "its <use> references are expanded (simplify the drawing, or export it as a PNG)"
    ) in output
    assert not list(tmp_path.glob("out/*"))


def test_deep_use_chains_are_refused(tmp_path: Path) -> None:
    chain = "".join(f'<g id="u{i}"><use href="#u{i - 1}"/></g>' for i in range(1, 40))
    (tmp_path / "deep.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        f'<defs><rect id="u0" width="1" height="1"/>{chain}</defs><use href="#u39"/></svg>'
    )
    brief = tmp_path / "b.yaml"
    brief.write_text(figure_brief("deep.svg", logo="deep.svg"))
    code, output = run("validate", str(brief))
    assert code == 1
    assert "b.yaml:11:12: sections[1].image: 'deep.svg' nests elements more than 32 deep" in output
    assert "b.yaml:14:9: theme.logo: 'deep.svg' nests elements more than 32 deep" in output


def test_a_modest_use_fan_out_still_renders(tmp_path: Path) -> None:
    (tmp_path / "fan.svg").write_text(use_fan_out(3))  # 1,000 rectangles
    brief = tmp_path / "b.yaml"
    brief.write_text(figure_brief("fan.svg"))
    code, output = run("validate", str(brief))
    assert code == 0, output


# 4. One pixel ceiling for every raster image, decoded in full ------------------------------


def png_chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")


def palette_png(width: int, height: int) -> bytes:
    """A valid palette PNG of any size: one colour, so it compresses ~1000:1."""
    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 3, 0, 0, 0])
    compressor = zlib.compressobj(9)
    row = bytes(width + 1)  # filter byte 0, then palette index 0 for every pixel
    pixels = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"PLTE", b"\x20\x40\x80")
        + png_chunk(b"IDAT", pixels)
        + png_chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def huge_png() -> bytes:
    """13000 x 13000 pixels (169 million) in about 165 KB."""
    return palette_png(13_000, 13_000)


def svg_with_data_image(png: bytes) -> str:
    encoded = base64.b64encode(png).decode("ascii")
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        f'<image width="10" height="10" href="data:image/png;base64,{encoded}"/></svg>'
    )


PIXELS = "has more than 25,000,000 pixels"


def test_a_huge_png_is_refused_by_its_header(tmp_path: Path, huge_png: bytes) -> None:
    assert len(huge_png) < 200_000
    (tmp_path / "huge.png").write_bytes(huge_png)
    (tmp_path / "inside.svg").write_text(svg_with_data_image(huge_png))
    brief = tmp_path / "b.yaml"
    brief.write_text(figure_brief("huge.png", logo="inside.svg"))
    code, output = run_limited("render", str(brief), "-o", str(tmp_path / "out"))
    assert code == 1, output
    assert f"b.yaml:11:12: sections[1].image: 'huge.png' {PIXELS}" in output
    assert f"b.yaml:14:9: theme.logo: 'inside.svg' embeds a data: image that {PIXELS}" in output
    assert not list(tmp_path.glob("out/*"))


def test_a_png_just_over_the_ceiling_is_refused(tmp_path: Path) -> None:
    (tmp_path / "big.png").write_bytes(palette_png(5_001, 5_000))  # Pillow would not warn
    (tmp_path / "fine.png").write_bytes(palette_png(5_000, 5_000))
    brief = tmp_path / "b.yaml"
    brief.write_text(figure_brief("big.png", logo="fine.png"))
    code, output = run_limited("validate", str(brief))
    assert code == 1
    assert f"b.yaml:11:12: sections[1].image: 'big.png' {PIXELS}" in output
    assert "theme.logo" not in output


def test_corrupt_pixel_data_is_refused_at_its_line(tmp_path: Path) -> None:
    import weasyprint  # noqa: F401  -- it makes Pillow accept truncated images process-wide

    header = (10).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])
    corrupt = (  # every chunk's checksum is right; only the compressed pixels are garbage
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", b"x\x9c" + b"\xff" * 40)
        + png_chunk(b"IEND", b"")
    )
    (tmp_path / "corrupt.png").write_bytes(corrupt)
    brief = tmp_path / "b.yaml"
    brief.write_text(figure_brief("corrupt.png"))
    code, output = run("validate", str(brief))
    assert code == 1
    assert "b.yaml:11:12: sections[1].image: 'corrupt.png' cannot be decoded" in output


# 10. What an SVG draws must be drawable: references and numbers ---------------------------


@pytest.mark.parametrize(
    ("element", "reference"),
    [
        ('<image href="file:///etc/hostname" width="5" height="5"/>', "file:///etc/hostname"),
        ('<image xlink:href="chart.png" width="5" height="5"/>', "chart.png"),
        ('<image href="https://example.org/x.png" width="5" height="5"/>', "https://example.org"),
        ('<use href="other.svg#shape"/>', "other.svg#shape"),
        ("<style>@import url(https://example.org/a.css);</style>", "@import"),
        ("<style>@font-face { src: url(/tmp/f.ttf) }</style>", "@font-face"),
    ],
)
def test_an_svg_may_only_use_what_it_holds(tmp_path: Path, element: str, reference: str) -> None:
    (tmp_path / "chart.png").write_bytes(palette_png(2, 2))
    (tmp_path / "refs.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        f' width="10" height="10">{element}<rect width="5" height="5"/></svg>'
    )
    brief = tmp_path / "b.yaml"
    brief.write_text(figure_brief("refs.svg"))
    code, output = run("validate", str(brief))
    assert code == 1
    assert "b.yaml:11:12: sections[1].image: 'refs.svg' " in output
    assert reference in output
    assert "(embed what it uses as data: URLs, or export it as a PNG)" in output


@pytest.mark.parametrize(
    "svg_attributes",
    [
        'width="nan" height="10"',
        'width="1e400" height="10"',
        'width="10" height="inf"',
        'width="-10" height="10"',
        'width="10" height="10" viewBox="0 0 nan 10"',
        'width="10" height="10" viewBox="0 0 10 -10"',
    ],
)
def test_an_svg_size_must_be_a_finite_positive_number(tmp_path: Path, svg_attributes: str) -> None:
    (tmp_path / "size.svg").write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" {svg_attributes}>'
        '<rect width="5" height="5"/></svg>'
    )
    brief = tmp_path / "b.yaml"
    brief.write_text(figure_brief("size.svg"))
    code, output = run("render", str(brief), "-f", "pdf", "-o", str(tmp_path / "out"))
    assert code == 1, output
    assert "b.yaml:11:12: sections[1].image: 'size.svg' " in output
    assert not list(tmp_path.glob("out/*"))


@pytest.mark.parametrize(
    "shape",
    [
        '<rect width="nan" height="5"/>',
        '<path d="M0 0 L 1e400 5"/>',
        '<rect width="5" height="5" transform="scale(NaN)"/>',
        '<polygon points="0,0 nan,1 2,2"/>',
        '<circle r="inf" cx="1" cy="1"/>',
        '<rect width="5" height="5" style="stroke-width: 1e400"/>',
    ],
)
def test_an_svg_number_must_be_finite(tmp_path: Path, shape: str) -> None:
    (tmp_path / "shape.svg").write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">{shape}</svg>'
    )
    brief = tmp_path / "b.yaml"
    brief.write_text(figure_brief("shape.svg"))
    code, output = run("validate", str(brief))
    assert code == 1, output
    assert "b.yaml:11:12: sections[1].image: 'shape.svg' has the number " in output


def test_an_ordinary_svg_still_passes(tmp_path: Path) -> None:
    encoded = base64.b64encode(palette_png(4, 4)).decode("ascii")
    (tmp_path / "fine.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        ' width="100" height="50" viewBox="0 0 200 100">'
        "<style>rect { fill: url(#g); stroke-width: 1.5e0 }</style>"
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>'
        '<path id="p" d="M0 0 L 10 -10.5e-1 Z"/></defs>'
        '<a href="https://example.org/source"><rect width="50" height="20" rx=".5"/></a>'
        '<use xlink:href="#p" transform="translate(5 5) scale(-1)"/>'
        f'<image href="data:image/png;base64,{encoded}" width="4" height="4"/>'
        '<text font-family="Infinity Sans" x="1" y="30">nan inf</text></svg>'
    )
    brief = tmp_path / "b.yaml"
    brief.write_text(figure_brief("fine.svg"))
    code, output = run("render", str(brief), "-f", "pdf", "-o", str(tmp_path / "out"))
    assert code == 0, output


def test_the_engine_still_fails_on_a_reference_refused_while_drawing(tmp_path: Path) -> None:
    """Behind the load-time check: an SVG reference refused at write time is an error too."""
    from briefgen.errors import BriefError
    from briefgen.render.pdf.engine import PdfEngine, PrintJob

    svg = tmp_path / "refs.svg"
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        '<image href="file:///etc/hostname" width="5" height="5"/></svg>'
    )
    html = f'<html lang="en"><title>t</title><img src="{svg.as_uri()}" alt="x"></html>'
    job = PrintJob(html, tmp_path.as_uri() + "/", frozenset({svg.as_uri()}), "none", "b.yaml")
    engine = PdfEngine()
    engine.layout(job)
    with pytest.raises(BriefError, match="file:///etc/hostname"):
        engine.write()

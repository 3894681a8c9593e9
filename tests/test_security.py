"""What a hostile or broken brief can make briefgen do: nothing beyond writing its outputs.

Each test feeds the real CLI (or the library) an input written to misbehave and checks the
result a user or a CI job would see: a located error and exit 1, or escaped text.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pytest

from briefgen.errors import BriefError
from briefgen.output import output_path, write_atomically
from tests.cli_runner import invoke
from tests.conftest import PNG, ROOT
from tests.processes import maps_library, session_processes, wait_until


def brief_yaml(title: str = "A title", image: str | None = None, text: str = "Some text.") -> str:
    figure = f"  - kind: figure\n    image: '{image}'\n    alt: A chart\n" if image else ""
    return (
        "organisation:\n  name: Office\ndate: 2017-10\n"
        f"evaluation:\n  type: Evaluation\n  title: '{title}'\n"
        f"sections:\n  - kind: background\n    text: '{text}'\n{figure}"
    )


def run(*args: str) -> tuple[int, str]:
    result = invoke(*args)
    return result.exit_code, result.output


# 1. Safe loading -------------------------------------------------------------------------


def test_python_tag_is_refused_with_its_line(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    brief = tmp_path / "b.yaml"
    brief.write_text(brief_yaml() + f"series: !!python/object/apply:os.system ['touch {marker}']\n")
    code, output = run("validate", str(brief))
    assert code == 1
    assert "b.yaml:10:9: series: unsupported YAML tag" in output
    assert "python/object/apply:os.system" in output
    assert not marker.exists()


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    brief = tmp_path / "lol.yaml"
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    brief.write_text("\n".join(lines) + "\n")
    code, output = run("validate", str(brief))
    assert code == 1
    # Expanded, the file holds 9**10 values; building stops at the cap, so the work is
    # bounded whatever the machine (measured ~0.1 s; timings belong in bench/, not here).
    assert "expands to more than 50,000 values (too many aliases?)" in output


def test_oversized_input_is_refused(tmp_path: Path) -> None:
    brief = tmp_path / "big.yaml"
    brief.write_text(brief_yaml() + "# " + "x" * 1_100_000 + "\n")
    code, output = run("validate", str(brief))
    assert code == 1
    assert "big.yaml: is larger than 1 MB" in output


# 2. Text is text ---------------------------------------------------------------------------

HOSTILE_TEXTS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '<img src="file:///etc/passwd">',
    '<link rel=attachment href="file:///etc/hostname">',
    "[click](javascript:alert(3)) <javascript:alert(4)>",
    "{{ 7*7 }} {% for x in range(3) %}X{% endfor %}",
]


@pytest.fixture(scope="module")
def hostile_outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile_text")
    text = " ".join(HOSTILE_TEXTS)
    quoted = text.replace("'", "''")
    brief = folder / "h.yaml"
    brief.write_text(
        f"organisation:\n  name: '{quoted}'\n  acronym: '{quoted}'\n  unit: '{quoted}'\n"
        f"series: '{quoted}'\ndate: 2017-10\n"
        f"evaluation:\n  type: '{quoted}'\n  title: '{quoted}'\n  subtitle: '{quoted}'\n"
        f"  report:\n    url: https://example.org/report\n    text: '{quoted}'\n"
        f"keywords: ['{quoted}']\nsummary: '{quoted}'\n"
        "quick_facts:\n  - label: '<script>f()</script>'\n"
        "    value: [{name: '<img src=x onerror=g()>', role: '{{ 7*7 }}'}]\n"
        f"sections:\n  - kind: custom\n    heading: '{quoted}'\n    text: '{quoted}'\n"
        f"    items: ['{quoted}']\n    closing: '{quoted}'\n"
        f"  - kind: figure\n    caption: '{quoted}'\n    credit: '{quoted}'\n"
        f"contact:\n  unit: '{quoted}'\n  organisation: '{quoted}'\n  address: ['{quoted}']\n"
        f"  phone: '{quoted}'\n"
    )
    code, output = run("render", str(brief), "-o", str(folder / "out"), "--max-pages", "9")
    assert code == 0, output
    return folder / "out"


def test_raw_html_never_reaches_the_html(hostile_outputs: Path) -> None:
    html = (hostile_outputs / "h.html").read_text()
    for needle in ("<script", "<img", "<link", 'href="javascript', "onerror=alert(2)>"):
        assert needle not in html, needle
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    text = re.sub(r"<style>.*?</style>", "", html, flags=re.S)  # the embedded fonts' data
    assert "{{ 7*7 }}" in text and "49" not in text
    assert "{% for x in range(3) %}X{% endfor %}" in html


def test_raw_html_never_reaches_the_markdown(hostile_outputs: Path) -> None:
    markdown = (hostile_outputs / "h.md").read_text()
    # Only backslash-escaped, i.e. literal, brackets may remain.
    unescaped = re.findall(r"(?<!\\)(<(?:script|img|link|javascript)|\]\(javascript)", markdown)
    assert unescaped == []
    assert "\\<script\\>alert(1)\\</script\\>" in markdown
    assert "XXX" not in markdown and "49" not in markdown


def test_pdf_shows_the_text_literally(hostile_outputs: Path) -> None:
    text = subprocess.run(
        ["pdftotext", str(hostile_outputs / "h.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.replace("/\n", "/")  # a line may break after a slash
    assert "<script>alert(1)</script>" in text
    assert '<img src="file:///etc/passwd">' in text
    assert "{{ 7*7 }}" in text
    with pikepdf.open(hostile_outputs / "h.pdf") as pdf:
        assert not pdf.attachments  # <link rel=attachment> was text, not an attachment
        names = {str(key) for page in pdf.pages for key in page.get_images()}
        assert not names  # no image fetched from anywhere


# 3. Resources stay where they belong ------------------------------------------------------


@pytest.mark.parametrize(
    ("image", "message"),
    [
        ("../outside.png", "is outside the brief's folder"),
        ("/etc/hostname", "is outside the brief's folder"),
        ("link.png", "is outside the brief's folder"),
        ("file:///etc/passwd", "is a URL; briefgen only uses files next to the brief"),
        ("https://example.org/x.png", "is a URL; briefgen only uses files next to the brief"),
        ("http://169.254.169.254/latest", "is a URL; briefgen only uses files next to the brief"),
        ("data:image/png;base64,AAAA", "is a URL; briefgen only uses files next to the brief"),
    ],
)
def test_images_outside_the_folder_are_refused(tmp_path: Path, image: str, message: str) -> None:
    (tmp_path / "outside.png").write_bytes(PNG)
    folder = tmp_path / "brief"
    folder.mkdir()
    (folder / "link.png").symlink_to(tmp_path / "outside.png")
    brief = folder / "b.yaml"
    brief.write_text(brief_yaml(image=image))
    code, output = run("render", str(brief), "-f", "html", "-o", str(tmp_path / "out"))
    assert code == 1
    assert f"b.yaml:11:12: sections[1].image: '{image}' {message}" in output
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_templates_folder_outside_is_refused(tmp_path: Path) -> None:
    brief = tmp_path / "b.yaml"
    brief.write_text(brief_yaml() + "templates: ../../etc\n")
    code, output = run("validate", str(brief))
    assert code == 1
    assert "b.yaml:10:12: templates: '../../etc' is outside the brief's folder" in output


def test_user_template_cannot_fetch_local_files(tmp_path: Path) -> None:
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / "brief.pdf.html.j2").write_text(
        '{% extends "base.html.j2" %}'
        '{% block page_footer %}<img src="file:///etc/hostname">{% endblock %}'
    )
    brief = tmp_path / "b.yaml"
    brief.write_text(brief_yaml())
    out = tmp_path / "out"
    code, output = run(
        "render", str(brief), "-f", "pdf", "-o", str(out), "--templates", str(templates)
    )
    assert code == 1
    assert "asked for resources briefgen does not allow: file:///etc/hostname" in output
    assert not (out / "b.pdf").exists()


def test_brief_template_folder_is_sandboxed(tmp_path: Path) -> None:
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "brief.html.j2").write_text(
        "{{ cycler.__init__.__globals__.os.system('touch pwned') }}"
    )
    brief = tmp_path / "b.yaml"
    brief.write_text(brief_yaml() + "templates: tpl\n")
    code, output = run("render", str(brief), "-f", "html", "-o", str(tmp_path / "out"))
    assert code == 1
    assert "tried something templates may not do" in output or "template error" in output
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()


# 4. Never lose a good output --------------------------------------------------------------


def test_killed_render_keeps_the_previous_pdf(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text((ROOT / "data" / "brief.yaml").read_text())
    out = tmp_path / "out"
    command = [sys.executable, "-m", "briefgen", "render", str(brief), "-f", "pdf", "-o", str(out)]
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
    before = (out / "brief.pdf").read_bytes()
    brief.write_text(brief.read_text().replace("series: Briefs", "series: Changed"))
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )

    def laying_out() -> bool:  # WeasyPrint's Pango is loaded in the command's worker
        return any(maps_library(pid, "libpango") for pid in session_processes(process.pid))

    wait_until(lambda: laying_out() or process.poll() is not None, 20)
    time.sleep(0.3)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert wait_until(lambda: not session_processes(process.pid), 10)
    after = (out / "brief.pdf").read_bytes()
    if process.returncode == -signal.SIGKILL:
        assert after == before
    else:  # finished first: the new file must then be whole
        with pikepdf.open(out / "brief.pdf") as pdf:
            assert len(pdf.pages) == 2
    visible = sorted(path.name for path in out.iterdir() if not path.name.startswith("."))
    assert visible == ["brief.pdf"]


def test_interrupted_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "brief.pdf"
    target.write_bytes(b"old")

    def fail(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert [path.name for path in tmp_path.iterdir()] == ["brief.pdf"]


def test_invalid_brief_leaves_outputs_and_input_untouched(tmp_path: Path) -> None:
    brief = tmp_path / "b.yaml"
    brief.write_text(brief_yaml())
    out = tmp_path / "out"
    assert run("render", str(brief), "-f", "html", "-f", "md", "-o", str(out))[0] == 0
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    brief.write_text(brief_yaml().replace("date: 2017-10", "date: 2017-13"))
    stat, content = brief.stat(), brief.read_bytes()
    code, output = run("render", str(brief), "-f", "html", "-f", "md", "-o", str(out))
    assert code == 1 and "b.yaml:3:7: date:" in output
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before
    assert brief.read_bytes() == content and brief.stat().st_mtime_ns == stat.st_mtime_ns


def test_render_never_writes_its_input(tmp_path: Path) -> None:
    brief = tmp_path / "b.md"  # a YAML brief with the Markdown output's name
    brief.write_text(brief_yaml())
    content = brief.read_bytes()
    code, output = run("render", str(brief), "-f", "md", "-o", str(tmp_path))
    assert code == 1 and "would overwrite the input brief" in output
    assert brief.read_bytes() == content


def test_render_never_replaces_the_reference_docx_it_styles_with(tmp_path: Path) -> None:
    """A DOCX restyled in Word and given back as --reference-docx from the output folder
    (the natural way to make one) must survive the next render."""
    brief = tmp_path / "b.yaml"
    brief.write_text(brief_yaml())
    out = tmp_path / "out"
    assert run("render", str(brief), "-f", "docx", "-o", str(out))[0] == 0
    reference = out / "b.docx"
    styled = reference.read_bytes()
    code, output = run(
        "render", str(brief), "-f", "docx", "--reference-docx", str(reference), "-o", str(out)
    )
    assert code == 1
    assert f"{reference}: would overwrite a file the brief uses" in output
    assert reference.read_bytes() == styled


def test_render_never_replaces_an_image_of_the_brief(tmp_path: Path) -> None:
    """Page images are named b-1.png, b-2.png: a figure of that name beside the brief
    must not become page 1 of its own brief."""
    (tmp_path / "b-1.png").write_bytes(PNG)
    brief = tmp_path / "b.yaml"
    brief.write_text(brief_yaml(image="b-1.png"))
    code, output = run("render", str(brief), "-f", "png", "--dpi", "20", "-o", str(tmp_path))
    assert code == 1 and "b-1.png: would overwrite a file the brief uses" in output
    assert (tmp_path / "b-1.png").read_bytes() == PNG
    assert not (tmp_path / "b-2.png").exists()  # all files or none


@pytest.mark.parametrize(
    ("brief_given", "folder_given"),
    [
        ("b.md", "{tmp}"),  # the brief relative, the folder absolute
        ("{tmp}/b.md", "."),  # the brief absolute, the folder relative
        ("b.md", "{tmp}/link"),  # the folder through a symbolic link to the brief's
        ("link/b.md", "."),  # the brief through the link
    ],
)
def test_render_never_writes_its_input_however_its_paths_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, brief_given: str, folder_given: str
) -> None:
    """The guard compares where the files are, not how their paths are spelled."""
    brief = tmp_path / "b.md"
    brief.write_text(brief_yaml())
    content = brief.read_bytes()
    (tmp_path / "link").symlink_to(tmp_path, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    given = [text.format(tmp=tmp_path) for text in (brief_given, folder_given)]
    code, output = run("render", given[0], "-f", "md", "-o", given[1])
    assert code == 1 and "would overwrite the input brief" in output
    assert brief.read_bytes() == content


@pytest.mark.parametrize("stem", ["../evil", "/etc/evil", "a/../../evil", "..", ".hidden"])
def test_output_names_cannot_escape(tmp_path: Path, stem: str) -> None:
    try:
        target = output_path(tmp_path, stem, "pdf")
    except BriefError:
        return
    assert target.parent == tmp_path and not target.name.startswith(".")

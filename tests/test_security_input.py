"""Hostile input that must not leak, forge or exhaust: issue 10, points 1 and 6 to 10.

Each test goes through the CLI and checks what a user or CI log would see. Inputs built
to exhaust memory or CPU run in a child process under resource limits
(:mod:`tests.bounded_cli`), so a regression fails fast instead of eating the machine.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pikepdf
import pytest
from markdown_it import MarkdownIt

from briefgen import errors
from tests.bounded_cli import run_bounded
from tests.cli_runner import invoke
from tests.conftest import BASE_BRIEF, PNG

BASE = BASE_BRIEF
"""Nine lines; extra keys start at line 10."""

EXCERPT = 40
"""The longest excerpt of a value an error may quote (README: "Limits")."""

SECRET = "https://ci-bot:ghp_0123456789abcdefABCDEF0123456789abcd@github.com"


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")


def run(*args: str) -> tuple[int, str, str]:
    """The CLI in this process: exit code, stdout, stderr; never a traceback."""
    result = invoke(*args)
    return result.exit_code, result.stdout, result.stderr


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def edited(old: str, new: str) -> str:
    assert old in BASE
    return BASE.replace(old, new, 1)


def assert_nothing_written(out: Path) -> None:
    assert not out.exists() or not list(out.iterdir())


# Point 1: a template folder cannot follow links out ----------------------------------------


@pytest.fixture
def linked_templates(tmp_path: Path) -> tuple[Path, Path]:
    """A brief naming its own template folder, and a secret file outside that folder."""
    secret = write(tmp_path / "elsewhere" / "secret.txt", "SECRET-TOKEN-42 body { color: red }")
    brief = write(tmp_path / "brief" / "b.yaml", BASE + "templates: tpl\n")
    (brief.parent / "tpl").mkdir()
    return brief, secret


def test_a_stylesheet_linked_out_of_the_template_folder_is_refused(
    linked_templates: tuple[Path, Path],
) -> None:
    brief, secret = linked_templates
    (brief.parent / "tpl" / "brief.css").symlink_to(secret)
    out = brief.parent / "out"
    code, stdout, stderr = run("render", str(brief), "-f", "html", "-o", str(out))
    assert code == 1
    link = brief.parent / "tpl" / "brief.css"
    assert f"{link}: is a link to a file outside the template folder" in stderr
    assert "SECRET-TOKEN" not in stdout + stderr
    assert_nothing_written(out)


def test_an_included_file_linked_out_is_refused(linked_templates: tuple[Path, Path]) -> None:
    brief, secret = linked_templates
    tpl = brief.parent / "tpl"
    (tpl / "x.txt").symlink_to(secret)
    write(tpl / "brief.md.j2", '# Title\n{% include "x.txt" %}\n')
    out = brief.parent / "out"
    code, stdout, stderr = run("render", str(brief), "-f", "md", "-o", str(out))
    assert code == 1
    assert f"{tpl / 'x.txt'}: is a link to a file outside the template folder" in stderr
    assert "SECRET-TOKEN" not in stdout + stderr
    assert_nothing_written(out)


def test_a_template_in_a_linked_folder_is_refused(linked_templates: tuple[Path, Path]) -> None:
    brief, secret = linked_templates
    tpl = brief.parent / "tpl"
    (tpl / "inc").symlink_to(secret.parent, target_is_directory=True)
    write(tpl / "brief.md.j2", '{% include "inc/secret.txt" %}\n')
    out = brief.parent / "out"
    code, _, stderr = run("render", str(brief), "-f", "md", "-o", str(out))
    assert code == 1
    assert f"{tpl / 'inc' / 'secret.txt'}: is a link to a file outside the template" in stderr
    assert_nothing_written(out)


def test_a_link_inside_the_template_folder_still_works(linked_templates: tuple[Path, Path]) -> None:
    brief, _ = linked_templates
    tpl = brief.parent / "tpl"
    write(tpl / "real.md.j2", "linked {{ meta.title }}\n")
    (tpl / "brief.md.j2").symlink_to(tpl / "real.md.j2")
    out = brief.parent / "out"
    code, _, stderr = run("render", str(brief), "-f", "md", "-o", str(out))
    assert code == 0, stderr
    assert (out / "b.md").read_text() == "linked A title\n"


# Point 6: no secret in CI logs -------------------------------------------------------------


@pytest.mark.parametrize("command", ["render", "validate"])
@pytest.mark.parametrize("given", ["briefs", "briefs/*.yaml"])
def test_a_brief_linked_out_of_its_folder_is_refused_unread(
    tmp_path: Path, given: str, command: str
) -> None:
    credentials = write(tmp_path / "home" / ".git-credentials", SECRET + "\n")
    write(tmp_path / "briefs" / "good.yaml", BASE)
    (tmp_path / "briefs" / "x.yaml").symlink_to(credentials)
    os.chmod(credentials, 0o600)
    out = tmp_path / "out"
    options = ["-f", "md", "-o", str(out)] if command == "render" else []
    code, stdout, stderr = run(command, str(tmp_path / given), *options)
    assert code == 1
    assert (
        f"{tmp_path / 'briefs' / 'x.yaml'}: is a link to a file outside {tmp_path / 'briefs'}"
        in stderr
    )
    assert "ghp_" not in stdout + stderr


def test_an_error_quotes_only_a_short_excerpt_of_a_value(tmp_path: Path) -> None:
    brief = write(tmp_path / "b.yaml", SECRET + "\n")
    code, stdout, stderr = run("validate", str(brief))
    assert code == 1
    excerpt = errors.quote_value(SECRET)
    assert f"b.yaml:1:1: a brief must be a mapping of keys, not {excerpt}" in stderr
    assert SECRET not in stdout + stderr and SECRET[:45] not in stderr
    assert excerpt.endswith("…'") and len(excerpt) == EXCERPT + 2
    assert errors.MAX_EXCERPT_CHARS == EXCERPT


def test_an_unknown_key_is_quoted_short_too(tmp_path: Path) -> None:
    brief = write(tmp_path / "b.yaml", BASE + f"{'k' * 500}: 1\n")
    code, _, stderr = run("validate", str(brief))
    assert code == 1
    assert "k" * 60 not in stderr
    assert "b.yaml:10:1: " in stderr and "unknown key 'kkkkkk" in stderr


TOKEN = "ghp_0123456789abcdefABCDEF0123456789abcdEFGH0123"
"""A credential as it might be pasted where an id or a code goes."""


@pytest.mark.parametrize(
    "text",
    [
        edited("    text: Some text.", f"    text: See [](#{TOKEN})."),  # a cross-reference
        BASE + f"  - kind: map\n    countries: ['{TOKEN}']\n",  # a map's country code
        edited("organisation:", f"languages: [en, '{TOKEN}']\norganisation:"),
    ],
    ids=["cross-reference", "country", "language"],
)
def test_a_value_named_in_a_check_is_quoted_short(tmp_path: Path, text: str) -> None:
    """Checks past the models (references, countries, languages) quote the value as the
    models' own messages do: a credential pasted into a brief stays out of the CI log."""
    brief = write(tmp_path / "b.yaml", text)
    code, stdout, stderr = run("validate", str(brief))
    assert code == 1
    assert "b.yaml:" in stderr and "…" in stderr
    assert TOKEN not in stdout + stderr


# Point 7: a located error, never a traceback or an exhausted machine -----------------------


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("  title: A title", "  title: 0x" + "f" * 3600, "b.yaml:6:10: evaluation.title: "),
        ("date: 2017-10", "date: 0x" + "f" * 3600, "b.yaml:3:7: date: "),
        ("  name: Office", "  name: [0x" + "f" * 3600 + "]", "b.yaml:2:9: organisation.name: "),
    ],
    ids=["text", "date", "list"],
)
def test_an_integer_beyond_the_digit_limit_is_a_located_error(
    tmp_path: Path, old: str, new: str, where: str
) -> None:
    brief = write(tmp_path / "b.yaml", edited(old, new))
    code, _, stderr = run("validate", str(brief))
    assert code == 1
    assert where in stderr
    assert len(stderr) < 1000


def _nested_sections(depth: int) -> tuple[str, int]:
    """A brief with sections nested ``depth`` deep; the line of the first too-deep one."""
    lines = ["sections:"]
    too_deep_line = 0
    indent = "  "
    for level in range(1, depth + 1):
        if level == 9:
            too_deep_line = len(BASE.split("sections:")[0].splitlines()) + len(lines) + 1
        lines += [f"{indent}- heading: Level {level}", f"{indent}  text: Text {level}."]
        if level < depth:
            lines.append(f"{indent}  sections:")
        indent += "    "
    return BASE.split("sections:")[0] + "\n".join(lines) + "\n", too_deep_line


def test_eight_levels_of_sections_render(tmp_path: Path) -> None:
    text, _ = _nested_sections(8)
    write(tmp_path / "b.yaml", text)
    done = run_bounded("render", "b.yaml", "-f", "html", "-f", "md", "-o", "out", cwd=tmp_path)
    assert done.code == 0, done.stderr
    assert "Level 8" in (tmp_path / "out" / "b.md").read_text()


def test_sections_nested_too_deep_are_refused_at_their_line(tmp_path: Path) -> None:
    text, line = _nested_sections(190)
    write(tmp_path / "b.yaml", text)
    done = run_bounded("render", "b.yaml", "-f", "pdf", "-o", "out", cwd=tmp_path)
    assert done.code == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr[:2000]
    assert re.match(rf"b\.yaml:{line}:\d+: sections\[0\](\.sections\[0\]){{8}}: ", lines[0])
    assert "sections are nested more than 8 levels deep" in lines[0]
    assert_nothing_written(tmp_path / "out")


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_runtime_error_in_a_user_template_names_its_file_and_line(
    tmp_path: Path, fmt: str
) -> None:
    write(tmp_path / "b.yaml", BASE + "templates: tpl\n")
    name = f"brief.{fmt}.j2"
    write(tmp_path / "tpl" / name, "{{ meta.title }}\n\n{{ 1/0 }}\n")
    code, _, stderr = run("render", str(tmp_path / "b.yaml"), "-f", fmt, "-o", str(tmp_path))
    assert code == 1
    assert f"{tmp_path / 'tpl' / name}:3:1: template error: division by zero" in stderr


def test_a_template_that_recurses_without_end_is_a_located_error(tmp_path: Path) -> None:
    write(tmp_path / "b.yaml", BASE + "templates: tpl\n")
    write(
        tmp_path / "tpl" / "brief.md.j2",
        "{% macro again(n) %}{{ again(n + 1) }}{% endmacro %}\n{{ again(1) }}\n",
    )
    done = run_bounded("render", "b.yaml", "-f", "md", "-o", "out", cwd=tmp_path)
    assert done.code == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert re.search(
        r"tpl/brief\.md\.j2:1:1: template error: it calls itself without end", done.stderr
    )


def test_lipsum_is_not_offered_to_templates(tmp_path: Path) -> None:
    write(tmp_path / "b.yaml", BASE + "templates: tpl\n")
    write(tmp_path / "tpl" / "brief.md.j2", "{{ lipsum(10**6) }}\n")
    done = run_bounded("render", "b.yaml", "-f", "md", "-o", "out", cwd=tmp_path)
    assert done.code == 1, done.stderr[-2000:]
    assert "brief.md.j2:1:1: template error: 'lipsum' is undefined" in done.stderr


@pytest.mark.parametrize(
    "line",
    [
        "{{ 'a' * 10**10 }}",
        "{{ [0] * 10**10 }}",
        "{{ 10 ** (10 ** 10) }}",
        "{{ '%0999999999d' % 1 }}",
        "{{ '%*d' | format(10**10, 1) }}",
        "{{ 'a' | center(10**10) }}",
        "{{ 'a'.ljust(10**10) }}",
        "{{ '{:>9999999999}'.format(1) }}",
        "{{ range(10**9) | list | length }}",
        "{{ ('a' * 10**6) | replace('a', 'a' * 10**6) }}",
        "{% set ns = namespace(s='a' * 10**5) %}{% for i in range(40) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}",
        "{{ ('x' * 10**6).join(range(10000) | map('string')) }}",
        "{{ ('a\\n' * 10**5) | indent(10000) }}",
        "{{ ('a' * 10**6).translate({97: 'b' * 10**6}) }}",
        "{% for i in range(10000) %}{% for j in range(10000) %}{{ 'a' * 10**4 }}"
        "{% endfor %}{% endfor %}",
    ],
)
def test_the_sandbox_refuses_huge_values(tmp_path: Path, line: str) -> None:
    write(tmp_path / "b.yaml", BASE + "templates: tpl\n")
    write(tmp_path / "tpl" / "brief.md.j2", "# {{ meta.title }}\n" + line + "\n")
    done = run_bounded("render", "b.yaml", "-f", "md", "-o", "out", cwd=tmp_path)
    assert done.code == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    # at the template's line; the whole output's size, at the template
    assert re.search(r"tpl/brief\.md\.j2(:2:1)?: template", done.stderr)
    assert "too large" in done.stderr
    assert_nothing_written(tmp_path / "out")


# Point 8: what is echoed cannot forge terminal or CI output --------------------------------


def test_control_characters_in_a_value_are_escaped_when_echoed(tmp_path: Path) -> None:
    hostile = ":x: [bold]b[/bold]\\e[2J\\a\\n::error file=app.py,line=1::forged\\r"
    write(tmp_path / "b.yaml", edited("date: 2017-10", f'date: "{hostile}"'))
    code, stdout, stderr = run("validate", str(tmp_path / "b.yaml"))
    assert code == 1
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", stdout + stderr)
    # One mistake, one message: the control character, escaped; the value is not quoted.
    assert stderr.strip().splitlines() == [
        f"{tmp_path / 'b.yaml'}:3:7: date: contains the control character \\x1b (remove it: a"
        " brief holds printable text (tabs and line breaks are fine))"
    ]
    assert "\u274c" not in stderr  # Rich's emoji for :x:


def test_a_key_with_control_characters_is_escaped(tmp_path: Path) -> None:
    write(tmp_path / "b.yaml", BASE + '"\\e[31mred\\n::warning::x": 1\n')
    code, _, stderr = run("validate", str(tmp_path / "b.yaml"))
    assert code == 1
    assert "\x1b" not in stderr and len(stderr.strip().splitlines()) == 1
    assert r"\x1b[31mred\n::warning::x" in stderr


def test_a_file_name_with_controls_is_escaped(tmp_path: Path) -> None:
    brief = write(tmp_path / "a\x1b[31m\n::error::x.yaml", "just text\n")
    code, _, stderr = run("validate", str(brief))
    assert code == 1
    assert "\x1b" not in stderr and len(stderr.strip().splitlines()) == 1
    assert r"a\x1b[31m\n::error::x.yaml:1:1: a brief must be a mapping" in stderr


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("plain", "'plain'"),
        ("a\x1bb\nc\td\r\x7f\u0085\u2028", r"'a\x1bb\nc\td\r\x7f\x85\u2028'"),
        ("x" * 100, "'" + "x" * (EXCERPT - 1) + "…'"),
        (12, "12"),
        (int("f" * 3600, 16), "a number with more than 4,300 digits"),
        (None, "nothing"),
    ],
    ids=["plain", "controls", "long", "number", "huge-number", "none"],
)
def test_quote_value(value: object, expected: str) -> None:
    assert errors.quote_value(value) == expected


# Point 9: no raw HTML in the Markdown through image names ----------------------------------

HOSTILE_IMAGE = "x.png) <img src=x onerror=alert(1)> (.png"


def _markdown_as_html(markdown: str) -> str:
    """What a CommonMark renderer that passes raw HTML through (as GitHub does) makes of it."""
    html: str = MarkdownIt("commonmark", {"html": True}).render(markdown)
    return html


def _figure_brief(image: str) -> str:
    return BASE + f"  - kind: figure\n    image: '{image}'\n    alt: A chart\n"


def test_a_local_image_name_cannot_inject_html_into_the_markdown(tmp_path: Path) -> None:
    (tmp_path / HOSTILE_IMAGE).write_bytes(PNG)
    write(tmp_path / "b.yaml", _figure_brief(HOSTILE_IMAGE))
    out = tmp_path / "out"
    code, _, stderr = run("render", str(tmp_path / "b.yaml"), "-f", "md", "-o", str(out))
    assert code == 0, stderr
    markdown = (out / "b.md").read_text()
    assert "<img" not in markdown
    html = _markdown_as_html(markdown)
    images = re.findall(r"<img [^>]*>", html)
    assert len(images) == 1 and images[0].startswith('<img src="b_files/'), images
    assert "onerror=" not in html


def test_a_remote_image_url_cannot_inject_html_into_the_markdown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefgen.loading import remote

    url = "https://img.example/chart.png?a=1)<script>alert(1)</script>"
    monkeypatch.setattr(remote, "_download", lambda address, *_arguments: PNG)
    write(tmp_path / "b.yaml", _figure_brief(url))
    out = tmp_path / "out"
    code, _, stderr = run(
        "render", str(tmp_path / "b.yaml"), "-f", "md", "-o", str(out), "--allow-remote-images"
    )
    assert code == 0, stderr
    markdown = (out / "b.md").read_text()
    assert "<script" not in markdown
    images = re.findall(r"<img [^>]*>", _markdown_as_html(markdown))
    assert images == [
        '<img src="https://img.example/chart.png?a=1%29%3Cscript%3Ealert%281%29%3C/script%3E"'
        ' alt="A chart" />'
    ]
    assert "<script" not in _markdown_as_html(markdown)


def test_a_report_url_cannot_break_out_of_its_markdown_link(tmp_path: Path) -> None:
    report = "  report:\n    url: 'https://a.example/r?x=1)<b>bold</b>'\n    text: Report\n"
    write(tmp_path / "b.yaml", edited("  title: A title\n", "  title: A title\n" + report))
    out = tmp_path / "out"
    code, _, stderr = run("render", str(tmp_path / "b.yaml"), "-f", "md", "-o", str(out))
    assert code == 0, stderr
    html = _markdown_as_html((out / "b.md").read_text())
    assert "<b>" not in html
    assert '<a href="https://a.example/r?x=1%29%3Cb%3Ebold%3C/b%3E">Report</a>' in html


# Point 10: PDF metadata is well-formed and never empty -------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [("\\x01\\x02", r"\x01"), ("A \\e[31mtitle", r"\x1b"), ("A\\rB", r"\r"), ("A\\x85B", r"\x85")],
)
def test_control_characters_in_text_are_refused_at_their_line(
    tmp_path: Path, value: str, shown: str
) -> None:
    write(tmp_path / "b.yaml", edited("  title: A title", f'  title: "{value}"'))
    code, _, stderr = run("validate", str(tmp_path / "b.yaml"))
    assert code == 1
    assert f"b.yaml:6:10: evaluation.title: contains the control character {shown}" in stderr


def test_pdf_metadata_is_well_formed_xml(tmp_path: Path) -> None:
    from xml.etree import ElementTree

    title = 'Water & <sanitation>\\tin \\"rural\\" areas'
    write(tmp_path / "b.yaml", edited("  title: A title", f'  title: "{title}"'))
    out = tmp_path / "out"
    code, _, stderr = run("render", str(tmp_path / "b.yaml"), "-f", "pdf", "-o", str(out))
    assert code == 0, stderr
    with pikepdf.open(out / "b.pdf") as pdf:
        xmp = pdf.Root.Metadata.read_bytes()
        info_title = str(pdf.docinfo["/Title"])
    root = ElementTree.fromstring(xmp)
    titles = [element.text for element in root.iter() if element.tag.endswith("}li")]
    assert 'Water & <sanitation> in "rural" areas' in titles
    assert info_title == 'Water & <sanitation> in "rural" areas'


def test_a_title_without_text_is_a_located_error(tmp_path: Path) -> None:
    write(tmp_path / "b.yaml", edited("  title: A title", "  title: '[](https://a.example)'"))
    code, _, stderr = run("validate", str(tmp_path / "b.yaml"))
    assert code == 1
    assert "b.yaml:6:10: evaluation.title: the title has no text to show" in stderr

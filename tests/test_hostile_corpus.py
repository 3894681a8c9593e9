"""The hostile corpus: every file in ``tests/hostile/`` says what briefgen must do with it.

How a file declares its outcome: its first line (after a UTF-8 byte order mark, if any) is
a YAML comment, so the file stays a plain brief that the CLI reads as is:

    # expect: accepted
    # expect: refused: :11:12: sections[1].image: '../README.md' is outside

A refused file's fragment is what the message says after the file's name (its line and
column first, where the problem has one). The few files whose bytes cannot carry a comment
(an empty file, a UTF-16 file, an empty PNG) are listed in :data:`UNMARKABLE` instead.

Refused files: ``validate`` (the loading ``render`` runs first, in process: a ``render`` call
costs a worker each; ``render`` for what only rendering refuses, the page budget) exits 1
with the located message and no traceback. Accepted files are rendered once per session
through the library (``render_brief``: PDF, HTML and Markdown) by two warm processes, and
each output is checked for what a hostile brief must not get into it:

- HTML: no ``<script>``, no ``on*`` attribute, no ``javascript:`` address, and no element the
  templates and the inline markup do not write;
- Markdown, parsed as GitHub would (markdown-it-py ``gfm-like``, raw HTML on so it shows up
  as tokens): no raw HTML but the template's own ``<br>`` and ``<sub>``, no remote image, no
  code block, and exactly the headings, lists, table rows and rule the brief asks for;
- PDF: the XMP metadata parses as XML, and the title (in the document information and in
  the XMP) is the brief's title as plain text.
"""

from __future__ import annotations

import html
import multiprocessing
import re
import xml.etree.ElementTree as ET
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from briefgen.api import render_brief
from briefgen.loading.validate import load_brief
from briefgen.model.brief import Brief, Section
from briefgen.model.inline import to_plain
from briefgen.model.labels import labels_for
from briefgen.render.view.context import section_heading
from briefgen.render.view.markup import to_markdown
from tests.cli_runner import invoke
from tests.conftest import ROOT

HOSTILE = Path(__file__).resolve().parent / "hostile"
UNMARKABLE = {
    "empty.yaml": "refused: :1:1: is empty",
    "empty-image.png": "refused: :1:1: is empty",
    "enc-utf16.yaml": "refused: :1:1: is not UTF-8 text (byte 0xff cannot be decoded)",
}
EXPECT_LINE = re.compile(r"# expect: (accepted|refused: (.+))")
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Expectation:
    accepted: bool
    message: str  # for a refused file: what follows its name in the message


def expectation(path: Path) -> Expectation:
    """What the file's first line (or :data:`UNMARKABLE`) says must happen to it."""
    declared = UNMARKABLE.get(path.name)
    if declared is None:
        first_line = path.read_bytes().removeprefix(BOM).split(b"\n", 1)[0]
        found = EXPECT_LINE.fullmatch(first_line.decode("utf-8").rstrip("\r"))
        assert found, f"{path.name}: the first line must be '# expect: accepted|refused: ...'"
        declared = found.group(1)
    if declared == "accepted":
        return Expectation(True, "")
    return Expectation(False, declared.removeprefix("refused: "))


CORPUS = sorted(path for path in HOSTILE.iterdir() if path.is_file())
ACCEPTED = [path for path in CORPUS if expectation(path).accepted]
REFUSED = [path for path in CORPUS if not expectation(path).accepted]


def one_line(text: str) -> str:
    """Console output with its wrapping undone, so a long message can be matched."""
    return re.sub(r"\s+", " ", text)


def test_every_file_declares_its_outcome() -> None:
    assert len(CORPUS) == len(ACCEPTED) + len(REFUSED) >= 200
    assert len(ACCEPTED) >= 50 and len(REFUSED) >= 100


# Refused: one located message, exit 1 ---------------------------------------------------


@pytest.mark.parametrize("path", REFUSED, ids=[path.name for path in REFUSED])
def test_refused_with_its_message(path: Path, tmp_path: Path) -> None:
    content = path.read_bytes()
    result = invoke("validate", str(path))
    if result.exit_code == 0:  # refused by rendering (the page budget), not by loading
        render = ["render", str(path), "-f", "pdf", "-o", str(tmp_path)]
        result = invoke(*render)
        # only the over-budget PDF, named so that nobody publishes it (issue 30)
        written = [p.name for p in tmp_path.iterdir()]
        assert written == [f"{path.stem}.OVER-BUDGET.pdf"], written
    output = one_line(result.output)
    assert result.exit_code == 1, output
    assert isinstance(result.exception, SystemExit) and "Traceback" not in output
    assert re.search(rf"{re.escape(path.name)}(:\d+:\d+)?: ", output), output
    assert one_line(f"{path.name}{expectation(path).message}") in output
    assert path.read_bytes() == content


# Accepted: all three outputs, rendered once --------------------------------------------


def _render_all_formats(path: Path, out: Path) -> str:
    """Render one brief through the library; the error's text if it fails (it must not)."""
    try:
        render_brief(path, ("pdf", "html", "md"), out)
    except Exception as error:  # reported by the test of this very file
        return f"{type(error).__name__}: {error}"
    return ""


@pytest.fixture(scope="session")
def accepted_outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """Every accepted file rendered once, by two warm processes: a cold process (or a render
    worker) per file would cost about a second each, ten times a warm render."""
    out = tmp_path_factory.mktemp("hostile_accepted")
    contents = [path.read_bytes() for path in ACCEPTED]
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        errors = list(pool.map(_render_all_formats, ACCEPTED, [out] * len(ACCEPTED), chunksize=8))
    assert [path.read_bytes() for path in ACCEPTED] == contents  # the input is never written
    return out, {path.name: error for path, error in zip(ACCEPTED, errors, strict=True)}


def template_elements() -> set[str]:
    """The elements the HTML templates write, plus those of inline Markdown."""
    tags: set[str] = {"strong", "em", "a", "code", "br", "ul", "ol"}  # lists: computed names
    for template in (ROOT / "templates").glob("*.html.j2"):
        tags |= set(re.findall(r"<([a-z][a-z0-9]*)\b", template.read_text()))
    return tags


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}>")
            if value and re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}={value}>")


def check_html(page: str) -> None:
    parser = _Elements()
    parser.feed(page)
    assert "script" not in parser.tags
    assert not parser.problems
    assert set(parser.tags) <= template_elements(), set(parser.tags) - template_elements()


TEMPLATE_HTML = {"<br>", "<sub>", "</sub>"}  # brief.md.j2's own: fact values, image credit


def _gfm() -> MarkdownIt:
    return MarkdownIt("gfm-like", {"html": True})


def _all_tokens(tokens: list[Token]) -> list[Token]:
    found: list[Token] = []
    for token in tokens:
        found.append(token)
        found += _all_tokens(token.children or [])
    return found


def _sections(sections: list[Section]) -> list[Section]:
    return [s for section in sections for s in [section, *_sections(section.sections)]]


def plain(text: str) -> str:
    """The brief's inline Markdown as text, by markdown-it's own HTML renderer (an oracle
    independent of briefgen's ``to_plain``): tags dropped, entities decoded, spaces joined."""
    parser = MarkdownIt("zero").enable(["emphasis", "link", "backticks", "escape", "newline"])
    rendered = re.sub(r"<br />|\n", " ", parser.renderInline(text.strip()))
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", rendered))).strip()


def check_markdown(markdown: str, brief: Brief) -> None:
    tokens = _gfm().parse(markdown)
    every = _all_tokens(tokens)
    raw = [t.content for t in every if t.type in {"html_inline", "html_block"}]
    assert set(raw) <= TEMPLATE_HTML, raw
    images = [str(t.attrGet("src")) for t in every if t.type == "image"]
    assert not [src for src in images if re.match(r"^([a-z][a-z0-9+.-]*:|//)", src, re.I)]
    assert not [t.content for t in every if t.type in {"fence", "code_block"}]
    assert not [t.type for t in every if t.type in {"blockquote_open", "s_open"}]

    labels = labels_for(brief.language)
    sections = _sections(brief.sections)
    headed = [s for s in sections if section_heading(s, labels) and s.show_heading]
    headings = [t for t in tokens if t.type == "heading_open"]
    assert len(headings) == 1 + len(headed), [t.markup for t in headings]
    title_index = tokens.index(next(t for t in headings if t.tag == "h1"))
    assert tokens[title_index + 1].content.strip() and plain(brief.evaluation.title) == plain(
        tokens[title_index + 1].content
    )

    lists = [s for s in sections if s.items and s.list_style == "list"]
    opened = [t for t in tokens if t.type in {"bullet_list_open", "ordered_list_open"}]
    assert len(opened) == len(lists)
    items = [t for t in tokens if t.type == "list_item_open"]
    assert len(items) == sum(len(s.items) for s in lists)

    table_rows = len(brief.quick_facts) + (1 if brief.evaluation.report else 0)
    assert sum(t.type == "table_open" for t in tokens) == (1 if table_rows else 0)
    assert sum(t.type == "tr_open" for t in tokens) == (table_rows + 1 if table_rows else 0)
    assert sum(t.type == "hr" for t in tokens) == (1 if brief.contact else 0)


def check_pdf(pdf_path: Path, brief: Brief) -> None:
    expected_title = plain(brief.evaluation.title) or plain(brief.evaluation.type)
    with pikepdf.open(pdf_path) as pdf:
        assert str(pdf.docinfo["/Title"]) == expected_title
        root = ET.fromstring(pdf.Root.Metadata.read_bytes())
    namespaces = {
        "dc": "http://purl.org/dc/elements/1.1/",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    }
    xmp_title = root.find(".//dc:title/rdf:Alt/rdf:li", namespaces)
    assert xmp_title is not None and xmp_title.text == expected_title


@pytest.mark.parametrize("path", ACCEPTED, ids=[path.name for path in ACCEPTED])
def test_accepted_in_every_output(
    path: Path, accepted_outputs: tuple[Path, dict[str, str]]
) -> None:
    out, errors = accepted_outputs
    assert not errors[path.name]
    brief = load_brief(path).brief
    check_html((out / f"{path.stem}.html").read_text())
    check_markdown((out / f"{path.stem}.md").read_text(), brief)
    check_pdf(out / f"{path.stem}.pdf", brief)


# The Markdown defects the corpus found, one line each, without rendering ---------------

GITHUB_MISREADS = [
    ("~~struck~~ through", "s_open", "~~struck~~ through"),  # GitHub strikethrough
    ("~single~ tilde", "s_open", "~single~ tilde"),
    ("~~~ python", "fence", "~~~ python"),  # a fence that swallows the rest of the document
    ("See ![t](https://evil.example/x.png)", "image", "See !t"),  # a remote image
    ("Wow!!![t](https://evil.example/x.png)", "image", "Wow!!!t"),
    ("1) not a list", "ordered_list_open", "1) not a list"),
    ("Intro  \n3) not a list", "ordered_list_open", "Intro3) not a list"),
    ("Intro  \n~~~", "fence", "Intro~~~"),
    (
        "&lt;script&gt;",
        "entity",
        "&lt;script&gt;",
    ),  # would show as "<script>", the HTML shows "&lt;script&gt;"
]


@pytest.mark.parametrize(("text", "misread", "shown"), GITHUB_MISREADS)
def test_markdown_text_reads_as_written(text: str, misread: str, shown: str) -> None:
    markdown = to_markdown(text)
    tokens = _all_tokens(_gfm().parse(markdown))
    assert misread not in {token.type for token in tokens}, markdown
    assert "".join(token.content for token in tokens if token.type == "text") == shown


@pytest.mark.parametrize(
    ("text", "plain_text"),
    [("First  \nsecond", "First second"), ("# heading\n- list", "# heading - list")],
)
def test_plain_text_keeps_line_breaks_as_spaces(text: str, plain_text: str) -> None:
    assert to_plain(text) == plain_text


def test_readme_states_the_corpus() -> None:
    readme = one_line((ROOT / "docs" / "security.md").read_text())  # the README's, moved
    stated = f"holds {len(CORPUS)} briefs written to misbehave: **{len(ACCEPTED)} accepted, "
    assert stated + f"{len(REFUSED)} refused**" in readme

"""The PDF's tags as a screen reader meets them, read by poppler (``pdfinfo -struct-text``).

A list broken by a page or a column is still one list with all its items, a link broken
over two lines is one link, and the quick facts are label/value pairs: each term is its
item's label (``Lbl``), its values the item's body (``LBody``).
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pydyf
import pytest

from briefgen.api import load_brief
from briefgen.render.html import render_html
from briefgen.render.pdf import structure
from tests.conftest import REFERENCE_BRIEF, ROOT, Renders

ARABIC = ROOT / "tests" / "briefs" / "arabic.yaml"
CHINESE_EXAMPLE = ROOT / "data" / "examples" / "brief-zh.yaml"
BRIEFS = [
    REFERENCE_BRIEF,
    ARABIC,
    ROOT / "tests" / "briefs" / "team-of-five.yaml",
    ROOT / "data" / "examples" / "evidence.yaml",
]


@dataclass
class _Node:
    role: str
    kids: list[_Node] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    def text(self) -> str:
        return "".join([*self.texts, *(kid.text() for kid in self.kids)])

    def walk(self) -> list[_Node]:
        return [self, *(node for kid in self.kids for node in kid.walk())]


def _tags(pdf: Path) -> _Node:
    """The structure tree with each element's text, from poppler's indented listing."""
    out = subprocess.run(
        ["pdfinfo", "-struct-text", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    root = _Node("root")
    stack: list[tuple[int, _Node]] = [(-1, root)]
    for line in out.splitlines():
        indent = len(line) - len(line.lstrip())
        content = line.strip()
        if not content:
            continue
        while stack[-1][0] >= indent:
            stack.pop()
        if content.startswith('"') and content.endswith('"'):
            stack[-1][1].texts.append(content[1:-1])
            continue
        node = _Node(content.split()[0])
        stack[-1][1].kids.append(node)
        stack.append((indent, node))
    return root


class _Lists(HTMLParser):
    """Per list of the page (``ul``, ``ol``) its number of items; per ``dl`` its terms
    and each term's values."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[int] = []
        self.lists: list[int] = []
        self.pairs: list[tuple[str, list[str]]] = []
        self.in_dl = 0
        self.text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("ul", "ol"):
            self.open.append(len(self.lists))
            self.lists.append(0)
        elif tag == "li" and self.open:
            self.lists[self.open[-1]] += 1
        elif tag == "dl":
            self.in_dl += 1
        elif tag in ("dt", "dd") and self.in_dl:
            self.text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ul", "ol") and self.open:
            self.open.pop()
        elif tag == "dl":
            self.in_dl -= 1
        elif tag == "dt" and self.text is not None:
            self.pairs.append(("".join(self.text), []))
            self.text = None
        elif tag == "dd" and self.text is not None:
            self.pairs[-1][1].append("".join(self.text))
            self.text = None

    def handle_data(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)


def _page_lists(brief: Path) -> _Lists:
    parser = _Lists()
    parser.feed(render_html(load_brief(brief), for_print=True))
    return parser


def _plain(text: str) -> str:
    """Letters and digits: spaces, hyphens at line ends and break hints are layout, and
    labels are set in capitals by CSS."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\s\u00ad\u200b-\u200f\u2060\u2066-\u2069\-]+", "", text)


@pytest.mark.parametrize("brief", BRIEFS, ids=lambda path: path.stem)
def test_one_list_per_list_across_pages_and_columns(renders: Renders, brief: Path) -> None:
    """As many lists as the page has, each with all its items, wherever a page or column
    breaks it (the reference's recommendations break between columns)."""
    tree = _tags(renders.only(brief, "pdf"))
    lists = [node for node in tree.walk() if node.role == "L"]
    items = [sum(kid.role == "LI" for kid in node.kids) for node in lists]
    page = _page_lists(brief)
    expected = sorted([*page.lists, *([len(page.pairs)] if page.pairs else [])])
    assert sorted(items) == expected


@pytest.mark.parametrize("brief", [REFERENCE_BRIEF, ARABIC], ids=lambda path: path.stem)
def test_quick_facts_are_label_value_pairs(renders: Renders, brief: Path) -> None:
    """Each quick fact one list item: its label, then its values as the body."""
    pairs = _page_lists(brief).pairs
    assert pairs
    tree = _tags(renders.only(brief, "pdf"))
    first_label = _plain(pairs[0][0])
    (facts,) = [
        node
        for node in tree.walk()
        if node.role == "L" and node.kids and node.kids[0].kids
        if _plain(node.kids[0].kids[0].text()) == first_label
    ]
    found = [
        ([kid.role for kid in item.kids], _plain(item.kids[0].text()), _plain(item.kids[-1].text()))
        for item in facts.kids
    ]
    assert found == [
        (["Lbl", "LBody"], _plain(label), _plain("".join(values))) for label, values in pairs
    ]


class _Links(HTMLParser):
    """The text of every link (``<a href>``) of the page, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a" and dict(attrs).get("href"):
            self.text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.text is not None:
            self.links.append("".join(self.text))
            self.text = None

    def handle_data(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)


def _back_to_their_link(pdf_path: Path) -> list[bool]:
    """For each piece of each Link element (marked content, annotation), whether the
    ParentTree leads from it back to that Link (as a screen reader goes from a link on
    the page to its element)."""
    found = []
    with pikepdf.open(pdf_path) as pdf:
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        pages: dict[tuple[int, int], int] = {
            page.obj.objgen: index for index, page in enumerate(pdf.pages)
        }
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Dictionary) or obj.get("/S") != "/Link":
                continue
            for kid in obj.K:
                if isinstance(kid, int):
                    parent = tree[pages[obj.Pg.objgen]][int(kid)]
                elif kid.get("/Type") == "/MCR":
                    parent = tree[pages[kid.Pg.objgen]][int(kid.MCID)]
                else:
                    parent = tree[int(kid.Obj.StructParent)]
                found.append(parent.objgen == obj.objgen)
    return found


@pytest.mark.parametrize("brief", [ARABIC, CHINESE_EXAMPLE, BRIEFS[-1]], ids=lambda path: path.stem)
def test_one_link_per_link(renders: Renders, brief: Path) -> None:
    """A link broken over two lines (the Arabic report address, the Chinese web site) is
    one Link element holding all its text and both annotations, not two links."""
    parser = _Links()
    parser.feed(render_html(load_brief(brief), for_print=True))
    assert parser.links
    pdf = renders.only(brief, "pdf")
    links = [node for node in _tags(pdf).walk() if node.role == "Link"]
    assert [_plain(link.text()) for link in links] == [_plain(text) for text in parser.links]
    back = _back_to_their_link(pdf)
    assert back
    assert all(back)


def test_a_link_broken_by_a_page_keeps_each_piece_on_its_page() -> None:
    """A link whose second piece is on the next page: one Link; the moved piece's marked
    content names its page (a marked-content reference), and both the page's ParentTree
    slot and the second annotation lead back to the one Link. (No brief breaks a link
    over a page, so this builds WeasyPrint's objects for one.)"""
    pdf = pydyf.PDF()
    pages = []
    for _ in range(2):
        page = pydyf.Dictionary({"Type": "/Page"})
        pdf.add_page(page)
        pages.append(page.reference)
    anchor = ET.Element("a")
    root = pydyf.Dictionary({"Type": "/StructTreeRoot", "K": pydyf.Array()})
    paragraph = pydyf.Dictionary({"Type": "/StructElem", "S": "/P", "K": pydyf.Array()})
    annotations, links = [], []
    for page_index, page in enumerate(pages):
        annotation = pydyf.Dictionary({"Type": "/Annot", "StructParent": 2 + page_index})
        pdf.add_object(annotation)
        annotations.append(annotation)
        objr = pydyf.Dictionary({"Type": "/OBJR", "Obj": annotation.reference, "Pg": page})
        pdf.add_object(objr)
        link = pydyf.Dictionary(
            {"Type": "/StructElem", "S": "/Link", "K": pydyf.Array([objr.reference, 0])}
        )
        link["Pg"] = page
        pdf.add_object(link)
        setattr(link, structure._SOURCE, anchor)  # as ``structure.install`` does
        links.append(link)
    for element in (root, paragraph):
        pdf.add_object(element)
    paragraph["K"].extend(link.reference for link in links)
    root["K"].append(paragraph.reference)
    parent_tree = pydyf.Dictionary(
        {
            "Nums": pydyf.Array(
                [
                    *(0, pydyf.Array([links[0].reference])),
                    *(1, pydyf.Array([links[1].reference])),
                    *(2, links[0].reference, 3, links[1].reference),
                ]
            )
        }
    )
    pdf.add_object(parent_tree)
    root["ParentTree"] = parent_tree.reference
    pdf.catalog["StructTreeRoot"] = root.reference

    structure.mend(pdf)

    first = links[0].reference
    assert list(paragraph["K"]) == [first]
    kids = list(links[0]["K"])
    assert kids[:3] == [kids[0], 0, kids[2]]
    assert kids[3] == {"Type": "/MCR", "Pg": pages[1], "MCID": 0}
    nums = parent_tree["Nums"]
    assert [nums[1][0], nums[3][0], nums[5], nums[7]] == [first] * 4

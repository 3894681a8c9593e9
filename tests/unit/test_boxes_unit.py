"""The one walk over laid-out boxes (render/pdf/boxes.py) that the layout passes share,
on trees of stand-in boxes named as WeasyPrint names its kinds."""

from __future__ import annotations

from typing import Any

from briefgen.render.pdf.boxes import (
    children,
    find,
    is_generated,
    painted,
    walk,
    with_ancestors,
    with_parents,
)


class _Box:
    def __init__(self, name: str, *inner: Any, tag: str = "div") -> None:
        self.name, self.children, self.element_tag = name, list(inner), tag


class LineBox(_Box):
    pass


class TextBox(_Box):
    pass


class MarginBox(_Box):
    pass


def _page() -> _Box:
    """A page: a running header, a section of two lines, a list item with its marker."""
    return _Box(
        "page",
        MarginBox("header", LineBox("header line", TextBox("header text"))),
        _Box(
            "section",
            LineBox("line 1", TextBox("text 1")),
            LineBox("line 2", TextBox("text 2")),
        ),
        _Box(
            "item",
            _Box("marker", LineBox("marker line", TextBox("1.")), tag="li::marker"),
            LineBox("item line", TextBox("item text")),
        ),
    )


def _names(boxes: Any) -> list[str]:
    return [box.name for box in boxes]


def test_the_walk_is_in_document_order_and_reaches_every_box() -> None:
    assert _names(walk(_page())) == [
        "page",
        "header",
        "header line",
        "header text",
        "section",
        "line 1",
        "text 1",
        "line 2",
        "text 2",
        "item",
        "marker",
        "marker line",
        "1.",
        "item line",
        "item text",
    ]


def test_descend_prunes_a_box_s_children_but_yields_the_box() -> None:
    lines_whole = walk(_page(), descend=lambda box: not isinstance(box, LineBox), margins=False)
    assert _names(lines_whole) == [
        "page",
        "section",
        "line 1",
        "line 2",
        "item",
        "marker",
        "marker line",
        "item line",
    ]


def test_margin_boxes_are_left_out_on_request() -> None:
    page = _page()
    assert "header" in _names(children(page))
    assert "header" not in _names(children(page, margins=False))
    assert not {"header", "header line"} & set(_names(walk(page, margins=False)))


def test_each_box_comes_with_its_ancestors_and_its_parent() -> None:
    page = _page()
    ancestors = {box.name: _names(stack) for box, stack in with_ancestors(page)}
    assert ancestors["page"] == []
    assert ancestors["1."] == ["page", "item", "marker", "marker line"]
    parents = {box.name: parent for box, parent in with_parents(page)}
    assert parents["page"] is None
    parent = parents["text 2"]
    assert parent is not None and parent.name == "line 2"


def test_find_returns_the_first_in_document_order() -> None:
    found = find(_page(), lambda box: isinstance(box, LineBox) and box.name != "header line")
    assert found is not None and found.name == "line 1"
    assert find(_page(), lambda box: box.name == "nowhere") is None


def test_generated_content_is_told_by_its_pseudo_element_tag() -> None:
    generated = [box.name for box in walk(_page()) if is_generated(box)]
    assert generated == ["marker"]


def test_a_deep_tree_is_walked_without_recursion() -> None:
    box = _Box("leaf")
    for depth in range(5000):
        box = _Box(f"level {depth}", box)
    assert len(list(walk(box))) == 5001


class _Style(dict[str, Any]):
    pass


class _Colour:
    def __init__(self, alpha: float) -> None:
        self.alpha = alpha


def _styled(background: float | None = None, border: float = 0) -> Any:
    box = _Box("styled")
    box.style = _Style(  # type: ignore[attr-defined]
        background_color=None if background is None else _Colour(background),
        **{f"border_{side}_width": border for side in ("top", "right", "bottom", "left")},
    )
    return box


def test_a_box_is_painted_by_a_visible_background_or_a_border() -> None:
    assert painted(_styled(background=1.0))
    assert painted(_styled(border=1))
    assert not painted(_styled(background=0.0))
    assert not painted(_styled())

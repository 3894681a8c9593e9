"""In-place YAML edits (issue 31's clearance): only the edited values' bytes change, and the
project's own loader reads back exactly what the edits asked for."""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from briefgen.clearance.yaml_edit import (
    AddComment,
    DeleteItem,
    Edit,
    InsertItem,
    MoveItem,
    SetText,
    YamlEditError,
    YamlPath,
    apply_edits,
)
from briefgen.loading.yaml_source import parse_yaml, text_values
from briefgen.model.source import SourceDocument
from tests.conftest import SHIPPED_BRIEFS, examples

BRIEFS = SHIPPED_BRIEFS


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def load(text: str) -> SourceDocument:
    return parse_yaml(text, Path("brief.yaml"), strict=False)


@functools.lru_cache(maxsize=16)
def load_cached(text: str) -> SourceDocument:
    return load(text)


def at(data: Any, path: YamlPath) -> Any:
    for part in path:
        data = data[part]
    return data


def changed(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines that differ, once the common first and last lines are set aside."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return old[head : len(old) - tail], new[head : len(new) - tail]


# No edit, and an edit to the same words: not one byte moves ----------------------------


@pytest.mark.parametrize("brief", BRIEFS, ids=lambda path: path.name)
def test_no_edits_give_the_same_bytes(brief: Path) -> None:
    source = read(brief)
    assert apply_edits(source, []) == source
    crlf = source.replace("\n", "\r\n")
    assert apply_edits(crlf, []) == crlf


@pytest.mark.parametrize("brief", BRIEFS, ids=lambda path: path.name)
def test_every_text_set_to_itself_gives_the_same_bytes(brief: Path) -> None:
    """Every value rewritten with its own words, in its own style: identical files (a
    folded paragraph keeps its lines, a quoted text its quotes)."""
    source = read(brief)
    edits: list[Edit] = [SetText(path, text) for path, text in text_values(load(source).data)]
    assert len(edits) > 20
    assert apply_edits(source, edits) == source


# Any text into any text field --------------------------------------------------------

PIECES = [
    " ",
    "  ",
    "'",
    "''",
    '"',
    "\\",
    ":",
    ": ",
    " #",
    "#",
    "# ",
    "- ",
    "-",
    "&",
    "*",
    "!",
    "%",
    "@",
    "`",
    "|",
    ">",
    "[",
    "]",
    "{",
    "}",
    ",",
    "?",
    "\n",
    "\n\n",
    "\t",
    "yes",
    "no",
    "on",
    "off",
    "null",
    "~",
    "12",
    "3.5",
    "0x1F",
    "2017-10-01",
    "---",
    "...",
    "الاتجار بالبشر",
    "贩运人口",
    "\u00a0",
    "\u2028",
    "\x85",
    "\r",
    "\x00",
    "\ufeff",
    "word",
    "two words",
]
TEXTS = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=12).map("".join)
SOURCES = {brief.name: read(brief) for brief in BRIEFS}
PLACES = [
    (name, path)
    for name, source in SOURCES.items()
    for path, _ in text_values(load_cached(source).data)
]


@settings(
    max_examples=examples(80),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(place=st.sampled_from(PLACES), text=TEXTS, crlf=st.booleans())
@example(place=("brief.yaml", ("evaluation", "title")), text="a\n\nb", crlf=False)
@example(place=("brief.yaml", ("evaluation", "type")), text="it's: #1 - yes", crlf=True)
@example(place=("brief-ar.yaml", ("language",)), text="\n", crlf=False)
@example(place=("brief.yaml", ("keywords", 0)), text='say "C:\\d": \x07 ok', crlf=False)
def test_any_text_reads_back_at_its_place_and_nowhere_else(
    place: tuple[str, YamlPath], text: str, crlf: bool
) -> None:
    name, path = place
    source = SOURCES[name].replace("\n", "\r\n") if crlf else SOURCES[name]
    before = load_cached(source)
    edited = apply_edits(source, [SetText(path, text)])
    after = load(edited)
    assert at(after.data, path) == text
    expected = copy.deepcopy(before.data)  # (never changed: the cached copy stays true)
    if path:
        at(expected, path[:-1])[path[-1]] = text
    assert after.data == expected
    start = before.value_positions[path].line
    end = before.value_ends[path].line
    old_lines, new_lines = source.splitlines(keepends=True), edited.splitlines(keepends=True)
    assert old_lines[: start - 1] == new_lines[: start - 1]
    kept_after = len(old_lines) - end
    assert old_lines[len(old_lines) - kept_after :] == new_lines[len(new_lines) - kept_after :]
    if crlf:
        assert "\n" not in edited.replace("\r\n", "")


# Each style stays itself -------------------------------------------------------------

DOC = """\
# a comment that stays
title: Plain words   # and a comment after them
quoted: 'it''s quoted'
double: "double \\"quoted\\""
folded: >-
  First paragraph, in words that go on for some time so that the text is long enough to
  wrap over two lines at this width.

  Second paragraph.
literal: |
  line one
  line two
list:
  - id: R1
    text: First recommendation.

  - id: R2
    text: Second recommendation.

  # the third one
  - id: R3
    text: >-
      Third recommendation.
flow: [one, two, three]
"""


def test_a_plain_text_stays_plain_and_its_comment_stays() -> None:
    edited = apply_edits(DOC, [SetText(("title",), "Other words")])
    assert changed(DOC, edited) == (
        ["title: Plain words   # and a comment after them\n"],
        ["title: Other words   # and a comment after them\n"],
    )


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("yes", '"yes"'),
        ("Off", '"Off"'),
        ("12", '"12"'),
        ("3.5", '"3.5"'),
        ("null", '"null"'),
        ("2017-10-01", '"2017-10-01"'),
        ("see #4: now", '"see #4: now"'),
        ("a # b", '"a # b"'),
        ("# b", '"# b"'),
        ("- item", '"- item"'),
        ("&anchor", '"&anchor"'),
        ("*alias", '"*alias"'),
        ("!tag", '"!tag"'),
        ("%x", '"%x"'),
        ("@x", '"@x"'),
        ("`x`", '"`x`"'),
        (" lead", '" lead"'),
        ("", '""'),
        ("tab\there", '"tab\\there"'),
        ("bell\x07", '"bell\\a"'),
    ],
)
def test_a_text_that_would_read_as_something_else_is_quoted(text: str, written: str) -> None:
    line = apply_edits("key: old\nother: x\n", [SetText(("key",), text)])
    assert line == f"key: {written}\nother: x\n"
    assert load(line).data["key"] == text


def test_a_file_that_quotes_with_apostrophes_keeps_doing_so() -> None:
    source = "a: 'one'\nb: 'two'\nc: plain\n"
    assert apply_edits(source, [SetText(("c",), "yes")]) == "a: 'one'\nb: 'two'\nc: 'yes'\n"


def test_quoted_texts_stay_quoted_with_their_escaping() -> None:
    edited = apply_edits(
        DOC, [SetText(("quoted",), "l'eau d'ici"), SetText(("double",), 'a "b" \\ c')]
    )
    assert changed(DOC, edited)[1] == [
        "quoted: 'l''eau d''ici'\n",
        'double: "a \\"b\\" \\\\ c"\n',
    ]


def test_a_single_quoted_text_with_a_line_break_becomes_double_quoted() -> None:
    edited = apply_edits(DOC, [SetText(("quoted",), "a\nb")])
    assert changed(DOC, edited)[1] == ['quoted: "a\\nb"\n']


def test_a_folded_text_keeps_its_unchanged_lines_and_paragraphs() -> None:
    text = load(DOC).data["folded"]
    new = text.replace("Second paragraph.", "Second paragraph, changed.")
    edited = apply_edits(DOC, [SetText(("folded",), new)])
    assert changed(DOC, edited) == (["  Second paragraph.\n"], ["  Second paragraph, changed.\n"])


def test_a_folded_text_refolds_the_changed_lines_at_its_width() -> None:
    text = load(DOC).data["folded"]
    new = text.replace("First paragraph", "The first and much longer opening paragraph")
    edited = apply_edits(DOC, [SetText(("folded",), new)])
    old_lines, new_lines = changed(DOC, edited)
    assert old_lines == [
        "  First paragraph, in words that go on for some time so that the text is long enough to\n",
        "  wrap over two lines at this width.\n",
    ]
    assert new_lines == [
        "  The first and much longer opening paragraph, in words that go on for some time so"
        " that\n",
        "  the text is long enough to wrap over two lines at this width.\n",
    ]
    assert all(len(line.rstrip("\n")) <= 88 for line in edited.splitlines())
    assert load(edited).data["folded"] == new


def test_a_folded_text_that_cannot_hold_a_single_line_break_becomes_literal() -> None:
    edited = apply_edits(DOC, [SetText(("folded",), "one\ntwo")])
    assert load(edited).data["folded"] == "one\ntwo"
    assert "folded: |-\n  one\n  two\n" in edited


def test_a_literal_text_stays_literal() -> None:
    edited = apply_edits(DOC, [SetText(("literal",), "line one\nline 2\n")])
    assert changed(DOC, edited) == (["  line two\n"], ["  line 2\n"])


def test_a_plain_text_given_paragraphs_becomes_a_folded_block() -> None:
    edited = apply_edits("a:\n  b: old\nc: 1\n", [SetText(("a", "b"), "One.\n\nTwo.")])
    assert edited == "a:\n  b: >-\n    One.\n\n    Two.\nc: 1\n"
    # A comment after the old text: the block's lines cannot start there.
    commented = apply_edits(DOC, [SetText(("title",), "One.\n\nTwo.")])
    assert 'title: "One.\\n\\nTwo."   # and a comment after them\n' in commented


def test_a_multi_line_plain_text_refolds_at_its_indentation() -> None:
    source = "items:\n  - A first item that is long\n    and goes on.\n"
    edited = apply_edits(source, [SetText(("items", 0), "A first item that is long and went on.")])
    assert edited == "items:\n  - A first item that is long\n    and went on.\n"


def test_arabic_and_chinese_texts() -> None:
    for name in ("brief-ar.yaml", "brief-zh.yaml"):
        source = SOURCES[name]
        for path, _ in list(text_values(load(source).data))[:60:5]:
            text = "نص: مع «علامات» #١" if name == "brief-ar.yaml" else "评估：第一段。\n\n第二段"
            edited = apply_edits(source, [SetText(path, text)])
            assert at(load(edited).data, path) == text


def test_line_endings_stay_crlf() -> None:
    crlf = DOC.replace("\n", "\r\n")
    edits: list[Edit] = [
        SetText(("folded",), "A.\n\nB."),
        InsertItem(("list",), 3, {"id": "R4", "text": "Fourth."}),
        AddComment(("title",), "checked"),
    ]
    edited = apply_edits(crlf, edits)
    assert "\n" not in edited.replace("\r\n", "")
    assert edited.replace("\r\n", "\n") == apply_edits(DOC, edits)


# Lists --------------------------------------------------------------------------------


def test_an_inserted_item_copies_its_siblings_shape() -> None:
    edited = apply_edits(DOC, [InsertItem(("list",), 1, {"id": "R1b", "text": "New one."})])
    assert changed(DOC, edited) == ([], ["  - id: R1b\n", "    text: New one.\n", "\n"])
    appended = apply_edits(DOC, [InsertItem(("list",), 3, {"id": "R4", "text": "Last."})])
    assert appended.endswith(
        "  - id: R3\n    text: >-\n      Third recommendation.\n\n"
        "  - id: R4\n    text: >-\n      Last.\nflow: [one, two, three]\n"
    )


def test_a_deleted_item_takes_its_comment_and_one_blank_line() -> None:
    edited = apply_edits(DOC, [DeleteItem(("list",), 2)])
    assert "the third one" not in edited
    assert edited.endswith("    text: Second recommendation.\nflow: [one, two, three]\n")
    middle = apply_edits(DOC, [DeleteItem(("list",), 0)])
    assert changed(DOC, middle) == (
        ["  - id: R1\n", "    text: First recommendation.\n", "\n"],
        [],
    )


def test_a_moved_item_keeps_its_own_text_and_edits() -> None:
    edited = apply_edits(
        DOC,
        [
            MoveItem(("list",), 2, 0),
            SetText(("list", 2, "text"), "Third, edited."),
        ],
    )
    assert [item["text"] for item in load(edited).data["list"]] == [
        "Third, edited.",
        "First recommendation.",
        "Second recommendation.",
    ]
    assert edited.index("# the third one") < edited.index("id: R1")


def test_several_list_edits_use_the_original_indices_in_the_order_given() -> None:
    source = "xs:\n  - a\n  - b\n  - c\n  - d\n  - e\n"
    edits: list[Edit] = [
        DeleteItem(("xs",), 2),
        InsertItem(("xs",), 1, "x"),
        MoveItem(("xs",), 3, 0),
        SetText(("xs", 1), "B"),
        InsertItem(("xs",), 1, "y"),
        InsertItem(("xs",), 5, "z"),
    ]
    edited = apply_edits(source, edits)
    assert load(edited).data["xs"] == ["d", "a", "x", "y", "B", "e", "z"]
    assert edited == "xs:\n  - d\n  - a\n  - x\n  - y\n  - B\n  - e\n  - z\n"


def test_the_last_items_deleted_and_an_item_appended() -> None:
    source = "xs:\n  - a\n\n  - b\n\n  - c\nnext: 1\n"
    edited = apply_edits(
        source, [DeleteItem(("xs",), 1), DeleteItem(("xs",), 2), InsertItem(("xs",), 3, "n")]
    )
    assert edited == "xs:\n  - a\n\n  - n\nnext: 1\n"


def test_every_item_deleted_leaves_an_empty_list() -> None:
    source = "xs:\n  - a\n  - b\nnext: 1\n"
    edited = apply_edits(source, [DeleteItem(("xs",), 0), DeleteItem(("xs",), 1)])
    assert edited == "xs: []\nnext: 1\n"


def test_flow_lists() -> None:
    edited = apply_edits(
        DOC,
        [
            InsertItem(("flow",), 0, "zero: 0"),
            DeleteItem(("flow",), 1),
            MoveItem(("flow",), 2, 1),
            SetText(("flow", 0), "One"),
        ],
    )
    assert changed(DOC, edited)[1] == ['flow: ["zero: 0", One, three]\n']


def test_a_text_becomes_a_list_when_a_paragraph_is_added() -> None:
    source = "finding:\n  text: >-\n    The finding, in words.\nnext: 1\n"
    edited = apply_edits(source, [InsertItem(("finding", "text"), 1, "A new paragraph.")])
    assert edited == (
        "finding:\n  text:\n    - >-\n      The finding, in words.\n"
        "    - >-\n      A new paragraph.\nnext: 1\n"
    )


def test_in_the_example_briefs_items_are_inserted_deleted_and_moved() -> None:
    source = SOURCES["brief.yaml"]
    data = load(source).data
    facts = data["quick_facts"]
    edits: list[Edit] = [
        InsertItem(("quick_facts",), 1, {"label": "New", "value": "Thing: yes"}),
        DeleteItem(("quick_facts",), 3),
        MoveItem(("quick_facts",), 0, len(facts)),
    ]
    edited = apply_edits(source, edits)
    expected = [facts[1], facts[2], *facts[4:]]
    expected.insert(0, {"label": "New", "value": "Thing: yes"})
    expected.append(facts[0])
    assert load(edited).data["quick_facts"] == expected
    assert "  - label: New\n    value: 'Thing: yes'\n" in edited or (
        '  - label: New\n    value: "Thing: yes"\n' in edited
    )


# Comments ----------------------------------------------------------------------------


def test_a_comment_goes_just_above_its_field_at_its_indentation() -> None:
    edited = apply_edits(
        DOC, [AddComment(("list", 1, "text"), "Reviewer (A. B.): unclear\nsecond line")]
    )
    assert changed(DOC, edited) == (
        [],
        ["    # Reviewer (A. B.): unclear\n", "    # second line\n"],
    )
    assert edited.index("# second line") < edited.index("text: Second")
    on_item = apply_edits(DOC, [AddComment(("list", 0), "on the item")])
    assert "list:\n  # on the item\n  - id: R1\n" in on_item


def test_a_comment_cannot_smuggle_yaml_or_control_characters() -> None:
    edited = apply_edits(DOC, [AddComment(("title",), "x\nevil: true\x1b[31m")])
    assert load(edited).data == load(DOC).data
    assert "\x1b" not in edited


# Refusals ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "edit", "says"),
    [
        ("a: 1\n", SetText(("b",), "x"), "brief.yaml:1:1: b: cannot edit: there is no such key"),
        ("a: [1]\n", DeleteItem(("a",), 3), "brief.yaml:1:4: a: cannot edit: an item index out of"),
        ("a: {b: 1}\n", SetText(("a",), "x"), "brief.yaml:1:4: a: cannot edit: it is a mapping"),
        (
            "a: &x t\nb: *x\n",
            SetText(("b",), "y"),
            "brief.yaml:2:4: b: cannot edit: its value is an anchor",
        ),
        (
            "a: [1,\n  2]\n",
            DeleteItem(("a",), 0),
            "brief.yaml:1:4: a: cannot edit: a list in brackets over",
        ),
        ("a: : :\n", SetText(("a",), "x"), "cannot edit: the file does not load (brief.yaml:1:4"),
    ],
)
def test_an_impossible_edit_says_where_and_why(source: str, edit: Edit, says: str) -> None:
    with pytest.raises(YamlEditError) as raised:
        apply_edits(source, [edit])
    assert str(raised.value).startswith(says)


def test_a_file_that_does_not_load_is_named() -> None:
    with pytest.raises(YamlEditError, match=r"does not load \(reviewed/brief-ar\.yaml:2:"):
        apply_edits("a: 1\na: 2\n", [SetText(("a",), "x")], path=Path("reviewed/brief-ar.yaml"))


def test_an_item_both_edited_and_deleted_is_refused() -> None:
    with pytest.raises(YamlEditError, match="edited and also deleted"):
        apply_edits(DOC, [SetText(("list", 0, "text"), "x"), DeleteItem(("list",), 0)])


# Any list edits on the example briefs' lists -------------------------------------------


def lists_of(data: Any, path: YamlPath = ()) -> list[tuple[YamlPath, int]]:
    found: list[tuple[YamlPath, int]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            found += lists_of(value, (*path, key))
    elif isinstance(data, list):
        found.append((path, len(data)))
        for index, value in enumerate(data):
            found += lists_of(value, (*path, index))
    return found


LISTS = [
    (name, path, count)
    for name, source in SOURCES.items()
    for path, count in lists_of(load_cached(source).data)
    if count
]


@st.composite
def list_edits(draw: st.DrawFn) -> tuple[str, YamlPath, list[Edit]]:
    name, path, count = draw(st.sampled_from(LISTS))
    items = at(load_cached(SOURCES[name]).data, path)
    leaving = draw(st.lists(st.integers(0, count - 1), unique=True, max_size=count - 1))
    edits: list[Edit] = []
    for index in leaving:
        if draw(st.booleans()):
            edits.append(DeleteItem(path, index))
        else:
            edits.append(MoveItem(path, index, draw(st.integers(0, count))))
    for _ in range(draw(st.integers(0, 3))):
        first = items[0]
        value: str | dict[str, object] = (
            copy.deepcopy(first) if isinstance(first, dict) else draw(TEXTS)
        )
        edits.insert(
            draw(st.integers(0, len(edits))), InsertItem(path, draw(st.integers(0, count)), value)
        )
    return name, path, edits


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=list_edits())
def test_any_list_edits_read_back_in_order(case: tuple[str, YamlPath, list[Edit]]) -> None:
    name, path, edits = case
    source = SOURCES[name]
    before = load_cached(source).data
    items = at(before, path)
    gone = {e.index for e in edits if isinstance(e, DeleteItem)}
    gone |= {e.from_index for e in edits if isinstance(e, MoveItem)}
    expected: list[Any] = []
    for index in range(len(items) + 1):
        for edit in edits:
            if isinstance(edit, InsertItem) and edit.index == index:
                expected.append(edit.value)
            elif isinstance(edit, MoveItem) and edit.to_index == index:
                expected.append(items[edit.from_index])
        if index < len(items) and index not in gone:
            expected.append(items[index])
    edited = apply_edits(source, edits)
    after = load(edited).data
    assert at(after, path) == expected
    whole = copy.deepcopy(before)
    if path:
        at(whole, path[:-1])[path[-1]] = expected
    assert after == whole


def test_a_misjudged_style_is_caught_by_reading_the_file_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Were a style's rule wrong (here: every text taken as safe plain), the file read
    back catches it: the text is double-quoted, never written to read as something else."""
    import briefgen.clearance.yaml_edit as module

    monkeypatch.setattr(module, "_plain_safe", lambda text, flow: True)
    edited = apply_edits("a: 'x'\nb: 'y'\nc: old\n", [SetText(("c",), "yes: no")])
    assert edited == "a: 'x'\nb: 'y'\nc: \"yes: no\"\n"


@pytest.mark.parametrize(
    ("source", "edits", "result"),
    [
        (
            "\ufeffa: old\n",
            [SetText(("a",), "new"), AddComment((), "top")],
            "\ufeff# top\na: new\n",
        ),
        ("a: \nb: 1\n", [SetText(("a",), "x")], "a: x\nb: 1\n"),
        ("a:\r\nb: 1\r\n", [SetText(("a",), "x")], "a: x\r\nb: 1\r\n"),
        ("a:   # c\n", [SetText(("a",), "x")], "a: x   # c\n"),
        ("---\na: old\n...\n", [SetText(("a",), "new")], "---\na: new\n...\n"),
        ("a: []\n", [InsertItem(("a",), 0, "v")], "a: [v]\n"),
        ("a: [x]\n", [InsertItem(("a",), 1, {"k": "v: w"})], 'a: [x, {k: "v: w"}]\n'),
        ("a:\n- x\n- y\n", [InsertItem(("a",), 1, "z")], "a:\n- x\n- z\n- y\n"),
        ("a: |+\n  x\n\nb: 1\n", [SetText(("a",), "y")], "a: |-\n  y\n\nb: 1\n"),
    ],
)
def test_edge_cases(source: str, edits: list[Edit], result: str) -> None:
    assert apply_edits(source, edits) == result


def test_an_alias_bomb_is_refused_by_the_loaders_limits() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 9)]
    with pytest.raises(YamlEditError, match="cannot edit: the file does not load"):
        apply_edits("\n".join(lines) + "\n", [SetText(("a0", 0), "y")])


def test_a_comment_on_a_deleted_item_stays_where_the_item_was() -> None:
    edits: list[Edit] = [
        AddComment(("list", 1, "text"), "Deleted: no longer true"),
        DeleteItem(("list",), 1),
    ]
    edited = apply_edits(DOC, edits)
    assert (
        "  - id: R1\n    text: First recommendation.\n\n    # Deleted: no longer true\n" in edited
    )
    assert [item["id"] for item in load(edited).data["list"]] == ["R1", "R3"]
    last = apply_edits(DOC, [AddComment(("list", 2), "gone"), DeleteItem(("list",), 2)])
    assert last.endswith("text: Second recommendation.\n  # gone\nflow: [one, two, three]\n")

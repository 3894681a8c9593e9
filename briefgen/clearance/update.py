"""A reviewed DOCX as edits of the brief's YAML: each field's new text, the list items a
reviewer added, deleted or moved, the open tracked changes and the comments, and every
edit that has no place in the YAML (a label, a footer, a picture) reported, not dropped.

The reviewed copy is compared with the DOCX briefgen makes of the same YAML now (the
file's hash must match the one the copy records): a field whose text and formatting read
the same is left alone, so an untouched copy changes no byte of the YAML.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from briefgen.clearance.docx_read import Comment, Paragraph, ReviewedDocument, Run, read_reviewed
from briefgen.clearance.inline import InlineRun, runs_to_markdown
from briefgen.clearance.yaml_edit import (
    AddComment,
    DeleteItem,
    Edit,
    InsertItem,
    MoveItem,
    SetText,
    YamlPath,
)
from briefgen.errors import BriefError, excerpt
from briefgen.model.loaded import LoadedBrief
from briefgen.model.source import KeyPath, format_key_path
from briefgen.render.docx.brief import MarkedDocx
from briefgen.render.docx.writer import FIELD_BOOKMARK

ChangeMode = Literal["accept", "reject"]
CONTEXT_CHARS = 60
NOT_READ_BACK = "text briefgen does not read back (a label, a number, a table)"
TITLE: KeyPath = ("evaluation", "title")  # marked by its style, not a bookmark


@dataclass(frozen=True)
class OpenChange:
    """A tracked change still open in a field (or outside any: ``where`` says)."""

    where: str
    kind: str
    author: str
    date: str
    text: str


@dataclass(frozen=True)
class FieldComment:
    where: str
    author: str
    date: str
    quoted: str
    text: str


@dataclass(frozen=True)
class Unplaced:
    """An edit the YAML has no place for, with the page text around it."""

    what: str
    context: str


@dataclass
class Plan:
    """What a reviewed copy asks of the YAML."""

    edits: list[Edit] = field(default_factory=list)
    open_changes: list[OpenChange] = field(default_factory=list)
    comments: list[FieldComment] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)


# Key paths --------------------------------------------------------------------------


def file_path(data: Any, key_path: KeyPath, language: str) -> YamlPath:
    """The path of a model's key path in the YAML file: a text given by language gets
    its language key, a one-text list (``text: "..."``) is the text itself, and an item
    written as ``{id, text}`` is its ``text``."""
    path: list[str | int] = []
    node = data
    for part in key_path:
        node = _in_language(node, language, path)
        if isinstance(part, int):
            if isinstance(node, list) and 0 <= part < len(node):
                node = node[part]
                path.append(part)
            elif part == 0:  # a list of one written as its only value
                continue
            else:
                path.append(part)
                node = None
        else:
            path.append(part)
            node = node.get(part) if isinstance(node, dict) else None
    node = _in_language(node, language, path)
    if isinstance(node, dict) and "text" in node:
        path.append("text")
        node = _in_language(node["text"], language, path)
    return tuple(path)


def _in_language(node: Any, language: str, path: list[str | int]) -> Any:
    if (
        isinstance(node, dict)
        and language in node
        and all(isinstance(key, str) and len(key) <= 8 and "_" not in key for key in node)
    ):
        path.append(language)
        return node[language]
    return node


def container_path(data: Any, key_path: KeyPath, language: str) -> YamlPath:
    """The file path of the list an item (a model key path ending in an index) is in."""
    return file_path(data, key_path[:-1], language)


# Tracked changes ----------------------------------------------------------------------


def resolve(paragraphs: list[Paragraph], mode: ChangeMode) -> list[Paragraph]:
    """The paragraphs with every tracked change accepted or rejected: a deleted
    paragraph mark (or, rejected, an inserted one) joins the paragraph to the next."""
    result: list[Paragraph] = []
    carried: list[Run] = []
    carried_fields: list[str] = []
    for paragraph in paragraphs:
        runs = carried + [_resolved(run, mode) for run in paragraph.runs if _kept(run, mode)]
        joined = replace(paragraph, runs=runs, fields=carried_fields + paragraph.fields, mark=None)
        mark = paragraph.mark
        if mark is not None and (
            (mode == "accept" and mark.kind == "deletion")
            or (mode == "reject" and mark.kind == "insertion")
        ):
            carried, carried_fields = runs, joined.fields
            continue
        carried, carried_fields = [], []
        result.append(joined)
    return result


def _kept(run: Run, mode: ChangeMode) -> bool:
    if run.change is None or run.change.kind == "formatting":
        return True
    return (run.change.kind == "insertion") == (mode == "accept")


def _resolved(run: Run, mode: ChangeMode) -> Run:
    if run.change is not None and run.change.kind == "formatting" and mode == "reject":
        return replace(run, bold=run.was_bold, italic=run.was_italic, change=None)
    return replace(run, change=None)


# Fields --------------------------------------------------------------------------------

Shape = tuple[tuple[str, bool, bool, bool, str | None], ...]


def _shape(runs: Sequence[Run], anchors: dict[str, str]) -> Shape:
    """Runs as what a reader sees: text, bold, italic, code, link (equal neighbours
    merged, so a word processor's splitting of runs is no edit)."""
    merged: list[tuple[str, bool, bool, bool, str | None]] = []
    for run in runs:
        if run.picture or not run.text:
            continue
        link = run.href or (f"#{anchors.get(run.anchor, run.anchor)}" if run.anchor else None)
        key = (run.bold, run.italic, run.code, link)
        if merged and merged[-1][1:] == key:
            merged[-1] = (merged[-1][0] + run.text, *key)
        else:
            merged.append((run.text, *key))
    return tuple(merged)


def _markdown(shape: Shape, cross_references: dict[str, str]) -> str:
    """A field's runs as the brief's inline Markdown; a cross-reference that still reads
    as briefgen wrote it goes back to ``[](#id)``."""
    runs = []
    for text, bold, italic, code, link in shape:
        shown = text
        if link and link.startswith("#") and cross_references.get(link) == text:
            shown = ""
        runs.append(InlineRun(shown, bold, italic, link, code))
    return runs_to_markdown(runs).strip()


@dataclass(frozen=True)
class _Generated:
    """Text outside every field: briefgen's labels and numbers, or a reviewer's."""

    text: str
    context: str
    runs: tuple[Run, ...]
    free: bool  # a whole body paragraph (a label heading, or a paragraph added)
    part: str = "body"  # body, or the header's or footer's part
    heading: bool = False  # in a heading or title style: never a list item


@dataclass
class _Layout:
    """A document as fields: each field's paragraphs, the order of fields and of
    paragraphs outside any field, and the text outside fields, paragraph by paragraph."""

    content: dict[str, list[list[Run]]] = field(default_factory=dict)
    units: list[tuple[str, Any]] = field(
        default_factory=list
    )  # ("field", name) | ("free", n) | ("new", runs)
    generated: list[_Generated] = field(default_factory=list)
    pictures: list[str] = field(default_factory=list)  # the text around each picture
    whole: set[str] = field(default_factory=set)  # fields that are their paragraph's only text


def _layout(
    paragraphs: list[Paragraph], title: tuple[str, str], whole: set[str] | None = None
) -> _Layout:
    """``title`` is the title's style and field name: it is found by its style."""
    title_style, title_field = title
    last_text = ""
    layout = _Layout()
    title_found = False
    for paragraph in paragraphs:
        runs = paragraph.runs
        if (
            not title_found
            and paragraph.part == "body"
            and paragraph.style == title_style
            and not any(run.field for run in runs)
        ):
            runs = [replace(run, field=title_field) for run in runs]
            title_found = True
        names = [run.field for run in runs if run.field and run.text.strip()]
        if whole is not None and names and len(set(names)) == 1 and names[0] in whole:
            runs = [replace(run, field=names[0]) for run in runs]  # text typed at its edge
        text = "".join(run.text for run in runs).strip()
        context = excerpt(text or last_text, CONTEXT_CHARS)  # a picture alone: the text before
        last_text = text or last_text
        layout.pictures += [context for run in runs if run.picture]
        generated = "".join(run.text for run in runs if run.field is None).strip()
        if generated:
            free = paragraph.part == "body" and not names
            if free:
                layout.units.append(("free", len(layout.generated)))
            heading = paragraph.style.lower().startswith(("heading", "title", "subtitle"))
            layout.generated.append(
                _Generated(generated, context, tuple(runs), free, paragraph.part, heading)
            )
        if not names:
            continue
        seen: list[str] = []
        for run in runs:
            if run.field and run.field not in seen:
                seen.append(run.field)
        for name in seen:
            own = [run for run in runs if run.field == name]
            if not "".join(run.text for run in own).strip():
                continue
            if name not in layout.content:
                layout.content[name] = []
                layout.units.append(("field", name))
            elif paragraph.part == "body":
                layout.units.append(("new", own))  # Enter pressed inside the field
                continue
            layout.content[name].append(own)
        if all(run.field for run in runs if run.text.strip()) and len(seen) == 1:
            layout.whole.add(seen[0])
    return layout


def plan(
    loaded: LoadedBrief,
    marked: MarkedDocx,
    reviewed: ReviewedDocument,
    changes: ChangeMode | None,
    comments_as_yaml: bool = False,
) -> Plan:
    """The edits a reviewed copy asks of the brief (nothing when tracked changes are
    still open and ``changes`` is None: then only the open changes are listed)."""
    result = Plan()
    data = loaded.languages.source.data if loaded.languages else loaded.source.data
    language = loaded.brief.language
    fields = {f"{FIELD_BOOKMARK}{n}": path for n, path in enumerate(marked.fields)}

    def where(name: str | None) -> str:
        if name is None or name not in fields:
            return "outside any field"
        return format_key_path(file_path(data, fields[name], language))

    title_field = f"{FIELD_BOOKMARK}{marked.fields.index(TITLE)}"
    comments = [
        replace(comment, field=title_field)
        if comment.field is None and comment.style == marked.title_style
        else comment
        for comment in reviewed.comments
    ]
    for comment in comments:
        result.comments.append(_comment(comment, where))
    if changes is None:
        for paragraph in reviewed.paragraphs:
            for run in paragraph.runs:
                if run.change is not None:
                    change = run.change
                    text = excerpt(run.text or "(a picture)", CONTEXT_CHARS)
                    where_ = where(run.field)
                    result.open_changes.append(
                        OpenChange(where_, change.kind, change.author, change.date, text)
                    )
            if paragraph.mark is not None:
                first = paragraph.fields[0] if paragraph.fields else None
                mark = paragraph.mark
                kind = "paragraph " + mark.kind
                result.open_changes.append(
                    OpenChange(
                        where(first),
                        kind,
                        mark.author,
                        mark.date,
                        excerpt(paragraph.text, CONTEXT_CHARS),
                    )
                )
        result.open_changes = _merged(result.open_changes)
        if result.open_changes:
            return result
    original_document = read_reviewed(loaded.path, marked.content)
    title = (marked.title_style, title_field)
    original = _layout(original_document.paragraphs, title)
    paragraphs = resolve(reviewed.paragraphs, changes or "accept")
    now = _layout(paragraphs, title, original.whole)
    cross = {
        f"#{marked.anchors.get(run.anchor, run.anchor)}": run.text
        for paragraph in original_document.paragraphs
        for run in paragraph.runs
        if run.anchor
    }

    def shape(runs: Sequence[Run]) -> Shape:
        return _shape(runs, marked.anchors)

    def markdown(runs: Sequence[Run]) -> str:
        return _markdown(shape(runs), cross)

    # What has no place in the YAML, and the paragraphs added outside any field
    unplaced, added = _generated_changes(original.generated, now.generated)
    _reattach(original, now, added, where, loaded)
    # Field texts
    for name, paragraphs_before in original.content.items():
        path = fields[name]
        after = now.content.get(name)
        if after is None:
            if not isinstance(path[-1], int):
                result.unplaced.append(
                    Unplaced(
                        f"the text of {where(name)} was deleted; the YAML keeps it",
                        excerpt(_text(paragraphs_before[0]), CONTEXT_CHARS),
                    )
                )
            continue
        if [shape(runs) for runs in after] != [shape(runs) for runs in paragraphs_before]:
            where_in_file = file_path(data, path, language)
            text = markdown(after[0])
            value = _value_at(data, where_in_file)
            if isinstance(value, str):
                text = carry_over(value.strip(), markdown(paragraphs_before[0]), text)
            result.edits.append(SetText(where_in_file, text))
    result.unplaced += unplaced
    # Lists: items added, deleted, moved
    result.edits += _list_edits(original, now, added, fields, data, language, markdown, result)
    result.unplaced += [
        Unplaced("a picture was added; the YAML has no place for it", context)
        for context in _added(original.pictures, now.pictures)
    ]
    if comments_as_yaml:
        for comment in comments:
            if comment.field in fields:
                text = f"{comment.author} ({comment.date[:10]}): {comment.text}".replace("\n", " ")
                result.edits.append(
                    AddComment(file_path(data, fields[comment.field], language), text)
                )
    return result


def _reattach(
    original: _Layout, now: _Layout, added: set[int], where: Any, loaded: LoadedBrief
) -> None:
    """Paragraphs retyped whole (``paragraph.text = ...`` in python-docx, or pasting
    over a paragraph in Word) lose their field's bookmark and read as new paragraphs.
    Where fields vanished and as many unmarked paragraphs appeared in the same place
    (between the same marked neighbours and briefgen's own paragraphs), each is its
    field's new text; where the counts differ, which is which cannot be told, and the
    update is refused rather than a field deleted or the text given to the next list."""
    order = [value for kind, value in original.units if kind == "field"]
    missing = [name for name in order if name not in now.content]
    if not missing:
        return
    position = {value: at for at, (kind, value) in enumerate(now.units) if kind == "field"}
    done: set[str] = set()
    for name in missing:
        if name in done:
            continue
        at = order.index(name)
        low = at
        while low > 0 and order[low - 1] not in now.content:
            low -= 1
        high = at
        while high + 1 < len(order) and order[high + 1] not in now.content:
            high += 1
        group = order[low : high + 1]
        done.update(group)
        before = order[low - 1] if low > 0 else None
        after = order[high + 1] if high + 1 < len(order) else None
        start = position[before] + 1 if before is not None else 0
        end = position[after] if after is not None else len(now.units)
        gap = now.units[start:end]
        if start > end or any(kind == "field" for kind, _ in gap):
            continue  # a neighbour moved: the gap is not one place any more
        # The fields in their gap, and the unmarked new paragraphs in theirs, each by
        # how many of briefgen's own paragraphs (a heading) come before it in the gap.
        fields_at: dict[int, list[str]] = {}
        first = original.units.index(("field", before)) + 1 if before is not None else 0
        last = original.units.index(("field", after)) if after is not None else None
        ours = 0
        for kind, value in original.units[first:last]:
            if kind == "field":
                fields_at.setdefault(ours, []).append(value)
            elif kind == "free":
                ours += 1
        typed_at: dict[int, list[int]] = {}
        ours = 0
        for offset, (kind, value) in enumerate(gap):
            if kind != "free":
                continue
            if value in added and not now.generated[value].heading:
                typed_at.setdefault(ours, []).append(start + offset)
            elif value not in added:
                ours += 1
        for ours, names in fields_at.items():
            typed = typed_at.get(ours, [])
            if not typed:
                continue  # deleted: a deleted item, or a text reported as deleted
            if len(typed) != len(names):
                text = now.generated[now.units[typed[0]][1]].text
                raise BriefError.single(
                    f"the paragraph '{excerpt(text, CONTEXT_CHARS)}' lost its briefgen "
                    "marker (it was retyped or pasted over whole) where "
                    f"{' and '.join(where(n) for n in names)} were: nothing is applied",
                    loaded.path,
                    hint="in Word, edit inside the paragraph instead of replacing it whole, "
                    "or make this edit in the YAML",
                )
            for name_, unit in zip(names, typed, strict=True):
                index = now.units[unit][1]
                runs = [replace(run, field=name_) for run in now.generated[index].runs]
                now.content[name_] = [runs]
                now.units[unit] = ("field", name_)
                added.discard(index)


def _value_at(data: Any, path: YamlPath) -> Any:
    node = data
    for part in path:
        if isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):
            node = node[part]
        elif isinstance(part, str) and isinstance(node, dict):
            node = node.get(part)
        else:
            return None
    return node


def carry_over(value: str, before: str, after: str) -> str:
    """The reviewer's edits of ``before`` (the field as Word showed it, as Markdown) made
    on ``value`` (the field as the YAML writes it): what they did not touch keeps the
    YAML's own spelling (straight quotes the typography curled, ``__bold__``...). When
    an edit's edge falls where the two differ, the reviewer's whole text is taken."""
    if value == before:
        return after
    blocks = difflib.SequenceMatcher(a=before, b=value, autojunk=False).get_matching_blocks()

    def in_value(position: int) -> int | None:
        for start, start_value, size in blocks:
            if start <= position <= start + size and size:
                return start_value + position - start
        return None

    pieces: list[str] = []
    cursor = 0
    edits = difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes()
    for tag, low, high, low_after, high_after in edits:
        if tag == "equal":
            continue
        start, end = in_value(low), in_value(high)
        if start is None or end is None or start < cursor or end < start:
            return after
        pieces += [value[cursor:start], after[low_after:high_after]]
        cursor = end
    return "".join([*pieces, value[cursor:]])


def _text(runs: list[Run]) -> str:
    return "".join(run.text for run in runs)


def _comment(comment: Comment, where: Any) -> FieldComment:
    place = (
        where(comment.field)
        if comment.field
        else f"outside any field, near '{excerpt(comment.context, CONTEXT_CHARS)}'"
    )
    return FieldComment(
        place, comment.author, comment.date, excerpt(comment.quoted, CONTEXT_CHARS), comment.text
    )


def _merged(changes: list[OpenChange]) -> list[OpenChange]:
    """Adjacent runs of one change (one author, date, kind, field) said once."""
    merged: list[OpenChange] = []
    for change in changes:
        last = merged[-1] if merged else None
        if (
            last
            and (last.where, last.kind, last.author, last.date)
            == (change.where, change.kind, change.author, change.date)
            and not change.kind.startswith("paragraph")
        ):
            merged[-1] = replace(
                last, text=excerpt(last.text.rstrip("…") + change.text, CONTEXT_CHARS)
            )
        else:
            merged.append(change)
    return merged


def _added(before: list[str], after: list[str]) -> list[str]:
    found: list[str] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, _, _, low, high in matcher.get_opcodes():
        if tag in ("insert", "replace"):
            found += after[low:high]
    return found


def _generated_changes(
    before: list[_Generated], after: list[_Generated]
) -> tuple[list[Unplaced], set[int]]:
    """Text outside fields that reads differently now: a body paragraph added (its
    index in ``after``: a new list item, if it has a list to go in) or briefgen's own
    text (labels, numbers, footers) edited, which has no place in the YAML."""
    found: list[Unplaced] = []
    added: set[int] = set()
    old = [(item.part, item.text) for item in before]  # a footer's text is matched to
    new = [(item.part, item.text) for item in after]  # its own footer's
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, low_a, high_a, low_b, high_b in matcher.get_opcodes():
        if tag == "equal":
            continue
        for index in range(low_b, high_b):
            if tag == "insert" and after[index].free:
                added.add(index)
                continue
            was = f" (was '{excerpt(old[low_a][1], CONTEXT_CHARS)}')" if low_a < high_a else ""
            found.append(
                Unplaced(
                    f"{NOT_READ_BACK} was edited{was}",
                    after[index].context,
                )
            )
        if high_b == low_b:
            for index in range(low_a, high_a):
                found.append(Unplaced(f"{NOT_READ_BACK} was deleted", before[index].context))
    return found, added


def _outside_any_field(paragraphs: list[list[Run]]) -> list[Unplaced]:
    """New paragraphs with no list before them to join: reported, never dropped."""
    return [
        Unplaced(
            "a paragraph outside any field; the YAML has no place for it",
            excerpt(_text(runs), CONTEXT_CHARS),
        )
        for runs in paragraphs
    ]


def _list_edits(
    original: _Layout,
    now: _Layout,
    added: set[int],
    fields: dict[str, KeyPath],
    data: Any,
    language: str,
    markdown: Any,
    result: Plan,
) -> list[Edit]:
    """Items added (new paragraphs), deleted and moved, list by list."""
    edits: list[Edit] = []
    lists: dict[KeyPath, list[tuple[str, Any]]] = {}  # container -> the items as they are now
    sizes: dict[KeyPath, int] = {}
    for name in original.content:
        path = fields[name]
        if isinstance(path[-1], int):
            sizes[path[:-1]] = max(sizes.get(path[:-1], 0), path[-1] + 1)
    previous: KeyPath | None = None
    pending: list[list[Run]] = []
    for kind, value in now.units:
        if kind == "field":
            assert isinstance(value, str)
            found = fields.get(value)
            container = found[:-1] if found and isinstance(found[-1], int) else None
            if pending:
                target = previous or container
                if target is None:
                    result.unplaced += _outside_any_field(pending)
                else:
                    lists.setdefault(target, []).extend(("new", runs) for runs in pending)
                pending = []
            if container is not None and found is not None:
                lists.setdefault(container, []).append(("item", found[-1]))
            previous = container
        elif kind == "new":
            pending.append(value)
        elif value in added and now.generated[value].heading:
            where = now.generated[value].context
            result.unplaced.append(
                Unplaced("a heading was added; add a section in the YAML", where)
            )
            previous = None
        elif value in added:
            pending.append(list(now.generated[value].runs))
        else:  # briefgen's own paragraph (a heading from the labels) ends a list
            previous = None
    if pending:
        if previous is None:
            result.unplaced += _outside_any_field(pending)
        else:
            lists.setdefault(previous, []).extend(("new", runs) for runs in pending)
    for container, size in sizes.items():
        entries = lists.get(container, [])
        where = container_path(data, (*container, 0), language)
        kept = [index for kind, index in entries if kind == "item"]
        for index in range(size):
            if index not in kept:
                edits.append(DeleteItem(where, index))
        staying = set(_increasing(kept))
        for position, (kind, value) in enumerate(entries):
            following = next(
                (index for k, index in entries[position + 1 :] if k == "item" and index in staying),
                size,
            )
            if kind == "new":
                edits.append(InsertItem(where, following, markdown(value)))
            elif value not in staying:
                edits.append(MoveItem(where, value, following))
    return edits


def _increasing(values: list[int]) -> list[int]:
    """The longest increasing subsequence: the items that stay where they were."""
    best: list[list[int]] = []
    for value in values:
        candidates = [chain for chain in best if chain[-1] < value]
        longest = max(candidates, key=len, default=[])
        best.append([*longest, value])
    return max(best, key=len, default=[])

"""Walks over a brief's section tree, for every layer that needs one: the loading checks
(with key paths, to point at the YAML), the view (in reading order) and cross-references
(what "recommendation 3" numbers)."""

from __future__ import annotations

from collections.abc import Iterator

from briefgen.model.brief import Brief, Section
from briefgen.model.evidence import Item
from briefgen.model.source import KeyPath


def iter_sections(sections: list[Section]) -> Iterator[Section]:
    for section in sections:
        yield section
        yield from iter_sections(section.sections)


def sections_with_paths(
    sections: list[Section], prefix: KeyPath = ()
) -> Iterator[tuple[Section, KeyPath]]:
    """Every section, depth first, with its key path in the YAML."""
    for index, section in enumerate(sections):
        path = (*prefix, "sections", index)
        yield section, path
        yield from sections_with_paths(section.sections, path)


def item_ids(brief: Brief) -> dict[str, tuple[Section, int]]:
    """Each item id with its section and 1-based position."""
    found: dict[str, tuple[Section, int]] = {}
    for section, _ in sections_with_paths(brief.sections):
        for number, item in enumerate(section.items, start=1):
            if isinstance(item, Item):
                found.setdefault(item.id, (section, number))
    return found

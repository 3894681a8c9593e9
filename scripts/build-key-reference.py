"""Write docs/reference.md, every key of a brief, from the JSON Schema the models make.

Run it after changing a model: ``python scripts/build-key-reference.py``.
tests/test_guide.py fails until docs/reference.md matches, so the reference never drifts
from what ``briefgen validate`` accepts.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefgen.model.schema import brief_schema  # noqa: E402

TARGET = ROOT / "docs" / "reference.md"
INTRO = """\
# Every key of a brief

Generated from the brief format's JSON Schema (`briefgen schema`) by
`scripts/build-key-reference.py`; do not edit by hand. For a guided start, see
[the user guide](guide/README.md). Any text may also be written by language
(`{en: ..., fr: ...}`) in a brief that lists its `languages`.
"""


def _type(node: dict[str, Any], definitions: dict[str, Any]) -> str:
    """A short, readable name of what a key accepts."""
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        if name == "TextByLanguage":
            return "text by language"
        target = definitions.get(name, {})
        if "properties" not in target:  # a plain value: say what it looks like
            examples = target.get("examples", [])
            shown = ", ".join(f"`{example}`" for example in examples)
            return (
                f"{_type(target, definitions)} ({shown})" if shown else _type(target, definitions)
            )
        return f"[{name}](#{name.lower()})"
    if "enum" in node:
        return " \\| ".join(f"`{value}`" for value in node["enum"])
    if "const" in node:
        return f"`{node['const']}`"
    for union in ("anyOf", "oneOf"):
        if union in node:
            names = dict.fromkeys(_type(option, definitions) for option in node[union])
            names.pop("null", None)
            if "text by language" in names and "text" in names:
                names.pop("text by language")
            return " or ".join(names)
    kind = node.get("type")
    if kind == "array":
        return f"list of {_type(node.get('items', {}), definitions)}"
    if kind == "string":
        return "date" if node.get("format") == "date" else "text"
    if kind == "integer":
        return "whole number"
    if kind == "number":
        return "number"
    if kind == "boolean":
        return "`true` \\| `false`"
    if kind == "null":
        return "null"
    if kind == "object":
        return "mapping"
    return "any"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _table(model: dict[str, Any], definitions: dict[str, Any]) -> list[str]:
    required = set(model.get("required", []))
    lines = ["| key | accepts | required | what it is |", "| --- | --- | --- | --- |"]
    for key, node in model.get("properties", {}).items():
        default = ""
        if "default" in node and node["default"] not in (None, [], {}):
            default = f" Default: `{node['default']}`."
        lines.append(
            f"| `{key}` | {_type(node, definitions)} | {'yes' if key in required else ''} "
            f"| {_cell(node.get('description', ''))}{default} |"
        )
    return lines


def reference() -> str:
    schema = brief_schema()
    definitions: dict[str, Any] = schema.get("$defs", {})
    parts = [INTRO, "## Brief", "", _cell(schema.get("description", "")), ""]
    parts += _table(schema, definitions)
    for name in sorted(definitions):
        model = definitions[name]
        if "properties" not in model:
            continue
        parts += ["", f"## {name}", "", _cell(model.get("description", "")), ""]
        parts += _table(model, definitions)
    return "\n".join(parts) + "\n"


def main() -> None:
    TARGET.write_text(reference(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

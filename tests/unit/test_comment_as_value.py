"""A value that YAML reads whole as a comment is named as such (a newcomer's `#4 donor`)."""

from __future__ import annotations

from pathlib import Path

from briefgen.loading.yaml_source import load_yaml


def _warnings(text: str, tmp_path: Path) -> list[str]:
    path = tmp_path / "brief.yaml"
    path.write_text(text, encoding="utf-8")
    return [str(problem) for problem in load_yaml(path, strict=False).warnings]


def test_a_value_read_as_a_comment_is_named_at_its_hash(tmp_path: Path) -> None:
    warnings = _warnings("quick_facts:\n  - label: Donors\n    value: #4 donor\n", tmp_path)
    assert warnings == [
        f"{tmp_path / 'brief.yaml'}:3:12: warning: quick_facts[0].value: YAML reads '#4 donor'"
        ' as a comment: the value is left empty (to keep it, put it in quotes: "#4 donor")'
    ]


def test_a_comment_meant_as_one_is_left_alone(tmp_path: Path) -> None:
    assert _warnings("value: # to be filled in\nother: x\n", tmp_path) == []
    assert _warnings("value:\nother: '#4 donor'\n", tmp_path) == []

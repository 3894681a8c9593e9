"""The annotated example (docs/brief-file.md, once in the README) is a valid brief, and the
library example runs: the docs cannot drift from the model."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from briefgen.loading.validate import validate_document
from briefgen.loading.yaml_source import parse_yaml
from tests.conftest import ROOT


def test_readme_example_validates() -> None:
    page = ROOT / "docs" / "brief-file.md"  # moved from the README, with this test
    blocks = re.findall(r"```yaml\n(.*?)```", page.read_text(encoding="utf-8"), flags=re.DOTALL)
    example = next(block for block in blocks if "quick_facts:" in block)
    brief = validate_document(parse_yaml(example, page))
    assert brief.organisation.acronym == "UNODC"
    assert [section.kind for section in brief.sections] == ["background", "results", "lessons"]
    assert brief.theme.font == "source-sans"
    results = [section.kind for section in brief.sections[1].sections]
    for block in ("key_figures", "ratings", "table", "chart", "map", "management_response"):
        assert block in results


def test_readme_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The library example renders what load_brief returned, as docs/development.md shows it
    (moved there from the README, with this test)."""
    readme = (ROOT / "docs" / "development.md").read_text(encoding="utf-8")
    (example,) = re.findall(r"```python\n(.*?)```", readme, flags=re.DOTALL)
    assert "render_brief(loaded" in example
    (tmp_path / "data").mkdir()
    shutil.copy(ROOT / "data" / "brief.yaml", tmp_path / "data" / "brief.yaml")
    monkeypatch.chdir(tmp_path)
    printed: list[str] = []
    exec(example, {"print": lambda *values: printed.append(" ".join(map(str, values)))})
    assert (tmp_path / "out" / "brief.pdf").read_bytes().startswith(b"%PDF-")
    assert any("nothing under it" in line for line in printed)
    assert any(line.startswith("out/brief.pdf 2 ") for line in printed)

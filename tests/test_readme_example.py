"""The README's annotated example is a valid brief: the docs cannot drift from the model."""

from __future__ import annotations

import re

from briefgen.loading.validate import validate_document
from briefgen.loading.yaml_source import parse_yaml
from tests.conftest import ROOT


def test_readme_example_validates() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", readme, flags=re.DOTALL)
    example = next(block for block in blocks if "quick_facts:" in block)
    brief = validate_document(parse_yaml(example, ROOT / "README.md"))
    assert brief.organisation.acronym == "UNODC"
    assert [section.kind for section in brief.sections] == ["background", "results", "lessons"]
    assert brief.theme.font == "source-sans"

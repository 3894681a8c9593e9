"""The user guide says what briefgen does: its examples validate, its links resolve, and the
key reference is the schema's own."""

from __future__ import annotations

import importlib.util
import re
import textwrap
from pathlib import Path

import pytest

from briefgen.api import load_brief
from briefgen.errors import BriefError
from tests.conftest import ROOT, SMALL_BRIEF

GUIDE = ROOT / "docs" / "guide"
PAGES = sorted(GUIDE.glob("*.md"))


def _yaml_blocks(page: Path) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", page.read_text(encoding="utf-8"), re.DOTALL)


def test_the_key_reference_is_generated_from_the_schema() -> None:
    spec = importlib.util.spec_from_file_location(
        "build_key_reference", ROOT / "scripts" / "build-key-reference.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    assert written == module.reference(), "run python scripts/build-key-reference.py"
    for key in ("`quick_facts`", "`sections`", "`max_pages`", "`docx_reference`"):
        assert key in written


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_the_guide_links_resolve(page: Path) -> None:
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
        if target.startswith(("http://", "https://")):
            continue
        assert (page.parent / target).exists(), f"{page.name}: {target}"


def _brief_with_section(block: str, tmp_path: Path) -> Path:
    section = textwrap.indent(block, "  ")
    text = SMALL_BRIEF.replace("sections:\n", "sections:\n" + section, 1)
    path = tmp_path / "brief.yaml"
    path.write_text(text, encoding="utf-8")
    return path


SECTION_BLOCKS = [block for block in _yaml_blocks(GUIDE / "evidence.md")]


@pytest.mark.parametrize("block", SECTION_BLOCKS, ids=lambda b: b.split("\n")[0])
def test_each_evidence_example_of_the_guide_validates(block: str, tmp_path: Path) -> None:
    try:
        loaded = load_brief(_brief_with_section(block, tmp_path))
    except BriefError as error:
        pytest.fail("\n".join(str(problem) for problem in error.problems))
    kind = re.match(r"- kind: (\w+)", block)
    assert kind is not None
    assert loaded.brief.sections[0].kind == kind.group(1)


def test_the_guide_has_an_example_of_every_evidence_kind() -> None:
    kinds = {re.match(r"- kind: (\w+)", block).group(1) for block in SECTION_BLOCKS}  # type: ignore[union-attr]
    assert kinds == {"key_figures", "ratings", "table", "chart", "map"}


def test_the_languages_example_validates(tmp_path: Path) -> None:
    block, _translation = _yaml_blocks(GUIDE / "languages.md")
    text = SMALL_BRIEF.replace("language: en\n", "").replace(
        "evaluation:\n  type: Final evaluation\n  title: Clean Water Programme\n", block
    )
    path = tmp_path / "brief.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_brief(path)
    assert loaded.brief.languages == ["en", "fr"]


def test_the_translation_file_example_is_read_with_its_brief(tmp_path: Path) -> None:
    _block, translation = _yaml_blocks(GUIDE / "languages.md")
    brief = tmp_path / "my-brief.yaml"
    brief.write_text(SMALL_BRIEF.replace("language: en", "languages: [en, fr]"), encoding="utf-8")
    (tmp_path / "my-brief.fr.yaml").write_text(translation, encoding="utf-8")
    french = load_brief(brief, language="fr").brief
    assert french.evaluation.type == "Évaluation finale"
    assert french.sections[0].text == [
        "L'évaluation a constaté que le programme a atteint la plupart des villages."
    ]
    assert load_brief(brief, language="en").brief.evaluation.type == "Final evaluation"


def test_the_first_brief_yaml_rules_hold(tmp_path: Path) -> None:
    """The quoting and paragraph examples of "Your first brief" mean what the page says."""
    import yaml

    blocks = _yaml_blocks(GUIDE / "first-brief.md")
    quoted = yaml.safe_load(blocks[1])
    assert quoted == {"title": "Youth employment: the ILO's programme", "value": "No"}
    team = yaml.safe_load(blocks[0])
    assert team["quick_facts"][0]["value"][0] == {"name": "Rana Haddad", "role": "Team leader"}

"""Property tests: whatever YAML or text a brief holds, the CLI answers, never crashes.

Random YAML documents and random strings in every text field go through ``validate`` and
``render -f md -f html -f docx`` (a handful through PDF too); the exit code is 0 or 1 and no
exception escapes.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli_runner import invoke
from tests.conftest import brief_head

FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

TEXT_FIELDS = [
    ("organisation", "name"),
    ("organisation", "acronym"),
    ("organisation", "unit"),
    ("series",),
    ("evaluation", "type"),
    ("evaluation", "title"),
    ("evaluation", "subtitle"),
    ("summary",),
    ("sections", 0, "heading"),
    ("sections", 0, "text"),
    ("sections", 0, "items"),
    ("sections", 0, "closing"),
    ("sections", 1, "caption"),
    ("sections", 1, "credit"),
    ("quick_facts", 0, "label"),
    ("quick_facts", 0, "value"),
    ("contact", "unit"),
    ("contact", "organisation"),
    ("contact", "address"),
    ("contact", "phone"),
]


def base_brief() -> dict[str, Any]:
    return {
        **brief_head(),
        "quick_facts": [{"label": "Countries", "value": "Global"}],
        "sections": [{"heading": "Heading", "text": "Text."}, {"kind": "figure", "caption": "C"}],
        "contact": {"unit": "Unit"},
    }


def check(*args: str) -> int:
    result = invoke(*args)  # no exception but the exit, no "Traceback"
    assert result.exit_code in {0, 1}, result.output
    if result.exit_code == 1:
        assert result.output.strip()  # a message, not a silent failure
    return result.exit_code


def run_all(content: str | bytes, *, pdf: bool = False) -> None:
    with tempfile.TemporaryDirectory() as folder:
        brief = Path(folder) / "brief.yaml"
        if isinstance(content, bytes):
            brief.write_bytes(content)
        else:
            brief.write_text(content, encoding="utf-8", errors="surrogatepass")
        check("validate", str(brief))
        formats = ["-f", "md", "-f", "html", "-f", "docx"] + (["-f", "pdf"] if pdf else [])
        check("render", str(brief), *formats, "-o", str(Path(folder) / "out"))


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


@FUZZ
@given(yaml_values)
def test_random_yaml_documents(value: Any) -> None:
    run_all(yaml.safe_dump(value, allow_unicode=True))


@FUZZ
@given(st.text(max_size=300))
def test_random_text_as_a_file(text: str) -> None:
    run_all(text)


@FUZZ
@given(st.binary(max_size=200))
def test_random_bytes_as_a_file(data: bytes) -> None:
    run_all(data)


hostile_text = st.text(max_size=60) | st.sampled_from(
    ["<script>x()</script>", "{{ 7*7 }}", "{% raw %}", "[a](javascript:x)", "*", "`", "\\", "\0"]
)


def brief_with(field: tuple[str | int, ...], text: str) -> str:
    """The base brief as YAML, with ``text`` at ``field``."""
    brief = base_brief()
    target: Any = brief
    for part in field[:-1]:
        target = target.setdefault(part, {}) if isinstance(part, str) else target[part]
    target[field[-1]] = text
    return yaml.safe_dump(brief, allow_unicode=True)


@FUZZ
@given(st.sampled_from(TEXT_FIELDS), hostile_text)
def test_random_text_in_every_field(field: tuple[str | int, ...], text: str) -> None:
    run_all(brief_with(field, text))


@settings(max_examples=4, deadline=None)
@given(st.sampled_from(TEXT_FIELDS), hostile_text)
def test_random_text_through_pdf(field: tuple[str | int, ...], text: str) -> None:
    run_all(brief_with(field, text), pdf=True)

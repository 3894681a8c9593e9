"""A brief's template folder is code from whoever wrote the brief: issue 23, point 1.

Templates get plain data and listed functions only (``briefgen/render/jinja/template_data.py``)
and the sandbox calls nothing else (``briefgen/render/jinja/sandbox.py``). Two kinds of test:

- a corpus walk: every attribute, item and function result a template can reach from
  every value it is given, for briefs using every kind of section, must be plain data,
  never a class and never an unlisted callable; and every attribute of the models behind
  the views (``parse_raw``, ``model_copy``...) must be out of reach;
- concrete payloads, through the CLI: the pickle and file-reading class methods, the
  classic escapes (``__class__``, ``mro``, ``__subclasses__``), format-string tricks.
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest
from jinja2.utils import Cycler, Joiner, Namespace
from markupsafe import Markup

from briefgen.loading.validate import load_brief
from briefgen.render.jinja.environment import environment, template_context
from briefgen.render.jinja.template_data import DataView, Opaque, TemplateFunction, unwrap
from briefgen.render.view.context import RenderContext
from tests.cli_runner import invoke
from tests.conftest import BASE_BRIEF, EVIDENCE_BRIEF

ROOT = Path(__file__).resolve().parent.parent
BRIEFS = [
    ROOT / "data" / "brief.yaml",
    EVIDENCE_BRIEF,  # every kind of evidence block
    ROOT / "data" / "examples" / "brief-ar.yaml",  # right to left, a map
    ROOT / "tests" / "briefs" / "multilingual.yaml",
]

BASE = BASE_BRIEF + "templates: tpl\n"

PLAIN = (str, Markup, int, float, bool, type(None), list, tuple, dict)
"""What a template's data may be made of, besides views, functions and hidden values."""

JINJA_HELPERS = (Cycler, Joiner, Namespace)
"""What ``cycler()``, ``joiner()`` and ``namespace()`` return."""

METHOD_TYPES = (types.BuiltinMethodType, types.MethodType)


def _children(env: jinja2.Environment, path: str, value: object) -> Iterator[tuple[str, object]]:
    """What a template reaches from ``value`` in one step, as the sandbox answers it."""
    for name in dir(value):
        found = env.getattr(value, name)
        if not isinstance(found, jinja2.Undefined):
            yield f"{path}.{name}", found
    if isinstance(value, list | tuple):
        yield from ((f"{path}[{index}]", item) for index, item in enumerate(value))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield f"{path}[{key!r}]", key
            yield f"{path}[{key!r}]", item


def reachable(env: jinja2.Environment, roots: dict[str, object]) -> Iterator[tuple[str, object]]:
    """Every value reachable from ``roots``, once each, with the path that reached it;
    template functions are called with every view the walk met (a section for
    ``heading``, an item for ``item_text``...) and their results walked too."""
    seen: set[int] = set()
    views: list[object] = []
    functions: list[tuple[str, TemplateFunction]] = []
    stack = list(roots.items())
    while stack or functions:
        if not stack:
            path, function = functions.pop()
            for argument in [None, "findings", *views]:
                try:
                    result = function() if argument is None else function(argument)
                except Exception:  # not an argument this function takes
                    continue
                stack.append((f"{path}(...)", result))
            continue
        path, value = stack.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        yield path, value
        if repr(value) in ("<Section data>", "<Item data>"):
            views.append(value)  # what the functions take
        if isinstance(value, TemplateFunction):
            functions.append((path, value))
        if isinstance(value, METHOD_TYPES):
            continue  # a listed method of text or a dict: its results are text
        stack.extend(_children(env, path, value))


def given_to_templates(brief: Path) -> dict[str, object]:
    loaded = load_brief(brief)
    return template_context(RenderContext(loaded, for_print=True).template_values("", ""))


@pytest.mark.parametrize("brief", BRIEFS, ids=lambda path: path.name)
def test_templates_reach_only_plain_data(brief: Path) -> None:
    env = environment(None)
    roots = {**given_to_templates(brief), **{f"global {k}": v for k, v in env.globals.items()}}
    kinds: set[str] = set()
    walked = 0
    for path, value in reachable(env, roots):
        walked += 1
        assert not isinstance(value, type), f"{path} is a class"
        if isinstance(value, METHOD_TYPES):
            owner = value.__self__
            assert type(owner) in (str, Markup, dict, list, tuple, Cycler), (
                f"{path}: a method of {owner!r}"
            )
            continue
        assert isinstance(value, (*PLAIN, DataView, TemplateFunction, Opaque, *JINJA_HELPERS)), (
            f"{path} is a {type(value).__name__}"
        )
        if isinstance(value, DataView):
            kinds.add(repr(value))
    assert walked > 300
    assert {"<Brief data>", "<Section data>", "<Labels data>", "<PublicationDate data>"} <= kinds


@pytest.mark.parametrize("brief", BRIEFS[:2], ids=lambda path: path.name)
def test_no_attribute_of_a_model_is_reachable_through_its_view(brief: Path) -> None:
    """``parse_raw``, ``parse_file``, ``model_copy``... and every other attribute of the
    model classes behind the views, fields excepted, is out of a template's reach."""
    env = environment(None)
    probed = 0
    for path, value in reachable(env, given_to_templates(brief)):
        if not isinstance(value, DataView):
            continue
        model = unwrap(value)
        for name in set(dir(type(model))) | set(dir(model)):
            found = env.getattr(value, name)
            probed += 1
            if name in dir(value):
                assert not callable(found) or isinstance(found, TemplateFunction), path
            else:
                assert isinstance(found, jinja2.Undefined), f"{path}.{name} is reachable"
    assert probed > 1000


def render_template_folder(tmp_path: Path, template: str) -> tuple[int, str]:
    (tmp_path / "b.yaml").write_text(BASE)
    (tmp_path / "tpl").mkdir(exist_ok=True)
    (tmp_path / "tpl" / "brief.md.j2").write_text(template)
    result = invoke("render", str(tmp_path / "b.yaml"), "-f", "md", "-o", str(tmp_path / "out"))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


PICKLE = "cbuiltins\\nopen\\n(S'{marker}'\\nS'w'\\ntR."
"""A pickle that creates the file ``marker``: any function could be called instead."""


@pytest.mark.parametrize(
    "payload",
    [
        '{{ brief.parse_raw("' + PICKLE + '", proto="pickle", allow_pickle=True) }}',
        '{{ brief.date.parse_raw("' + PICKLE + '", proto="pickle", allow_pickle=True) }}',
        '{{ labels.parse_raw("' + PICKLE + '", proto="pickle", allow_pickle=True) }}',
        '{{ (brief.sections | first).parse_raw("' + PICKLE + '", proto="pickle",'
        " allow_pickle=True) }}",
        '{{ (brief | attr("parse_raw"))("' + PICKLE + '", proto="pickle", allow_pickle=True) }}',
        "{{ brief.date.parse_file('{secret}').year }}",
        '{{ brief.date.model_validate_json("{{\\"year\\": 2031, \\"month\\": 5}}").year }}',
        "{{ brief.__class__ }}",
        "{{ brief.date.iso.__self__ }}",
        "{{ brief.model_copy() }}",
        "{{ brief.model_dump() }}",
        "{{ brief.model_fields }}",
        "{{ (brief.sections | map(attribute='model_dump') | first)() }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ brief.evaluation.__class__.mro() }}",
        "{{ '{0.parse_raw}'.format(brief) }}",
        "{{ '{0.__class__}'.format(brief) }}",
        "{{ '{0.model_fields}'.format(brief.date) }}",
        "{{ '{0.mro}'.format(brief) }}",
        "{{ heading.__closure__ }}",
        "{{ meta.__dataclass_fields__ }}",
        "{{ dict.fromkeys([1]) }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ namespace.__init__.__globals__ }}",
        "{{ range.__self__ }}",
        "{{ typography.right_to_left }}",
        "{{ 'a'.encode('utf-8') }}",
        "{{ (1).to_bytes(2, 'big') }}",
        "{{ brief.date.iso | string }}{{ brief.date.iso.__func__ }}",
        "{{ block_view(brief.sections[0]) }}{{ (labels.sections | attr('copy'))() }}",
    ],
)
def test_template_payloads_are_refused(tmp_path: Path, payload: str) -> None:
    marker = tmp_path / "marker"
    secret = tmp_path / "secret.json"
    secret.write_text('{"year": 2031, "month": 5}')
    template = payload.replace("{marker}", str(marker)).replace("{secret}", str(secret))
    code, output = render_template_folder(tmp_path, "# {{ meta.title }}\n" + template + "\n")
    assert code == 1, output
    assert "brief.md.j2:2:1: template" in output
    assert not marker.exists()
    assert "2031" not in output
    assert not (tmp_path / "out" / "b.md").exists()


def test_what_templates_may_use_still_works(tmp_path: Path) -> None:
    """The listed functions, text and dict methods, and Jinja's own helpers."""
    template = """\
{%- set ns = namespace(count=0) -%}
{%- set pipe = joiner('|') -%}
{%- set row = cycler('odd', 'even') -%}
{%- for section in brief.sections %}{% set ns.count = ns.count + 1 -%}
{{ pipe() }}{{ heading(section) | upper }}:{{ section.kind }}:{{ row.next() }}:
{{- loop.cycle('a', 'b') }}
{%- endfor %}
{{ ns.count }} {{ brief.date.iso() }} {{ labels.sections.get('findings') }}
{{ '{0.evaluation.title}'.format(brief) }} {{ 'x-y'.split('-') | join('+') }}
{{ dict(a=1).items() | list }} {{ range(3) | list }} {{ brief.evaluation.title.upper() }}
"""
    code, output = render_template_folder(tmp_path, template)
    assert code == 0, output
    written = (tmp_path / "out" / "b.md").read_text()
    assert written == (
        "BACKGROUND AND CONTEXT:background:odd:a\n"
        "1 2017-10 Main findings\n"
        "A title x+y\n"
        "[('a', 1)] [0, 1, 2] A TITLE\n"
    )

"""The Jinja environment: the user's template folder first, then the built-in templates."""

from __future__ import annotations

import types
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

import jinja2
import jinja2.runtime
from markupsafe import Markup, escape

from briefgen.errors import BriefError, excerpt, quote_value
from briefgen.model.inline import References
from briefgen.render.jinja.files import ConfinedFileSystemLoader
from briefgen.render.jinja.sandbox import CappedSandboxedEnvironment, capped_output
from briefgen.render.jinja.template_data import Opaque, hidden, listed, to_template_data
from briefgen.render.view.markup import (
    markdown_url,
    to_html,
    to_markdown,
    to_markdown_cell,
    to_markdown_heading,
    to_markdown_link_text,
)
from briefgen.render.view.typography import (
    Typography,
    breakable_url,
    keep_names,
    last_words_together,
    left_to_right,
)

_Rendered = TypeVar("_Rendered", str, Markup)

_PACKAGE = Path(__file__).resolve().parents[2]  # briefgen/render/jinja/environment.py
_PACKAGE_TEMPLATES = _PACKAGE / "templates"
_SOURCE_TEMPLATES = _PACKAGE.parent / "templates"


def builtin_templates() -> Path:
    """Where the default templates live: inside the installed package, or the repo."""
    for folder in (_PACKAGE_TEMPLATES, _SOURCE_TEMPLATES):
        if (folder / "base.html.j2").is_file():
            return folder
    raise BriefError.single(  # pragma: no cover - a broken installation
        "briefgen's templates are missing from its installation",
        hint="reinstall briefgen: pip install --force-reinstall briefgen",
    )


def _autoescape(name: str | None) -> bool:
    return bool(name) and str(name).endswith((".html.j2", ".html"))


def _with_references(
    render: Callable[[str, References | None], _Rendered],
) -> Callable[[jinja2.runtime.Context, str], _Rendered]:
    """A text filter that prints cross-references from the brief's ``references`` value."""

    @jinja2.pass_context
    def text_filter(context: jinja2.runtime.Context, text: str) -> _Rendered:
        return render(text, context.get("references"))

    return text_filter


@cache
def environment(user_templates: Path | None = None) -> jinja2.Environment:
    """A data-only, sandboxed environment: YAML text is passed in, never compiled.

    Sandboxed because a brief may name its own template folder (``templates:``): a
    template from a pull request must not reach Python internals (``__globals__``, ``os``),
    files outside its folder (:mod:`briefgen.render.jinja.files`) or unbounded memory
    (:mod:`briefgen.render.jinja.sandbox`).
    """
    from briefgen.render.view.evidence import row_groups

    search_path = [str(user_templates)] if user_templates else []
    search_path.append(str(builtin_templates()))
    env = CappedSandboxedEnvironment(
        loader=ConfinedFileSystemLoader(search_path),
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["md"] = _typeset_markdown
    env.filters["url"] = _web_address
    env.filters["names"] = keep_names
    env.filters["together"] = _last_words_together
    env.filters["ltr"] = _left_to_right
    env.filters["row_groups"] = row_groups
    env.filters["mdtext"] = _with_references(to_markdown)
    env.filters["mdurl"] = markdown_url
    env.filters["mdcell"] = _with_references(to_markdown_cell)
    env.filters["mdlinktext"] = _with_references(to_markdown_link_text)
    env.filters["mdheading"] = _with_references(to_markdown_heading)
    return env


@jinja2.pass_context
def _typeset_markdown(context: jinja2.runtime.Context, text: str) -> Markup:
    """Inline Markdown as HTML, set in the language's typography (``typography``)."""
    typography = hidden(context.get("typography"), Typography)
    return to_html(text, typography, context.get("references"))


def _right_to_left(context: jinja2.runtime.Context) -> bool:
    typography = hidden(context.get("typography"), Typography)
    return typography is not None and typography.right_to_left


@jinja2.pass_context
def _web_address(context: jinja2.runtime.Context, url: object) -> Markup:
    """A shown web address: breaks after / and . only; isolated in right-to-left text."""
    return breakable_url(str(url), isolate=_right_to_left(context))


@jinja2.pass_context
def _last_words_together(context: jinja2.runtime.Context, html: str) -> Markup:
    """A heading's last two words on one line, in the brief's direction."""
    return last_words_together(html, right_to_left=_right_to_left(context))


@jinja2.pass_context
def _left_to_right(context: jinja2.runtime.Context, text: str) -> Markup:
    """A phone number or e-mail address, isolated in right-to-left text (bidi)."""
    return left_to_right(text) if _right_to_left(context) else Markup(escape(text))


def read_template_file(env: jinja2.Environment, name: str) -> str:
    """A non-template file (a stylesheet) looked up through the same search path."""
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, name)
    return source


def _template_frame(error: BaseException) -> tuple[Path, int] | None:
    """The innermost template line in an error's traceback (Jinja rewrites its frames so
    that their file is the template's and their line the template's line)."""
    found = None
    traceback = error.__traceback__
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if not filename.endswith(".py") and Path(filename).is_file():
            found = (Path(filename), traceback.tb_lineno)
        traceback = traceback.tb_next
    return found


def _has_user_templates(env: jinja2.Environment) -> bool:
    return len(getattr(env.loader, "searchpath", ())) > 1


def template_context(values: dict[str, object]) -> dict[str, object]:
    """What the templates are given: ``values`` as plain data, its functions as listed
    template functions, the typography hidden from all but the filters (see
    :mod:`briefgen.render.jinja.template_data`)."""
    context: dict[str, object] = {}
    for name, value in values.items():
        if isinstance(value, types.FunctionType):
            context[name] = listed(value)
        elif isinstance(value, Typography):
            context[name] = Opaque(value)
        else:
            context[name] = to_template_data(value)
    return context


def render_template(env: jinja2.Environment, name: str, values: dict[str, object]) -> str:
    """Render one template, turning template mistakes into user errors.

    A mistake in a template (a syntax error, an undefined name, a refused operation,
    ``{{ 1/0 }}``) is reported at the template's file and line. Any other error while
    only briefgen's own templates are in use is a bug, and keeps its traceback.
    """
    template: jinja2.Template | None = None
    try:
        template = env.get_template(name)
        return capped_output(template.generate(template_context(values)))
    except BriefError:
        raise
    except jinja2.TemplateSyntaxError as error:
        raise BriefError.single(
            f"template syntax error: {error.message}",
            Path(error.filename or name),
            line=error.lineno,
            column=1,
        ) from None
    except jinja2.TemplateNotFound as error:
        raise BriefError.single(f"template {quote_value(error.name)} not found") from None
    except Exception as error:
        expected = isinstance(error, jinja2.exceptions.SecurityError | jinja2.UndefinedError)
        if not expected and not _has_user_templates(env):
            raise
        whole_template = Path(template.filename or name) if template else Path(name)
        path, line = _template_frame(error) or (whole_template, None)
        raise BriefError.single(
            _template_message(error),
            path,
            line=line,
            column=1 if line else None,
            hint=_template_hint(error),
        ) from None


def _template_message(error: BaseException) -> str:
    if isinstance(error, jinja2.exceptions.SecurityError):
        return f"template tried something templates may not do: {error}"
    if isinstance(error, MemoryError):
        return "template error: it ran out of memory"
    if isinstance(error, jinja2.UndefinedError):
        return f"template error: {error.message}"
    if isinstance(error, RecursionError):
        return "template error: it calls itself without end"
    return f"template error: {excerpt(str(error), 200)}"


def _template_hint(error: BaseException) -> str:
    if isinstance(error, jinja2.exceptions.SecurityError):
        return "templates may only lay out the brief's data"
    if isinstance(error, jinja2.UndefinedError):
        return (
            "a template uses a name briefgen does not provide; see the block list in "
            "docs/customising.md"
        )
    return "fix the template at this line"

"""The Jinja environment: the user's template folder first, then the built-in templates."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2
import jinja2.runtime
import jinja2.sandbox
from markupsafe import Markup, escape

from briefgen.errors import BriefError
from briefgen.render.markup import to_html, to_markdown
from briefgen.render.typography import Typography, breakable_url, left_to_right

_PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
_SOURCE_TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"


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


@cache
def environment(user_templates: Path | None = None) -> jinja2.Environment:
    """A data-only, sandboxed environment: YAML text is passed in, never compiled.

    Sandboxed because a brief may name its own template folder (``templates:``): a
    template from a pull request must not reach Python internals (``__globals__``, ``os``).
    """
    search_path = [str(user_templates)] if user_templates else []
    search_path.append(str(builtin_templates()))
    env = jinja2.sandbox.SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(search_path),
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["md"] = _typeset_markdown
    env.filters["url"] = _web_address
    env.filters["ltr"] = _left_to_right
    env.filters["mdtext"] = to_markdown
    return env


@jinja2.pass_context
def _typeset_markdown(context: jinja2.runtime.Context, text: str) -> Markup:
    """Inline Markdown as HTML, set in the language's typography (``typography``)."""
    typography = context.get("typography")
    return to_html(text, typography if isinstance(typography, Typography) else None)


def _right_to_left(context: jinja2.runtime.Context) -> bool:
    typography = context.get("typography")
    return isinstance(typography, Typography) and typography.right_to_left


@jinja2.pass_context
def _web_address(context: jinja2.runtime.Context, url: object) -> Markup:
    """A shown web address: breaks after / and . only; isolated in right-to-left text."""
    return breakable_url(str(url), isolate=_right_to_left(context))


@jinja2.pass_context
def _left_to_right(context: jinja2.runtime.Context, text: str) -> Markup:
    """A phone number or e-mail address, isolated in right-to-left text (bidi)."""
    return left_to_right(text) if _right_to_left(context) else Markup(escape(text))


def read_template_file(env: jinja2.Environment, name: str) -> str:
    """A non-template file (a stylesheet) looked up through the same search path."""
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, name)
    return source


def render_template(env: jinja2.Environment, name: str, values: dict[str, object]) -> str:
    """Render one template, turning template mistakes into user errors."""
    try:
        return env.get_template(name).render(values)
    except jinja2.TemplateSyntaxError as error:
        raise BriefError.single(
            f"template syntax error: {error.message}",
            Path(error.filename or name),
            line=error.lineno,
            column=1,
        ) from None
    except jinja2.UndefinedError as error:
        raise BriefError.single(
            f"template error in {name}: {error.message}",
            hint="a template uses a name briefgen does not provide; see the README's block list",
        ) from None
    except jinja2.exceptions.SecurityError as error:
        raise BriefError.single(
            f"template {name} tried something templates may not do: {error}",
            hint="templates may only lay out the brief's data",
        ) from None
    except jinja2.TemplateNotFound as error:
        raise BriefError.single(f"template '{error.name}' not found") from None

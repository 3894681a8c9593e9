"""The web page: one self-contained HTML file (styles inline, images embedded)."""

from __future__ import annotations

from markupsafe import Markup

from briefgen.loading.validate import LoadedBrief
from briefgen.render.context import RenderContext, Typesetting
from briefgen.render.environment import environment, read_template_file, render_template


def render_html(
    loaded: LoadedBrief, *, for_print: bool = False, typesetting: Typesetting | None = None
) -> str:
    """The brief as HTML: for a browser, or (``for_print``) for the PDF engine."""
    env = environment(loaded.resources.templates)
    context = RenderContext(loaded, for_print, typesetting or Typesetting())
    css = read_template_file(env, "brief.css")
    print_css = read_template_file(env, "print.css")
    values = context.template_values(css, print_css)
    if not for_print:
        # Browsers get screen.css, which also says how the page prints from a browser:
        # print.css relies on WeasyPrint's page-by-page layout, which browsers lack.
        values["css"] += Markup("\n" + read_template_file(env, "screen.css"))
    template = "brief.pdf.html.j2" if for_print else "brief.html.j2"
    return render_template(env, template, values)

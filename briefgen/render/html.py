"""The web page: one self-contained HTML file (styles, fonts and images embedded)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from markupsafe import Markup

from briefgen.model.loaded import LoadedBrief
from briefgen.render.jinja.environment import environment, read_template_file, render_template
from briefgen.render.view import fonts
from briefgen.render.view.context import RenderContext, Typesetting


class _VisibleText(HTMLParser):
    """The text a page shows: everything outside ``<style>`` and ``<script>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hidden += tag in ("style", "script")

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("style", "script") and self.hidden > 0

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


# Bold inside italic or italic inside bold: the only use of the bold italic face.
_BOLD_ITALIC = re.compile(r"<em>(?:(?!</em>).)*<strong>|<strong>(?:(?!</strong>).)*<em>", re.S)


def visible_text(page: str) -> str:
    parser = _VisibleText()
    parser.feed(page)
    return "".join(parser.parts)


def render_html(
    loaded: LoadedBrief, *, for_print: bool = False, typesetting: Typesetting | None = None
) -> str:
    """The brief as HTML: for a browser, or (``for_print``) for the PDF engine."""
    env = environment(loaded.resources.templates)
    context = RenderContext(loaded, for_print, typesetting or Typesetting())
    # The evidence blocks' styles live in their own file, after the theme's.
    css = "\n".join(
        read_template_file(env, name) for name in ("brief.css", "languages.css", "evidence.css")
    )
    print_css = read_template_file(env, "print.css")
    values = context.template_values(css, print_css)
    if for_print:
        return render_template(env, "brief.pdf.html.j2", values)
    # Browsers get screen.css, which also says how the page prints from a browser:
    # print.css relies on WeasyPrint's page-by-page layout, which browsers lack.
    values["css"] += Markup("\n" + read_template_file(env, "screen.css"))
    # The brief's fonts, embedded with only the glyphs this page uses: laid out once to
    # learn its text, then again with the fonts.
    body_families, heading_families = context.font_families()
    families = set(body_families + heading_families)
    page = render_template(env, "brief.html.j2", values)
    italic = "<em>" in page or 'class="caption"' in page
    bold_italic = bool(_BOLD_ITALIC.search(page))
    embedded = fonts.web_font_css(
        families, visible_text(page), italic=italic, bold_italic=bold_italic
    )
    values["css"] = Markup(embedded + "\n") + values["css"]
    return render_template(env, "brief.html.j2", values)

"""Markdown for repositories and wikis: GitHub-flavoured, readable as plain text."""

from __future__ import annotations

import re

from briefgen.loading.validate import LoadedBrief
from briefgen.render.context import RenderContext
from briefgen.render.environment import environment, render_template


def render_markdown(loaded: LoadedBrief) -> str:
    env = environment(loaded.resources.templates)
    context = RenderContext(loaded, for_print=False)
    values = context.template_values("", "")
    # Markdown links to images as the brief names them (a file beside it, or a URL)
    # instead of embedding them.
    values["images"] = {name: name for name in loaded.resources.images}
    text = render_template(env, "brief.md.j2", values)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"

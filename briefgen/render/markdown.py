"""Markdown for repositories and wikis: GitHub-flavoured, readable as plain text.

Images are written next to the Markdown, under ``<stem>_files/`` as Pandoc does, and
linked from there: the file renders on GitHub or in a wiki as it is, wherever the output
folder is.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from briefgen.model.loaded import Image, LoadedBrief
from briefgen.render.jinja.environment import environment, render_template
from briefgen.render.view.context import RenderContext
from briefgen.render.view.markup import markdown_url

_EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg", "image/svg+xml": ".svg"}


def image_files(loaded: LoadedBrief) -> dict[str, tuple[str, Image]]:
    """Each local image's name in the YAML -> (its path relative to the Markdown, the image).

    File names keep the image's own name, reduced to safe characters, with the extension
    of its checked type; two images of the same name get a number.
    """
    folder = f"{loaded.stem}_files"
    taken: set[str] = set()
    files: dict[str, tuple[str, Image]] = {}
    for name, image in loaded.resources.images.items():
        if image.path is None:
            continue  # a downloaded image: the Markdown links to its URL
        stem = PurePosixPath(urlsplit(name).path.replace("\\", "/")).stem
        stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-.") or "image"
        suffix = _EXTENSIONS.get(image.mime, "")
        candidate, counter = f"{stem}{suffix}", 2
        while candidate in taken:
            candidate, counter = f"{stem}-{counter}{suffix}", counter + 1
        taken.add(candidate)
        files[name] = (f"{folder}/{candidate}", image)
    return files


def render_markdown(loaded: LoadedBrief) -> str:
    env = environment(loaded.resources.templates)
    context = RenderContext(loaded, for_print=False)
    values = context.template_values("", "")
    files = image_files(loaded)
    # Percent-encoded, so that no name (a downloaded image's URL above all) can end the link.
    values["images"] = {
        name: markdown_url(files[name][0] if name in files else name)
        for name in loaded.resources.images
    }
    text = render_template(env, "brief.md.j2", values)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"

"""Markdown for repositories and wikis: GitHub-flavoured, readable as plain text.

Images are written next to the Markdown, under ``<stem>_files/`` as Pandoc does, and
linked from there: the file renders on GitHub or in a wiki as it is, wherever the output
folder is.
"""

from __future__ import annotations

import base64
import re
import unicodedata
from pathlib import PurePosixPath
from urllib.parse import quote, unquote, urlsplit

from markdown_it import MarkdownIt

from briefgen.model.loaded import Image, LoadedBrief
from briefgen.model.walk import iter_sections
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


_SVG_DATA = "data:image/svg+xml;base64,"


def picture_files(loaded: LoadedBrief) -> dict[str, tuple[str, bytes]]:
    """Each drawn picture (chart, map) as the HTML has it (a data: URI) -> (its path
    relative to the Markdown, its SVG). Markdown renderers (GitHub's among them) show no
    data: URI, so the pictures are files beside the Markdown, as images are."""
    context = RenderContext(loaded, for_print=False)
    block_view = context.template_values("", "")["block_view"]
    taken = {path for path, _ in image_files(loaded).values()}
    files: dict[str, tuple[str, bytes]] = {}
    for section in iter_sections(loaded.brief.sections):
        if section.kind not in ("chart", "map"):
            continue
        uri = block_view(section).image
        if not uri.startswith(_SVG_DATA) or uri in files:
            continue
        counter = 1
        while (path := f"{loaded.stem}_files/{section.kind}-{counter}.svg") in taken:
            counter += 1
        taken.add(path)
        files[uri] = (path, base64.b64decode(uri.removeprefix(_SVG_DATA)))
    return files


def render_markdown(loaded: LoadedBrief) -> str:
    env = environment(loaded.resources.templates)
    context = RenderContext(loaded, for_print=False)
    values = context.template_values("", "")
    values["pictures"] = {
        uri: markdown_url(path) for uri, (path, _) in picture_files(loaded).items()
    }
    files = image_files(loaded)
    # Percent-encoded, so that no name (a downloaded image's URL above all) can end the link.
    values["images"] = {
        name: markdown_url(files[name][0] if name in files else name)
        for name in loaded.resources.images
    }
    text = _links_to_headings(render_template(env, "brief.md.j2", values))
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


_ANCHOR = re.compile(r'<a id="([^"<>]+)"></a>')
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CROSS_REFERENCE = re.compile(r"\]\(#([^()\s]+)\)")


def github_slug(heading: str) -> str:
    """The id GitHub gives a heading (github-slugger): its text in lower case, without
    punctuation or symbols, each space a hyphen. GitHub writes it ``user-content-`` +
    slug and scrolls to it for ``#slug``; so do GitLab, Gitea and most wikis."""
    kept = (
        char for char in heading.lower() if char in "-_ " or unicodedata.category(char)[0] in "LNM"
    )
    return "".join(kept).replace(" ", "-")


def _heading_text(source: str) -> str:
    """What a heading line shows, as GitHub takes it for the slug (formatting dropped)."""
    parts: list[str] = []
    for token in MarkdownIt("commonmark").parseInline(source):
        for child in token.children or ():
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
    return "".join(parts).strip()


def _links_to_headings(text: str) -> str:
    """Cross-references lead to a heading GitHub makes an anchor of, not to an ``<a id>``.

    Safe mode (GitHub's own renderer outside github.com, many wikis, HTML sanitisers)
    drops raw HTML, and with it every ``<a id>``: a link to one pointed nowhere. Each
    anchor the template writes instead names the heading it stands under (a recommendation
    its section's heading), links go there, and the anchors go."""
    lines = text.split("\n")
    used: dict[str, int] = {}
    current: str | None = None
    targets: dict[str, str] = {}
    fence: str | None = None
    for line in lines:
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        heading = _HEADING.match(line)
        if heading:
            slug = github_slug(_heading_text(heading.group(1)))
            count = used.get(slug, 0)
            used[slug] = count + 1
            current = slug if count == 0 else f"{slug}-{count}"
        for anchor in _ANCHOR.findall(line):
            if current is not None:
                targets.setdefault(anchor, current)
    if not targets:
        return text
    kept = _ANCHOR.sub(lambda match: "" if match.group(1) in targets else match.group(0), text)

    def destination(match: re.Match[str]) -> str:
        target = targets.get(unquote(match.group(1)))
        return match.group(0) if target is None else f"](#{quote(target, safe='-_')})"

    return _CROSS_REFERENCE.sub(destination, kept)

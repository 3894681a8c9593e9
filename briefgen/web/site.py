"""``briefgen site``: a folder of briefs as a static, self-contained website.

The site has an index page, with one card per brief (title, organisation, type, date,
countries, languages, a picture of page 1 and the downloads) and filters by year, country,
type and language with a text search, all in the page itself (no server, no CDN); and one
page per brief and language, which shows the HTML brief with its downloads and its other
languages. Every brief is rendered by the workers of ``briefgen render`` (a time limit per
brief; one bad brief does not stop the others), into ``briefs/<slug>/``. The site's own
pages come from ``templates/site/``.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from briefgen.api import Format, LoadedBrief, LoadOptions, RenderOptions, in_languages, write_files
from briefgen.batch import expand_paths
from briefgen.errors import BriefError, Problem
from briefgen.output import prepare_output_dir, write_together
from briefgen.workers import DEFAULT_TIMEOUT, RenderPool, Reply, Task

if TYPE_CHECKING:
    import jinja2

SITE_FORMATS: tuple[Format, ...] = ("pdf", "html", "md", "docx")
DOWNLOAD_NAMES = {"pdf": "PDF", "docx": "Word", "md": "Markdown", "html": "Web page"}
# A quick fact with one of these labels (in any of the six languages) names the countries.
COUNTRY_LABELS = frozenset(
    {"countries", "country", "pays", "países", "país", "страны", "страна", "البلدان"}
    | {"البلد", "الدول", "国家", "国别"}
)
_LIST_SEPARATORS = re.compile(r"\s*[,;、،]\s*")


@dataclass(frozen=True)
class Version:
    """One language of one brief, as its card and its page show it."""

    language: str
    direction: str
    language_name: str
    title: str
    organisation: str
    type: str
    date: str  # ISO: 2017-10 or 2017-10-05
    date_text: str  # as the brief prints it
    year: str
    countries: tuple[str, ...]
    summary: str
    page: str  # the brief's page, relative to the site
    web_page: str  # the HTML brief the page shows
    thumbnail: str
    downloads: tuple[tuple[str, str], ...]  # (label, path relative to the site)


@dataclass(frozen=True)
class SiteEntry:
    """One brief of the site: its versions, first language first."""

    source: Path
    slug: str
    versions: tuple[Version, ...]


@dataclass
class SiteResult:
    """What was written, and the briefs that could not be rendered."""

    index: Path
    entries: list[SiteEntry] = field(default_factory=list)
    failed: list[tuple[Path, list[Problem]]] = field(default_factory=list)


def slug_for(path: Path, taken: set[str]) -> str:
    """A folder name for a brief: its file name in lower-case ASCII, unique in the site."""
    ascii_name = unicodedata.normalize("NFKD", path.stem).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60] or "brief"
    slug, counter = base, 2
    while slug in taken:
        slug, counter = f"{base}-{counter}", counter + 1
    taken.add(slug)
    return slug


def countries_of(loaded: LoadedBrief) -> tuple[str, ...]:
    """The countries a brief names: its quick fact labelled Countries (in its language)
    and the countries of its maps, in the brief's language."""
    from briefgen.model.inline import to_plain

    found: dict[str, None] = {}
    for fact in loaded.brief.quick_facts:
        if to_plain(fact.label).strip().casefold() in COUNTRY_LABELS:
            for value in fact.value:
                if isinstance(value, str):
                    for name in _LIST_SEPARATORS.split(to_plain(value)):
                        if name.strip():
                            found[name.strip()] = None
    for name in _map_countries(loaded):
        found[name] = None
    return tuple(found)


def _map_countries(loaded: LoadedBrief) -> list[str]:
    from briefgen.model.countries import country_code, country_name
    from briefgen.model.walk import iter_sections

    names: list[str] = []
    for section in iter_sections(loaded.brief.sections):
        for country in section.countries:
            code = country if isinstance(country, str) else country.code
            alpha2 = country_code(code)
            if alpha2:
                names.append(country_name(alpha2, loaded.brief.language))
    return names


def describe(loaded: LoadedBrief, slug: str, first_language: str) -> Version:
    """The card and page text of one language of a brief."""
    from babel import Locale

    from briefgen.model.inline import to_plain
    from briefgen.model.labels import labels_for
    from briefgen.render.view.cldr import date_text
    from briefgen.render.view.context import RenderContext, metadata
    from briefgen.render.view.typography import Typesetter

    brief = loaded.brief
    labels = labels_for(brief.language)
    meta = metadata(brief)
    context = RenderContext(loaded, for_print=False)
    direction = context.direction()
    marks = context.typography()

    def typeset(text: str) -> str:
        """The text with the language's quotes, apostrophes and spaces, as the brief has."""
        return Typesetter(marks).piece(text)

    folder = f"briefs/{slug}/"
    # The files are named after the brief's YAML: in an address, a '#', '?' or '%' of
    # that name would start a fragment, a query or an escape.
    stem = quote(os.fsencode(loaded.stem), safe="")  # its own bytes, UTF-8 or not
    page = folder + (
        "index.html" if brief.language == first_language else f"index.{brief.language}.html"
    )
    try:
        language_name = (
            Locale.parse(brief.language).get_display_name(brief.language) or brief.language
        )
    except (ValueError, TypeError):
        language_name = brief.language
    return Version(
        language=brief.language,
        direction=direction,
        language_name=language_name,
        title=typeset(meta.title),
        organisation=typeset(meta.author),
        type=typeset(to_plain(brief.evaluation.type)),
        date=brief.date.iso(),
        date_text=date_text(brief.date, labels),
        year=brief.date.iso()[:4],
        countries=countries_of(loaded),
        summary=typeset(meta.subject),
        page=page,
        web_page=f"{folder}{stem}.html",
        thumbnail=f"{folder}{stem}-thumbnail.png",
        downloads=tuple((DOWNLOAD_NAMES[fmt], f"{folder}{stem}.{fmt}") for fmt in SITE_FORMATS),
    )


def build_site(
    sources: Sequence[Path],
    output_dir: Path,
    *,
    title: str = "Evaluation briefs",
    options: RenderOptions | None = None,
    load_options: LoadOptions | None = None,
    jobs: int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    on_brief: Callable[[Path, list[Problem]], None] = lambda _path, _problems: None,
) -> SiteResult:
    """Render every brief of ``sources`` (files, folders, globs) and write the site.

    A brief that fails is reported through ``on_brief`` and left out of the site; the
    others are written. Raises :class:`BriefError` when no brief could be rendered.
    """
    from briefgen.api import load_brief

    paths = expand_paths(sources)
    options = replace(options or RenderOptions(), thumbnail=True, dpi=72)
    _refuse_foreign_index(output_dir / "index.html")
    site = prepare_output_dir(output_dir)
    taken: set[str] = set()
    slugs = {path: slug_for(path, taken) for path in paths}
    result = SiteResult(index=site / "index.html")
    described: dict[Path, tuple[Version, ...]] = {}
    for path in paths:
        try:
            loaded = load_brief(path, load_options)
            versions = in_languages(loaded, options)
            first = versions[0].brief.language
            described[path] = tuple(describe(v, slugs[path], first) for v in versions)
        except BriefError as error:
            result.failed.append((path, error.problems))
            on_brief(path, error.problems)
    tasks = [Task(path, SITE_FORMATS, options, load_options) for path in described]

    def done(_index: int, task: Task, reply: Reply) -> None:
        problems = list(reply.problems)
        if reply.traceback:
            problems.append(Problem("briefgen failed on this brief (a bug)", task.path))
        if not problems:
            try:
                write_files(
                    task.path,
                    reply.rendered,
                    site / "briefs" / slugs[task.path],
                    reply.companions,
                    reply.inputs,
                )
            except BriefError as error:
                problems = error.problems
        if problems:
            result.failed.append((task.path, problems))
            described.pop(task.path, None)
        else:
            result.entries.append(SiteEntry(task.path, slugs[task.path], described[task.path]))
        on_brief(task.path, problems)

    with RenderPool(jobs or 1, timeout) as pool:
        pool.run(tasks, done)
    if not result.entries:  # each brief's problems were reported through on_brief
        raise BriefError.single(
            "no brief could be rendered, so no site was written",
            hint="fix the problems above, then run briefgen site again",
        )
    result.entries.sort(key=lambda entry: (entry.versions[0].date, entry.slug), reverse=True)
    _write_pages(site, result.entries, title)
    return result


GENERATOR = '<meta name="generator" content="briefgen">'
"""What every page of a site says (templates/site): a page without it is someone else's."""


def _refuse_foreign_index(index: Path) -> None:
    """Refuse to write the site over an ``index.html`` briefgen did not write: ``-o docs``
    in a repository whose docs/ is its own published site would lose that page."""
    try:
        with index.open("rb") as page:
            head = page.read(4096).decode("utf-8", errors="replace")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return
    except OSError as error:
        raise BriefError.single(f"cannot be read ({error.strerror})", index) from None
    if GENERATOR not in head:
        raise BriefError.single(
            "is a page briefgen did not write: the site is not written over it",
            index,
            hint="choose an empty folder with -o/--output-dir, or move the page away",
        )


def _write_pages(site: Path, entries: list[SiteEntry], title: str) -> None:
    """The index and each brief's pages, all at once (see :func:`write_together`)."""
    environment = _site_templates()
    versions = [version for entry in entries for version in entry.versions]
    filters = {
        "year": sorted({v.year for v in versions}, reverse=True),
        "country": sorted({c for v in versions for c in v.countries}, key=str.casefold),
        "type": sorted({v.type for v in versions}, key=str.casefold),
        "language": sorted({(v.language, v.language_name) for v in versions}),
    }
    contents: list[tuple[Path, bytes]] = [
        (
            site / "index.html",
            environment.get_template("index.html.j2")
            .render(
                entries=entries,
                filters=filters,
                title=title,
                script=_asset("site.js"),
                style=_asset("site.css"),
            )
            .encode("utf-8"),
        ),
        (site / ".nojekyll", b""),  # GitHub Pages: serve the files as they are
    ]
    page = environment.get_template("brief.html.j2")
    for entry in entries:
        for version in entry.versions:
            contents.append(
                (
                    site / version.page,
                    page.render(entry=entry, version=version, style=_asset("site.css")).encode(
                        "utf-8"
                    ),
                )
            )
    write_together(contents)


def _asset(name: str) -> str:
    from briefgen.render.jinja.environment import builtin_templates

    return (builtin_templates() / "site" / name).read_text(encoding="utf-8")


def _site_templates() -> jinja2.Environment:
    """A plain Jinja environment over ``templates/site`` (our own files: not sandboxed),
    escaping every value, as each comes from a brief."""
    import jinja2

    from briefgen.render.jinja.environment import builtin_templates

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(builtin_templates() / "site"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )

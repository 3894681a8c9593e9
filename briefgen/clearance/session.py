"""``briefgen update``: a reviewed DOCX checked against its brief, turned into edits,
applied to the YAML text in place, validated, shown as a diff, and written on request.

Nothing is written unless asked, and never when the YAML changed since the DOCX was made
(its hash differs from the one the DOCX records), when tracked changes are still open
and no ``--changes`` decision was given, or when the edited YAML would not validate.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from pathlib import Path

from briefgen.clearance.docx_read import read_reviewed
from briefgen.clearance.update import ChangeMode, Plan, plan
from briefgen.clearance.yaml_edit import apply_edits
from briefgen.errors import BriefError, excerpt
from briefgen.loading.translations import declared_languages, for_language
from briefgen.loading.validate import (
    keep_spelled_text,
    load_brief,
    refuse_another_language,
    validate_document,
)
from briefgen.loading.yaml_source import parse_yaml, read_text
from briefgen.model.loaded import LoadedBrief, LoadOptions
from briefgen.output import write_over
from briefgen.render.docx.brief import (
    ORIGIN_FILE,
    ORIGIN_LANGUAGE,
    ORIGIN_SOURCE,
    ORIGIN_TITLE,
    render_marked_docx,
    source_hash,
)

RENDER_HINT = "render the brief again (briefgen render BRIEF -f docx) and review that copy"


@dataclass(frozen=True)
class Update:
    """What a reviewed copy does to a brief: the plan, and the YAML before and after."""

    path: Path
    plan: Plan
    before: str
    after: str

    @property
    def stopped(self) -> bool:
        """Tracked changes are open: nothing can be written until they are decided."""
        return bool(self.plan.open_changes)

    def diff(self) -> str:
        name = self.path.name
        lines = difflib.unified_diff(
            self.before.splitlines(keepends=True),
            self.after.splitlines(keepends=True),
            f"a/{name}",
            f"b/{name}",
        )
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def check_origin(loaded: LoadedBrief, properties: dict[str, str], reviewed: Path) -> None:
    """Refuse a copy not made from this brief, or made from an older version of it."""
    recorded = properties.get(ORIGIN_SOURCE)
    if recorded is None:
        raise BriefError.single(
            "was not made by briefgen render (it names no brief it came from)",
            reviewed,
            hint=RENDER_HINT,
        )
    if recorded == source_hash(loaded.source.text):
        language = properties.get(ORIGIN_LANGUAGE, loaded.brief.language)
        if language != loaded.brief.language:
            raise BriefError.single(
                f"is the brief in '{excerpt(language)}', not '{loaded.brief.language}'",
                reviewed,
                hint=f"give --lang {excerpt(language)}",
            )
        return
    made_from = properties.get(ORIGIN_FILE, "?")
    title = properties.get(ORIGIN_TITLE, "")
    same_brief = made_from == loaded.path.name or title == _title(loaded)
    if not same_brief:
        raise BriefError.single(
            f"is the review of another brief ('{excerpt(made_from)}': '{excerpt(title)}'), "
            f"not of {loaded.path.name}",
            reviewed,
            hint="give the YAML file the DOCX was made from",
        )
    raise BriefError.single(
        f"was made from another version of {loaded.path.name}: the YAML changed since "
        "(its hash differs from the one the DOCX records); nothing is written",
        reviewed,
        hint="go back to the version the DOCX was made from, or carry the edits over by hand",
    )


def _title(loaded: LoadedBrief) -> str:
    from briefgen.model.inline import to_plain
    from briefgen.model.limits import clip_at_word
    from briefgen.render.docx.xml import clean_text

    return clip_at_word(clean_text(to_plain(loaded.brief.evaluation.title)), 200)


def update(
    brief: Path,
    reviewed: Path,
    *,
    changes: ChangeMode | None = None,
    comments_as_yaml: bool = False,
    language: str | None = None,
    load_options: LoadOptions | None = None,
    reference_docx: Path | None = None,
) -> Update:
    """The YAML ``brief`` would become with the reviewed copy's edits (validated). A
    brief in several languages is loaded in the copy's language unless ``language``."""
    document = read_reviewed(reviewed)
    recorded = document.properties.get(ORIGIN_LANGUAGE)
    if language is None and recorded and recorded in _languages_of(brief):
        language = recorded
    loaded = load_brief(brief, load_options, language=language)
    refuse_another_language(loaded, language)
    check_origin(loaded, document.properties, reviewed)
    marked = render_marked_docx(loaded, reference_docx)
    edits = plan(loaded, marked, document, changes, comments_as_yaml)
    before = loaded.source.text
    if edits.open_changes or not edits.edits:
        return Update(loaded.path, edits, before, before)
    after = apply_edits(before, edits.edits, path=loaded.path)
    validate_text(after, loaded.path)
    return Update(loaded.path, edits, before, after)


def _languages_of(brief: Path) -> list[str]:
    try:
        return declared_languages(parse_yaml(read_text(brief), brief, strict=False).data)
    except BriefError:
        return []  # load_brief says what is wrong with the file


def validate_text(text: str, path: Path) -> None:
    """Refuse an edited YAML that would not load (in every language it is written in)."""
    source = parse_yaml(text, path)
    source.data = keep_spelled_text(source)
    languages = declared_languages(source.data)
    try:
        for language in languages:
            validate_document(for_language(source, language))
        if not languages:
            validate_document(source)
    except BriefError as error:
        hint = "change the text in the DOCX, or edit the YAML by hand"
        problems = [
            replace(
                problem, message=f"after the update: {problem.message}", hint=problem.hint or hint
            )
            for problem in error.problems
        ]
        raise BriefError(problems) from None


def write(update: Update) -> bool:
    """Write the updated YAML over the brief, in one step; False when there is nothing
    to write. Refused while tracked changes are open."""
    if update.stopped:
        raise BriefError.single(
            "has tracked changes still open: nothing is written",
            update.path,
            hint="give --changes accept or --changes reject",
        )
    if update.after == update.before:
        return False
    raw = update.path.read_bytes()
    bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
    if raw.decode("utf-8-sig", errors="replace") != update.before:
        raise BriefError.single(
            "changed while it was being updated: nothing is written", update.path
        )
    write_over(update.path, (bom + update.after).encode("utf-8"))
    return True

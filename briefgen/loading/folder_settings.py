"""A folder's settings for the briefs under it: ``briefgen.toml``, nearest first.

An office keeps many briefs in one folder and switches an editorial rule for all of them
at once (``[checks] long_sentences = false``) instead of in every brief; a brief's own
``checks:`` still wins. The file is looked for in the brief's folder, then in each parent
up to the repository's root (the folder with ``.git``); the nearest one is used.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.errors import BriefError, quote_value
from briefgen.model.brief import Checks

FILE_NAME = "briefgen.toml"
_TOML_PLACE = re.compile(r" \(at line (?P<line>\d+), column (?P<column>\d+)\)$")


@dataclass(frozen=True)
class FolderSettings:
    """What the nearest ``briefgen.toml`` says, and where it is (None: there is none)."""

    path: Path | None = None
    checks: dict[str, bool] = field(default_factory=dict)


def find_settings_file(brief_path: Path) -> Path | None:
    folder = brief_path.resolve().parent
    for candidate in (folder, *folder.parents):
        if (candidate / FILE_NAME).is_file():
            found = candidate / FILE_NAME
            try:  # said as the user would write it: briefgen.toml, not /home/.../briefgen.toml
                return found.relative_to(Path.cwd())
            except ValueError:
                return found
        if (candidate / ".git").exists():
            return None
    return None


def folder_settings(brief_path: Path) -> FolderSettings:
    """The nearest ``briefgen.toml`` read and checked; a mistake in it is an error that
    names the file, the key and the keys allowed."""
    path = find_settings_file(brief_path)
    if path is None:
        return FolderSettings()
    from briefgen.model.files import read_bounded

    raw = read_bounded(path, 1_000_000, what="a settings")  # bounded: a pull request's file
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise BriefError.single(f"cannot read it: {error}", path) from None
    except tomllib.TOMLDecodeError as error:
        # Python 3.11-3.13 give the place only in the message: "... (at line 2, column 8)"
        place = _TOML_PLACE.search(str(error))
        raise BriefError.single(
            "not valid TOML: " + _TOML_PLACE.sub("", str(error)),
            path,
            line=int(place["line"]) if place else None,
            column=int(place["column"]) if place else None,
            hint="see docs/editorial-checks.md",
        ) from None
    except RecursionError:  # tomllib recurses once per nested bracket
        raise BriefError.single(
            "not valid TOML: its arrays or tables are nested too deeply",
            path,
            line=1,
            column=1,
            hint="see docs/editorial-checks.md",
        ) from None
    allowed = list(Checks.model_fields)
    unknown = [key for key in data if key != "checks"]
    if unknown:
        raise BriefError.single(
            f"unknown table or key {quote_value(unknown[0])}",
            path,
            hint="briefgen.toml holds [checks]",
        )
    checks = data.get("checks", {})
    if not isinstance(checks, dict):
        raise BriefError.single("'checks' must be a table: [checks]", path)
    for key, value in checks.items():
        if key not in allowed:
            raise BriefError.single(
                f"[checks]: unknown key {quote_value(key)}",
                path,
                hint="allowed keys: " + ", ".join(allowed),
            )
        if not isinstance(value, bool):
            raise BriefError.single(
                f"[checks] {key}: expected true or false, got {quote_value(value)}", path
            )
    return FolderSettings(path, dict(checks))


def effective_checks(brief_checks: Checks, settings: FolderSettings) -> Checks:
    """The folder's switches, with the brief's own ``checks:`` over them."""
    own = {key: getattr(brief_checks, key) for key in brief_checks.model_fields_set}
    return Checks(**{**settings.checks, **own})

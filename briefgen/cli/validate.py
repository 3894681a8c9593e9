"""``briefgen validate``: check briefs without rendering (never imports WeasyPrint)."""

from __future__ import annotations

from pathlib import Path

import typer

from briefgen.cli import options as shared
from briefgen.cli.console import print_problems, print_warnings, register_command, user_errors
from briefgen.cli.results import ResultChannels, parse_reports
from briefgen.errors import BriefError, display_path


def validate(
    context: typer.Context,  # its params carry the options to the library (cli/options.py)
    briefs: list[Path] = shared.BRIEFS,
    allow_remote_images: bool = shared.ALLOW_REMOTE_IMAGES,
    allow_outside_files: bool = shared.ALLOW_OUTSIDE_FILES,
    strict: bool = shared.STRICT,
    allow_private_addresses: bool = shared.ALLOW_PRIVATE_ADDRESSES,
    output_format: str = shared.OUTPUT_FORMAT,
    reports: list[str] = shared.REPORT,
    timeout: float = shared.VALIDATE_TIMEOUT,
    quiet: bool = shared.QUIET,
    skip_other_yaml: bool = typer.Option(
        False,
        "--skip-other-yaml",
        help="Skip YAML files that are not briefs (no organisation, evaluation or sections),"
        " and say which: for a hook given every YAML file of a repository.",
    ),
) -> None:
    """Check briefs for mistakes without rendering them.

    Example: briefgen validate data/brief.yaml
    """
    from briefgen.batch import BriefOutcome, expand_paths, not_briefs, validate_many

    channels = ResultChannels(output_format == "json", tuple(parse_reports(reports)))

    def say_ok(outcome: BriefOutcome) -> None:
        print_warnings(outcome.warnings)
        if outcome.ok and not quiet:
            channels.say(f"{display_path(outcome.path)}: ok")

    with user_errors():
        try:
            paths = expand_paths(shared.brief_arguments(briefs))
        except BriefError as error:
            channels.fail("validate", error)
        if skip_other_yaml:
            skipped = not_briefs(paths)
            paths = [path for path in paths if path not in skipped]
            if skipped and not quiet:
                names = ", ".join(display_path(path) for path in skipped)
                count = len(skipped)
                channels.say(
                    f"skipped {count} YAML file{'s' * (count != 1)} that "
                    f"{'are not briefs' if count != 1 else 'is not a brief'}"
                    f" (no organisation, evaluation or sections): {names}"
                )
        batch = validate_many(
            paths,
            shared.load_options(context.params),
            strict=strict,
            on_done=say_ok,
            timeout=timeout,
        )
        problems = [problem for outcome in batch.failed for problem in outcome.problems]
        if problems:
            print_problems(BriefError(problems))  # all at once, with their count
        if not channels.finish("validate", batch.outcomes):
            raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    register_command(app, "validate", validate)

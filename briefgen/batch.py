"""Many briefs in one run: expand folders and globs, then render across the cores.

A cold ``briefgen render`` spends most of its time importing (WeasyPrint alone ~0.6 s), so
rendering N briefs in one run, by worker processes that each import once, is far cheaper
than N commands. One bad, slow or crashing brief is reported and does not stop the others
(see :mod:`briefgen.workers`); this process writes each brief's files, all or none.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.api import Format, LoadOptions, Rendered, RenderOptions, load_brief, write_files
from briefgen.errors import BriefError, Problem, as_error, bug_traceback, unexpected_problem
from briefgen.output import prepare_output_dir
from briefgen.render import FOR_HOLES
from briefgen.workers import DEFAULT_TIMEOUT, RenderPool, Reply, Task

BRIEF_SUFFIXES = (".yaml", ".yml")
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class BriefOutcome:
    """What became of one brief: the files written, or the problems that stopped it."""

    path: Path
    results: list[Rendered] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    warnings: list[Problem] = field(default_factory=list)  # did not stop the render
    bug: str = ""  # the traceback, when briefgen itself failed on this brief

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class BatchResult:
    """Every brief's outcome, in the order the briefs were given."""

    outcomes: list[BriefOutcome]
    seconds: float

    @property
    def failed(self) -> list[BriefOutcome]:
        return [outcome for outcome in self.outcomes if not outcome.ok]

    @property
    def files(self) -> list[Rendered]:
        return [result for outcome in self.outcomes for result in outcome.results]


def expand_paths(arguments: Sequence[Path | str]) -> list[Path]:
    """Files as given; folders as their ``*.yaml``/``*.yml`` files but hidden ones; globs
    expanded (sorted; hidden files left out, as a shell does).

    Globs are expanded here so that a quoted pattern works the same in every shell.
    A folder or pattern that matches nothing is a user error; a missing plain file is
    left for the render to report, next to the other briefs' results. A brief found in a
    folder or by a pattern that is a link to a file outside that folder is refused, unread
    (see :func:`_links_out`).
    """
    found: list[Path] = []
    problems: list[Problem] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if _is_brief_file(p))
            if not inside:
                raise BriefError.single("contains no .yaml or .yml briefs", path)
            problems += _links_out(inside, path)
            found += inside
        elif not path.exists() and _GLOB_CHARS & set(str(argument)):
            matches = [m for m in _glob(str(argument)) if m.is_file()]
            if not matches:
                raise BriefError.single(f"no file matches the pattern '{argument}'")
            problems += _links_out(matches, _pattern_folder(str(argument)))
            found += matches
        else:
            found.append(path)
    if problems:
        raise BriefError(problems)
    unique: dict[Path, Path] = {}
    for path in map(_brief_of_translation, found):
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


BRIEF_KEYS = frozenset({"organisation", "evaluation", "sections"})
"""A YAML mapping with none of these at the top is not a brief (a workflow, a config)."""


def not_briefs(paths: Sequence[Path]) -> list[Path]:
    """The files among ``paths`` that are YAML but plainly not briefs: they parse, and hold
    none of a brief's top-level keys. A file that does not parse may be a broken brief: it
    is kept, for validate to report its mistake."""
    from briefgen.loading.yaml_source import load_yaml

    others = []
    for path in paths:
        try:
            data = load_yaml(path, strict=False).data
        except (BriefError, OSError):
            continue
        if not (isinstance(data, dict) and BRIEF_KEYS & set(map(str, data))):
            others.append(path)
    return others


def _brief_of_translation(path: Path) -> Path:
    """The brief a translation file (``brief.fr.yaml``) belongs to, for a file named by a
    glob or a hook: checking it means checking its brief; any other path as it is."""
    from briefgen.loading.translation_file import translated_brief

    return translated_brief(path) or path


def _is_brief_file(path: Path) -> bool:
    """A folder's ``.yaml``/``.yml`` file, hidden ones (``.pre-commit-config.yaml``, an
    editor's ``.brief.yaml.swp`` copy) left out as shells' globs and other tools do, and
    translation files (``brief.fr.yaml``), which belong to their brief."""
    from briefgen.loading.translation_file import is_translation_file

    return (
        path.suffix in BRIEF_SUFFIXES
        and not path.name.startswith(".")
        and path.is_file()
        and not is_translation_file(path)  # brief.fr.yaml: read with brief.yaml
    )


def _glob(pattern: str) -> list[Path]:
    """The paths ``pattern`` names, sorted, as a shell finds them: names that start with a
    dot only where the pattern spells one. ``**`` does not go down links to folders: one
    to a parent (``docs/up -> ..``) sent ``glob.glob`` round in circles, each link doubling
    the paths, until the job was killed."""
    folder = _pattern_folder(pattern)
    fixed = len(folder.parts) if folder != Path(".") else 0
    parts = Path(pattern).parts[fixed:]
    if not parts:
        return []
    dotted = any(part.startswith(".") for part in parts)
    found = []
    for match in folder.glob(str(Path(*parts))):
        if dotted or not any(name.startswith(".") for name in match.relative_to(folder).parts):
            found.append(match)
    return sorted(found)


def _pattern_folder(pattern: str) -> Path:
    """The folder a glob searches: its leading parts without a wildcard."""
    fixed: list[str] = []
    for part in Path(pattern).parts:
        if _GLOB_CHARS & set(part):
            break
        fixed.append(part)
    return Path(*fixed) if fixed else Path(".")


def _links_out(briefs: Sequence[Path], folder: Path) -> list[Problem]:
    """A problem for each brief that resolves (through links) outside ``folder``.

    Only the names are looked at, never the contents: ``briefs/x.yaml ->
    ~/.git-credentials`` must not be parsed, or its error would quote the secret.
    """
    root = folder.resolve()
    return [
        Problem(
            f"is a link to a file outside {folder}; briefgen does not follow it",
            brief,
            hint="copy the brief into the folder, or name the file itself",
        )
        for brief in briefs
        if not brief.resolve().is_relative_to(root)
    ]


def output_stems(path: Path, language: str | None = None) -> list[str]:
    """The names a brief's files start with: ``brief``, or ``brief.fr`` for each language
    rendered of a brief in several (``language``: one of them; None or "all": each).

    Read from its YAML alone (safely, bounded); a brief that does not load has its
    plain stem, and fails at its render with its own message.
    """
    from briefgen.loading.translations import declared_languages
    from briefgen.loading.yaml_source import load_yaml

    try:
        languages = declared_languages(load_yaml(path).data)
    except (BriefError, OSError):
        return [path.stem]
    if not languages:
        return [path.stem]
    chosen = languages if language in (None, "all") else [language]
    return [f"{path.stem}.{code}" for code in dict.fromkeys(chosen)]


def check_stems(paths: Sequence[Path], output_dir: Path, language: str | None = None) -> None:
    """Refuse, before rendering anything, two briefs that would write the same files:
    ``a.yaml`` twice from two folders, or ``brief.yaml`` in ``[en, fr]`` beside
    ``brief.en.yaml`` (both would write ``brief.en.*``)."""
    first: dict[str, Path] = {}
    problems: list[Problem] = []
    for path in paths:
        for stem in output_stems(path, language):
            other = first.setdefault(stem, path)
            if other is not path:
                same = "has the same name as" if other.stem == path.stem else "clashes with"
                problems.append(
                    Problem(
                        f"{same} {other}: both would write {output_dir / stem}.*",
                        path,
                        hint="rename one, or render them with different -o/--output-dir",
                    )
                )
                break
    if problems:
        raise BriefError(problems)


def fit_warnings(path: Path, results: Sequence[Rendered]) -> list[Problem]:
    """A brief that fits its page budget, or leaves no empty area, only once ``--fit``
    tightened it: worth a look.

    Known only once the PDF is laid out, so ``--strict`` does not fail on it.
    """
    pdfs = [result for result in results if result.format == "pdf"]
    if len(pdfs) > 1:  # a brief in several languages: say which PDF
        return [_fit_warning(path, pdf.fit, pdf.path.name) for pdf in pdfs if pdf.fit]
    fits = dict.fromkeys(result.fit for result in results if result.fit)
    return [_fit_warning(path, fit) for fit in fits]


def _fit_warning(path: Path, fit: str, name: str | None = None) -> Problem:
    pdf = f"the PDF {name}" if name else "the PDF"
    if fit.endswith(FOR_HOLES):
        return Problem(
            f"{pdf} is set with {fit.removesuffix(FOR_HOLES)}{FOR_HOLES} that the normal "
            "layout leaves at a page's foot",
            path,
            hint="to keep the normal layout, shorten the text before the block that moved on",
            severity="warning",
        )
    return Problem(
        f"{pdf} fits its page budget only with {fit}",
        path,
        hint="shorten the text to keep the normal layout, or raise layout.max_pages",
        severity="warning",
    )


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def write_reply(task: Task, reply: Reply, folder: Path) -> BriefOutcome:
    """Write a worker's formats (all or none) and say what became of the brief.

    A brief that failed writes nothing, except one past its page budget: its formats
    without a budget and its ``.OVER-BUDGET.pdf`` are written, and it still fails.
    """
    seconds, warnings = reply.seconds, list(reply.warnings)
    if not reply.ok:
        results: list[Rendered] = []
        problems = list(reply.problems)
        if reply.rendered:
            try:
                results = write_files(
                    task.path, reply.rendered, folder, reply.companions, reply.inputs
                )
            except BriefError as error:
                problems += error.problems
        return BriefOutcome(
            task.path,
            results,
            problems=problems,
            seconds=seconds,
            warnings=warnings if reply.rendered else [],
            bug=reply.traceback,
        )
    try:
        results = write_files(task.path, reply.rendered, folder, reply.companions, reply.inputs)
    except BriefError as error:
        return BriefOutcome(task.path, problems=error.problems, seconds=seconds, warnings=warnings)
    warnings += fit_warnings(task.path, results)
    return BriefOutcome(task.path, results, seconds=seconds, warnings=warnings)


@dataclass(frozen=True)
class RenderRequest:
    """What a run of ``render`` was asked for, besides which briefs and how it reports.

    ``jobs`` worker processes (default: the cores), each brief within ``timeout`` seconds
    (``None``: no limit), loaded with ``load_options``. ``strict``: a brief with warnings
    fails, unrendered, with its warnings as errors.
    """

    formats: Sequence[Format]
    output_dir: Path | str
    options: RenderOptions | None = None
    jobs: int | None = None
    timeout: float | None = DEFAULT_TIMEOUT
    strict: bool = False
    load_options: LoadOptions | None = None


def render_many(
    paths: Sequence[Path],
    request: RenderRequest,
    *,
    on_done: Callable[[BriefOutcome], None] | None = None,
) -> BatchResult:
    """Render every brief as ``request`` says, across worker processes.

    ``on_done`` is called in this process as each brief finishes (for progress display).
    A brief that fails in any way (its mistakes, a bug, a crash, its time running out)
    is an outcome with problems; the others go on.
    """
    output_dir, workers, timeout = request.output_dir, request.jobs, request.timeout
    formats, strict, load_options = request.formats, request.strict, request.load_options
    options = request.options
    started = time.perf_counter()
    created = not Path(output_dir).exists()
    folder = prepare_output_dir(Path(output_dir))
    try:
        options = options or RenderOptions()
        check_stems(paths, folder, options.language)
        tasks = [Task(path, tuple(formats), options, load_options, strict=strict) for path in paths]
        outcomes: dict[int, BriefOutcome] = {}

        def finished(index: int, task: Task, reply: Reply) -> None:
            try:
                outcomes[index] = write_reply(task, reply, folder)
            except Exception as error:  # a bug while writing: this brief fails, others go on
                problem = unexpected_problem(error, task.path)
                outcomes[index] = BriefOutcome(
                    task.path, problems=[problem], bug=bug_traceback(error)
                )
            if on_done:
                on_done(outcomes[index])

        count = min(workers or default_workers(), len(paths))
        with RenderPool(count, timeout) as pool:
            pool.run(tasks, finished)
    finally:
        if created:
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if empty: a failed first render leaves no empty folder
    ordered = [outcomes[index] for index in range(len(paths))]
    return BatchResult(ordered, time.perf_counter() - started)


class _TimedOut(BaseException):
    """A brief's checks ran out of time (a BaseException: no ``except Exception`` in the
    checks may swallow it)."""


@contextlib.contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Interrupt the block after ``seconds`` with :class:`_TimedOut` (a real-time alarm).

    Only in the main thread of a system with ``setitimer`` (not Windows): elsewhere the
    block runs without a limit.
    """
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not seconds or not usable:
        yield
        return

    def expire(_signal: int, _frame: object) -> None:
        raise _TimedOut

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def validate_many(
    paths: Sequence[Path],
    options: LoadOptions | None = None,
    *,
    strict: bool = False,
    on_done: Callable[[BriefOutcome], None] | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> BatchResult:
    """Load and check every brief with ``options``, in this process (it is quick); never
    renders.

    ``strict``: a brief with warnings fails, with its warnings as errors. ``timeout``:
    a brief whose checks take longer (seconds; None: no limit) fails, the others go on
    (inside ``git commit``, a hostile brief must not hang the hook).
    """
    started = time.perf_counter()
    outcomes = []
    for path in paths:
        began = time.perf_counter()
        problems: list[Problem] = []
        warnings: list[Problem] = []
        try:
            with _time_limit(timeout):
                loaded = load_brief(path, options)
        except BriefError as error:
            problems = error.problems
        except _TimedOut:
            problems = [
                Problem(
                    f"checking took longer than {timeout:g} s (--timeout); it was stopped",
                    path,
                    hint="shorten the brief, or allow more time with --timeout",
                )
            ]
        else:
            warnings = list(loaded.warnings)
            if strict and warnings:
                problems, warnings = [as_error(warning) for warning in warnings], []
        seconds = time.perf_counter() - began
        outcome = BriefOutcome(path, problems=problems, seconds=seconds, warnings=warnings)
        outcomes.append(outcome)
        if on_done:
            on_done(outcome)
    return BatchResult(outcomes, time.perf_counter() - started)

"""The page budget judged from plain layout data: which section spills, and which --fit
step is chosen. No layout engine runs: the layouts are written out here."""

from __future__ import annotations

from dataclasses import replace

import pytest

from briefgen.api import RenderOptions, _with_options, load_brief
from briefgen.errors import BriefError
from briefgen.model.loaded import LoadedBrief
from briefgen.render.pdf import budget
from briefgen.render.pdf.budget import FIT_LADDER, Fitted, measure_overflow
from briefgen.render.pdf.engine import LayoutReport
from briefgen.render.view.context import RenderContext, Typesetting, section_heading
from tests.conftest import SMALL_BRIEF


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> LoadedBrief:
    path = tmp_path_factory.mktemp("budget") / "brief.yaml"
    path.write_text(SMALL_BRIEF, encoding="utf-8")
    return load_brief(path)


def _anchors(loaded: LoadedBrief) -> list[tuple[str, str]]:
    """Each section's anchor and heading, in reading order: findings, recommendations."""
    context = RenderContext(loaded, for_print=True)
    anchors = context.anchors()
    return [
        (anchors[id(section)], section_heading(section, context.labels))
        for section in loaded.brief.sections
    ]


def _report(*pages: tuple[tuple[str, float], ...]) -> LayoutReport:
    return LayoutReport(len(pages), tuple(pages), last_page_fill=0.5, sidebar_overrun_mm=0.0)


def test_a_section_running_over_the_break_is_named_before_one_starting_lower_down(
    loaded: LoadedBrief,
) -> None:
    (first, first_heading), (second, second_heading) = _anchors(loaded)
    # The first section starts on page 2 and runs onto page 3, where the second starts
    # halfway down: both spill, the first before the second.
    report = _report((), ((first, 40.0),), ((second, 120.0),))
    overflow = measure_overflow(report, loaded, 2)
    assert overflow is not None
    assert overflow.spilling == [first_heading, second_heading]


def test_a_section_that_ends_at_the_break_does_not_spill(loaded: LoadedBrief) -> None:
    (first, _), (second, second_heading) = _anchors(loaded)
    report = _report((), ((first, 40.0),), ((second, 0.5),))  # page 3 starts with the second
    overflow = measure_overflow(report, loaded, 2)
    assert overflow is not None
    assert overflow.spilling == [second_heading]


class _Engine:
    """A layout engine whose brief fits from ladder step ``fits_from`` on."""

    def __init__(self, fits_from: int | None) -> None:
        self.fits_from = fits_from
        self.tried: list[int] = []
        self.holding: int | None = None

    def layout(self, job: Typesetting, page_limit: int) -> LayoutReport:
        step = FIT_LADDER.index(job)
        self.tried.append(step)
        self.holding = step
        fits = self.fits_from is not None and step >= self.fits_from
        return _report(*[()] * (page_limit if fits else page_limit + 1))

    def keep(self) -> int | None:
        return self.holding

    def restore(self, kept: int | None) -> None:
        self.holding = kept


@pytest.mark.parametrize("fits_from", range(len(FIT_LADDER)))
def test_fit_chooses_the_least_tight_step_that_fits_and_keeps_its_layout(
    fits_from: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(budget, "print_job", lambda loaded, setting: setting)
    engine = _Engine(fits_from)
    found = budget._first_fitting_step(None, engine, 2)  # type: ignore[arg-type]
    assert found is not None
    setting, report = found
    assert setting == FIT_LADDER[fits_from]
    assert report.pages == 2
    assert engine.holding == fits_from  # the engine writes the chosen layout
    assert len(engine.tried) <= 3  # bisection: at most three layouts for six steps


def test_fit_gives_none_when_no_step_fits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(budget, "print_job", lambda loaded, setting: setting)
    assert budget._first_fitting_step(None, _Engine(None), 2) is None  # type: ignore[arg-type]


# What the author reads when a brief is too long: the figures, the names, the advice.

TRY_FIT = "shorten the text, try --fit, or raise layout.max_pages / --max-pages"
TIGHTEST = "even the tightest readable setting does not fit: shorten the text"
BEYOND_FIT = "far too long for --fit, which can save at most 40% of the length: shorten the text"


def test_a_layout_within_the_budget_has_no_overflow(loaded: LoadedBrief) -> None:
    assert measure_overflow(_report((), ()), loaded, 2) is None
    assert measure_overflow(_report(()), loaded, 2) is None


@pytest.mark.parametrize(("pages", "fill", "over"), [(3, 0.5, 0.5), (3, 0.25, 0.25), (5, 0.5, 2.5)])
def test_how_far_over_is_whole_pages_plus_the_last_pages_fill(
    loaded: LoadedBrief, pages: int, fill: float, over: float
) -> None:
    report = LayoutReport(pages, tuple(() for _ in range(pages)), fill, 0.0)
    overflow = measure_overflow(report, loaded, 2)
    assert overflow is not None
    assert (overflow.pages, overflow.budget, overflow.pages_over) == (pages, 2, over)


def test_a_heading_just_at_the_top_of_the_page_starts_it(loaded: LoadedBrief) -> None:
    (first, _), (second, second_heading) = _anchors(loaded)
    at_top = _report((), ((first, 40.0),), ((second, budget.TOP_OF_PAGE_MM),))
    overflow = measure_overflow(at_top, loaded, 2)
    assert overflow is not None and overflow.spilling == [second_heading]


def test_anchors_that_are_no_heading_are_passed_over(loaded: LoadedBrief) -> None:
    (first, first_heading), _ = _anchors(loaded)
    report = _report((), ((first, 40.0),), (("an-item", 3.0), ("footnote-1", 90.0)))
    overflow = measure_overflow(report, loaded, 2)
    assert overflow is not None and overflow.spilling == [first_heading]


def test_only_the_closing_block_past_the_budget_is_named_as_such(loaded: LoadedBrief) -> None:
    overflow = measure_overflow(_report((), (), (("an-item", 3.0),)), loaded, 2)
    assert overflow is not None and overflow.spilling == ["the closing contact block"]
    message = str(budget.overflow_error(overflow, loaded, tried_fit=False))
    assert "spilling onto page 3: 'the closing contact block'" in message


@pytest.mark.parametrize(
    ("pages", "tried_fit", "beyond_fit", "amount", "hint"),
    [
        (3, False, False, "50% of a page", TRY_FIT),
        (4, False, False, "2 pages", TRY_FIT),
        (3, True, False, "50% of a page", TIGHTEST),
        (6, True, True, "4 pages", BEYOND_FIT),
    ],
)
def test_the_overflow_message_says_by_how_much_what_spills_and_what_to_do(
    loaded: LoadedBrief, pages: int, tried_fit: bool, beyond_fit: bool, amount: str, hint: str
) -> None:
    names = ["One", "Two", "Three", "Four", "Five"]
    overflow = budget.Overflow(pages, 2, 0.5, names)
    error = budget.overflow_error(overflow, loaded, tried_fit, beyond_fit)
    (problem,) = error.problems
    assert problem.message == (
        f"the PDF runs to {pages} pages, over the budget of 2 by {amount}; "
        "spilling onto page 3: 'One', 'Two', 'Three', 'Four'"
    )
    assert problem.hint == hint and problem.path == loaded.path


@pytest.fixture(scope="module")
def with_facts(tmp_path_factory: pytest.TempPathFactory) -> LoadedBrief:
    path = tmp_path_factory.mktemp("facts") / "brief.yaml"
    facts = "quick_facts:\n  - label: Region\n    value: East Africa\n"
    path.write_text(SMALL_BRIEF.replace("sections:\n", facts + "sections:\n"), encoding="utf-8")
    return load_brief(path)


@pytest.mark.parametrize(("over", "said"), [(0.2, 1), (2.4, 2), (2.6, 3)])
def test_quick_facts_too_long_for_the_sidebar_are_named_at_their_line(
    with_facts: LoadedBrief, over: float, said: int
) -> None:
    report = LayoutReport(2, ((), ()), 0.5, over)
    with pytest.raises(BriefError) as caught:
        budget.check_sidebar(report, with_facts)
    (problem,) = caught.value.problems
    assert problem.message == f"quick facts are {said} mm too long for the sidebar on page 1"
    line = SMALL_BRIEF.count("\n", 0, SMALL_BRIEF.index("sections:")) + 1
    assert (problem.line, problem.column, problem.key_path) == (line, 1, "quick_facts")
    assert problem.hint == (
        "shorten them or drop a few; long lists belong in a section of the brief"
    )
    assert problem.path == with_facts.path


@pytest.mark.parametrize("over", [0.0, -3.0])
def test_quick_facts_that_fit_are_fine(with_facts: LoadedBrief, over: float) -> None:
    budget.check_sidebar(LayoutReport(2, ((), ()), 0.5, over), with_facts)


class _Lengths(_Engine):
    """An engine whose designed layout is ``designed`` pages long."""

    def __init__(self, fits_from: int | None, designed: int, fill: float = 0.5) -> None:
        super().__init__(fits_from)
        self.designed, self.fill = designed, fill
        self.limits: list[int] = []

    def layout(self, job: Typesetting | str, page_limit: int) -> LayoutReport:
        self.limits.append(page_limit)
        if isinstance(job, str):
            assert job == "designed"
            return LayoutReport(
                self.designed, tuple(() for _ in range(self.designed)), self.fill, 0
            )
        return super().layout(job, page_limit)


def _within(
    loaded: LoadedBrief, engine: _Lengths, fit: bool | None, monkeypatch: pytest.MonkeyPatch
) -> tuple[LayoutReport, Fitted | None]:
    def job(of: LoadedBrief, setting: Typesetting | None = None) -> Typesetting | str:
        assert of is loaded  # every layout is of the brief itself
        return "designed" if setting is None else setting

    monkeypatch.setattr(budget, "print_job", job)
    if fit is None:  # the default
        return budget.lay_out_within_budget(loaded, engine)  # type: ignore[arg-type]
    return budget.lay_out_within_budget(loaded, engine, fit=fit)  # type: ignore[arg-type]


def test_a_brief_within_its_budget_is_laid_out_once_as_designed(
    loaded: LoadedBrief, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = _Lengths(0, designed=loaded.brief.layout.max_pages)
    report, chosen = _within(loaded, engine, True, monkeypatch)
    assert chosen is None and report.pages == loaded.brief.layout.max_pages
    assert engine.limits == [loaded.brief.layout.max_pages] and engine.tried == []


def test_without_fit_a_long_brief_is_refused_with_the_advice_to_try_it(
    loaded: LoadedBrief, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = _Lengths(0, designed=3)
    with pytest.raises(BriefError) as caught:
        _within(loaded, engine, False, monkeypatch)
    assert "try --fit" in caught.value.problems[0].hint and engine.tried == []


def test_fit_tightens_a_brief_a_little_too_long(
    loaded: LoadedBrief, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = _Lengths(2, designed=3, fill=0.2)
    report, chosen = _within(loaded, engine, True, monkeypatch)
    assert chosen == Fitted(FIT_LADDER[2]) and report.pages == 2


def test_fit_gives_up_at_once_on_a_brief_far_too_long(
    loaded: LoadedBrief, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = _Lengths(0, designed=4, fill=0.5)  # 3.5 pages: 60% of it is still over 2
    with pytest.raises(BriefError) as caught:
        _within(loaded, engine, True, monkeypatch)
    assert "far too long for --fit" in caught.value.problems[0].hint and engine.tried == []
    engine = _Lengths(0, designed=4, fill=0.3)  # 3.3 pages: 60% of it fits, so try
    assert _within(loaded, engine, True, monkeypatch)[1] == Fitted(FIT_LADDER[0])


def test_fit_that_cannot_save_a_brief_says_the_text_must_be_shorter(
    loaded: LoadedBrief, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = _Lengths(None, designed=3, fill=0.1)
    with pytest.raises(BriefError) as caught:
        _within(loaded, engine, True, monkeypatch)
    (problem,) = caught.value.problems
    assert "even the tightest readable setting does not fit" in problem.hint
    assert problem.message.startswith("the PDF runs to 3 pages")


def test_the_sidebar_is_checked_on_the_layout_that_will_be_written(
    with_facts: LoadedBrief, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Overrun(_Lengths):
        def layout(self, job: Typesetting | str, page_limit: int) -> LayoutReport:
            report = super().layout(job, page_limit)
            return LayoutReport(report.pages, report.anchors, report.last_page_fill, 5.0)

    with pytest.raises(BriefError) as caught:
        _within(with_facts, Overrun(0, designed=2), True, monkeypatch)
    assert "quick facts are 5 mm too long" in caught.value.problems[0].message


def test_fit_is_off_unless_asked(loaded: LoadedBrief, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(BriefError) as caught:
        _within(loaded, _Lengths(0, designed=3, fill=0.1), None, monkeypatch)
    assert caught.value.problems[0].hint == TRY_FIT


def test_fit_is_tried_when_its_best_could_just_reach_the_budget(
    loaded: LoadedBrief, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(budget, "BEST_FIT_SHRINK", 0.5)
    engine = _Lengths(0, designed=4, fill=1.0)  # 4 pages' length, halved: exactly 2
    assert _within(loaded, engine, True, monkeypatch)[1] == Fitted(FIT_LADDER[0])


class _Holes(_Lengths):
    """Within the budget at every step; the designed layout and the steps before
    ``clear_from`` leave an empty area (``space_faults``)."""

    def __init__(self, clear_from: int | None, pages: int = 2) -> None:
        super().__init__(0, designed=pages)
        self.clear_from = clear_from

    def layout(self, job: Typesetting | str, page_limit: int) -> LayoutReport:
        report = super().layout(job, page_limit)
        step = None if isinstance(job, str) else FIT_LADDER.index(job)
        clear = step is not None and self.clear_from is not None and step >= self.clear_from
        return replace(report, space_faults=0 if clear else 1)


@pytest.mark.parametrize("clear_from", range(len(FIT_LADDER)))
def test_fit_sets_a_brief_within_budget_tighter_until_its_empty_area_is_gone(
    clear_from: int, loaded: LoadedBrief, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Steps in order, from the loosest (a hole comes and goes with the length: bisection
    would miss the first step that clears it); the engine writes the layout chosen."""
    engine = _Holes(clear_from)
    report, chosen = _within(loaded, engine, True, monkeypatch)
    assert chosen == Fitted(FIT_LADDER[clear_from], for_holes=True)
    assert report.space_faults == 0
    assert engine.tried == list(range(clear_from + 1)) and engine.holding == clear_from


def test_fit_keeps_the_designed_layout_when_no_step_clears_its_empty_area(
    loaded: LoadedBrief, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = _Holes(None)
    report, chosen = _within(loaded, engine, True, monkeypatch)
    assert chosen is None and report.space_faults == 1
    assert engine.tried == list(range(len(FIT_LADDER)))
    assert engine.holding is None  # restored: the designed layout is written


def test_without_fit_an_empty_area_costs_no_other_layout(
    loaded: LoadedBrief, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = _Holes(0)
    report, chosen = _within(loaded, engine, None, monkeypatch)
    assert chosen is None and report.space_faults == 1 and engine.tried == []


def test_fit_that_had_to_fit_the_budget_says_so_when_it_then_closes_an_empty_area(
    loaded: LoadedBrief, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three pages as designed, two from step 2 on, an empty area until step 4: the step
    kept is 4, and it was needed to fit the budget, not only to close the empty area
    (the report's ``fit`` and the warning would say the normal layout fitted)."""
    engine = _Holes(clear_from=4)
    engine.fits_from, engine.designed = 2, 3
    report, chosen = _within(loaded, engine, True, monkeypatch)
    assert chosen == Fitted(FIT_LADDER[4], for_holes=False)
    assert report.pages == 2 and report.space_faults == 0
    assert engine.tried == [2, 0, 1, 3, 4] and engine.holding == 4


def test_fit_leaves_the_empty_areas_of_a_long_brief_as_designed(
    loaded: LoadedBrief, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each step is a whole layout: a brief longer than ``CLOSE_HOLES_UP_TO_PAGES`` is not
    laid out six times more for a hole (it would come near a worker's timeout)."""
    longer = budget.CLOSE_HOLES_UP_TO_PAGES + 1
    within = _with_options(loaded, RenderOptions(max_pages=longer))
    engine = _Holes(0, pages=longer)
    report, chosen = _within(within, engine, True, monkeypatch)
    assert chosen is None and report.space_faults == 1 and engine.tried == []
    engine = _Holes(0, pages=budget.CLOSE_HOLES_UP_TO_PAGES)
    assert _within(within, engine, True, monkeypatch)[1] == Fitted(FIT_LADDER[0], for_holes=True)

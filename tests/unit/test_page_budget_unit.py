"""The page budget judged from plain layout data: which section spills, and which --fit
step is chosen. No layout engine runs: the layouts are written out here."""

from __future__ import annotations

import pytest

from briefgen.api import load_brief
from briefgen.model.loaded import LoadedBrief
from briefgen.render.pdf import budget
from briefgen.render.pdf.budget import FIT_LADDER, measure_overflow
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

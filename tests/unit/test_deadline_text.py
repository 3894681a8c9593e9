"""A management response's deadline is a date in the brief's language (issue 30.6)."""

from __future__ import annotations

import pytest

from briefgen.model.labels import labels_for
from briefgen.render.view.cldr import deadline_text


@pytest.mark.parametrize(
    ("language", "typed", "printed"),
    [
        ("en", "2026-06", "June 2026"),
        ("en", "2026-06-30", "30 June 2026"),
        ("fr", "2026-06", "juin 2026"),
        ("es", "2026-06", "junio de 2026"),
        ("ru", "2026-06", "июнь 2026\u202fг."),
        ("zh", "2026-06", "2026年6月"),
        ("ar", "2026-06", "يونيو 2026"),
        ("en", " 2026-06 ", "June 2026"),
    ],
)
def test_a_typed_month_or_day_is_written_out(language: str, typed: str, printed: str) -> None:
    assert deadline_text(typed, labels_for(language)) == printed


@pytest.mark.parametrize("typed", ["Q4 2025", "ongoing", "2026-13", "2026-02-30", "2026-6", ""])
def test_other_wordings_stay_as_written(typed: str) -> None:
    assert deadline_text(typed, labels_for("en")) == typed

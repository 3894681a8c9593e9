"""What keeps names whole and map classes apart (issue 26): the typesetting rules the
layout inspector's findings rely on, and the colour difference of map classes."""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pytest

from briefgen.api import load_brief
from briefgen.model.countries import country_names
from briefgen.model.theme import contrast_problem
from briefgen.render.figures.colours import ciede2000, delta_e, distinct_shades
from briefgen.render.figures.maps import LAND
from briefgen.render.html import render_html
from briefgen.render.view.names import MAX_QUICK_FACT_NAMES, names_kept_whole, quick_facts_names
from briefgen.render.view.typography import (
    Typesetter,
    Typography,
    bind_short_words,
    breakable_url,
    compress_punctuation,
    join_names,
    join_numbers,
    keep_names,
    last_words_together,
)
from tests.conftest import ROOT, SMALL_BRIEF

NBSP, WJ, ZWSP = "\u00a0", "\u2060", "\u200b"


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("USD 14.2 million", f"USD{NBSP}14.2{NBSP}million"),
        ("в 2017 года", f"в 2017{NBSP}года"),
        ("38 % des", f"38{NBSP}% des"),
        ("12 ans", f"12{NBSP}ans"),
        ("135 stakeholders and 3 countries", f"135 stakeholders and 3{NBSP}countries"),
        ("in 2019 the programme", "in 2019 the programme"),  # a year and the next word
        ("于2017年启动，访谈了135名", f"于2017{WJ}年启动，访谈了135{WJ}名"),  # no space in Chinese
    ],
)
def test_a_number_and_its_word_are_joined(text: str, joined: str) -> None:
    assert join_numbers(text) == joined


def test_the_body_text_joins_numbers_as_it_is_typeset() -> None:
    assert (
        Typesetter(Typography()).piece("a budget of 12 million") == f"a budget of 12{NBSP}million"
    )


def test_a_chinese_list_breaks_only_after_its_separator() -> None:
    assert keep_names("日本、荷兰、南苏丹") == f"日{WJ}本、荷{WJ}兰、南{WJ}苏{WJ}丹"
    assert keep_names("中国") == "中国"


def test_short_names_in_a_list_are_kept_whole() -> None:
    value = "Kenya, South Sudan, United Republic of Tanzania, Somalia"
    assert keep_names(value) == (f"Kenya, South{NBSP}Sudan, United Republic of Tanzania, Somalia")
    assert keep_names("Vienna, Austria") == "Vienna, Austria"  # not a list of names


def test_a_headings_last_two_words_stay_together() -> None:
    assert str(last_words_together("Key findings of the evaluation")) == (
        'Key findings of <span class="together">the evaluation</span>'
    )
    assert str(last_words_together("Two words")) == "Two words"
    assert str(last_words_together("A <b> c")) == 'A <span class="together">&lt;b&gt; c</span>'
    # Right to left, a no-break space: no inline box for the engine to place out of order.
    rtl = last_words_together("Referrals by year", right_to_left=True)
    assert str(rtl) == "Referrals by\u00a0year"


def test_a_long_unspaced_run_is_not_held_on_one_line_with_the_last_word() -> None:
    """A Chinese title's last "two words" are a whole run of Han characters and a code:
    on one line they were wider than a phone's screen."""
    title = "打击人口贩运（TIP）全球方案 GLOT59 和打击偷运移民（SOM）全球方案 GLOT92"
    assert str(last_words_together(title)) == (
        "打击人口贩运（TIP）全球方案 GLOT59 和打击偷运移民（SOM）全球"
        '<span class="together">方案 GLOT92</span>'
    )  # the code never alone on the title's last line: two characters go with it
    assert "together" not in str(last_words_together("Ab " + "c" * 40 + " GLOT92"))
    assert "together" in str(last_words_together("全球方案 GLOT92 和 SOM"))


def test_a_long_part_of_an_address_breaks_before_a_hyphen_and_a_short_one_never() -> None:
    shown = str(breakable_url("https://a.org/short-part/a-very-long-part-of-the-address-here"))
    assert f"short-{WJ}part" in shown
    assert f"a{ZWSP}-{WJ}very{ZWSP}-{WJ}long" in shown


def test_a_long_part_of_an_address_breaks_before_its_underscores_and_query_marks() -> None:
    """A file name joined by underscores (UNODC's report addresses), a query: each mark
    starts the next line, as the hyphen does (The Chicago Manual of Style, 6.17)."""
    shown = str(breakable_url("https://a.org/GLOT59_GLOT92_Mid_term_In_Depth_report?id=7&x=y"))
    assert f"GLOT59{ZWSP}_GLOT92{ZWSP}_Mid" in shown
    assert f"report{ZWSP}?id{ZWSP}=7{ZWSP}&amp;x{ZWSP}=y" in shown
    assert str(breakable_url("https://a.org/short_part?id=7")).endswith("short_part?id=7")


def test_ciede2000_matches_the_published_test_data() -> None:
    """Sharma, Wu and Dalal (2005), pairs 1, 7 and 34 of their table."""
    assert delta_e((50, 2.6772, -79.7751), (50, 0, -82.7485)) == pytest.approx(2.0425, abs=1e-4)
    assert delta_e((50, 2.5, 0), (73, 25, -18)) == pytest.approx(27.1492, abs=1e-4)
    assert delta_e((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514)) == pytest.approx(
        0.9082, abs=1e-4
    )
    assert ciede2000("#000000", "#ffffff") == pytest.approx(100, abs=0.01)


def _tints(primary: str) -> Callable[[float], str]:
    """``primary`` blended with white, as the map's classes are (share 1: the primary)."""

    def mix(share: float) -> str:
        channels = [int(primary[i : i + 2], 16) for i in (1, 3, 5)]
        return "#" + "".join(f"{round(255 - (255 - c) * share):02x}" for c in channels)

    return mix


@pytest.mark.parametrize("primary", ["#0b3d6b", "#b5121b", "#1d4d1f", "#6a1b9a"])
def test_map_shades_are_plainly_distinct(primary: str) -> None:
    shades = distinct_shades(_tints(primary), 4, LAND)
    assert len(shades) == 4
    assert all(ciede2000(a, b) >= 10 for a, b in pairwise(shades))
    assert ciede2000(shades[0], LAND) >= 10


def _theme_primaries() -> list[str]:
    """Every primary a theme accepts (WCAG AA checked) on a grid of 6 steps a channel, and
    blue-greys whose tints pass through the no-data grey."""
    steps = range(0, 256, 51)
    grid = [f"#{r:02x}{g:02x}{b:02x}" for r in steps for g in steps for b in steps]
    candidates = [*grid, "#446688", "#336699", "#117799"]
    return [colour for colour in candidates if not contrast_problem("primary", colour)]


def test_map_shades_are_distinct_for_every_theme_primary() -> None:
    """Tints of a blue-grey primary (#446688) pass through the no-data grey: the lightest
    of four classes was 0.6 from it, the same colour (41 of 1,270 accepted primaries)."""
    faults = []
    for primary in _theme_primaries():
        for classes in (2, 3, 4):
            shades = distinct_shades(_tints(primary), classes, LAND)
            steps = [ciede2000(a, b) for a, b in pairwise(shades)]
            from_grey = [ciede2000(shade, LAND) for shade in shades]
            if len(shades) != classes or min(steps) < 10 or min(from_grey) < 10:
                faults.append((primary, classes, shades))
    assert faults == []


def test_the_maps_value_classes_in_a_rendered_brief_are_distinct(tmp_path: Path) -> None:
    countries = "".join(
        f"      - {{code: {code}, value: {value}}}\n"
        for code, value in [
            ("KEN", 1),
            ("ETH", 2),
            ("SOM", 3),
            ("SDN", 4),
            ("DJI", 5),
            ("UGA", 6),
            ("TZA", 7),
            ("RWA", 8),
        ]
    )
    brief = SMALL_BRIEF + "  - kind: map\n    heading: Where\n    countries:\n" + countries
    path = tmp_path / "map.yaml"
    path.write_text(brief, encoding="utf-8")
    page = render_html(load_brief(path))
    legend = page[page.index('class="picture-legend"') :]
    colours = re.findall(r"background-color: (#[0-9a-f]{6})", legend)[:4]
    assert len(colours) == 4
    assert all(ciede2000(a, b) >= 10 for a, b in pairwise(colours))
    assert ciede2000(colours[0], LAND) >= 10


def test_the_series_label_is_typeset_in_the_masthead_and_the_footer(tmp_path: Path) -> None:
    brief = SMALL_BRIEF.replace("language: en", "language: fr") + "series: Synthèse d'évaluation\n"
    path = tmp_path / "fr.yaml"
    path.write_text(brief, encoding="utf-8")
    page = render_html(load_brief(path))
    assert "Synthèse d\u2019évaluation" in page
    assert "Synthèse d'évaluation" not in page


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        # a closing mark before another mark: the closing one is halved
        ("他说：「好。」然后", "他说<h>：</h>「好<h>。</h>」然后"),
        ("议定书》（《贩运", "议定书<h>》</h>（<h>《</h>贩运"),  # two openings: the second
        ("64名），开展", "64名<h>）</h>，开展"),
        ("、，", "<h>、</h>，"),
        # single marks, Latin punctuation and escaped text stay as they are
        ("评价表明，办公室。", "评价表明，办公室。"),
        ("a &amp; b (c), d.", "a &amp; b (c), d."),
    ],
)
def test_pairs_of_full_width_marks_set_one_half_width(text: str, marked: str) -> None:
    expected = marked.replace("<h>", '<span class="halt">').replace("</h>", "</span>")
    assert compress_punctuation(text) == expected


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        (
            "Norway, New Zealand and Bosnia & Herzegovina",
            f"Norway, New{NBSP}Zealand and Bosnia{NBSP}&{NBSP}Herzegovina",
        ),
        ("led by Emmanuelle Diehl.", f"led by Emmanuelle{NBSP}Diehl."),
        # a longer word, or the words apart, are no name
        ("New Zealanders, a New way", "New Zealanders, a New way"),
        # Han text breaks anywhere, names included (clreq): a Latin name in it is kept
        ("挪威、新西兰和波斯尼亚", "挪威、新西兰和波斯尼亚"),
        ("由Emmanuelle Diehl领导", f"由Emmanuelle{NBSP}Diehl领导"),
        ("Новая Зеландия", f"Новая{NBSP}Зеландия"),
    ],
)
def test_a_name_in_running_text_is_kept_on_one_line(text: str, joined: str) -> None:
    names = frozenset({*country_names("en"), *country_names("ru"), "挪威", "新西兰", "波斯尼亚"})
    assert join_names(text, names | {"Emmanuelle Diehl"}) == joined
    setter = Typesetter(Typography(names=names | {"Emmanuelle Diehl"}))
    assert setter.piece(text) == joined


def test_the_names_kept_whole_are_the_countries_and_the_quick_facts_people() -> None:
    """The reference brief: its team (a list with roles after a dash), its chief (a lone
    name), the donors' "New Zealand"; every country of the catalogue; no phrase."""
    names = names_kept_whole(load_brief(ROOT / "data" / "brief.yaml").brief)
    team = {"Emmanuelle Diehl", "Astrid Ganterer", "Cristina Santillán Idoate", "Ilias Chatzis"}
    assert team | {"New Zealand", "Pascale Reinke-Schreiber"} <= names
    assert country_names("en") <= names
    assert not {"GLOT59 since 2008", "Emmanuelle Diehl- Team Leader"} & names
    assert "波斯尼亚和黑塞哥维那" in names_kept_whole(
        load_brief(ROOT / "data" / "examples" / "brief-zh.yaml").brief
    )
    # In a script without capitals, a quick fact with a number is a phrase, not a name:
    # the layout inspector reported the Chinese budget line "split" where it broke.
    chinese = quick_facts_names(load_brief(ROOT / "tests" / "briefs" / "chinese.yaml").brief)
    assert "截至数据收集结束时为 USD 20,000,833" not in chinese


def test_a_hostile_list_of_quick_facts_names_is_bounded(tmp_path: Path) -> None:
    """Each name is looked for in every piece of text: thousands of them in a stranger's
    quick facts must not make each piece search for thousands."""
    donors = ", ".join(f"Donor Number{index}" for index in range(MAX_QUICK_FACT_NAMES * 3))
    brief = tmp_path / "brief.yaml"
    brief.write_text(
        SMALL_BRIEF.replace(
            "sections:\n", f"quick_facts:\n  - label: Donors\n    value: {donors}\nsections:\n"
        ),
        encoding="utf-8",
    )
    names = quick_facts_names(load_brief(brief).brief)
    assert len(names) == MAX_QUICK_FACT_NAMES
    assert names <= {f"Donor Number{index}" for index in range(MAX_QUICK_FACT_NAMES * 3)}


def test_a_name_is_joined_wherever_the_text_holds_it() -> None:
    """Only the names a text holds are looked for; each is still joined, and a name
    inside a longer word is left alone."""
    names = country_names("en") | {"Ann Lee"}
    text = "Aid to the Central African Republic, New Zealand and Ann Lee's team; not Ann Leeds."
    assert join_names(text, names) == (
        "Aid to the Central\u00a0African\u00a0Republic, New\u00a0Zealand and Ann\u00a0Lee's team;"
        " not Ann Leeds."
    )


def test_short_words_are_bound_to_the_next_word() -> None:
    words = frozenset({"в", "и", "с"})
    text = "Работа в Вене и В Женеве, с 2017 года; слово всё и."
    assert bind_short_words(text, words) == (
        "Работа в\u00a0Вене и\u00a0В\u00a0Женеве, с\u00a02017 года; слово всё и."
    )
    assert bind_short_words("в и", frozenset()) == "в и"

"""Evidence blocks (table, ratings, key figures, management response) in every format.

One small brief holds every block and is rendered once for the module; mistakes go
through the real CLI so their located message is checked exactly.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
import yaml

from briefgen.api import RenderOptions, render_brief
from briefgen.model.evidence import SCALE_LEVELS
from briefgen.model.labels import labels_for
from briefgen.model.theme import TINT, WHITE, contrast_ratio
from briefgen.render.view.evidence import SIX_LEVEL_COLOURS, TRAFFIC_LIGHT_COLOURS, level_colour
from briefgen.render.view.numbers import format_number, with_unit
from tests.cli_runner import invoke
from tests.conftest import EXAMPLES, ROOT, SMALL_HEAD, render_text
from tests.layout_check import collisions
from tests.pdfcheck import check_pdf

HEAD = SMALL_HEAD + "sections:\n"
BLOCKS = """\
  - kind: key_figures
    figures:
      - value: 135
        label: stakeholders interviewed
        note: 71 men, 64 women
      - value: 12500
        prefix: USD
        label: spent per district
      - value: 45.5
        suffix: "%"
        label: of schools reached
  - kind: ratings
    ratings:
      - criterion: relevance
        rating: highly_satisfactory
        justification: Matched national priorities.
      - criterion: effectiveness
        rating: moderately_unsatisfactory
      - criterion: Gender equality
        rating: unsatisfactory
  - kind: ratings
    heading: Progress
    scale: traffic-light
    ratings:
      - {criterion: Outputs, rating: green}
      - {criterion: Outcomes, rating: amber}
      - {criterion: Budget, rating: red}
  - kind: ratings
    heading: Our own scale
    scale: [Strong, Adequate, Weak]
    ratings:
      - {criterion: Monitoring, rating: Adequate}
  - kind: table
    heading: Schools
    caption: Schools reached | by region
    header: [Region, Schools, Share]
    rows:
      - [North, 1200, "45 %"]
      - ["South | east", 800, "line one  \\nline two"]
      - [West, 12, "5 %"]
    note: Figures for 2023.
    credit: Monitoring data
  - kind: recommendations
    items:
      - id: rec-1
        text: Keep going.
      - Measure more.
      - id: rec-3
        text: Stop.
  - kind: management_response
    responses:
      - recommendation: rec-1
        response: accepted
        action: Extend the programme.
        unit: Water unit
        deadline: 2025-12
      - recommendation: rec-3
        response: partially_accepted
  - kind: conclusions
    id: concl
    text: As [](#rec-3) says, and [this one](#rec-1) too; see [](#concl).
  - kind: chart
    caption: Share of schools with safe water
    credit: Monitoring data
    unit: "%"
    categories: [2021, 2022, 2023]
    series:
      - name: Primary
        values: [35, 50, 70]
      - name: Secondary
        values: [20, 45, 61.5]
  - kind: chart
    heading: People trained
    chart: bar
    alt: People trained in each region, most in the west.
    categories: [North-east region, The western highlands and islands]
    series:
      - name: People
        values: [1200, 4100]
  - kind: map
    caption: Field missions
    countries:
      - {code: KE, category: Field mission}
      - {code: UGA, category: Field mission}
      - {code: CIV, category: Desk review}
  - kind: map
    heading: Share of budget
    extent: world
    unit: "%"
    countries:
      - {code: BR, value: 12}
      - {code: IND, value: 40}
      - {code: FJ, value: 5}
"""
EVIDENCE_BRIEF = HEAD + BLOCKS


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return render_text(EVIDENCE_BRIEF, tmp_path_factory.mktemp("evidence"), "evidence")


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _pdf_text(pdf: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(done.stdout.replace("-\n", "").split())  # hyphenated words rejoined


def _structure_types(pdf_path: Path) -> list[str]:
    with pikepdf.open(pdf_path) as pdf:
        return [
            str(obj.get("/S"))
            for obj in pdf.objects
            if isinstance(obj, pikepdf.Dictionary) and "/S" in obj and "/P" in obj
        ]


# --- PDF -------------------------------------------------------------------------------


def test_pdf_is_clean_pdf_ua_without_collisions(outputs: dict[str, Path]) -> None:
    assert check_pdf(outputs["pdf"], "pdf/ua-1") == []
    assert collisions(outputs["pdf"]) == []


def test_pdf_tags_tables_with_header_cells(outputs: dict[str, Path]) -> None:
    kinds = _structure_types(outputs["pdf"])
    # The table, three rating tables and the management response.
    assert kinds.count("/Table") == 5
    assert kinds.count("/THead") == 5
    assert "/TH" in kinds and "/TD" in kinds and "/Caption" in kinds


def test_pdf_writes_every_rating_out_as_text(outputs: dict[str, Path]) -> None:
    text = _pdf_text(outputs["pdf"])
    for words in [
        "Relevance",
        "Highly satisfactory Matched national priorities.",
        "Effectiveness Moderately unsatisfactory",
        "Gender equality Unsatisfactory",
        "Outputs On track",
        "Outcomes Some concerns",
        "Budget Off track",
        "Monitoring Adequate",
        "135 stakeholders interviewed",
        "71 men, 64 women",
        "USD 12,500",
        "45.5%",
        "Accepted Extend the programme. Responsible: Water unit; Deadline: December 2025",
        "3 Partially accepted",
    ]:
        assert words in text


# --- HTML ------------------------------------------------------------------------------


def test_html_table_has_scoped_headers_caption_and_alignment(outputs: dict[str, Path]) -> None:
    page = _text(outputs["html"])
    start = page.index('<div class="evidence evidence-table keep-together">')
    table = page[start : page.index("</table>", start)]
    assert "<caption>Schools reached | by region</caption>" in table
    assert re.findall(r'<th scope="col" class="align-(\w+)">(\w+)</th>', table) == [
        ("left", "Region"),
        ("right", "Schools"),
        ("left", "Share"),
    ]
    north = '<th scope="row" class="align-left">North</th><td class="align-right">1,200</td>'
    assert north in table
    assert "line one<br>line two" in table
    assert '<tbody class="table-start">' in table  # header kept with its first rows


def test_html_ratings_write_the_level_beside_the_colour(outputs: dict[str, Path]) -> None:
    page = _text(outputs["html"])
    assert (
        '<span class="swatch" style="background-color: #8e1b1b" aria-hidden="true"></span>'
        "<strong>Unsatisfactory</strong>" not in page
    )  # unsatisfactory is step 5 of 6, not the darkest red
    assert (
        '<span class="swatch" style="background-color: #c0361f" aria-hidden="true"></span>'
        "<strong>Unsatisfactory</strong>" in page
    )
    assert '<th scope="row">Relevance</th>' in page
    assert "Scale, best first: Strong; Adequate; Weak" in page


def test_html_management_response_links_to_the_recommendation(outputs: dict[str, Path]) -> None:
    page = _text(outputs["html"])
    assert '<li id="rec-1">Keep going.</li>' in page
    assert '<th scope="row"><a href="#rec-3">3</a></th>' in page
    assert '<td class="response response-partially_accepted">Partially accepted</td>' in page


def test_cross_references_print_the_number_and_link(outputs: dict[str, Path]) -> None:
    page = _text(outputs["html"])
    assert (
        '<p>As <a href="#rec-3">recommendation 3</a> says, and <a href="#rec-1">this one</a>'
        ' too; see <a href="#concl">Main conclusions</a>.</p>'
    ) in page
    assert '<section class="section kind-conclusions level-2" id="concl"' in page
    markdown = _text(outputs["md"])
    # In the Markdown, to the heading GitHub makes an anchor of (safe mode drops <a id>).
    assert (
        "As [recommendation 3](#main-recommendations) says, and "
        "[this one](#main-recommendations) too; see [Main conclusions](#main-conclusions)."
    ) in markdown
    assert "As recommendation 3 says, and this one too; see Main conclusions." in _pdf_text(
        outputs["pdf"]
    )
    with pikepdf.open(outputs["pdf"]) as pdf:
        targets = [
            str(annot.get("/Dest")) for page in pdf.pages for annot in page.get("/Annots", [])
        ]
    assert {"rec-1", "rec-3", "concl"} <= set(targets)


CHART_ALT = (
    "Column chart: Share of schools with safe water. 2021: Primary 35%, Secondary 20%; "
    "2022: Primary 50%, Secondary 45%; 2023: Primary 70%, Secondary 61.5%."
)


def test_chart_alt_text_is_written_from_the_data(outputs: dict[str, Path]) -> None:
    with pikepdf.open(outputs["pdf"]) as pdf:
        alts = [
            str(obj.Alt)
            for obj in pdf.objects
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == "/Figure"
        ]
    assert alts[:2] == [CHART_ALT, "People trained in each region, most in the west."]
    page = _text(outputs["html"])
    # On screen the chart is inline SVG, named by the same text (an img's alt in the PDF).
    assert f'<svg role="img" aria-label="{CHART_ALT}"' in page


def test_chart_data_is_a_table_in_html_and_markdown(outputs: dict[str, Path]) -> None:
    page = _text(outputs["html"])
    data = page.split('<details class="chart-data">')[1].split("</details>")[0]
    assert "<summary>The chart&#39;s data</summary>" in data
    assert '<th scope="col">Primary</th><th scope="col">Secondary</th>' in data
    assert '<tr><th scope="row">2023</th><td class="align-right">70%</td>' in data
    markdown = _text(outputs["md"])
    assert (
        "*Share of schools with safe water*  \n<sub>Monitoring data</sub>\n\n"
        "|  | Primary | Secondary |\n|:---|---:|---:|\n| 2021 | 35% | 20% |"
    ) in markdown
    assert "| The western highlands and islands | 4,100 |" in markdown


def test_chart_is_drawn_in_the_brief_font_with_its_labels(outputs: dict[str, Path]) -> None:
    text = _pdf_text(outputs["pdf"])
    assert "35% 20%" in text or ("35%" in text and "61.5%" in text)
    assert "The western highlands" in text and "4,100" in text
    fonts = subprocess.run(
        ["pdffonts", str(outputs["pdf"])], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts and all("+briefgen-Source-Sans" in line for line in fonts), fonts


MAP_ALT = "Map: Field missions. Field mission: Kenya, Uganda; Desk review: Côte d\u2019Ivoire."
WORLD_ALT = "Map. 5%: Fiji; 12%: Brazil; 40%: India."


def test_map_alt_text_names_the_countries(outputs: dict[str, Path]) -> None:
    with pikepdf.open(outputs["pdf"]) as pdf:
        alts = [
            str(obj.Alt)
            for obj in pdf.objects
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == "/Figure"
        ]
    assert alts[2:] == [MAP_ALT, WORLD_ALT]
    page = _text(outputs["html"])
    assert f'alt="{MAP_ALT}"' in page


def test_map_legend_and_disclaimer_are_text(outputs: dict[str, Path]) -> None:
    text = _pdf_text(outputs["pdf"])
    assert "Field mission: Kenya, Uganda" in text
    assert "40%: India" in text
    disclaimer = (
        "The boundaries and names shown and the designations used on this map do not imply "
        "official endorsement or acceptance by the United Nations."
    )
    assert text.count(disclaimer) == 2
    markdown = _text(outputs["md"])
    assert (
        "- Field mission: Kenya, Uganda\n- Desk review: Côte d\u2019Ivoire\n\n*The boundaries"
        in (markdown)
    )


def test_map_in_french_names_countries_the_french_way(tmp_path: Path) -> None:
    path = tmp_path / "fr.yaml"
    path.write_text(EVIDENCE_BRIEF.replace("language: en", "language: fr"), encoding="utf-8")
    (result,) = render_brief(path, ["html"], tmp_path / "out")
    page = _text(result.path)
    assert (
        'alt="Carte\u00a0: Field missions. Field mission\u00a0: Kenya, Ouganda\u202f; '
        'Desk review\u00a0: Côte d\u2019Ivoire."' in page
    )
    assert "n\u2019impliquent pas" in page or "n&#39;impliquent pas" in page


def test_equal_earth_matches_the_published_extent() -> None:
    """Šavrič et al. (2018): the equator spans x = ±2.7066, the poles lie at y = ±1.3173."""
    from briefgen.render.figures.maps import equal_earth

    assert equal_earth(180, 0) == pytest.approx((2.7066, 0), abs=1e-4)
    assert equal_earth(0, 90) == pytest.approx((0, 1.3173), abs=1e-4)
    assert equal_earth(-180, -90)[0] == pytest.approx(-1.6036, abs=1e-4)  # a flat pole line


def test_map_draws_only_what_it_shows(outputs: dict[str, Path]) -> None:
    from briefgen.render.figures.maps import MapData, draw_map

    africa = draw_map(MapData({"KE": "#0b3d6b"}, whole_world=False))
    world = draw_map(MapData({"KE": "#0b3d6b"}, whole_world=True))
    assert africa.count("<path") < 40 < world.count("<path")
    assert 'fill="#0b3d6b"' in africa


# --- Markdown --------------------------------------------------------------------------


def test_markdown_has_gfm_tables_with_escaped_cells(outputs: dict[str, Path]) -> None:
    markdown = _text(outputs["md"])
    assert (
        "**Schools reached \\| by region**\n\n"
        "| Region | Schools | Share |\n"
        "|:---|---:|:---|\n"
        "| North | 1,200 | 45 % |\n"
        "| South \\| east | 800 | line one <br>line two |\n"
        "| West | 12 | 5 % |\n\n"
        "*Figures for 2023. Source: Monitoring data*"
    ) in markdown
    assert "| Relevance | **Highly satisfactory**: Matched national priorities. |" in markdown
    assert "| Budget | **Off track** |" in markdown
    assert "- **135** stakeholders interviewed (71 men, 64 women)" in markdown
    # Cross-references lead to the heading GitHub makes an anchor of (safe mode drops
    # raw <a id> anchors): a recommendation's is its section's heading.
    assert "1. Keep going." in markdown
    assert "<a id=" not in markdown
    assert "see [Main conclusions](#main-conclusions)" in markdown
    assert (
        "| [1](#main-recommendations) | Accepted | Extend the programme. <br>"
        "*Responsible: Water unit; Deadline: December 2025* |"
    ) in markdown
    assert "| [3](#main-recommendations) | Partially accepted |  |" in markdown


def test_markdown_in_french(tmp_path: Path) -> None:
    path = tmp_path / "fr.yaml"
    path.write_text(EVIDENCE_BRIEF.replace("language: en", "language: fr"), encoding="utf-8")
    (result,) = render_brief(path, ["md"], tmp_path / "out")
    markdown = _text(result.path)
    assert "| Pertinence | **Très satisfaisant**\u00a0: Matched national priorities. |" in markdown
    assert "- **12\u202f500** " not in markdown  # the prefix comes first
    assert "- **USD\u00a012\u202f500** spent per district" in markdown
    assert "- **45,5\u00a0%** of schools reached" in markdown
    assert "| N° | Réponse | Mesure |" in markdown
    assert "| [3](#principales-recommandations) | Partiellement acceptée |" in markdown


# --- the parts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "12,345.5"), ("fr", "12\u202f345,5"), ("es", "12.345,5"), ("es-419", "12,345.5")],
)
def test_numbers_follow_the_language(language: str, expected: str) -> None:
    assert format_number(12345.5, language) == expected


def test_units_sit_where_the_language_puts_them() -> None:
    assert with_unit("45", None, "%", "en") == "45%"
    assert with_unit("45", None, "%", "fr") == "45\u00a0%"
    assert with_unit("1.2", "USD", "million", "en") == "USD\u00a01.2\u00a0million"
    assert with_unit("12", "$", None, "en") == "$12"


def test_every_swatch_meets_non_text_contrast() -> None:
    """WCAG 2.1 1.4.11: a graphical object needs 3:1 against what surrounds it."""
    for colour in (*SIX_LEVEL_COLOURS, *TRAFFIC_LIGHT_COLOURS.values()):
        assert contrast_ratio(colour, WHITE) >= 3, colour
        assert contrast_ratio(colour, TINT) >= 3, colour


def test_scales_run_from_the_best_colour_to_the_worst() -> None:
    assert level_colour(1, 6, "highly_satisfactory") == SIX_LEVEL_COLOURS[0]
    assert level_colour(6, 6, "highly_unsatisfactory") == SIX_LEVEL_COLOURS[5]
    assert level_colour(4, 4, "unsatisfactory") == SIX_LEVEL_COLOURS[5]
    assert level_colour(2, 3, "Adequate") == SIX_LEVEL_COLOURS[2]
    assert level_colour(2, 3, "amber") == TRAFFIC_LIGHT_COLOURS["amber"]


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_every_scale_level_has_words_in_every_language(language: str) -> None:
    levels = labels_for(language).evidence.levels
    for scale in SCALE_LEVELS.values():
        assert all(getattr(levels, level).strip() for level in scale)


# --- mistakes --------------------------------------------------------------------------


def _validate(text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    Path("brief.yaml").write_text(text, encoding="utf-8")
    result = invoke("validate", "brief.yaml")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return [line for line in result.stderr.splitlines() if line.startswith("brief.yaml:")]


MISTAKES = {
    "rating off its scale": (
        "        rating: moderately_unsatisfactory",
        "        rating: moderatly_unsatisfactory",
        "brief.yaml:26:17: sections[1].ratings[1].rating: 'moderatly_unsatisfactory' is not "
        "a level of the six-point scale (did you mean 'moderately_unsatisfactory'? use one "
        "of: highly_satisfactory, satisfactory, moderately_satisfactory, "
        "moderately_unsatisfactory, unsatisfactory, highly_unsatisfactory)",
    ),
    "row of the wrong width": (
        '      - [West, 12, "5 %"]',
        "      - [West, 12]",
        "brief.yaml:48:9: sections[4].rows[2]: this row has 2 cells but the header has 3 "
        "(give every row one cell per column (write '' for an empty cell))",
    ),
    "response to a missing recommendation": (
        "      - recommendation: rec-3",
        "      - recommendation: rec-4",
        "brief.yaml:65:25: sections[6].responses[1].recommendation: no recommendation has "
        "the id 'rec-4' (did you mean 'rec-3'? recommendation ids: rec-1, rec-3)",
    ),
    "one key figure": (
        "      - value: 12500\n        prefix: USD\n        label: spent per district\n"
        '      - value: 45.5\n        suffix: "%"\n        label: of schools reached\n',
        "",
        "brief.yaml:9:5: sections[0]: key_figures shows two to six figures, not one (see "
        "`briefgen schema` or the example in docs/brief-file.md)",
    ),
    "table key in a ratings section": (
        "    scale: traffic-light",
        "    scale: traffic-light\n    rows: [[a]]",
        "brief.yaml:29:5: sections[2]: 'rows' belongs to a table section, not a ratings "
        "section (set 'kind:' to match, or move these keys into a section of their own)",
    ),
    "dangling cross-reference": (
        "    text: As [](#rec-3) says",
        "    text: As [](#rec-4) says",
        "brief.yaml:69:16: sections[7].text: the cross-reference '#rec-4' names no item or "
        "section (did you mean 'rec-3'? give the item an id: {id: rec-4, text: ...}, or "
        "correct the reference)",
    ),
    "chart series of the wrong length": (
        "        values: [20, 45, 61.5]",
        "        values: [20, 45]",
        "brief.yaml:79:17: sections[8].series[1].values: this series has 2 values but there "
        "are 3 categories (give one value per category, in the categories' order)",
    ),
    "unknown country code": (
        "      - {code: UGA, category: Field mission}",
        "      - {code: UGX, category: Field mission}",
        "brief.yaml:92:16: sections[10].countries[1].code: 'UGX' is not an ISO 3166 country "
        "code (did you mean 'UGA' (Uganda)? write a two-letter (KE) or three-letter (KEN) code)",
    ),
    "five categories on one map": (
        "      - {code: CIV, category: Desk review}",
        "      - {code: CIV, category: Desk review}\n      - {code: GH, category: Survey}\n"
        "      - {code: SN, category: Interviews}\n      - {code: ML, category: Site visit}",
        "brief.yaml:96:30: sections[10].countries[5].category: a map shows at most 4 "
        "categories (merge categories, or use values instead)",
    ),
    "country too small for the map": (
        "      - {code: FJ, value: 5}",
        "      - {code: SG, value: 5}",
        "brief.yaml:101:16: sections[11].countries[2].code: Singapore (SG) is too small for "
        "briefgen's world map (Natural Earth 1:110m) (leave it out of the map and name it in "
        "the caption or text)",
    ),
    "a recommendation answered twice": (
        "      - recommendation: rec-3",
        "      - recommendation: rec-1",
        "brief.yaml:65:25: sections[6].responses[1].recommendation: 'rec-1' is answered twice "
        "(also sections[6].responses[0]) (give each recommendation one response: merge the "
        "two)",
    ),
    "a scale of your own with one level": (
        "    scale: [Strong, Adequate, Weak]",
        "    scale: [Adequate]",
        "brief.yaml:38:12: sections[3].scale: a scale of your own needs two levels or more "
        "(list its levels best first: scale: [Good, Fair, Poor], or use six-point, "
        "four-point or traffic-light)",
    ),
    "a scale of your own with a level twice": (
        "    scale: [Strong, Adequate, Weak]",
        "    scale: [Strong, Adequate, Strong]",
        "brief.yaml:38:31: sections[3].scale[2]: 'Strong' is listed twice (list each level "
        "once, best first)",
    ),
    "an id used twice": (
        "      - id: rec-3",
        "      - id: rec-1",
        "brief.yaml:56:13: sections[5].items[2].id: the id 'rec-1' is used twice (give each "
        "item its own id)",
    ),
}


def test_a_recommendation_answered_in_two_sections_is_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Answered once in each of two management response sections, both were printed."""
    again = (
        "  - kind: management_response\n    responses:\n"
        "      - recommendation: rec-3\n        response: accepted\n"
    )
    lines = _validate(EVIDENCE_BRIEF + again, tmp_path, monkeypatch)
    assert [line for line in lines if "answered twice" in line] == [
        f"brief.yaml:{EVIDENCE_BRIEF.count(chr(10)) + 3}:25: sections[12].responses[0]"
        ".recommendation: 'rec-3' is answered twice (also sections[6].responses[1]) (give"
        " each recommendation one response: merge the two)"
    ]


@pytest.mark.parametrize("case", sorted(MISTAKES))
def test_mistakes_are_located(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old, new, expected = MISTAKES[case]
    assert old in EVIDENCE_BRIEF
    text = EVIDENCE_BRIEF.replace(old, new, 1)
    assert _validate(text, tmp_path, monkeypatch)[:1] == [expected]


def test_html_has_no_axe_violations(outputs: dict[str, Path]) -> None:
    from tests.browser import format_violations, run_axe

    violations = run_axe(outputs["html"])
    assert violations == [], format_violations(violations)


def _word_places(pdf: Path, words: set[str]) -> dict[str, list[tuple[int, int]]]:
    """Each word's (page, column) places: column 0 or 1 by its left edge."""
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    places: dict[str, list[tuple[int, int]]] = {}
    for number, page in enumerate(bbox.split("<page ")[1:], start=1):
        for x_min, word in re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]+)</word>', page):
            if word in words:
                places.setdefault(word, []).append((number, int(float(x_min) > 297 / 2)))
    return places


# Filler that fills page 1, so that an eight-row table is all there is on page 2: the
# balanced columns would share its rows between them.
SPLIT_BRIEF = (
    HEAD
    + "  - kind: findings\n    text:\n"
    + ("      - " + "Words that fill the column so the table starts near its foot. " * 2 + "\n")
    * 33
    + "  - kind: table\n    show_heading: false\n    header: [Region, Schools]\n    rows:\n"
    + "".join(f"      - [Row{index}, {index}]\n" for index in range(8))
)
TABLE_WORDS = {"Region", "Row0", "Row1", "Row7"}


def test_a_short_table_stays_whole_with_its_header(tmp_path: Path) -> None:
    path = tmp_path / "split.yaml"
    path.write_text(SPLIT_BRIEF, encoding="utf-8")
    (result,) = render_brief(path, ["pdf"], tmp_path / "out")
    places = _word_places(result.path, TABLE_WORDS)
    assert places["Region"] == places["Row0"] == places["Row1"] == places["Row7"] == [(2, 0)]

    # Without the keep-together rule the same brief does split (and repeats the header):
    # the test sees the break.
    loose = tmp_path / "loose"
    loose.mkdir()
    css = (ROOT / "templates" / "evidence.css").read_text(encoding="utf-8")
    rule = ".evidence.keep-together { break-inside: avoid; }"
    assert rule in css
    (loose / "evidence.css").write_text(css.replace(rule, ""), encoding="utf-8")
    (split,) = render_brief(path, ["pdf"], tmp_path / "out2", RenderOptions(templates=loose))
    places = _word_places(split.path, TABLE_WORDS)
    assert places["Row0"] != places["Row7"]
    assert len(places["Region"]) >= 2  # each part under its header row
    assert set(places["Row0"] + places["Row7"]) <= set(places["Region"])


def test_fit_tightens_a_brief_of_evidence_blocks_without_collisions(tmp_path: Path) -> None:
    """The evidence example with thirteen more paragraphs: a third page, until --fit.

    (Ten were enough while page 1 left the room beside its map empty.)
    """
    data = yaml.safe_load(EXAMPLES.joinpath("evidence.yaml").read_text(encoding="utf-8"))
    data["sections"].insert(
        2, {"heading": "More context", "text": [data["sections"][0]["text"]] * 13}
    )
    path = tmp_path / "long.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    # "fitted with" is printed only when the designed setting overflowed.
    fitted = invoke("render", str(path), "-f", "pdf", "-o", str(tmp_path), "--fit")
    assert fitted.exit_code == 0, fitted.output
    assert "2 pages" in fitted.output and "fitted with" in fitted.output
    assert collisions(tmp_path / "long.pdf") == []


def test_word_document_carries_every_block(outputs: dict[str, Path]) -> None:
    """The DOCX: tables with their header, figures in bold, pictures with their alt text."""
    import docx

    document = docx.Document(str(outputs["docx"]))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    # A number and its word never part at a line end: a no-break space between them.
    assert "135 stakeholders interviewed (71\u00a0men, 64\u00a0women)" in text
    assert "As recommendation 3 says, and this one too; see Main conclusions." in text
    assert "do not imply official endorsement or acceptance by the United Nations." in text
    tables = [
        [[cell.text for cell in row.cells] for row in table.rows] for table in document.tables
    ]
    assert ["Relevance", "Highly satisfactory: Matched national priorities."] in tables[0]
    assert ["South | east", "800", "line one\nline two"] in tables[3]
    assert tables[4][0] == ["No.", "Response", "Action"]
    # Each table's first row is Word's header row: read out as such, repeated on a new page.
    from docx.oxml.ns import qn

    assert len(document.tables) >= 5
    for table in document.tables:
        properties = table.rows[0]._tr.trPr
        assert properties is not None and properties.find(qn("w:tblHeader")) is not None
    assert tables[4][1] == [
        "1",
        "Accepted",
        "Extend the programme.\nResponsible: Water unit; Deadline: December 2025",
    ]
    alts = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    assert alts == [
        CHART_ALT,
        "People trained in each region, most in the west.",
        MAP_ALT,
        WORLD_ALT,
    ]

"""The editor's read (issue 29.3): each rule once triggered, at its line and column, and
switched off by the brief's ``checks:``; the examples' own warnings listed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.cli_runner import invoke, validate_text
from tests.conftest import EVIDENCE_BRIEF, ROOT

EVIDENCE = (EVIDENCE_BRIEF).read_text(encoding="utf-8")


def _edit(old: str, new: str, text: str = EVIDENCE) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


pytestmark = pytest.mark.usefixtures("in_tmp")


MISSPELT_CRITERION = _edit("      - criterion: relevance\n", "      - criterion: relevence\n")
ACRONYM_FIRST = _edit(
    "      Safer Routes helped five governments",
    "      Safer Routes (SR) helped five IOM governments",
).replace(
    "      The team reviewed programme records,",
    "      The International Organization for Migration (IOM) and the team reviewed records,",
)
LONG = (
    "      The team reviewed programme records, surveyed 412 trained officials, interviewed\n"
    "      135 stakeholders (71 women, 64 men) and visited three countries; the other two were\n"
    "      covered by remote interviews."
)
LONG_SENTENCE = _edit(
    LONG,
    LONG.replace(
        "remote interviews.",
        "remote interviews, which the team held over two weeks in March with officials,"
        " shelter staff and migrants themselves, in their languages.",
    ),
)
MISSPELT = _edit("five governments identify migrants", "five governments identfy migrants")
NAME_TWO_WAYS = _edit("      - name: A. Example\n", "      - name: Rana Haddad\n").replace(
    "      The team reviewed programme records,", "      Rana Hadad's team reviewed records,"
)
NO_ACTION = _edit(
    "        text: Make the two outstanding referral agreements the first goal",
    "        text: The two outstanding referral agreements are the first goal",
)
UNIT_TWICE = _edit("      - value: 412\n", '      - value: 61%\n        suffix: "%"\n')

CASES = {
    "dac_criteria": (
        MISSPELT_CRITERION,
        "brief.yaml:113:20: warning: sections[5].ratings[0].criterion: 'relevence' is not one"
        " of the OECD DAC criteria (did you mean 'relevance'? A criterion of your own is"
        " fine: set checks: {dac_criteria: false})",
    ),
    "acronyms": (
        ACRONYM_FIRST,
        "brief.yaml:48:37: warning: sections[0].text: 'IOM' is used before it is spelled out"
        " (spell it out here, where the reader first meets it, or set checks: {acronyms:"
        " false})",
    ),
    "long_sentences": (
        LONG_SENTENCE,
        "brief.yaml:56:7: warning: sections[1].text: this sentence has 47 words; a brief's"
        " reader takes in about 40 at once (split it in two, or set checks: {long_sentences:"
        " false})",
    ),
    "spelling": (
        MISSPELT,
        "brief.yaml:48:44: warning: sections[0].text: 'identfy' is not in the English"
        " dictionary (did you mean 'identify'? If it is right, add it to words.txt beside the"
        " brief)",
    ),
    "names": (
        NAME_TWO_WAYS,
        "brief.yaml:56:12: warning: sections[1].text: 'Hadad' is written 'Haddad' at line 40,"
        " column 20: one name spelled two ways? (write it one way, or set checks: {names:"
        " false} if they are two)",
    ),
    "recommendations": (
        NO_ACTION,
        "brief.yaml:161:15: warning: sections[9].items[0].text: this recommendation does not"
        " start with what to do ('The') (start with the action ('Strengthen...') or with who"
        " should act ('UNODC should...'), or set checks: {recommendations: false})",
    ),
    "unit_twice": (
        UNIT_TWICE,
        "brief.yaml:67:16: warning: sections[2].figures[1].value: the value '61%' already"
        " holds '%', and the suffix adds it again (remove the suffix, or write the value"
        " without it)",
    ),
}


@pytest.mark.parametrize("rule", CASES)
def test_each_rule_warns_at_its_line(rule: str) -> None:
    text, expected = CASES[rule]
    assert validate_text(text) == (0, [expected])
    code, lines = validate_text(text, "--strict")
    assert code == 1
    assert lines == [expected.replace(" warning:", "")]


@pytest.mark.parametrize("rule", CASES)
def test_each_rule_is_switched_off_in_the_brief(rule: str) -> None:
    text, _ = CASES[rule]
    assert validate_text(text + f"\nchecks:\n  {rule}: false\n") == (0, [])


def test_a_criterion_of_the_offices_own_is_not_a_warning() -> None:
    text = _edit("      - criterion: coherence\n", "      - criterion: Gender equality\n")
    assert validate_text(text) == (0, [])


def test_a_criterion_named_in_the_briefs_language_is_not_a_warning() -> None:
    text = _edit("      - criterion: relevance\n", "      - criterion: Pertinence\n")
    text = _edit("language: en", "language: fr", text)
    code, lines = validate_text(text)
    assert code == 0
    assert not [line for line in lines if "DAC" in line]


def test_an_unknown_check_is_refused_with_the_names() -> None:
    code, lines = validate_text(EVIDENCE + "\nchecks:\n  grammar_of_names: false\n")
    assert code == 1
    assert lines == [
        "brief.yaml:197:3: checks.grammar_of_names: unknown key 'grammar_of_names'"
        " (allowed keys: unit_twice, dac_criteria, acronyms, long_sentences, spelling, names,"
        " recommendations)"
    ]


def test_the_evidence_example_has_no_warning() -> None:
    assert validate_text(EVIDENCE) == (0, [])


def test_two_long_sentences_of_one_text_each_at_its_own_column() -> None:
    """Chinese: two long sentences of one paragraph were both said at its first line."""
    text = (ROOT / "data" / "examples" / "brief-zh.yaml").read_text(encoding="utf-8")
    code, lines = validate_text(text)
    assert code == 0
    long = [line.split(": warning:")[0] for line in lines if "sentence has" in line]
    assert long == ["brief.yaml:58:11", "brief.yaml:60:32"]


def test_a_sentence_whose_first_words_are_split_by_a_line_break_is_found() -> None:
    """The second sentence of the reference's first paragraph starts at a line's end."""
    text = (ROOT / "data" / "brief.yaml").read_text(encoding="utf-8")
    code, lines = validate_text(text)
    assert code == 0
    long = [line.split(": warning:")[0] for line in lines if "sentence has" in line]
    assert long == ["brief.yaml:66:11", "brief.yaml:70:81"]


def test_the_word_list_beside_the_brief_holds_the_offices_words() -> None:
    Path("words.txt").write_text("# our own words\nidentfy  other\n", encoding="utf-8")
    assert validate_text(MISSPELT) == (0, [])


def test_a_word_said_three_times_is_one_warning_at_the_first() -> None:
    text = _edit("helped five governments", "helped five governmnet")
    text = _edit("All five governments had", "All five governmnet had", text)
    text = _edit("where governments signed", "where governmnet signed", text)
    assert validate_text(text) == (
        0,
        [
            "brief.yaml:48:32: warning: sections[0].text: 'governmnet' is not in the English"
            " dictionary, here and 2 more times (did you mean 'government'? If it is right, add"
            " it to words.txt beside the brief)"
        ],
    )


def test_names_acronyms_codes_and_addresses_are_not_spelling_checked() -> None:
    text = _edit(
        "      Safer Routes helped five governments",
        "      Safer Routes (see https://exampel.org/routs and `confg`) helped Rana Haddad,"
        " GLOT59, UNODCx and five governments",
    )
    assert validate_text(text) == (0, [])


@pytest.mark.parametrize(
    ("example", "old", "new", "expected"),
    [
        (
            "brief-fr-es.yaml",
            "coopération internationale",
            "coopération internatoinale",
            "'internatoinale' is not in the French dictionary (did you mean 'internationale'?",
        ),
        (
            "brief-ru.yaml",
            "оценки",
            "оцнки",
            "'оцнки' is not in the Russian dictionary",
        ),
        (
            "brief-ar.yaml",
            "التقييم",
            "التقيييم",
            "'التقيييم' is not in the Arabic dictionary",
        ),
    ],
)
def test_each_language_is_checked_in_its_own_dictionary(
    example: str, old: str, new: str, expected: str
) -> None:
    text = (ROOT / "data" / "examples" / example).read_text(encoding="utf-8")
    at = text.index(old, text.index("sections:"))
    text = text[:at] + new + text[at + len(old) :]
    Path("words.txt").write_text(
        (ROOT / "data" / "examples" / "words.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    code, lines = validate_text(text)
    assert code == 0
    assert (
        next(line for line in lines if "dictionary" in line).split(": ", 3)[3].startswith(expected)
    )


def test_a_missing_dictionary_is_said_once_at_the_language(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefgen import spelling

    monkeypatch.setattr(spelling, "SEARCH_DIRS", [])
    monkeypatch.delenv("DICPATH", raising=False)
    spelling.dictionary.cache_clear()
    try:
        assert validate_text(MISSPELT) == (
            0,
            [
                "brief.yaml:6:11: warning: language: spelling is not checked: no English"
                " dictionary is installed (install Debian's hunspell-en-gb"
                " (scripts/install-system-deps.sh does), or set checks: {spelling: false})"
            ],
        )
    finally:
        spelling.dictionary.cache_clear()


def test_a_programme_code_written_two_ways_is_said_at_the_second() -> None:
    text = (ROOT / "data" / "brief.yaml").read_text(encoding="utf-8")
    text = _edit("evaluation of GLOT59 and", "evaluation of GLO.T59 and", text)
    code, lines = validate_text(text)
    assert code == 0
    assert [line for line in lines if "two ways" in line] == [
        "brief.yaml:82:48: warning: sections[0].sections[2].text: 'GLO.T59' is written"
        " 'GLOT59' at line 18, column 63: one name spelled two ways? (write it one way, or set"
        " checks: {names: false} if they are two)"
    ]


def test_words_a_letter_apart_are_not_names_spelled_two_ways() -> None:
    """Protocol/Protocols, Guinea/Guinean, Women/Woman, Iran/Iraq, UNDP/UNEP, GLOT59/GLOT58."""
    text = _edit(
        "      Safer Routes helped five governments",
        "      Safer Routes, with the Protocol and its Protocols, in Guinea and for Guinean"
        " Women and one Woman, in Iran and Iraq, with UNDP and UNEP, GLOT58 and GLOT59,"
        " helped five governments",
    )
    assert [line for line in validate_text(text)[1] if "two ways" in line] == []


@pytest.mark.parametrize(
    "start",
    [
        "Governments should make the two outstanding referral agreements",  # who acts
        "Better align the two outstanding referral agreements with",  # an adverb first
        "Strengthen the two outstanding referral agreements as",  # a verb not in any list
    ],
)
def test_a_recommendation_saying_what_to_do_or_who_acts_is_not_a_warning(start: str) -> None:
    text = _edit("Make the two outstanding referral agreements", start)
    assert [line for line in validate_text(text)[1] if "recommendation" in line] == []


@pytest.mark.parametrize(
    ("example", "language", "old", "new", "first"),
    [
        ("brief-fr-es.yaml", "fr", "Promouvoir le positionnement", "Le positionnement", "Le"),
        ("brief-fr-es.yaml", "es", "Promover el posicionamiento", "El posicionamiento", "El"),
        ("brief-ru.yaml", "ru", "укреплять стратегическое", "стратегическое", "стратегическое"),
    ],
)
def test_a_recommendation_without_an_action_in_each_language(
    example: str, language: str, old: str, new: str, first: str
) -> None:
    from briefgen.loading.validate import load_brief

    text = _edit(old, new, (ROOT / "data" / "examples" / example).read_text(encoding="utf-8"))
    Path("brief.yaml").write_text(text, encoding="utf-8")
    shutil.copy(ROOT / "data" / "examples" / "words.txt", "words.txt")
    warnings = [str(w) for w in load_brief(Path("brief.yaml"), language=language).warnings]
    assert [w.split(": ", 3)[3] for w in warnings if "recommendation" in w] == [
        f"this recommendation does not start with what to do ('{first}') (start with the action"
        " ('Strengthen...') or with who should act ('UNODC should...'), or set checks:"
        " {recommendations: false})"
    ]


def test_a_folder_switches_a_rule_for_every_brief_under_it() -> None:
    Path("briefgen.toml").write_text("[checks]\nlong_sentences = false\n", encoding="utf-8")
    Path("sub").mkdir()
    Path("sub/brief.yaml").write_text(LONG_SENTENCE, encoding="utf-8")
    for brief in ("brief.yaml", "sub/brief.yaml"):
        Path("brief.yaml").write_text(LONG_SENTENCE, encoding="utf-8")
        result = invoke("validate", brief)
        assert (result.exit_code, result.stderr) == (0, "")


def test_the_briefs_own_checks_win_over_its_folders() -> None:
    Path("briefgen.toml").write_text("[checks]\nlong_sentences = false\n", encoding="utf-8")
    text, expected = CASES["long_sentences"]
    assert validate_text(text + "\nchecks:\n  long_sentences: true\n") == (0, [expected])


def test_the_nearest_folder_settings_win() -> None:
    Path("briefgen.toml").write_text("[checks]\nlong_sentences = false\n", encoding="utf-8")
    Path("sub").mkdir()
    Path("sub/briefgen.toml").write_text("[checks]\nspelling = false\n", encoding="utf-8")
    Path("sub/brief.yaml").write_text(
        LONG_SENTENCE.replace("identify", "identfy"), encoding="utf-8"
    )
    result = invoke("validate", "sub/brief.yaml")
    assert result.exit_code == 0
    assert [line.split(": warning:")[0] for line in result.stderr.splitlines()] == [
        "sub/brief.yaml:56:7"
    ]


def test_the_word_list_beside_the_folder_settings_counts_for_the_briefs_under_it() -> None:
    Path("briefgen.toml").write_text("# our office\n", encoding="utf-8")
    Path("words.txt").write_text("identfy\n", encoding="utf-8")
    Path("sub").mkdir()
    Path("sub/brief.yaml").write_text(MISSPELT, encoding="utf-8")
    result = invoke("validate", "sub/brief.yaml")
    assert (result.exit_code, result.stderr) == (0, "")


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        (
            "[checks]\nlong_sentence = false\n",
            "briefgen.toml: [checks]: unknown key 'long_sentence' (allowed keys: unit_twice,"
            " dac_criteria, acronyms, long_sentences, spelling, names, recommendations)",
        ),
        (
            "[checks]\nspelling = 0\n",
            "briefgen.toml: [checks] spelling: expected true or false, got 0",
        ),
        (
            "[check]\nspelling = false\n",
            "briefgen.toml: unknown table or key 'check' (briefgen.toml holds [checks])",
        ),
        (  # at its line and column, as a brief's syntax error is
            "# our office\n[checks\n",
            "briefgen.toml:2:8: not valid TOML: Expected ']' at the end of a table declaration"
            " (see docs/editorial-checks.md)",
        ),
        (  # a pull request's file: Python's TOML reader recurses once per bracket
            "checks = " + "[" * 5000 + "]" * 5000 + "\n",
            "briefgen.toml:1:1: not valid TOML: its arrays or tables are nested too deeply"
            " (see docs/editorial-checks.md)",
        ),
    ],
)
def test_a_mistake_in_the_folder_settings_is_an_error_naming_the_file(
    settings: str, expected: str
) -> None:
    Path("briefgen.toml").write_text(settings, encoding="utf-8")
    assert validate_text(EVIDENCE) == (1, [expected])


def test_past_fifty_unknown_words_one_warning_counts_the_rest() -> None:
    """A brief in another language than it says (or pasted noise) is not a wall of
    warnings, nor a slow validate."""
    noise = " ".join(f"zq{a}{b}xv" for a in "bcdfghjklm" for b in "bcdfgh")[:-1]  # 60 words
    text = _edit("helped five governments", f"helped {noise} five governments")
    code, lines = validate_text(text)
    assert code == 0
    spelt = [line for line in lines if "dictionary" in line]
    assert len(spelt) == 51
    assert spelt[0] == (
        "brief.yaml:6:11: warning: language: 10 more words are not in the English dictionary"
        " (is the brief written in English? Add its own words to words.txt beside it, or set"
        " checks: {spelling: false})"
    )

"""Ages: digits, words, "just turned", "next month", birth years and birth dates."""

from __future__ import annotations

from datetime import date

import pytest

from bot.facts import default_registry
from bot.parsing import parse_answer

TODAY = date(2026, 11, 21)
REGISTRY = default_registry()
AGE = REGISTRY["age"]

AGES = [
    pytest.param("47", 47, id="digits"),
    pytest.param("forty-seven", 47, id="words-hyphen"),
    pytest.param("forty seven", 47, id="words-space"),
    pytest.param("seventy-six", 76, id="words-76"),
    pytest.param("a hundred and ten", 110, id="words-a-hundred-and-ten"),
    pytest.param("I'm 47", 47, id="im-47"),
    pytest.param("I’m 47", 47, id="curly-apostrophe"),
    pytest.param("47 years old", 47, id="years-old"),
    pytest.param("he's 72 years old", 72, id="proxy-years-old"),
    pytest.param("47yo", 47, id="yo-suffix"),
    pytest.param("about 70", 70, id="about"),
    pytest.param("47 and a half", 47, id="and-a-half"),
    pytest.param("I just turned 18", 18, id="just-turned"),
    pytest.param("18 next month", 17, id="next-month"),
    pytest.param("turning 18 soon", 17, id="turning-soon"),
    pytest.param("nearly 18", 17, id="nearly"),
    pytest.param("she'll be 18 next week", 17, id="will-be-next-week"),
    pytest.param("18 months old", 1, id="months-old"),
    pytest.param("0", 0, id="zero"),
    pytest.param("born in 1971", 55, id="born-in-year-after-july"),
    pytest.param("born 1971", 55, id="born-year"),
    pytest.param("1971", 55, id="bare-birth-year"),
    pytest.param("born in nineteen seventy one", 55, id="born-year-in-words"),
    pytest.param("2 March 1971", 55, id="birth-date-words"),
    pytest.param("born on the 2nd of March 1971", 55, id="birth-date-ordinal"),
    pytest.param("1971-03-02", 55, id="birth-date-iso"),
    pytest.param("02/03/1971", 55, id="birth-date-day-first"),
    pytest.param("22/11/1971", 54, id="birthday-tomorrow"),
    pytest.param("21/11/1971", 55, id="birthday-today"),
    pytest.param("born March 1971", 55, id="birth-month-and-year"),
]


@pytest.mark.parametrize("text, expected", AGES)
def test_ages(text, expected):
    parsed = parse_answer(AGE, text, TODAY)
    assert parsed.status == "value", parsed
    assert parsed.value == expected
    assert isinstance(parsed.value, int)


def test_a_birth_year_before_july_counts_the_birthday_as_not_yet_passed():
    assert parse_answer(AGE, "born in 1971", date(2026, 3, 1)).value == 54
    assert parse_answer(AGE, "born in 1971", date(2026, 7, 1)).value == 55


NOT_AGES = [
    pytest.param("230", "out_of_range", "age.out_of_range", id="230"),
    pytest.param("-3", "out_of_range", "age.out_of_range", id="negative"),
    pytest.param("born in 2030", "out_of_range", "age.out_of_range", id="born-in-the-future"),
    pytest.param("born in 1850", "out_of_range", "age.out_of_range", id="born-1850"),
    pytest.param("over 70", "unclear", "number.inexact", id="over-70"),
    pytest.param("he is 72, she is 70", "unclear", "number.ambiguous", id="two-ages"),
    pytest.param("old enough", "unclear", "number.missing", id="no-number"),
]


@pytest.mark.parametrize("text, status, problem", NOT_AGES)
def test_implausible_or_unclear_ages(text, status, problem):
    parsed = parse_answer(AGE, text, TODAY)
    assert (parsed.status, parsed.problem) == (status, problem), parsed

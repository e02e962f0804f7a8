"""Chinese as people type it: financial numerals copied from forms (陆拾贰), a date in digits alone
read month first in a Chinese conversation (10.8 is 8 October), "it has been N units" as a date
(停了快两个月了, 得有半年了, 大半年了), and a thing not ended is never its end date."""

from datetime import date

import pytest

from bot.understanding import understand

TODAY = date(2026, 12, 3)


def read(fact_id: str, text: str, language: str = "zh"):
    return understand(fact_id, text, TODAY, language=language).parsed


@pytest.mark.parametrize(
    "fact_id, text, meant",
    [
        ("age", "陆拾捌", 68),
        ("age", "今年柒拾岁", 70),
        ("aml_relapse_count", "贰次", 2),
        ("haemoglobin", "玖拾捌", 98),
    ],
)
def test_financial_numerals_are_numbers(fact_id, text, meant):
    parsed = read(fact_id, text)
    assert parsed.ok and parsed.value == meant


@pytest.mark.parametrize(
    "text, language, meant",
    [
        ("10.8", "zh", date(2026, 10, 8)),
        ("3/5", "zh", date(2026, 3, 5)),
        ("2024.5.3", "zh", date(2024, 5, 3)),
        ("10.8", "en", date(2026, 8, 10)),  # day first in English, as before
    ],
)
def test_a_date_in_digits_alone_follows_the_conversation_s_language(text, language, meant):
    parsed = read("transplant_immunosuppressants_stopped", text, language)
    assert parsed.ok and parsed.value == meant


@pytest.mark.parametrize(
    "text, meant",
    [
        ("停了快两个月了", date(2026, 10, 3)),
        ("得有半年了", date(2026, 6, 3)),
        ("停了大半年了", date(2026, 3, 3)),
        ("停了大半年了，大概五月份", date(2026, 5, 15)),  # the month named is the closer reading
    ],
)
def test_it_has_been_so_long_is_a_date(text, meant):
    parsed = read("transplant_immunosuppressants_stopped", text)
    assert parsed.ok and parsed.value == meant


def test_a_length_of_time_beside_still_taking_it_is_no_end_date():
    parsed = read("transplant_immunosuppressants_stopped", "吃了两年了，还在吃")
    assert not parsed.ok

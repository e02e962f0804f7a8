"""Two neighbouring Chinese numerals said together are a rough number (七八个月: seven or eight
months), never the two digits side by side (78); years said digit by digit, decimals and tens stay
exact. Examples of my own."""

from __future__ import annotations

from datetime import date

import pytest

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("said", "rough"),
    [
        ("七八个月", "7到8个月"),
        ("两三次", "2到3次"),
        ("十七八岁", "17到18岁"),
        ("五六十岁", "50到60岁"),
        ("两三年前", "2到3年前"),
    ],
)
def test_neighbouring_numerals_are_a_rough_number_not_two_digits(said, rough):
    from bot.parsing.chinese import numerals_to_digits

    assert numerals_to_digits(said) == rough


@pytest.mark.parametrize(
    ("said", "exact"), [("二三年五月", "23年5月"), ("零点五六", "0.56"), ("三十四岁", "34岁")]
)
def test_years_decimals_and_tens_stay_exact(said, exact):
    from bot.parsing.chinese import numerals_to_digits

    assert numerals_to_digits(said) == exact


def test_a_rough_count_of_months_answers_within_a_year():
    from bot.understanding import understand

    parsed = understand("aml_relapse_within_12_months", "缓解后五六个月就复发了", TODAY, language="zh").parsed
    assert parsed.ok and parsed.value is True, parsed

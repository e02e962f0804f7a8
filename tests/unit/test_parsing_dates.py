"""Dates and durations, judged on a fixed Saturday, 21 November 2026."""

from __future__ import annotations

from datetime import date

import pytest

from bot.facts import default_registry
from bot.parsing import parse_answer

TODAY = date(2026, 11, 21)  # a Saturday
REGISTRY = default_registry()
HEART_ATTACK = REGISTRY["last_heart_attack_or_bypass"]  # allows "never"
HEART_SCAN = REGISTRY["ejection_fraction_date"]  # does not

DATES = [
    pytest.param("yesterday", date(2026, 11, 20), id="yesterday"),
    pytest.param("today", date(2026, 11, 21), id="today"),
    pytest.param("this morning", date(2026, 11, 21), id="this-morning"),
    pytest.param("the day before yesterday", date(2026, 11, 19), id="day-before-yesterday"),
    pytest.param("3 days ago", date(2026, 11, 18), id="3-days-ago"),
    pytest.param("ten days ago", date(2026, 11, 11), id="ten-days-ago-words"),
    pytest.param("twenty-one days ago", date(2026, 10, 31), id="twenty-one-days-ago"),
    pytest.param("2 weeks ago", date(2026, 11, 7), id="2-weeks-ago"),
    pytest.param("a week ago", date(2026, 11, 14), id="a-week-ago"),
    pytest.param("a fortnight ago", date(2026, 11, 7), id="a-fortnight-ago"),
    pytest.param("a couple of weeks ago", date(2026, 11, 7), id="a-couple-of-weeks-ago"),
    pytest.param("last week", date(2026, 11, 14), id="last-week"),
    pytest.param("last Tuesday", date(2026, 11, 17), id="last-tuesday"),
    pytest.param("last Friday", date(2026, 11, 20), id="last-friday-is-yesterday"),
    pytest.param("last sunday", date(2026, 11, 15), id="last-sunday"),
    pytest.param("on Tuesday", date(2026, 11, 17), id="on-tuesday"),
    pytest.param("three months ago", date(2026, 8, 21), id="three-months-ago-words"),
    pytest.param("4 months back", date(2026, 7, 21), id="4-months-back"),
    pytest.param("about 6 months ago", date(2026, 5, 21), id="about-6-months-ago"),
    pytest.param("18 months ago", date(2025, 5, 21), id="18-months-ago"),
    pytest.param("a year and a half ago", date(2025, 5, 21), id="year-and-a-half-ago"),
    pytest.param("last month", date(2026, 10, 21), id="last-month"),
    pytest.param("last year", date(2025, 11, 21), id="last-year"),
    pytest.param("two years ago", date(2024, 11, 21), id="two-years-ago"),
    pytest.param("a heart attack two years ago", date(2024, 11, 21), id="event-words-stripped"),
    pytest.param("he had a bypass 5 years back", date(2021, 11, 21), id="bypass-5-years-back"),
    pytest.param("in March", date(2026, 3, 15), id="in-march-mid-month"),
    # with March 2025 as its alternative (test_reading_session_dec6f)
    pytest.param("last March", date(2026, 3, 15), id="last-march"),
    pytest.param("March last year", date(2025, 3, 15), id="march-last-year"),
    pytest.param("December", date(2025, 12, 15), id="december-is-last-year"),
    pytest.param("March 2025", date(2025, 3, 15), id="month-and-year"),
    pytest.param("3/2025", date(2025, 3, 15), id="month-slash-year"),
    pytest.param("in 2019", date(2019, 7, 1), id="year-only-mid-year"),
    pytest.param("2025-03-10", date(2025, 3, 10), id="iso"),
    pytest.param("10/03/2025", date(2025, 3, 10), id="day-first-slashes"),
    pytest.param("10 March 2025", date(2025, 3, 10), id="day-month-year"),
    pytest.param("on the 3rd of March", date(2026, 3, 3), id="ordinal-of-month"),
    pytest.param("the twenty-first of October", date(2026, 10, 21), id="ordinal-words"),
]


@pytest.mark.parametrize("text, expected", DATES)
def test_dates(text, expected):
    parsed = parse_answer(HEART_ATTACK, text, TODAY)
    assert (parsed.status, parsed.value) == ("value", expected), parsed
    assert type(parsed.value) is date


NEVER = ["never", "no", "nope", "I haven't", "not ever", "no, never had one", "none"]


@pytest.mark.parametrize("text", NEVER)
def test_never_when_the_fact_allows_it(text):
    parsed = parse_answer(HEART_ATTACK, text, TODAY)
    assert (parsed.status, parsed.value) == ("value", "never"), parsed


@pytest.mark.parametrize("text", ["never", "no"])
def test_never_is_unclear_when_the_fact_does_not_allow_it(text):
    parsed = parse_answer(HEART_SCAN, text, TODAY)
    assert (parsed.status, parsed.problem) == ("unclear", "date.never_not_allowed"), parsed


NOT_DATES = [
    pytest.param("tomorrow", "out_of_range", "date.in_future", id="tomorrow"),
    pytest.param("in 3 days", "out_of_range", "date.in_future", id="in-3-days"),
    pytest.param("next week", "out_of_range", "date.in_future", id="next-week"),
    pytest.param("2026-11-22", "out_of_range", "date.in_future", id="iso-tomorrow"),
    pytest.param("this month", "unclear", "date.too_vague", id="this-month"),
    pytest.param("November", "unclear", "date.too_vague", id="current-month-alone"),
    pytest.param("2026", "unclear", "date.too_vague", id="current-year-alone"),
    pytest.param("more than a year ago", "unclear", "date.too_vague", id="more-than"),
    pytest.param("within the last month", "unclear", "date.too_vague", id="within"),
    pytest.param("several weeks ago", "unclear", "date.too_vague", id="several-weeks"),
    pytest.param("not recently", "unclear", "date.too_vague", id="not-recently-is-not-never"),
    pytest.param("I had one years ago", "unclear", "date.unclear", id="years-ago-without-number"),
    pytest.param("hmm", "unclear", "date.unclear", id="hmm"),
    pytest.param("not for years", "unclear", "date.unclear", id="not-for-years-is-not-never"),
]


@pytest.mark.parametrize("text, status, problem", NOT_DATES)
def test_future_vague_and_unclear_dates(text, status, problem):
    parsed = parse_answer(HEART_ATTACK, text, TODAY)
    assert (parsed.status, parsed.problem) == (status, problem), parsed


def test_a_future_date_is_kept_for_the_conversation_to_quote():
    assert parse_answer(HEART_ATTACK, "tomorrow", TODAY).value == date(2026, 11, 22)


def test_birth_date_fact():
    parsed = parse_answer(REGISTRY["birth_date"], "2 March 1971", TODAY)
    assert (parsed.status, parsed.value) == ("value", date(1971, 3, 2))


def test_month_first_dates_can_be_configured(monkeypatch):
    import bot.parsing.dates

    monkeypatch.setattr(bot.parsing.dates, "DEFAULT_DATE_ORDER", "MDY")
    assert parse_answer(HEART_ATTACK, "10/03/2025", TODAY).value == date(2025, 10, 3)
    assert parse_answer(REGISTRY["age"], "12/25/1971", TODAY).value == 54

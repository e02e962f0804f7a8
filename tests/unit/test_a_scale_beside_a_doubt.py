"""Beside "I don't know", the words of a described scale (daily activity, heart failure limitation)
are read only for the level they name: the learned reader does not guess one from "he doesn't say
much". Beside a mere hedge ("maybe") it still weighs in, and "I never knew I had it" is no doubt."""

from datetime import date

import pytest

from bot.facts import default_registry
from bot.parsing import parse_answer

TODAY = date(2026, 12, 3)


def read(fact_id: str, text: str):
    return parse_answer(default_registry()[fact_id], text, TODAY)


@pytest.mark.parametrize(
    "fact_id, text",
    [
        ("heart_failure_limitation", "not sure, he keeps himself to himself"),
        ("heart_failure_limitation", "dunno, she doesn't really talk about it"),
        ("heart_failure_limitation", "不清楚，他不爱说"),
        ("ecog", "no idea, he keeps to himself in his room"),
    ],
)
def test_no_level_is_guessed_beside_a_doubt(fact_id, text):
    assert read(fact_id, text).status == "unknown"


@pytest.mark.parametrize(
    "fact_id, text, meant",
    [
        ("ecog", "up maybe half the day, I can wash and dress myself but not much else", 2),
        ("heart_failure_limitation", "我都不知道自己有心衰，一点感觉没有", 1),
        ("heart_failure_limitation", "no limits at all, I never knew I had it until the scan", 1),
    ],
)
def test_a_hedge_or_an_old_unknowing_is_no_doubt_about_the_answer(fact_id, text, meant):
    parsed = read(fact_id, text)
    assert parsed.ok and parsed.value == meant


@pytest.mark.parametrize(
    "fact_id, text",
    [
        ("ecog", "good days and bad days, honestly"),
        ("heart_failure_limitation", "depends on the day really"),
        ("heart_failure_limitation", "有时候会累，时好时坏"),
    ],
)
def test_a_day_that_varies_is_asked_again_even_when_it_names_no_level(fact_id, text):
    parsed = read(fact_id, text)
    assert parsed.status == "unclear"

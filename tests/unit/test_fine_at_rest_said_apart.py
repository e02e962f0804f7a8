"""A rest that brings no trouble, said in a clause of its own ("when I sit, no problem") or with
words like "nothing at all", does not make someone breathless at rest (class 4). Examples of my
own; a next clause counts only when it says nothing but that it is fine."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding import understand

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("walking to the bathroom I'm gasping. Lying down, no problem.", 3),
        ("a flight of stairs and I have to stop, sitting still nothing at all", 2),
        ("breathless even when sitting still", 4),
    ],
)
def test_fine_at_rest_said_apart(said, meant):
    parsed = understand("heart_failure_limitation", said, TODAY).parsed
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language"),
    [
        ("heart_failure", "yes, heart failure for perhaps 3 years now", "en"),
        ("cardiomyopathy", "dilated cardiomyopathy, diagnosed possibly 4 years back", "en"),
        ("heart_failure", "心衰有可能3年了", "zh"),
    ],
)
def test_a_hedge_on_a_number_does_not_make_the_answer_unknown(fact_id, said, language):
    parsed = understand(fact_id, said, TODAY, language=language).parsed
    assert parsed.ok and parsed.value is True, parsed


def test_a_hedge_on_the_answer_still_does():
    assert understand("heart_failure", "maybe, I'm not sure", TODAY).parsed.status == "unknown"

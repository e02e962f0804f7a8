"""A hedge on a number hedges the number, not the answer (`hedges_a_number` in the words files):
"heart failure for perhaps 3 years" is a yes; "maybe" on its own is still "I don't know". Examples
of my own."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding import understand

TODAY = date(2026, 12, 3)


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

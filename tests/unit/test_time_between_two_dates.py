""" "Did it come back within 12 months?" answered with two dates in two clauses: the time between
them decides ("in remission March last year, back in May" is 14 months). And the limit quoted
back from the question beside a plain yes or no is not a length said. The developer's own
examples."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding import understand

TODAY = date(2026, 12, 3)
FACT = "aml_relapse_within_12_months"


@pytest.mark.parametrize(
    ("language", "said", "meant"),
    [
        ("zh", "前年八月缓解，今年二月又复发了", False),
        ("zh", "今年一月缓解的，今年六月就复发了", True),
        ("en", "remission in February, it was back by July", True),
        ("en", "she went into remission in March last year, then relapsed in September", False),
        ("zh", "从来没复发过，没有12个月内复发这事", False),
    ],
)  # fmt: skip
def test_two_dates_or_a_quoted_limit(language: str, said: str, meant: bool) -> None:
    parsed = understand(FACT, said, TODAY, language=language).parsed
    assert parsed.ok and parsed.value is meant, parsed

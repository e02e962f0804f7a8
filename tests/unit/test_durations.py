"""A yes/no question about a time limit (`within_months` in facts.yaml) answered with a length of
time or two dates (bot/parsing/durations.py)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.facts import FactDefinition
from bot.understanding import understand

TODAY = date(2026, 12, 3)
FACT = "aml_relapse_within_12_months"


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("about 7 months after", True),
        ("twenty months later", False),
        ("a year and a half on", False),
        ("half a year", True),
        ("just under a year", True),
        ("a little over a year", False),
        ("nearly four years later", False),
        ("more than a year", False),
        ("not within a year, no", False),
        ("in remission march 2024, back in november 2024", True),
        ("remission in May 2023 and it returned in Sept 2025", False),
        ("九个月后", True),
        ("两年多", False),
        ("不到一年", True),
        ("快一年了", True),
        ("2024年1月缓解，2025年6月复发", False),
    ],
)
def test_a_length_of_time_answers_a_time_limit(said, meant):
    parsed = understand(FACT, said, TODAY).parsed
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize(
    "said", ["about a year", "exactly 12 months, give or take", "差不多一年", "less than 2 years"]
)
def test_too_close_to_the_limit_or_open_ended_is_asked_again(said):
    parsed = understand(FACT, said, TODAY).parsed
    assert parsed.status == "unclear", parsed


def test_within_months_belongs_on_yes_no_facts_only():
    with pytest.raises(ValueError, match="within_months"):
        FactDefinition(
            type="integer", label="age", question={"self": "How old?", "proxy": "How old?"}, within_months=12
        )

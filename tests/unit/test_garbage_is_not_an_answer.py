"""An age, count or lab value is taken only from text that says one: code, SQL, markup, scientific
notation, endless digits and slips ("1" as one's own age) are asked again, never counted."""

from __future__ import annotations

import time
from datetime import date

import pytest

from bot.facts import default_registry
from bot.parsing import extract_facts, parse_answer
from bot.understanding import understand

TODAY = date(2026, 12, 3)
REGISTRY = default_registry()

HOSTILE = [
    "' OR '1'='1'; --",
    "1; DROP TABLE events; --",
    "<img src=x onerror=alert(1)>",
    "<script>alert(72)</script>",
    "1e308",
    "7.2e1",
    "9" * 1000,
    "SELECT age FROM users",
    '{"age": 30}',
    '/inform{"age":"30"}',
    "NaN",
    "inf",
    "null",
]


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("fact_id", ["age", "platelet_count", "aml_relapse_count", "haemoglobin"])
def test_no_value_is_pulled_out_of_code_or_markup(fact_id, text):
    parsed = parse_answer(REGISTRY[fact_id], text, TODAY)
    assert not parsed.ok, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [("age", "my nan is 76", 76), ("ecog", "nan is in bed most of the day, she can't look after herself", 4)],
)
def test_a_grandmother_called_nan_is_no_float(fact_id, said, meant):
    parsed = understand(fact_id, said, TODAY, proxy=True).parsed
    assert parsed.ok and parsed.value == meant, parsed


def test_an_age_of_one_for_oneself_is_asked_again_but_a_caregiver_may_say_it():
    assert understand("age", "1", TODAY).parsed.status == "out_of_range"
    assert understand("age", "1", TODAY, proxy=True).parsed.ok


@pytest.mark.parametrize(
    "fact_id", ["age", "platelet_count", "active_bleeding", "ecog", "last_platelet_transfusion"]
)
def test_reading_time_grows_no_faster_than_the_text(fact_id):
    def cost(size: int) -> float:
        text = ("my platelets were 72 last week and I feel fine " * (size // 48 + 1))[:size]
        start = time.perf_counter()
        for _ in range(3):
            parse_answer(REGISTRY[fact_id], text, TODAY)
            extract_facts(text, TODAY, REGISTRY)
        return time.perf_counter() - start

    cost(1_000)  # warm-up (dateparser's first import)
    small, large = cost(10_000), cost(100_000)
    assert large < max(20 * small, 0.05), (small, large)

"""A phrase that carries its own negation ("it did not work") is not turned round by a "no"
before it: "no, it didn't" agrees with it. Two negations around "that it" cancel ("it's not that
it didn't work"). Examples of my own."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding import understand

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        # the question asks "did it put it into remission?": no remission records true
        ("aml_relapse_no_response", "nope, it did not", True),
        ("aml_no_response_after_two_courses", "No. It did not work on her at all.", True),
        (
            "aml_no_response_after_two_courses",
            "it's not as if it didn't work, she was clear after the 2nd",
            False,
        ),
    ],
)
def test_a_phrase_with_its_own_negation(fact_id, said, meant):
    parsed = understand(fact_id, said, TODAY).parsed
    assert parsed.ok and parsed.value is meant, parsed

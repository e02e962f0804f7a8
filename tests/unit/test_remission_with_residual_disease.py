"""Remission with residual disease still measurable (MRD positive, CRi) is a remission; and in
Chinese 不是没 ("it isn't that it didn't") cancels itself. Examples of my own."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding import understand

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("fact_id", "said", "language"),
    [
        ("aml_no_response_after_two_courses", "第二疗程后CR了，不过微小残留阳性", "zh"),
        ("aml_no_response_after_two_courses", "医生说是CRi", "zh"),
        (
            "aml_no_response_after_two_courses",
            "in remission after the second, though still MRD positive",
            "en",
        ),
        ("aml_relapse_no_response", "挽救化疗后形态学缓解，MRD还有一点", "zh"),
        ("aml_no_response_after_two_courses", "也不是没缓解，缓解了的", "zh"),
    ],
)
def test_a_remission_with_residual_disease_is_a_remission(fact_id, said, language):
    parsed = understand(fact_id, said, TODAY, language=language).parsed
    assert parsed.ok and parsed.value is False, parsed  # went into remission: the fact is false


def test_mrd_positive_alone_is_not_taken_for_a_remission():
    parsed = understand("aml_no_response_after_two_courses", "they said MRD positive", TODAY).parsed
    assert not (parsed.ok and parsed.value is False), parsed

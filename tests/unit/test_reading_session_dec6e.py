"""Readings added in the 6 December evening stop. Each mechanism has examples of its own, not corpus
rows, and a guard against the opposite misreading."""

from __future__ import annotations

from datetime import date

import pytest

from bot.parsing.result import FOR_THE_STUDY_TEAM
from bot.understanding import understand

TODAY = date(2026, 12, 3)


def _read(fact_id: str, said: str, language: str = "en", proxy: bool = False):
    return understand(fact_id, said, TODAY, proxy=proxy, language=language)


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("hep B positive", "en"),
        ("HBsAg positive", "en"),
        ("hep C antibody positive", "en"),
        ("tested positive for hepatitis B", "en"),
        ("乙肝阳性", "zh"),
        ("化验单上写着表面抗原阳性", "zh"),
        ("乙肝两对半 一五阳", "zh"),
        ("丙肝抗体阳性", "zh"),
    ],
)
def test_a_positive_hepatitis_test_alone_is_for_the_study_team_not_a_yes(said, language):
    # infected at some time; whether it is active now is a clinician's call, and never excludes
    parsed = _read("active_hepatitis", said, language).parsed
    assert parsed.status == "unknown" and parsed.problem == FOR_THE_STUDY_TEAM, parsed


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        ("HBsAg positive and the viral load is high", "en", True),
        ("hep B positive, liver enzymes are high, they're starting treatment", "en", True),
        ("hep C, RNA positive, not treated yet", "en", True),
        ("I have hepatitis B", "en", True),
        ("hep B positive but the doctor says it is inactive", "en", False),
        ("表面抗原阳性，转氨酶也高", "zh", True),
        ("大三阳，肝功能异常，医生说要抗病毒", "zh", True),
        ("丙肝，RNA阳性，还没治", "zh", True),
        ("我有乙肝", "zh", True),
        ("乙肝表面抗原阳性，DNA阴性，肝功能正常", "zh", False),
    ],
)
def test_a_positive_test_with_signs_of_activity_or_of_none_is_still_read(said, language, meant):
    parsed = _read("active_hepatitis", said, language).parsed
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize(
    ("said", "language"), [("ALT is high from the chemo", "en"), ("转氨酶很高，化疗引起的", "zh")]
)
def test_raised_liver_tests_alone_are_no_yes_to_active_hepatitis(said, language):
    # chemotherapy raises liver tests too: only beside a positive hepatitis test do they show activity
    parsed = _read("active_hepatitis", said, language).parsed
    assert not (parsed.ok and parsed.value is True), parsed

"""What a relative has is not the answer of a person answering for themselves ("no, but my mum has
it", "我老公有乙肝，我没有"); someone answering for the patient, and questions that may be about a
relative (a partner, a baby, a donor), still read it. Examples written for the mechanism, not corpus
rows."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding import understand
from tests.reading import read_parsed

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("fact_id", "said", "language", "meant"),
    [
        ("heart_failure", "Not me, but my dad had heart failure", "en", False),
        ("heart_failure", "my mum had heart failure, not me", "en", False),
        ("heart_failure", "no, my brother does though", "en", False),
        ("hiv_or_aids", "No. My uncle had HIV, he passed in the nineties", "en", False),
        ("active_hepatitis", "no, but my husband has hepatitis B", "en", False),
        ("last_heart_attack_or_bypass", "no, my dad had one, in 2015", "en", "never"),
        ("last_heart_attack_or_bypass", "Not me, but my dad died of one", "en", "never"),
        ("active_hepatitis", "我老公有乙肝，我没有", "zh", False),
        ("heart_failure", "我没有，我爸倒是有", "zh", False),
        ("heart_failure", "不是我，是我妈", "zh", False),
        ("last_heart_attack_or_bypass", "我爸2015年心梗过，我没有", "zh", "never"),
    ],
)
def test_a_relatives_illness_beside_the_persons_own_answer(fact_id, said, language, meant):
    parsed = read_parsed(fact_id, said, language)
    assert parsed.ok and str(parsed.value) == str(meant), parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language"),
    [
        ("heart_failure", "My dad had heart failure", "en"),
        ("active_hepatitis", "my mum has hepatitis B", "en"),
        ("active_hepatitis", "我妈有乙肝", "zh"),
    ],
)
def test_a_relative_named_alone_is_read_as_said_and_read_back(fact_id, said, language):
    """Without an answer of the person's own beside it, this may be a caregiver's answer after all:
    read as said, and never beyond doubt (a yes that excludes is read back first)."""
    reading = understand(fact_id, said, TODAY, language=language)
    assert reading.parsed.ok and reading.parsed.value is True and not reading.sure, reading


@pytest.mark.parametrize(
    ("fact_id", "said", "language", "meant"),
    [
        ("last_platelet_transfusion", "my mum says I had one on the 20th of last month", "en", "2026-11-20"),
        ("active_bleeding", "我妈说我最近没出血", "zh", "False"),
    ],
)
def test_a_relative_telling_of_the_person_is_kept(fact_id, said, language, meant):
    parsed = read_parsed(fact_id, said, language)
    assert parsed.ok and str(parsed.value) == meant, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("heart_failure", "my dad and I both have it", "True"),  # the person is named too
        ("last_heart_attack_or_bypass", "my dad had one in 2015, I had mine in 2019", "2019-07-01"),
    ],
)
def test_a_clause_that_names_the_person_typing_is_kept(fact_id, said, meant):
    parsed = read_parsed(fact_id, said)
    assert parsed.ok and str(parsed.value) == meant, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("partner_can_become_pregnant", "My wife had her tubes tied after our third", False),
        ("partner_can_become_pregnant", "my wife is 34", True),
        ("breastfeeding", "yes, my baby is 4 months old", True),
        ("stem_cell_transplant", "Yes, allo from my brother in March 2025", True),
    ],
)
def test_questions_that_may_be_about_a_relative_still_read_it(fact_id, said, meant):
    parsed = read_parsed(fact_id, said)
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language"),
    [
        ("heart_failure", "My dad had heart failure, he gets breathless", "en"),
        ("active_hepatitis", "我爸有乙肝", "zh"),
    ],
)
def test_someone_answering_for_the_patient_is_read_as_said(fact_id, said, language):
    """For a caregiver, "my dad" may well be the patient."""
    parsed = read_parsed(fact_id, said, language, proxy=True)
    assert parsed.ok and parsed.value is True, parsed

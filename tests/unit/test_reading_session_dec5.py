"""Readings added on 5 December after studying the tuning parts: each general mechanism with
examples of its own (not corpus rows), so none can quietly come undone."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding import understand

TODAY = date(2026, 12, 3)


def _read(fact_id: str, said: str, language: str = "en"):
    return understand(fact_id, said, TODAY, language=language).parsed


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        # The words of a name said apart, wherever each is
        ("a leukaemia, the acute sort, and myeloid if I remember right", "en", "aml"),
        ("acute myleoid leukemia", "en", "aml"),  # a misspelt word of the group is corrected
        ("leukemia, the chronic kind", "en", "other_leukaemia"),
        ("是白血病，急性的，医生说是髓系", "zh", "aml"),
        ("白血病，慢性的", "zh", "other_leukaemia"),
        # What AML came from, named after it, is no second diagnosis
        ("AML, the kind with MDS-related changes", "en", "aml"),
        ("急性髓系白血病，是骨髓增生异常综合征转过来的", "zh", "aml"),
        # A first guess, then the diagnosis confirmed
        ("先说是淋巴瘤，后来做了骨穿确诊是急性髓系白血病", "zh", "aml"),
        ("they thought lymphoma at first but it turned out to be AML", "en", "aml"),
    ],
)
def test_a_diagnosis_said_in_pieces_or_with_its_history_is_read(said, language, meant):
    parsed = _read("diagnosis", said, language)
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("acute kidney injury last year, and something myeloid in the blood", "en"),  # no leukaemia said
        ("急性感染，骨髓里有问题", "zh"),  # 骨髓 is marrow, not 髓系
        ("MDS, and they are watching for AML", "en"),  # AML named second: not what the MDS qualifies
        ("leukaemia, acute or chronic I forget, myeloid", "en"),  # both named: which?
    ],
)
def test_pieces_that_do_not_make_one_diagnosis_are_not_read_as_one(said, language):
    parsed = _read("diagnosis", said, language)
    assert not (parsed.ok and parsed.value == "aml"), parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language", "meant"),
    [
        # From ages: the age then and the age now
        ("last_heart_attack_or_bypass", "had the bypass when I was 58, I'm 70 now", "en", date(2014, 12, 3)),
        ("last_heart_attack_or_bypass", "not long after her 65th. she's 69 now", "en", date(2022, 12, 3)),
        ("last_heart_attack_or_bypass", "他六十岁那年搭的桥，今年七十二了", "zh", date(2014, 12, 3)),
        # From another event the answer dates
        (
            "transplant_immunosuppressants_stopped",
            "came off them 6 months after the transplant, the transplant was in March 2025",
            "en",
            date(2025, 9, 15),
        ),
        (
            "transplant_immunosuppressants_stopped",
            "移植后三个月停的，移植是今年五月十号",
            "zh",
            date(2026, 8, 10),
        ),
        (
            "transplant_immunosuppressants_stopped",
            "移植满半年就停了，我是去年十月移植的",
            "zh",
            date(2026, 4, 15),
        ),
        # "N years ago" with the month said after it
        ("transplant_immunosuppressants_stopped", "two years ago in July", "en", date(2024, 7, 15)),
        ("transplant_immunosuppressants_stopped", "three years ago this month", "en", date(2023, 12, 3)),
        # dialect numerals in a Chinese date
        ("last_platelet_transfusion", "俩礼拜前输的", "zh", date(2026, 11, 19)),
    ],
)
def test_a_date_counted_from_ages_or_another_dated_event_is_worked_out(fact_id, said, language, meant):
    parsed = _read(fact_id, said, language)
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language"),
    [
        # the event counted from is not dated, or the date is the answer's own
        ("transplant_immunosuppressants_stopped", "six months after the transplant", "en"),
        ("transplant_immunosuppressants_stopped", "about six months post transplant, so around May", "en"),
        ("transplant_immunosuppressants_stopped", "移植后半年停的", "zh"),
        # an age then without the age now
        ("last_heart_attack_or_bypass", "when I was 50", "en"),
    ],
)
def test_a_count_with_nothing_to_count_from_is_asked_again(fact_id, said, language):
    parsed = _read(fact_id, said, language)
    assert not parsed.ok, parsed

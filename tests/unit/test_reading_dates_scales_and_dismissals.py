"""Readings added after studying the English tuning corpora tune_e and tune_f: each general
mechanism with an example of its own (not a corpus row), so none can quietly come undone."""

from __future__ import annotations

from datetime import date

import pytest

from bot.rules import NEVER
from bot.understanding import understand

TODAY = date(2026, 12, 3)  # a Thursday

READINGS = [
    # seasons, as their middle day; the most recent one unless a year is said
    ("last_platelet_transfusion", "over the summer", date(2026, 7, 16)),
    ("ejection_fraction_date", "autumn 2025", date(2025, 10, 15)),
    ("transplant_immunosuppressants_stopped", "in the fall", date(2026, 10, 15)),
    ("last_heart_attack_or_bypass", "last winter", date(2026, 1, 15)),
    # Easter moves: dateutil computes it
    ("transplant_immunosuppressants_stopped", "easter 2024", date(2024, 3, 31)),
    ("last_heart_attack_or_bypass", "good friday", date(2026, 4, 3)),
    # a calendar year said loosely is its middle; a month with "last year" anywhere
    ("last_heart_attack_or_bypass", "some time last year", date(2025, 7, 1)),
    ("last_heart_attack_or_bypass", "last year, in may I think", date(2025, 5, 15)),
    ("last_heart_attack_or_bypass", "in the 80s", date(1985, 7, 1)),
    # "a few" is three, "a couple of" two; weekdays and units as people shorten or misspell them
    ("last_platelet_transfusion", "a few weeks ago", date(2026, 11, 12)),
    ("last_platelet_transfusion", "a couple of days back", date(2026, 12, 1)),
    ("last_platelet_transfusion", "thurs just gone", date(2026, 11, 26)),
    ("transplant_immunosuppressants_stopped", "2 wks ago", date(2026, 11, 19)),
    ("transplant_immunosuppressants_stopped", "some time last month", date(2026, 11, 15)),
    # holidays by date, by weekday (Thanksgiving) and by name with a year that said "ages ago"
    ("last_platelet_transfusion", "the 4th of july", date(2026, 7, 4)),
    ("last_platelet_transfusion", "thanksgiving", date(2026, 11, 26)),
    ("ejection_fraction_date", "late this year", date(2026, 11, 15)),
    ("last_heart_attack_or_bypass", "ages ago, 2011", date(2011, 7, 1)),
    # a date in figures that only fits month first
    ("last_heart_attack_or_bypass", "on 4/25/2021", date(2021, 4, 25)),
    # a clause about what is still to come is not the answer
    (
        "last_platelet_transfusion",
        "another one is booked for monday, the last was yesterday",
        date(2026, 12, 2),
    ),
    ("daily_steroid_dose", "20mg, dropping to 10 next week", 20),
    # the latest of several values: a latest word inside an earlier phrase ("last week") does not
    # count; "from ... to ..."; one value left when every other is said to be earlier
    ("platelet_count", "last week 55, today 31", 31),
    ("haemoglobin", "before the transfusion 71, after 96", 96),
    ("platelet_count", "it went from 180 to 22 with the chemo", 22),
    ("platelet_count", "on 11/20 it was 37", 37),
    # a condition only in the past, for a question about now; "I can't say I'm not" is a yes
    ("takes_steroids", "long ago, as a child", False),
    ("active_bleeding", "can't say I'm not, my nose keeps bleeding", True),
    # a count told as a story
    ("aml_relapse_count", "it returned in 2023 and again last spring", 2),
    ("aml_relapse_count", "this is the third time it has come back", 3),
    ("aml_relapse_count", "it hasn't come back", 0),
    ("aml_relapse_count", "第二次复发了", 2),
    ("aml_relapse_count", "去年复发了，今年又复发了", 2),
    # a day of the month alone is never in the future
    ("last_platelet_transfusion", "on the 25th", date(2026, 11, 25)),
    ("last_platelet_transfusion", "last month 20", date(2026, 11, 20)),
    ("last_platelet_transfusion", "the tuesday before last", date(2026, 11, 24)),
    # a day and month in figures without a year, read the only way it fits
    ("ejection_fraction_date", "9/28", date(2026, 9, 28)),
    ("ejection_fraction_date", "28/9", date(2026, 9, 28)),
    # the topic denied wherever it is named is never
    ("last_platelet_transfusion", "only red blood, never any platelets", NEVER),
    ("last_heart_attack_or_bypass", "angioplasty in 2019, no heart attack and no bypass though", NEVER),
    # a birthday still to come
    ("age", "64, 65 in march", 64),
    ("age", "she'll be 50 on the 20th of this month", 49),
    ("age", "I'm 70 but I feel 50", 70),
    # a scale of what brings symptoms on: fine with one thing, limited by another
    ("heart_failure_limitation", "sitting is fine, it's hills that get me", 2),
    ("heart_failure_limitation", "the stairs are ok but I can't walk across the room without stopping", 3),
    ("heart_failure_limitation", "stairs make me breathless and now even sitting still", 4),
    # daily activity: a limit said beside an ability decides the level
    ("ecog", "still go to work but I get tired easily", 1),
    # a condition dismissed in a clause of its own
    (
        "serious_liver_or_kidney_problems",
        "kidneys a little sluggish but the doctor said nothing serious",
        False,
    ),
    # a condition over and done with, unless it is still going on
    ("uncontrolled_infection", "pneumonia in october, fine now", False),
    ("gvhd", "skin gvhd flared in the spring, still on creams for it", True),
]


@pytest.mark.parametrize(("fact_id", "said", "meant"), READINGS)
def test_an_answer_is_read_as_meant(fact_id, said, meant):
    parsed = understand(fact_id, said, TODAY).parsed
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("fact_id", "said"),
    [
        ("hiv_or_aids", "yes, but it's well controlled"),  # controlled HIV is still HIV
        ("gvhd", "yes, it is under control"),
    ],
)
def test_control_is_not_a_cure(fact_id, said):
    parsed = understand(fact_id, said, TODAY).parsed
    assert parsed.ok and parsed.value is True, parsed


@pytest.mark.parametrize(
    ("fact_id", "said"),
    [
        ("willing_contraception", "I'd have to ask my wife"),
        ("aml_relapse_no_response", "still waiting on the marrow biopsy results"),
    ],
)
def test_someone_else_knows(fact_id, said):
    assert understand(fact_id, said, TODAY).parsed.status == "unknown"


def test_a_question_about_counting_is_not_a_count():
    assert not understand(
        "aml_relapse_count", "does it count if it came back in the spinal fluid?", TODAY
    ).parsed.ok


def test_a_date_in_figures_we_cannot_read_is_never_never():
    parsed = understand("last_heart_attack_or_bypass", "no, 31/31/2020", TODAY).parsed
    assert parsed.value != NEVER, parsed


@pytest.mark.parametrize(
    ("fact_id", "said"),
    [
        ("ecog", "it depends on the week: after chemo I'm in bed, the rest of the time I do the housework"),
        ("ecog", "时好时坏，好的时候能买菜，不好的时候整天躺着"),
    ],
)
def test_a_scale_that_varies_is_asked_again_never_read_from_its_worst_day(fact_id, said):
    parsed = understand(fact_id, said, TODAY).parsed
    assert parsed.status == "unclear", parsed


def test_a_scale_answer_is_read_back_before_it_excludes():
    """The highest of several levels is a reading, not a button: it is read back if it excludes."""
    parsed = understand("ecog", "I walk the dog but I'm in bed most of the day", TODAY).parsed
    assert parsed.ok and parsed.value == 3 and parsed.sure is False, parsed

"""A steroid dose per day said the way people take it (bot/parsing/doses.py through the number
reader): how often, how many tablets, doses at times of day, in English and Chinese, converted to
the prednisone equivalent; and the answers it must leave to the plain reader or ask again."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding import understand

TODAY = date(2026, 12, 3)

PER_DAY = [
    ("10mg twice a day", 20),
    ("pred 20 mg bid", 40),
    ("5mg three times a day", 15),
    ("prednisolone 5 mg 3 times daily", 15),
    ("prednisone 5mg, two tablets a day", 10),
    ("two 5 mg tablets daily", 10),
    ("prednisolone 5mg x 2 tablets", 10),
    ("1 tablet of 5mg twice a day", 10),
    ("15mg in the morning and 5mg at night", 20),
    ("20mg every other day", 10),
    ("dexamethasone 2mg every 12 hours", 26.6668),
    ("dexamethasone 4mg twice daily", 53.3336),
    ("hydrocortisone 10mg morning and evening", 5),
    ("强的松一天两片 一片5毫克", 10),
    ("强的松早上15 晚上5", 20),
    ("氢化可的松 20mg 一天两次", 10),
    ("美卓乐一天一片 4mg的", 5),
    ("泼尼松 每天三次 每次10毫克", 30),
    ("泼尼松隔天20毫克", 10),
    # no frequency said: the plain reader, as before
    ("10mg", 10),
    ("10 mg once a day", 10),
    ("泼尼松每天10毫克", 10),
    ("was on 60mg now 10mg", 10),
]


@pytest.mark.parametrize(("said", "per_day"), PER_DAY)
def test_a_dose_and_how_often_give_the_amount_per_day(said, per_day):
    parsed = understand("daily_steroid_dose", said, TODAY).parsed
    assert parsed.ok and parsed.value == pytest.approx(per_day, abs=0.01), parsed


@pytest.mark.parametrize(
    "said",
    [
        "10mg twice a day or three times a day, not sure",  # two frequencies: ask again
        "dex 8mg once daily then 2mg twice daily",  # two doses and frequencies: ask again
        "10mg twice a day, sometimes 15mg",  # how often, but two amounts
        "two 5mg",  # two tablets or two doses? not said
    ],
)
def test_doses_that_disagree_are_asked_again(said):
    parsed = understand("daily_steroid_dose", said, TODAY).parsed
    assert not parsed.ok, parsed


def test_a_frequency_read_from_free_text_is_not_beyond_doubt():
    """An excluding dose worked out from free text is read back before it counts."""
    assert understand("daily_steroid_dose", "10mg twice a day", TODAY).parsed.sure is False


@pytest.mark.parametrize(
    ("said", "per_day"),
    [("I take prednisolone 10mg twice a day", 20), ("yes, pred 5mg two tablets every morning", 10)],
)
def test_a_dose_volunteered_with_how_often_is_kept_per_day(said, per_day):
    volunteered = understand("takes_steroids", said, TODAY).volunteered
    assert volunteered["daily_steroid_dose"].value == per_day

"""Daily steroid doses told the way people tell them: a story that ends "now", tablets "of them",
none taken any more, and a converted dose without floating-point dust. Examples of my own."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding import understand

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        ("it was 40 at first, then 30, and she's on 15 now", "en", 15),
        ("they began at 50 and cut it by 5 a week, currently 25", "en", 25),
        ("刚开始一天50毫克，后来40，现在15", "zh", 15),
        ("two of them 5mg tablets each morning", "en", 10),
        ("dexamethasone 3 mg a day", "en", 20),  # 3 × 6.6667, read as 20, not 20.0001
        ("I came off them in the summer", "en", 0),
        ("he doesn't take them any more", "en", 0),
        ("早就停了", "zh", 0),
    ],
)
def test_a_daily_dose_told_as_a_story(said, language, meant):
    parsed = understand("daily_steroid_dose", said, TODAY, language=language).parsed
    assert parsed.ok and parsed.value == meant, parsed


def test_a_story_whose_last_number_is_not_now_is_asked_again():
    parsed = understand("daily_steroid_dose", "it was 40, then 30, then 15", TODAY).parsed
    assert not parsed.ok, parsed


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("she's still taking them", "en"),
        ("not stopped yet, they're tapering", "en"),
        ("环孢素一直在吃，还没停", "zh"),
    ],
)
def test_a_stop_date_not_reached_is_never(said, language):
    """ "When did you stop them?" answered "still taking them": `not_yet` in the words file."""
    parsed = understand("transplant_immunosuppressants_stopped", said, TODAY, language=language).parsed
    assert parsed.ok and parsed.value == "never", parsed


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        ("2 mg per kilo and he weighs 35 kg", "en", 70),
        ("泼尼松1mg/kg，她100斤", "zh", 50),  # 斤 is half a kilogram
        ("half of a 10 mg prednisone tablet each morning", "en", 5),
    ],
)
def test_a_dose_by_weight_and_a_fraction_of_a_named_tablet(said, language, meant):
    parsed = understand("daily_steroid_dose", said, TODAY, language=language).parsed
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("said", "language"), [("dex 40 mg, 4 days on and 4 days off", "en"), ("甲强龙冲击治疗，500毫克", "zh")]
)
def test_a_dose_taken_in_cycles_is_asked_again(said, language):
    """No one amount a day, and a number picked out of one clause must not stand in for it."""
    parsed = understand("daily_steroid_dose", said, TODAY, language=language).parsed
    assert not parsed.ok and parsed.problem == "dose.in_cycles", parsed


def test_one_medicine_stopped_and_another_still_taken_is_asked_again():
    said = "stopped the ciclosporin three weeks ago, still on the MMF"
    parsed = understand("transplant_immunosuppressants_stopped", said, TODAY).parsed
    assert not parsed.ok and parsed.status == "unclear", parsed


def test_cantonese_not_knowing_is_unknown():
    parsed = understand("aml_extramedullary", "唔知呀，医生冇讲", TODAY, language="zh").parsed
    assert parsed.status == "unknown", parsed

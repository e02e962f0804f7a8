"""Chinese readings added after studying the Chinese tuning corpus tune_c: each mechanism with an
example of its own (not a corpus row)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.rules import NEVER
from bot.understanding import understand

TODAY = date(2026, 12, 3)

READINGS = [
    # durations with a half in the middle, parts of a year, this time last year
    ("last_platelet_transfusion", "两个半月前", date(2026, 9, 18)),
    ("ejection_fraction_date", "今年年初", date(2026, 1, 15)),
    ("transplant_immunosuppressants_stopped", "前年年底停的", date(2024, 12, 20)),
    ("last_heart_attack_or_bypass", "去年这时候", date(2025, 12, 3)),
    # festivals: lunar (lunardate converts them) and solar, the most recent or of the year said
    ("last_platelet_transfusion", "端午节那天", date(2026, 6, 19)),
    ("last_heart_attack_or_bypass", "去年中秋", date(2025, 10, 6)),
    ("transplant_immunosuppressants_stopped", "五一前后", date(2026, 5, 1)),
    # a two-digit year; of several years named, the latest (the questions ask for the last one)
    ("last_heart_attack_or_bypass", "19年3月5号", date(2019, 3, 5)),
    ("last_heart_attack_or_bypass", "2015年心梗，2023年又搭了桥", date(2023, 7, 1)),
    # a month and day in figures
    ("last_platelet_transfusion", "10.30", date(2026, 10, 30)),
    # dialect: 木有 is 没有
    ("gvhd", "木有", False),
    ("active_bleeding", "冇出血", False),
    # a clause that only says all is well
    ("heart_failure", "应该没有吧，心脏一直挺好的", False),
    # a condition dismissed in a clause of its own
    ("ventricular_arrhythmia_or_fainting", "偶尔心慌，医生说没什么大问题", False),
    # doses: a tablet and a half, the strength before or after, tablets at times of day, a dose to come
    ("daily_steroid_dose", "泼尼松一天两片半，一片5毫克", 12.5),
    ("daily_steroid_dose", "强的松5毫克一片，一天六片", 30),
    ("daily_steroid_dose", "泼尼松早上3片中午1片，每片5mg", 20),
    ("daily_steroid_dose", "泼尼松一天20毫克，下周减到15", 20),
    ("daily_steroid_dose", "强的松 5mg tid", 15),
    # a month and day without a year; a part of a month after it; a lunar month; 七十有三
    ("ejection_fraction_date", "做的时候是10月8号", date(2026, 10, 8)),
    ("transplant_immunosuppressants_stopped", "2024年3月底", date(2024, 3, 28)),
    ("last_heart_attack_or_bypass", "二〇二一年腊月", date(2022, 1, 17)),
    ("age", "六十有五", 65),
    # a length of time in two parts
    ("aml_relapse_within_12_months", "一年零两个月", False),
    # hepatitis B carried, with no virus found, is not active
    ("active_hepatitis", "乙肝病毒携带，DNA测不到", False),
    # how things are now, not before
    ("heart_failure_limitation", "以前走几步就喘，现在爬两层楼才喘", 2),
    # heart limitation: fine at rest, breathless on the stairs
    ("heart_failure_limitation", "坐着没事，上两层楼就喘", 2),
]


@pytest.mark.parametrize(("fact_id", "said", "meant"), READINGS)
def test_a_chinese_answer_is_read_as_meant(fact_id, said, meant):
    parsed = understand(fact_id, said, TODAY).parsed
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("fact_id", "said"),
    [
        ("platelet_count", "上次三十几，记不太清了"),
        ("heart_failure", "医生说心脏有点大，没说是不是心衰"),
        ("aml_relapse_no_response", "还在治，骨穿还没复查"),
    ],
)
def test_not_knowing_is_unknown(fact_id, said):
    assert understand(fact_id, said, TODAY).parsed.status == "unknown"


def test_a_festival_is_not_never():
    assert understand("last_platelet_transfusion", "春节", TODAY).parsed.value != NEVER

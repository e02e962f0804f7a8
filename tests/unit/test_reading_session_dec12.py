"""Readings added in the 12 December stop (en/zh tune_ao and tune_ap). Each mechanism has examples of
its own, not corpus rows, and a guard against the opposite misreading."""

from __future__ import annotations

from datetime import date

import pytest

from bot.parsing.text import everyday_forms, in_one_script
from bot.text import latin_part
from tests.reading import read_parsed

# ----- Traditional characters ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("hiv_or_aids", "沒有", False),  # 沒 is 没: a no, not a yes
        ("breastfeeding", "沒有，早就斷奶了", False),
        ("pregnant", "沒有，上禮拜才驗過", False),
        ("active_hepatitis", "有B肝，醫生說是活動期", True),  # a yes in Traditional stays a yes
        ("platelet_count", "PLT 15.6萬/μL", 156),  # 萬 is 万
        ("takes_steroids", "每天吃潑尼松", True),
    ],
)
def test_traditional_characters_are_read_as_simplified(fact_id, said, meant):
    assert read_parsed(fact_id, said, language="zh").value == meant


def test_the_script_conversion_leaves_simplified_and_english_alone():
    assert in_one_script("没有乙肝，著名医院", "zh") == "没有乙肝，著名医院"
    assert in_one_script("沒有 heart failure", "en") == "沒有 heart failure"  # English has no conversion
    assert everyday_forms("唔該", "zh") == "谢谢"  # converted first, then the Cantonese table


def test_last_year_in_cantonese_dates_the_festival():
    assert read_parsed("last_heart_attack_or_bypass", "舊年中秋之後做過搭橋", language="zh").value == date(
        2025, 10, 6
    )


# ----- English with Chinese words in it -------------------------------------------------------------


def test_only_a_message_mainly_in_english_has_an_english_part():
    assert latin_part("乙肝 carrier, but not active").strip() == "carrier, but not active"
    assert latin_part("PLT 38 ↓，上周输过") is None  # Chinese with a lab name
    assert latin_part("no hepatitis") is None  # no Chinese at all
    assert latin_part("没有 no") is None


@pytest.mark.parametrize(
    "said",
    [
        "乙肝 carrier, but not active",  # whole: 乙肝 is a yes; the English alone: not active
        "had 戊肝 (hep E) last month, now recovered, liver test normal",
    ],
)
def test_a_yes_or_no_that_reads_differently_in_each_language_is_asked_again(said):
    parsed = read_parsed("active_hepatitis", said)
    assert parsed.status == "unclear" and parsed.problem == "answer.mixed_readings_differ"


def test_a_yes_or_no_both_languages_agree_on_is_taken():
    assert read_parsed("active_hepatitis", "有乙肝, active hepatitis B, on tenofovir").value is True
    assert read_parsed("heart_failure", "沒有心衰, heart is fine").value is False


@pytest.mark.parametrize(("said", "meant"), [("no 心衰", False), ("never 出血", False), ("有心衰", True)])
def test_an_english_no_before_a_chinese_word_denies_it(said, meant):
    fact_id = "active_bleeding" if "出血" in said else "heart_failure"
    assert read_parsed(fact_id, said, language="zh").value is meant


# ----- dates ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("2024 中秋", date(2024, 9, 17)),  # four figures need no 年
        ("2024中秋前后", date(2024, 9, 17)),
        ("24年中秋", date(2024, 9, 17)),
        ("中秋", date(2026, 9, 25)),  # no year: this year's
        ("前年双十一那天", date(2024, 11, 11)),
        ("双11", date(2026, 11, 11)),
    ],
)
def test_a_festival_takes_the_year_said_before_it(said, meant):
    assert read_parsed("last_platelet_transfusion", said, language="zh").value == meant


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("before Spring Festival", date(2026, 2, 17)),  # not "in the spring"
        ("right after spring festival 2025", date(2025, 1, 29)),
        ("around Qingming", date(2026, 4, 5)),
        ("in the spring", date(2026, 4, 15)),
    ],
)
def test_chinese_festivals_named_in_english(said, meant):
    assert read_parsed("last_platelet_transfusion", said).value == meant


# ----- numbers ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("They did tell me on Tuesday, was it 60? or 16? I can't remember", "en"),
        ("was it 60 or 16", "en"),  # "was" is no older value here: one or the other
        ("60还是16来着", "zh"),
    ],
)
def test_two_numbers_said_as_one_or_the_other_are_asked_again(said, language):
    parsed = read_parsed("platelet_count", said, language=language)
    assert parsed.status == "unclear" and parsed.problem == "number.ambiguous"


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        ("150 before chemo, now 65", "en", 65),
        ("it was 50 or so, now 30", "en", 30),
        ("上周60，现在还是16", "zh", 16),
    ],
)
def test_an_old_value_beside_a_new_one_is_still_the_new_one(said, language, meant):
    assert read_parsed("platelet_count", said, language=language).value == meant


@pytest.mark.parametrize(("said", "meant"), [("血色素八克半", 85), ("Hb 9克半", 95), ("八克", 80)])
def test_grams_and_a_half(said, meant):
    assert read_parsed("haemoglobin", said, language="zh").value == meant


# ----- yes and no -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "said", ["yes, but I don't want take hormone pill", "yes but not the coil", "sure, just not the implant"]
)
def test_one_method_refused_is_no_refusal_of_contraception(said):
    assert read_parsed("willing_contraception", said).value is not False


def test_a_refusal_without_a_method_still_refuses():
    assert read_parsed("willing_contraception", "yes but I don't want to").value is False


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("active_hepatitis", "没有吧没听说过俺有肝炎", False),  # 俺 is 我: the negation reaches 有肝炎
        ("active_hepatitis", "俺有肝炎", True),
        ("still_on_transplant_immunosuppressants", "3月底停的他克莫司", False),  # 停的: stopped
        ("still_on_transplant_immunosuppressants", "这个月底停", True),  # still to stop
        ("still_on_transplant_immunosuppressants", "auto transplant，不需要吃抗排异的", False),
        ("still_on_transplant_immunosuppressants", "还在吃他克莫司", True),
        ("gvhd", "N/A，我是自体移植", False),  # one's own cells: no graft against host
        ("gvhd", "自体移植后有排异", True),
        ("takes_steroids", "激素不吃 就吃泽布替尼", False),  # a topic, then its negation
        ("takes_steroids", "激素不吃不行", True),  # "must take them"
    ],
)
def test_chinese_yes_and_no(fact_id, said, meant):
    assert read_parsed(fact_id, said, language="zh").value is meant


def test_a_heart_said_to_be_failing_is_heart_failure():
    said = "they said my heart is failing a bit not pumping proper thats why Im on the water tablets"
    assert read_parsed("heart_failure", said).value is True
    assert read_parsed("heart_failure", "no, the heart is fine").value is False


# ----- treatments -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        ("hydroxycarbamide for count control, then LDAC x2 cycles. Nothing else.", "en", ["chemotherapy"]),
        ("吃过羟基脲", "zh", ["chemotherapy"]),
        ("EC x4 then weekly pacli w/ trastuzumab", "en", ["chemotherapy", "targeted"]),
        ("I had the chemo tablets and the rays for 5 weeks thats it", "en", ["chemotherapy", "radiotherapy"]),
        ("she has the chemo and the immune one through the drip", "en", ["chemotherapy", "immunotherapy"]),
        ("carboplatin and taxol, and I'm on the PARP pill now", "en", ["chemotherapy", "targeted"]),
        ("化療、標靶、放射治療都做過", "zh", ["chemotherapy", "targeted", "radiotherapy"]),
        # given, then not borne: given (a reviewer's cases; "too old for chemo" is not read as none)
        ("化疗做了两次，受不了就停了", "zh", ["chemotherapy"]),
        ("做了化疗受不了，后来改靶向", "zh", ["chemotherapy", "targeted"]),
        (
            "too frail for more chemo so they switched him to immunotherapy",
            "en",
            ["chemotherapy", "immunotherapy"],
        ),
        ("just scans and x rays, no treatment yet", "en", ["none"]),  # x-rays are no radiotherapy
    ],
)
def test_treatments_by_their_everyday_and_ward_names(said, language, meant):
    assert sorted(read_parsed("cancer_treatments", said, language=language).value) == sorted(meant)


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("ejection_fraction", "原来六十二 打赫赛汀以后掉到五十一了 最新就是五十一", 51),  # said twice
        ("ejection_fraction", "四十八 原来是五十几 今年查的四十八", 48),
        ("platelet_count", "血小板87，前一回是65", 87),  # 前一回: the time before
        ("platelet_count", "上周20，提前回医院查了，38", 38),  # 提前回 is no 前回
        ("daily_steroid_dose", "甲强龙每天16 不对 上礼拜减到12了", 15),  # the correction still wins
        ("daily_steroid_dose", "以前吃60，后来减到30，上礼拜又加回45了", 45),
    ],
)
def test_the_newest_of_several_chinese_values(fact_id, said, meant):
    assert read_parsed(fact_id, said, language="zh").value == meant


@pytest.mark.parametrize(
    ("said", "meant"), [("愿意 我现在身体这样 也不可能要孩子", True), ("想要孩子", False)]
)
def test_no_child_wanted_is_a_reason_for_contraception(said, meant):
    assert read_parsed("willing_contraception", said, language="zh").value is meant


@pytest.mark.parametrize(
    ("said", "language"),
    [("房颤有的，吃华法林", "zh"), ("有房颤 好多年了 一直吃药", "zh"), ("yes AF", "en")],
)
def test_atrial_fibrillation_alone_is_for_the_study_team(said, language):
    parsed = read_parsed("ventricular_arrhythmia_or_fainting", said, language=language)
    assert parsed.status == "unknown" and parsed.problem == "answer.for_the_study_team"


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        ("有房颤，去年还晕过一回，没查出原因", "zh", True),  # an unexplained faint beside it is a yes
        ("室速过一次", "zh", True),
        ("有房颤 吃着药呢 没晕过", "zh", False),
        ("AF and he fainted last year, they never found out why", "en", True),
    ],
)
def test_a_ventricular_rhythm_or_unexplained_faint_beside_af_still_counts(said, language, meant):
    assert read_parsed("ventricular_arrhythmia_or_fainting", said, language=language).value is meant


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        ("heavy period this week, no bleeding anywhere else", "en", True),  # "else": the period counts
        ("nosebleed this morning, no other bleeding", "en", True),
        ("腿上有出血点，别的地方没出血", "zh", True),
        ("这两天来大姨妈 量比平时多很多 别的地方没出血", "zh", True),
        ("no bleeding, nothing else", "en", False),  # no yes beside it: still a no
        ("没有出血，别的也没有", "zh", False),
        ("以前流过鼻血，现在没有，别的地方也没有", "zh", False),
        # bruises beside a bleed do not deny it; alone they are no bleeding
        ("鼻子出血，身上有点淤青", "zh", True),
        ("牙龈出血，容易青紫", "zh", True),
        ("nosebleeds, and just bruises on his arms", "en", True),
        ("只是淤青", "zh", False),
        ("no bleeding, only bruising", "en", False),
        # a no of other things still answers beside a no of now, a bare yes or a past bleed
        ("he bled from the gums last week but none now and nothing else", "en", False),
        ("yes, just bruises", "en", False),
        ("Yes I'm fine, no bleeding or other problems", "en", False),
        ("上周流过鼻血，现在和别的地方都没有", "zh", False),
        ("有的，就是瘀青，其他没有", "zh", False),
    ],
)
def test_a_no_said_of_other_things_or_of_bruises_leaves_a_bleed_beside_it(said, language, meant):
    assert read_parsed("active_bleeding", said, language=language).value is meant


def test_other_things_are_only_set_apart_where_the_question_is_about_several():
    # "for another illness" is what the immunosuppressant question asks: the no answers it
    said = "Only tacrolimus, that's for the bone marrow transplant. Nothing for any other illness."
    assert read_parsed("takes_immunosuppressants", said).value is False


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        ("used to be 80 or 90, today 120", "en", None),  # one or the other: asked again
        ("30 or 35 now, 90 in the summer", "en", None),
        ("40 now; it was 150 or so 5 years ago", "en", 40),  # "or so" is no second number
        ("was on 40, now 10 mg and 10 mg", "en", None),  # a dose split over the day is no number said twice
    ],
)
def test_alternatives_and_repeats_only_decide_what_they_are_about(said, language, meant):
    fact_id = "daily_steroid_dose" if "mg" in said else "platelet_count"
    assert read_parsed(fact_id, said, language=language).value == meant


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("willing_contraception", "避孕药不用吃", True),  # one method refused: no refusal
        ("still_on_transplant_immunosuppressants", "下个月底停的", True),  # still to stop
        ("still_on_transplant_immunosuppressants", "医生说月底停的", True),
        ("still_on_transplant_immunosuppressants", "准备月底停的", True),
        ("still_on_transplant_immunosuppressants", "上个月底停的", False),  # stopped: no 个月底停 inside
        ("still_on_transplant_immunosuppressants", "还需要吃，医生说不需要吃太久", True),
        ("active_hepatitis", "乙肝药不吃", True),  # not taking a drug is still having the illness
        ("takes_steroids", "强的松不吃的", False),
        ("willing_contraception", "不用俺说肯定愿意", True),  # "needless to say"
        ("still_on_transplant_immunosuppressants", "他克莫司不需要了，换成了环孢素", True),
    ],
)
def test_a_reviewers_chinese_cases_stay_as_they_were(fact_id, said, meant):
    assert read_parsed(fact_id, said, language="zh").value is meant


def test_weekdays_beside_values_are_placed_against_the_conversations_day():
    from bot.parsing.numbers import _latest_by_date

    clauses = ["9.8 g/dl pre-transfusion on monday", " 11.2 post on tuesday"]
    assert _latest_by_date(clauses, date(2026, 12, 3)) == 1  # a Thursday: Tuesday came after Monday
    assert _latest_by_date(clauses, date(2026, 12, 8)) == 1  # a Tuesday: "Tuesday" is today
    assert _latest_by_date(clauses, date(2026, 12, 1)) == 1  # a Tuesday too, a week earlier
    assert read_parsed("platelet_count", "Tuesday 20, Thursday 55").value == 55  # on a Thursday: today's
    said = "9.8 g/dL pre-transfusion on Monday, 11.2 post on Tuesday"
    assert read_parsed("haemoglobin", said).value == 112  # on the corpus day, whatever the machine's


@pytest.mark.parametrize(
    ("said", "language"),
    [("AF and VT", "en"), ("ICD for VT", "en"), ("房颤，还有VT", "zh"), ("房颤，装了ICD", "zh")],
)
def test_a_ventricular_rhythm_beside_af_is_a_yes(said, language):
    assert read_parsed("ventricular_arrhythmia_or_fainting", said, language=language).value is True

"""Readings added in the 8 December stop (en/zh tune_ag and tune_ah). Each mechanism has examples of
its own, not corpus rows, and a guard against the opposite misreading."""

from __future__ import annotations

from datetime import date

import pytest

from tests.reading import read_parsed

# ----- which of several numbers is now ------------------------------------------------------------


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        # "is" or "after" beside "was ... last year" says nothing of now
        ("ejection_fraction", "45%. it was 38 last year so it's better", 45),
        ("creatinine", "120, they said it's the ciclosporin. was 80 before the transplant", 120),
        ("platelet_count", "Platelets 58,000 now. After the transplant they were 2 lakh", 58),
        # every number "was", one of them "after"
        ("haemoglobin", "it was 71 on monday so he had a unit, and it was 90 when they rechecked after", 90),
    ],
)
def test_the_number_said_of_now_is_the_value(fact_id, said, meant):
    assert read_parsed(fact_id, said).value == pytest.approx(meant, rel=0.01)


def test_a_thousands_comma_is_no_clause_break():
    assert read_parsed("platelet_count", "was 210,000 before chemo, now 44,000").value == 44


def test_two_numbers_both_said_to_be_before_are_asked_again():
    assert not read_parsed("ejection_fraction", "it was 50 at one point, and it was 42 at another").ok


@pytest.mark.parametrize(
    ("said", "meant"),
    [("1 lakh 20 thousand", 120), ("two lakh fifty thousand", 250), ("1.5 lakh", 150)],
)
def test_lakh_and_thousands_make_one_number(said, meant):
    assert read_parsed("platelet_count", said).value == meant


# ----- what is no value -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fact_id", "said", "language", "meant"),
    [
        ("creatinine", "2.1, he has stage 3 kidney disease", "en", 185.6),
        ("creatinine", "慢性肾病4期，肌酐310", "zh", 310),
        ("platelet_count", "his WBC is very high, 95, platelets 61", "en", 61),
        ("platelet_count", "TLC 12 thousand, platelets 33 thousand", "en", 33),
    ],
)
def test_a_stage_or_another_labs_remarked_value_is_not_the_answer(fact_id, said, language, meant):
    assert read_parsed(fact_id, said, language).value == pytest.approx(meant, rel=0.01)


def test_a_remark_on_another_lab_does_not_take_this_labs_value():
    assert read_parsed("platelet_count", "the white count is normal, platelets 47").value == 47


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("haemoglobin", "HGB 91 g/L ↓ 115-150", 91),
        ("creatinine", "CREA 肌酐 64 μmol/L 41-81", 64),
        ("platelet_count", "PLT 血小板 37 ↓ 125-350 10^9/L", 37),
    ],
)
def test_an_unbracketed_reference_range_after_the_value_is_left_out(fact_id, said, meant):
    assert read_parsed(fact_id, said, "zh").value == meant


def test_a_range_alone_is_still_the_value():
    assert read_parsed("ejection_fraction", "EF 50-55%").value == pytest.approx(52.5)


def test_a_low_value_marked_low_on_a_report_is_taken():
    assert read_parsed("haemoglobin", "HGB 64↓", "zh").value == 64


def test_a_dose_with_a_decimal_point_keeps_it():
    assert read_parsed("daily_steroid_dose", "7.5mg prednisolone daily, up to 15 when it flares").value == 7.5


# ----- dates --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("last_platelet_transfusion", "a bag on 11/24.", date(2026, 11, 24)),
        ("ejection_fraction_date", "Sept 9 this year", date(2026, 9, 9)),
        ("ejection_fraction_date", "the last one was 12.10.2026, in october", date(2026, 10, 12)),
    ],
)
def test_a_full_stop_or_a_long_month_name_keeps_the_day(fact_id, said, meant):
    assert read_parsed(fact_id, said).value == meant


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("last_heart_attack_or_bypass", "2018年前后", date(2018, 7, 1)),
        ("transplant_immunosuppressants_stopped", "2024年开春停的", date(2024, 3, 1)),
        ("transplant_immunosuppressants_stopped", "去年秋收的时候停的", date(2025, 10, 1)),
        ("last_platelet_transfusion", "琴日输嘅", date(2026, 12, 2)),
        ("last_platelet_transfusion", "上周一输过一次，前天又输了一次", date(2026, 12, 1)),
    ],
)
def test_chinese_dates_around_a_year_by_the_farm_calendar_and_told_again(fact_id, said, meant):
    assert read_parsed(fact_id, said, "zh").value == meant


def test_a_few_years_ago_is_still_years_ago():
    assert read_parsed("last_heart_attack_or_bypass", "3年前", "zh").value == date(2023, 12, 3)


# ----- counts ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "language"),
    [("first time diagnosed in june, it has not come back", "en"), ("第一次化疗，还没复发过", "zh")],
)
def test_a_first_course_with_no_relapse_is_none(said, language):
    assert read_parsed("aml_relapse_count", said, language).value == 0


def test_the_first_relapse_is_still_one():
    assert read_parsed("aml_relapse_count", "it came back for the first time in august").value == 1


# ----- yes and no ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fact_id", "said"),
    [
        ("willing_contraception", "if I have to, yes, though I can't be pregnant anyway"),
        ("willing_no_sperm_donation", "no plans to donate. yes"),
        ("willing_no_sperm_donation", "it never crossed my mind to donate"),
        ("willing_no_sperm_donation", "never thought about donating"),
    ],
)
def test_an_agreement_is_never_read_as_a_refusal(fact_id, said):
    assert read_parsed(fact_id, said).value is True


def test_donating_then_a_lone_no_still_agrees():
    assert read_parsed("willing_no_sperm_donation", "donating? no chance").value is True


@pytest.mark.parametrize("said", ["精子库是啥意思 反正不捐", "啥叫捐精 我没捐过 以后也不打算"])
def test_a_chinese_question_what_it_means_beside_a_plain_answer_is_answered(said):
    assert read_parsed("willing_no_sperm_donation", said, "zh").value is True


def test_a_chinese_question_what_it_means_alone_is_asked_again():
    assert not read_parsed("willing_no_sperm_donation", "捐精是什么意思", "zh").ok


@pytest.mark.parametrize(
    ("fact_id", "said", "language"),
    [
        ("uncontrolled_infection", "high temperature since friday, cultures pending", "en"),
        ("uncontrolled_infection", "发烧两天了，血培养还没出来", "zh"),
        (
            "aml_relapse_no_response",
            "he's halfway through the new chemo, the marrow test is after new year",
            "en",
        ),
        ("aml_relapse_no_response", "复发后打了一个疗程，还没评估", "zh"),
        ("gvhd", "dry mouth, could be GVHD, could be the radiotherapy", "en"),
    ],
)
def test_what_would_answer_still_to_come_is_dont_know(fact_id, said, language):
    assert read_parsed(fact_id, said, language).status == "unknown"


@pytest.mark.parametrize(
    ("fact_id", "said", "language"),
    [
        ("uncontrolled_infection", "fever, cultures pending, still spiking despite the antibiotics", "en"),
        ("uncontrolled_infection", "一直高烧不退，血培养还没出来", "zh"),
    ],
)
def test_an_answer_beside_what_is_still_to_come_stands(fact_id, said, language):
    assert read_parsed(fact_id, said, language).value is True


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("chest infection, on antibiotics, afebrile since yesterday", "en"),
        ("kidney infection, nearly done with the tablets, feel fine", "en"),
        ("前两天发烧，现在退了", "zh"),
    ],
)
def test_an_infection_getting_better_is_not_uncontrolled(said, language):
    assert read_parsed("uncontrolled_infection", said, language).value is False


def test_gvhd_that_has_settled_is_no():
    assert read_parsed("gvhd", "had gut gvhd in spring but already settle").value is False


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        ("R-CHOP, then ISRT to the neck", "en", ["chemotherapy", "radiotherapy", "targeted"]),
        ("CHOP加西达本胺", "zh", ["chemotherapy", "targeted"]),
    ],
)
def test_treatment_abbreviations(said, language, meant):
    assert sorted(read_parsed("cancer_treatments", said, language).value) == sorted(meant)


# ----- guards a review of this change asked for ------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        ("keen to donate? no way", "en", True),
        ("a regular donor? not any more, no", "en", True),
        ("还想捐精？不了", "zh", True),
        ("stop donating? no chance", "en", False),
    ],
)
def test_a_question_echoed_then_a_lone_word_answers_about_the_thing_echoed(said, language, meant):
    assert read_parsed("willing_no_sperm_donation", said, language).value is meant


@pytest.mark.parametrize(
    ("fact_id", "said", "language", "meant"),
    [
        ("uncontrolled_infection", "yes, sepsis, cultures pending", "en", True),
        ("uncontrolled_infection", "no, doing well on the antibiotics, cultures pending", "en", False),
        ("uncontrolled_infection", "没有感染，就是血培养还没出来", "zh", False),
        ("gvhd", "yes, gut GVHD, they're keeping an eye on his liver too", "en", True),
        ("gvhd", "no gvhd, the rash might be the antibiotics, might be eczema", "en", False),
    ],
)
def test_a_plain_answer_beside_what_is_still_to_come_stands(fact_id, said, language, meant):
    assert read_parsed(fact_id, said, language).value is meant


def test_a_lab_still_high_is_no_uncontrolled_infection():
    assert (
        read_parsed("uncontrolled_infection", "no, afebrile, CRP still high but coming down").value is False
    )


@pytest.mark.parametrize("said", ["上周二输的血小板，昨天又输了红细胞", "上周五输的，前天又发烧了"])
def test_something_else_again_is_no_later_transfusion(said):
    assert read_parsed("last_platelet_transfusion", said, "zh").value in (
        date(2026, 11, 24),
        date(2026, 11, 27),
    )


@pytest.mark.parametrize(
    ("said", "language"), [("第一次是去年，后来没再复发", "zh"), ("the first time in march, not since", "en")]
)
def test_a_first_relapse_not_repeated_is_one(said, language):
    assert read_parsed("aml_relapse_count", said, language).value == 1


@pytest.mark.parametrize(
    "said", ["mastectomy on the rt side, then chemo", "chemo through a port in her rt arm"]
)
def test_rt_for_right_is_no_radiotherapy(said):
    assert "radiotherapy" not in read_parsed("cancer_treatments", said).value


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("platelet_count", "150,000 in june, 40,000 last week", 40),
        ("haemoglobin", "it was 11.8 g/dL in october. in july, after the chemo, it had dropped to 8.9", 118),
        ("haemoglobin", "121, the best since 2021! it was 95 in march", 121),
    ],
)
def test_of_numbers_each_dated_the_latest_is_the_value(fact_id, said, meant):
    assert read_parsed(fact_id, said).value == meant


@pytest.mark.parametrize(("said", "meant"), [("血小板 30 期间输了两次", 30), ("血小板 10^9/L 20-30", 25)])
def test_chinese_during_and_a_unit_before_a_range_are_kept(said, meant):
    assert read_parsed("platelet_count", said, "zh").value == meant


@pytest.mark.parametrize("said", ["目前日期不知道", "之前日期记不清了"])
def test_a_word_holding_qianri_is_no_day(said):
    assert read_parsed("last_platelet_transfusion", said, "zh").status == "unknown"


# ----- later in the stop ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("not on any now, I was on 15mg before", "en"),
        ("stopped in october, was on 10mg a day", "en"),
        ("已经停了，之前一天30毫克", "zh"),
        ("现在不吃了 以前一天吃六片 一片五毫克", "zh"),
    ],
)
def test_a_dose_stopped_with_its_old_amount_is_none_a_day(said, language):
    assert read_parsed("daily_steroid_dose", said, language).value == 0


@pytest.mark.parametrize(
    ("said", "meant"), [("stopped in may, was on 10mg, restarted now at 5mg", 5), ("10 mg a day", 10)]
)
def test_a_dose_taken_now_is_still_read(said, meant):
    assert read_parsed("daily_steroid_dose", said).value == meant


@pytest.mark.parametrize(
    ("fact_id", "said"),
    [
        ("hiv_or_aids", "有梅毒"),
        ("hiv_or_aids", "他有乙肝"),
        ("ventricular_arrhythmia_or_fainting", "有房颤"),
    ],
)
def test_having_another_condition_is_no_yes(fact_id, said):
    assert read_parsed(fact_id, said, "zh").value is not True


@pytest.mark.parametrize(
    ("fact_id", "said"),
    [
        ("hiv_or_aids", "有艾滋"),
        ("hiv_or_aids", "有的"),
        ("ventricular_arrhythmia_or_fainting", "有室速"),
        ("active_bleeding", "有点出血"),
    ],
)
def test_having_the_condition_asked_about_is_yes(fact_id, said):
    assert read_parsed(fact_id, said, "zh").value is True


@pytest.mark.parametrize(
    ("fact_id", "said", "language", "meant"),
    [
        ("partner_can_become_pregnant", "老婆做过绝育", "zh", False),
        ("ventricular_arrhythmia_or_fainting", "晕过一次，医生说是血糖低", "zh", False),
        ("takes_steroids", "no more, the pred finish already", "en", False),
    ],
)
def test_more_plain_answers(fact_id, said, language, meant):
    assert read_parsed(fact_id, said, language).value is meant


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [("EF 45，刚查出来的时候是35", "zh", 45), ("LVEF 61% pre chemo, the repeat was 54%", "en", 54)],
)
def test_the_latest_of_two_ejection_fractions(said, language, meant):
    assert read_parsed("ejection_fraction", said, language).value == meant


def test_ac_th_is_chemotherapy_and_targeted():
    assert sorted(read_parsed("cancer_treatments", "AC-TH", "zh").value) == ["chemotherapy", "targeted"]


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("aml_relapse_count", "2次（2024.05，2026.01）", 2),
        ("age", "66岁（1960.03）", 66),
        ("ejection_fraction", "EF 58%，FS 30%", 58),
        ("creatinine", "出院时Cr 132，入院时是188", 132),
    ],
)
def test_a_year_and_month_a_remission_number_and_other_echo_measures_are_no_value(fact_id, said, meant):
    assert read_parsed(fact_id, said, "zh").value == meant


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("they thought it was GVHD but it turned out to be a drug rash", False),
        ("skin GVHD, but it's burnt out now", False),
        ("yes, it turned out to be GVHD after the biopsy", True),
    ],
)
def test_gvhd_that_was_something_else_or_has_died_down(said, meant):
    assert read_parsed("gvhd", said).value is meant


def test_breastfeeding_that_ended_is_no():
    assert read_parsed("breastfeeding", "I was breastfeeding until October").value is False


@pytest.mark.parametrize(
    "said", ["I pump and give it to him in a bottle", "pumping and dumping because of the chemo"]
)
def test_milk_still_pumped_is_still_breastfeeding(said):
    assert read_parsed("breastfeeding", said).value is True


@pytest.mark.parametrize(("said", "meant"), [("Cr 145", 145), ("cr 88, it was 120 in cycle 2", 88)])
def test_cr_is_still_creatinine(said, meant):
    assert read_parsed("creatinine", said).value == meant


@pytest.mark.parametrize("said", ["二十几", "一百二十几"])
def test_a_rough_chinese_number_is_never_beyond_doubt(said):
    parsed = read_parsed("platelet_count", said, "zh")
    assert not parsed.sure


def test_a_plain_number_is_still_beyond_doubt():
    assert read_parsed("platelet_count", "45").sure

"""Readings added in the 10 December stop (en/zh tune_ak and tune_al). Each mechanism has examples of
its own, not corpus rows, and a guard against the opposite misreading."""

from __future__ import annotations

from datetime import date

import pytest

from bot.parsing.dated_values import latest_of_dated_values
from bot.parsing.text import words_to_digits
from tests.reading import read_parsed

# ----- a lab result pasted as a dated list ------------------------------------------------------------


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("platelet_count", "PLT: 03/11: 45; 17/11: 61; 01/12: 58", 58),
        ("platelet_count", "platelets (k/uL) 10/30 - 31, 11/13 - 40, 11/27 - 52", 52),
        ("haemoglobin", "Hb 20/11 96, 27/11 101 g/L", 101),
        ("platelet_count", "Plt 70 on 9 Nov, 64 on 23 Nov, 81 on 1 Dec", 81),
        ("creatinine", "Creat (umol/L): 30/11 - 92", 92),
    ],
)
def test_of_a_dated_list_the_latest_days_value_is_read(fact_id, said, meant):
    assert read_parsed(fact_id, said).value == pytest.approx(meant, rel=0.01)


def test_a_dated_list_whose_day_order_is_in_doubt_is_left_as_said():
    # 10/11 and 11/10 put the values in a different order read day-first or month-first
    said = "10/11 50, 11/10 60"
    assert latest_of_dated_values(said, date(2026, 12, 3)) == said
    assert not read_parsed("platelet_count", said).ok


def test_a_fraction_or_a_range_is_no_dated_list():
    assert latest_of_dated_values("hb 9.5 - 10", date(2026, 12, 3)) == "hb 9.5 - 10"
    assert latest_of_dated_values("1/2 of the 10 mg", date(2026, 12, 3)) == "1/2 of the 10 mg"


def test_a_power_of_ten_typed_with_a_star_is_the_unit():
    assert read_parsed("platelet_count", "PLT 64 10*9/L").value == 64


def test_a_month_and_year_is_no_value():
    assert read_parsed("aml_relapse_count", "none, in remission since 06.2024.").value == 0
    assert read_parsed("platelet_count", "83 (checked 11.2026)").value == 83


# ----- numbers said in words ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "digits"),
    [
        ("creatinine point eight", "creatinine 0.8"),
        ("it was point nine", "it was 0.9"),
        ("seven point two", "7.2"),
        ("at this point three weeks ago", "at this point 3 weeks ago"),
    ],
)
def test_a_point_with_no_number_before_it_is_a_decimal(said, digits):
    assert words_to_digits(said) == digits


def test_the_one_that_names_a_thing_is_no_number():
    assert not read_parsed("creatinine", "which one is that, the liver one?").ok
    # a number one is still read: "the tacrolimus one year ago"
    assert read_parsed("transplant_immunosuppressants_stopped", "stopped the tacrolimus one year ago").ok


def test_a_count_of_blood_given_is_no_lab_value():
    assert read_parsed("platelet_count", "38 this morning then they gave 1 ATD").value == 38
    assert read_parsed("platelet_count", "12, had 2 pools after").value == 12


# ----- rough numbers ----------------------------------------------------------------------------------


def test_a_rough_number_after_its_unit_is_asked_again():
    assert not read_parsed("haemoglobin", "血红蛋白9克多", "zh").ok
    assert read_parsed("haemoglobin", "血红蛋白9克", "zh").value == 90


def test_a_rough_number_then_an_exact_one_compared_in_the_facts_unit():
    assert read_parsed("haemoglobin", "9克多，化验单上是93", "zh").value == 93
    assert not read_parsed("haemoglobin", "9克多，上个月是120", "zh").ok


# ----- which of several numbers is now --------------------------------------------------------------


def test_a_dose_changed_to_is_the_dose_now():
    assert read_parsed("daily_steroid_dose", "5 mg pred, but they bumped it up to 15 on monday").value == 15
    assert read_parsed("daily_steroid_dose", "prednisolone 10mg, trying to get him down to 5").value == 10


def test_scots_from_and_before_order_the_values():
    assert read_parsed("platelet_count", "it's 77 now, up fae 50 the week afore").value == 77


# ----- still to come --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("they're hoping for a transplant in the spring", "en"),
        ("next year a transplant, if all goes well", "en"),
        ("计划明年3月移植", "zh"),
        ("安排在下月初进仓", "zh"),
        ("没做 配了全相合 医生说身体吃不消没敢做", "zh"),
    ],
)
def test_a_transplant_still_to_come_is_none_had(said, language):
    assert read_parsed("stem_cell_transplant", said, language).value is False


def test_a_transplant_had_beside_another_to_come_is_had():
    assert read_parsed("stem_cell_transplant", "had one in 2021, another planned next year").value is True
    assert read_parsed("stem_cell_transplant", "前年做过移植，明年计划再做一次", "zh").value is True


def test_a_plan_to_stop_a_drug_does_not_stop_it():
    said = "yes, tacrolimus for her kidney transplant. The team wants her to come off it eventually"
    assert read_parsed("takes_immunosuppressants", said, proxy=True).value is True
    assert read_parsed("takes_immunosuppressants", "was on tacrolimus, stopped it in June").value is False


def test_a_treatment_to_come_is_no_not_yet_beside_a_problem_now():
    said = "his kidneys only work at 20 percent, they're talking about dialysis next year"
    assert read_parsed("serious_liver_or_kidney_problems", said, proxy=True).value is True


def test_a_few_days_in_the_past_is_nothing_to_come():
    said = "上个月牙龈出血过几天，现在好了，没有出血"
    assert read_parsed("active_bleeding", said, "zh").value is False


# ----- yes and no ---------------------------------------------------------------------------------


def test_an_unsure_conclusion_is_the_answer_not_a_question():
    said = "a doctor once said mild heart failure, the next one said it was nothing. So I guess yes?"
    assert read_parsed("heart_failure", said).value is True
    # a question that opens with a conclusion word is still a question, never a no
    assert (
        read_parsed("heart_failure", "a doctor once said mild heart failure. so is that a yes?").value
        is not False
    )


def test_irish_ye_is_no_yes():
    assert read_parsed("can_become_pregnant", "ye're joking, I'm 71").value is False


def test_answers_that_say_the_course_is_not_over_are_not_a_no_response():
    assert not read_parsed("aml_no_response_after_two_courses", "still not finish the second cycle").ok
    assert not read_parsed(
        "aml_no_response_after_two_courses", "just been diagnosed, chemo not yet started"
    ).ok


def test_checking_in_the_records_later_is_dont_know():
    assert read_parsed("aml_relapse_count", "复发难治，具体几次我得翻一下病历", "zh").status == "unknown"
    # a look in the records then an answer is the answer
    parsed = read_parsed("aml_relapse_within_12_months", "我看看病历…2025年1月缓解，同年6月复发", "zh")
    assert parsed.status != "unknown"


def test_a_transfusion_had_on_a_day_not_read_is_no_never():
    assert not read_parsed("last_platelet_transfusion", "麦收那阵子输过一回 后来就没再输", "zh").ok
    assert read_parsed("last_platelet_transfusion", "输过红细胞，血小板没输过", "zh").value == "never"


def test_a_relatives_intro_parted_by_a_space_is_left_out():
    said = "我就是她老伴 我都七十了"
    assert read_parsed("partner_can_become_pregnant", said, "zh", proxy=True).value is False


def test_results_in_english_beside_chinese_names():
    assert read_parsed("active_hepatitis", "乙肝 丙肝 both negative").value is False


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("serious_liver_or_kidney_problems", "a small spot on the liver but function is ok", False),
        ("partner_can_become_pregnant", "she's 39 and we're not using any contraception", True),
        ("can_become_pregnant", "my period still comes every month", True),
        ("aml_relapse_count", "not even once thank god", 0),
    ],
)
def test_plain_statements_read(fact_id, said, meant):
    assert read_parsed(fact_id, said).value == meant


def test_a_short_course_of_steroids_is_no_steroids_taken():
    assert read_parsed("takes_steroids", "化疗那几天用了几天地塞米松", "zh").value is False
    assert read_parsed("takes_steroids", "用过几天甲强龙，现在还在吃泼尼松", "zh").value is True


def test_dates_as_written_and_named():
    assert read_parsed("last_heart_attack_or_bypass", "heart attack 04.06.2019. no bypass.").value == date(
        2019, 6, 4
    )
    assert read_parsed("last_heart_attack_or_bypass", "St Paddy's Day 2015").value == date(2015, 3, 17)
    assert read_parsed("last_heart_attack_or_bypass", "2021年3月NSTEMI，没搭桥", "zh").value == date(
        2021, 3, 15
    )


def test_regimens_by_their_abbreviations_are_chemotherapy():
    assert "chemotherapy" in read_parsed("cancer_treatments", "IDA plus ATRA", "en").value
    assert set(read_parsed("cancer_treatments", "TCbHP六个周期", "zh").value) == {"chemotherapy", "targeted"}


def test_another_lab_is_not_the_haemoglobin():
    assert not read_parsed("haemoglobin", "PCV 31").ok


# ----- a reviewer's regressions, fixed -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("fact_id", "said", "language", "meant"),
    [
        # a plan said after the thing asked about is about something more
        ("gvhd", "he has gut gvhd and they want him to start ruxolitinib", "en", True),
        ("stem_cell_transplant", "had a transplant in 2023 and we're hoping for a cure", "en", True),
        ("stem_cell_transplant", "前年做的移植，明年该复查了", "zh", True),
        ("takes_immunosuppressants", "on ciclosporin until next year", "en", True),
        ("heart_failure", "heart failure, they want me to have a pacemaker next year", "en", True),
        # stable is no "not serious"
        ("serious_liver_or_kidney_problems", "yes, kidney failure, stable now on dialysis", "en", True),
        # still taking it beside a few days' course
        ("takes_steroids", "一直在吃泼尼松，刚用了两天甲强龙", "zh", True),
        # a number one said to be the answer
        ("aml_relapse_count", "that was one", "en", 1),
    ],
)
def test_a_reviewers_regressions_stay_fixed(fact_id, said, language, meant):
    assert read_parsed(fact_id, said, language).value == meant


def test_up_to_a_limit_is_still_a_bound():
    assert not read_parsed("daily_steroid_dose", "dexamethasone, I can take it up to 4mg").ok
    assert not read_parsed("platelet_count", "they transfuse to keep it up to 20").ok


def test_a_dated_list_read_both_ways_is_asked_again_not_cut():
    assert not read_parsed("platelet_count", "Plt 6/11: 45; 3/12: 60").ok


def test_other_blood_products_given_are_no_platelets():
    assert read_parsed("last_platelet_transfusion", "输过白蛋白，血小板从来没输过", "zh").value == "never"


# ----- second pass on tune_ak and tune_al ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        # a yes about one part named beside a no about another
        ("kidneys are failing, the liver is fine", "en", True),
        ("肝很差，肾倒是好的", "zh", True),
        # a no about the same part takes the yes back
        ("有肝硬化，不过医生说肝功能还是A级", "zh", False),
    ],
)
def test_parts_of_a_question_about_several_things(said, language, meant):
    assert read_parsed("serious_liver_or_kidney_problems", said, language).value is meant


def test_cirrhosis_compensated_beside_kidneys_okay_is_never_a_yes():
    said = "cirrhosis from hep C, but compensated, Child-Pugh A, liver working ok. kidneys ok."
    assert read_parsed("serious_liver_or_kidney_problems", said).value is not True


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        ("Monday. The one before that was 16/11.", "en", date(2026, 11, 30)),
        ("yesterday, prior to that the 20th", "en", date(2026, 12, 2)),
        ("前天输的，再之前是上周一", "zh", date(2026, 12, 1)),
    ],
)
def test_the_one_before_that_is_not_the_latest(said, language, meant):
    assert read_parsed("last_platelet_transfusion", said, language).value == meant


def test_a_form_filled_label_and_its_answer_are_one_clause():
    assert read_parsed("last_heart_attack_or_bypass", "MI: no. CABG: no. Stent in 2019").value == "never"
    assert read_parsed("active_hepatitis", "Hep B: no. Hep C: no.").value is False
    assert read_parsed("last_heart_attack_or_bypass", "MI: 2019").ok


@pytest.mark.parametrize(
    ("fact_id", "said", "language", "meant"),
    [
        ("aml_relapse_count", "relapsed x3", "en", 3),
        ("platelet_count", "PLT 61 (FBC 30/11)", "en", 61),
        ("cd3_count", "CD3 0.45 x10^9/L at D+100", "en", 0.45),
        ("platelet_count", "PLT 22，输后 48", "zh", 48),
        ("platelet_count", "血小板 33，11.28查的", "zh", 33),
        ("creatinine", "Cr 88，他克莫司浓度 9.1", "zh", 88),
        ("age", "71 3月1955年的", "zh", 71),
        ("takes_steroids", "在吃", "zh", True),
    ],
)
def test_second_pass_readings(fact_id, said, language, meant):
    value = read_parsed(fact_id, said, language).value
    assert value is meant if isinstance(meant, bool) else value == pytest.approx(meant)


def test_a_dose_given_weekly_is_no_daily_dose():
    assert not read_parsed("daily_steroid_dose", "地塞米松 20mg qw", "zh").ok
    assert not read_parsed("daily_steroid_dose", "dex 40mg qw").ok


def test_a_partner_who_has_died_cannot_become_pregnant():
    assert (
        read_parsed("partner_can_become_pregnant", "his wife passed away in 2018", proxy=True).value is False
    )


def test_a_sentence_opened_by_before_that_is_an_earlier_one():
    assert read_parsed("last_platelet_transfusion", "Sunday. Before that 21/11").value == date(2026, 11, 29)
    # the answer itself said relative to something else is kept: asked again, never today
    said = "Not this week's Tuesday - the one before."
    assert read_parsed("last_platelet_transfusion", "Last Tuesday. " + said).value != date(2026, 12, 3)


def test_how_long_a_transfusion_took_is_no_day():
    assert read_parsed("last_platelet_transfusion", "Friday, in and out in 2 hours").value == date(
        2026, 11, 27
    )

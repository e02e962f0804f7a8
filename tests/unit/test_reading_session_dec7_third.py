"""Readings added in the third 7 December stop. Each mechanism has examples of its own, not corpus
rows, and a guard against the opposite misreading."""

from __future__ import annotations

from datetime import date

import pytest

from tests.reading import read_parsed


def _not_a_refusal(parsed) -> bool:
    return parsed.value is not False


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("she's well past the menopause, it doesn't arise", "en"),
        ("he's single, no girlfriend", "en"),
        ("she's 70 and long past all that", "en"),
        ("I don't think it applies to me", "en"),
        ("她早就绝经了", "zh"),
        ("他没对象", "zh"),
    ],
)
def test_a_reason_the_contraception_question_does_not_apply_is_never_a_refusal(said, language):
    parsed = read_parsed("willing_contraception", said, language, proxy=True)
    assert _not_a_refusal(parsed) and not parsed.ok


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("他说可以，反正现在也没对象", "zh"),
        ("行，她也没男朋友", "zh"),
        ("she's single, but sure, she would", "en"),
    ],
)
def test_an_agreement_beside_a_reason_it_does_not_apply_is_a_yes(said, language):
    assert read_parsed("willing_contraception", said, language, proxy=True).value is True


@pytest.mark.parametrize(
    "said",
    [
        "he wouldn't even know where to find a sperm bank",
        "he doesn't even know what a sperm donor is",
        "giving sperm is the last thing on his mind",
    ],
)
def test_a_negation_earlier_in_the_clause_is_about_donating(said):
    assert read_parsed("willing_no_sperm_donation", said, "en", proxy=True).value is True


def test_wanting_to_keep_donating_is_still_a_refusal():
    assert (
        read_parsed("willing_no_sperm_donation", "no, he wants to keep donating", "en", proxy=True).value
        is False
    )


@pytest.mark.parametrize(
    ("said", "value", "language"),
    [
        ("输了红细胞以后是95，没输之前74", 95, "zh"),  # red cells given, not a red-cell count
        ("红细胞4.1 血红蛋白118", 118, "zh"),  # a red-cell count beside it is still another lab
        ("after the red cells it was 96, 71 before", 96, "en"),
        ("rbc 3.9, hb 101", 101, "en"),
    ],
)
def test_blood_given_is_no_other_lab(said, value, language):
    assert read_parsed("haemoglobin", said, language).value == value


@pytest.mark.parametrize(
    ("said", "value", "language"),
    [
        ("PLT 38 ref 150-400", 38, "en"),
        ("platelets 61, reference 150 to 450", 61, "en"),
        ("血小板 五十三 参考 125-350", 53, "zh"),
        ("血小板44 括号里是100到300", 44, "zh"),
    ],
)
def test_a_reference_range_printed_without_brackets_is_no_result(said, value, language):
    assert read_parsed("platelet_count", said, language).value == value


@pytest.mark.parametrize(
    ("said", "day"),
    [
        ("the Wednesday after Christmas", date(2025, 12, 31)),
        ("the friday before christmas last year", date(2025, 12, 19)),
        ("a week after halloween", date(2026, 11, 7)),
        ("three days before bonfire night", date(2026, 11, 2)),
        ("the Monday after Easter in 2024", date(2024, 4, 1)),
        ("in 2022. the week after the Fourth of July", date(2022, 7, 11)),
        ("the day before Halloween", date(2026, 10, 30)),
        ("Thursday last week", date(2026, 11, 26)),
        ("the tuesday of last week", date(2026, 11, 24)),
    ],
)
def test_days_counted_from_a_named_day(said, day):
    assert read_parsed("last_platelet_transfusion", said, "en").value == day


@pytest.mark.parametrize(
    "said",
    [
        "two weeks after her second cycle",  # counted from another event: still asked again
        "a few months after christmas",
        "the week after my birthday",
    ],
)
def test_a_time_counted_from_another_event_is_still_asked_again(said):
    parsed = read_parsed("last_platelet_transfusion", said, "en")
    assert not parsed.ok


def test_a_weekday_right_after_a_named_day_is_the_first_such_day_after_it():
    said = "just after new year's day, the sunday I think"
    assert read_parsed("last_platelet_transfusion", said, "en").value == date(2026, 1, 4)


@pytest.mark.parametrize(
    ("said", "age", "language"),
    [
        ("我是88年的，生日是12月25号", 37, "zh"),  # the birthday still to come this year
        ("我是88年的，生日是3月2号", 38, "zh"),
        ("我是60年的，腊月生的", 65, "zh"),  # 1960's twelfth lunar month falls in January 1961
        ("1988, my birthday is the 28th of December", 37, "en"),
        ("1988, born in March", 38, "en"),
    ],
)
def test_a_birthday_said_apart_from_the_year(said, age, language):
    assert read_parsed("age", said, language).value == age


@pytest.mark.parametrize(
    ("fact_id", "said", "value", "language"),
    [
        ("ejection_fraction", "五十 不对 是五十八", 58, "zh"),
        ("platelet_count", "61, no 16", 16, "en"),
        ("age", "七十 不对 七十一了", 71, "zh"),
    ],
)
def test_a_correction_between_two_numbers(fact_id, said, value, language):
    assert read_parsed(fact_id, said, language).value == value


def test_not_between_two_numbers_is_no_correction():
    assert read_parsed("platelet_count", "61 not 16", "en").value != 16


@pytest.mark.parametrize(
    ("fact_id", "said", "value"),
    [
        ("takes_immunosuppressants", "嗯 没有", False),  # 嗯 a hesitation before the answer
        ("takes_immunosuppressants", "嗯", True),  # ... and a yes alone
        ("cardiomyopathy", "嗯 那个 没有", False),
        ("heart_failure", "心衰 没有 就是血压高", False),  # the topic echoed, then answered
        ("heart_failure", "心衰，有", True),
    ],
)
def test_hesitations_and_echoed_topics_in_chinese(fact_id, said, value):
    assert read_parsed(fact_id, said, "zh").value is value


@pytest.mark.parametrize(
    ("said", "value"),
    [
        ("heart failure, no. only high blood pressure", False),
        ("heart failure no, just angina", False),
        ("heart failure, yes", True),
    ],
)
def test_an_echoed_topic_in_english(said, value):
    assert read_parsed("heart_failure", said, "en").value is value


@pytest.mark.parametrize(
    ("said", "value"),
    [
        ("no, the team says he's not fit for a transplant", False),
        ("not yet, he needs remission first", False),
        ("yes, an allo transplant last year", True),
        ("yes, chemo then a transplant in 2020", True),  # "then transplant" told of the past
    ],
)
def test_a_transplant_ruled_out_or_still_to_come_is_none(said, value):
    assert read_parsed("stem_cell_transplant", said, "en", proxy=True).value is value


@pytest.mark.parametrize(
    ("said", "day"),
    [
        ("化疗完输过一次，十月中旬", date(2026, 10, 15)),  # 一次 is once, no day of October
        ("今年教师节那天", date(2026, 9, 10)),
    ],
)
def test_chinese_dates_beside_a_count_or_a_festival(said, day):
    assert read_parsed("last_platelet_transfusion", said, "zh").value == day


def test_a_figure_and_yue_after_a_festival_is_a_month_not_months_after():
    day = read_parsed("last_platelet_transfusion", "国庆以后 十一月初", "zh").value
    assert day != date(2027, 1, 1) and day.month in (10, 11)


def test_a_day_counted_from_a_transplant_dated_in_the_next_clause():
    said = "移植后第60天停的 移植是今年3月1号"
    assert read_parsed("transplant_immunosuppressants_stopped", said, "zh").value == date(2026, 4, 30)


@pytest.mark.parametrize(
    ("said", "value"),
    [
        ("两次都没缓解", True),  # 次 counts courses in this question
        ("第一次就缓解了", False),
        ("第一次没缓解 第二次缓解了", False),
    ],
)
def test_courses_counted_as_times(said, value):
    assert read_parsed("aml_no_response_after_two_courses", said, "zh").value is value


def test_a_leukaemia_of_no_named_kind_is_no_other_cancer():
    parsed = read_parsed("diagnosis", "白血病 别的我说不上来", "zh", proxy=True)
    assert parsed.value != "other_cancer"


@pytest.mark.parametrize("said", ["嗯啊", "嗯呐"])
def test_a_hesitation_with_only_a_particle_is_still_a_yes(said):
    assert read_parsed("takes_steroids", said, "zh").value is True


@pytest.mark.parametrize("said", ["the pill no", "condoms yes, pill no"])
def test_one_way_refused_is_no_refusal_of_contraception(said):
    assert read_parsed("willing_contraception", said, "en").value is not False


@pytest.mark.parametrize(
    ("said", "language"),
    [("1962, started chemo in March", "en"), ("62年的 3月确诊的", "zh")],
)
def test_another_events_month_is_no_birthday(said, language):
    # a birth year alone: the birthday counts as passed from 1 July, so 64 on 3 December
    assert read_parsed("age", said, language).value == 64


@pytest.mark.parametrize(
    "said",
    ["the week after easter, on the tuesday", "2 weeks after christmas, on a monday"],
)
def test_a_weekday_beside_days_counted_from_a_named_day_is_not_the_latest_such_weekday(said):
    parsed = read_parsed("last_heart_attack_or_bypass", said, "en")
    assert parsed.value not in (date(2026, 12, 1), date(2026, 11, 30))


@pytest.mark.parametrize(
    ("said", "value"),
    [("after the egfr 45 his platelets were 80", 80), ("红细胞3.2 血小板80", 80)],
)
def test_only_blood_products_after_a_transfusion_stay(said, value):
    language = "zh" if "血" in said else "en"
    assert read_parsed("platelet_count", said, language).value == value


def test_a_count_beside_a_correction_word_is_not_a_correction():
    assert read_parsed("aml_relapse_count", "1 relapse, no 2nd one, just 1", "en").value != 2


@pytest.mark.parametrize("said", ["i do not want to stop donating", "not going to stop donating"])
def test_a_negation_further_back_is_not_about_donating(said):
    assert read_parsed("willing_no_sperm_donation", said, "en", proxy=True).value is False


@pytest.mark.parametrize(
    ("fact_id", "said", "value"),
    [
        ("gvhd", "nil active gvhd", False),  # clinical shorthand: nil is none
        ("active_bleeding", "nil bleeding", False),
        ("cardiomyopathy", "nil", False),
        ("last_platelet_transfusion", "nil", "never"),
        ("last_platelet_transfusion", "he has not had platelets before", "never"),
    ],
)
def test_nil_and_not_before_say_none(fact_id, said, value):
    parsed = read_parsed(fact_id, said, "en")
    assert str(parsed.value) == str(value)


@pytest.mark.parametrize(
    ("fact_id", "said", "value", "language"),
    [
        ("haemoglobin", "hb 8.1 g/dl after 3 pints", 81, "en"),  # blood given is no value
        ("haemoglobin", "输了3袋以后是81", 81, "zh"),
        ("platelet_count", "38,000 on the last check 11/28", 38, "en"),
        ("daily_steroid_dose", "地塞 一天两片 0.75的", 10, "zh"),  # 1.5 mg dexamethasone is 10 mg prednisone
        ("daily_steroid_dose", "泼尼松早晚各10mg", 20, "zh"),
        ("creatinine", "145 高了一点", 145, "zh"),
    ],
)
def test_amounts_given_days_and_doses(fact_id, said, value, language):
    assert read_parsed(fact_id, said, language).value == value


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("she had a hysterectomy, so not required", "en"),
        ("分居了，哪来的避孕需要", "zh"),
        ("我妈都七十了 这个问题……", "zh"),  # 这个问题 is "this question", no problem word
    ],
)
def test_more_reasons_it_does_not_apply(said, language):
    parsed = read_parsed("willing_contraception", said, language, proxy=True)
    assert parsed.value is not False and not parsed.ok


def test_not_likely_to_donate_agrees():
    assert read_parsed(
        "willing_no_sperm_donation", "not likely to be donating at his age", "en", proxy=True
    ).value


@pytest.mark.parametrize(
    ("fact_id", "said", "value"),
    [
        ("can_become_pregnant", "可以吧 她才三十五 也没做过啥手术", True),
        ("partner_can_become_pregnant", "我妈去年走了 我爸现在一个人", False),
        ("partner_can_become_pregnant", "跟老婆分居了 在办离婚", False),
    ],
)
def test_chinese_pregnancy_and_partner_words(fact_id, said, value):
    assert read_parsed(fact_id, said, "zh", proxy=True).value is value


def test_a_day_of_the_month_that_agrees_with_a_day_counted_from_a_named_day():
    assert read_parsed(
        "last_platelet_transfusion", "a week before christmas, so the 18th", "en"
    ).value == date(2025, 12, 18)
    assert not read_parsed("last_platelet_transfusion", "a week before christmas, so the 20th", "en").ok


def test_a_hesitation_inside_a_sentence_stays():
    # 那个 is "that" here: the question back is explained, not read as "don't know" or an answer
    parsed = read_parsed("aml_extramedullary", "啥叫脑脊液？我没做过那个检查", "zh")
    assert parsed.problem == "answer.asks_what_it_means"

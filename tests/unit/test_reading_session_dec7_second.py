"""Readings added in the second 7 December stop. Each mechanism has examples of its own, not corpus
rows, and a guard against the opposite misreading."""

from __future__ import annotations

from datetime import date

import pytest

from tests.reading import read_parsed


@pytest.mark.parametrize(
    ("said", "bleeding"),
    [
        ("鼻血没出过", False),  # the verb after the negation: 没出过 said of the topic
        ("便血从来没发生过", False),
        ("鼻血出过，现在还在出", True),
        ("牙龈出血一直有", True),
    ],
)
def test_a_chinese_negation_with_its_verb_after_the_topic_denies_it(said, bleeding):
    assert read_parsed("active_bleeding", said, "zh").value is bleeding


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("还在打阿扎", "zh"),  # still being treated says nothing of remission
        ("现在还在用维奈克拉", "zh"),
        ("he's still having it", "en"),
        ("she is still on the aza", "en"),
    ],
)
def test_being_treated_is_no_answer_to_whether_treatment_brought_remission(said, language):
    parsed = read_parsed("aml_relapse_no_response", said, language)
    assert not parsed.ok and parsed.status != "unknown"


@pytest.mark.parametrize(
    ("said", "language", "no_response"),
    [
        ("又缓解了，现在还在打巩固", "zh", False),  # a remission beside a treatment still going on
        ("第一次复发后缓解了，这次还没有，还在打阿扎", "zh", True),
        ("yes, back in remission and still on maintenance", "en", False),
    ],
)
def test_a_remission_said_beside_a_treatment_still_counts(said, language, no_response):
    assert read_parsed("aml_relapse_no_response", said, language).value is no_response


@pytest.mark.parametrize(
    ("said", "had"),
    [
        ("Only surgery so far. They have talked about immunotherapy after Christmas.", ["none"]),
        ("chemo in 2023. The oncologist has mentioned radiotherapy.", ["chemotherapy"]),
        ("chemo starting in 2022, then radiotherapy", ["chemotherapy", "radiotherapy"]),  # a past start
    ],
)
def test_a_treatment_only_talked_of_has_not_been_had(said, had):
    assert sorted(read_parsed("cancer_treatments", said, "en").value) == sorted(had)


@pytest.mark.parametrize(
    ("fact_id", "said"),
    [
        ("age", "6462年农历八月十五"),  # a lunar year beyond lunardate's tables
        ("age", "1899年农历腊月初三"),
        ("last_platelet_transfusion", "12345年国庆"),
        ("last_platelet_transfusion", "3000年春节"),
    ],
)
def test_a_calendar_year_beyond_the_tables_is_asked_again_not_a_crash(fact_id, said):
    assert not read_parsed(fact_id, said, "zh").ok


@pytest.mark.parametrize(
    ("said", "language", "willing"),
    [
        ("I can't see why my wife wouldn't", "en", True),  # a double negative that agrees
        ("no reason why we wouldn't", "en", True),
        ("He will not refuse. We don't want a baby now", "en", True),
        ("可以，反正不想再要个孩子了", "zh", True),
        ("好的嘛，本来也不要娃娃了", "zh", True),  # 娃娃, 孩子 and the other words for a child
        ("我们还想要个娃", "zh", False),  # wanting a child is no agreement
    ],
)
def test_not_wanting_a_child_agrees_and_a_double_negative_agrees(said, language, willing):
    assert read_parsed("willing_contraception", said, language).value is willing


@pytest.mark.parametrize(
    ("said", "willing"),
    [
        ("his wife's tubes are tied so it's not needed, but yes if required", True),
        ("not married, but sure, she would", True),
        ("no partner at the moment, but no, I wouldn't", False),
    ],
)
def test_an_answer_after_a_reason_it_does_not_apply_counts(said, willing):
    assert read_parsed("willing_contraception", said, "en").value is willing


@pytest.mark.parametrize(
    "said",
    [
        "She is not married, the question does not arise",
        "I'm gay so no chance of pregnancy",
    ],
)
def test_a_reason_the_question_does_not_apply_is_no_refusal(said):
    parsed = read_parsed("willing_contraception", said, "en")
    assert not parsed.ok


@pytest.mark.parametrize(
    ("fact_id", "said", "language"),
    [
        ("takes_immunosuppressants", "啥子免疫抑制剂哦 没吃过", "zh"),  # a question word before the topic
        ("takes_immunosuppressants", "什么免疫抑制剂，没听说过", "zh"),
        ("still_on_transplant_immunosuppressants", "Stop already", "en"),
    ],
)
def test_a_topic_asked_about_or_scorned_is_no_yes(fact_id, said, language):
    assert read_parsed(fact_id, said, language).value is False


def test_a_topic_asked_about_still_leaves_a_plain_statement():
    assert read_parsed("takes_immunosuppressants", "在吃免疫抑制剂", "zh").value is True


@pytest.mark.parametrize(
    ("said", "count"),
    [
        ("Just the once, in March. That's when it all went wrong again", 1),
        ("one time last year, then she got into remission again with the new tablets", 1),
        ("it came back once in 2024 and again this summer", 2),
    ],
)
def test_again_counts_a_relapse_only_when_a_relapse_came_again(said, count):
    assert read_parsed("aml_relapse_count", said, "en").value == count


@pytest.mark.parametrize(
    ("said", "day"),
    [
        ("three weeks after her last chemo, so that would be the 10th of November", date(2026, 11, 10)),
        (
            "a fortnight after the cycle, which would be the 5th of November. Mary (daughter)",
            date(2026, 11, 5),
        ),
    ],
)
def test_a_date_worked_out_from_another_event_is_the_answer(said, day):
    assert read_parsed("last_platelet_transfusion", said, "en").value == day


@pytest.mark.parametrize(
    "said",
    [
        "three weeks after her last chemo",
        "100 days after the transplant, which was on the 1st of June",  # the event's own date
    ],
)
def test_a_time_counted_from_another_event_alone_is_asked_again(said):
    assert not read_parsed("transplant_immunosuppressants_stopped", said, "en").ok


@pytest.mark.parametrize(
    ("said", "day"),
    [
        (
            "A stent in 1999, then the heart attack in 2012. The heart attack was in the summer, June",
            date(2012, 6, 15),
        ),
        ("heart attack in 2015, in the autumn", date(2015, 10, 15)),
    ],
)
def test_a_season_takes_the_year_said_before_it(said, day):
    assert abs((read_parsed("last_heart_attack_or_bypass", said, "en").value - day).days) <= 31


def test_a_year_that_dates_a_test_is_no_value():
    assert read_parsed("ejection_fraction", "EF 50% (echo 2024)", "en").value == 50


def test_a_mild_one_is_no_number_one():
    assert read_parsed("last_heart_attack_or_bypass", "a mild one in 2017", "en").value.year == 2017


@pytest.mark.parametrize(
    ("said", "serious"),
    [
        ("dilated cardiomyopathy runs in the family, I was screened last year and I'm clear", False),
        ("my mum had HCM but I don't have it", False),
        ("dilated cardiomyopathy from the chemo", True),
    ],
)
def test_a_family_cardiomyopathy_screened_clear_is_no(said, serious):
    assert read_parsed("cardiomyopathy", said, "en").value is serious


def test_a_second_course_not_needed_is_a_remission_in_the_first():
    said = "Yes, after the first one. The second induction was not even needed"
    assert read_parsed("aml_no_response_after_two_courses", said, "en").value is False


@pytest.mark.parametrize(
    ("said", "had"),
    [
        ("They offered radiotherapy, did not get it in the end. Only chemo", ["chemotherapy"]),
    ],
)
def test_a_treatment_not_given_after_all_was_not_had(said, had):
    assert sorted(read_parsed("cancer_treatments", said, "en").value) == sorted(had)


def test_a_space_between_two_figures_keeps_them_apart():
    assert read_parsed("age", "六十四 62年农历八月十五生的", "zh").value == 64  # not a year 6462


@pytest.mark.parametrize(
    ("fact_id", "said", "value"),
    [
        ("active_hepatitis", "乙肝五项全阴，没有肝炎", False),
        ("active_hepatitis", "乙肝大三阳，刚开始吃抗病毒", True),  # treatment started says active
        ("takes_steroids", "没吃激素片，就是漱口用的", False),  # a mouthwash is no steroid tablet
        ("takes_steroids", "不是长期的，化疗那阵吃过几天", False),
        ("ventricular_arrhythmia_or_fainting", "打针的时候晕过一次，医生说是太紧张了", False),
        ("partner_can_become_pregnant", "她五十了，还没完全绝经，偶尔还来", True),
        ("stem_cell_transplant", "2023年做的，同胞全相合", True),
        ("stem_cell_transplant", "没做过，医生说吃药就行", False),  # 就行 is no yes
        ("willing_contraception", "没问题，再也不想怀了", True),
    ],
)
def test_chinese_words_read_this_stop(fact_id, said, value):
    assert read_parsed(fact_id, said, "zh").value is value


def test_a_relapse_treatment_whose_result_is_awaited_is_asked_again():
    said = "复发后化疗了两次，第二次刚做完，还在等骨穿结果"
    assert not read_parsed("aml_relapse_no_response", said, "zh").ok


@pytest.mark.parametrize(
    ("fact_id", "said", "value"),
    [
        ("haemoglobin", "血红蛋白8克5", 85),  # 8.5 g/dL
        ("creatinine", "肌酐98，吃他克莫司那阵高到过160", 98),  # 那阵, 到过: before
    ],
)
def test_chinese_numbers_read_this_stop(fact_id, said, value):
    assert read_parsed(fact_id, said, "zh").value == value


def test_one_illness_turned_into_another_is_the_later_one():
    assert read_parsed("diagnosis", "MDS转的AML", "zh").value == "aml"


def test_chope_is_chemotherapy():
    assert sorted(read_parsed("cancer_treatments", "CHOPE六个疗程", "zh").value) == ["chemotherapy"]


@pytest.mark.parametrize(
    ("said", "day"),
    [
        # each date said with its year stands, whatever it is placed against
        (
            "the heart attack in March 2018, then a bypass in May 2019, just before my retirement",
            date(2019, 5, 15),
        ),
        ("a heart attack in May 2015 and a bypass in June 2016, just after my retirement", date(2016, 6, 15)),
        # how long a stay lasted is no date to come
        ("a small one about 6 months ago, was in hospital 5 days", date(2026, 6, 3)),
        ("I was in hospital 3 weeks ago with it", date(2026, 11, 12)),
    ],
)
def test_dates_with_their_years_or_beside_a_stay(said, day):
    assert abs((read_parsed("last_heart_attack_or_bypass", said, "en").value - day).days) <= 3


@pytest.mark.parametrize(
    "said",
    [
        "100 days after the transplant, which was on the 1st of June",  # the date is the transplant's
        "My husband died in 2011, and it was before that. 2009 maybe?",  # one year is the other event's
    ],
)
def test_a_date_placed_against_another_dated_event_is_still_asked_again(said):
    assert not read_parsed("last_heart_attack_or_bypass", said, "en").ok


def test_a_wedding_anniversary_is_no_count_from_an_event():
    said = "14th October. I remember because it was our anniversary"
    assert read_parsed("ejection_fraction_date", said, "en").value == date(2026, 10, 14)


@pytest.mark.parametrize(
    ("said", "day"),
    [
        ("weaned off over the spring, the last tablet was the end of May last year", date(2025, 5, 28)),
        ("they tapered it over Christmas, final dose was New Year's Eve", date(2025, 12, 31)),
    ],
)
def test_the_clause_that_names_the_last_dose_is_the_stop_date(said, day):
    found = read_parsed("transplant_immunosuppressants_stopped", said, "en").value
    assert abs((found - day).days) <= 3


@pytest.mark.parametrize(
    ("fact_id", "said", "value"),
    [
        ("can_become_pregnant", "47了，月经不规律，几个月来一次", True),
        ("can_become_pregnant", "化疗后月经停了，医生说不一定是绝经", True),
        ("can_become_pregnant", "唔係冇可能嘅", True),  # Cantonese: not impossible
        ("ventricular_arrhythmia_or_fainting", "上个月突然就晕了，查了也没查出么事原因", True),
        (
            "ventricular_arrhythmia_or_fainting",
            "干活的时候栽倒了，醒过来啥也不知道，医生也没说出个原因",
            True,
        ),
        ("serious_liver_or_kidney_problems", "肝上有个囊肿，医生说不要紧", False),
        ("serious_liver_or_kidney_problems", "肾唔好，肌酐好高", True),  # 唔好 after an organ: not good
    ],
)
def test_more_chinese_words_read_this_stop(fact_id, said, value):
    assert read_parsed(fact_id, said, "zh").value is value


def test_not_knowing_anything_when_unconscious_is_no_dont_know():
    assert read_parsed("ventricular_arrhythmia_or_fainting", "啥也不知道", "zh").status == "unknown"


@pytest.mark.parametrize(("said", "value"), [("nvr", "never"), ("Nunca, gracias a Dios", "never")])
def test_never_in_short_and_in_spanish(said, value):
    assert read_parsed("last_platelet_transfusion", said, "en").value == value


@pytest.mark.parametrize(
    ("said", "no_response"),
    [
        ("the first time yes, this time no", True),  # the latest relapse is the one asked about
        ("The first relapse, yes. This second relapse, no, nothing has worked", True),
        ("The first time no, but this time it did", False),
    ],
)
def test_of_two_relapses_the_latest_answers(said, no_response):
    assert read_parsed("aml_relapse_no_response", said, "en").value is no_response


@pytest.mark.parametrize(
    ("said", "dose"),
    [
        ("prednisolone, 5 mg tablets, and I take four of them. So 20. Started last week", 20),
        ("prednisone 1 mg/kg, so around 60", 60),
        ("it's 30 now, so it was 50 before", 30),  # a conclusion about before is no answer
    ],
)
def test_a_dose_worked_out_after_so_is_the_answer(said, dose):
    assert read_parsed("daily_steroid_dose", said, "en").value == dose


@pytest.mark.parametrize(
    ("said", "language", "count"),
    [
        ("就一回，去年八月缓解的，今年十月又复发了", "zh", 1),  # only the one, which came back again
        ("just the once, it came back again in May", "en", 1),
        ("两次。第一次是23年11月，第二次是去年12月", "zh", 2),  # 23年11月 dates a time, it is no count
        ("it came back once in 2024 and again this summer", "en", 2),
    ],
)
def test_relapses_counted_with_only_the_one_and_with_short_years(said, language, count):
    assert read_parsed("aml_relapse_count", said, language).value == count


@pytest.mark.parametrize(("said", "language"), [("not just once, twice", "en"), ("不是就一回，是两回", "zh")])
def test_not_just_once_is_no_one(said, language):
    assert read_parsed("aml_relapse_count", said, language).value != 1


@pytest.mark.parametrize(
    ("said", "no_remission"),
    [
        ("第一个疗程没缓解，第二个疗程也没有，第三个换了方案才缓解", True),  # 也没有: the failure said again
        ("第一个疗程没缓解 第二个疗程也没有", True),  # a typed space ends a clause
        ("第二个疗程过后骨髓就正常了", False),  # all well, to how a treatment went, is a yes
        ("第一个疗程没缓解，第二个疗程缓解了", False),
    ],
)
def test_chinese_courses_that_failed_and_marrows_said_normal(said, no_remission):
    assert read_parsed("aml_no_response_after_two_courses", said, "zh").value is no_remission


@pytest.mark.parametrize(
    ("fact_id", "said", "language", "value"),
    [
        ("willing_contraception", "aye nae bother", "en", True),  # Scots
        ("willing_contraception", "wouldnae say no", "en", True),
        ("willing_contraception", "要得嘛 没得啥子不得行的", "zh", True),  # Sichuan: nothing not OK
        ("willing_contraception", "中 咋不中", "zh", True),
        ("willing_contraception", "Of course, we don't want a second baby now", "en", True),
        ("willing_no_sperm_donation", "我之前在精子库存过自己的 那个算捐吗", "zh", None),  # asked back
        ("takes_steroids", "嘛激素 没吃", "zh", False),  # Tianjin 嘛: what
        ("hiv_or_aids", "never, they checked it when he was diagnosed", "en", False),
        (
            "active_hepatitis",
            "hepatitis B for years, on entecavir, the doctor says the virus is controlled",
            "en",
            False,
        ),
        (
            "ventricular_arrhythmia_or_fainting",
            "fainted once, but that's because my hemoglobin was 5",
            "en",
            False,
        ),
        ("cardiomyopathy", "they thought it was cardiomyopathy but the echo came back okay", "en", False),
        ("active_bleeding", "a bit of pink on the toothbrush in the mornings", "en", True),
        ("serious_liver_or_kidney_problems", "liver a bit fatty only", "en", False),
        ("aml_relapse_within_12_months", "缓解了差不多一年零两个月才复发", "zh", False),  # about 14 months
        ("aml_relapse_count", "就这一回，今年夏天又犯了", "zh", 1),
        ("diagnosis", "MDS turned AML", "en", "aml"),
    ],
)
def test_tune_ad_readings(fact_id, said, language, value):
    parsed = read_parsed(fact_id, said, language)
    assert (parsed.value if parsed.ok else None) == value


@pytest.mark.parametrize(
    "said", ["20 mg of dex but that's weekly not daily", "40 mg dexamethasone but only Monday, not daily"]
)
def test_a_weekly_dose_is_no_dose_a_day(said):
    assert not read_parsed("daily_steroid_dose", said, "en").ok


def test_a_taper_said_weekly_keeps_its_dose():
    assert read_parsed("daily_steroid_dose", "pred 20mg, reducing weekly", "en").value == 20


@pytest.mark.parametrize(
    ("said", "language", "day"),
    [
        ("立冬那天", "zh", date(2026, 11, 7)),  # a solar term
        ("小雪前两天", "zh", date(2026, 11, 20)),
        ("around Mid-Autumn festival", "en", date(2026, 9, 25)),
        ("just after Hari Raya Haji", "en", date(2026, 5, 27)),
        ("September end", "en", date(2026, 9, 28)),
    ],
)
def test_festivals_and_solar_terms(said, language, day):
    found = read_parsed("last_platelet_transfusion", said, language).value
    assert abs((found - day).days) <= 3


def test_one_medicine_stopped_and_another_taken_is_asked_again():
    said = "ciclosporin stopped in November but now I take sirolimus"
    assert not read_parsed("transplant_immunosuppressants_stopped", said, "en").ok


@pytest.mark.parametrize(
    ("fact_id", "said", "language", "value"),
    [
        ("haemoglobin", "88 on the last sheet, the nurse said if it goes under 80 he needs blood", "en", 88),
        ("platelet_count", "they transfuse under 10, hers was 12 yesterday", "en", 12),
        ("platelet_count", "血小板25，医生说低于20就得输", "zh", 25),
    ],
)
def test_a_threshold_rule_beside_the_value_is_no_value(fact_id, said, language, value):
    assert read_parsed(fact_id, said, language).value == value


def test_a_value_said_to_be_under_a_figure_is_still_inexact():
    assert not read_parsed("haemoglobin", "under 80", "en").ok

"""Readings added in the first stop of the 6 December afternoon, after two new tuning parts
(en/tune_s, zh/tune_t). Each mechanism has examples of its own, not corpus rows, and a guard
against the opposite misreading."""

from __future__ import annotations

from datetime import date

import pytest

from bot.parsing.result import RESULT_PENDING
from tests.reading import read_answer


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("still waiting on the biopsy, they reckon lymphoma", "en"),
        ("they think it's a lymphoma but the pathology isn't back yet", "en"),
        ("still being investigated, maybe myeloma", "en"),
        ("还在等骨穿结果，医生怀疑是淋巴瘤", "zh"),
        ("活检还没出来，可能是肺癌", "zh"),
        ("还没确诊，像是白血病", "zh"),
    ],
)
def test_a_diagnosis_guessed_before_its_result_is_not_known_yet(said, language):
    parsed = read_answer("diagnosis", said, language).parsed
    assert parsed.status == "unknown" and parsed.problem == RESULT_PENDING, parsed


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        ("AML, waiting on the FLT3 results", "en", "aml"),
        ("breast cancer, diagnosed in May", "en", "solid_tumour"),
        ("急性髓系白血病，在等基因结果", "zh", "aml"),
    ],
)
def test_a_diagnosis_told_beside_a_later_test_still_counts(said, language, meant):
    parsed = read_answer("diagnosis", said, language).parsed
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("said", "language"), [("lymphoma, I'm not sure", "en"), ("淋巴瘤吧，不太确定", "zh")]
)
def test_a_value_said_beside_a_doubt_is_never_beyond_doubt(said, language):
    reading = read_answer("diagnosis", said, language)
    assert reading.parsed.ok and reading.parsed.value == "lymphoma" and not reading.sure, reading


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("that's up to him really", "en"),
        ("it's her decision, not mine", "en"),
        ("这个我做不了主，看他自己", "zh"),
        ("得他自己拿主意", "zh"),
    ],
)
def test_a_decision_left_to_the_patient_is_not_known_by_the_relative(said, language):
    assert read_answer("willing_contraception", said, language, proxy=True).parsed.status == "unknown"


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        ("male, I'm his daughter", "en", "male"),
        ("female. I am her son", "en", "female"),
        ("男的，我是他闺女", "zh", "male"),
        ("女，我是她儿子", "zh", "female"),
    ],
)
def test_a_relative_saying_who_they_are_does_not_answer_for_the_patient(said, language, meant):
    parsed = read_answer("sex", said, language, proxy=True).parsed
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("creatinine", "only know the eGFR, 58", None),
        ("platelet_count", "platelets 9 (x10^9/L)", 9),
        ("haemoglobin", "Hb 9.1 (g/dL)", 91),
        ("platelet_count", "it was 1,35,000", 135),
        ("ejection_fraction", "it was 40 after the first chemo but the latest one is 52", 52),
    ],
)
def test_numbers_as_reports_and_people_write_them(fact_id, said, meant):
    parsed = read_answer(fact_id, said).parsed
    if meant is None:
        assert parsed.problem == "number.other_lab", parsed
    else:
        assert parsed.ok and parsed.value == meant, parsed


def test_a_lab_named_beside_the_one_asked_about_keeps_each_value():
    parsed = read_answer("creatinine", "creatinine 95, eGFR 70").parsed
    assert parsed.ok and parsed.value == 95, parsed


@pytest.mark.parametrize(
    ("said", "language"),
    [("No, only angina", "en"), ("never, just the stent", "en"), ("没有，就是心绞痛", "zh")],
)
def test_no_beside_another_undated_event_is_never(said, language):
    parsed = read_answer("last_heart_attack_or_bypass", said, language).parsed
    assert parsed.ok and parsed.value == "never", parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language"),
    [
        ("last_heart_attack_or_bypass", "no, a stent in 2019", "en"),
        ("last_heart_attack_or_bypass", "没有，前年放了支架", "zh"),
        ("last_platelet_transfusion", "never, just one blood transfusion back in 2024", "en"),
    ],
)
def test_no_beside_another_event_dated_is_never_not_its_date(fact_id, said, language):
    parsed = read_answer(fact_id, said, language).parsed
    assert parsed.ok and parsed.value == "never", parsed


@pytest.mark.parametrize(
    ("fact_id", "said"),
    [
        ("last_heart_attack_or_bypass", "a stent in 2019"),
        ("last_platelet_transfusion", "a blood transfusion last week"),
    ],
)
def test_another_event_dated_alone_is_still_asked_again(fact_id, said):
    assert not read_answer(fact_id, said).parsed.ok


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("my sister donated her stem cells to me in 2024", True),
        ("my brother was my donor", True),
        ("I donated stem cells to my brother", False),
    ],
)
def test_stem_cells_given_to_the_patient_or_by_them(said, meant):
    parsed = read_answer("stem_cell_transplant", said).parsed
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language", "meant"),
    [
        ("still_on_transplant_immunosuppressants", "only on septrin and aciclovir now", "en", False),
        ("aml_relapse_no_response", "only partly, he still has blasts", "en", True),
        ("takes_immunosuppressants", "我妈吃的全是中药", "zh", False),
        ("heart_failure", "心脏好着哩", "zh", False),
    ],
)
def test_words_met_in_the_new_parts(fact_id, said, language, meant):
    parsed = read_answer(fact_id, said, language).parsed
    assert parsed.ok and parsed.value is meant, parsed


def test_a_widow_asked_about_contraception_is_asked_again():
    assert not read_answer("willing_contraception", "I'm 79 and widowed").parsed.ok


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        ("stopped the ciclosporin in May, now on ruxolitinib", "en", True),
        ("五月停了环孢素，现在在吃芦可替尼", "zh", True),
        ("stopped the tacrolimus in May, not on anything now", "en", False),
    ],
)
def test_a_medicine_named_only_in_a_clause_about_now_is_not_over(said, language, meant):
    parsed = read_answer("still_on_transplant_immunosuppressants", said, language).parsed
    assert parsed.ok and parsed.value is meant, parsed


def test_a_condition_named_again_now_as_recovered_is_still_over():
    parsed = read_answer(
        "serious_liver_or_kidney_problems", "她去年肾衰竭透析过，现在肾功能恢复了", "zh"
    ).parsed
    assert parsed.ok and parsed.value is False, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language", "meant"),
    [
        ("takes_steroids", "a steroid injection in my shoulder in the spring, no tablets", "en", False),
        ("takes_steroids", "only dex for a couple of days with each chemo", "en", False),
        ("active_hepatitis", "she's a hep B carrier, her liver tests are normal", "en", False),
        ("active_hepatitis", "yes, active hepatitis C, starting treatment", "en", True),
        ("ventricular_arrhythmia_or_fainting", "偶尔早搏，医生说是良性的", "zh", False),
    ],
)
def test_words_for_what_does_not_count(fact_id, said, language, meant):
    parsed = read_answer(fact_id, said, language).parsed
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("国庆过完就停了", date(2026, 10, 8)),
        ("国庆放完假上班那天停的", date(2026, 10, 8)),
        ("国庆节那天", date(2026, 10, 1)),
    ],
)
def test_a_public_holiday_said_to_be_over_is_the_day_after_it(said, meant):
    parsed = read_answer("transplant_immunosuppressants_stopped", said, "zh").parsed
    assert parsed.ok and parsed.value == meant, parsed


def test_a_no_taken_back_is_not_never():
    parsed = read_answer(
        "last_platelet_transfusion", "从来没输过。哦不对，上周好像输了一次？还是那是红细胞", "zh"
    ).parsed
    assert parsed.value != "never", parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language"),
    [
        ("hiv_or_aids", "they tested her for HIV before the transplant, all fine", "en"),
        ("hiv_or_aids", "had the hiv test in October, it was ok", "en"),
        ("hiv_or_aids", "住院时查过艾滋，没事", "zh"),
        ("hiv_or_aids", "做过艾滋病检测，结果都正常", "zh"),
        ("active_hepatitis", "查了乙肝，没问题", "zh"),
    ],
)
def test_what_a_test_looked_for_is_not_what_it_found(fact_id, said, language):
    parsed = read_answer(fact_id, said, language).parsed
    assert parsed.ok and parsed.value is False, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language"),
    [
        ("hiv_or_aids", "hiv test came back positive", "en"),
        ("hiv_or_aids", "查出艾滋", "zh"),
        ("stem_cell_transplant", "他前年做了骨髓移植", "zh"),
    ],
)
def test_what_a_test_found_or_a_procedure_done_is_still_a_yes(fact_id, said, language):
    parsed = read_answer(fact_id, said, language).parsed
    assert parsed.ok and parsed.value is True, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language"),
    [
        ("hiv_or_aids", "HIV抗体：无反应性", "zh"),
        ("active_hepatitis", "打过乙肝疫苗的", "zh"),
        ("stem_cell_transplant", "我给我哥哥捐过干细胞", "zh"),
        ("takes_immunosuppressants", "只吃化疗药", "zh"),
    ],
)
def test_chinese_words_that_say_no(fact_id, said, language):
    parsed = read_answer(fact_id, said, language).parsed
    assert parsed.ok and parsed.value is False, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language"),
    [
        ("gvhd", "the doctors think it could be GVHD, waiting on the skin biopsy", "en"),
        ("gvhd", "口腔溃疡，医生怀疑是排异，还在观察", "zh"),
    ],
)
def test_a_yes_said_as_a_guess_before_its_result_is_not_known_yet(fact_id, said, language):
    parsed = read_answer(fact_id, said, language).parsed
    assert parsed.status == "unknown" and parsed.problem == RESULT_PENDING, parsed


def test_an_event_still_looked_into_without_a_guess_is_still_said():
    parsed = read_answer(
        "ventricular_arrhythmia_or_fainting", "she collapsed twice, they're still running tests"
    ).parsed
    assert parsed.ok and parsed.value is True, parsed


def test_this_years_birthday_beside_a_date_of_birth_is_not_a_birth_this_year():
    parsed = read_answer("age", "我妈1958年12月25号生日，今年还没过", "zh").parsed
    assert parsed.ok and parsed.value == 67, parsed


@pytest.mark.parametrize(
    ("said", "language"),
    [("尿素氮8.1，肌酐忘了", "zh"), ("urea was 7, can't remember the creatinine", "en")],
)
def test_another_labs_value_beside_a_doubt_is_not_known(said, language):
    assert read_answer("creatinine", said, language).parsed.status == "unknown"


@pytest.mark.parametrize("said", ["为啥要问这个", "你问这干啥"])
def test_a_chinese_why_question_without_a_question_mark_is_no_yes(said):
    assert not read_answer("hiv_or_aids", said, "zh").parsed.ok


def test_a_why_question_beside_a_value_keeps_the_value():
    parsed = read_answer("age", "问这个干嘛，年纪大了就不能参加吗？我七十一", "zh").parsed
    assert parsed.ok and parsed.value == 71, parsed


def test_na_hui_is_a_rhetorical_no_but_na_hui_er_asks_when():
    parsed = read_answer("willing_no_sperm_donation", "他都七十多了，哪会去捐精", "zh", proxy=True).parsed
    assert parsed.ok and parsed.value is True, parsed
    assert (
        read_answer("transplant_immunosuppressants_stopped", "哪会儿停的记不清了", "zh").parsed.status
        == "unknown"
    )


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("the first time was in 2021, and now it has come back a second time", 2),
        ("first time 2023, second time 2025, and this is the third time", 3),
    ],
)
def test_years_in_a_story_are_no_count_and_the_last_time_told_counts(said, meant):
    parsed = read_answer("aml_relapse_count", said).parsed
    assert parsed.ok and parsed.value == meant, parsed


def test_a_year_alone_is_no_count():
    assert not read_answer("aml_relapse_count", "2025").parsed.ok


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("age", "71, no hang on, 72 since October", 72),
        ("stem_cell_transplant", "they collected my stem cells but never put them back", False),
        ("uncontrolled_infection", "a chest infection, on antibiotics and it's settling", False),
    ],
)
def test_more_english_words(fact_id, said, meant):
    parsed = read_answer(fact_id, said).parsed
    assert parsed.ok and parsed.value == meant, parsed


def test_a_pregnancy_test_still_to_do_is_not_known():
    assert read_answer("pregnant", "probably not, but doing a test tomorrow").parsed.status == "unknown"

"""Readings added in the fourth stop of 6 December, after two new tuning parts (en/tune_r,
zh/tune_s). Each mechanism has examples of its own, not corpus rows, and a guard against the
opposite misreading."""

from __future__ import annotations

import pytest

from tests.reading import read_answer


@pytest.mark.parametrize(("said", "meant"), [("no??", False), ("yes?", True)])
def test_a_lone_yes_or_no_said_unsure_is_that_answer_but_never_beyond_doubt(said, meant):
    reading = read_answer("serious_liver_or_kidney_problems", said)
    assert reading.parsed.ok and reading.parsed.value is meant and not reading.sure, reading


@pytest.mark.parametrize("said", ["so I don't think so?", "is that a yes?", "so I guess not?"])
def test_more_than_a_lone_word_before_a_question_mark_is_asked_again(said):
    assert not read_answer("serious_liver_or_kidney_problems", said).parsed.ok


@pytest.mark.parametrize(
    ("fact_id", "said", "language"),
    [
        ("diagnosis", "still waiting, nothing confirmed yet", "en"),
        ("active_hepatitis", "yellow eyes, they sent bloods for hepatitis, result not come yet", "en"),
        ("aml_relapse_no_response", "not yet known, she's halfway through", "en"),
    ],
)
def test_a_result_still_to_come_is_not_known(fact_id, said, language):
    assert read_answer(fact_id, said, language).parsed.status == "unknown"


def test_a_faint_still_being_looked_into_is_still_a_faint():
    parsed = read_answer(
        "ventricular_arrhythmia_or_fainting", "passed out twice in May, they're still doing tests"
    ).parsed
    assert parsed.ok and parsed.value is True, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("uncontrolled_infection", "had a chest infection in October but she's over it now", False),
        ("uncontrolled_infection", "cold sores, the cream has them drying up", False),
        (
            "serious_liver_or_kidney_problems",
            "liver numbers jumped on chemo, came back down to normal after",
            False,
        ),
        ("serious_liver_or_kidney_problems", "Not 'severe', no. They just watch the creatinine", False),
        ("takes_steroids", "no oral steroids, just an inhaler", False),
    ],
)
def test_a_condition_over_or_denied(fact_id, said, meant):
    parsed = read_answer(fact_id, said).parsed
    assert parsed.ok and parsed.value is meant, parsed


def test_a_short_what_is_asks_what_the_word_means():
    assert read_answer("takes_steroids", "what is steroid").parsed.problem == "answer.asks_what_it_means"


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        ("Breast cancer first, but now they say it's AML from the chemo", "en", "aml"),
        ("以前是乳腺癌，现在又查出急性髓系白血病", "zh", "aml"),
    ],
)
def test_the_illness_now_outweighs_the_one_before(said, language, meant):
    parsed = read_answer("diagnosis", said, language).parsed
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        ("not willing to donate, no", "en", True),
        ("I'm willing to donate", "en", False),
        ("我不愿意捐精的", "zh", True),
        ("我愿意捐精", "zh", False),
        ("愿意不捐", "zh", True),
    ],
)
def test_willingness_said_of_donating_itself(said, language, meant):
    parsed = read_answer("willing_no_sperm_donation", said, language).parsed
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language"),
    [
        ("cardiomyopathy", "舅舅没有，是他儿子有心肌病", "zh"),
        ("heart_failure", "no, but her sister has heart failure", "en"),
    ],
)
def test_for_a_caregiver_the_patients_relative_is_someone_else(fact_id, said, language):
    parsed = read_answer(fact_id, said, language, proxy=True).parsed
    assert parsed.ok and parsed.value is False, parsed


def test_for_a_caregiver_the_patient_named_alone_is_still_the_patient():
    parsed = read_answer("heart_failure", "my dad has heart failure", proxy=True).parsed
    assert parsed.ok and parsed.value is True, parsed


@pytest.mark.parametrize(
    ("said", "language"), [("腰穿查过脑脊液，没有", "zh"), ("they tested the spinal fluid, no", "en")]
)
def test_a_closing_yes_or_no_answers_after_naming_what_was_looked_at(said, language):
    reading = read_answer("aml_extramedullary", said, language)
    assert reading.parsed.ok and reading.parsed.value is False and not reading.sure, reading


@pytest.mark.parametrize(
    ("said", "meant"), [("twice, in 2023 and again in 2025", 2), ("3 times (2019, 2021 and 2024)", 3)]
)
def test_years_beside_a_count_date_the_times_counted(said, meant):
    parsed = read_answer("aml_relapse_count", said).parsed
    assert parsed.ok and parsed.value == meant, parsed


def test_a_year_alone_is_still_no_count():
    assert not read_answer("aml_relapse_count", "2023").parsed.ok


@pytest.mark.parametrize(("said", "meant"), [("noo", False), ("nopee", False), ("yess", True)])
def test_a_lone_yes_or_no_typed_long(said, meant):
    parsed = read_answer("ventricular_arrhythmia_or_fainting", said).parsed
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("aml_extramedullary", "they found it in a testicle before the chemo", True),
        ("aml_extramedullary", "CSF cytology negative", False),
        ("partner_can_become_pregnant", "she had an operation to close the tubes", False),
    ],
)
def test_words_for_where_the_leukaemia_was_and_for_a_sterilisation(fact_id, said, meant):
    parsed = read_answer(fact_id, said).parsed
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language"),
    [
        ("hiv_or_aids", "HIV：未检出", "zh"),
        ("hiv_or_aids", "没感染艾滋", "zh"),
        ("hiv_or_aids", "艾滋病筛查未见异常", "zh"),
        ("active_hepatitis", "乙肝表面抗原未检出", "zh"),
        ("hiv_or_aids", "HIV not detected", "en"),
        ("hiv_or_aids", "not infected with HIV", "en"),
        ("active_hepatitis", "hep B not detected", "en"),
    ],
)
def test_a_test_that_found_nothing_is_a_no(fact_id, said, language):
    parsed = read_answer(fact_id, said, language).parsed
    assert parsed.ok and parsed.value is False, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language"),
    [("hiv_or_aids", "感染了艾滋", "zh"), ("active_hepatitis", "乙肝DNA检测到了", "zh")],
)
def test_a_test_that_found_it_is_still_a_yes(fact_id, said, language):
    parsed = read_answer(fact_id, said, language).parsed
    assert parsed.ok and parsed.value is True, parsed


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("I'm a widow, so it doesn't apply to me", "en"),
        ("I can't take hormone pills because of a clot", "en"),
        ("一个人过，不需要", "zh"),
    ],
)
def test_contraception_not_needed_is_no_refusal(said, language):
    assert not read_answer("willing_contraception", said, language).parsed.ok


def test_no_big_deal_agrees():
    parsed = read_answer("willing_contraception", "这个没啥", "zh").parsed
    assert parsed.ok and parsed.value is True, parsed

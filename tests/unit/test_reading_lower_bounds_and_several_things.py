"""Readings added after studying the tuning parts en/tune_j and zh/tune_g: numbers said only as a
lower bound, questions about several things at once, and "nobody said". Examples of their own (not
corpus rows), so none can quietly come undone."""

from __future__ import annotations

from datetime import date

import pytest

from bot.facts import default_registry
from bot.understanding import understand

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("fact_id", "said", "language"),
    [
        ("platelet_count", "maybe 30 something", "en"),
        ("platelet_count", "thirty-something I think", "en"),
        ("platelet_count", "a hundred and fifty odd", "en"),
        ("haemoglobin", "it was 10 point something", "en"),
        ("creatinine", "120 plus", "en"),
        ("haemoglobin", "血红蛋白8点几", "zh"),
    ],
)
def test_a_number_said_as_a_lower_bound_is_asked_again(fact_id, said, language):
    parsed = understand(fact_id, said, TODAY, language=language).parsed
    assert parsed.status == "unclear" and parsed.problem == "number.inexact", parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("cd3_count", "the CD3 was 0.8 something", 0.8),  # a decimal: precise enough for any rule
        ("platelet_count", "it used to be 200 and something, now it is 55", 55),  # the latest is exact
        ("platelet_count", "about 70", 70),
    ],
)
def test_an_exact_or_latest_number_is_still_read(fact_id, said, meant):
    parsed = understand(fact_id, said, TODAY).parsed
    assert parsed.ok and parsed.value == meant, parsed


def test_an_inexact_latest_number_is_asked_again():
    parsed = understand("platelet_count", "it was 90 last month, now it is 40 something", TODAY).parsed
    assert parsed.problem == "number.inexact", parsed


def test_only_questions_about_several_things_say_which_ones():
    several = {fact.id for fact in default_registry().definitions.values() if fact.yes_if_any}
    assert "serious_liver_or_kidney_problems" in several
    assert "heart_failure" not in several  # one thing asked: a yes and a no are a contradiction


@pytest.mark.parametrize(
    ("fact_id", "said", "language"),
    [
        ("serious_liver_or_kidney_problems", "my liver is fine but the kidneys are failing", "en"),
        ("serious_liver_or_kidney_problems", "kidneys ok. liver: end stage", "en"),
        (
            "ventricular_arrhythmia_or_fainting",
            "the palpitations are af only, but the faint was unexplained",
            "en",
        ),
        ("serious_liver_or_kidney_problems", "肝功能正常，肾衰竭在透析", "zh"),
    ],
)
def test_a_yes_to_one_of_several_things_is_a_yes(fact_id, said, language):
    parsed = understand(fact_id, said, TODAY, language=language).parsed
    assert parsed.ok and parsed.value is True, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language"),
    [
        ("serious_liver_or_kidney_problems", "stage 3 kidney disease, nobody's called it bad", "en"),
        ("serious_liver_or_kidney_problems", "a fatty liver, mild they said, kidneys fine", "en"),
        ("heart_failure", "high blood pressure, but nobody's said heart failure", "en"),
        ("serious_liver_or_kidney_problems", "肌酐稍高，没人说过很差", "zh"),
    ],
)
def test_nobody_said_and_mild_say_no(fact_id, said, language):
    parsed = understand(fact_id, said, TODAY, language=language).parsed
    assert parsed.ok and parsed.value is False, parsed


def test_a_question_back_about_the_wording_is_not_a_yes():
    parsed = understand("serious_liver_or_kidney_problems", "what counts as very poorly", TODAY).parsed
    assert not parsed.ok, parsed


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("three 5s every morning", 15),  # "5s": tablets of 5 mg
        ("prednisolone 10mg at 8am and 5mg at 2pm", 15),  # clock times are times of day, not doses
        ("dexamethasone 2mg at 9am, 2mg at 9pm", 26.67),
    ],
)
def test_doses_by_tablet_strength_and_clock_time(said, meant):
    parsed = understand("daily_steroid_dose", said, TODAY).parsed
    assert parsed.ok and parsed.value == pytest.approx(meant, abs=0.01), parsed


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        # "fine" a few words away from the activity still says it brings nothing on
        ("breathless walking to the toilet, fine otherwise when I'm sitting", 3),
        ("the hills get me, but sitting here talking to you I'm fine", 2),
    ],
)
def test_fine_at_rest_said_a_few_words_away(said, meant):
    parsed = understand("heart_failure_limitation", said, TODAY).parsed
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        # a homophone the pinyin keyboard offered (hua liao, fang liao, ba xiang, sui xi, lin ba liu)
        ("cancer_treatments", "花疗做过六次，房疗也做了", ["chemotherapy", "radiotherapy"]),
        ("cancer_treatments", "吃过把向药", ["targeted"]),
        ("diagnosis", "急性随系白血病", "aml"),
        ("diagnosis", "霍奇金淋巴留", "lymphoma"),
        # regimens and drugs named in Latin letters in a Chinese answer
        ("cancer_treatments", "FOLFOX十二个周期", ["chemotherapy"]),
        ("cancer_treatments", "R-CHOP六次", ["chemotherapy", "targeted"]),
        # a choice negated right after it
        ("cancer_treatments", "化疗做过，放疗没做", ["chemotherapy"]),
        ("cancer_treatments", "放疗做了，靶向药没吃过", ["radiotherapy"]),
    ],
)
def test_chinese_choices_with_homophones_latin_names_and_negation_after(fact_id, said, meant):
    parsed = understand(fact_id, said, TODAY, language="zh").parsed
    assert parsed.ok and parsed.value == meant, parsed


def test_a_homophone_inside_a_word_of_its_own_is_left_alone():
    from bot.parsing.pinyin import homophones_corrected

    # 上半天 is a word: "在上半" is not 在上班 (at work)
    assert homophones_corrected("现在上半天班", ("上班", "在上班")) == "现在上半天班"
    assert homophones_corrected("化廖八次", ("化疗",)) == "化疗八次"


def test_a_homophone_in_a_yes_no_answer_and_negations_kept():
    from bot.parsing.pinyin import homophones_corrected

    parsed = understand(
        "aml_no_response_after_two_courses", "两个疗程以后就缓介了", TODAY, language="zh"
    ).parsed
    assert parsed.ok and parsed.value is False, parsed  # 缓介 is 缓解: it went into remission
    # a correction never writes or removes a negation: 眼部 is not made into 眼不, 没有 not into 梅友
    assert homophones_corrected("她眼部排异", ("眼不",)) == "她眼部排异"
    assert homophones_corrected("她没有", ("梅友",)) == "她没有"
    assert homophones_corrected("她眼部排异", ("眼不",), keep="") == "她眼不排异"  # the rule that stops it


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        # a question in its own sentence is set aside, the sentence before it still answers
        ("willing_contraception", "Sure, no trouble at all. Does the coil count?", True),
        ("takes_steroids", "No. I take a lot of tablets though. Is metformin one?", False),
        # a plain yes or no of its own beside "does that count?" answers
        ("willing_contraception", "I have an implant, would that count? Anyway, yes.", True),
    ],
)
def test_a_question_beside_a_plain_answer(fact_id, said, meant):
    parsed = understand(fact_id, said, TODAY).parsed
    assert parsed.ok and parsed.value is meant, parsed


def test_does_it_count_alone_is_asked_again():
    parsed = understand("takes_steroids", "a steroid cream for my eczema, does that count?", TODAY).parsed
    assert not parsed.ok, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("still_on_transplant_immunosuppressants", "他克莫司还吃着呢", True),  # 着呢 tells, it does not ask
        ("willing_no_sperm_donation", "都这岁数了，不捐嘛", True),  # 嘛 stresses a statement
        ("partner_can_become_pregnant", "她都七十了，哪可能嘛", False),  # rhetorical: not possible
        ("takes_steroids", "冇食激素", False),  # Cantonese: 冇 (not) 食 (eat)
    ],
)
def test_chinese_sentence_endings_and_rhetorical_questions(fact_id, said, meant):
    parsed = understand(fact_id, said, TODAY, language="zh").parsed
    assert parsed.ok and parsed.value is meant, parsed


def test_a_chinese_question_is_still_not_an_answer():
    parsed = understand("takes_steroids", "激素会影响治疗吗", TODAY, language="zh").parsed
    assert not parsed.ok, parsed


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("今年三十五，下个月就三十六了", 35),  # an age still to come is not today's
        ("快要七十了", 69),
        ("1972年出世", 54),  # Cantonese 出世: born
        ("我是1960年农历三月初八生的", 66),  # a lunar birthday: the year gives the age
        ("88年5月20号", 38),  # a two-digit year with month and day is a date of birth
    ],
)
def test_chinese_ages_to_come_and_dates_of_birth(said, meant):
    parsed = understand("age", said, TODAY, language="zh").parsed
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("said", "meant", "language"),
    [
        ("one relapse, about 14 months after remission", 1, "en"),  # 14 months is a length of time
        ("复发2次，第二次是移植后+100天", 2, "zh"),
    ],
)
def test_a_count_beside_a_length_of_time(said, meant, language):
    parsed = understand("aml_relapse_count", said, TODAY, language=language).parsed
    assert parsed.ok and parsed.value == meant, parsed


def test_another_labs_value_after_which_is_is_not_the_one_asked():
    parsed = understand("cd3_count", "I only know his CD4, which was 410", TODAY).parsed
    assert parsed.problem == "number.other_lab", parsed


@pytest.mark.parametrize(("said", "meant"), [("nought point seven", 0.7), ("oh point six", 0.6)])
def test_nought_point(said, meant):
    parsed = understand("cd3_count", said, TODAY).parsed
    assert parsed.ok and parsed.value == meant, parsed


def test_next_wk():
    parsed = understand("age", "64 next wk", TODAY).parsed
    assert parsed.ok and parsed.value == 63 and parsed.alternatives == (64,), parsed


@pytest.mark.parametrize(
    ("said", "meant", "language"),
    [
        ("复发过两回，第一回在县医院，第二回在省里", 2, "zh"),  # 第一回/第二回 say which, not how many
        ("先复发一次，好了以后又复发，前后一共两次", 2, "zh"),  # the total said is the count
        ("first in March, then again in August, so 2 in total", 2, "en"),
        ("这是第三次复发了", 3, "zh"),
    ],
)
def test_counts_told_with_ordinals_and_totals(said, meant, language):
    parsed = understand("aml_relapse_count", said, TODAY, language=language).parsed
    assert parsed.ok and parsed.value == meant, parsed


def test_an_ordinal_of_something_else_is_not_a_count():
    parsed = understand("aml_relapse_count", "第三个疗程以后复发了", TODAY, language="zh").parsed
    assert parsed.value != 3, parsed


def test_never_told_after_the_topic_says_no():
    parsed = understand("cardiomyopathy", "心肌有点肥厚，心肌病倒没讲过", TODAY, language="zh").parsed
    assert parsed.ok and parsed.value is False, parsed

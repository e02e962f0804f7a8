"""Readings added on 5 December (third stop): Chinese words half typed in pinyin, homophones of the
words that answer a willingness, and more. Each mechanism has examples of its own, not corpus rows."""

from __future__ import annotations

import pytest

from bot.parsing.chinese import is_chinese
from bot.parsing.pinyin import pinyin_slips_written
from tests.reading import read_parsed


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("mei有", "没有"),
        ("已经huan解了", "已经缓解了"),  # a slip inside a sentence, its word's other half after it
        ("ta复发过 san ci", "他复发过 三次"),
        ("hao的", "好的"),
        ("没有fu发", "没有复发"),  # "fu" is also an English word list's; touching 发 it is pinyin
    ],
)
def test_a_word_half_typed_in_pinyin_is_written_in_characters(typed, written):
    assert pinyin_slips_written(typed) == written


@pytest.mark.parametrize(
    "typed",
    ["PLT 45", "EF 63%", "他在吃 tacrolimus", "ok的", "我 fine", "cd3 0.8", "I am fine"],
)
def test_latin_words_that_are_no_pinyin_slip_stay_as_typed(typed):
    assert pinyin_slips_written(typed) == typed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("willing_contraception", "yuan意", True),
        ("willing_contraception", "没问提", True),  # 题 typed as 提
        ("willing_contraception", "不反队", True),  # 对 typed as 队
        ("willing_contraception", "不愿易", False),
        ("aml_no_response_after_two_courses", "两个疗程就huan解了", False),
        ("aml_relapse_count", "fu发过liang次", 2),
    ],
)
def test_slips_of_the_pinyin_keyboard_answer_the_question(fact_id, said, meant):
    parsed = read_parsed(fact_id, said, "zh")
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("晕过去一回，到现在也不知道是啥原因", "zh"),
        ("昏倒过，医生查不出为什么", "zh"),
        ("突然栽倒过一次，原因不明", "zh"),
        ("前年人突然没了知觉，也搞不懂咋回事", "zh"),
        ("blacked out at the shops in May, nobody knows why", "en"),
    ],
)
def test_a_faint_whose_cause_is_unknown_is_a_yes_not_a_dont_know(said, language):
    parsed = read_parsed("ventricular_arrhythmia_or_fainting", said, language)
    assert parsed.ok and parsed.value is True, parsed


@pytest.mark.parametrize(("said", "language"), [("不知道", "zh"), ("no idea", "en")])
def test_a_plain_dont_know_still_is_one(said, language):
    assert read_parsed("ventricular_arrhythmia_or_fainting", said, language).status == "unknown"


def test_not_knowing_whether_it_counts_gets_the_question_explained():
    """不知道算不算 doubts the question, not the answer (since 6 December): explained, asked again."""
    parsed = read_parsed("ventricular_arrhythmia_or_fainting", "不知道算不算", "zh")
    assert parsed.problem == "answer.asks_what_it_means", parsed


@pytest.mark.parametrize(
    ("said", "language"),
    [("有时候心慌", "zh"), ("心悸", "zh"), ("my heart races now and then", "en"), ("palpitations", "en")],
)
def test_palpitations_alone_are_no_yes_to_a_serious_arrhythmia(said, language):
    parsed = read_parsed("ventricular_arrhythmia_or_fainting", said, language)
    assert not (parsed.ok and parsed.value is True), parsed


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        ("没有，偶尔心悸一下", "zh", False),
        ("no, only palpitations from time to time", "en", False),
        ("心慌得厉害，查出来是室速", "zh", True),
    ],
)
def test_palpitations_beside_a_plain_answer_leave_it_standing(said, language, meant):
    parsed = read_parsed("ventricular_arrhythmia_or_fainting", said, language)
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize("said", ["有时候吧", "有的时候，看情况"])
def test_sometimes_holds_no_yes(said):
    assert not read_parsed("active_bleeding", said, "zh").ok


@pytest.mark.parametrize(
    ("fact_id", "said", "language", "meant"),
    [
        ("creatinine", "上次90，这次涨了些，115", "zh", 115),  # 这次 said between the numbers belongs to 115
        ("haemoglobin", "88 at the previous check, 95 this week", "en", 95),
        ("haemoglobin", "95; previous 88", "en", 95),
    ],
)
def test_the_latest_of_two_readings_is_the_answer(fact_id, said, language, meant):
    parsed = read_parsed(fact_id, said, language)
    assert parsed.ok and parsed.value == meant, parsed


def test_a_chinese_comma_never_joins_two_numbers_into_thousands():
    parsed = read_parsed("creatinine", "上次90，115", "zh")
    # two readings, never 90115: the one said plainly beside "上次" (last time) is now, or it is asked again
    assert parsed.problem == "number.ambiguous" or (parsed.ok and parsed.value == 115), parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language"),
    [
        ("heart_failure", "医生没说过", "zh"),
        ("cardiomyopathy", "我妈说大夫没讲过这个", "zh"),
        ("serious_liver_or_kidney_problems", "大夫没说过，应该都正常", "zh"),
        ("heart_failure", "nope, they never said", "en"),
        ("cardiomyopathy", "nope, I was not told that", "en"),
    ],
)
def test_nobody_having_said_so_is_a_no_to_a_question_about_what_a_doctor_said(fact_id, said, language):
    parsed = read_parsed(fact_id, said, language)
    assert parsed.ok and parsed.value is False, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language"),
    [
        ("active_hepatitis", "医生没说过", "zh"),  # to a question not about what was said: a don't know
        ("heart_failure", "不清楚，医生没说过", "zh"),  # a don't know of its own stands
        ("heart_failure", "医生没说是不是心衰", "zh"),  # "didn't say whether" is no no
        ("uncontrolled_infection", "nobody told me", "en"),
        ("hiv_or_aids", "测是测过，结果没人告诉我", "zh"),  # tested, the result not told
    ],
)
def test_nobody_having_said_so_is_no_no_elsewhere(fact_id, said, language):
    parsed = read_parsed(fact_id, said, language)
    assert not (parsed.ok and parsed.value is False), parsed


def test_nobody_having_said_so_beside_a_yes_is_asked_again():
    parsed = read_parsed("serious_liver_or_kidney_problems", "nobody told me that, but I'm on dialysis", "en")
    assert not parsed.ok and parsed.status != "unknown", parsed


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        # remission with a later course is none within the first two: no response after two = True
        ("前两个疗程都不行，第四个疗程才缓解", "zh", True),
        ("打到第3疗程才达到CR", "zh", True),
        ("he only got into remission after the fourth cycle", "en", True),
        ("it took 3 rounds of chemo before she was in remission", "en", True),
        # with one of the first two it is
        ("第2个疗程就缓解了", "zh", False),
        ("remission after the 2nd cycle", "en", False),
        # a course that did not bring it says nothing of which did
        ("no CR after 2 cycles", "en", True),
    ],
)
def test_the_course_that_brought_remission_answers_the_first_two_courses(said, language, meant):
    parsed = read_parsed("aml_no_response_after_two_courses", said, language)
    assert parsed.ok and parsed.value is meant, parsed


def test_a_regimen_named_by_numbers_is_no_count_of_courses():
    assert read_parsed("aml_no_response_after_two_courses", "7+3一个疗程就缓解了", "zh").value is False


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("下个月满七十", 69),  # an age still to come, said with nothing after it
        ("还差两个月就六十岁", 59),
        ("差三天满十八", 17),
        ("女，38", 38),  # the age after a Chinese comma
        ("男，六十五", 65),
    ],
)
def test_chinese_ages_still_to_come_and_after_a_comma(said, meant):
    parsed = read_parsed("age", said, "zh")
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language"),
    [
        ("stem_cell_transplant", "the transplant is booked for next month", "en"),
        ("stem_cell_transplant", "打算明年开春做移植", "zh"),
        ("takes_steroids", "starting dexamethasone next week", "en"),
    ],
)
def test_a_thing_still_to_come_is_not_had_yet(fact_id, said, language):
    parsed = read_parsed(fact_id, said, language)
    assert parsed.ok and parsed.value is False, parsed


def test_a_clause_about_later_leaves_one_about_now_standing():
    assert read_parsed("stem_cell_transplant", "移植过了，下个月复查", "zh").value is True


@pytest.mark.parametrize("said", ["莫问题", "没啥说的，照办", "冇问题"])
def test_dialect_agreements_say_yes_to_a_willingness(said):
    parsed = read_parsed("willing_contraception", said, "zh")
    assert parsed.ok and parsed.value is True, parsed


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("没停呢", "zh"),
        ("在减量，隔天吃一片", "zh"),
        ("停过一段时间又吃上了", "zh"),
        ("骁悉停了，他克莫司还在吃", "zh"),  # one medicine of several still taken
        ("仲食紧", "zh"),  # Cantonese: still taking it
        ("the last dose is on Friday", "en"),
        ("off it for a month, then put back on it", "en"),
        ("cellcept stopped, still on tacro", "en"),
    ],
)
def test_medicines_still_taken_after_a_transplant(said, language):
    parsed = read_parsed("still_on_transplant_immunosuppressants", said, language)
    assert parsed.ok and parsed.value is True, parsed


@pytest.mark.parametrize(
    ("said", "language"), [("已经减停了", "zh"), ("都停了", "zh"), ("last dose was in June", "en")]
)
def test_medicines_stopped_after_a_transplant(said, language):
    parsed = read_parsed("still_on_transplant_immunosuppressants", said, language)
    assert parsed.ok and parsed.value is False, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("willing_contraception", "wont be a problem", True),  # "wont" typed without its apostrophe
        ("willing_contraception", "can't see it being an issue for her", True),  # a denied thought
        ("willing_contraception", "honestly not fussed", True),
        ("willing_no_sperm_donation", "he's a registered donor and wants to keep going", False),
        ("aml_no_response_after_two_courses", "it didn't go into remission", True),
        ("aml_no_response_after_two_courses", "nope, took a third try", True),
        # a no that answers, then a clause with its own subject
        ("can_become_pregnant", "no she went through the change ages ago", False),
        ("heart_failure", "no history of heart failure", False),
    ],
)
def test_english_answers_found_in_a_new_tuning_part(fact_id, said, meant):
    parsed = read_parsed(fact_id, said)
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize(("said", "meant"), [("nooooo", False), ("yesss!", True), ("naaah", False)])
def test_a_word_drawn_out_is_still_the_word(said, meant):
    parsed = read_parsed("heart_failure", said)
    assert parsed.ok and parsed.value is meant, parsed


def test_roman_figures_are_no_drawn_out_word():
    assert read_parsed("heart_failure_limitation", "NYHA class III").value == 3


@pytest.mark.parametrize("said", ["not right now", "not at the moment"])
def test_not_now_is_a_no_to_a_question_about_now(said):
    parsed = read_parsed("active_bleeding", said)
    assert parsed.ok and parsed.value is False, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("pregnant", "试纸测出来两道杠", True),
        ("pregnant", "在备孕，还没怀上", False),
        ("pregnant", "六十了还怀孕，开什么玩笑", False),  # a pregnancy laughed off
        ("breastfeeding", "早回奶了", False),
        ("breastfeeding", "晚上偶尔喂一下", True),
        ("breastfeeding", "孩子都读大学了", False),
    ],
)
def test_chinese_pregnancy_and_breastfeeding_answers(fact_id, said, meant):
    parsed = read_parsed(fact_id, said, "zh")
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("嗯…没有", True),  # a hesitation, then a no: no remission after the relapse
        ("复发后一个疗程就又CR了", False),
        ("前两回都缓解了，这回还没缓解", True),  # this time decides
        ("换了两个方案都没效果", True),  # 换了 is no homophone slip of a remission word
    ],
)
def test_answers_about_remission_after_a_relapse(said, meant):
    parsed = read_parsed("aml_relapse_no_response", said, "zh")
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize(("said", "meant"), [("我老伴前年就不在了", False), ("媳妇刚生完孩子两个月", True)])
def test_a_partner_who_died_or_just_gave_birth(said, meant):
    parsed = read_parsed("partner_can_become_pregnant", said, "zh")
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize(
    ("said", "meant"),
    [("肺部真菌感染，吃着药，挺稳定", False), ("有点咳嗽，不严重", False), ("血培养阳性，烧不退", True)],
)
def test_chinese_infections_stable_or_not(said, meant):
    parsed = read_parsed("uncontrolled_infection", said, "zh")
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("willing_contraception", "没什么不中的", True),  # 不中 (Henan: no) denied
        ("stem_cell_transplant", "未做过移植", False),
        ("hiv_or_aids", "伐有", False),  # Shanghainese
        ("stem_cell_transplant", "还没有，等缓解了再考虑移植", False),
        ("uncontrolled_infection", "肺炎刚好", False),
    ],
)
def test_chinese_answers_found_in_a_new_tuning_part(fact_id, said, meant):
    parsed = read_parsed(fact_id, said, "zh")
    assert parsed.ok and parsed.value is meant, parsed


# 5 December, fourth stop: from en/tune_p and zh/tune_q, with examples of my own.
@pytest.mark.parametrize(
    "said",
    ["有什么不可以的", "没啥不愿意的", "也没什么不同意的", "有啥好担心的", "没什么好顾虑的"],
)
def test_a_refusal_denied_or_asked_rhetorically_agrees(said):
    parsed = read_parsed("willing_contraception", said, "zh")
    assert parsed.ok and parsed.value is True, parsed


@pytest.mark.parametrize("said", ["不可以", "我不愿意", "有顾虑"])
def test_a_plain_refusal_still_refuses(said):
    parsed = read_parsed("willing_contraception", said, "zh")
    assert parsed.ok and parsed.value is False, parsed


def test_a_slot_phrase_is_written_out_in_the_spaced_lists_too():
    from bot.parsing.words import words

    spaced = words("zh").spaced_list("willing_yes")
    assert "有 啥 不 行" in spaced
    assert not any("{" in phrase for phrase in spaced)


@pytest.mark.parametrize(
    ("fact_id", "said", "meant", "language"),
    [
        ("willing_contraception", "no its ok", True, "en"),
        ("willing_contraception", "no that's alright with me", True, "en"),
        ("willing_contraception", "no, I don't think that is fine", False, "en"),
        ("willing_contraception", "no probz", True, "en"),
        ("willing_contraception", "that'd be a non-issue", True, "en"),
        ("willing_no_sperm_donation", "she never would", True, "en"),
        ("willing_no_sperm_donation", "i wouldn't dream of it", True, "en"),
        ("willing_no_sperm_donation", "都七十了还捐啥", True, "zh"),
        ("active_hepatitis", "乙肝，吃着药，病毒量测不到", False, "zh"),
        ("aml_relapse_count", "没有没有", 0, "zh"),
    ],
)
def test_answers_found_in_the_fourth_stops_tuning_parts(fact_id, said, meant, language):
    parsed = read_parsed(fact_id, said, language)
    assert parsed.ok and parsed.value == meant and type(parsed.value) is type(meant), parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("aml_extramedullary", "no only the marrow", False),  # the no answers; "only ..." is its own clause
        ("aml_extramedullary", "not just the blood, the skin as well", True),  # "not just" still negates
        ("aml_extramedullary", "they checked the lump, negative for leukemia", False),
        ("willing_contraception", "no that's totally fine", True),
        ("willing_no_sperm_donation", "no way would i donate", True),
    ],
)
def test_a_no_that_answers_before_a_clause_opened_by_that_just_or_only(fact_id, said, meant):
    parsed = read_parsed(fact_id, said)
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        # Beside answers that all agree, a plain refusal is about the thing to refrain from.
        ("Of course, he is not doing any such thing", True),
        ("not going to be donating anything so yes that's fine", True),
        ("yes obviously he won't be doing that", True),
        ("Sure. She won't.", True),
        ("Sure, that's not something I'd do", True),
        # With nothing else agreeing, a refusal of the request still counts (and is read back)...
        ("No, he would not agree to that", False),
        # ... but one that names neither the request nor the thing may mean he won't donate:
        # asked again with buttons that say which, never a no.
        ("no he won't", None),
        ("好的，不会的", True),
        # A lone 不会 ("won't") may refuse either: asked again with buttons that say which.
        ("不会", None),
    ],
)
def test_a_refusal_beside_a_yes_to_refraining_is_about_the_thing_refrained_from(said, meant):
    parsed = read_parsed("willing_no_sperm_donation", said, "zh" if is_chinese(said) else "en")
    if meant is None:
        assert parsed.problem == "boolean.refrain_unclear", parsed
    else:
        assert parsed.ok and parsed.value is meant, parsed


def test_a_refusal_beside_a_yes_still_refuses_a_question_that_asks_for_something():
    parsed = read_parsed("willing_contraception", "yes I read it, but I won't do that")
    assert not (parsed.ok and parsed.value is True), parsed


@pytest.mark.parametrize(
    ("said", "meant", "language"),
    [
        ("DOB 3 Dec 1976, it's my birthday today as it happens", 50, "en"),
        ("7/4/1976 - yes, a 4th of July baby", 50, "en"),
        ("born 4 Dec 1970, a day before my wife", 55, "en"),
        ("1976年12月3日，今天正好是我生日", 50, "zh"),
    ],
)
def test_a_birth_date_beside_another_day_named_still_gives_the_age(said, meant, language):
    parsed = read_parsed("age", said, language)
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant", "language"),
    [
        # a partial remission after the courses is no remission (answer_inverts: True)
        ("aml_no_response_after_two_courses", "做完两个疗程医生说是部分缓解", True, "zh"),
        ("aml_no_response_after_two_courses", "after two cycles only a partial remission", True, "en"),
        ("aml_no_response_after_two_courses", "两个疗程后完全缓解", False, "zh"),
        ("aml_relapse_no_response", "gilteritinib got me back into remission", False, "en"),
        ("aml_relapse_no_response", "the chemo didn't get him back into remission", True, "en"),
        ("aml_relapse_no_response", "they tried venetoclax but the blasts kept going up", True, "en"),
        # kidneys that failed long ago have not recovered (早就 alone is no past marker)
        ("serious_liver_or_kidney_problems", "肾早就坏了，一个礼拜透三回", True, "zh"),
        ("serious_liver_or_kidney_problems", "肌酐有点高，医生说是肾功能不全", True, "zh"),
        ("serious_liver_or_kidney_problems", "转氨酶高了好几倍，化疗都停了", True, "zh"),
        ("serious_liver_or_kidney_problems", "肝功能早就正常了", False, "zh"),
    ],
)
def test_remission_and_organ_answers_from_the_fifth_stops_reading(fact_id, said, meant, language):
    parsed = read_parsed(fact_id, said, language)
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize(
    ("said", "meant", "language"),
    [
        # 多 after a count is part of the next step: 半年多 is under a year, 两个多月 under three months
        ("嗯呐，半年多就复发了", True, "zh"),
        ("两个多月就复发了", True, "zh"),
        ("十二个多月", False, "zh"),
        ("一年多以后", False, "zh"),
        ("唔够一年就返嚟", True, "zh"),
        ("just under a year. maybe 11 months?", True, "en"),
    ],
)
def test_lengths_of_time_against_a_twelve_month_limit(said, meant, language):
    parsed = read_parsed("aml_relapse_within_12_months", said, language)
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant", "language"),
    [
        # a clause opened by "but" that says the opposite of every earlier one corrects them
        (
            "can_become_pregnant",
            "my periods stopped with the chemo but the doctor says they might come back",
            True,
            "en",
        ),
        ("can_become_pregnant", "化疗后月经停了，但是医生说还会来", True, "zh"),
        ("can_become_pregnant", "I'm past menopause, but I'm only 45", False, "en"),  # no phrase says yes
        # molecular residual disease is measured in remission
        ("aml_no_response_after_two_courses", "骨穿结果是完全缓解，但是融合基因还是阳性", False, "zh"),
    ],
)
def test_a_contrast_that_corrects_what_came_before(fact_id, said, meant, language):
    parsed = read_parsed(fact_id, said, language)
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("three 5mg prednisone in the morning and one at night", 20),  # the steroid named as its tablets
        ("2.5mg prednisolone, he's been on it for his arthritis for about ten years", 2.5),  # 10 is years
        ("10mg daily for 3 weeks", 10),
    ],
)
def test_steroid_doses_with_the_drug_as_the_tablet_and_a_length_of_time(said, meant):
    parsed = read_parsed("daily_steroid_dose", said)
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("pregnant", "？？当然没有", False),  # an intensifier takes the sense of the no after it
        ("pregnant", "肯定没有啊，我妈一辈子都在村里", False),
        ("pregnant", "当然有", True),
        ("pregnant", "怀孕？我子宫都切了", False),
        ("pregnant", "她说没有，昨天入院查血也是阴性", False),
    ],
)
def test_chinese_intensified_noes_and_pregnancy_ruled_out(fact_id, said, meant):
    parsed = read_parsed(fact_id, said, "zh")
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("aml_extramedullary", "就骨髓里有，别的地方都没有", False),  # only in the marrow, nowhere else
        ("aml_extramedullary", "俺没有，就骨髓里有", False),
        ("aml_extramedullary", "骨髓里有，皮肤上也有", True),  # the marrow as well as the skin
        ("stem_cell_transplant", "做了的，在北京道培做的", True),  # "did it", the whole clause
        ("stem_cell_transplant", "没做", False),
    ],
)
def test_chinese_marrow_only_and_a_whole_clause_did_it(fact_id, said, meant):
    parsed = read_parsed(fact_id, said, "zh")
    assert parsed.ok and parsed.value is meant, parsed


def test_did_it_said_of_something_else_is_no_yes():
    parsed = read_parsed("stem_cell_transplant", "化疗做了", "zh")
    assert not (parsed.ok and parsed.value is True), parsed


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("they harvested my stem cells but the transplant never went ahead", False),
        ("bone marrow biopsy yes, transplant no", False),
        ("I donated stem cells to my brother once", False),
        ("he had his own cells given back in 2022", True),
    ],
)
def test_stem_cells_collected_or_given_are_no_transplant(said, meant):
    parsed = read_parsed("stem_cell_transplant", said)
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("dexamethasone only on chemo days", False),  # with a treatment, not every day
        ("he has dex once a week with his myeloma treatment", False),
        ("dex 4mg every day", True),
    ],
)
def test_steroids_only_with_a_treatment_are_not_taken_every_day(said, meant):
    parsed = read_parsed("takes_steroids", said)
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("bit of blood in the wee this morning", True),
        ("just my gums when I brush", True),
        ("bit of blood on the tissue when I blow my nose", True),
        ("no blood in the wee", False),
    ],
)
def test_small_bleeds_in_everyday_words(said, meant):
    parsed = read_parsed("active_bleeding", said)
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize(("said", "meant"), [("只有冠心病", False), ("冠心病，还有心衰", True)])
def test_only_another_heart_disease_named_is_no_heart_failure(said, meant):
    parsed = read_parsed("heart_failure", said, "zh")
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("Sure, but I'm not going to give it up", "en"),
        ("yes I understand, but I would rather not", "en"),
        ("可以，不过我不愿意", "zh"),
    ],
)
def test_a_refusal_set_against_the_agreement_by_a_contrast_still_refuses(said, language):
    parsed = read_parsed("willing_no_sperm_donation", said, language)
    assert not (parsed.ok and parsed.value is True), parsed


@pytest.mark.parametrize(
    ("fact_id", "said"),
    [
        ("can_become_pregnant", "I could get pregnant, though I'm menopausal apparently"),  # concedes
        ("aml_relapse_within_12_months", "Yes, within 12 months. It came back again 2 years after that"),
    ],
)
def test_a_concession_or_a_second_length_never_turns_a_yes_into_a_no(fact_id, said):
    parsed = read_parsed(fact_id, said)
    assert not (parsed.ok and parsed.value is False), parsed

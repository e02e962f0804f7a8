"""Readings added on 5 December after studying the tuning parts: each general mechanism with
examples of its own (not corpus rows), so none can quietly come undone."""

from __future__ import annotations

from datetime import date

import pytest

from tests.reading import read_parsed


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        # The words of a name said apart, wherever each is
        ("a leukaemia, the acute sort, and myeloid if I remember right", "en", "aml"),
        ("acute myleoid leukemia", "en", "aml"),  # a misspelt word of the group is corrected
        ("leukemia, the chronic kind", "en", "other_leukaemia"),
        ("是白血病，急性的，医生说是髓系", "zh", "aml"),
        ("白血病，慢性的", "zh", "other_leukaemia"),
        # What AML came from, named after it, is no second diagnosis
        ("AML, the kind with MDS-related changes", "en", "aml"),
        ("急性髓系白血病，是骨髓增生异常综合征转过来的", "zh", "aml"),
        # A first guess, then the diagnosis confirmed
        ("先说是淋巴瘤，后来做了骨穿确诊是急性髓系白血病", "zh", "aml"),
        ("they thought lymphoma at first but it turned out to be AML", "en", "aml"),
    ],
)
def test_a_diagnosis_said_in_pieces_or_with_its_history_is_read(said, language, meant):
    parsed = read_parsed("diagnosis", said, language)
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("acute kidney injury last year, and something myeloid in the blood", "en"),  # no leukaemia said
        ("急性感染，骨髓里有问题", "zh"),  # 骨髓 is marrow, not 髓系
        ("MDS, and they are watching for AML", "en"),  # AML named second: not what the MDS qualifies
        ("leukaemia, acute or chronic I forget, myeloid", "en"),  # both named: which?
    ],
)
def test_pieces_that_do_not_make_one_diagnosis_are_not_read_as_one(said, language):
    parsed = read_parsed("diagnosis", said, language)
    assert not (parsed.ok and parsed.value == "aml"), parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language", "meant"),
    [
        # From ages: the age then and the age now
        ("last_heart_attack_or_bypass", "had the bypass when I was 58, I'm 70 now", "en", date(2014, 12, 3)),
        ("last_heart_attack_or_bypass", "not long after her 65th. she's 69 now", "en", date(2022, 12, 3)),
        ("last_heart_attack_or_bypass", "他六十岁那年搭的桥，今年七十二了", "zh", date(2014, 12, 3)),
        # From another event the answer dates
        (
            "transplant_immunosuppressants_stopped",
            "came off them 6 months after the transplant, the transplant was in March 2025",
            "en",
            date(2025, 9, 15),
        ),
        (
            "transplant_immunosuppressants_stopped",
            "移植后三个月停的，移植是今年五月十号",
            "zh",
            date(2026, 8, 10),
        ),
        (
            "transplant_immunosuppressants_stopped",
            "移植满半年就停了，我是去年十月移植的",
            "zh",
            date(2026, 4, 15),
        ),
        # "N years ago" with the month said after it
        ("transplant_immunosuppressants_stopped", "two years ago in July", "en", date(2024, 7, 15)),
        ("transplant_immunosuppressants_stopped", "three years ago this month", "en", date(2023, 12, 3)),
        # dialect numerals in a Chinese date
        ("last_platelet_transfusion", "俩礼拜前输的", "zh", date(2026, 11, 19)),
    ],
)
def test_a_date_counted_from_ages_or_another_dated_event_is_worked_out(fact_id, said, language, meant):
    parsed = read_parsed(fact_id, said, language)
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language"),
    [
        # the event counted from is not dated, or the date is the answer's own
        ("transplant_immunosuppressants_stopped", "six months after the transplant", "en"),
        ("transplant_immunosuppressants_stopped", "about six months post transplant, so around May", "en"),
        ("transplant_immunosuppressants_stopped", "移植后半年停的", "zh"),
        # an age then without the age now
        ("last_heart_attack_or_bypass", "when I was 50", "en"),
    ],
)
def test_a_count_with_nothing_to_count_from_is_asked_again(fact_id, said, language):
    parsed = read_parsed(fact_id, said, language)
    assert not parsed.ok, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language", "in_remission"),
    [
        # a marrow blast percentage answers "did it go into remission?" (fewer than 5 % is remission)
        ("aml_no_response_after_two_courses", "after the second course the blasts were 12%", "en", False),
        ("aml_no_response_after_two_courses", "blast count came down to 2 percent", "en", True),
        (
            "aml_no_response_after_two_courses",
            "two courses, blasts less than 5% on the last marrow",
            "en",
            True,
        ),
        ("aml_no_response_after_two_courses", "两个疗程后复查骨髓，原始细胞还有百分之二十", "zh", False),
        ("aml_relapse_no_response", "复发后用了维奈克拉，原始细胞从60%降到了1.5%", "zh", True),
        ("aml_relapse_no_response", "复发后化疗，原始细胞从百分之五十降到三", "zh", True),
        # words and figure agree
        ("aml_relapse_no_response", "部分缓解吧，骨髓里还有10%的原始细胞", "zh", False),
    ],
)
def test_a_blast_percentage_answers_a_remission_question(fact_id, said, language, in_remission):
    parsed = read_parsed(fact_id, said, language)
    # both facts are asked the other way up: remission records "no response" as false
    assert parsed.ok and parsed.value is (not in_remission), parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language"),
    [
        # the words say remission, the figure says not: asked again
        ("aml_no_response_after_two_courses", "in remission after two, blasts 9%", "en"),
        ("aml_no_response_after_two_courses", "两个疗程后完全缓解了，原始细胞8%", "zh"),
    ],
)
def test_words_and_a_blast_percentage_that_disagree_are_asked_again(fact_id, said, language):
    parsed = read_parsed(fact_id, said, language)
    assert not parsed.ok, parsed


@pytest.mark.parametrize(
    ("said", "language", "in_remission"),
    [
        # the outcome comes last, with the marker in a clause between
        ("第一个疗程没打下来，第二个疗程换了药，缓解了", "zh", True),
        ("first round didn't work, then the second round, the one with FLAG, that did it", "en", True),
    ],
)
def test_a_story_of_courses_is_read_by_how_it_ended(said, language, in_remission):
    parsed = read_parsed("aml_no_response_after_two_courses", said, language)
    assert parsed.ok and parsed.value is (not in_remission), parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        # 才 inside a clause is "only", not "then at last"
        ("breastfeeding", "还在喂奶，孩子才五个月，断不了", True),
    ],
)
def test_only_said_inside_a_clause_does_not_turn_an_answer_round(fact_id, said, meant):
    parsed = read_parsed(fact_id, said, "zh")
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("hang on, he doesn't have heart failure", "en"),
        ("she's never had heart failure, why ask?", "en"),
        ("我爸没得心衰，你们是不是搞错了", "zh"),
        ("哪来的心衰？就是血压高", "zh"),
    ],
)
def test_an_answer_denying_what_the_question_takes_for_granted_reads_no_level(said, language):
    parsed = read_parsed("heart_failure_limitation", said, language)
    assert not parsed.ok and parsed.problem == "answer.denies_premise", parsed


@pytest.mark.parametrize(
    ("said", "language"), [("no limits at all", "en"), ("心衰是有，不过没什么限制", "zh")]
)
def test_a_level_said_beside_the_heart_failure_is_still_read(said, language):
    parsed = read_parsed("heart_failure_limitation", said, language)
    assert parsed.ok and parsed.value == 1, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language", "meant"),
    [
        # a number that counts something or says which one is no lab value
        ("platelet_count", "输了两个治疗量以后复查是46", "zh", 46),
        ("platelet_count", "第三天复查血小板33", "zh", 33),
        ("haemoglobin", "92 after they gave her 2 bags of blood", "en", 92),
        # but 个 said as the unit is the value's
        ("platelet_count", "才6个，医生说很低", "zh", 6),
        # values told in order, the last said to be the latest
        ("platelet_count", "输完第二天是60，今天又掉到25了", "zh", 25),
        ("haemoglobin", "一直在八九十之间，最近一次是83", "zh", 83),
    ],
)
def test_counts_and_orders_beside_a_lab_value_are_set_aside(fact_id, said, language, meant):
    parsed = read_parsed(fact_id, said, language)
    assert parsed.value == meant and parsed.status in ("value", "out_of_range"), parsed


def test_a_dose_split_over_the_day_is_not_read_as_the_latest():
    parsed = read_parsed("daily_steroid_dose", "20 mg in the morning, and 10 now at night", "en")
    assert not (parsed.ok and parsed.value == 10), parsed


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        # tablets of a strength named once, counted at times of day
        ("prednisone 5 mg tablets, 3 in the morning", "en", 15),
        ("the 5mg pills, two in the morning and one at night", "en", 15),
        ("one 20 mg tablet in the morning and one at night", "en", 40),
        # what one dose holds, and a day's amount divided
        ("强的松一天三次，一次五毫克", "zh", 15),
        ("一天两次，每次一片，一片10毫克", "zh", 20),
        ("泼尼松每天30mg，分两次吃", "zh", 30),
        ("prednisone 20 mg a day, split into 2 doses", "en", 20),
        # a tablet's strength said without its unit
        ("泼尼松每天两片，一片是5的", "zh", 10),
        # the day's amount said beside "a day" is the day's, whatever the tablets
        ("泼尼松每天15毫克，早上一次吃三片", "zh", 15),
    ],
)
def test_a_daily_dose_told_by_tablets_times_and_doses_adds_up(said, language, meant):
    parsed = read_parsed("daily_steroid_dose", said, language)
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("said", "language", "not_meant"),
    [
        ("15mg in the morning and 5 at night", "en", 75),  # a bare 5 beside an amount in mg is mg
        ("She takes 3 tablets of 5mg every morning", "en", 5),  # every morning is no "a day"
        ("原来一天40毫克，现在一天20", "zh", 40),  # the day's amount said twice: not the first
    ],
)
def test_amounts_that_are_not_tablet_counts_or_the_days_are_not_read_as_such(said, language, not_meant):
    parsed = read_parsed("daily_steroid_dose", said, language)
    assert not (parsed.ok and parsed.value == not_meant), parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language", "low", "high"),
    [
        ("ecog", "somewhere between 2 and 3", "en", 2, 3),
        ("ecog", "a 1, or a 2 on a bad week", "en", 1, 2),
        ("ecog", "1到2之间吧", "zh", 1, 2),
        ("heart_failure_limitation", "between a little and a lot, it depends on the day", "en", 2, 3),
    ],
)
def test_a_scale_answered_between_two_neighbouring_levels_keeps_both(fact_id, said, language, low, high):
    parsed = read_parsed(fact_id, said, language)
    assert parsed.ok and parsed.value == high and set(parsed.alternatives) == {low, high}, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language"),
    [
        ("ecog", "I nap 2 or 3 hours in the afternoon", "en"),  # hours, not levels
        ("ecog", "it varies, 0 one week and 3 the next", "en"),  # no one level
        ("ecog", "时好时坏", "zh"),  # varies, naming none
    ],
)
def test_a_scale_answer_that_names_no_neighbouring_levels_is_not_read_as_between(fact_id, said, language):
    parsed = read_parsed(fact_id, said, language)
    assert not parsed.alternatives, parsed


class _LeaningTo:
    """A stand-in for the learned reader, confident enough to doubt the words, not to overrule them."""

    def __init__(self, value: int) -> None:
        self.value = value

    def guess(self, text: str):
        from bot.parsing.learned import DOUBT_ABOVE, TAKE_ABOVE, Guess

        return Guess(self.value, (DOUBT_ABOVE + TAKE_ABOVE) / 2)


@pytest.mark.parametrize(("leaning", "kept"), [(1, {0, 1}), (3, None)])
def test_words_and_examples_a_level_apart_keep_both(monkeypatch, leaning, kept):
    from bot.parsing import choices

    monkeypatch.setattr(choices.learned, "reader", lambda *args: _LeaningTo(leaning))
    parsed = read_parsed("ecog", "still working full time", "en")  # the words name level 0
    if kept is None:  # three levels apart: asked again
        assert not parsed.ok, parsed
    else:
        assert parsed.ok and set(parsed.alternatives) == kept, parsed


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("no never, I'm only 24", "never"),  # an age is no date
        ("palpitations for years, but never a real heart attack and no bypass either", "never"),
        ("no, not for years", None),  # not never: a while ago
        ("never, well not since I was 30", None),
    ],
)
def test_never_beside_an_age_or_something_else_dated(said, meant):
    parsed = read_parsed("last_heart_attack_or_bypass", said)
    if meant is None:
        assert not (parsed.ok and parsed.value == "never"), parsed
    else:
        assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("said", "language", "meant", "span"),
    [
        ("我妈五十出头", "zh", 51, (50, 53)),
        ("19601120", "zh", 66, ()),  # eight figures, year first, as on an ID card
        ("born 19871203", "en", 39, ()),
    ],
)
def test_ages_said_as_just_over_a_decade_or_in_eight_figures(said, language, meant, span):
    parsed = read_parsed("age", said, language)
    assert parsed.ok and parsed.value == meant and tuple(parsed.alternatives) == span, parsed


def test_a_lab_value_just_over_a_round_number_is_still_inexact():
    parsed = read_parsed("platelet_count", "血小板五十出头", "zh")
    assert not parsed.ok and parsed.problem == "number.inexact", parsed


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        # a negation after a list of treatments is of them all, not when a typed space parts them
        ("用过靶向药，化疗放疗都没做", "zh", ["targeted"]),
        ("放疗做过 化疗没做", "zh", ["radiotherapy"]),
        ("打过免疫治疗，化疗放疗都没做过", "zh", ["immunotherapy"]),
        # a regimen with its count glued on
        ("R-CHOP×4 then radiotherapy", "en", ["chemotherapy", "targeted", "radiotherapy"]),
    ],
)
def test_treatments_listed_then_denied_or_counted(said, language, meant):
    parsed = read_parsed("cancer_treatments", said, language)
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("haemoglobin", "92 now, up from 75 before the transfusion", 92),
        ("haemoglobin", "it was 101 on Monday, down from 110", 101),
        ("platelet_count", "last week 20, today it's up to 48", 48),
    ],
)
def test_a_value_beside_the_one_it_rose_or_fell_from_is_the_latest(fact_id, said, meant):
    parsed = read_parsed(fact_id, said)
    assert parsed.ok and parsed.value == meant, parsed


def test_up_to_a_number_alone_is_a_bound():
    parsed = read_parsed("platelet_count", "up to 80 I think")
    assert not parsed.ok and parsed.problem == "number.inexact", parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("haemoglobin", "hb 10 point 2 g%", 102),  # g% (gm%) is g/dL; "point" said between figures
        ("platelet_count", "plt 56 x 10 9", 56),  # ×10⁹ typed flat
    ],
)
def test_lab_values_typed_the_old_or_flat_way(fact_id, said, meant):
    parsed = read_parsed(fact_id, said)
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        ("my partner's male", "en", False),
        ("her womb was removed years ago", "en", False),
        ("yes he's got a girlfriend", "en", True),
        ("还没成家，不过有个女朋友", "zh", True),
    ],
)
def test_a_partner_described_answers_whether_she_could_become_pregnant(said, language, meant):
    parsed = read_parsed("partner_can_become_pregnant", said, language)
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize(
    ("fact_id", "said"),
    [
        ("willing_contraception", "I am not unwilling to"),  # the negation is spent on "unwilling"
        ("willing_contraception", "yes, would the implant do?"),  # a plain yes opens the question
        ("willing_contraception", "we're done having kids anyway, so fine"),
    ],
)
def test_willingness_said_round_about_is_a_yes(fact_id, said):
    parsed = read_parsed(fact_id, said)
    assert parsed.ok and parsed.value is True, parsed


def test_a_no_inside_a_conditional_question_is_no_answer():
    parsed = read_parsed("willing_contraception", "if I say no, does that rule me out?")
    assert not parsed.ok, parsed


@pytest.mark.parametrize(
    ("said", "first", "second"),
    [
        ("april or may, I think", date(2026, 4, 15), date(2026, 5, 15)),
        ("october or november last year", date(2025, 10, 15), date(2025, 11, 15)),
    ],
)
def test_a_date_said_as_one_month_or_the_next_keeps_both(said, first, second):
    parsed = read_parsed("ejection_fraction_date", said)
    assert parsed.ok and set(parsed.alternatives) == {first, second}, parsed
    assert first < parsed.value < second, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("ejection_fraction_date", "the third week of October", date(2026, 10, 18)),
        ("ejection_fraction_date", "march this year", date(2026, 3, 15)),  # a month named: not "this year"
    ],
)
def test_weeks_of_a_month_and_months_of_this_year(fact_id, said, meant):
    parsed = read_parsed(fact_id, said)
    assert parsed.ok and parsed.value == meant, parsed


def test_months_far_apart_said_as_either_are_asked_again():
    assert not read_parsed("ejection_fraction_date", "january or july").ok


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        ("his eGFR is about 22", "en", True),  # a figure answers "serious kidney problems?"
        ("the kidney function is 80%, liver normal", "en", False),
        ("肾功能只剩百分之十五了", "zh", True),
    ],
)
def test_a_kidney_function_figure_answers_whether_the_kidneys_work_very_poorly(said, language, meant):
    parsed = read_parsed("serious_liver_or_kidney_problems", said, language)
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("肾功能不好，肌酐三百多", "zh"),  # the figure is the creatinine's: the words answer
        ("kidney function poor, creatinine 250", "en"),
    ],
)
def test_a_figure_of_another_measure_is_not_the_kidney_function(said, language):
    parsed = read_parsed("serious_liver_or_kidney_problems", said, language)
    assert parsed.ok and parsed.value is True, parsed


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("only a bit of a cold", "en"),
        ("no, the antibiotics are just to prevent infection", "en"),
        ("小感冒，没啥事", "zh"),
        ("吃的抗生素是预防感染的", "zh"),
    ],
)
def test_a_cold_or_preventive_antibiotics_are_no_uncontrolled_infection(said, language):
    parsed = read_parsed("uncontrolled_infection", said, language)
    assert parsed.ok and parsed.value is False, parsed


def test_a_holiday_week_is_the_holidays_day():
    parsed = read_parsed("ejection_fraction_date", "Thanksgiving week I think")
    assert parsed.ok and parsed.value == date(2026, 11, 26), parsed

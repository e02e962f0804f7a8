"""Readings added after studying the English tuning part tune_g: each general mechanism with an
example of its own (not a corpus row), so none can quietly come undone."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from bot.understanding import understand

TODAY = date(2026, 12, 3)
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("fact_id", "said"),
    [
        # The opening word and the topic disagree: one of them is misread, so neither is taken.
        ("still_on_transplant_immunosuppressants", "no, they stop the ciclosporin last spring"),
        ("active_hepatitis", "yes. hepatitis B was ruled out"),
        ("gvhd", "No, graft versus host on my skin"),
    ],
)
def test_an_opening_word_the_topic_contradicts_is_asked_again(fact_id, said):
    parsed = understand(fact_id, said, TODAY).parsed
    assert not parsed.ok and parsed.status == "unclear", parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("aml_extramedullary", "no, her skin is clear", False),
        ("aml_extramedullary", "no, the lumbar puncture was clean", False),
        ("active_hepatitis", "no, never had hepatitis", False),  # opening word and topic agree
        ("active_hepatitis", "yes, active hepatitis B", True),
    ],
)
def test_an_opening_word_the_topic_agrees_with_stands(fact_id, said, meant):
    parsed = understand(fact_id, said, TODAY).parsed
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        # a short walk that needs stops, or putting shoes on: less than ordinary activity (class 3)
        ("walking to the post box I have to stop, sitting is fine", "3"),
        ("just getting my shoes on makes me puffed", "3"),
        ("one block and I need a rest", "3"),
    ],
)
def test_short_walks_and_dressing_are_marked_limitation(said, meant):
    parsed = understand("heart_failure_limitation", said, TODAY).parsed
    assert parsed.ok and str(parsed.value) == meant, parsed


def test_pinyin_is_spelled_the_same_way_in_every_process():
    """The pinyin index once took the first of equally long phrases in a set's order, which
    changes with Python's hash seed: 'fei ai' was lung cancer in one process and not in the next."""
    code = (
        "from bot.parsing.pinyin import from_pinyin; print(from_pinyin('fei ai'), from_pinyin('ta mei you'))"
    )
    spelled = set()
    for seed in ("1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        run = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        spelled.add(run.stdout.strip())
    assert len(spelled) == 1, spelled


def test_lung_cancer_in_pinyin_is_a_solid_tumour():
    parsed = understand("diagnosis", "fei ai", TODAY, language="zh").parsed
    assert parsed.ok and parsed.value == "solid_tumour", parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        # a finer date within a coarser one refines it
        ("last_platelet_transfusion", "last week, the tuesday I think", date(2026, 11, 24)),
        ("last_platelet_transfusion", "three weeks back, on the monday", date(2026, 11, 9)),
        ("transplant_immunosuppressants_stopped", "over the winter, in february", date(2026, 2, 15)),
        ("ejection_fraction_date", "late last year. november", date(2025, 11, 15)),
        # a date without a year beside the one year said
        ("last_heart_attack_or_bypass", "in 2019, around christmas", date(2019, 12, 25)),
        ("last_heart_attack_or_bypass", "at Easter this year, on the Sunday", date(2026, 4, 5)),
        # separate events, for a fact about the most recent one: the latest
        ("last_heart_attack_or_bypass", "a bypass in 2012 and then a heart attack in 2018", date(2018, 7, 1)),
        ("last_platelet_transfusion", "one on tuesday and another this afternoon", date(2026, 12, 3)),
    ],
)
def test_several_dates_in_one_answer_are_put_together(fact_id, said, meant):
    parsed = understand(fact_id, said, TODAY).parsed
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("fact_id", "said"),
    [
        ("transplant_immunosuppressants_stopped", "in 2019 and in 2021"),  # not a most-recent fact
        ("last_platelet_transfusion", "not last week, the week before, monday or tuesday"),
        ("transplant_immunosuppressants_stopped", "six months after the transplant, which was in march 2025"),
    ],
)
def test_dates_that_do_not_make_one_are_asked_again(fact_id, said):
    parsed = understand(fact_id, said, TODAY).parsed
    assert not parsed.ok, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language", "meant"),
    [
        ("creatinine", "creatinine 90, GFR 58", "en", 90),
        ("platelet_count", "plt 38 and wbc 1.9", "en", 38),
        ("platelet_count", "血小板38，白细胞1.9", "zh", 38),
        ("creatinine", "egfr was 70 and creatinine 1.1 mg/dl", "en", 97.2),
    ],
)
def test_another_labs_value_is_not_this_one(fact_id, said, language, meant):
    parsed = understand(fact_id, said, TODAY, language=language).parsed
    assert parsed.ok and parsed.value == pytest.approx(meant, rel=0.01), parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language"),
    [
        ("creatinine", "my gfr was 62", "en"),
        ("cd3_count", "only his cd4: 410", "en"),
        ("platelet_count", "白细胞2.3", "zh"),
    ],
)
def test_only_another_labs_value_is_asked_again(fact_id, said, language):
    parsed = understand(fact_id, said, TODAY, language=language).parsed
    assert parsed.status == "unclear" and parsed.problem == "number.other_lab", parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        # someone else not knowing why is not "I don't know"
        ("ventricular_arrhythmia_or_fainting", "he blacked out in the shower and nobody knows why", True),
        ("ventricular_arrhythmia_or_fainting", "passed out at work, they never found out why", True),
        # a condition still being treated goes on
        ("active_hepatitis", "hep c, they started me on tablets for it in october", True),
        # a later clause that says the organ or infection is fine dismisses it
        ("serious_liver_or_kidney_problems", "a cyst on one kidney, but the kidneys are working fine", False),
        ("uncontrolled_infection", "a chest infection, but the antibiotics sorted it out", False),
        # not found, not detected: negated
        ("aml_extramedullary", "no, it wasn't detected anywhere else", False),
        # daily activity and heart limitation in everyday words
        ("ecog", "I run the shop but my son does the heavy lifting", 1),
        ("ecog", "she washes herself, but lies down a lot", 2),
        ("ecog", "he sits in his chair most of the day", 3),
        ("heart_failure_limitation", "out of breath doing the chores, fine sitting", 2),
        ("heart_failure_limitation", "breathless walking across the kitchen", 3),
        # a dose morning and night in Latin
        ("daily_steroid_dose", "prednisolone 10 mg mane and 5 mg nocte", 15),
    ],
)
def test_everyday_words_are_read_as_meant(fact_id, said, meant):
    parsed = understand(fact_id, said, TODAY).parsed
    assert parsed.ok and str(parsed.value) == str(meant), parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language", "meant"),
    [
        # the opening yes or no answers; plain yes/no words after it are about something else
        ("uncontrolled_infection", "没有，就是嗓子有点干", "zh", False),
        ("hiv_or_aids", "没有，体检都有查", "zh", False),
        ("uncontrolled_infection", "yes, they can't get rid of it", "en", True),
        # chat spellings, rhetorical questions, "clean" in a later clause, "都没吃" after its topic
        ("active_bleeding", "米有", "zh", False),
        ("gvhd", "自己的干细胞，哪来的排异", "zh", False),
        ("aml_extramedullary", "查过脑脊液，是干净的", "zh", False),
        ("still_on_transplant_immunosuppressants", "他现在抗排异的药都没吃", "zh", False),
        # daily activity the way people put it
        ("ecog", "买菜做饭都行，就是重活干不动", "zh", 1),
        ("ecog", "白天大半时间能起来，就是上不了班", "zh", 2),
        ("ecog", "吃饭得喂，一直在床上", "zh", 4),
    ],
)
def test_chinese_and_opening_answers_are_read_as_meant(fact_id, said, language, meant):
    parsed = understand(fact_id, said, TODAY, language=language).parsed
    assert parsed.ok and str(parsed.value) == str(meant), parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("last_heart_attack_or_bypass", "一五年犯过一次心梗", date(2015, 7, 1)),  # a year said digit by digit
        ("platelet_count", "昨天查的，四十一", 41),  # a number after a comma
        ("platelet_count", "上周60，今天38", 38),  # 上周 is before today
        ("aml_relapse_count", "一回都没有复发过", 0),  # not even once
        ("daily_steroid_dose", "强的松每天两回，每回10mg", 20),
    ],
)
def test_chinese_numbers_dates_and_doses(fact_id, said, meant):
    parsed = understand(fact_id, said, TODAY, language="zh").parsed
    assert parsed.ok and parsed.value == meant, parsed


def test_an_unread_chinese_year_is_never_never():
    parsed = understand(
        "last_heart_attack_or_bypass", "九几年的时候犯过，没搭桥", TODAY, language="zh"
    ).parsed
    assert parsed.value != "never", parsed


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("had one in 2019, never a bypass", date(2019, 7, 1)),  # the one denied is not the one they had
        ("a stent in 2020, but never a heart attack or bypass", "never"),
    ],
)
def test_a_denied_topic_is_never_only_when_nothing_happened(said, meant):
    parsed = understand("last_heart_attack_or_bypass", said, TODAY).parsed
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("age", "sixty-four in June past", 64),  # the birthday has been
        ("age", "64 in June", 63),  # still to come
        ("daily_steroid_dose", "three little round pills, 10 mg each, every morning", 30),
        ("daily_steroid_dose", "prednisone, two of the 5 mg ones a day", 10),
        ("daily_steroid_dose", "5 mg, half of tablet", 5),  # "of" alone describes nothing
        ("daily_steroid_dose", "prednisone: started on 40, I'm on 15 as of this week", 15),
        ("creatinine", "creatinine 130, baseline 95", 130),
    ],
)
def test_ages_doses_and_latest_values(fact_id, said, meant):
    parsed = understand(fact_id, said, TODAY).parsed
    assert parsed.ok and parsed.value == pytest.approx(meant), parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language", "meant"),
    [
        ("cancer_treatments", "nothing yet, chemo starts next week", "en", ["none"]),
        ("cancer_treatments", "还没治疗，下个月开始化疗", "zh", ["none"]),
        ("cancer_treatments", "conditioning with TBI before the transplant", "en", ["radiotherapy"]),
        ("cancer_treatments", "用过苯达莫司汀", "zh", ["chemotherapy"]),
        ("aml_no_response_after_two_courses", "两个疗程都未达CR", "zh", True),
        ("willing_contraception", "我得跟爱人商量一下", "zh", "unknown"),
    ],
)
def test_treatments_courses_and_second_thoughts(fact_id, said, language, meant):
    parsed = understand(fact_id, said, TODAY, language=language).parsed
    got = "unknown" if parsed.status == "unknown" else parsed.value
    assert got == meant, parsed


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        ("r-chop x6", "en", ["chemotherapy", "targeted"]),
        ("aza ven since june", "en", ["chemotherapy", "targeted"]),
        ("chemoradiation last year", "en", ["chemotherapy", "radiotherapy"]),
        ("做过同步放化疗", "zh", ["chemotherapy", "radiotherapy"]),
    ],
)
def test_a_regimen_counts_every_kind_it_combines(said, language, meant):
    parsed = understand("cancer_treatments", said, TODAY, language=language).parsed
    assert parsed.ok and parsed.value == meant, parsed


def test_a_key_written_twice_in_a_data_file_is_refused(tmp_path):
    from bot.validation_messages import YamlFileError, read_yaml_file

    path = tmp_path / "words.yaml"
    path.write_text("facts:\n  gvhd:\n    topic: [gvhd]\n  gvhd:\n    topic: [rash]\n", encoding="utf-8")
    with pytest.raises(
        YamlFileError, match=r"words\.yaml.*line 4.*'gvhd' is written twice \(first at line 2\)"
    ):
        read_yaml_file(path, "words.yaml")


def test_every_data_file_has_each_key_once():
    from bot.validation_messages import read_yaml_file

    files = [
        *sorted((ROOT / "bot").rglob("*.yaml")),
        ROOT / "domain.yml",
        *sorted((ROOT / "data").rglob("*.yml")),
    ]
    for path in files:
        read_yaml_file(path, str(path.relative_to(ROOT)))  # raises on a key written twice


def test_a_heart_attack_by_its_clinical_name_is_not_never():
    parsed = understand("last_heart_attack_or_bypass", "NSTEMI in March 2022. No CABG", TODAY).parsed
    assert parsed.ok and parsed.value == date(2022, 3, 15), parsed


@pytest.mark.parametrize(
    ("fact_id", "said"),
    [
        ("last_platelet_transfusion", "do you mean the platelets or a normal blood transfusion?"),
        ("last_platelet_transfusion", "你是说输血小板还是输红细胞？"),
        ("last_platelet_transfusion", "red cells on monday, does that count?"),
        ("last_heart_attack_or_bypass", "a heart attack in 2015 and the bypass three years after that"),
        ("transplant_immunosuppressants_stopped", "about 6 months later"),
    ],
)
def test_questions_back_and_times_from_another_event_are_asked_again(fact_id, said):
    parsed = understand(fact_id, said, TODAY, language="zh" if not said.isascii() else "en").parsed
    assert not parsed.ok and parsed.value != "never", parsed


@pytest.mark.parametrize(
    ("said", "meant"), [("last week?", date(2026, 11, 26)), ("two days before", date(2026, 12, 1))]
)
def test_a_tentative_date_is_still_a_date(said, meant):
    parsed = understand("last_platelet_transfusion", said, TODAY).parsed
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language", "meant"),
    [
        # a self-correction: what follows it is the answer
        (
            "transplant_immunosuppressants_stopped",
            "stopped in March. No wait, it was April",
            "en",
            date(2026, 4, 15),
        ),
        ("age", "61, sorry I mean 62", "en", 62),
        ("platelet_count", "血小板45，哦不对，是54", "zh", 54),
        # a year said for one event, a month after it in the same breath
        (
            "last_heart_attack_or_bypass",
            "heart attack in 2010, then a bypass in 2018, in the June",
            "en",
            date(2018, 6, 15),
        ),
        # the cause of fainting is ventricular: still a yes
        ("ventricular_arrhythmia_or_fainting", "I have a defibrillator because of v-tach", "en", True),
        ("willing_no_sperm_donation", "I'm hardly going to donate any", "en", True),
        ("cancer_treatments", "ABVD then brentuximab", "en", ["chemotherapy", "targeted"]),
    ],
)
def test_corrections_events_and_treatment_names(fact_id, said, language, meant):
    parsed = understand(fact_id, said, TODAY, language=language).parsed
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language", "meant"),
    [
        ("willing_contraception", "I wouldn't not do that", "en", True),  # two negations cancel
        ("willing_no_sperm_donation", "梗系唔会捐啦", "zh", True),  # Cantonese: of course he won't donate
        ("active_bleeding", "唔系，冇出血", "zh", False),
        ("age", "wu shi ba", "zh", 58),
    ],
)
def test_double_negatives_cantonese_and_pinyin(fact_id, said, language, meant):
    parsed = understand(fact_id, said, TODAY, language=language).parsed
    assert parsed.ok and parsed.value == meant, parsed

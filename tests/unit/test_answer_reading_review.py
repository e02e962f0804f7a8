"""Readings fixed after studying the first independent English corpus (bench/corpus/en/tune_a.yaml):
each general mechanism with an example of its own, so none can quietly come undone."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding import understand

TODAY = date(2026, 12, 3)

READINGS = [
    # a negation reaches a condition across "issues with", "problems with"
    ("ventricular_arrhythmia_or_fainting", "I've never had any problems with fainting", False),
    ("active_bleeding", "no trouble with bleeding at all", False),
    # a condition said to be fine, before or after naming it
    ("serious_liver_or_kidney_problems", "my bloods are always fine for the kidneys", False),
    ("serious_liver_or_kidney_problems", "a fatty liver, nothing serious", False),
    # over and done with, for a question about now
    ("uncontrolled_infection", "had a urine infection but it's all sorted now", False),
    # "I wouldn't rule it out": able to
    ("can_become_pregnant", "we wouldn't rule it out", True),
    # a chronic leukaemia is not AML
    ("diagnosis", "chronic myelogenous leukemia", "other_leukaemia"),
    ("diagnosis", "chronic lymphocytic leukaemia", "other_leukaemia"),
    # "and a half"
    ("haemoglobin", "nine and a half g/dL", 95),
    # the latest of several values
    ("platelet_count", "the last one was 45, the one before 60", 45),
    ("platelet_count", "it was 80 before, 52 now", 52),
    ("platelet_count", "以前90 现在35", 35),
    # the place of a choice in the list
    ("ecog", "the third one", 2),
    ("heart_failure_limitation", "第二个", 2),
]


@pytest.mark.parametrize(("fact_id", "said", "meant"), READINGS)
def test_an_answer_is_read_as_meant(fact_id, said, meant):
    parsed = understand(fact_id, said, TODAY).parsed
    assert parsed.ok and parsed.value == meant, parsed


def test_an_ordinal_choice_is_read_back_before_it_excludes():
    assert understand("ecog", "the fourth one", TODAY).parsed.sure is False


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("willing_contraception", "she wouldn't say no", True),  # an agreement that holds a negation
        ("willing_contraception", "I would not", False),  # a refusal stays one
        ("active_bleeding", "a few palpitations, the doctor is not worried about bleeding", False),
        ("ventricular_arrhythmia_or_fainting", "only fainted when I had blood taken", False),
        ("platelet_count", "the last count was 102, before that it was 98", 102),
        # every other number said to be earlier: the one left is now
        ("platelet_count", "the nurse said 68, up from 49 last week", 68),
    ],
)
def test_more_answers_are_read_as_meant(fact_id, said, meant):
    parsed = understand(fact_id, said, TODAY).parsed
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("fact_id", "said"),
    [
        ("hiv_or_aids", "I'd rather not say"),  # never a no: unknown, the study team can ask
    ],
)
def test_answers_that_do_not_settle_it_never_exclude(fact_id, said):
    parsed = understand(fact_id, said, TODAY).parsed
    assert not parsed.ok, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("takes_steroids", "只用喷的激素", False),  # inhaled, for asthma: not a steroid taken daily
        ("ventricular_arrhythmia_or_fainting", "夏天中暑晕倒过", False),  # a known cause
        ("hiv_or_aids", "绝对不是", False),
    ],
)
def test_chinese_answers_are_read_as_meant(fact_id, said, meant):
    parsed = understand(fact_id, said, TODAY, language="zh").parsed
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("fact_id", "said"),
    [
        ("stem_cell_transplant", "啥叫干细胞移植"),  # a question back is not a yes
        ("aml_relapse_no_response", "结果还没出来"),  # not known yet
        ("aml_relapse_no_response", "too early to say"),
    ],
)
def test_questions_and_pending_results_never_answer(fact_id, said):
    parsed = understand(fact_id, said, TODAY).parsed
    assert not parsed.ok, parsed


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("at the end of august", date(2026, 8, 28)),
        ("start of november", date(2026, 11, 5)),
        ("late 2024", date(2024, 11, 15)),
        ("on the 15th of last month", date(2026, 11, 15)),
        ("boxing day last year", date(2025, 12, 26)),
    ],
)
def test_days_said_by_name_are_placed(said, meant):
    parsed = understand("transplant_immunosuppressants_stopped", said, TODAY).parsed
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("ecog", "her consultant wrote ECOG 3 in the letter", 3),  # a score named with its scale
        ("heart_failure_limitation", "the cardiologist said NYHA class 2", 2),
        ("ecog", "my daughter has to help me wash and dress most days", 3),  # help with self-care
        ("ecog", "in bed all the time, the carers do everything for her", 4),
    ],
)
def test_daily_activity_in_other_words(fact_id, said, meant):
    parsed = understand(fact_id, said, TODAY).parsed
    assert parsed.ok and parsed.value == meant, parsed


def test_two_neighbouring_scores_keep_both():
    """Not asked again since 5 December: both are the answer's alternatives, and an outcome that hangs
    on which is left to the study team (as for a range of a measurement)."""
    parsed = understand("ecog", "ECOG 1 or 2, I think", TODAY).parsed
    assert parsed.ok and set(parsed.alternatives) == {1, 2}, parsed


def test_two_scores_apart_are_asked_again():
    assert not understand("ecog", "ECOG 1 or 3, I think", TODAY).parsed.ok


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("diagnosis", "pancreatic", "solid_tumour"),  # the organ alone, in answer to "what kind of cancer"
        ("can_become_pregnant", "she had her tubes tied years ago", False),
        ("takes_immunosuppressants", "just the chemo", False),
        ("aml_extramedullary", "the LP came back clear", False),
        ("stem_cell_transplant", "still looking for a donor", False),
        ("cardiomyopathy", "dilated cardiomyopathy, yes", True),
    ],
)
def test_tuning_corpus_phrasings_in_other_words(fact_id, said, meant):
    parsed = understand(fact_id, said, TODAY).parsed
    assert parsed.ok and parsed.value == meant, parsed

"""An answer that asks what the question means ("what do you mean by days?", "does a cold count?",
"啥叫缓解") is not yet an answer: what else it says is read once the question is explained. A plain
yes or no beside the question still answers a yes/no question, and a plain choice names itself."""

from datetime import date

import pytest

from bot.facts import default_registry
from bot.parsing import parse_answer
from bot.parsing.booleans import asks_what_it_means
from bot.parsing.result import ASKS_WHAT_IT_MEANS

TODAY = date(2026, 12, 3)


def read(fact_id: str, text: str):
    return parse_answer(default_registry()[fact_id], text, TODAY)


@pytest.mark.parametrize(
    "fact_id, text",
    [
        ("ecog", "What do you mean by days? I mostly sit around"),
        ("heart_failure_limitation", "what do you mean, limits? he gets puffed on the hill"),
        ("uncontrolled_infection", "does a cold count? I had one last week"),
        ("ventricular_arrhythmia_or_fainting", "What counts as serious? my heart flutters now and then"),
        ("cd3_count", "is that the same as the white count? it was 4.1"),
        ("last_platelet_transfusion", "does a red cell transfusion count? she had one on Monday"),
        ("aml_no_response_after_two_courses", "啥叫缓解？反正医生说好多了"),
        ("ejection_fraction", "射血分数是啥？她心率八十"),
        ("gvhd", "排异是什么意思？他身上没啥"),
    ],
)
def test_the_rest_of_a_question_about_the_question_is_not_taken_as_the_answer(fact_id, text):
    parsed = read(fact_id, text)
    assert not parsed.ok and parsed.problem == ASKS_WHAT_IT_MEANS


@pytest.mark.parametrize(
    "fact_id, text, meant",
    [
        ("hiv_or_aids", "你什么意思？没有", False),
        ("takes_steroids", "what does steroid mean? no, none", False),
        ("diagnosis", "what do you mean, what kind? Breast cancer", "solid_tumour"),
        ("platelet_count", "is that bad? it was 65", 65),
        ("platelet_count", "you mean the platelets? 45", 45),
        ("active_bleeding", "Yes. My gums bleed every morning", True),
    ],
)
def test_an_answer_beside_a_question_still_counts(fact_id, text, meant):
    parsed = read(fact_id, text)
    assert parsed.ok and parsed.value == meant


@pytest.mark.parametrize(
    "text, asks",
    [
        ("what does remission mean?", True),
        ("Does a funny turn count? I went dizzy", True),
        ("what do you mean by days", True),
        ("心律问题是指什么？", True),
        ("I had it. What is this study for?", False),
        ("the count was 45", False),
        ("it doesn't count for much", False),
        ("最后一次是什么时候来着，好像是上个月", False),
    ],
)
def test_which_sentences_ask_what_the_question_means(text, asks):
    assert asks_what_it_means(text) is asks

"""A yes/no question that does not fit the person's course is asked again, never answered for them
(`does_not_apply` in bot/words/<language>.yaml), and a few more ways of saying a liver or kidney
problem is not serious. The developer's own examples."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding import understand

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("language", "fact_id", "said"),
    [
        ("en", "aml_no_response_after_two_courses", "she's only had one course so far"),
        ("en", "aml_no_response_after_two_courses", "still on his first course of chemo"),
        ("zh", "aml_no_response_after_two_courses", "只打了一个疗程，人就受不了了"),
        ("en", "aml_relapse_no_response", "they've put him on palliative care, no more treatment"),
        ("zh", "aml_relapse_no_response", "复发以后没再治，在家保守治疗"),
        ("zh", "aml_relapse_no_response", "我爸从来没复发过"),
    ],
)  # fmt: skip
def test_a_question_that_does_not_fit_is_asked_again(language: str, fact_id: str, said: str) -> None:
    parsed = understand(fact_id, said, TODAY, language=language).parsed
    assert parsed.status == "unclear", parsed


@pytest.mark.parametrize(
    ("language", "said", "meant"),
    [
        ("en", "only the one course, and that got her into remission", False),
        ("zh", "只做了一个疗程就完全缓解了", False),
    ],
)
def test_a_remission_within_fewer_courses_still_answers(language: str, said: str, meant: bool) -> None:
    parsed = understand("aml_no_response_after_two_courses", said, TODAY, language=language).parsed
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize(
    ("language", "said", "meant"),
    [
        ("en", "a fatty liver, that's all", False),
        ("en", "slightly reduced kidney function, nothing more", False),
        ("zh", "有点脂肪肝，别的没啥", False),
        ("zh", "转氨酶有点异常，大夫说没大事", False),
        ("zh", "肾功能一直是好的", False),
        ("zh", "肝硬化好几年了", True),
    ],
)  # fmt: skip
def test_how_serious_a_liver_or_kidney_problem_is(language: str, said: str, meant: bool) -> None:
    parsed = understand("serious_liver_or_kidney_problems", said, TODAY, language=language).parsed
    assert parsed.ok and parsed.value is meant, parsed


def test_a_pending_result_is_not_known_yet() -> None:
    parsed = understand("aml_relapse_no_response", "the marrow result is pending", TODAY).parsed
    assert parsed.status == "unknown", parsed


@pytest.mark.parametrize(
    ("language", "fact_id", "said"),
    [
        ("en", "last_heart_attack_or_bypass", "they put a stent in back in 2021"),
        ("en", "last_heart_attack_or_bypass", "he had a mini stroke two years ago"),
        ("zh", "last_heart_attack_or_bypass", "去年冬天放了个支架"),
        ("en", "last_platelet_transfusion", "she had red cells on Tuesday"),
        ("zh", "last_platelet_transfusion", "上礼拜输的红细胞"),
        ("en", "transplant_immunosuppressants_stopped", "a week or so after my 50th"),
    ],
)  # fmt: skip
def test_a_date_of_another_event_is_asked_again(language: str, fact_id: str, said: str) -> None:
    parsed = understand(fact_id, said, TODAY, language=language).parsed
    assert parsed.status == "unclear", parsed


@pytest.mark.parametrize(
    ("language", "fact_id", "said", "meant"),
    [
        ("en", "last_heart_attack_or_bypass", "heart attack in March 2021, then a stent", date(2021, 3, 15)),
        ("zh", "last_heart_attack_or_bypass", "2021年3月心梗，放了支架", date(2021, 3, 15)),
        ("en", "last_platelet_transfusion", "platelets and red cells on 20 November", date(2026, 11, 20)),
        ("en", "transplant_immunosuppressants_stopped", "on my 50th, 2 October", date(2026, 10, 2)),
    ],
)  # fmt: skip
def test_the_event_asked_about_named_beside_another_is_still_dated(
    language: str, fact_id: str, said: str, meant: date
) -> None:
    parsed = understand(fact_id, said, TODAY, language=language).parsed
    assert parsed.ok and abs((parsed.value - meant).days) <= 16, parsed

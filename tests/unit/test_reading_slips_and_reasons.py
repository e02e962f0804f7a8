"""Readings added on 5 December (third stop): Chinese words half typed in pinyin, homophones of the
words that answer a willingness, and more. Each mechanism has examples of its own, not corpus rows."""

from __future__ import annotations

from datetime import date

import pytest

from bot.parsing.pinyin import pinyin_slips_written
from bot.understanding import understand

TODAY = date(2026, 12, 3)


def _read(fact_id: str, said: str, language: str = "en"):
    return understand(fact_id, said, TODAY, language=language).parsed


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
    parsed = _read(fact_id, said, "zh")
    assert parsed.ok and parsed.value == meant, parsed

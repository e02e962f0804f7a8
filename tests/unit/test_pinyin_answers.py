"""Answers typed in pinyin in a Chinese conversation (bot/parsing/pinyin.py)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.parsing.pinyin import from_pinyin
from bot.rules import NEVER
from bot.understanding import understand

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("active_bleeding", "mei you", False),
        ("hiv_or_aids", "meiyou aizibing", False),
        ("last_platelet_transfusion", "qian tian", date(2026, 12, 1)),
        ("last_heart_attack_or_bypass", "cong lai mei you", NEVER),
        ("age", "qi shi er sui", 72),
        ("sex", "nv de", "female"),
        ("aml_relapse_count", "fu fa le liang ci", 2),
    ],
)
def test_pinyin_is_read_as_the_chinese_it_spells(fact_id, said, meant):
    parsed = understand(fact_id, said, TODAY, language="zh").parsed
    assert parsed.ok and parsed.value == meant, parsed
    assert parsed.said == said  # the person's own words are kept


@pytest.mark.parametrize("said", ["no", "so so", "he can", "yes", "I am fine", "ok", "a"])
def test_english_is_never_read_as_pinyin(said):
    assert from_pinyin(said) is None


def test_pinyin_is_only_read_in_a_chinese_conversation():
    assert not understand("active_bleeding", "mei you", TODAY, language="en").parsed.ok


def test_a_pinyin_answer_is_an_answer_whatever_the_nlu_made_of_it():
    from bot.understanding import is_an_answer

    assert is_an_answer("active_bleeding", "mei you", "out_of_scope", TODAY, language="zh")
    assert not is_an_answer("active_bleeding", "mei you", "out_of_scope", TODAY, language="en")

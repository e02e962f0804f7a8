"""Fainting asked about is fainting nobody could explain: "they never found a cause" says yes, a
cause named (dehydration, low blood pressure, pregnancy) says no. And a negation reaches past
"of them" / "of those": "none of those worked" negates "worked". Examples of my own."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding import understand

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("I blacked out at work in May and the hospital never found a cause", True),
        ("collapsed in the kitchen, out of the blue, they did tests and could not find why", True),
        ("she keeled over once, nobody knows why", True),
        ("passed out last year but I was badly dehydrated after a stomach bug", False),
        ("my blood pressure dropped when I stood up and I fainted, that's all", False),
        ("从来没有突然晕过去", False),  # 突然 between the negation and the fainting
        ("蹲下再站起来晕倒过，医生讲是血压低", False),
    ],
)
def test_fainting_without_a_cause_is_what_counts(said, meant):
    language = "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in said) else "en"
    parsed = understand("ventricular_arrhythmia_or_fainting", said, TODAY, language=language).parsed
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize("said", ["none of those worked", "neither of these worked for her"])
def test_a_negation_reaches_past_of_them(said):
    parsed = understand("aml_no_response_after_two_courses", said, TODAY).parsed
    assert parsed.ok and parsed.value is True, parsed  # no remission: the fact is true

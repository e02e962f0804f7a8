"""A negation on a verb of thinking denies the thought (`raised_negation` in the words files):
"I don't think that'll be a problem" agrees. Only glue words may stand between the verb and the
problem word, so "I don't think I'd want the hassle" still refuses. The developer's own examples;
the first was found in a held-out corpus (en/heldout_i) read as a refusal."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding import understand

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("language", "fact_id", "said", "meant"),
    [
        ("en", "willing_contraception", "I don't think that would be a problem at all", True),
        ("en", "willing_no_sperm_donation", "don't expect there'll be any issue", True),
        ("en", "willing_contraception", "I don't imagine it'd be much of a hassle", True),
        ("en", "willing_contraception", "I don't think I'd want the hassle, honestly", False),
        ("en", "willing_contraception", "I think that would be a problem for us", False),
        ("zh", "willing_contraception", "我不认为这会有什么问题", True),
        ("zh", "willing_no_sperm_donation", "不觉得有多大麻烦", True),
        ("zh", "willing_contraception", "我觉得挺麻烦的，不想", False),
    ],
)  # fmt: skip
def test_a_negated_thought_about_a_problem(language: str, fact_id: str, said: str, meant: bool) -> None:
    parsed = understand(fact_id, said, TODAY, language=language).parsed
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize(
    ("language", "said", "meant"),
    [
        ("en", "giving sperm? no, never", True),
        ("en", "Donating, yes", False),
        ("en", "no, I'm a sperm donor and I want to keep going", False),
        ("zh", "不会不同意的", True),
    ],
)  # fmt: skip
def test_a_yes_or_no_right_after_the_thing_to_refrain_from(language: str, said: str, meant: bool) -> None:
    """ "Willing not to donate sperm?" "Donating? No": no to donating, so yes to refraining."""
    parsed = understand("willing_no_sperm_donation", said, TODAY, language=language).parsed
    assert parsed.ok and parsed.value is meant, parsed

"""An age said instead of yes or no to "could she become pregnant?" answers it (`age_answers` in
bot/facts.yaml): young is yes, well past the menopause is no, in between is asked again, and
words that answer it themselves come first. Chinese numerals after 几 are counted, never heard as
a homophone (六十几岁 is no 急髓). Examples of my own."""

from __future__ import annotations

from datetime import date

import pytest

from bot.facts import default_registry
from bot.parsing.extract import extract_facts
from bot.understanding import understand

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("fact_id", "said", "language", "meant"),
    [
        ("partner_can_become_pregnant", "my wife is 72", "en", False),
        ("partner_can_become_pregnant", "she's 29 and healthy", "en", True),
        ("partner_can_become_pregnant", "我爱人都快六十了", "zh", False),
        ("partner_can_become_pregnant", "女朋友才二十五", "zh", True),
        ("can_become_pregnant", "I'm 66, dear", "en", False),
        ("partner_can_become_pregnant", "she's 31 but she had a hysterectomy", "en", False),  # words first
    ],
)
def test_an_age_answers_the_question(fact_id, said, language, meant):
    parsed = understand(fact_id, said, TODAY, language=language).parsed
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize("said", ["she's 50", "we have been together 3 years"])
def test_an_age_in_between_or_no_age_is_asked_again(said):
    assert not understand("partner_can_become_pregnant", said, TODAY).parsed.ok


def test_an_age_in_chinese_numerals_is_not_heard_as_a_diagnosis():
    found = extract_facts("我妈都七十几岁了", TODAY, default_registry())
    assert "diagnosis" not in found
    # 七十几 is a rough age (70 to 79): not recorded as 70 in passing; the age question asks it
    assert "age" not in found or 70 <= found["age"].value <= 79
    assert extract_facts("我妈都七十三岁了", TODAY, default_registry())["age"].value == 73

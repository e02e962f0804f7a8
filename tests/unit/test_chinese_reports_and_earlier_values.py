"""Chinese answers from report sheets and stories: an ejection fraction printed as a fraction
(EF 0.58), an earlier value marked 上回/前一次 beside the latest, "I'm a man" to the pregnancy
question, an age well past 55 answers it, and "I don't know, nobody told us" is unknown, not
never. Examples of my own."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding import understand

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("ejection_fraction", "心超报告EF 0.58", 58),
        ("platelet_count", "这回六十二，上回才二十", 62),
        ("haemoglobin", "血红蛋白上回70，这次95", 95),
        ("pregnant", "我是男同志", False),
        ("pregnant", "她都六十七了", False),
    ],
)
def test_chinese_reports_and_earlier_values(fact_id, said, meant):
    parsed = understand(fact_id, said, TODAY, language="zh").parsed
    assert parsed.ok and parsed.value == meant, parsed


def test_not_knowing_is_not_never():
    parsed = understand("last_heart_attack_or_bypass", "不清楚，家里人没提过", TODAY, language="zh").parsed
    assert parsed.status == "unknown", parsed

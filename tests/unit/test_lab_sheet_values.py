"""A value read off a lab sheet or told beside another: the reference range printed after it is no
result ("参考值115-150", "normal range 130-170"), neither is another lab on the same line (红细胞, RBC),
and "last time" is earlier only beside a value said to be now ("上次85，现在92"); alone it is the
latest ("上次查的是85")."""

from datetime import date

import pytest

from bot.understanding import understand

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    "fact_id, text, language, meant",
    [
        ("haemoglobin", "HGB 92 参考值 115~150", "zh", 92),
        ("haemoglobin", "hb 92 (normal range 115-150)", "en", 92),
        ("platelet_count", "PLT 41 参考范围 125-350", "zh", 41),
        ("haemoglobin", "红细胞3.2，血红蛋白92", "zh", 92),
        ("haemoglobin", "rbc 3.2 and hb 92", "en", 92),
        ("haemoglobin", "上次85，现在92", "zh", 92),
        ("haemoglobin", "last time 85, now 92", "en", 92),
        ("haemoglobin", "上次查的是85", "zh", 85),
        ("haemoglobin", "last time it was 85", "en", 85),
    ],
)
def test_the_value_asked_for_is_read_off_the_sheet(fact_id, text, language, meant):
    parsed = understand(fact_id, text, TODAY, language=language).parsed
    assert parsed.ok and parsed.value == meant

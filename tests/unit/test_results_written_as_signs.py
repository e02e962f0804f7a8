"""A test result written as a sign ("HIV (-)", "hiv -ve", "HBsAg +", 乙肝表面抗原（-）) is read as the
result it writes: the minus of a negative result had been dropped, leaving the test's name alone,
read as a yes that would exclude. Examples written for the mechanism, not corpus rows."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding import understand

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("fact_id", "said", "language", "meant"),
    [
        ("hiv_or_aids", "HIV (-)", "en", False),
        ("hiv_or_aids", "hiv Ab: -ve", "en", False),
        ("hiv_or_aids", "last screen: HIV neg", "en", False),
        ("hiv_or_aids", "hiv -", "en", False),
        ("active_hepatitis", "HBsAg -ve, HCV Ab -ve", "en", False),
        ("hiv_or_aids", "HIV（-）", "zh", False),
        ("active_hepatitis", "乙肝表面抗原（-）", "zh", False),
        ("active_hepatitis", "两对半：表面抗原 -", "zh", False),
        ("hiv_or_aids", "HIV (+)", "en", True),
        ("hiv_or_aids", "hiv +ve", "en", True),
        ("active_hepatitis", "乙肝表面抗原（+），DNA很高", "zh", True),
    ],
)
def test_a_result_written_as_a_sign(fact_id, said, language, meant):
    parsed = understand(fact_id, said, TODAY, language=language).parsed
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("cancer_treatments", "chemo - then radiotherapy", ["chemotherapy", "radiotherapy"]),
        ("platelet_count", "plt - 72, last week", 72),
    ],
)
def test_a_dash_between_words_or_numbers_is_no_result(fact_id, said, meant):
    parsed = understand(fact_id, said, TODAY).parsed
    assert parsed.ok and parsed.value == meant, parsed

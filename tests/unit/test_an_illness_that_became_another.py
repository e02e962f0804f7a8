"""One illness that became another: of the diagnoses named, the answer is the one it became ("MDS
that progressed to AML", "AML secondary to myelodysplasia", 淋巴瘤后继发的白血病). The markers are
words in bot/words/<language>.yaml (`became_markers`, `came_from_markers`). Examples of my own."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding import understand

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        ("myelodysplastic syndrome which progressed to acute myeloid leukemia", "en", "aml"),
        ("it was myelofibrosis but it transformed into AML in the spring", "en", "aml"),
        ("acute myeloid leukaemia, secondary to myelodysplasia", "en", "aml"),
        ("follicular lymphoma that transformed into DLBCL", "en", "lymphoma"),
        ("原来是骨髓纤维化，去年进展为急性髓系白血病", "zh", "aml"),
        ("肺癌放化疗以后继发的急性髓系白血病", "zh", "aml"),
        ("急性髓系白血病，继发于骨髓增生异常综合征", "zh", "aml"),
    ],
)
def test_the_illness_it_became_is_the_answer(said, language, meant):
    parsed = understand("diagnosis", said, TODAY, language=language).parsed
    assert parsed.ok and parsed.value == meant, parsed


def test_two_illnesses_without_one_becoming_the_other_are_asked_again():
    parsed = understand("diagnosis", "breast cancer and also lymphoma", TODAY).parsed
    assert not parsed.ok and parsed.problem == "choice.ambiguous", parsed

"""An age said as a decade ("in her early sixties", 五十多岁, 六十好几) is read as the middle of its
years, with the first and last as alternatives (the conversation records unknown when the outcome
hangs on which); beside "I don't know" it stays unknown; a decade of the calendar ("born in the
60s") is no age. The developer's own examples."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding import understand

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("language", "said", "middle", "ends"),
    [
        ("en", "he's in his late seventies", 78, (77, 79)),
        ("en", "mid-50s", 55, (54, 56)),
        ("en", "my mum is eighty something", 84, (80, 89)),
        ("zh", "我爸七十多岁", 75, (71, 79)),
        ("zh", "她四十好几了", 45, (42, 49)),
    ],
)  # fmt: skip
def test_a_decade_is_its_middle_with_its_ends(language: str, said: str, middle: int, ends: tuple) -> None:
    reading = understand("age", said, TODAY, language=language)
    assert reading.parsed.value == middle and reading.parsed.alternatives == ends, reading.parsed
    assert not reading.sure


@pytest.mark.parametrize(
    ("language", "said", "status"),
    [
        ("en", "no idea really, somewhere in his sixties", "unknown"),
        ("zh", "不清楚，大概六十多吧", "unknown"),
        ("en", "born in the 50s", "unclear"),
    ],
)
def test_a_decade_that_does_not_say_an_age(language: str, said: str, status: str) -> None:
    assert understand("age", said, TODAY, language=language).parsed.status == status

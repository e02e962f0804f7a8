"""A question about now ("do you take steroids?") answered with the past and then now: the last
clause said of now answers it (`now_markers` in the words files). And 还没停 ("not stopped yet")
says still on it; "once, and again in October" counts two. The developer's own examples."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding import understand

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("language", "fact_id", "said", "meant"),
    [
        ("en", "takes_steroids", "dexamethasone with each chemo cycle, but not at the moment", False),
        ("zh", "takes_steroids", "化疗那几天吃地塞米松，平时不吃", False),
        ("zh", "still_on_transplant_immunosuppressants", "他移植以后吃他克莫司，一直没停", True),
        ("zh", "still_on_transplant_immunosuppressants", "还没有停", True),
    ],
)  # fmt: skip
def test_the_clause_about_now_answers(language: str, fact_id: str, said: str, meant: bool) -> None:
    parsed = understand(fact_id, said, TODAY, language=language).parsed
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("it relapsed once last year, and again in October", 2),
        ("only once, and never again since", 1),
    ],
)
def test_once_and_again_is_counted(said: str, meant: int) -> None:
    parsed = understand("aml_relapse_count", said, TODAY).parsed
    assert parsed.ok and parsed.value == meant, parsed

"""When did you stop them?" answered with a stop, a restart and perhaps another stop: what follows
the last restart answers ("...restarted in June, then stopped again 3 weeks ago": 3 weeks ago), and
nothing after it means still on them (recorded as never stopped). These had been asked again, or
read as the first stop. Examples written for the mechanism, with today the 3rd of December 2026."""

from __future__ import annotations

from datetime import date

import pytest

from bot.rules import NEVER
from bot.understanding import understand

TODAY = date(2026, 12, 3)
FACT = "transplant_immunosuppressants_stopped"


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        ("Came off tacrolimus in April, had to restart it in May for a rash, off again since 10 August", "en",
         date(2026, 8, 10)),
        ("stopped it in March, went back on it in June, then weaned off again, last dose 1 October", "en",
         date(2026, 10, 1)),
        ("stopped in February, restarted in April when the GVHD flared", "en", NEVER),
        ("三月停的，五月又吃上了，十月底才彻底停", "zh", date(2026, 10, 31)),
        ("四月份停了环孢素，后来肠道排异又开始吃了", "zh", NEVER),
    ],
)  # fmt: skip
def test_what_follows_the_last_restart_answers(said, language, meant):
    parsed = understand(FACT, said, TODAY, language=language).parsed
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("stopped in May and they never restarted them", date(2026, 5, 15)),
        ("stopped in August", date(2026, 8, 15)),
    ],
)
def test_a_stop_never_restarted_stands(said, meant):
    parsed = understand(FACT, said, TODAY).parsed
    assert parsed.ok and parsed.value == meant, parsed

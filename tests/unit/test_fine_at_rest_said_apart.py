"""A rest that brings no trouble, said in a clause of its own ("when I sit, no problem") or with
words like "nothing at all", does not make someone breathless at rest (class 4). Examples of my
own; a next clause counts only when it says nothing but that it is fine."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding import understand

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("walking to the bathroom I'm gasping. Lying down, no problem.", 3),
        ("a flight of stairs and I have to stop, sitting still nothing at all", 2),
        ("breathless even when sitting still", 4),
    ],
)
def test_fine_at_rest_said_apart(said, meant):
    parsed = understand("heart_failure_limitation", said, TODAY).parsed
    assert parsed.ok and parsed.value == meant, parsed

"""A treatment named and then undone is not had: "they offered radiotherapy but I said no",
"radiotherapy was planned but cancelled", "radiotherapy wasn't needed", and a negation reaching
past an aside ("I have not, to my knowledge, received radiation"). Examples written for the
mechanism, not corpus rows."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding import understand

TODAY = date(2026, 12, 3)


def _treatments(said: str) -> list[str]:
    parsed = understand("cancer_treatments", said, TODAY).parsed
    assert parsed.ok, parsed
    return sorted(parsed.value)


@pytest.mark.parametrize(
    "said",
    [
        "chemo, they offered radiotherapy but I said no",
        "chemo only, we talked about radiotherapy but decided against it in the end",
        "chemotherapy, radiotherapy was planned but cancelled",
        "chemo; radiotherapy wasn't needed",
        "chemo, but I have not, as far as I know, had radiation",
    ],
)
def test_a_treatment_undone_is_not_had(said):
    assert _treatments(said) == ["chemotherapy"]


@pytest.mark.parametrize(
    "said",
    [
        "chemo and radiotherapy, but it didn't work",  # had, whatever came of it
        "radiotherapy but I declined chemo",  # the decline names what it undoes
        "chemo and radiotherapy, I think",
    ],
)
def test_a_treatment_had_stays_had(said):
    assert "radiotherapy" in _treatments(said)

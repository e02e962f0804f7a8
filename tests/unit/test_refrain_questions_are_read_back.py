"""A question that asks whether someone would *refrain* from something ("would you be willing not
to donate sperm?") turns a lone "no" into a puzzle: no, I won't donate, or no, I'm not willing?
Such a fact is marked `asks_to_refrain` in bot/facts.yaml, and a lone yes or no to it is never
taken as beyond doubt, so an answer that would exclude is read back first."""

from __future__ import annotations

from datetime import date

import pytest

from bot.facts import default_registry
from bot.parsing.booleans import parse_boolean
from bot.understanding import understand

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("said", "language"), [("Nope", "en"), ("no.", "en"), ("不", "zh"), ("不愿意", "zh")]
)
def test_a_lone_no_to_a_refrain_question_is_read_back(said, language):
    parsed = understand("willing_no_sperm_donation", said, TODAY, language=language).parsed
    assert parsed.ok and parsed.value is False
    assert not parsed.sure, "a lone no to 'willing not to ...?' must be read back before it excludes"


def test_the_flag_is_data_not_code():
    """The same lone "Nope" is beyond doubt for a question asked the plain way up, and stops being
    so when that fact is marked as asking to refrain."""
    plain_fact = default_registry().get("willing_contraception")
    assert parse_boolean("Nope", plain_fact).sure
    marked = plain_fact.copy(update={"asks_to_refrain": True})
    assert not parse_boolean("Nope", marked).sure


def test_a_reply_that_says_what_it_means_still_counts():
    """Only the sureness of a lone word changes: a reply with content reads as before."""
    parsed = understand("willing_no_sperm_donation", "I have no intention of donating", TODAY).parsed
    assert parsed.ok and parsed.value is True

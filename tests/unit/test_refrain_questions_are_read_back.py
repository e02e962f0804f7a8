"""A question that asks whether someone would *refrain* from something ("would you be willing not
to donate sperm?") turns a lone "no" into a puzzle: no, I won't donate, or no, I'm not willing?
Such a fact is marked `asks_to_refrain` in bot/facts.yaml: a lone "no" is asked again, with buttons
that say what they mean (`yes_no_buttons`), and no other answer to it that would exclude counts
without a read-back."""

from __future__ import annotations

from datetime import date

import pytest

from bot.conversation import answer_buttons
from bot.facts import default_registry
from bot.parsing.booleans import parse_boolean
from bot.understanding import understand

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(("said", "language"), [("Nope", "en"), ("no.", "en"), ("No", "en"), ("不", "zh")])
def test_a_lone_no_to_a_refrain_question_is_asked_again(said, language):
    parsed = understand("willing_no_sperm_donation", said, TODAY, language=language).parsed
    assert not parsed.ok and parsed.problem == "boolean.refrain_unclear", parsed


@pytest.mark.parametrize("language", ["en", "zh"])
def test_typing_no_is_not_pressing_a_button_when_the_buttons_say_what_they_mean(language):
    buttons = [b["payload"] for b in answer_buttons("willing_no_sperm_donation", language)]
    assert not {"no", "不"} & {b.lower() for b in buttons}, buttons
    reading = understand("willing_no_sperm_donation", "no", TODAY, language=language, buttons=buttons)
    assert reading.how == "parsed" and not reading.parsed.ok


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_worded_buttons_are_their_answers_beyond_doubt(language):
    buttons = [b["payload"] for b in answer_buttons("willing_no_sperm_donation", language)]
    agreed, refused = buttons[0], buttons[1]
    for pressed, meant in ((agreed, True), (refused, False)):
        reading = understand("willing_no_sperm_donation", pressed, TODAY, language=language, buttons=buttons)
        assert reading.parsed.ok and reading.parsed.value is meant and reading.sure, (pressed, reading)


def test_a_refusal_in_words_is_read_back():
    parsed = understand("willing_no_sperm_donation", "不愿意", TODAY, language="zh").parsed
    assert parsed.ok and parsed.value is False
    assert not parsed.sure, "a no to 'willing not to ...?' must be read back before it excludes"


def test_the_flag_is_data_not_code():
    """The same lone "Nope" is beyond doubt for a question asked the plain way up, and is asked
    again once that fact is marked as asking to refrain."""
    plain_fact = default_registry().get("willing_contraception")
    assert parse_boolean("Nope", plain_fact).sure
    marked = plain_fact.copy(update={"asks_to_refrain": True})
    assert parse_boolean("Nope", marked).problem == "boolean.refrain_unclear"


def test_a_reply_that_says_what_it_means_still_counts():
    """Only the sureness of a lone word changes: a reply with content reads as before."""
    parsed = understand("willing_no_sperm_donation", "I have no intention of donating", TODAY).parsed
    assert parsed.ok and parsed.value is True

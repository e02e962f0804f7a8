"""The front-door checks every chat message passes before Rasa reads it (bot/inbound.py)."""

from __future__ import annotations

import time

import pytest

from bot.inbound import MAX_TEXT_CHARS, check_message, message_language, valid_sender, without_controls
from bot.messages import message


@pytest.mark.parametrize(
    ("sent", "key"),
    [
        (None, "inbound.not_text"),
        ([], "inbound.not_text"),
        ({"a": 1}, "inbound.not_text"),
        (True, "inbound.not_text"),
        (2.5, "inbound.not_text"),
        ("", "inbound.empty"),
        (" \t\n", "inbound.empty"),
        ("\x00\x07", "inbound.empty"),
        ("/", "inbound.empty"),
        ("😀👍", "inbound.no_words"),
        ("...!!!", "inbound.no_words"),
        ("a" * (MAX_TEXT_CHARS + 1), "inbound.too_long"),
        ("a" * 10_000_000, "inbound.too_long"),
    ],
)
def test_what_cannot_be_read_is_refused_with_its_reason(sent, key):
    checked = check_message(sent, "en")
    assert not checked.accepted and checked.text is None
    assert checked.refusal == message(key, "en", limit=str(MAX_TEXT_CHARS))


@pytest.mark.parametrize(
    ("sent", "read"),
    [
        ("yes", "yes"),
        ("  I'm 47  ", "I'm 47"),
        (47, "47"),
        ("?", "?"),
        ("为什么？", "为什么？"),
        ('/inform{"age":"30"}', 'inform{"age":"30"}'),
        ("//restart", "restart"),
        ("hi\x00 there\x1b", "hi there"),
        ("line one\nline two", "line one\nline two"),
        ("a" * MAX_TEXT_CHARS, "a" * MAX_TEXT_CHARS),
    ],
)
def test_what_can_be_read_is_passed_on_cleaned(sent, read):
    checked = check_message(sent, "en")
    assert checked.accepted and checked.text == read


def test_no_message_given_to_rasa_starts_with_a_slash():
    for sent in ["/affirm", " /stop", "/\x00/greet", "///"]:
        checked = check_message(sent)
        assert checked.text is None or not checked.text.startswith("/")


def test_refusals_are_worded_in_the_language_asked():
    assert check_message("", "zh").refusal == message("inbound.empty", "zh")
    assert message_language("血小板", None) == "zh"
    assert message_language("hello", {"language": "zh-CN"}) == "zh"
    assert message_language("hello", {"language": "fr"}) == "en"
    assert message_language(None, None) == "en"


@pytest.mark.parametrize("sender", ["abc", "e2e-1.2:3_x", "a" * 128, "0f" * 16])
def test_a_sender_id_of_the_right_shape_is_kept(sender):
    assert valid_sender(sender) == sender


@pytest.mark.parametrize("sender", [None, "", "a b", "a" * 129, 12, "名字", "x/y", "a\n"])
def test_any_other_sender_id_is_refused(sender):
    assert valid_sender(sender) is None


def test_control_characters_go_and_tabs_newlines_and_emoji_joiners_stay():
    assert without_controls("a\x00b\tc\nd\x7fe\u200df") == "ab\tc\nde\u200df"


def test_the_check_takes_time_in_proportion_to_the_length():
    def took(text: str) -> float:
        start = time.perf_counter()
        for _ in range(5):
            check_message(text)
        return time.perf_counter() - start

    short, long = took("a" * 800), took("a" * 8000)
    assert long < short * 40  # linear is 10x; quadratic would be 100x

"""The conversation's language: the page's, a first Chinese message, or the person's switch."""

from __future__ import annotations

import pytest

from bot.parsing.pronouns import fill_pronouns
from bot.text import conversation_language


@pytest.mark.parametrize(
    ("current", "page", "text", "first", "chosen", "expected"),
    [
        (None, None, "hi", True, False, "en"),
        (None, "zh", "hi", True, False, "zh"),  # the widget on a Chinese page
        (None, "zh-CN", "hello", True, False, "zh"),
        (None, "en", "你好，我想问问", True, False, "zh"),  # a first message in Chinese switches
        (None, None, "我爸爸想参加", True, False, "zh"),
        ("zh", "zh", "72", False, False, "zh"),  # a number or an OK keeps the conversation's language
        ("zh", "zh", "OK", False, False, "zh"),
        ("en", "en", "好的", False, False, "en"),  # only the first message switches by itself
        ("en", "zh", "yes", False, True, "zh"),  # the widget's switch, chosen by the person
        ("zh", "en", "是的", False, True, "en"),
        ("zh", "fr", "oui", False, True, "en"),  # an unknown language is English
        (None, "fr", "bonjour", True, False, "en"),
    ],
)
def test_the_conversation_language(current, page, text, first, chosen, expected):
    assert conversation_language(current, page, text, first, chosen) == expected


@pytest.mark.parametrize(
    ("pronoun", "expected"),
    [
        ("he", "他今年多大了？"),
        ("she", "她今年多大了？"),
        (None, "患者今年多大了？"),
        ("they", "患者今年多大了？"),
    ],
)
def test_chinese_proxy_questions_name_the_patient_without_guessing(pronoun, expected):
    assert fill_pronouns("{they}今年多大了？", pronoun, "zh") == expected


def test_english_proxy_questions_are_unchanged_by_the_language_argument():
    assert fill_pronouns("How old {is} {they}?", "she") == "How old is she?"
    assert fill_pronouns("How old {is} {they}?", None, "en") == "How old are they?"


def test_the_language_slot_is_set_on_the_tracker_before_the_reply():
    """rasa_addons.conversation_language: the slot is set from the message, on Rasa's own tracker."""
    from rasa.core.channels.channel import UserMessage
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.slots import AnySlot
    from rasa.shared.core.trackers import DialogueStateTracker

    from rasa_addons.conversation_language import note_language

    tracker = DialogueStateTracker("someone", [AnySlot("language", mappings=[{"type": "custom"}])])
    note_language(UserMessage("你好", metadata={"language": "en"}), tracker)
    assert tracker.get_slot("language") == "zh"
    tracker.update(UserUttered("你好"))
    note_language(UserMessage("OK", metadata={"language": "en"}), tracker)
    assert tracker.get_slot("language") == "zh"  # not the first message: it stays
    note_language(UserMessage("yes", metadata={"language": "en", "chosen": True}), tracker)
    assert tracker.get_slot("language") == "en"  # the person switched

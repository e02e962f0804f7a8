"""The conversation's language, set on the tracker before Rasa predicts a reply.

Responses in domain.yml have Chinese variants chosen by the `language` slot; the slot must hold the
right language before the first reply (the greeting), so it cannot wait for an action. The
message processor's `parse_message` (wrapped by answer_first.py, which calls `note_language` first)
sees each message with its tracker: this adds `SlotSet("language", ...)` there when the language
changes, by `bot.text.conversation_language` (the page's language from the message metadata, or
a first message written in Chinese).

Switch: PRESCREEN_LANGUAGE_SLOT=0 leaves the slot alone (every conversation in English).
"""

from __future__ import annotations

import os
from typing import Any

from rasa.shared.core.events import SlotSet, UserUttered

from bot.text import LANGUAGE_SLOT, conversation_language

SLOT = LANGUAGE_SLOT


def enabled() -> bool:
    return os.environ.get("PRESCREEN_LANGUAGE_SLOT", "1").strip() not in ("0", "false", "no", "off")


def page_language(message: Any) -> tuple[str | None, bool]:  # noqa: ANN401 - Rasa's UserMessage
    """The language the widget sent with the message, and whether the person chose it."""
    metadata = getattr(message, "metadata", None)
    if not isinstance(metadata, dict):
        return None, False
    page = metadata.get("language")
    return (page if isinstance(page, str) else None), metadata.get("chosen") is True


def note_language(message: Any, tracker: Any) -> None:  # noqa: ANN401 - Rasa's types
    """Set the tracker's language slot from this message when it changes."""
    if tracker is None or not enabled():
        return
    current = tracker.get_slot(SLOT)
    first = not any(isinstance(event, UserUttered) for event in tracker.events)
    text = getattr(message, "text", None) or ""
    page, chosen_by_person = page_language(message)
    chosen = conversation_language(current, page, text, first, chosen_by_person)
    if chosen != current:
        tracker.update(SlotSet(SLOT, chosen))

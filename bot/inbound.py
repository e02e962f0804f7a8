"""What may come in through a chat channel, checked before Rasa reads it.

Every message from the widget or the REST channel passes `check_message` first, in Rasa's channel
(rasa_addons/channels.py), so that nothing oversized, malformed or hostile ever reaches NLU, the
tracker or the actions:

- a sender id must look like one (1-128 of letters, digits and `_ . : -`); there is no shared
  "default" conversation for requests that name none;
- the text must be a string (or a whole number, read as its digits): a list, object, null or
  fraction is refused with a clear reply;
- control characters are removed (they can hide text in logs and the dashboard);
- an empty or whitespace message, a message with no letters or digits (emoji only) and a message
  over MAX_TEXT_CHARS are refused with a reply that says what to do, and never parsed;
- a message that starts with "/" is how Rasa lets a client name an intent and set slots
  (`/inform{"age": "30"}`). Our buttons send their label as text, never such a payload, so the
  slashes are removed and the rest is read as words like any other message.

Plain Python: the checks are the same for every channel and are tested on their own.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from bot.messages import message
from bot.text import LANGUAGES, known_language, written_language

MAX_TEXT_CHARS = 2000
"""The longest message read. Every screening answer fits many times over; longer is refused."""

MAX_BODY_BYTES = 64 * 1024
"""The largest request body a channel accepts (a 2 000-character message in JSON is under 10 KB)."""

SENDER_ID = re.compile(r"[A-Za-z0-9_.:-]{1,128}")

# Kept: tab and newline (people paste lists). Everything else in Unicode's "control" category goes,
# and so do unpaired surrogates, which cannot be stored as UTF-8.
_KEPT_CONTROLS = {"\t", "\n"}


@dataclass(frozen=True)
class Inbound:
    """A message as checked: `text` to give Rasa, or `refusal`, the reply that says why it was not read."""

    text: str | None = None
    refusal: str | None = None

    @property
    def accepted(self) -> bool:
        return self.refusal is None


def valid_sender(value: Any) -> str | None:
    """The sender id if it has the shape of one, else None (the channel answers 400)."""
    if isinstance(value, str) and SENDER_ID.fullmatch(value):
        return value
    return None


def message_language(text: Any, metadata: Any = None) -> str:
    """The language to reply in before the conversation is known: the page's (metadata `language`)
    when it says, else the one the text is written in."""
    page = metadata.get("language") if isinstance(metadata, dict) else None
    if isinstance(page, str) and page.split("-")[0].lower() in LANGUAGES:
        return known_language(page)
    return written_language(text) if isinstance(text, str) else "en"


def check_message(text: Any, language: str = "en") -> Inbound:
    """Check one incoming message; the refusal (if any) is worded in `language`."""
    if isinstance(text, int) and not isinstance(text, bool) and abs(text) < 10**15:
        text = str(text)  # {"message": 47}: a client that sent the age as a JSON number
    if not isinstance(text, str):
        return Inbound(refusal=message("inbound.not_text", language))
    if len(text) > MAX_TEXT_CHARS * 4:  # far too long: refused before any work on it
        return Inbound(refusal=message("inbound.too_long", language, limit=str(MAX_TEXT_CHARS)))
    cleaned = without_controls(text).strip()
    if len(cleaned) > MAX_TEXT_CHARS:
        return Inbound(refusal=message("inbound.too_long", language, limit=str(MAX_TEXT_CHARS)))
    cleaned = cleaned.lstrip("/").strip()
    if not cleaned:
        return Inbound(refusal=message("inbound.empty", language))
    if not any(ch.isalnum() for ch in cleaned) and "?" not in cleaned and "？" not in cleaned:
        return Inbound(refusal=message("inbound.no_words", language))
    return Inbound(text=cleaned)


def without_controls(text: str) -> str:
    """`text` without control characters (tab and newline kept) and without unpaired surrogates."""
    return "".join(ch for ch in text if ch in _KEPT_CONTROLS or unicodedata.category(ch) not in ("Cc", "Cs"))

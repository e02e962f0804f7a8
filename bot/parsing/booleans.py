"""Yes and no, in the ways people say them.

Negation wins: "I'm not pregnant", "no, never had one", "no heart problems" and "not that I know
of" are all no (the soft ones included: that is how people say no). "I don't know", "not sure" and
the like are "unknown". A yes together with a no ("yes, but not now") is unclear.
"""

from __future__ import annotations

import re

from bot.parsing import result
from bot.parsing.result import Parsed
from bot.parsing.text import phrase_pattern, plain, unknown_phrase

YES_WORDS = (
    "yes", "yeah", "yea", "yeh", "yep", "yup", "ya", "yah", "y", "aye", "sure", "correct", "affirmative",
    "definitely", "absolutely", "certainly", "indeed", "true", "exactly", "of course", "that is right",
    "you are right", "i think so", "i believe so", "i guess so",
)  # fmt: skip
"""Words and phrases (in `text.plain` form) that say yes on their own."""

NO_WORDS = (
    "no", "nope", "nah", "naw", "n", "never", "none", "not", "nothing", "neither", "nor", "negative",
    "false", "without", "no longer",
)  # fmt: skip
"""Words that make an answer a no (negation wins over a yes phrase such as "I have")."""

YES_STATEMENTS = (
    r"\b(?:i|he|she|they|we|it)\s+(?:do|does|did|have|has|had|am|is|are|was|were|will|would|can|could)"
    r"(?=\s*$|\s+(?:still|currently|now|too|also|indeed|though|yes|at the moment|right now)\b)",
    r"\b(?:had|have|has|got|get|gets)\s+(?:one|some|it|them)\b",
    r"\bstill\s+(?:do|does|am|is|are|have|has|taking|takes|take|on)\b",
)
"""Statements that say yes when nothing negates them: "I do", "she is", "I had one years ago". A
subject and verb count only on their own ("I am", not "I'm fine")."""

_YES = phrase_pattern(YES_WORDS)
_NO = phrase_pattern(NO_WORDS)
_YES_STATEMENT = re.compile("|".join(YES_STATEMENTS))
_INTENSIFIED_NO = re.compile(
    r"\b(?:definitely|absolutely|certainly|of course|sure|surely)\s+(?:not|no|never)\b|\bno\s+no\b"
)
_WORDS_ONLY = re.compile(r"[^a-z0-9' ]+")


def parse_boolean(text: str) -> Parsed:
    """Read yes (True), no (False), or "I don't know" (unknown); anything else is unclear."""
    said = text
    words = plain(text)
    if unknown_phrase(words):
        return result.unknown(said)
    words = " ".join(_WORDS_ONLY.sub(" ", words).split())
    if not words:
        return result.unclear(said, "boolean.unclear")
    words = _INTENSIFIED_NO.sub(" not ", words)
    says_no = bool(_NO.search(words))
    says_yes = bool(_YES.search(words))
    if says_no and says_yes:
        return result.unclear(said, "boolean.unclear")
    if says_no:
        return result.value(False, said)
    if says_yes or _YES_STATEMENT.search(words):
        return result.value(True, said)
    return result.unclear(said, "boolean.unclear")

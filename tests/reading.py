"""How the reading tests put one reply to the assistant: through `bot.understanding.understand`,
the function the conversation calls, on the day the answer corpora are written against."""

from __future__ import annotations

from datetime import date

from bot.parsing.result import Parsed
from bot.understanding import Understanding, understand

CORPUS_DAY = date(2026, 12, 3)
"""Thursday 3 December 2026: "today" for every corpus row (bench/corpus/README.md)."""


def read_answer(fact_id: str, said: str, language: str = "en", proxy: bool = False) -> Understanding:
    """The whole reading of `said` as the answer to `fact_id`'s question: the value, whether it is
    beyond doubt, and the facts volunteered beside it."""
    return understand(fact_id, said, CORPUS_DAY, proxy=proxy, language=language)


def read_parsed(fact_id: str, said: str, language: str = "en", proxy: bool = False) -> Parsed:
    """Only the parsed value of `read_answer`."""
    return read_answer(fact_id, said, language, proxy).parsed

"""Dates told by counting from something else the answer also gives.

- **From ages**: "when he was 45, he's 71 now", "just after my 60th, I'm 67", 我50岁那年…今年67了:
  the years between, counted back from today.
- **From another event whose date is said**: "stopped 100 days after the transplant, and the
  transplant was on 1 June", 移植后半年停的，移植是去年三月, 移植满一年停的，我是25年8月移植的: that
  date moved by the time said.

Each language's patterns are data (`dates.age_then`, `dates.age_now`, `dates.counted_offset`,
`dates.counted_from_events` in bot/words/<language>.yaml). Without everything needed (no age now,
no event dated, two different dates for it) there is no reading, and the answer is asked again as
before. A date counted like this is never beyond doubt: it is read back when it would exclude.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from bot.parsing.chinese import numerals_to_digits
from bot.parsing.text import alternation, numeric_text
from bot.parsing.words import words
from bot.text import written_language

OLDEST_AGE = 120


@dataclass(frozen=True)
class _CountingWords:
    age_then: tuple[re.Pattern, ...]
    age_now: tuple[re.Pattern, ...]
    offsets: tuple[re.Pattern, ...]
    events: re.Pattern | None
    units: dict[str, str]  # a unit word → "days", "weeks", "months" or "years"
    one: frozenset[str]  # words for one ("a", "an")
    half: frozenset[str]  # words for a half (半)
    clause_break: re.Pattern


@functools.cache
def _counting_words(language: str) -> _CountingWords:
    section = words(language).raw.get("dates") or {}

    def patterns(key: str) -> tuple[re.Pattern, ...]:
        return tuple(re.compile(str(p)) for p in section.get(key) or ())

    events = [str(e) for e in section.get("counted_from_events") or ()]
    units = {str(k): str(v) for k, v in (section.get("counted_units") or {}).items()}
    return _CountingWords(
        age_then=patterns("age_then"),
        age_now=patterns("age_now"),
        offsets=patterns("counted_offset"),
        events=re.compile(rf"(?<![a-z])(?:{alternation(events)})(?![a-z])") if events else None,
        units=units,
        one=frozenset(str(w) for w in section.get("counted_one") or ()),
        half=frozenset(str(w) for w in section.get("counted_half") or ()),
        # a space typed between Chinese words ends a clause too ("移植后第100天停的 移植是今年1月5号")
        clause_break=re.compile(
            r"[,.;!?，。；！？]+|\s+(?:and|but|so)\s+|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])"
        ),
    )


def _as_said(text: str, language: str) -> str:
    """Lower case with digits for number words; Chinese unspaced, as its patterns are written."""
    return numerals_to_digits(text) if language == "zh" else numeric_text(text, ordinals=True)


def counted_date(text: str, today: date, clause_date: Callable[[str], date | None]) -> date | None:
    """The date `text` tells by counting from ages or from another event it dates, else None.
    `clause_date` reads the date one clause names (the dates module's reader, passed in)."""
    language = written_language(text)
    said_words = _counting_words(language)
    said = _as_said(text, language)
    by_age = _from_ages(said, today, said_words)
    if by_age is not None:
        return by_age
    return _from_event(text, said, said_words, clause_date, today)


def without_ages(text: str) -> str:
    """`text` (lower case, digits for number words) without the ages said as now ("never lol im 19"):
    an age is no date."""
    said_words = _counting_words(written_language(text))
    said = _as_said(text, written_language(text))
    for pattern in said_words.age_now:
        said = pattern.sub(" ", said)
    return said


def _first_age(patterns: tuple[re.Pattern, ...], said: str) -> int | None:
    ages = {int(m.group("age")) for p in patterns for m in p.finditer(said)}
    return ages.pop() if len(ages) == 1 else None


def _from_ages(said: str, today: date, said_words: _CountingWords) -> date | None:
    then = _first_age(said_words.age_then, said)
    now = _first_age(said_words.age_now, said)
    if then is None or now is None or not 0 <= then <= now <= OLDEST_AGE:
        return None
    return today - relativedelta(years=now - then)


def _from_event(
    text: str,
    said: str,
    said_words: _CountingWords,
    clause_date: Callable[[str], date | None],
    today: date,
) -> date | None:
    if said_words.events is None:
        return None
    offsets = [m for p in said_words.offsets for m in p.finditer(said)]
    if len({m.group(0) for m in offsets}) != 1:
        return None  # none, or two different times counted: asked again
    moved = _length(offsets[0], said_words)
    if moved is None:
        return None
    anchors = set()
    for clause in said_words.clause_break.split(text):
        clause_said = _as_said(clause, written_language(text))
        if any(p.search(clause_said) for p in said_words.offsets):
            continue  # the clause that counts is not the one that dates the event
        if not said_words.events.search(clause_said):
            continue  # "so roughly March 2025" dates the answer itself, not the event
        day = clause_date(clause)
        if day is not None:
            anchors.add(day)
    if len(anchors) != 1:
        return None
    day = anchors.pop() + moved
    return day if day <= today else None


def _length(match: re.Match, said_words: _CountingWords) -> relativedelta | timedelta | None:
    """The time a counting match says: its `n` (digits, "a", or 半) of its `unit`."""
    groups = match.groupdict()
    unit = said_words.units.get(groups.get("unit") or "")
    if unit is None:
        return None
    number = groups.get("n")
    if number is None or number in said_words.one:
        count = 1.0
    elif number in said_words.half:
        count = 0.5
    else:
        try:
            count = float(number)
        except ValueError:
            return None
    if unit == "days":
        return timedelta(days=round(count))
    if unit == "weeks":
        return timedelta(days=round(7 * count))
    months = count * (12 if unit == "years" else 1)
    if months != int(months):
        return relativedelta(months=int(months), days=15)
    return relativedelta(months=int(months))

"""Lab results pasted as a dated list ("Platelets: 18/11: 102; 25/11: 97; 02/12: 110", "Hb 121 on
18 Nov, 118 on 25 Nov"): the value with the latest date is the one asked for.

A report or a patient portal prints each result beside the day it was taken. Read as plain numbers,
the days look like values ("18/11" is an 18) and the list looks like several answers, so it was asked
again. Here each value is paired with its day; the latest day's value is kept and the rest of the
list, days included, is left out. A day written 10/11 may be 10 November or 11 October: both orders
are tried, and when they disagree on which value is the latest the text is left as it was.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

_MONTH_NUMBERS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
_MONTH_NAMES = "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True))
_NUMERIC_DAY = (
    r"\d{1,2}/\d{1,2}(?:/(?:\d{4}|\d{2}))?|\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})|\d{1,2}-\d{1,2}-(?:\d{4}|\d{2})"
)
"""18/11, 11/25, 02/12/2026, 17.03.2026 (not 9.5 or 9-10 alone: a value or a range)"""
_NAMED_DAY = rf"\d{{1,2}}\s*(?:{_MONTH_NAMES})\.?|(?:{_MONTH_NAMES})\.?\s*\d{{1,2}}(?!\d)"
_DAY = rf"(?P<day>{_NUMERIC_DAY}|{_NAMED_DAY})"
_VALUE = r"(?P<value>\d+(?:\.\d+)?)"
_DAY_THEN_VALUE = re.compile(
    rf"(?<![\d./^*-]){_DAY}(?![\d^])\s*(?:[:=–-]|\s)\s*{_VALUE}(?![\d/])", re.IGNORECASE
)
_VALUE_THEN_DAY = re.compile(
    rf"(?<![\d./^*-]){_VALUE}(?![\d/])\s*(?:\bon\b|\(|@)\s*{_DAY}(?![\d^])\s*\)?", re.IGNORECASE
)


def latest_of_dated_values(text: str, today: date | None = None) -> str:
    """`text` with only the latest-dated value of a dated list left (its day blanked too), when there
    are at least two values each beside a day, or one value beside a day with no other number; else
    `text` unchanged."""
    today = today or date.today()
    for pattern in (_DAY_THEN_VALUE, _VALUE_THEN_DAY):
        pairs = list(pattern.finditer(text))
        if not pairs:
            continue
        latest = _latest_pair(pairs, today)
        if latest is None:
            return text
        if len(pairs) < 2 and re.search(r"\d", _blanked(text, pairs)):
            return text  # one dated value among other numbers: not a list
        return _blanked(text, pairs, keep=latest)
    return text


def _latest_pair(pairs: list[re.Match], today: date) -> re.Match | None:
    """The pair with the latest day, the same whichever way round day and month are read; None when
    a day cannot be read, two share a day, or the orders disagree."""
    chosen = set()
    for day_first in (True, False):
        days = [_day(pair["day"], day_first, today) for pair in pairs]
        if None in days:
            continue
        if len(set(days)) != len(days):
            return None
        chosen.add(days.index(max(days)))
    return pairs[chosen.pop()] if len(chosen) == 1 else None


def _day(said: str, day_first: bool, today: date) -> date | None:
    """The day `said` names, in the latest year that puts it on or before today when no year is said."""
    said = said.strip().lower().rstrip(".")
    named = re.fullmatch(rf"(\d{{1,2}})\s*({_MONTH_NAMES})|({_MONTH_NAMES})\s*(\d{{1,2}})", said)
    year = None
    if named:
        day_text, month_name = (named[1], named[2]) if named[1] else (named[4], named[3])
        day_number, month = int(day_text), _MONTH_NUMBERS[month_name]
    else:
        parts = re.split(r"[/.-]", said)
        first, second = int(parts[0]), int(parts[1])
        day_number, month = (first, second) if day_first else (second, first)
        if len(parts) == 3:
            year = int(parts[2]) + (2000 if len(parts[2]) == 2 else 0)
    try:
        if year is not None:
            return date(year, month, day_number)
        found = date(today.year, month, day_number)
        return found if found <= today else date(today.year - 1, month, day_number)
    except ValueError:
        return None


def _blanked(text: str, pairs: list[re.Match], keep: re.Match | None = None) -> str:
    """`text` with each pair turned into spaces, except the value of `keep`."""
    characters = list(text)
    for pair in pairs:
        for index in range(pair.start(), pair.end()):
            if pair is keep and pair.start("value") <= index < pair.end("value"):
                continue
            characters[index] = " "
    return "".join(characters)

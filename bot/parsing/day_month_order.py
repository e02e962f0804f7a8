"""Which figure is the day in "07/08/2026": the day or the month first.

People write dates in figures both ways. A date order set for the language guesses, and a wrong
guess is a wrong date that may exclude: "07/08/2026" taken as 7 August when 8 July was meant. So,
for a language that reads day first (English), a date in figures whose two first numbers could each
be the month is settled by what else is said, in this order:

1. a month named in words beside it ("11/02/2026, i.e. Nov 2nd");
2. the format named (`dates.month_first_said` / `dates.day_first_said`: "US format", "UK date");
3. another date in figures in the answer that only one order reads ("17/11, and before that 10/11");
4. a weekday beside it that only one reading falls on ("Tuesday 10/11");
5. both readings over a year ago: the language's order ("5/3/19"), as no study window hinges on it;
6. with a year said, the only reading not still to come ("07/12/2026" said on 3 December).

A month or weekday counts only when said close to the date ("stopped 11/10, they checked the level
again in Nov" names November for another event). A pair after a count or score ("cycle 2/6",
"ECOG 1/2", "pain 7/10") or before what is counted ("3/4 transfusions") is no date.

Otherwise it is asked again ("date.day_or_month"): a date neither reading rules out is the person's to
say. Dots with a year ("02.10.2026") are the European day-first convention and are left to the date
order. `settle_day_month_order` rewrites a settled date into words, so every reader after it agrees.
"""

from __future__ import annotations

import functools
import re
from datetime import date

from bot.parsing.text import phrase_pattern, plain
from bot.parsing.words import words as language_words
from bot.text import written_language

AMBIGUOUS = "ambiguous"
"""What `settle_day_month_order` returns when the person has to say which is the month."""

OLD_ENOUGH_DAYS = 365
"""A date in figures this long ago either way round is read in the language's order: the study
windows that dates are checked against (days to months) cannot hinge on which was the month."""

_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
)  # fmt: skip
_MONTH_IN_WORDS = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?:uary|ruary|ch|il|e|y|ust|t|tember|ober|ember)?\b\.?",
    re.IGNORECASE,
)
_IN_FIGURES = re.compile(
    r"(?<![\d/.\-])(\d{1,2})(?:/(\d{1,2})(?:/(\d{4}|\d{2}))?|-(\d{1,2})-(\d{4}|\d{2}))(?![\d/\-]|\.\d)"
    r"(?!\s*(?:a|an|years?|yrs?|months?|mos?|weeks?|wks?|days?|hours?|hrs?|tablets?|tabs?|units?|bags?|of|times?"
    r"|transfusions?|cycles?|rounds?|courses?|doses?|x|per)\b)"
)
"""A day and a month in figures with slashes ("7/8", "07/08/2026"), or with dashes and a year
("07-08-2026"); not a fraction of something ("1/2 a year", "3/4 of a bag")."""
_COUNTED_BEFORE = re.compile(
    r"\b(?:cycle|cycles|course|courses|round|rounds|ecog|pain|score|scored|grade|dose|doses|day|week|line|lines|"
    r"bp|blood pressure|vision|rated|rate)\s*(?:of\s+|was\s+|is\s+|at\s+)?$",
    re.IGNORECASE,
)
"""Words before a pair that counts or scores ("cycle 2/6", "ECOG 1/2", "pain 7/10"): no date."""
_WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY = re.compile(
    r"\b(mon|tue|wed|thu|fri|sat|sun)(?:day|s|sday|nesday|rsday|urday|\.)?\b", re.IGNORECASE
)
_NEAR = 25
"""How close (in characters) a month in words or a weekday must be to settle a date in figures."""


def settle_day_month_order(text: str, today: date, date_order: str) -> str:
    """`text` with each date in figures whose order is in doubt written in words ("7 august 2026"),
    when what is said settles it; `AMBIGUOUS` when it does not. Unchanged for a month-first
    language, and for dates only one order can read ("17/11")."""
    if not date_order.startswith("D"):
        return text
    rewritten, doubts = [], False
    last = 0
    pairs = [
        match for match in _IN_FIGURES.finditer(text) if not _COUNTED_BEFORE.search(text[: match.start()])
    ]
    order_shown = _order_shown(pairs)
    for match in pairs:
        first, second, year_said = _figures(match)
        if not (1 <= first <= 12 and 1 <= second <= 12) or first == second:
            continue
        near = text[max(0, match.start() - _NEAR) : match.end() + _NEAR]
        day = _settled(near, today, first, second, year_said, order_shown)
        if day is None:
            doubts = True
            continue
        rewritten.append(text[last : match.start()] + f" {day.day} {_MONTH_NAMES[day.month - 1]} {day.year} ")
        last = match.end()
    if doubts:
        return AMBIGUOUS
    return "".join(rewritten) + text[last:]


def both_readings(said: str, today: date) -> tuple[date, date] | None:
    """The two dates a full date in figures ("4/12/74") may be, day first and month first, when both
    are dates and differ; else None."""
    match = _IN_FIGURES.fullmatch(said.strip())
    if match is None or _figures(match)[2] is None:
        return None
    day_first, month_first = _both_ways(*_figures(match), today)
    if day_first is None or month_first is None or day_first == month_first:
        return None
    return day_first, month_first


def _figures(match: re.Match) -> tuple[int, int, str | None]:
    """The two numbers of a date in figures, as written, and the year said after them, if any."""
    return int(match.group(1)), int(match.group(2) or match.group(4)), match.group(3) or match.group(5)


def _both_ways(
    first: int, second: int, year_said: str | None, today: date
) -> tuple[date | None, date | None]:
    """ "first/second" read day first, then month first (None where that is no date)."""
    return _reading(first, second, year_said, today), _reading(second, first, year_said, today)


def _order_shown(pairs: list[re.Match]) -> str | None:
    """ "day_first" or "month_first" when another date in figures in the answer can be read only
    one way ("17/11, and before that 10/11"); else None."""
    shown = set()
    for match in pairs:
        first, second, _ = _figures(match)
        if first > 12 >= second >= 1:
            shown.add("day_first")
        elif second > 12 >= first >= 1:
            shown.add("month_first")
    return shown.pop() if len(shown) == 1 else None


def _settled(
    near: str, today: date, first: int, second: int, year_said: str | None, order_shown: str | None
) -> date | None:
    """The date meant by "first/second", when what is said beside it (`near`) or another date in the
    answer settles which is the month; else None."""
    day_first, month_first = _both_ways(first, second, year_said, today)
    said = said_either_way(near, (day_first, month_first))
    if said is not None:
        return said
    if order_shown is not None:
        return day_first if order_shown == "day_first" else month_first
    weekdays = {_WEEKDAY_NAMES.index(m.group(1).lower()) for m in _WEEKDAY.finditer(near)}
    on_the_day = [day for day in (day_first, month_first) if day is not None and day.weekday() in weekdays]
    if len(weekdays) == 1 and len(on_the_day) == 1:
        return on_the_day[0]  # "Tuesday 10/11": 10 November was the Tuesday
    possible = [day for day in (day_first, month_first) if day is not None and day <= today]
    if len(possible) == 2 and all((today - day).days > OLD_ENOUGH_DAYS for day in possible):
        return day_first  # "stopped 5/3/19": which month of 2019 changes no study's time window
    if year_said is None:
        return None  # "10/12": 12 October, or 10 December last year?
    return possible[0] if len(possible) == 1 else None


def said_either_way(text: str, either: tuple[date | None, date | None]) -> date | None:
    """Of a date's two readings (day first, month first), the one a month in words ("11/02/2026 -
    i.e. Nov 2nd") or a format named ("US format") in `text` says; else None."""
    named = {_month_number(m.group(1)) for m in _MONTH_IN_WORDS.finditer(text)}
    fits = [day for day in either if day is not None and day.month in named]
    if len(fits) == 1:
        return fits[0]
    said = _format_said(text)
    if said is not None:
        return either[0] if said == "day_first" else either[1]
    return None


def _reading(day: int, month: int, year_said: str | None, today: date) -> date | None:
    """The date with this day and month: in the year said, else this year or, still to come, last."""
    try:
        if year_said is not None:
            from bot.parsing.dates import full_year  # dates calls this module: import it here

            year = int(year_said)
            return date(full_year(year, today) if year < 100 else year, month, day)
        found = date(today.year, month, day)
        return found if found <= today else date(today.year - 1, month, day)
    except ValueError:
        return None


def _month_number(said: str) -> int:
    return [name[:3] for name in _MONTH_NAMES].index(said[:3].lower()) + 1


def _format_said(text: str) -> str | None:
    """ "day_first" or "month_first" when the person names the format ("US format", "UK date")."""
    language, words_plain = written_language(text), plain(text)
    found = {order for order in ("day_first", "month_first") if _said(order, language).search(words_plain)}
    return found.pop() if len(found) == 1 else None


@functools.cache
def _said(order: str, language: str) -> re.Pattern:
    phrases = language_words(language).spaced_list_in("dates", f"{order}_said")
    return phrase_pattern(phrases) if phrases else re.compile(r"(?!x)x")

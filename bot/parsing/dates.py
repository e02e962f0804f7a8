"""Dates and how long ago: "yesterday", "three months ago", "last Tuesday", "in March", "10/03/2025".

dateparser does the reading (imported on first use: it is the slowest import here), with the
relative base set to `today`, dates preferred from the past, English only, and no parser that
downloads or guesses timestamps. Before it, the text is narrowed to its date words ("a heart
attack two years ago" → "2 years ago"), number words become digits, and a few phrases dateparser
does not know are rewritten ("4 months back" → "4 months ago", "last Tuesday" → "tuesday",
"a fortnight ago" → "2 weeks ago").

Precision: a date named only by its month ("in March", "March 2025") is taken as the 15th of that
month, and one named only by its year ("2024") as 1 July of that year: the middle, so the error is
at most half the period. The current month or year alone ("this month", "2026") is "date.too_vague",
as is an open-ended answer ("more than a year ago", "within the last month"). Relative answers
("last year", "two years ago") are exactly that far before `today`.

Said by name (words in bot/words/en.yaml `dates`): holidays, Easter and the feasts that move with it
(computed by dateutil), seasons (their middle day), parts of a month or year, decades ("the 90s":
1995), "the Friday before last", a day of the month alone ("on the 28th": never in the future), a
day and month in figures without a year ("10/23": the only way it fits). A date fact's topic denied
wherever it is named ("red cells, but never platelets") is "never"; a date in figures that cannot be
read is asked again, never taken as "never".
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from bot.facts import FactDefinition
from bot.parsing import result
from bot.parsing.booleans import asks_back, says_it_happened, topic_denied
from bot.parsing.chinese import chinese_date, is_chinese
from bot.parsing.counted_dates import counted_date, without_ages
from bot.parsing.date_mentions import FIXED_DAY_KEYS, first_weekday_beside, reconcile, works_the_date_out
from bot.parsing.day_month_order import AMBIGUOUS, settle_day_month_order
from bot.parsing.result import Parsed
from bot.parsing.text import FULL_STOP, alternation, numeric_text, phrase_pattern, plain
from bot.parsing.words import without_future_clauses
from bot.parsing.words import words as language_words
from bot.rules import NEVER
from bot.text import written_language

DEFAULT_DATE_ORDER = "DMY"
"""How "02/03/1971" is read: day first (2 March). Set this module attribute to "MDY" to change it for
every parser, or pass `date_order` to the functions below."""

FULL_DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"]
DATE_FORMATS = [*FULL_DATE_FORMATS, "%m/%Y", "%m-%Y"]
"""Formats tried before dateparser's own reading (it would read 2025-03-10 day-first otherwise)."""

_SAID_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
"""A year said in figures."""

_OTHER_ORDER = {"DMY": "MDY", "MDY": "DMY"}
"""A date in figures that cannot be read in the set order ("11/28/26" day first) is read the other way."""

PARSERS = ["relative-time", "custom-formats", "absolute-time"]
"""dateparser's parsers we use: not "timestamp" (a bare "1971" is a year, not seconds since 1970)."""


def _date_phrases(key: str, language: str = "en") -> tuple[str, ...]:
    """A phrase list of bot/words/<language>.yaml `dates`, in matching form."""
    from bot.parsing.words import words  # words.py imports text.py, as this module does

    return tuple(words(language).spaced_list_in("dates", key))


NEVER_PHRASES = _date_phrases("never")
"""Answers that mean "never" for a date fact that allows it (when no date is named)."""

NOT_NEVER_WORDS = _date_phrases("not_never")
"""Words that turn a "no" into something other than never ("not recently", "no, not for a while")."""

VAGUE_PHRASES = _date_phrases("vague")
"""Open-ended answers that name no date we can place against a time window."""

_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec",
)  # fmt: skip
_NAMED_MONTH = re.compile(rf"\b(?:{'|'.join(_MONTHS)})\b|\b(?:last|this)\s+week\b")
"""A month or a week named: it places a vague "sometime" ("sometime in October", "last week sometime")."""
_WEEKDAYS = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed",
    "thu", "thur", "thurs", "fri", "sun",
)  # fmt: skip
_UNITS = ("day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours")
_KEEP = frozenset(
    _MONTHS
    + _WEEKDAYS
    + _UNITS
    + ("ago", "yesterday", "today", "tomorrow", "last", "next", "this", "the", "of", "in", "on", "a", "an")
)
_RELATIVE = frozenset(("ago", "yesterday", "today", "tomorrow", "last", "next", "this") + _WEEKDAYS + _UNITS)
_ORDINAL = re.compile(r"\d{1,2}(?:st|nd|rd|th)")
_NUMERIC_DATE = re.compile(r"\d{1,4}(?:[/.-]\d{1,4}){1,2}")
_HEDGES = re.compile(
    r"\b(?:about|around|roughly|approximately|approx|circa|maybe|probably|or so|ish)\b"
    r"|\blike\b(?=\s+(?:the|mid|early|late|last|a|an|\d))"  # "like the 5th", "like mid september"
)
_REWRITES = [
    (re.compile(pattern), replacement)
    for pattern, replacement in [
        (r"\bthe day before yesterday\b", "2 days ago"),
        (r"\b(?:a|1)\s+fortnight\b", "2 weeks"),
        (r"\b(\d+)\s+fortnights?\b", lambda m: f"{2 * int(m.group(1))} weeks"),
        (r"\bfortnight\b", "2 weeks"),
        (r"\b(?:a|1) year and a half\b|\b1 and a half years?\b", "18 months"),
        (r"\bhalf a year\b", "6 months"),
        (r"\b(\d+)\s*-?ish\b", r"\1"),  # "3ish months back": a hedge, as "about 3 months back"
        (r"\b(?:this morning|this afternoon|this evening|tonight|earlier today)\b", "today"),
        (r"\b(?:yesterday|last) (?:morning|afternoon|evening|night)\b", "yesterday"),
        (
            r"\b((?:\d+|a|an)\s+(?:days?|weeks?|months?|years?))\s+(?:back|before now|previously|earlier)\b",
            r"\1 ago",
        ),
    ]
]


@functools.lru_cache(maxsize=64)
def _parser(today: date, date_order: str, require_full: bool) -> Any:
    from dateparser.date import DateDataParser  # imported on first use: ~0.4 s

    settings = {
        "RELATIVE_BASE": datetime.combine(today, time(12, 0)),
        "PREFER_DATES_FROM": "past",
        "DATE_ORDER": date_order,
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DAY_OF_MONTH": "first",
        "PARSERS": PARSERS,
    }
    if require_full:
        settings["REQUIRE_PARTS"] = ["day", "month", "year"]
    return DateDataParser(languages=["en"], settings=settings)


@dataclass(frozen=True)
class DateReading:
    """A date read from text: the day, how precise it was ("day", "week", "month", "year"), and
    whether it was said relative to today ("3 days ago") rather than on the calendar ("March 2025")."""

    day: date
    period: str
    relative: bool


@functools.cache
def _said_dates() -> dict[str, Any]:
    """bot/words/en.yaml `dates`."""
    from bot.parsing.words import words  # words.py imports text.py, as this module does

    return words("en").raw.get("dates") or {}


@functools.cache
def _named_day_rewrites() -> tuple[tuple[re.Pattern, Any], ...]:
    """The rewrites for days said by name, built once from bot/words/en.yaml `dates`: holidays
    ("christmas" → "december 25"), parts of a month ("end of september" → "september 28") or of a
    year ("early 2025" → "february 15 2025"), longest phrase first."""
    said = _said_dates()
    month = "|".join(_MONTHS)
    rewrites: list[tuple[re.Pattern, Any]] = [
        (re.compile(rf"\b{re.escape(str(name))}\b"), str(day))
        for name, day in sorted((said.get("holidays") or {}).items(), key=lambda kv: -len(kv[0]))
    ]  # the longest name first: "new year's eve" before "new year"
    for part, day in sorted((said.get("month_parts") or {}).items(), key=lambda kv: -len(kv[0])):
        rewrites.append(
            (re.compile(rf"\b{re.escape(str(part))}\s+({month})\b"), lambda m, d=day: f"{m.group(1)} {d}")
        )
    for part, day in sorted((said.get("year_parts") or {}).items(), key=lambda kv: -len(kv[0])):
        rewrites.append(
            (
                re.compile(rf"\b{re.escape(str(part))}\s+((?:19|20)\d\d|this year|last year)\b"),
                lambda m, d=day: f"{d} {m.group(1)}",
            )
        )
    return tuple(rewrites)


@functools.cache
def _season_pattern() -> re.Pattern | None:
    seasons = _said_dates().get("seasons") or {}
    if not seasons:
        return None
    names = alternation(seasons)
    return re.compile(
        rf"\b(?:(last|this|in the|the|during the|over the|in)\s+)?({names})"
        rf"(?:\s+(?:of\s+)?((?:19|20)\d\d))?\b"
    )


def _seasons(text: str) -> str:
    """ "Back in the summer" → "july 16", "spring 2025" → "april 15 2025" (the season's middle day,
    bot/words/en.yaml `dates.seasons`); the most recent one is then preferred, as for a month."""
    pattern = _season_pattern()
    if pattern is None:
        return text
    said = _said_dates()
    needs_context = {str(word) for word in said.get("seasons_needing_context") or ()}

    def rewrite(match: re.Match) -> str:
        lead_in, season, year = match.groups()
        if season in needs_context and not (lead_in or year):
            return match.group(0)
        day = str(said["seasons"][season])
        return f"{lead_in or ''} {day} {year}" if year else f"{lead_in or ''} {day}"

    return pattern.sub(rewrite, text)


def _easter_days(text: str, today: date) -> str:
    """ "Just after Easter" → "april 5 2026": the most recent Easter (or the one of the year said),
    moved by the feast's offset (bot/words/en.yaml `dates.easter_days`). dateutil computes Easter."""
    feasts = _said_dates().get("easter_days") or {}
    names = alternation(feasts) if feasts else None
    if names is None or not re.search(rf"\b(?:{names})\b", text):
        return text
    from dateutil.easter import easter

    def rewrite(match: re.Match) -> str:
        feast, year, which = match.group(1), match.group(2), match.group(3)
        offset = timedelta(days=int(feasts[feast]))
        if year:
            day = easter(int(year)) + offset
        elif which:
            day = easter(today.year - (which == "last")) + offset
        else:
            day = easter(today.year) + offset
            if day > today:
                day = easter(today.year - 1) + offset
        return _spelled(day)

    return re.sub(
        rf"\b(?:last\s+)?({names})(?:\s+(?:of\s+)?((?:19|20)\d\d)|\s+(?:of\s+)?(last|this) year)?\b",
        rewrite,
        text,
    )


def _named_day_years_ago(text: str, today: date) -> str:
    """ "Christmas Eve two years ago", "in June 3 years ago": that day or month in that year, said as
    the year, so that a later clause without one ("He spent Christmas Day in the CCU") takes it too."""
    said = _said_dates()
    days = alternation([*_MONTHS, *(said.get("holidays") or {}), *(said.get("weekday_holidays") or {})])
    text = re.sub(
        rf"\b({days})\s+(\d+)\s+years?\s+ago\b",
        lambda m: f"{m.group(1)} {today.year - int(m.group(2))}",
        text,
        flags=re.IGNORECASE,
    )
    # "a year ago in October": that month of that year; "five years ago this month": N years ago
    text = re.sub(
        rf"\b(\d+|a|an|one)\s+years?\s+ago\s+(?:in|around|about)\s+({days})\b",
        lambda m: f"{m.group(2)} {today.year - _count(m.group(1))}",
        text,
        flags=re.IGNORECASE,
    )
    return re.sub(r"\b((?:\d+|a|an|one)\s+years?\s+ago)\s+this\s+month\b", r"\1", text, flags=re.IGNORECASE)


def _count(said: str) -> int:
    """ "a", "an", "one" or digits as a number."""
    return int(said) if said.isdigit() else 1


def _calendar_years(text: str, today: date) -> str:
    """ "Sometime last year" is the calendar year (read as its middle), not exactly a year ago;
    "sometime in March" is "in March" (bot/words/en.yaml `dates.in_a_year`); "over the summer" is
    in the summer. Done before looking for open-ended answers ("sometime", "over a year")."""
    lead_ins = _said_dates().get("in_a_year") or ()
    if not lead_ins:
        return text
    said = alternation(lead_ins)
    text = re.sub(rf"\b(?:{said})\s+last year\b", str(today.year - 1), text)
    last_month = _first_of_last_month(today).strftime("%B %Y").lower()
    text = re.sub(rf"\b(?:{said})\s+last month\b|\blast month\s+(?:sometime|some time)\b", last_month, text)
    # "over the summer" is in the summer, not "over" a length of time; "in the spring sometime" is
    # in the spring
    seasons = alternation(_said_dates().get("seasons") or {})
    text = re.sub(rf"\bover the (?=(?:{seasons})\b)", "in the ", text)
    text = re.sub(rf"\b((?:{seasons}|{'|'.join(_MONTHS)}))\s+(?:sometime|some time)\b", r"\1", text)
    return re.sub(
        r"\b(?:sometime|some time|at some point)\s+(?=in\b|during\b|around\b|last\b|early\b|late\b)", "", text
    )


def _first_of_last_month(today: date) -> date:
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


def _spelled(day: date) -> str:
    """A date as words dateparser reads in any date order: " 5 april 2026 "."""
    return f" {day.day} {day.strftime('%B').lower()} {day.year} "


_WEEKDAY_BEFORE_LAST = re.compile(
    r"\b(?:the\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+before\s+last\b"
)
_DECADE = re.compile(r"\b(?:the\s+)?(?:'|19|20)?(\d)0s\b")
_DAY_AND_MONTH = re.compile(r"(?<![\d/.-])(\d{1,2})([/.])(\d{1,2})(?![\d/]|\.\d)")
"""(A full stop after it ends the sentence: "on 11/20." is the 20th of November.)"""
_BARE_DAY = re.compile(
    r"(?<![\d/.-])\b([1-9]|[12]\d|3[01])\b(?!\s*(?:st|nd|rd|th)?\s*(?:days?|weeks?|months?|years?))"
)


def _day_and_month(match: re.Match, order: str) -> str:
    """ "11/15" with no year: the day and month said, read by the date order when both could be
    either ("03/10" is 3 October day-first), else by the only way they fit ("10/23" is 23 October)."""
    first, second = int(match.group(1)), int(match.group(3))
    if first <= 12 and second <= 12 and match.group(2) == ".":
        return match.group(0)  # "3.5": a number as often as a date, and which is the month?
    if first <= 12 and second <= 12:
        day, month = (first, second) if order.startswith("D") else (second, first)
    elif first <= 12 < second <= 31:
        day, month = second, first
    elif second <= 12 < first <= 31:
        day, month = first, second
    else:
        return match.group(0)
    return f" {day} {_MONTHS[month - 1]} "


def _middle_of_decade(tens: int) -> int:
    """ "The 90s" → 1995, "the 10s" → 2015: a decade said by its tens is the nearest one past."""
    return (1900 if tens >= 3 else 2000) + 10 * tens + 5


def _said_relative(text: str, today: date, date_order: str) -> str:
    """Rewrites that need today: "the Friday before last", "last month 15" (a day of last month),
    "in the 90s" (the middle of the decade), "11/15" (a day and month without a year)."""

    def before_last(match: re.Match) -> str:
        weekday = _WEEKDAYS.index(match.group(1))
        days_back = (today.weekday() - weekday) % 7 or 7
        return _spelled(today - timedelta(days=days_back + 7))

    text = _WEEKDAY_BEFORE_LAST.sub(before_last, text)
    text = _DECADE.sub(lambda m: f" {_middle_of_decade(int(m.group(1)))} ", text)
    text = _DAY_AND_MONTH.sub(lambda m: _day_and_month(m, date_order), text)
    text = _part_of_last_or_this_month(text, today)
    for which, first in (("last", _first_of_last_month(today)), ("this", today.replace(day=1))):
        said_month = re.search(rf"\b{which} month\b", text)
        days = _BARE_DAY.findall(text)
        if said_month and len(days) == 1 and not _SAID_YEAR.search(text):
            # "last month 15", "finished last month, on the 10th"
            text = text[: said_month.start()] + text[said_month.end() :]
            text = _BARE_DAY.sub(
                lambda m, f=first: f" {int(m.group(1))} {f.strftime('%B').lower()} {f.year} ", text
            )  # not a date yet: "last month 31" in November is for dateparser to refuse
    return text


def _part_of_last_or_this_month(text: str, today: date) -> str:
    """ "end of last month", "early this month": that day of that month (`month_parts`), never after
    today ("the end of this month" on the 3rd is today at the latest)."""
    parts = _said_dates().get("month_parts") or {}
    if not parts:
        return text
    for which, first in (("last", _first_of_last_month(today)), ("this", today.replace(day=1))):
        pattern = re.compile(rf"\b({alternation(parts)})\s+{which}\s+month\b")

        def day_of(match: re.Match, first: date = first) -> str:
            day = first.replace(day=int(parts[match.group(1)]))
            return _spelled(min(day, today))

        text = pattern.sub(day_of, text)
    return text


_DAY_OF_MONTH = {
    which: re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+of\s+{which}\s+month\b")
    for which in ("last", "this")
}


def _named_days(text: str, today: date) -> str:
    """Days said by name (`_named_day_rewrites`), and a day of last or this month ("the 20th of last
    month" → "20 november 2026")."""
    if re.search(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}", text):
        return text  # "14/02/2018, valentines day of all days": the date said in figures is the one
    text = _time_after_a_name().sub(r"\1", text)  # "round Easter time" is Easter
    for pattern, replacement in _named_day_rewrites():
        text = pattern.sub(replacement, text)
    text = _easter_days(_seasons(text), today)
    for which, first in (("last", _first_of_last_month(today)), ("this", today.replace(day=1))):
        text = _DAY_OF_MONTH[which].sub(
            lambda m, f=first: f"{int(m.group(1))} {f.strftime('%B').lower()} {f.year}", text
        )
    return text


@functools.cache
def _word_forms() -> tuple[re.Pattern, dict[str, str]] | None:
    """Weekdays and units as people shorten or misspell them, parts of today ("this morning"), and
    "a few" / "a couple of" as numbers (bot/words/en.yaml `dates.weekday_forms`, `unit_forms`,
    `day_forms`, `few`)."""
    said = _said_dates()
    table = {
        str(k): str(v)
        for key in ("weekday_forms", "unit_forms", "day_forms")
        for k, v in (said.get(key) or {}).items()
    }
    table.update({str(k): str(v) for k, v in (said.get("few") or {}).items()})
    if not table:
        return None
    names = alternation(table)
    return re.compile(rf"(?<![a-z0-9])(?:{names})(?![a-z])"), table


def _said_forms(text: str) -> str:
    found = _word_forms()
    if found is None:
        return text
    pattern, table = found
    return pattern.sub(lambda m: table[m.group()], text)


def _weekday_holidays(text: str, today: date) -> str:
    """ "Thanksgiving" → the fourth Thursday of November, the most recent one, or the one of the year
    named beside it ("Labor Day weekend 2023"); `dates.weekday_holidays` in bot/words/en.yaml:
    month, weekday, which one (-1 is the last). Feasts set by another calendar ("Diwali") come from
    `dates.holidays_by_year`, a table of their days by year."""
    for name, day_in in _holidays():
        if re.search(rf"\b{re.escape(name)}\b", text):
            text = _holiday_named(text, name, today, day_in)
    return text


@functools.cache
def _holidays() -> tuple[tuple[str, Callable[[int], date | None]], ...]:
    """Every holiday name with the function giving its day in a year, the longest name first
    ("canadian thanksgiving" before "thanksgiving")."""
    said = _said_dates()
    found: list[tuple[str, Callable[[int], date | None]]] = []
    for name, (month_name, weekday_name, nth) in (said.get("weekday_holidays") or {}).items():
        month, weekday = _MONTHS.index(str(month_name)) + 1, _WEEKDAYS.index(str(weekday_name))
        found.append((str(name), functools.partial(_nth_weekday, month, weekday, int(nth))))
    for name, by_year in (said.get("holidays_by_year") or {}).items():
        days = {int(year): str(day) for year, day in by_year.items()}
        found.append((str(name), functools.partial(_day_of, days)))
    return tuple(sorted(found, key=lambda holiday: -len(holiday[0])))


def _nth_weekday(month: int, weekday: int, nth: int, year: int) -> date:
    days = [
        date(year, month, d) for d in range(1, calendar.monthrange(year, month)[1] + 1)
        if date(year, month, d).weekday() == weekday
    ]  # fmt: skip
    return days[nth - 1] if nth > 0 else days[nth]


def _day_of(days_by_year: dict[int, str], year: int) -> date | None:
    said = days_by_year.get(year)
    if said is None:
        return None
    month_name, day = said.split()
    return date(year, _MONTHS.index(month_name) + 1, int(day))


def _holiday_named(text: str, name: str, today: date, day_in: Callable[[int], date | None]) -> str:
    """The holiday's name written as its day: in the year said right beside it ("labor day weekend
    2023", "2019 at thanksgiving"), or last year's when "last year" is said, else the most recent."""
    named = re.escape(name)
    beside = re.search(rf"\b{named}\b(?:\W+[a-z]+){{0,2}}?\W+((?:19|20)\d{{2}})\b", text) or re.search(
        rf"\b((?:19|20)\d{{2}})(?:\W+[a-z]+){{0,2}}?\W+{named}\b", text
    )
    if beside is None:  # "the bypass in 2016, I think it was in Ramadan": the one year the answer names
        years = {found.group(1) for found in re.finditer(r"\b((?:19|20)\d{2})\b", text)}
        beside = re.search(rf"\b({years.pop()})\b", text) if len(years) == 1 else None
    day = day_in(int(beside.group(1))) if beside else None
    last_year = re.search(r"\b(last|this) year\b", text)
    if day is not None:
        text = text[: beside.start(1)] + " " + text[beside.end(1) :]
    elif beside is not None:
        return text  # a year the table does not hold: that year is read, never this year's feast
    elif last_year and (day := day_in(today.year - (last_year.group(1) == "last"))) is not None:
        # "Eid last year", "Father's Day this year"
        text = text[: last_year.start()] + " " + text[last_year.end() :]
    else:
        day = day_in(today.year)
        if day is None or day > today:
            day = day_in(today.year - 1)
    if day is None:
        return text
    # "Thanksgiving week", "Labor Day weekend", "Diwali day": the holiday's day (the week is no length)
    return re.sub(rf"\b{re.escape(name)}\b(?:\s+(?:week(?:end)?|day)\b)?", _spelled(day), text)


def _before_last(text: str, today: date, date_order: str | None) -> str:
    """ "The week before last" → "2 weeks ago"; "the summer before last", "the Christmas before
    last", "the March before last" → that day a year before the most recent one (`dates.before_last`
    in bot/words/en.yaml; "the Friday before last" is `_WEEKDAY_BEFORE_LAST`'s)."""
    before_last = _before_last_pattern()
    if before_last is None or not before_last.search(text):
        return text
    text = re.sub(
        rf"\b(?:the\s+)?(week|month|year)\s+(?:{before_last.pattern})", lambda m: f"2 {m.group(1)}s ago", text
    )

    def year_earlier(match: re.Match) -> str:
        name = match.group(1)
        latest = read_date(name, today, date_order)
        if latest is None:
            return match.group(0)
        earlier = read_date(f"{name} {latest.day.year - 1}", today, date_order)
        return _spelled(earlier.day) if earlier else match.group(0)

    return _named_before_last_pattern().sub(year_earlier, text)


_DAY_OF_LAST_WEEK = re.compile(
    r"(?<!or )\b(?:the\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"\s+(?:of\s+)?last\s+week\b"
)
"""That day of last week ("Wednesday last week", "the Monday of last week"); not one of two said
("Tuesday or Wednesday last week" is asked again)."""
_WEEKDAY_STEMS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # date.weekday()'s order
_SHIFTS = {"day": timedelta(days=1), "week": timedelta(days=7), "weekend": timedelta(days=7)}


def _next_to_named_day(text: str, today: date, date_order: str | None) -> str:
    """ "The week after Anzac Day", "the day before Christmas 2024", "the Tuesday after Easter": the
    named day moved by the unit, or to the first such weekday on that side of it. A count of days or
    weeks ("two days before Christmas") only from a day fixed wherever the person lives: "six weeks
    before Thanksgiving" is asked again (a month after a day is left to dateparser's reading of the
    named day: too long to guess)."""

    def shifted(match: re.Match) -> str:
        count, unit = match.group("count"), match.group("units") or match.group("unit")
        side, year = match.group("side") or match.group("counted_side"), match.group("year")
        name = match.group("name") or match.group("known")  # the year: 2024, "last year", "this year"
        named = read_date(f"{name} {year or ''}".strip(), today, date_order)
        if named is None:
            return match.group(0)
        if unit in _WEEKDAYS:
            return _spelled(first_weekday_beside(named.day, _WEEKDAY_STEMS.index(unit[:3]), side == "after"))
        step = 1 if side == "after" else -1
        return _spelled(named.day + _SHIFTS[unit.rstrip("s")] * step * int(count or 1))

    return _next_to_named_pattern().sub(shifted, text)


@functools.cache
def _next_to_named_pattern() -> re.Pattern:
    weekdays = "|".join(_WEEKDAYS)
    return re.compile(
        rf"\b(?:(?P<count>\d{{1,2}})\s+(?P<units>days|weeks)\s+(?P<counted_side>after|before)\s+(?:the\s+)?"
        rf"(?P<known>{_known_day_names()})"
        rf"|(?:(?:the|an?|1)\s+)?(?P<unit>day|week|weekend|{weekdays})\s+(?P<side>after|before)\s+(?:the\s+)?"
        rf"(?P<name>{_day_names()}))(?:\s+(?:in\s+|of\s+)?(?P<year>(?:19|20)\d\d|last year|this year))?\b"
    )


@functools.cache
def _time_after_a_name() -> re.Pattern:
    """A day or season said by name with a word for the time around it (`dates.time_around_a_name`:
    "Easter time", "the Christmas period"), which places it no differently."""
    around = _said_dates().get("time_around_a_name") or []
    return re.compile(rf"\b({_day_names()})\s+(?:{alternation(around)})\b")


@functools.cache
def _known_day_names() -> str:
    """The days said by a name that fixes them wherever the person lives (`dates.holidays`,
    `holidays_by_year`, `easter_days`): not Thanksgiving or Mother's Day, which fall on different
    days in different countries, nor months and seasons."""
    said = _said_dates()
    return alternation([str(name) for key in FIXED_DAY_KEYS for name in said.get(key) or {}])


@functools.cache
def _day_names() -> str:
    """Every day, season or month said by name (bot/words/en.yaml `dates`), as one alternation."""
    said = _said_dates()
    names = [
        *_MONTHS,
        *(str(name) for key in ("holidays", "weekday_holidays", "holidays_by_year", "seasons", "easter_days")
          for name in said.get(key) or {}),
    ]  # fmt: skip
    return alternation(names)


@functools.cache
def _before_last_pattern() -> re.Pattern | None:
    phrases = _date_phrases("before_last")
    return re.compile(alternation(phrases)) if phrases else None


@functools.cache
def _named_before_last_pattern() -> re.Pattern:
    return re.compile(rf"\b(?:the\s+)?({_day_names()})\s+(?:{_before_last_pattern().pattern})\b")


def _date_words(text: str, today: date, date_order: str | None = None) -> str:
    """Keep only the words that can be part of a date, after the rewrites above."""
    text = _said_forms(_HEDGES.sub(" ", text))
    text = _next_to_named_day(_before_last(text, today, date_order), today, date_order)
    text = _weekday_holidays(text, today)
    for pattern, replacement in _REWRITES:
        text = pattern.sub(replacement, text)
    last_monday = today - timedelta(days=today.weekday() + 7)
    text = _DAY_OF_LAST_WEEK.sub(
        lambda m: _spelled(last_monday + timedelta(days=_WEEKDAY_STEMS.index(m.group(1)[:3]))), text
    )
    text = _named_days(text, today)
    text = _said_relative(text, today, date_order or DEFAULT_DATE_ORDER)
    month = "|".join(_MONTHS)
    for which, year in (("last", today.year - 1), ("this", today.year)):
        # "March last year", "last year, around Christmas": the month (and day) in that year
        said_year = re.search(rf"\b{which} year\b", text)
        if said_year and re.search(rf"\b(?:{month})\b", text) and not _SAID_YEAR.search(text):
            text = text[: said_year.start()] + text[said_year.end() :]
            text = re.sub(
                rf"\b((?:{month})\b(?: \d{{1,2}}\b)?)", lambda m, y=year: f"{m.group(1)} {y}", text, count=1
            )
    text = re.sub(rf"\blast ({month})\b", r"\1", text)
    # a Chinese character still in the text is no date word (those are read already): it stays a token
    # only so that a number before it ("输过1次", once) is not taken to go with a month after it
    tokens = re.findall(r"\d{1,4}(?:[/.-]\d{1,4}){1,2}|\d+(?:st|nd|rd|th)?|[a-z]+|[\u4e00-\u9fff]", text)
    kept: list[str] = []
    for i, token in enumerate(tokens):
        before = tokens[i - 1] if i > 0 else ""
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if token.isdigit() and len(token) != 4:
            # a bare small number counts only next to a unit or a month ("3 days", "march 10")
            if not (after in _UNITS or after in _MONTHS or after == "of" or before in _MONTHS):
                continue
        elif token in ("a", "an"):
            if after not in _UNITS:
                continue
        elif token in _UNITS:
            # a unit needs its number: "3 years" or "last year", never "years" alone ("not for years")
            if not (before.isdigit() or before in ("a", "an", "last", "next", "this")):
                continue
        elif token == "ago" and before not in _UNITS:
            continue  # "ages ago, 2019": the year is the date
        elif token in ("last", "next", "this"):
            if not (after in _UNITS or after in _WEEKDAYS):
                continue
        elif not (
            token.isdigit() or token in _KEEP or _ORDINAL.fullmatch(token) or _NUMERIC_DATE.fullmatch(token)
        ):
            continue
        kept.append(token)
    while kept and kept[0] in ("the", "of", "in", "on"):
        if kept[0] == "in" and len(kept) > 2 and kept[1].isdigit() and kept[2] in _UNITS:
            break  # "in 3 days" is in the future
        kept.pop(0)
    while kept and kept[-1] in ("the", "of", "in", "on", "last", "this", "next", "a", "an"):
        kept.pop()
    return " ".join(kept)


_YEAR_SAID = re.compile(r"\b\d{4}\b|'\d\d\b|\b\d0s\b|\byears?\b|\d[/.-]\d|[年岁歲]")
"""Words that name a year, or a time back in years: without them, a date more than a year back is
the parser's guess, not what was said."""


def read_date(text: str, today: date, date_order: str | None = None) -> DateReading | None:
    """The date named in text already in `numeric_text(..., ordinals=True)` form, or None."""
    words = _date_words(text, today, date_order)
    if not words:
        return None
    last_weekday = re.search(rf"\blast ({'|'.join(_WEEKDAYS)})\b", words)
    if last_weekday:
        words = words.replace(last_weekday.group(0), last_weekday.group(1))
    order = date_order or DEFAULT_DATE_ORDER
    data = _parser(today, order, False).get_date_data(words, date_formats=DATE_FORMATS)
    if data.date_obj is None and _NUMERIC_DATE.search(words):
        # "11/28/26" cannot be day first: read it the only other way it fits
        data = _parser(today, _OTHER_ORDER.get(order, order), False).get_date_data(
            words, date_formats=DATE_FORMATS
        )
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    if last_weekday and day >= today:
        day -= timedelta(days=7)
    if day.year < today.year - 1 and not _YEAR_SAID.search(words):
        return None  # "November ... on the 10th" is no November 2010: a year made of a stray number
    named = set(words.split())
    if day > today and not named & (_RELATIVE | set(_MONTHS)) and not re.search(r"\b\d{4}\b|[/.-]", words):
        # "on the 28th", said on the 3rd: the 28th of last month (dateparser takes this month's)
        end_of_last_month = day.replace(day=1) - timedelta(days=1)
        day = end_of_last_month.replace(day=min(day.day, end_of_last_month.day))
    relative = bool(_RELATIVE & named)
    return DateReading(day, data.period or "day", relative)


def calendar_date(text: str, today: date, date_order: str | None = None) -> date | None:
    """A full calendar date (day, month and year) in the text, e.g. a birth date; else None."""
    words = _date_words(numeric_text(text, ordinals=True), today)
    if not words:
        return None
    order = date_order or DEFAULT_DATE_ORDER
    data = _parser(today, order, True).get_date_data(words, date_formats=FULL_DATE_FORMATS)
    if data.date_obj is None and _NUMERIC_DATE.search(words):
        data = _parser(today, _OTHER_ORDER.get(order, order), True).get_date_data(
            words, date_formats=FULL_DATE_FORMATS
        )
    return data.date_obj.date() if data.date_obj else None


def _never_in_chinese(words_plain: str) -> bool:
    """ "从来没有", "没输过" (bot/words/zh.yaml `dates.never`) with no date named."""
    return bool(_chinese_never().search(words_plain))


def _without_earlier_ones(text: str) -> str:
    """`text` without what it says of an earlier one than the one told (`before_that_markers`: "the one
    before that was 13/11", 再之前是上周五), from the marker to the end of its sentence, or the whole
    sentence when one opens it (`before_that_openers`: "Before that 29/11"), when something is left."""
    lw = language_words(written_language(text))
    markers, openers = lw.pattern("before_that_markers"), lw.pattern("before_that_openers")
    kept = []
    for sentence in re.split(rf"(?<=[;!?。；！？])|(?<={FULL_STOP})", text):
        if openers.match(plain(sentence).strip()):
            continue  # "Before that 29/11.", "The one before was in January"
        found = markers.search(plain(sentence))
        kept.append(sentence if found is None else _before_marker(sentence, found.start()))
    rest = "".join(kept)
    return rest if any(ch.isalnum() for ch in rest) and rest != text else text


def _before_marker(sentence: str, plain_start: int) -> str:
    """The sentence up to the marker found at `plain_start` in its `plain` form, cut at the same word
    in the sentence as typed (Chinese, spaced character by character in `plain`, at the same character)."""
    if is_chinese(sentence):
        characters_before = len(plain(sentence)[:plain_start].replace(" ", ""))
        seen = 0
        for index, character in enumerate(sentence):
            if seen >= characters_before:
                return sentence[:index]
            seen += not character.isspace()
        return sentence
    words_before = len(plain(sentence)[:plain_start].split())
    typed = re.split(r"(\s+)", sentence.strip())
    return "".join(typed[: 2 * words_before]) if words_before else ""


def _one_was_had(text: str) -> bool:
    """Whether a Chinese clause says one was had, not of another blood product ("秋收那会儿输过两回
    后来就没再输": had, on a day not read, so no "never"; not "输过红细胞，血小板没输过")."""
    lw = language_words("zh")
    return any(
        _had_one().search(plain(clause))
        and not lw.pattern("negators").search(plain(clause))
        and not lw.other_blood_given.search(clause)
        for clause in re.split(r"[,;，。；！？!?]|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", text)
    )


@functools.cache
def _had_one() -> re.Pattern:
    return phrase_pattern(_date_phrases("had_one", "zh"))


@functools.cache
def _chinese_never() -> re.Pattern:
    return phrase_pattern(_date_phrases("never", "zh"))


_NEVER = phrase_pattern(NEVER_PHRASES)
_NOT_NEVER = phrase_pattern(NOT_NEVER_WORDS)


def _not_never(text: str) -> bool:
    """Whether a clause that denies also says "not for a while" ("no, not for years"); a clause that
    denies nothing says it of something else ("angina for years but never a heart attack")."""
    lw = language_words(written_language(text))
    return any(
        _NOT_NEVER.search(clause)
        and (lw.pattern("negators").search(clause) or lw.pattern("no_words").search(clause))
        for clause in _CLAUSE_BREAK.split(plain(text))
    )


_VAGUE_BOUND = _date_phrases("vague_before_amount")
_VAGUE = re.compile(
    phrase_pattern(VAGUE_PHRASES).pattern
    + (
        rf"|\b(?:{alternation(_VAGUE_BOUND)})\s+(?:(?:a|an|the|about|around|roughly|last|past)\s+)*"
        rf"(?:\d|(?:days?|weeks?|months?|years?|fortnight)\b)"
        if _VAGUE_BOUND
        else ""
    )
)
"""Open-ended answers: `dates.vague`, or a bound before an amount ("over a year ago", "within the
last 3 months")."""


def _point(reading: DateReading) -> date:
    """The day that stands for a reading: the 15th of a month and 1 July of a year named on the
    calendar (the middle, so the error is at most half the period); a relative one as it is."""
    if reading.relative or reading.period not in ("month", "year"):
        return reading.day
    return reading.day.replace(day=15) if reading.period == "month" else date(reading.day.year, 7, 1)


_AFTER_ANOTHER_EVENT = re.compile(
    r"\b(?:\d+|a|an|a few|a couple of)\s+(?:days?|weeks?|months?|years?)\s+"
    r"(?:after|post|following|later|before\s+(?:the|that|my|his|her|their|this|it)|on\s+from)\b"
)
"""A length of time counted from another event ("two years after that", "6 months later"), not from
today; "ago" is from today."""


def _counted_from_an_event(text: str) -> bool:
    """A time counted from another event in the answer's own words (`dates.counted_from` in the
    words file: "a year after my transplant anniversary", 移植后大概一年停的), not from today: asked
    again rather than read as the event's own date."""
    pattern = _counted_from(written_language(text))
    said = plain(text)
    birthday = _BIRTHDAY_ORDINAL.search(said) and not _MONTH_NAMED.search(said)
    return bool(birthday) or (pattern is not None and bool(pattern.search(said)))


_MONTH_NAMED = re.compile(rf"\b(?:{alternation(_MONTHS)})\b")
_BIRTHDAY_ORDINAL = re.compile(r"\b(?:my|his|her|their|our)\s+\d{2,3}(?:st|nd|rd|th)\b", re.IGNORECASE)
"""A birthday named by its number with no month ("just after my 60th"): counted from a birth
date we do not have, and never a year ('60). "Her 21st, which was in June" names its month."""


def _dates_another_event(text: str, fact_id: str) -> bool:
    """Whether the answer names only events other than the one asked about (`other_events` for the
    fact in the words file: a stent, a stroke, chest pain that was reflux), and so dates them."""
    fact_words = language_words(written_language(text)).for_fact(fact_id)
    said = plain(text)
    return (
        fact_words is not None
        and bool(fact_words.other_events.search(said))
        and not fact_words.topic.search(said)
    )


def _denies(text: str) -> bool:
    """Whether the answer says no (`dates.never`: "no", "never", 没有), and not "not for a while",
    nor takes it back (`corrections`: "从来没输过。哦不对，上周好像输了")."""
    words_plain = plain(text)
    said_no = _never_in_chinese(words_plain) if is_chinese(text) else bool(_NEVER.search(words_plain))
    taken_back = language_words(written_language(text)).pattern("corrections").search(words_plain)
    return said_no and not _NOT_NEVER.search(words_plain) and not taken_back


@functools.cache
def _numbered_events(language: str) -> re.Pattern:
    """An event named by its place ("the fourth cycle", "his 2nd transplant": `dates.numbered_events`,
    with the `courses` ordinals): its ordinal is no day of the month."""
    lw = language_words(language)
    events = lw.spaced_list_in("dates", "numbered_events")
    ordinals = list((lw.raw.get("courses") or {}).get("ordinals") or {})
    if not events or not ordinals:
        return re.compile(r"(?!x)x")
    return re.compile(
        rf"\b(?:{alternation(ordinals)}|\d+(?:st|nd|rd|th))(?=\s+(?:[a-z]+\s+)?(?:{alternation(events)})s?\b)",
        re.IGNORECASE,
    )


_LAST_IS = re.compile(r"\b(?:the\s+)?(?:last|latest|most recent)(?:\s+one)?\s+(?:is|was|being)\b")


def _concluded_date(text: str, today: date) -> date | None:
    """The one date, not after today, of the last clause that draws the conclusion of a count from
    another event (`dates.concluded_by`: "..., so that would be the 12th of November"), when it
    names a day or a year; else None. Only English has `concluded_by` so far."""
    language = written_language(text)
    clauses = _punctuated_clauses(text)
    concluding = [i for i, c in enumerate(clauses) if i and works_the_date_out(plain(c).strip(), language)]
    if not concluding or any(clause_dates(c, today) for c in clauses[concluding[-1] + 1 :]):
        return None  # "..., so that would be the 12th. Precious (carer)": a signature after it is no date
    worked_out = clauses[concluding[-1]]
    # "so last is 28th": the words that say it is the last are no date ("last" read as last month's)
    # and an ordinal there is the day ("so the 28th"), no count
    worked_words = re.sub(
        r"(?<!the )\b(\d{1,2}(?:st|nd|rd|th))\b", r"the \1", _LAST_IS.sub(" ", plain(worked_out))
    )
    found = _clause_date(worked_words, today, None)
    if found is None or (found[1] != "day" and not re.search(r"\b(?:19|20)\d\d\b", worked_out)):
        return None  # "six months post transplant, so around May": which year's May?
    return found[0] if found[0] <= today else None


def _date_of_the_last_time(text: str, today: date) -> date | None:
    """The date of the one clause that names the last time (`dates.last_time`: "last tablet was",
    "the very last dose"), beside others that tell the way there ("tapered over the summer, last
    tablet was the end of August"), when it is not after today; else None."""
    marker = _last_time(written_language(text))
    clauses = _punctuated_clauses(text)
    marked = [c for c in clauses if marker.search(plain(c))]
    if len(clauses) < 2 or len(marked) != 1:
        return None
    found = _clause_date(plain(marked[0]), today, None)
    return found[0] if found is not None and found[0] <= today else None


def _punctuated_clauses(text: str) -> list[str]:
    """The answer's clauses between commas, full stops and semicolons, as typed."""
    return [c for c in re.split(rf"[,;，。；]|{FULL_STOP}", text) if c.strip()]  # not inside "18.11.2026"


@functools.cache
def _last_time(language: str) -> re.Pattern:
    return phrase_pattern(language_words(language).spaced_list_in("dates", "last_time"))


@functools.cache
def _stay_length(language: str) -> re.Pattern:
    """How long a stay lasted ("was in hospital 4 days", "spent two weeks in ICU": `dates.stays` in
    the words file, then a count of days, nights or weeks): a length, never a date to come."""
    stays = language_words(language).spaced_list_in("dates", "stays")
    if not stays:
        return re.compile(r"(?!x)x")
    # the stay's words go in any case ("in hospital 3 weeks ago" is no "in 3 weeks"); its length too,
    # unless it dates the stay ("admitted 2 days ago")
    return re.compile(
        rf"\b(?:{alternation(stays)})\b(?:\s+(?:for\s+)?(?:about\s+|around\s+|nearly\s+)?"
        r"(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:days?|nights?|weeks?)\b"
        r"(?!\s+(?:ago|back|before|earlier|later|after|since|previously)))?",
        re.IGNORECASE,
    )


@functools.cache
def _counted_from(language: str) -> re.Pattern | None:
    events = language_words(language).spaced_list_in("dates", "counted_from")
    return phrase_pattern(events) if events else None


_HOURS_TAKEN = re.compile(
    r"\bin\s+(?:about\s+|around\s+|under\s+)?(?:\d+|an?|one|two|three|four|five|six|half\s+an)\s+(?:hours?|hrs?|minutes?|mins?)\b",
    re.IGNORECASE,
)
"""How long something took ("in and out in 2 hours"): no day, though a date reader reads it as today."""
_CHINESE_TIME = re.compile(r"[零〇一二两三四五六七八九十百几]+\s*(?:年|月|号|日)")
"""A year, month or day in Chinese numerals ("零九年"): a date we could not read, never "never"."""
_ORDINAL_COUNT = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)\s+(?:round|course|cycle|time|dose|transplant|relapse|lot|line|one|go|attempt)s?\b"
)
"""An ordinal that counts ("the 2nd round", "my 3rd cycle"), not a day of the month."""
_ORDINAL_SUBJECT = re.compile(
    r"(?:^|(?<=[.,;!?])|(?<=\bthe )|(?<=\band ))\s*\d{1,2}(?:st|nd|rd|th)\s+(?=(?:was|were|came|happened)\b)"
)
"""An ordinal that opens a clause about which one it was ("Second was 2015"), not a day."""
_LONE_ORDINAL = re.compile(r"\d{1,2}(?:st|nd|rd|th)")
_YEARS_OLD = re.compile(
    r"(?:\b(?:am|is|are|was|aged|turned|only|just|now)|我|他|她|才|都)\s*\d{1,3}\s*(?:(?:years?|yrs?|y)\s*(?:old|o)|y/o)\b",
    re.IGNORECASE,
)
"""A person's age ("he is 45 years old"), not how long ago: "a 2 year old echo" is still a date."""
_YEAR_PART = re.compile(r"\b(?:early|late|mid|middle|end|beginning|start)\b.*\byear\b")


def _date_text(numeric: str, today: date) -> str:
    """Text already in `numeric_text(..., ordinals=True)` form with the said forms, calendar years
    and counting ordinals ("the 2nd round") dealt with, as both the whole answer and each clause are
    read."""
    years_said = _calendar_years(_said_forms(short_years(numeric, today)), today)
    years_said = _YEARS_OLD.sub(" ", years_said)  # "never, he is 45 years old": an age, no 45 years ago
    return _ORDINAL_SUBJECT.sub(" ", _ORDINAL_COUNT.sub(" ", years_said))


_SHORT_YEAR = re.compile(r"(?<![\w'’])['’‘](\d{2})\b(?!\s*s\b)")
"""A year said by its last two figures after an apostrophe ("back in '08"; not the '90s)."""


def full_year(two_figures: int, today: date) -> int:
    """A year said by its last two figures: 8 is 2008 and 97 is 1997, this century unless that is
    still to come."""
    year = 2000 + two_figures
    return year if year <= today.year else year - 100


def short_years(text: str, today: date) -> str:
    """'08 is 2008 and '97 is 1997 (`full_year`)."""
    return _SHORT_YEAR.sub(lambda match: str(full_year(int(match.group(1)), today)), text)


def _clause_date(clause: str, today: date, date_order: str | None) -> tuple[date, str] | None:
    """One clause's date for date_mentions.reconcile; a season is coarser than its middle day."""
    words = _date_text(clause, today)
    if _LONE_ORDINAL.fullmatch(_date_words(words, today, date_order)) and not re.search(r"\bthe\s+\d", words):
        return None  # "his 2nd round": a count, not the 2nd of the month
    reading = read_date(words, today, date_order)
    if reading is None:
        return None
    season = _season_pattern()
    rough = (season is not None and season.search(words)) or (
        reading.period == "day" and _YEAR_PART.search(words) and not re.search(r"\d", words)
    )  # "in the summer", "early this year": coarser than the day that stands for them
    period = "season" if rough else reading.period
    return _point(reading), period


_CLAUSE_BREAK = re.compile(r"[,，;；。!！?？]+|\s+(?:then|and then|but)\s+", re.IGNORECASE)


def clause_dates(text: str, today: date) -> list[date]:
    """The date each clause of `text` names, in order, for clauses that name one ("in remission
    March last year, back in May", "去年三月缓解的，今年五月复发")."""
    found = []
    for clause in _CLAUSE_BREAK.split(text):
        if is_chinese(clause):
            said = chinese_date(clause, today)
        else:
            reading = _clause_date(_date_text(numeric_text(clause, ordinals=True), today), today, None)
            said = reading[0] if reading else None
        if said is not None:
            found.append(said)
    return found


def _latest_told_again(text: str, today: date) -> date | None:
    """For a question about the latest transfusion, in Chinese: a later clause that says it was
    given again, on a later date ("上周三输过一次，昨天又输了一次": yesterday; not "昨天又输了红细胞");
    else None."""
    lw = language_words(written_language(text))
    clauses = [c for c in _CLAUSE_BREAK.split(text) if c.strip()]
    dated = [(chinese_date(c, today), c) for c in clauses]
    dated = [(day, c) for day, c in dated if day is not None]
    if len(dated) < 2:
        return None
    (_, _), (last_day, last_clause) = dated[-2], dated[-1]
    if (
        lw.given_again.search(last_clause)
        and not lw.other_blood_given.search(last_clause)
        and last_day == max(day for day, _ in dated)
        and last_day <= today
    ):
        return last_day
    return None


_EITHER_MONTH = re.compile(rf"\b({alternation(_MONTHS)})\s+or\s+({alternation(_MONTHS)})\b")
MAX_DAYS_BETWEEN_EITHER = 62
"""Two months said as "one or the other" this close make one reading between them; further apart,
the answer is asked again. Two years make one only when the second follows the first."""
_EITHER_YEAR = re.compile(r"\b((?:19|20)\d\d)\s*(?:or|/)\s*((?:19|20)\d\d)\b")


def _either_of_two(fact: FactDefinition, text: str, today: date, date_order: str | None) -> Parsed | None:
    """ "In the summer, July or August", "2017 or 2018": each month (or year) read in the answer in
    turn; when both read and lie close, the day between them, with both as the answer's
    alternatives. Else None."""
    said = numeric_text(text)
    either, most_apart = _EITHER_MONTH.search(said), MAX_DAYS_BETWEEN_EITHER
    years = _EITHER_YEAR.search(said)
    if either is None and years and int(years.group(2)) - int(years.group(1)) == 1:
        either, most_apart = years, 366  # "2017 or 2018": 1 January 2018, between their middles
    if either is None:
        return None
    days = []
    for month in either.groups():
        one = said[: either.start()] + month + said[either.end() :]
        parsed = parse_date(fact, one, today, date_order)
        if not parsed.ok or not isinstance(parsed.value, date):
            return None
        days.append(parsed.value)
    first, second = sorted(days)
    if (second - first).days > most_apart or first == second:
        return None
    middle = first + (second - first) / 2
    return replace(result.value(middle, text), alternatives=(first, second))


_SEASONS = ("spring", "summer", "autumn", "fall", "winter")
_LAST_NAMED_MONTH = re.compile(rf"\blast\s+({'|'.join(_MONTHS + _SEASONS)})\b(?!\s*\d)", re.IGNORECASE)


def _last_named_month(fact: FactDefinition, text: str, today: date, date_order: str | None) -> Parsed | None:
    """ "Last March" (or "last summer") may be the most recent or the one a year before, and people mean both.
    Read as the most recent, unless it ended within the last `RECENT_MONTHS_SAID_OTHERWISE` months
    ("last November" in December: the one just gone would be "last month" or "in November"); the
    other is its alternative, so an outcome that hangs on which is the study team's. None when no
    "last" + month is said, or a year is."""
    found = _LAST_NAMED_MONTH.search(text)
    if found is None or _SAID_YEAR.search(text[found.start() - 12 : found.end() + 12]):
        return None  # "last June, in 2024": its year is said; "a bypass in 2015, then last summer" is not
    said = f"{found.group(1)} {today.year - 1}"
    parsed = parse_date(fact, text[: found.start()] + said + text[found.end() :], today, date_order)
    if not parsed.ok or not isinstance(parsed.value, date):
        return None
    year_before = parsed.value
    a_year_on = _a_year_on(year_before)
    this_month = (a_year_on.year, a_year_on.month) == (today.year, today.month)
    most_recent = a_year_on if a_year_on <= today and not this_month else year_before
    if most_recent == year_before:
        return result.value(year_before, text)
    months_since = (today.month - most_recent.month) % 12
    meant = year_before if months_since <= RECENT_MONTHS_SAID_OTHERWISE else most_recent
    return replace(result.value(meant, text), alternatives=(year_before, most_recent))


RECENT_MONTHS_SAID_OTHERWISE = 2


def _a_year_on(day: date) -> date:
    return day.replace(year=day.year + 1, day=min(day.day, 28) if day.month == 2 else day.day)


def _single_clause_date(clause: str, today: date) -> date | None:
    """The one date a clause names, else None (none, or several)."""
    found = clause_dates(clause, today)
    return found[0] if len(found) == 1 else None


def _not_ended(text: str, fact_id: str) -> bool:
    """Whether the answer says the thing asked about has not ended (`not_yet` for the fact in the
    words file: "still taking them", "not stopped yet", 还在吃)."""
    fact_words = language_words(written_language(text)).for_fact(fact_id)
    return fact_words is not None and bool(fact_words.not_yet.search(plain(text)))


def _after_last_restart(text: str, fact_id: str) -> str | None:
    """For a question about when something ended: what the answer says after the clause where it
    was last started again (`restarted` for the fact in the words file: "stopped in May, restarted
    in June, then stopped again 3 weeks ago"; "五月停的，后来排异又吃上了"), "" when nothing follows;
    None when nothing was restarted (or only "never restarted")."""
    language = written_language(text)
    lw = language_words(language)
    fact_words = lw.for_fact(fact_id)
    if fact_words is None:
        return None
    words = plain(text)
    found = [m for m in fact_words.restarted.finditer(words) if not _negated_before(words, m.start(), lw)]
    if not found:
        return None
    after = found[-1].end()  # the restart's clause ends at a stop or a "then" (`then_words`)
    ends = [
        m.end()
        for m in (_CLAUSE_END.search(words, after), lw.pattern("then_words").search(words, after))
        if m
    ]
    rest = words[min(ends) :] if ends else ""
    return rest if lw.raw.get("words_spaced", True) else rest.replace(" ", "")


_CLAUSE_END = re.compile(r"[,.;!?，。；！？]")


def _negated_before(words: str, start: int, lw: Any) -> bool:
    """Whether a negation stands among the few words before `start` ("never restarted")."""
    before = " ".join(words[:start].split()[-3:])
    return bool(lw.pattern("negators").search(before))


def parse_date(fact: FactDefinition, text: str, today: date, date_order: str | None = None) -> Parsed:
    """Read a date on or before `today`, or "never" when the fact allows it.

    Future dates are "out_of_range" ("date.in_future"); today is allowed.
    """
    said = text
    if asks_back(text):
        return result.unclear(said, "date.unclear")  # "do you mean platelets or a blood transfusion?"
    text = settle_day_month_order(text, today, date_order or DEFAULT_DATE_ORDER)
    if text == AMBIGUOUS:
        return result.unclear(said, "date.day_or_month")  # "07/08/2026": 7 August or 8 July?
    text = without_future_clauses(text)  # "my next one is tomorrow, the last one was a week ago"
    if fact.several_dates == "latest":
        text = _without_earlier_ones(text)  # "Monday. The one before that was 13/11": Monday
    restarted = _after_last_restart(text, fact.id) if fact.allow_never else None
    if restarted is not None:
        if not any(ch.isalnum() for ch in restarted):
            return result.value(NEVER, said)  # "stopped in May, then had to go back on them"
        return replace(parse_date(fact, restarted, today, date_order), said=said)
    counted = counted_date(text, today, lambda clause: _single_clause_date(clause, today))
    if counted is not None:  # "when he was 45; he's 71 now", "移植满一年停的，我是25年8月移植的"
        return result.value(counted, said)
    counted_text = numeric_text(text)
    # "a week after Halloween" is counted from a day with a name (`_next_to_named_day`), not another event
    from_a_named_day = _next_to_named_pattern().search(counted_text.lower())
    if (_AFTER_ANOTHER_EVENT.search(counted_text) and not from_a_named_day) or _counted_from_an_event(text):
        concluded = _concluded_date(text, today)
        if concluded is not None:  # "two weeks after his last cycle, so that would be the 12th of November"
            return result.value(concluded, said)
        return result.unclear(said, "date.unclear")  # "the bypass two years after that": not 2 years ago
    if _dates_another_event(text, fact.id):
        if fact.allow_never and _denies(text):
            # "No, only angina", "never, only a blood transfusion in 2024": what else is named, and
            # dated, is not the thing asked about
            return result.value(NEVER, said)
        return result.unclear(said, "date.unclear")  # "two stents in 2020": not a heart attack's date
    text = _BIRTHDAY_ORDINAL.sub(" ", text)  # "on my 50th, 2 October": the 50th is no year
    text = _stay_length(written_language(text)).sub(" ", text)  # "was in hospital 4 days": not in 4 days
    text = _HOURS_TAKEN.sub(" ", text)  # "in and out in 2 hours": how long it took, no day
    text = _numbered_events(written_language(text)).sub(" ", text)  # "before the first induction"
    if fact.allow_never and _not_ended(text, fact.id):
        said_date = chinese_date(text, today) or read_date(
            _date_text(numeric_text(text, ordinals=True), today), today
        )
        said_day = said_date.day if isinstance(said_date, DateReading) else said_date
        if said_day and said_day <= today:
            return result.unclear(said, "date.unclear")  # "stopped one 2 weeks ago, still on the other"
        # "when did you stop them?" "I'm still on them", "not stopped yet, off by Christmas"
        return result.value(NEVER, said)
    if (
        fact.allow_never
        and not _not_never(text)
        and topic_denied(text, fact.id)
        and not says_it_happened(text)  # "had one in 2019, never a bypass"
    ):
        # "a stent in 2020, but never a heart attack or bypass"; "angina for years but never an
        # actual heart attack"; "2024年自体移植，抗排异的药没吃过": what else is dated, however
        # vaguely, is not the thing asked about
        return result.value(NEVER, said)
    chinese = chinese_date(text, today)  # 上周二, 去年五月, 三个月前 (bot/parsing/chinese.py)
    if chinese is not None and fact.several_dates == "latest":
        chinese = _latest_told_again(text, today) or chinese
    if chinese is not None:
        return (
            result.out_of_range(said, "date.in_future", chinese)
            if chinese > today
            else result.value(chinese, said)
        )
    if not is_chinese(text):
        numeric = numeric_text(text)
        rewritten = _named_day_years_ago(numeric, today)
        text = rewritten if rewritten != numeric else text  # else the words stay as said ("never needed one")
    words = _date_text(numeric_text(text, ordinals=True), today)
    if _VAGUE.search(words) and not (_SAID_YEAR.search(words) or _NAMED_MONTH.search(words)):
        # "ages ago, 2019" names its year, "sometime in October" its month, "last week sometime" its week
        return result.unclear(said, "date.too_vague")
    either = _either_of_two(fact, text, today, date_order) or _last_named_month(fact, text, today, date_order)
    if either is not None:  # "jan or feb", "July or August": both, the study team deciding if it matters
        return either
    last_time = _date_of_the_last_time(text, today)
    if last_time is not None:  # "tapered over the summer, last tablet was the end of August last year"
        return result.value(last_time, said)
    # "last week, maybe Thursday", "in 2020, around Easter": each clause read on its own first
    together = reconcile(
        text, lambda clause: _clause_date(clause, today, date_order), today, fact.several_dates == "latest"
    )
    if together is not None:
        return (
            result.out_of_range(said, "date.in_future", together)
            if together > today
            else result.value(together, said)
        )
    reading = read_date(words, today, date_order)
    if reading is None:
        if (re.search(r"[0-9]", text) and re.search(r"[0-9]", without_ages(text))) or _CHINESE_TIME.search(
            text
        ):
            return result.unclear(said, "date.unclear")  # a date we could not read is never "never"
        words_plain = plain(text)
        if is_chinese(text) and _never_in_chinese(words_plain) and not _one_was_had(text):
            return (
                result.value(NEVER, said)
                if fact.allow_never
                else result.unclear(said, "date.never_not_allowed")
            )
        if _NEVER.search(words_plain) and not _NOT_NEVER.search(words_plain):
            if fact.allow_never:
                return result.value(NEVER, said)
            return result.unclear(said, "date.never_not_allowed")
        return result.unclear(said, "date.unclear")
    day = _point(reading)
    if reading.period != "day" and re.search(r"\bthis\b", _date_words(words, today, date_order)):
        return result.unclear(said, "date.too_vague")  # "this month", "this year"; not "feb this year"
    if not reading.relative and reading.period in ("month", "year"):
        current = (
            (day.year, day.month) == (today.year, today.month)
            if reading.period == "month"
            else day.year == today.year
        )
        if current:
            return result.unclear(said, "date.too_vague")
    if day > today:
        return result.out_of_range(said, "date.in_future", day)
    return result.value(day, said)

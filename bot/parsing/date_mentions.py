"""An answer that names a date more than once, clause by clause ("last week, maybe Thursday",
"in 2020, around Easter", "the bypass in 2015 and a small infarct in 2021").

`dates.parse_date` reads the date words of a whole answer at once; when they do not make one date
together, this module reads each clause on its own and puts the readings together:

- a finer date that lies within a coarser one refines it ("the summer, July I think" is July;
  "a fortnight ago, on the Thursday" is the Thursday of that week, not the last Thursday);
- a date said without a year beside a year said on its own is read in that year ("in 2020, around
  Easter" is Easter 2020);
- dates that do not fit together are separate events: for a fact about the most recent one
  (`several_dates: latest` in facts.yaml) the latest counts, and for any other the answer is asked
  again.

A clause that places a date against another event ("100 days after the transplant") makes the
answer one to ask again; a negated clause ("not last week") names no date.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from bot.parsing.text import alternation, numeric_text, phrase_pattern

_CLAUSE_BREAK = re.compile(
    r"[,;!?()]|\.(?!\d)|\s-\s|\b(?:and|but|then|maybe|perhaps|probably|though)\b"
    r"|(?<!or )(?=\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)"  # "last week thursday"
)
_RELATIVE_TO_OTHER_EVENT = re.compile(
    r"\b(?:before|after|until|till|during)\b|\bsince\b(?!\s*(?:then\b|[,.;!?]|$))"
)
"""A date placed against another event ("100 days after the transplant"); "nothing since" and
"since then" place nothing."""
_ALTERNATIVES = re.compile(r"\bor\b")
_BEFORE_OR_AFTER_THAT = re.compile(r"\b(?:before|after|until|till|since)\s+(?:that|then|this|it)\b")
"""A date placed against another one said in the answer ("before that")."""


def works_the_date_out(clause: str, language: str = "en") -> bool:
    """Whether `clause` opens with a conclusion and names more than a day of the month ("so the
    end of Feb"; not "so the 18th": of which month?)."""
    opener = _conclusion(language)
    return bool(opener.match(clause)) and not _BARE_DAY.match(opener.sub("", clause, count=1))


@functools.cache
def _conclusion(language: str) -> re.Pattern:
    """What opens a clause that works the date out (the words file's `dates.concluded_by`: "so",
    "which would be"), matched at the clause's start."""
    from bot.parsing.words import words  # the words files are read on first use

    openers = phrase_pattern(words(language).spaced_list_in("dates", "concluded_by"))
    return re.compile(rf"\s*(?:{openers.pattern})")


_HOW_OFTEN = re.compile(
    r"\b(?:once|twice|times|every|each|per)\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)days\b"
)
_NEGATED = re.compile(r"\b(?:not|never|no)\b")
_WEEK_BACK = re.compile(r"\b(?:ago|back|last|before|fortnight)\b")
"""A week said as a time back ("a fortnight ago", "last week"), not as a frequency ("twice a week")."""
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_JUST_BEFORE_OR_AFTER = re.compile(r"\b(?:just|right|straight|soon|shortly|the day)\s+(after|before)\b")
_WEEKDAY = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")
_PART_OF_A_MONTH = re.compile(
    r"\b(?P<part>early|mid|middle of|late|end of|start of|beginning of)\s+"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
)
_NEAR_DAYS = {"day": 1, "week": 2}
"""How far outside a date another may fall and still refine it: a day or two beside a day or a
week, a fortnight beside anything coarser ("early this year" is read as mid-February; "January"
still refines it)."""
_SPAN_DAYS = {"day": 0, "week": 3, "month": 16, "season": 46, "year": 183}
_PRECISION = {"day": 0, "week": 1, "month": 2, "season": 3, "year": 4} | {
    f"vague {unit}": 5 for unit in ("days", "weeks", "months", "years")
}
_VAGUE_PERIODS = frozenset(period for period in _PRECISION if period.startswith("vague "))


_VAGUE_COUNT = re.compile(
    r"\b(?:a\s+)?(?:few|several|couple|some|many)(?:\s+of)?\s+(?P<unit>days|weeks|months|years)\b"
)
"""A time back counted vaguely ("a few years back", "several months ago"): read as three units, it
holds any date from one to ten units back said beside it ("a few years back, 2017")."""
_UNIT_DAYS = {"days": 1, "weeks": 7, "months": 30, "years": 365}
_VAGUE_COUNTED_AS = 3


@dataclass(frozen=True)
class _Mention:
    day: date
    period: str
    clause: str

    @property
    def span(self) -> int:
        return _SPAN_DAYS.get(self.period, 0)

    def holds(self, other: _Mention) -> bool:
        """Whether `other` lies within this (coarser) date, give or take a fortnight."""
        if self.period in _VAGUE_PERIODS:
            unit = _UNIT_DAYS[self.period.removeprefix("vague ")]
            back = (self.day + timedelta(days=_VAGUE_COUNTED_AS * unit) - other.day).days
            return unit <= back <= 10 * unit
        if self.period == "year":  # "last year, in May": any day of that calendar year
            return other.day.year == self.day.year
        return abs((other.day - self.day).days) <= self.span + _NEAR_DAYS.get(self.period, 15)


Reader = Callable[[str], "tuple[date, str] | None"]
"""Reads one clause: the day that stands for its date (mid-month for a month, 1 July for a year, as
`dates.parse_date` takes them) and its period, or None. Given by dates.py, which holds the parser."""


def reconcile(text: str, read: Reader, today: date, latest: bool) -> date | None:
    """The one date the clauses of `text` name together, or None when they do not make one."""
    mentions, set_aside = _mentions(text, read)
    relative = _placed_against_another_event(numeric_text(text.lower()))
    if (
        relative
        and len(mentions) >= 2
        and all(_YEAR.search(m.clause) for m in mentions)
        and not _BEFORE_OR_AFTER_THAT.search(text.lower())
    ):
        # "the heart attack in August 2019, then the bypass in February 2020, right before covid":
        # each date said with its year stands whatever undated event it is placed against (not
        # "he passed in 2009, so it was before that. 2007 maybe?": one of them is the other event's)
        relative = False
    if len(mentions) == 1 and set_aside and not relative:
        return mentions[0].day  # "twice a week, the last one was monday"
    worked_out = mentions[-1].clause if len(mentions) >= 2 else ""
    if relative and works_the_date_out(worked_out):
        return mentions[-1].day  # "before I started chemo in March, so the end of Feb": worked out
    if len(mentions) < 2 or relative:
        return None  # "100 days after the transplant, which was on the 1st of June": asked again
    bare = [m for m in mentions if _BARE_DAY.match(m.clause)]
    whole = [m for m in mentions if m.period == "day" and m not in bare]
    if len(mentions) == 2 and len(bare) == 1 and len(whole) == 1:
        if _PART_OF_A_MONTH.search(whole[0].clause):
            return _day_of_month_within(
                mentions, today
            )  # "early June, the 3rd"; not "end of October, the 3rd"
        # "a week before Christmas, so the 18th": the day said twice; two different days are asked again
        said = _BARE_DAY.match(bare[0].clause)
        return (
            whole[0].day if int(said.group("day")) == whole[0].day.day and not said.group("other") else None
        )
    day_of_month = _day_of_month_within(mentions, today)
    if day_of_month is not None:
        return day_of_month
    if any(_ALTERNATIVES.search(m.clause) for m in mentions):
        return None  # "Tuesday or Wednesday"
    mentions = _in_the_year_said(mentions, read)
    weekday = _weekday_within(mentions, today)
    if weekday is not None:
        return weekday
    # of dates said as finely, the last one said stands: a correction ("June. Actually no, it was
    # July") or the later of two events told in order ("in January, then the bypass in February")
    finest = min(reversed(mentions), key=lambda m: _PRECISION.get(m.period, 0))
    coarser = [m for m in mentions if m is not finest]
    if all(m.holds(finest) or finest.holds(m) for m in coarser):
        return finest.day
    # separate events, each said once: a coarse date another one refines ("2019, in the October")
    # stands for the finer one
    events = [m for m in mentions if not any(m is not o and _finer(o, m) and m.holds(o) for o in mentions)]
    apart = not any(a is not b and (a.holds(b) or b.holds(a)) for a in events for b in events)
    if latest and (apart or len({m.period for m in events}) == 1):
        return max(m.day for m in events)
    return None


def _placed_against_another_event(text: str) -> bool:
    """Whether a date is placed against something that happened ("100 days after the transplant",
    "a week before I started chemo"). Just before or after a day of the calendar is no other event:
    "just before Christmas" and "right after New Year's" are dates themselves, and so are days or
    weeks from one ("the week after the Fourth of July", "2 days before Christmas": dates.py moves
    the day); "a few months after Christmas" counts vaguely from one, and is asked again like any
    date counted from another."""
    calendar = _calendar_names()
    return any(
        not calendar.match(text, found.end())
        or (
            _AN_AMOUNT_OF_TIME.search(text[max(0, found.start() - 25) : found.start()])
            and not _moved_named_day(text, found.start())
        )
        for found in _RELATIVE_TO_OTHER_EVENT.finditer(text)
    )


def _moved_named_day(text: str, side: int) -> bool:
    """Whether the words before "after"/"before" at `side` move the named day after it by days or
    weeks, or to a weekday ("the week after the Fourth of July", "the Tuesday after Easter"), with no
    other weekday said ("the week after Easter, on the Tuesday": which Tuesday is not known)."""
    shift = _A_DAY_OR_WEEK_OVER.search(text[:side])
    return bool(shift) and all(shift.start() <= day.start() < side for day in _WEEKDAY.finditer(text))


_AN_AMOUNT_OF_TIME = re.compile(r"\b(?:days?|weeks?|months?|years?|fortnight|couple|few)\b[^,.;]*$")
_A_DAY_OR_WEEK_OVER = re.compile(
    r"\b(?:the|an?|\d{1,2})\s+(?:days?|weeks?|weekend|monday|tuesday|wednesday|thursday|friday|saturday"
    r"|sunday)\s*$"
)
"""Days or weeks from a named day, or a weekday beside it ("the week after the Fourth of July", "2 days
before Christmas", "the Tuesday after Easter"): dates.py moves the named day, so the date is known."""


FIXED_DAY_KEYS = ("holidays", "holidays_by_year", "easter_days")
"""The words file's `dates` tables of days whose name fixes them wherever the person lives."""


@functools.cache
def _calendar_names() -> re.Pattern:
    """Days and months of the calendar by name (bot/words/en.yaml `dates.holidays`, the months),
    after "before" or "after"."""
    from bot.parsing.words import words  # bot.parsing.words imports the text helpers this module uses

    said = words("en").raw.get("dates") or {}
    months = [name.lower() for name in (*calendar.month_name[1:], *calendar.month_abbr[1:])]
    # Not the holidays on a weekday of a month: Thanksgiving, Labour Day and Mother's Day fall on
    # different days in different countries, so "just after Thanksgiving" is asked again here
    # (dates.py reads "the week after Thanksgiving" and "the Friday before" by the US day, and asks
    # "six weeks before Thanksgiving" again). Feasts of another calendar, by year, and Easter's are
    # known.
    names = [*(str(name) for key in FIXED_DAY_KEYS for name in said.get(key) or {}), *months]
    return re.compile(rf"\s+(?:the\s+)?(?:{alternation(names)})\b")


def _finer(one: _Mention, other: _Mention) -> bool:
    return _PRECISION.get(one.period, 0) < _PRECISION.get(other.period, 0)


def _mentions(text: str, read: Reader) -> tuple[list[_Mention], bool]:
    """Each clause's date, and whether a clause was set aside (negated, or how often)."""
    found: list[_Mention] = []
    set_aside = False
    for clause in _CLAUSE_BREAK.split(numeric_text(text.lower(), ordinals=True)):
        if not clause or not clause.strip():
            continue
        if _NEGATED.search(clause) or _HOW_OFTEN.search(clause):
            set_aside = True  # "not last week, the week before"; "twice a week", "every monday": no date
            continue
        bare_day = _BARE_DAY.match(clause)
        reading = read(f"the {bare_day.group('day')}th" if bare_day else clause)  # "the 20th or 21st"
        if reading is not None:
            vague = _VAGUE_COUNT.search(clause)
            period = f"vague {vague.group('unit')}" if vague else reading[1]
            found.append(_Mention(reading[0], period, clause))
    return found, set_aside


def first_weekday_beside(day: date, weekday: int, after: bool) -> date:
    """The first day after `day` (or before it) that falls on `weekday` (0 is Monday)."""
    step = timedelta(days=1 if after else -1)
    found = day + step
    while found.weekday() != weekday:
        found += step
    return found


def _in_the_year_said(mentions: list[_Mention], read: Reader) -> list[_Mention]:
    """A date said without a year ("around Easter", "in the October") read in the year said just
    before it ("a triple bypass in 2019, in the October"), or in the one year the answer names (in
    figures, or as a year or a part of one: "late last year. november")."""
    said_years = [[int(year) for year in _YEAR.findall(m.clause)] for m in mentions]
    named = {year for years in said_years for year in years} or {
        m.day.year for m in mentions if m.period in ("season", "year")
    }
    out: list[_Mention] = []
    year = next(iter(named)) if len(named) == 1 else None
    for mention, years in zip(mentions, said_years, strict=True):
        if years:
            year = years[-1] if len(named) > 1 else year
        elif (
            year is not None
            and mention.period in ("day", "week", "month", "season")
            and mention.day.year != year
        ):
            again = read(f"{mention.clause} {year}")
            if again is not None and again[0].year == year:
                mention = _Mention(again[0], again[1], mention.clause)
        out.append(mention)
    return out


_BARE_DAY = re.compile(
    r"^\s*(?:(?:i think|i believe|i want to say|i would say|maybe|probably|around|about|roughly|like|approx"
    r"|it was|was|on|so|so that was|so that would be|which was|which would be|that would be)\s+)*"
    r"(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)"
    r"(?:\s+or\s+(?:the\s+)?(?P<other>\d{1,2})(?:st|nd|rd|th))?\s*(?:i think|i believe|maybe|probably)?\s*$"
)
"""A clause that is only a day of the month ("the 20th", "on the 3rd", "the 20th or 21st", "I want to
say the 12th")."""


_PART_DAYS = {"early": (1, 12), "start of": (1, 12), "beginning of": (1, 12), "mid": (8, 23),
              "middle of": (8, 23), "late": (18, 31), "end of": (18, 31)}  # fmt: skip
"""The days of the month a part of it ("early June") may stand beside: a little wider than a third."""


def _within_part(part: str, day: int) -> bool:
    low, high = _PART_DAYS[part]
    return low <= day <= high


def _day_of_month_within(mentions: list[_Mention], today: date) -> date | None:
    """A day of the month said beside one month ("in Jan, the 20th or 21st") is that day of that
    month, not of the current one; of two neighbouring days the first (the dates allow a few days).
    Else None."""
    if len(mentions) != 2:
        return None
    # a part of a named month ("early June") is that month too
    months = [m for m in mentions if m.period == "month" or _PART_OF_A_MONTH.search(m.clause)]
    days = [_BARE_DAY.match(m.clause) for m in mentions]
    if len(months) != 1 or sum(d is not None for d in days) != 1:
        return None
    said = next(d for d in days if d is not None)
    part = _PART_OF_A_MONTH.search(months[0].clause)
    if part and not _within_part(part.group("part"), int(said.group("day"))):
        return None  # "end of October, the 3rd": the two disagree
    if said.group("other") and not 0 < int(said.group("other")) - int(said.group("day")) <= 2:
        return None
    month = months[0].day
    for year in (month.year, month.year - 1):  # "in December, the 20th" said on 3 December: last year's
        try:
            day = month.replace(year=year, day=int(said.group("day")))
        except ValueError:
            return None
        if day <= today:
            return day
    return None


def _weekday_within(mentions: list[_Mention], today: date) -> date | None:
    """A weekday said beside one other date: in a week said as a time back ("a fortnight ago, on
    the Thursday") that weekday of that week, not the most recent one; beside a day that falls on
    it ("at Easter, on the Sunday") that day; beside a day said to be just before or after
    ("right after Halloween ... the Monday") the first such weekday on that side of it. Else None."""
    weekdays = [m for m in mentions if _WEEKDAY.search(m.clause) and not _YEAR.search(m.clause)]
    if len(weekdays) != 1 or len(mentions) != 2:
        return None
    other = next(m for m in mentions if m is not weekdays[0])
    if other.period == "day" and other.day.weekday() == weekdays[0].day.weekday():
        return other.day
    side = _JUST_BEFORE_OR_AFTER.search(other.clause)
    if other.period == "day" and side:
        # "right after Halloween ... the Monday": the first Monday after it
        day = first_weekday_beside(other.day, weekdays[0].day.weekday(), side.group(1) == "after")
        return day if day <= today else None
    if other.period != "week" or not _WEEK_BACK.search(other.clause):
        return None
    shift = (weekdays[0].day.weekday() - other.day.weekday() + 3) % 7 - 3  # the nearest such weekday
    day = other.day + timedelta(days=shift)
    return day if day <= today else day - timedelta(days=7)

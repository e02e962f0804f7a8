"""A dose per day said the way people take it: "10 mg twice a day", "two 5 mg tablets",
"15 mg in the morning and 5 at night", "强的松一天两片 一片5毫克", "20mg 一天两次", "every other day".

For facts whose unit is per day (daily_steroid_dose: "mg/day (prednisone)"). `daily_dose` returns
None unless the answer says how often, how many tablets, or gives doses at times of day; the plain
number reader handles everything else. The words (how often, tablets, times of day, small number
words) are each language's `doses` section in bot/words/<language>.yaml, so a language adds them
as data.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from bot.facts import FactDefinition
from bot.parsing.text import alternation, phrase_pattern, space_cjk
from bot.parsing.words import words

_DIGITS = r"\d+(?:\.\d+)?"
DISAGREES = math.nan
"""What `daily_dose` gives when how often or how many is said, but not one amount per day."""


def is_per_day(fact: FactDefinition) -> bool:
    """Whether the fact is an amount per day (its unit says so: "mg/day (prednisone)")."""
    return "/day" in (fact.unit or "")


@dataclass(frozen=True)
class _DoseWords:
    how_often: list[tuple[re.Pattern, float | None]]  # pattern, doses a day (None: from its {n})
    every_hours: list[re.Pattern]
    tablets: re.Pattern  # a count of tablets, and the strength of one when it follows or precedes
    tablet_strength: re.Pattern  # "5mg tablets", "the 20 mg pill": the strength of the tablets taken
    per_dose: re.Pattern  # "一回5毫克", "each time 5mg": what one dose holds, not a count of one
    split_into: list[re.Pattern]  # "分3次", "split into 3 doses": how the day's amount is divided
    times_of_day: re.Pattern
    counts: dict[str, float]
    strength_after: re.Pattern  # "一片5毫克", "一片是5毫克": what one tablet holds
    strength_before: re.Pattern  # "5毫克一片"
    cycles: re.Pattern  # "4 days on, 4 days off": taken in cycles, no one amount a day
    per_weight: re.Pattern  # "1 mg/kg": a dose for each kilogram of body weight
    weight: re.Pattern  # "60 kg", "120斤": the body weight, in kilograms (`weight_units`)
    weight_units: dict[str, float]
    tablet_word: re.Pattern  # "tablets", "the little white ones", 片: tablets named, counted or not
    strength_after_name: re.Pattern  # "prednisolone 5mg": the strength said after the drug's name
    count_times_strength: re.Pattern  # "2 x 5mg": a count of tablets of a strength


def _number_group(counts: dict[str, float]) -> str:
    words_ = "|".join(re.escape(space_cjk(w)) for w in sorted(counts, key=len, reverse=True))
    return rf"(?P<n>{_DIGITS}{'|' + words_ if words_ else ''})"


def _template(phrase: str, number: str) -> str:
    """A phrase with {n} as a regex: Chinese spaced as answers are, any spacing between its words,
    whole words only."""
    spaced = space_cjk(phrase.replace("{n}", " {n} "))
    joined = r"\s*".join(number if part == "{n}" else re.escape(part) for part in spaced.split())
    return rf"(?<![a-z0-9.]){joined}(?![a-z])"


@functools.cache
def _dose_words(language: str) -> _DoseWords | None:
    section = words(language).raw.get("doses")
    if not section:
        return None
    counts = {space_cjk(str(k)): float(v) for k, v in (section.get("counts") or {}).items()}
    number = _number_group(counts)
    how_often = []
    for phrase, per_day in sorted((section.get("times_a_day") or {}).items(), key=lambda kv: -len(kv[0])):
        how_often.append((re.compile(_template(str(phrase), number)), float(per_day)))
    for phrase in sorted(section.get("times_a_day_n") or [], key=len, reverse=True):
        how_often.append((re.compile(_template(str(phrase), number)), None))
    every_hours = [re.compile(_template(str(p), number)) for p in section.get("every_n_hours") or []]
    units = "|".join(
        re.escape(space_cjk(str(u))) for u in sorted(section.get("tablets") or [], key=len, reverse=True)
    )
    half = alternation(space_cjk(str(w)) for w in section.get("half_after") or [])
    between = alternation(space_cjk(str(w)) for w in section.get("words_before_tablets") or [])
    # "four wee white pills", "two of the tiny ones"; "of" alone is not a description ("half of tablet")
    described = rf"(?:of\s+(?:(?:{between})\s+){{1,3}}|(?:(?:{between})\s+){{0,3}})" if between else ""
    tablets = re.compile(
        rf"(?<![a-z0-9.]){number}(?![\d.])\s*(?:x\s*)?{described}(?:(?P<strength>{_DIGITS})\s*(?:mg\s*)?(?:[a-z]+\s+)?)?"
        rf"(?:{units}|(?<=\d)s)"  # "two 25s": two tablets of 25 mg; "half of a 5 mg prednisolone tablet"
        rf"(?P<half>\s*(?:{half}))?(?![a-z])"
    )
    per_weight = alternation(space_cjk(str(p)) for p in section.get("per_weight") or ["mg/kg"])
    weight_units = {
        space_cjk(str(k)): float(v) for k, v in (section.get("weight_units") or {"kg": 1}).items()
    }
    joiners = [space_cjk(str(w)) for w in section.get("strength_joiners") or []]
    endings = alternation(space_cjk(str(w)) for w in section.get("strength_endings") or [])
    joined = rf"(?:(?:{alternation(joiners)})\s*)?" if joiners else ""
    times = "|".join(
        re.escape(space_cjk(str(t))) for t in sorted(section.get("times_of_day") or [], key=len, reverse=True)
    )
    return _DoseWords(
        how_often=how_often,
        every_hours=every_hours,
        tablets=tablets,
        per_dose=re.compile(
            rf"(?<![a-z0-9.])(?:{alternation(space_cjk(str(p)) for p in section.get('per_dose') or [])})"
            rf"\s*(?:{alternation(joiners)})?\s*(?={_DIGITS}\s*mg|{number}\s*(?:{units})(?![a-z]))"
        ),
        split_into=[re.compile(_template(str(p), number)) for p in section.get("split_into") or []],
        tablet_strength=re.compile(rf"(?<![a-z0-9.])(?P<strength>{_DIGITS})\s*mg\s*(?:{units})(?![a-z])"),
        times_of_day=re.compile(rf"(?<![a-z])(?:{times})(?![a-z])" if times else r"(?!x)x"),
        counts=counts,
        # "一片5毫克"; "一片是0.75的" says its strength without the unit (`strength_endings`)
        strength_after=re.compile(rf"\s*{joined}(?P<strength>{_DIGITS})\s*(?:mg|(?:{endings}))"),
        strength_before=re.compile(rf"(?P<strength>{_DIGITS})\s*mg\s*$"),
        cycles=phrase_pattern(space_cjk(str(p)) for p in section.get("cycles") or []),
        per_weight=re.compile(rf"(?P<n>{_DIGITS})\s*(?:{per_weight})"),
        weight=re.compile(rf"(?P<n>{_DIGITS})\s*(?P<unit>{alternation(weight_units)})(?![a-z])"),
        weight_units=weight_units,
        tablet_word=re.compile(rf"(?<![a-z])(?:{units})(?![a-z])"),
        strength_after_name=re.compile(rf"(?<![a-z])(?:{units})\s*(?P<strength>{_DIGITS})\s*mg(?![a-z])"),
        count_times_strength=re.compile(
            rf"(?<![a-z0-9.])(?P<n>[1-{MAX_TABLETS}])\s*[x×]\s*(?P<strength>{_DIGITS})\s*mg(?![a-z])"
        ),
    )


def _by_weight(prepared: str, dose_words: _DoseWords) -> float | None:
    """A dose per kilogram times the weight said with it ("1 mg/kg, and I weigh 70 kilos": 70)."""
    dose = dose_words.per_weight.search(prepared)
    if dose is None:
        return None
    weights = [m for m in dose_words.weight.finditer(prepared) if m.start() != dose.start()]
    if len(weights) != 1:
        return None
    kilograms = float(weights[0].group("n")) * dose_words.weight_units[weights[0].group("unit")]
    return float(dose.group("n")) * kilograms


def _number(text: str, counts: dict[str, float]) -> float:
    return counts[text] if text in counts else float(text)


def in_cycles(prepared: str, language: str) -> bool:
    """Whether the dose is taken in cycles or pulses ("20mg, 4 days on then 4 days off", 冲击治疗: the
    language's `doses.cycles`): there is no one amount a day, so it is asked again."""
    dose_words = _dose_words(language)
    # units are written close to their number here ("20mg weekly"); the phrases have them apart
    apart = re.sub(r"(?<=\d)(?=[a-z])", " ", prepared)
    return dose_words is not None and bool(dose_words.cycles.search(apart))


def daily_dose(prepared: str, language: str) -> float | None:
    """The amount per day in `prepared` text (numbers as digits, units compact: "10mg"), in the unit
    the person said it in; None when the answer says nothing about how often, how many tablets or at
    what times of day (the plain reader decides); `DISAGREES` when it does but the parts do not add up
    to one amount ("8mg once daily then 2mg twice daily"): ask again, never drop the frequency."""
    dose_words = _dose_words(language)
    if dose_words is None:
        return None
    prepared = _CLOCK.sub(r"\g<half>", prepared)  # "5mg around 4pm": a time of day, not a 4
    by_weight = _by_weight(prepared, dose_words)
    if by_weight is not None:
        return by_weight  # "1 mg/kg, and she weighs 60 kg"
    read = [False] * len(prepared)

    def unread(start: int, end: int) -> bool:
        return not any(read[start:end])

    def mark(start: int, end: int) -> None:
        read[start:end] = [True] * (end - start)

    for pattern in dose_words.split_into:  # "每天4.5mg，分3次": the day's amount, divided
        for match in pattern.finditer(prepared):
            mark(match.start(), match.end())
    for match in dose_words.per_dose.finditer(prepared):  # "一天两回，一回5毫克": one dose holds 5
        mark(match.start(), match.end())
    per_day: set[float] = set()
    daily: list[re.Match] = []  # "每天", "daily": said of the day's amount when right beside one
    found = [(m, times) for pattern, times in dose_words.how_often for m in pattern.finditer(prepared)]
    found += [(m, "hours") for pattern in dose_words.every_hours for m in pattern.finditer(prepared)]
    for match, times in sorted(
        found, key=lambda f: (f[0].start() - f[0].end(), f[0].start())
    ):  # longest first
        if not unread(match.start(), match.end()):
            continue
        mark(match.start(), match.end())
        if times == "hours":
            hours = _number(match.group("n"), dose_words.counts)
            per_day.add(24 / hours if hours else 0.0)
        else:
            per_day.add(times if times is not None else _number(match.group("n"), dose_words.counts))
            if times == 1.0:
                daily.append(match)
    # what one tablet holds ("每片4mg", "一片5毫克") is no amount a day beside "每天8mg"
    one_tablet = [
        (match.start(), following.end())
        for match in dose_words.tablets.finditer(prepared)
        if _number(match.group("n"), dose_words.counts) == 1
        and (following := dose_words.strength_after.match(prepared, match.end()))
    ]

    def unread_amount(start: int, end: int) -> bool:
        return unread(start, end) and not any(s < end and start < e for s, e in one_tablet)

    said_daily = _amount_beside(prepared, daily, unread_amount)
    if said_daily is None and not words(language).pattern("earlier_markers").search(prepared):
        said_daily = _total_said(prepared, language)  # "两片，每片5毫克，共10毫克": the total is the day's
    if said_daily is not None and not per_day - {1.0}:
        return said_daily  # "美卓乐每天8毫克，早上一次吃两片", "每天2.5mg就半片": the day's amount is said
    tablets: list[tuple[float, int, int]] = []  # count, start, end
    strengths: set[float] = set()
    for match in dose_words.count_times_strength.finditer(prepared):  # "2 x 5mg"
        if unread(match.start(), match.end()):
            strengths.add(float(match.group("strength")))
            tablets.append((float(match.group("n")), match.start(), match.end()))
            mark(match.start(), match.end())
    for match in dose_words.tablets.finditer(prepared):
        if not unread(match.start(), match.end()):
            continue
        count = _number(match.group("n"), dose_words.counts) + (0.5 if match.group("half") else 0)
        following = dose_words.strength_after.match(prepared, match.end())
        preceding = dose_words.strength_before.search(prepared[: match.start()])
        if match.group("strength"):
            strengths.add(float(match.group("strength")))
            tablets.append((count, match.start(), match.end()))
            mark(match.start(), match.end())
        elif count == 1 and following:  # "一片5毫克", "1 tablet 5mg": what one tablet holds
            strengths.add(float(following.group("strength")))
            mark(match.start(), following.end())
        elif count == 1 and preceding and unread(preceding.start(), match.start()):  # "5毫克一片"
            strengths.add(float(preceding.group("strength")))
            mark(preceding.start(), match.end())
        else:
            tablets.append((count, match.start(), match.end()))
            mark(match.start(), match.end())
    for match in dose_words.tablet_strength.finditer(prepared):  # "prednisolone 5mg tablets, ..."
        if unread(match.start(), match.end()):
            strengths.add(float(match.group("strength")))
            mark(match.start(), match.end())
    at_times = _counts_at_times(prepared, dose_words)  # bare counts before a time of day
    named = dose_words.strength_after_name.search(prepared) if not (strengths or tablets) else None
    if named and unread(named.start(), named.end()) and at_times:
        # "prednisolone 5mg, two in the morning": the strength said after the drug's name, and
        # counts of it at times of day
        strengths.add(float(named.group("strength")))
        mark(named.start(), named.end())
    if strengths:  # "..., 2 in the morning and 1 at night": counts of those tablets at times of day
        for count, start, end in at_times:
            if unread(start, end):
                tablets.append((count, start, end))
                mark(start, end)
    amounts = [
        (float(m.group(1)), m.start(), m.end())
        for m in _AMOUNT.finditer(prepared)
        if unread(m.start(), m.end())
    ]
    if len(strengths) == 1 and not tablets and amounts and all(_a_count(prepared, a) for a in amounts):
        tablets, amounts = amounts, []  # "5mg tablets, 2 a day": two of those tablets
    tablet_count = _tablets_a_day(prepared, tablets, dose_words)
    if not (per_day - {1.0} or tablets or strengths):
        if per_day and len(amounts) == 1 and "mg" in prepared[amounts[0][1] : amounts[0][2]]:
            return amounts[0][0]  # "一天15毫克", "10mg daily": the amount is the daily amount
        if (
            dose_words.tablet_word.search(prepared)
            and amounts
            and all(_a_count(prepared, a) for a in amounts)
        ):
            return DISAGREES  # "the little white ones, 2 a day": two tablets of a strength not said
        return _at_times_of_day(prepared, amounts, dose_words)
    if len(per_day - {1.0}) > 1 or tablet_count is None or len(strengths) > 1:
        return DISAGREES  # "twice a day ... three times a day"
    values = {value for value, _, _ in amounts} | strengths
    if len(values) != 1:
        return DISAGREES
    times = next(iter(per_day - {1.0}), 1.0)
    return next(iter(values)) * tablet_count * times


MOST_TABLETS_AT_ONCE = 4
"""A number without "mg" beside the tablets it could count is their count when no larger ("the
little white ones, 2 a day"); a larger one is an amount ("20 a day, the small tablets")."""


def _a_count(prepared: str, amount: tuple[float, int, int]) -> bool:
    value, start, end = amount
    return "mg" not in prepared[start:end] and value <= MOST_TABLETS_AT_ONCE


def _tablets_a_day(
    prepared: str, tablets: list[tuple[float, int, int]], dose_words: _DoseWords
) -> float | None:
    """How many tablets a dose is: one count ("two tablets"), or several each at a time of day of its
    own, before or after it ("早上4片晚上2片", "2 tablet morning, 1 tablet afternoon": 6 and 3); None
    when several counts disagree."""
    counts = {count for count, _, _ in tablets}
    if len(counts) <= 1 and len(tablets) <= 1:
        return next(iter(counts), 1.0)
    times = [(m.start(), m.end()) for m in dose_words.times_of_day.finditer(prepared)]
    if all(_at_a_time(start, end, times) for _, start, end in tablets):
        return sum(count for count, _, _ in tablets)
    return next(iter(counts)) if len(counts) == 1 else None


def _at_a_time(start: int, end: int, times: list[tuple[int, int]]) -> bool:
    return any(0 <= start - t_end <= 2 or 0 <= t_start - end <= MAX_GAP_TO_TIME for t_start, t_end in times)


def _amount_beside(prepared: str, daily: list[re.Match], unread) -> float | None:  # noqa: ANN001
    """The amount in mg said right after or before a word for "a day" ("每天8mg", "8mg daily") when
    it is the only amount said, else None."""
    days = [d for d in daily if _DAY.search(d.group(0))]  # not "every morning": a time of day
    amounts = [m for m in _AMOUNT.finditer(prepared) if unread(m.start(), m.end())]
    if len(amounts) != 1 or _DECIMAL_COMMA.search(prepared):
        return None  # "之前一天60毫克，现在减到40": which one is for the day is for the other readers
    said = amounts[0]
    beside = any(0 <= said.start() - d.end() <= 1 or 0 <= d.start() - said.end() <= 1 for d in days)
    return float(said.group(1)) if beside and "mg" in said.group(0) else None


def _total_said(prepared: str, language: str) -> float | None:
    """An amount in mg right after a word for the total (`total_markers`: 共, "in total"), when
    there is exactly one; else None."""
    found = []
    for marker in words(language).pattern("total_markers").finditer(prepared):
        rest = prepared[marker.end() :]
        amount = _AMOUNT.match(prepared, marker.end() + len(rest) - len(rest.lstrip()))
        if amount and "mg" in amount.group(0):
            found.append(float(amount.group(1)))
    return found[0] if len(found) == 1 else None


_DAY = re.compile(r"天|日|day|daily")
_DECIMAL_COMMA = re.compile(r"\d,\d")


MAX_TABLETS = 8
"""The most tablets one count at a time of day may be; a larger bare number is an amount."""


def _counts_at_times(prepared: str, dose_words: _DoseWords) -> list[tuple[float, int, int]]:
    """Bare small numbers right before a time of day ("2 in the morning", "1 at night"): counts of
    the tablets whose strength the answer names ("5mg tablets"), never amounts of their own."""
    times = [(m.start(), m.end()) for m in dose_words.times_of_day.finditer(prepared)]
    found = []
    for match in _AMOUNT.finditer(prepared):
        value = float(match.group(1))
        if "mg" in match.group(0) or value > MAX_TABLETS or (2 * value) != int(2 * value):
            continue
        if any(0 <= t_start - match.end() <= 1 for t_start, _ in times):
            found.append((value, match.start(), match.end()))
    return found


_CLOCK = re.compile(r"(?<![\d.])\d{1,2}(?::\d\d)?\s*(?P<half>am|pm)(?![a-z])")
"""A clock time ("4pm", "8:30 am"): read as its half of the day, a time of day like "morning"."""
_AMOUNT = re.compile(
    rf"(?<![a-z0-9.])({_DIGITS})\s*(?:mg)?(?![0-9.])"
    r"(?!\s*(?:years?|yrs?|months?|weeks?|wks?|days|hours?|hrs?|年|个月|周|天)(?![a-z]))"
)
"""An amount: not a length of time ("on it for about 10 years", "吃了3个月")."""


def _at_times_of_day(
    text: str, amounts: list[tuple[float, int, int]], dose_words: _DoseWords
) -> float | None:
    """Two or more amounts, each with a time of day of its own right before or after it ("15mg in
    the morning and 5mg at night", "早上15 晚上5"): their sum. Else None."""
    if len(amounts) < 2:
        return None
    times = [(m.start(), m.end()) for m in dose_words.times_of_day.finditer(text)]
    claimed: set[tuple[int, int]] = set()
    for _, start, end in amounts:
        near = [
            t
            for t in times
            if t not in claimed and (0 <= start - t[1] <= 2 or 0 <= t[0] - end <= MAX_GAP_TO_TIME)
        ]
        if not near:
            return None
        claimed.add(near[0])
    return sum(value for value, _, _ in amounts)


MAX_GAP_TO_TIME = 8
"""Characters between an amount and the time of day after it ("15mg in the morning": " in the ")."""

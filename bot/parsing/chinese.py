"""Chinese answers in the form the number, age and date readers read.

People type numbers in characters or mixed (七十六岁, 两万五, 7.2万, 五十多岁) and units and dates in
words (克/升, 三个月前, 上周二, 去年五月). `to_parser_form` turns such a text into the digits and
unit words the other readers already understand: numeral runs become digits with cn2an, 万 and 千
multiply, and the `rewrites` of bot/words/zh.yaml turn unit and date words into the forms the
English-side readers know ("岁" → "years old", "克/升" → "g/l"). `chinese_date` places the date
expressions that need the calendar (上周二, 去年五月, 三个月前), with its word tables in zh.yaml
`dates`. Nothing here is needed for an answer without a Chinese character.
"""

from __future__ import annotations

import calendar
import functools
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, timedelta
from typing import Any

from bot.text import written_language

NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万亿点壹贰叁肆伍陆柒捌玖拾佰仟"
"""Numerals, with the financial forms people copy from forms and receipts (陆拾贰 is 62)."""
_NUMERAL_RUN = re.compile(rf"[{NUMERAL_CHARS}]+")
_TIMES_TEN_THOUSAND = re.compile(r"(\d+(?:\.\d+)?)\s*([万千])")
_AND_A_DIGIT = re.compile(r"(\d+)\s*([万千])\s*(\d)(?![\d.])")
""""6万5" is 65 000 and "3千2" 3 200: the digit after 万 or 千 is the next place down."""
_MULTIPLIER = {"万": 10_000, "千": 1_000}


def is_chinese(text: str) -> bool:
    return written_language(text or "") == "zh"


@functools.cache
def _zh() -> Any:  # noqa: ANN401 - the Words of bot/words/zh.yaml
    from bot.parsing.words import words  # words.py imports text.py, which imports this module

    return words("zh")


def _numeral_value(run: str) -> str | None:
    import cn2an  # imported on first Chinese number: it loads its own tables

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # cn2an warns (and raises) on text it cannot read
        try:
            value = cn2an.cn2an(run.replace("两", "二"), "smart")
        except (ValueError, KeyError, IndexError, TypeError):
            return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


_TENS_AND_UNITS = re.compile(r"([十百])有([一二三四五六七八九])")


_YEAR_DIGITS = "零一二三四五六七八九〇"
# A lunar day said in characters (初八, 廿三) keeps them: numerals_to_digits leaves a lone numeral be.
_LUNAR_DIGITS = "〇一二三四五六七八九十"
"""A year said digit by digit (零九年, 九八年): 〇 is 零 (index 10 → 0)."""


def numerals_to_digits(text: str) -> str:
    """Chinese numeral runs as digits: 七十六岁 → 76岁, 两万五 → 25000, 三个月 → 3个月, 7.2万 → 72000.

    A run of one character counts only before a measure word (zh.yaml `numeral_units`: 一次, 三个月)
    or at the end of the text, and not after `numeral_not_after` (最近一次, 上一次), so 一直, 一起
    and "the latest time" stay words."""
    units = tuple(_zh().list("numeral_units"))
    not_after = tuple(_zh().list("numeral_not_after"))

    def replace(match: re.Match) -> str:
        run = match.group()
        after = text[match.end() :]
        if run in ("点", "千", "万", "百", "亿"):
            return run
        lone = len(run) == 1 and after and not after.startswith(units) and not after[:1].isdigit()
        if lone and not re.match(r"\s*[，。,.!！?？；;]", after):
            return run  # 一直, 一起: words; before a comma it is a number ("只有五，吓死我了")
        if len(run) == 1 and text[: match.start()].endswith(not_after):
            return run  # 最近一次, 上一次: "the latest time", not a count
        if len(run) == 2 and after.startswith("年") and all(ch in _YEAR_DIGITS for ch in run):
            return "".join(str(_YEAR_DIGITS.index(ch) % 10) for ch in run)  # 零九年 → 09年, not 9年
        digits = _numeral_value(run)
        if digits is None:
            return run
        before = text[match.start() - 1 : match.start()]
        return f" {digits}" if before.isascii() and before.isalpha() else digits  # "ABVD四个" is not "abvd4"

    text = _TENS_AND_UNITS.sub(r"\1\2", text)  # 七十有三: an old way to say 七十三
    text = _neighbours_as_ranges(text)  # 七八个月, 两三次, 五六十岁: about, never 78 or 23
    text = _NUMERAL_RUN.sub(replace, text)
    text = _AND_A_DIGIT.sub(
        lambda m: str(
            int(m.group(1)) * _MULTIPLIER[m.group(2)] + int(m.group(3)) * _MULTIPLIER[m.group(2)] // 10
        ),
        text,
    )
    return _TIMES_TEN_THOUSAND.sub(lambda m: _plain_number(float(m.group(1)) * _MULTIPLIER[m.group(2)]), text)


_SMALL = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NEIGHBOURS = re.compile(
    r"(?<![点.\d])(?:([二三四五六七八九])?(十))?([一二两三四五六七八])([二两三四五六七八九])(十)?(?=(.{0,3}))"
)
_YEARS_AGO = re.compile(r"年\s*(?:前|了|多|左右|之前|以前)")


def _neighbours_as_ranges(text: str) -> str:
    """Two neighbouring numerals said together are a rough number, not two digits: 七八个月 is
    seven or eight months (7到8), 两三次 two or three times, 五六十岁 fifty or sixty, 十七八岁
    seventeen or eighteen, 六十五六 sixty-five or sixty-six. A year said digit by digit (二三年五月:
    2023) is left to the year reader."""

    def spread(match: re.Match) -> str:
        tens_digit, tens, first, second, tens_after, after = match.groups()
        low, high = _SMALL[first], _SMALL[second]
        if low + 1 != high or after[:1] in ("百", "千", "万"):
            return match.group()  # 一九, 三五: not neighbours; 五六百 is left as it was
        if after.startswith("年") and first != "两" and not _YEARS_AGO.match(after):
            return match.group()  # 二三年五月 is 2023; 两三年前 is two or three years
        if tens:
            ten = 10 * (_SMALL[tens_digit] if tens_digit else 1)
            return f"{ten + low}到{ten + high}" + (tens_after or "")
        if tens_after:
            return f"{10 * low}到{10 * high}"
        return f"{low}到{high}"

    return _NEIGHBOURS.sub(spread, text)


def _plain_number(number: float) -> str:
    return str(int(number)) if number.is_integer() else f"{number:g}"


@functools.cache
def _rewrites() -> tuple[tuple[re.Pattern, str], ...]:
    return tuple(
        (re.compile(pattern), replacement) for pattern, replacement in _zh().raw.get("rewrites") or []
    )


def to_parser_form(text: str) -> str:
    """A Chinese answer with digits for numerals and the readers' unit and date words; any other
    text unchanged."""
    if not is_chinese(text):
        return text
    text = numerals_to_digits(text)
    for pattern, replacement in _rewrites():
        text = pattern.sub(replacement, text)
    return text


# ----- dates ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _DateWords:
    """zh.yaml `dates`, with the patterns built from it (once: the file does not change)."""

    tables: dict[str, dict[str, Any]]
    festival: re.Pattern
    lunar_day: re.Pattern
    offset: re.Pattern
    year_part: re.Pattern
    month_part: re.Pattern
    month_dot_day: re.Pattern
    full: re.Pattern
    named_year: re.Pattern
    month: re.Pattern
    month_day: re.Pattern
    month_then_day: re.Pattern
    week: re.Pattern
    bare_week: re.Pattern
    count: re.Pattern
    day: re.Pattern
    most_of: frozenset[str]
    """Words for most of a unit (大半年: about nine months), MOST_OF of it."""
    holiday_over: re.Pattern
    """Words right after a public holiday that say it was over (国庆过完, 五一放完假): the day after
    its `holiday_days`."""


def _alternatives(table: Any) -> str:  # noqa: ANN401 - a mapping or a list of words
    from bot.parsing.text import alternation  # text.py imports this module

    return alternation(table)


@functools.cache
def _date_words() -> _DateWords:
    raw = _zh().raw.get("dates") or {}
    keys = (
        "day_words", "year_words", "month_words", "month_parts", "week_words", "weekdays", "units",
        "year_parts", "lunar_festivals", "solar_festivals", "lunar_month_names", "holiday_days",
    )  # fmt: skip
    tables = {key: dict(raw.get(key) or {}) for key in keys}
    alt = {key: _alternatives(table) for key, table in tables.items()}
    ago, half = _alternatives(raw.get("ago") or []), _alternatives(raw.get("half") or [])
    most = _alternatives(raw.get("most_of") or [])
    festivals = _alternatives({**tables["lunar_festivals"], **tables["solar_festivals"]})
    lunar_digit = rf"[\d{_LUNAR_DIGITS}]"
    return _DateWords(
        tables=tables,
        # a year in four figures needs no 年 before a festival ("2024 中秋"); in two it does (24年中秋)
        festival=re.compile(
            rf"(?:(\d{{4}}(?=\s*年)|(?<!\d)\d{{2}}(?=\s*年)|(?<!\d)(?:19|20)\d{{2}})\s*年?|({alt['year_words']}))?\s*(?:的)?\s*({festivals})"
        ),
        lunar_day=re.compile(
            rf"(?:(\d{{2}}|\d{{4}})年|({alt['year_words']}))?的?"
            rf"(?:(?:{_alternatives(raw.get('lunar_markers') or [])})(\d{{1,2}})月"
            rf"|(?:{_alternatives(raw.get('lunar_markers') or [])})?({alt['lunar_month_names']})"
            rf"|(?<!\d)(\d{{1,2}})月(?=初{lunar_digit}|廿))"
            rf"(初{lunar_digit}{{1,2}}|廿{lunar_digit}?|\d{{1,2}}(?![\d月]))?"
        ),
        offset=re.compile(
            rf"^(?:那天|那日|那会儿?|的时候)?(?:({_alternatives(raw.get('offset_before') or [])})"
            rf"|({_alternatives(raw.get('offset_after') or [])}))(\d+|{half})?个?({alt['units']})"
        ),
        year_part=re.compile(rf"\s*(?:的)?\s*({alt['year_parts']})"),
        month_part=re.compile(rf"\s*({alt['month_parts']})"),
        month_dot_day=re.compile(r"^\D{0,6}?(?<![\d.])(\d{1,2})[./](\d{1,2})(?![\d./])"),
        full=re.compile(r"(\d{4}|\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?"),
        named_year=re.compile(rf"(\d{{4}}|(?<!\d)\d{{2}})\s*年(?!\s*[前后以之])|({alt['year_words']})"),
        month=re.compile(r"(\d{1,2})\s*月(?!前)"),
        month_day=re.compile(rf"({alt['month_words']})\s*(?:(\d{{1,2}})\s*[号日]|({alt['month_parts']}))"),
        # 上个月输过两次，最后一次是25号: the day said later in the sentence, in the month named
        month_then_day=re.compile(rf"({alt['month_words']})[^。.；;]{{1,15}}?(?<![\d.])(\d{{1,2}})\s*[号日]"),
        week=re.compile(rf"({alt['week_words']})\s*(?:周|星期|礼拜)\s*({alt['weekdays']})"),
        # a whole answer that is a weekday alone ("周一", "礼拜天输的"): the last one before today. Not
        # in a longer answer, where it may date another thing ("没有，周一做了心电图") or one to come
        bare_week=re.compile(
            rf"(?:就是|是|应该是|好像是|大概是|大概)?(?:周|星期|礼拜)({alt['weekdays']})"
            r"(?:那天|那次|的时候)?(?:输的|输了|打的|输过|做的|查的|的|吧|啊|呀|哦|左右)?"
        ),
        count=re.compile(
            rf"(\d+(?:\.\d+)?|{most}|{half})\s*个?\s*({half})?\s*多?\s*个?\s*({alt['units']})\s*({half})?\s*多?\s*(?:{ago})"
        ),
        day=re.compile(rf"(?<![目之以提])({alt['day_words']})"),  # 目前日期, 之前日期: no 前日
        most_of=frozenset(raw.get("most_of") or []),
        holiday_over=re.compile(rf"^(?:{_alternatives(raw.get('holiday_over') or [])})"),
    )


MOST_OF = 0.75
"""大半年 is most of a year: three quarters, between half a year and a whole one."""


def _months_back(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def chinese_date(text: str, today: date) -> date | None:
    """The date a Chinese answer names, or None when it names none this reader knows, or one no
    calendar has (10000年3月, 0年: a year, month or day out of range is no date).

    From zh.yaml `dates`: `day_words` (昨天: 1 day back), `year_words` (去年: 1 year back, with an
    optional month: 去年五月 → 15 May last year), `month_words` with a day or `month_parts`
    (上个月10号, 上个月中旬 → the 15th), `week_words` with `weekdays` (上周二: the Tuesday of last
    week), and `units` for "N units ago" (三个月前, 两周前, 半年前 with `half`)."""
    try:
        return _chinese_date(text, today)
    except ValueError:
        return None


def _chinese_date(text: str, today: date) -> date | None:
    if not is_chinese(text):
        return None
    from bot.parsing.text import clean  # text.py imports this module on first use

    text = clean(text)  # dialect and chat forms as Mandarin: 仨月前, 停咗两个月
    words = _date_words()
    tables = words.tables
    digits = _unspaced_digits(text)
    # 2015年前后 is "around 2015", never 2015 years ago
    digits = re.sub(r"(?<!\d)((?:19|20)\d{2})\s*年\s*前后", r"\1年左右", digits)
    lunar = next((m for m in words.lunar_day.finditer(digits) if m.group(3) or m.group(6)), None)
    if lunar:  # 腊月二十三, 农历七月初一, 大年初二, 十月初一
        day = _shifted(_lunar_day(lunar, today, tables), digits[lunar.end() :], words)
        if not _only_near(digits[lunar.end() :]):
            return day
        return _refined(day, digits[: lunar.start()] + "，" + digits[lunar.end() :], today)
    festival = words.festival.search(text.replace(" ", ""))  # before numerals: 八月十五 is a festival
    after = text.replace(" ", "")[festival.end() :] if festival else ""
    before = text.replace(" ", "")[: festival.start()] if festival else ""
    if festival and not festival.group(1):
        # and after them, for the year: 二〇二二年腊月
        in_digits = words.festival.search(digits)
        if in_digits:
            festival, after, before = in_digits, digits[in_digits.end() :], digits[: in_digits.start()]
    if festival:
        day = _festival_day(festival, today, tables)
        length = tables["holiday_days"].get(festival.group(3))
        if day is not None and length and words.holiday_over.match(after):
            return day + timedelta(days=int(length))  # 国庆节过完就停了: the 8th of October
        day = _shifted(day, numerals_to_digits(after), words)
        if not _only_near(after):
            return day
        return _refined(day, before + "，" + after, today)
    text = digits

    text = _since_said(text, words)  # 停了两个月: two months ago
    fulls = [_full_date(m, today) for m in words.full.finditer(text)]
    fulls += [_full_date(m, today) for m in _DOTTED_FULL.finditer(text.replace("/", ".").replace("-", "."))]
    if any(fulls):
        return max(day for day in fulls if day)  # the latest date named: the questions ask for the last
    years = list(words.named_year.finditer(text))
    if years:
        ends = [m.start() for m in years[1:]] + [len(text)]
        said = [
            _day_in_year(m, text[m.end() : end], today, words) for m, end in zip(years, ends, strict=True)
        ]
        days = [day for day in said if day]
        finer = {day.year for day in days if day != _year_only(day.year)}
        # 前年做的搭桥，二〇二四年三月: the month said for that year, not the year alone
        return max(
            (day for day in days if day.year not in finer or day != _year_only(day.year)), default=None
        )
    month_and_day = _MONTH_AND_DAY.search(text)
    if month_and_day:  # 11月20号: this year unless that is still to come
        return _this_or_last_year(today, int(month_and_day.group(1)), int(month_and_day.group(2)))
    dotted = words.month_dot_day.search(text)
    if dotted:  # 11.26: a month and day, this year unless that is still to come
        return _this_or_last_year(today, int(dotted.group(1)), int(dotted.group(2)))
    said_month = words.month_day.search(text) or words.month_then_day.search(text)
    if said_month:  # 上个月10号, 上个月中旬
        first = _months_back(today.replace(day=1), int(tables["month_words"][said_month.group(1)]))
        day = int(said_month.group(2) or tables["month_parts"][said_month.group(3)])
        try:
            return first.replace(day=day)
        except ValueError:
            return None
    week = words.week.search(text)
    if week:
        monday = today - timedelta(days=today.weekday(), weeks=int(tables["week_words"][week.group(1)]))
        return monday + timedelta(days=int(tables["weekdays"][week.group(2)]) - 1)
    bare = words.bare_week.fullmatch(re.sub(r"[\s，。,.!！~～]+", "", text))
    if bare:  # (today's weekday is last week's, as in English: "周四" said on a Thursday is a week ago)
        weekday = int(tables["weekdays"][bare.group(1)])
        return today - timedelta(days=(today.weekday() + 1 - weekday) % 7 or 7)
    count = words.count.search(text)
    if count and words.month.search(text):
        # 停了大半年了，大概五月份: the month named is the closer reading, left to the month readers
        return None
    if count:
        said = count.group(1)
        number = float(said) if said[0].isdigit() else MOST_OF if said in words.most_of else 0.5
        number += 0.5 if count.group(2) or count.group(4) else 0  # 一年半前, 一个半月前: and a half
        return _back(today, number, tables["units"][count.group(3)])
    said_day = words.day.search(text)
    if said_day:
        return today - timedelta(days=int(tables["day_words"][said_day.group(1)]))
    return None


_DOTTED_FULL = re.compile(r"(?<![\d.])(\d{4}|\d{2})\.(\d{1,2})\.(\d{1,2})(?![\d.])")
"""A year, month and day in figures with dots (slashes and dashes made dots), the Chinese order:
25.6.1, 2025/6/1."""


def _since_said(text: str, words: _DateWords) -> str:
    """ "停了两个月", "停咗两个月左右": the time since it stopped, said after the verb (zh.yaml
    `dates.since_words`), as "两个月前"."""
    since = _zh().raw.get("dates", {}).get("since_words") or []
    if not since:
        return text
    units = _alternatives(words.tables["units"])
    return re.sub(
        rf"(?:{_alternatives(since)})\s*((?:\d+(?:\.\d+)?|半)\s*个?\s*半?\s*多?\s*个?\s*(?:{units}))"
        rf"(?:左右|多)?(?![前后以之])",
        r"\1前",
        text,
    )


_MONTH_AND_DAY = re.compile(r"(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")


def _this_or_last_year(today: date, month: int, day: int) -> date | None:
    try:
        said_day = date(today.year, month, day)
    except ValueError:
        return None
    return said_day if said_day <= today else said_day.replace(year=today.year - 1)


def _said_year(digits: str, today: date) -> int:
    """A year in figures: 2025, or 25 (this century unless that is still to come: 98 is 1998)."""
    year = int(digits)
    if len(digits) == 2:
        year += 2000 if 2000 + year <= today.year else 1900
    return year


def _full_date(match: re.Match, today: date) -> date | None:
    try:
        return date(_said_year(match.group(1), today), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _year_only(year: int) -> date:
    """The day a year alone stands for (2021年 alone: 1 July, its middle)."""
    return date(year, 7, 1)


_DAY_AFTER_MONTH = re.compile(r"\s*(\d{1,2})\s*(?:[日号]|(?=$|[，,。.、；;\s]))")
"""A day right after a month (5月10号, 5月10): not "5月3个疗程"."""


def _day_in_year(year_match: re.Match, after: str, today: date, words: _DateWords) -> date | None:
    """The day a year names with what follows it: 去年五月 (the 15th), 去年年底 (zh.yaml
    `year_parts`), 去年这个时候 (a year ago today), 2021年 alone (1 July); 今年 alone is too vague."""
    tables = words.tables
    if year_match.group(1):
        year, back = _said_year(year_match.group(1), today), None
    else:
        back = int(tables["year_words"][year_match.group(2)])
        year = today.year - back
    part = words.year_part.match(after)
    if part:
        said = str(tables["year_parts"][part.group(1)])
        month, day = (today.month, today.day) if said == "today" else (int(n) for n in said.split("-"))
        try:
            return date(year, month, day)
        except ValueError:
            return date(year, month, 28)
    month = words.month.match(after.lstrip("的"))
    if month and 1 <= int(month.group(1)) <= 12:
        part = words.month_part.match(after.lstrip("的"), month.end())
        said_day = _DAY_AFTER_MONTH.match(after.lstrip("的"), month.end())
        if said_day and not part:  # 今年5月10号: that day, not the middle of the month
            try:
                return date(year, int(month.group(1)), int(said_day.group(1)))
            except ValueError:
                return None
        return date(year, int(month.group(1)), int(tables["month_parts"][part.group(1)]) if part else 15)
    if back == 0:
        return None  # 今年 alone: too vague
    return _year_only(year)


def _festival_day(match: re.Match, today: date, tables: dict[str, dict[str, Any]]) -> date | None:
    """春节, 中秋, 国庆 (zh.yaml `lunar_festivals`, `solar_festivals`): in the year said (去年春节,
    2025年中秋), else the most recent one. lunardate turns a lunar month and day into a date."""
    name = match.group(3)
    lunar = name in tables["lunar_festivals"]
    month, day = (
        int(n)
        for n in str((tables["lunar_festivals"] if lunar else tables["solar_festivals"])[name]).split("-")
    )

    def in_year(year: int) -> date | None:
        if lunar:
            return _lunar_to_solar(year, month, day)
        return date(year, month, day) if MINYEAR <= year <= MAXYEAR else None

    return _in_year_said(match, today, tables, in_year)


def _lunar_day(match: re.Match, today: date, tables: dict[str, dict[str, Any]]) -> date | None:
    """A day of the lunar calendar (lunardate converts it): in the year said (去年腊月二十三 is the
    twelfth month of last lunar year), else the most recent one. A month without a day is its 15th."""
    month = int(match.group(3) or match.group(5) or tables["lunar_month_names"][match.group(4)])
    said = (match.group(6) or "").lstrip("初")
    twenty = said.startswith("廿")  # 廿三: 23
    figures = "".join(c if c.isdigit() else str(_LUNAR_DIGITS.index(c)) for c in said.lstrip("廿"))
    day = 20 * twenty + int(figures or (0 if twenty else 15))
    if not (1 <= month <= 12 and 1 <= day <= 30):
        return None

    return _in_year_said(match, today, tables, lambda year: _lunar_to_solar(year, month, day))


def _unspaced_digits(text: str) -> str:
    """`text` with its numerals in digits and its spaces gone, except that a space between two
    figures stays a break ("六十四 62年农历八月十五": 64, then 62年, not a year 6462)."""
    return re.sub(r"(?<=\d) +(?=\d)", "，", numerals_to_digits(text)).replace(" ", "")


def lunar_birth_date(text: str, today: date) -> date | None:
    """The calendar date of a birthday said by the lunar calendar with its year (1951年农历腊月初三,
    58年腊月生的, 一九四七年农历五月初八), or None. A lunar year's last months fall in the next
    calendar year, so the age comes from the converted day."""
    if not is_chinese(text):
        return None
    words = _date_words()
    digits = _unspaced_digits(text)
    try:
        return next(
            (
                _lunar_day(match, today, words.tables)
                for match in words.lunar_day.finditer(digits)
                if match.group(1) and (match.group(3) or match.group(4) or match.group(5) or match.group(6))
            ),
            None,
        )
    except ValueError:  # 0年腊月: no calendar's year
        return None


def birthday_in_year(text: str, year: int, today: date) -> date | None:
    """A birthday said apart from its year ("我是59年的，腊月生的", "95年的，生日12月20号"): that
    month and day in `year`, converted when said by the lunar calendar (the first of a month said
    without its day); None when no month is said in a clause about the birth (`birth_words`: 生日,
    出生; "51年的 1月确诊" names no birthday)."""
    if not is_chinese(text):
        return None
    births = [str(w) for w in (_zh().raw.get("dates") or {}).get("birth_words") or []]
    clauses = [
        c for c in re.split(r"[,，。;；!！?？\s]+", _unspaced_digits(text)) if any(w in c for w in births)
    ]
    for clause in clauses:
        for match in _date_words().lunar_day.finditer(clause):
            if not (match.group(1) or match.group(2)) and (
                match.group(3) or match.group(4) or match.group(5)
            ):
                return lunar_birth_date(f"{year}年{match.group(0)}", today)
    solar = next((found for c in clauses if (found := _SOLAR_BIRTHDAY.search(c))), None)
    if solar is None:
        return None
    try:
        return date(year, int(solar.group(1)), int(solar.group(2) or 1))
    except ValueError:
        return None


_SOLAR_BIRTHDAY = re.compile(r"(?<![\d年])(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号])?")


def _lunar_to_solar(year: int, month: int, day: int) -> date | None:
    """A lunar month and day of `year` as a calendar date (lunardate); a 30th in a short month (除夕
    in a year whose twelfth month has 29 days) is its last day. None for a year lunardate has no
    table for (1900 to 2099): "六十四 62年农历八月十五" run together is no year 6462."""
    from lunardate import LunarDate  # imported on first use

    if not LUNAR_YEARS[0] <= year < LUNAR_YEARS[1]:
        return None
    try:
        return LunarDate(year, month, day).to_solar_date()
    except ValueError:
        return LunarDate(year, month, day - 1).to_solar_date()


LUNAR_YEARS = (1900, 2100)
"""The years lunardate's tables cover, first and one past the last."""


def _in_year_said(
    match: re.Match, today: date, tables: dict[str, dict[str, Any]], in_year: Callable[[int], date | None]
) -> date | None:
    """The day `in_year` gives for the year said before it (group 1 in figures, 2025年; group 2 a
    year word, 去年), else for the one year the rest of the answer names, else the most recent one
    that is not still to come."""
    if match.group(1) or match.group(2):
        return in_year(_year_named(match, today, tables))
    # "2019年搭的桥，那年国庆前后": the one year the rest of the answer names
    named = list(_date_words().named_year.finditer(match.string))
    if len({found.group(0) for found in named}) == 1:
        day = in_year(_year_named(named[0], today, tables))
        if day is not None and day <= today:
            return day
    this_year = in_year(today.year)
    return this_year if this_year is not None and this_year <= today else in_year(today.year - 1)


def _year_named(match: re.Match, today: date, tables: dict[str, dict[str, Any]]) -> int:
    """The year a match names: in figures (group 1: 2025年, 25年) or by a year word (group 2: 去年)."""
    if match.group(1):
        return _said_year(match.group(1), today)
    return today.year - int(tables["year_words"][match.group(2)])


REFINES_WITHIN_DAYS = 45
"""How near a festival a finer date said beside it must fall to be the day meant (五一节后停的，大概
五月十号左右: 10 May; 今年春节前，腊八那天: 腊八)."""


def _only_near(after: str) -> bool:
    """Whether the words right after a festival place the day only near it (五一节后, 春节前,
    过年那会儿: zh.yaml `dates.offset_before`, `offset_after`, `near`), so a date said beside it is
    the finer one; not when the festival is the day itself (腊月二十几, 腊八那天)."""
    raw = _zh().raw.get("dates") or {}
    near = [str(w) for key in ("offset_before", "offset_after", "near") for w in raw.get(key) or []]
    return any(after.lstrip(" 的节").startswith(word) for word in near)  # 五一节后: 五一 named


def _refined(day: date | None, rest: str, today: date) -> date | None:
    """The festival's (or lunar day's) `day`, or a date the rest of the answer names near it."""
    other = chinese_date(rest, today) if day is not None and is_chinese(rest) else None
    if other is not None and abs((other - day).days) <= REFINES_WITHIN_DAYS:
        return other
    return day


def _shifted(day: date | None, after: str, words: _DateWords) -> date | None:
    """The day named, moved by what follows it: 端午节前一个礼拜 (a week before), 国庆后头三天."""
    offset = words.offset.match(after)
    if day is None or offset is None:
        return day
    if offset.group(4) == "月" and offset.group(3) and "个" not in offset.group(0):
        return day  # "清明以后 四月中旬": 4月 is April; four months is 四个月
    said = offset.group(3)
    number = (float(said) if said[0].isdigit() else 0.5) if said else 1.0  # 前半个月; 前一个礼拜
    span = day - _back(day, number, words.tables["units"][offset.group(4)])
    return day - span if offset.group(1) else day + span


def _back(today: date, number: float, unit: str) -> date:
    if unit == "days":
        return today - timedelta(days=round(number))
    if unit == "weeks":
        return today - timedelta(days=round(number * 7))
    if unit == "months":
        whole = int(number)
        back = _months_back(today, whole)
        return back - timedelta(days=round((number - whole) * 30))
    whole_years = int(number)
    back = _months_back(today, whole_years * 12)
    return _months_back(back, round((number - whole_years) * 12))

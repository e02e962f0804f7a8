"""Ages: "47", "forty-seven", "I'm 47 years old", "I just turned 18", "18 next month", "born in 1971",
"born 2 March 1971".

- A birth date with day, month and year gives the exact age on `today` (read with dateparser; day
  first by default, see `dates.DEFAULT_DATE_ORDER`).
- A birth month and year ("born March 1971") is taken as the 1st of that month.
- A birth year alone ("born in 1971", or just "1971") cannot say whether this year's birthday has
  passed; we take it as passed from 1 July on: age = today.year - year, minus 1 before 1 July.
- "18 next month", "turning 18", "nearly 18", "18 in January", "18 on the 10th" mean 17 today; "just turned
  18" means 18. "59, 60 in January" is 59; "45 but I feel 90" is 45.
- "47 and a half" is 47; "18 months old" is 1.
Ages outside the fact's minimum/maximum (230, -3, born in 2030) are "age.out_of_range".
"""

from __future__ import annotations

import calendar
import dataclasses
import functools
import re
from datetime import date

from bot.facts import FactDefinition, whole_years_before
from bot.parsing import result
from bot.parsing.chinese import birthday_in_year, is_chinese, lunar_birth_date, numerals_to_digits
from bot.parsing.dates import DEFAULT_DATE_ORDER, calendar_date, full_year, short_years
from bot.parsing.day_month_order import both_readings, said_either_way
from bot.parsing.numbers import check_range, find_numbers, strip_date_noise
from bot.parsing.result import Parsed
from bot.parsing.text import FULL_STOP, alternation, blanked, numeric_text, plain, space_cjk
from bot.parsing.words import words as language_words
from bot.text import written_language

YEAR_ONLY_BIRTHDAY = (7, 1)
"""(month, day) from which a birth year alone counts this year's birthday as passed."""

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_FULL_DATE = re.compile(
    rf"\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{1,4}}"
    # a day of the month (not "66 july 1960": an age, then a month of birth)
    rf"|\b(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b,?\s+\d{{4}}"
    rf"|\b{_MONTH}\s+(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?,?\s+\d{{4}}"
)
_COMPACT_DATE = re.compile(r"(?<![\d.])((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?![\d.])")
"""A birth date written as eight figures, year first ("19550815")."""
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+((?:18|19|20)\d\d)\b")
_BORN = re.compile(r"\bborn\b")
_BORN_YEAR = re.compile(r"\bborn\b\D{0,12}?\b((?:18|19|20)\d\d)\b")
_YEAR_ONLY_ANSWER = re.compile(r"(?:in\s+)?((?:19|20)\d\d)")
_JUST_AN_AGE = re.compile(
    r"\s*(?:(?:i am|he is|she is|they are|age|aged|my age is)\s+)?\d{1,3}\s*(?:years?(?:\s+old)?)?\s*[.!]?\s*"
)
_ONE_OR_THE_NEXT = re.compile(r"\d+\s*(?:or|to|-|/|,|、|到|或|或者)\s*\d+")
"""Two ages said as one or the other ("65 or 66", 65到66)."""
_OPENING_AGE = re.compile(
    r"^\D{0,20}?\b(\d{1,3})\b(?!\s*(?:st|nd|rd|th|days?|weeks?|months?|years?\s+ago)\b)(?!\s*[/.:-]\s*\d)"
)
"""An age that opens the answer, beside a year of birth ("44, born 1982")."""
_AGE_THEN = re.compile(r"\s*(?:years?(?:\s+old)?\s+)?(?:when|at the time|back then|at diagnosis)\b")
_A_SPAN_OF_TIME = re.compile(r"\s*(?:days?|weeks?|wks?|months?|mths?)\b(?!\s+old)")
_DAY_OF_MONTH = re.compile(
    rf"(?:\b(?:the|on)\s+|\b{_MONTH}\s+)\d{{1,2}}(?:st|nd|rd|th)\b(?!\s*birthday)"
    rf"|(?<![\d.])\d{{1,2}}(?:st|nd|rd|th)(?=\s+(?:of\b|{_MONTH}))"
)
"""A day of the month ("his birthday is the 9th"): no age."""
_HALF = re.compile(r"\s+and\s+(?:a\s+half|1/2)\b|\s*1/2\b")
_MONTHS_OLD = re.compile(r"^\s*months?(?:\s+old)?\b")
_NOT_YET_AFTER = re.compile(
    rf"^\s*(?:years?(?:\s+old)?\s+)?(?:next\s+(?:week|wk|month|mth|mo|year|yr|{_MONTH}\b)|soon|shortly|tomorrow|"
    r"in\s+(?:a|an|\d+|a\s+couple\s+of|a\s+few|a\s+couple)\s+(?:days?|weeks?|wks?|months?)|"
    r"this\s+(?:coming\s+(?:week|month|year)|week|month))"
)
"""Words after an age that put the birthday ahead. Not "this year" alone: "72 this year" is said of
the age the year gives, as 今年72, most of the year through."""
_BIRTHDAY_COMING = re.compile(
    rf"^\s*(?:years?(?:\s+old)?)?\s*(?:in|on|come)\s+(?:the\s+)?"
    rf"(?:{_MONTH}\b|\d{{1,2}}(?:st|nd|rd|th)\b|boxing day|christmas|new year|easter)"
)
_GONE = re.compile(r"\s*(?:past|gone|just gone|just past|last|this year|that was)\b")
_PAST_BIRTHDAY = re.compile(r"\b(?:turned|was|became|were)\s*$")
_AT_AN_EVENT_BEFORE = re.compile(
    r"\b(?:diagnosed|diagnosis|transplant|transplanted|relapsed|retired)\s+"
    r"(?:at|aged|at age|at the age of)\s*$"
)
_AT_AN_EVENT_AFTER = re.compile(
    r"\s*(?:years?(?:\s+old)?\s+)?(?:at diagnosis|when diagnosed|at the time of diagnosis|at transplant"
    r"|when (?:he|she|i|they) (?:was|were) diagnosed)\b"
)
"""An age at an event ("56. Diagnosed at 54", "54 at diagnosis"): an age then, not now."""
_NOT_AN_AGE_BEFORE = re.compile(
    r"\b(?:feel|feels|feeling|look|looks|looking|act|acts)(?:\s+(?:like|about|around|more like))?\s*$"
)
_NOT_YET_BEFORE = re.compile(
    r"(?:turning|turn|will be|going to be|gonna be|almost|nearly|about to turn|soon to be|approaching)\s*$"
)


_BORN_SHORT_YEAR = re.compile(
    rf"(?i)(\b(?:born|dob|d\.o\.b\.?)\s*(?:in\s+|on\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?[\s-]+)?"
    rf"(?:{_MONTH}[\s-]+)?)(\d{{2}})\b(?!\s*(?:st|nd|rd|th|years?|yrs?|days?|weeks?|months?)\b)(?!\s*[/.:,-]?\s*\d)"
    rf"(?!\s*(?:of\s+)?{_MONTH})"  # "born on 15 June 1960": 15 is the day
)
"""A year of birth said by its last two figures ("38, born 88", "born 30th jan 65", "DOB 12-Jul-77")."""


def _with_full_year(match: re.Match, today: date) -> str:
    """The match of `_BORN_SHORT_YEAR` with its year in full (`full_year`)."""
    figures = match.lastindex or 0
    year = full_year(int(match.group(figures)), today)
    return match.group(0)[: match.start(figures) - match.start()] + str(year)


def _from_birth(fact: FactDefinition, born: date, today: date, said: str) -> Parsed:
    return check_range(fact, whole_years_before(born, today), said)


def _from_birth_year(fact: FactDefinition, year: int, today: date, said: str) -> Parsed:
    """The age from a birth year; with the birthday said apart from it ("95年的，生日12月20号",
    "1959, born in December") from that day, else this year's birthday counts as passed from
    YEAR_ONLY_BIRTHDAY unless the answer says it is still to come (`birthday_not_yet`:
    "七三年的，过几天才过生日")."""
    birthday = birthday_in_year(said, year, today) or _month_beside_a_year(said, year)
    if birthday is not None:
        if (birthday.month, birthday.day) == (today.month, 1) and _birthday_not_yet(said):
            # "80年生，生日3月份还没过" said in March: the birthday's day is still to come
            birthday = birthday.replace(day=calendar.monthrange(birthday.year, birthday.month)[1])
        return _from_birth(fact, birthday, today, said)
    passed = (today.month, today.day) >= YEAR_ONLY_BIRTHDAY and not _birthday_not_yet(said)
    return check_range(fact, today.year - year - (0 if passed else 1), said)


def _month_beside_a_year(said: str, year: int) -> date | None:
    """A birth month, and maybe its day, said apart from the year in a clause about the birth
    ("1959, born in December", "born '72, my birthday is March 3rd"): that day in `year` (the 1st
    of a month said alone). Not another event's month ("1951, last chemo in jan"). Chinese has its
    own (`chinese.birthday_in_year`): numeric_text writes 51年的 as "born 1951"."""
    if is_chinese(said):
        return None
    words = numeric_text(said, ordinals=True)
    clauses = [c for c in re.split(rf"[,;!?]|{FULL_STOP}", words) if _BIRTH_CLAUSE.search(c)]
    found = next((m for c in clauses if (m := _MONTH_AND_DAY.search(c))), None)
    if found is None:
        return None
    month = _MONTHS[(found.group("month") or found.group("month_first"))[:3]]
    day = found.group("day") or found.group("day_after") or 1
    try:
        return date(year, month, int(day))
    except ValueError:
        return None


_BIRTH_CLAUSE = re.compile(r"\b(?:born|birthday|bday|b'day|birth)\b")
_MONTH_AND_DAY = re.compile(
    rf"\b(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH.strip('()')})"
    rf"|(?P<month_first>{_MONTH.strip('()')})(?:\s+(?P<day_after>\d{{1,2}})(?:st|nd|rd|th)?)?)\b(?!\s*\d{{2,4}})"
)


def _birthday_not_yet(said: str) -> bool:
    """Whether the answer says this year's birthday is still to come (`birthday_not_yet`)."""
    return bool(language_words(written_language(said)).pattern("birthday_not_yet").search(plain(said)))


def parse_age(fact: FactDefinition, text: str, today: date, date_order: str | None = None) -> Parsed:
    """Read an age in whole years on `today`, from an age or a date or year of birth."""
    said = text
    text = short_years(text, today)  # "54, born in '72": 1972, no age of 72
    text = _BORN_SHORT_YEAR.sub(lambda m: _with_full_year(m, today), text)  # "38, born 88"
    lunar_birthday = lunar_birth_date(text, today)  # 1951年农历腊月初三: January 1952
    if lunar_birthday is not None:
        return _from_birth(fact, lunar_birthday, today, said)
    words = re.sub(r"(?<!\d),(?=\d)", ", ", numeric_text(text, ordinals=True))  # "女，38": 38 after a comma
    compact = _COMPACT_DATE.search(words)
    if compact:  # "19550815", as on an ID card
        try:
            return _from_birth(fact, date(*(int(part) for part in compact.groups())), today, said)
        except ValueError:
            return result.unclear(said, "number.missing")
    full_date = _FULL_DATE.search(words)
    if full_date:
        # the whole answer first ("born 3 Dec 1976"), then the date alone, when the rest names
        # another day ("3 Dec 1976, it's my birthday today", "7/4/1976, a 4th of July baby")
        whole = calendar_date(text, today, date_order)
        alone = calendar_date(full_date.group(0), today, date_order)
        # ... unless the rest moves it to another year ("1965年12月20号的生日，今年还没过": this year's
        # birthday, not a birth this year)
        born = whole if whole is not None and (alone is None or whole.year == alone.year) else alone
        if (date_order or DEFAULT_DATE_ORDER).startswith("D"):  # 1974/12/4 and 12/4 in Chinese are clear
            born = _either_way_round(full_date, text, words, today) or born
        if born is not None:
            return _from_birth(fact, born, today, said)
        return result.unclear(said, "number.missing")
    month_year = _MONTH_YEAR.search(words)
    if month_year:
        born = date(int(month_year.group(2)), _MONTHS[month_year.group(1)[:3]], 1)
        if born.month == today.month and _birthday_not_yet(said):
            # "born December 1997, the birthday's not been yet" (12月底的生日，还没过): not passed
            born = born.replace(day=calendar.monthrange(born.year, born.month)[1])
        return _from_birth(fact, born, today, said)
    born_year = _BORN_YEAR.search(words) or _YEAR_ONLY_ANSWER.fullmatch(words.strip(" .!"))
    if born_year:
        parsed = _from_birth_year(fact, int(born_year.group(1)), today, said)
        opening = _OPENING_AGE.match(words)
        if parsed.ok and opening and abs(int(opening.group(1)) - parsed.value) > 1:
            return result.unclear(said, "number.ambiguous")  # "44, born 75": one of them is a slip
        return parsed
    # 四十出头: the words before the rewrites for measurements ("over 40"), which an age reads as its decade
    decade = _decade_said(words) or (
        _decade_said(space_cjk(numerals_to_digits(text))) if is_chinese(text) else None
    )
    if decade is not None:  # "in her early sixties", 五十多岁: the middle, the ends as alternatives
        low, high = decade
        exact = {
            int(m.number)
            for m in find_numbers(strip_date_noise(_HALF.sub("", words)))
            if low <= m.number <= high and m.number % 10  # not the decade's own figure (60s, 五十多)
        }
        if len(exact) == 1:  # "mid forties, 44 I think": the age said within it
            return check_range(fact, exact.pop(), said)
        parsed = check_range(fact, (low + high) // 2, said)
        return dataclasses.replace(parsed, alternatives=(low, high)) if parsed.ok else parsed
    unblanked = _HALF.sub("", words)
    words = strip_date_noise(unblanked)
    words = blanked(words, _DAY_OF_MONTH.finditer(words))  # (the words before the day go too: no number)
    mentions = find_numbers(words)
    if len(mentions) == 1 and _a_birth_year(mentions[0].number, today):
        return _from_birth_year(fact, int(mentions[0].number), today, said)  # "old enough lol. 1961"
    ages: list[int] = []
    for mention in mentions:
        if _NOT_AN_AGE_BEFORE.search(words[: mention.start]):
            continue  # "45 but I feel 90"
        if _A_SPAN_OF_TIME.match(unblanked[mention.end :]):
            continue  # "32 in 2 weeks": no age of 2
        if _PAST_BIRTHDAY.search(words[: mention.start]) and _AGE_THEN.match(unblanked[mention.end :]):
            continue  # "I was 50 when they found the lump": an age then, not now
        if _AT_AN_EVENT_BEFORE.search(words[: mention.start]) or _AT_AN_EVENT_AFTER.match(
            unblanked[mention.end :]
        ):
            continue  # "56. Diagnosed at 54"
        if mention.inexact:
            return result.unclear(said, "number.inexact")
        age = _age_of(mention.number, words[: mention.start], unblanked[mention.end :])
        if age not in ages:
            ages.append(age)
    if not ages:
        return result.unclear(said, "number.missing")
    if len(ages) == 2 and abs(ages[0] - ages[1]) == 1 and _ONE_OR_THE_NEXT.search(words):
        # "65 or 66", 六十五六, "65、66岁吧": the younger, both kept for the study team
        parsed = check_range(fact, min(ages), said)
        return dataclasses.replace(parsed, alternatives=tuple(sorted(ages))) if parsed.ok else parsed
    if len(ages) > 1:
        return result.unclear(said, "number.ambiguous")
    parsed = check_range(fact, ages[0], said)
    mention = find_numbers(words)[0]
    if parsed.ok and _birthday_soon(words[: mention.start], unblanked[mention.end :]):
        # "turning 18 next week": 17 today, but 18 by the time a consent form is signed.
        return dataclasses.replace(parsed, alternatives=(parsed.value + 1,))
    if parsed.ok and _JUST_AN_AGE.fullmatch(numeric_text(said)):
        return dataclasses.replace(parsed, sure=True)  # "76": beyond doubt
    return parsed


def _a_birth_year(number: float, today: date) -> bool:
    """A number no one's age can be, but a year this century or the last: the year of birth."""
    return number == int(number) and 1900 <= number <= today.year


def _decade_said(words: str) -> tuple[int, int] | None:
    """The ages a decade said covers, from the language's `ages` words: "early 60s", "in his
    sixties", "60 something", 五十多, 六十好几 (numbers already digits); None when none is said."""
    patterns = _decade_patterns(written_language(words))
    if patterns is None:
        return None
    before, after, decades, parts, endings = patterns
    found = before.search(words)
    if found and (_BORN.search(words) or re.search(r"\bthe\s*$", words[: found.start()])):
        return None  # "born in the 60s": a decade of the calendar, not of age
    if found:
        tens = int(found.group("tens")) * 10 if found.group("tens") else decades[found.group("word")]
        low, high = parts.get(found.group("part") or "", (0, 9))
        return tens + low, tens + high
    found = after.search(words)
    if found:
        low, high = endings[" ".join(found.group("ending").split())]
        tens = int(found.group("tens")) * 10
        return tens + low, tens + high
    return None


@functools.cache
def _decade_patterns(language: str) -> tuple[re.Pattern, re.Pattern, dict, dict, dict] | None:
    table = language_words(language).raw.get("ages") or {}
    decades = {str(k): int(v) for k, v in (table.get("decades") or {}).items()}
    parts = {str(k): tuple(v) for k, v in (table.get("decade_parts") or {}).items()}
    endings = {
        " ".join(space_cjk(str(k)).split()): tuple(v) for k, v in (table.get("decade_endings") or {}).items()
    }
    if not (decades or parts or endings):
        return None
    part = alternation(parts) if parts else "(?!x)x"
    word = alternation(decades) if decades else "(?!x)x"
    before = re.compile(rf"\b(?:(?P<part>{part})[\s-]*)?(?:(?P<tens>[1-9])0s|(?P<word>{word}))\b")
    ending = alternation(endings) if endings else "(?!x)x"
    after = re.compile(rf"(?<!\d)(?P<tens>[1-9])0\s*(?P<ending>{ending})")
    return before, after, decades, parts, endings


def _birthday_soon(before: str, after: str) -> bool:
    """ "Turning 18 next week", "77 on the 10th", "60 in January": the birthday is still to come."""
    if _NOT_YET_AFTER.match(after) or _NOT_YET_BEFORE.search(before):
        return True
    coming = _BIRTHDAY_COMING.match(after)
    if coming is None or _PAST_BIRTHDAY.search(before):
        return False
    return not _GONE.match(after[coming.end() :])  # "78 in March past": the birthday has been


def _either_way_round(full_date: re.Match, text: str, words: str, today: date) -> date | None:
    """Of a birth date in figures either way round whose readings differ in age, the one a month in
    words or a format named ("aussie date, so July") or the one age said beside it ("born 4/12/74,
    so 52"; "70 tomorrow" is 69) says; else None, and it is read in the language's order."""
    either = both_readings(full_date.group(0), today)
    if not either or whole_years_before(either[0], today) == whole_years_before(either[1], today):
        return None
    named = said_either_way(text, either)
    if named is not None:
        return named
    said = {
        _age_of(int(number.group()), words[: number.start()], words[number.end() :])
        for number in re.finditer(r"(?<![\d/.])\d{1,3}(?![\d/.])", words)
        if not full_date.start() <= number.start() < full_date.end()
    }
    fitting = [day for day in either if whole_years_before(day, today) in said]
    return fitting[0] if len(fitting) == 1 else None


def _age_of(number: float, before: str, after: str) -> int:
    """Whole years today, from a number and the words around it ("18 next month" → 17)."""
    if _MONTHS_OLD.match(after):
        return int(number // 12)
    age = int(number // 1)
    if _birthday_soon(before, after):
        age -= 1
    return age

"""How long something took, for a yes/no question about a time limit ("did it come back within
12 months?"): "about 8 months after" is yes, "eighteen months later", "一年多" and "in remission June
2024, back in February 2026" are no, and "about a year" is asked again.

A fact opts in with `within_months` in facts.yaml. Each language's words (units, "and a half",
"more than", "不到", "左右") are its `durations` section in bot/words/<language>.yaml; numbers are
already digits (`numeric_text`, cn2an).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from bot.parsing.chinese import to_parser_form
from bot.parsing.text import alternation, numeric_text
from bot.parsing.words import words
from bot.text import written_language


@dataclass(frozen=True)
class _DurationWords:
    duration: re.Pattern
    units: dict[str, float]  # unit word → months
    more: re.Pattern
    less: re.Pattern
    about: re.Pattern
    nearly: re.Pattern
    just_over: re.Pattern
    more_within_a_step: re.Pattern  # 一年多, 半年多: over, and under the next step (two years, a year)
    month_year: re.Pattern
    months: dict[str, int]


def _any(phrases: object) -> str:
    return alternation(phrases or ())  # type: ignore[arg-type]


@functools.cache
def _duration_words(language: str) -> _DurationWords | None:
    section = words(language).raw.get("durations")
    if not section:
        return None
    units = {str(k): float(v) for k, v in (section.get("units") or {}).items()}
    one = _any(section.get("one") or [])
    half_before = _any(section.get("half_before") or [])
    half_after = _any(section.get("half_after") or [])
    duration = re.compile(
        rf"(?P<half_before>{half_before})?\s*(?P<n>\d+(?:\.\d+)?|{one})?\s*(?P<unit>{_any(units)})"
        rf"(?![a-z])\s*(?P<half_after>{half_after})?"
    )
    # month names are English in either language: the Chinese readers write 2025年6月 as "june 2025"
    english = words("en").raw.get("durations") or {}
    months = {str(k): int(v) for k, v in (english.get("month_names") or {}).items()}
    return _DurationWords(
        duration=duration,
        units=units,
        more=re.compile(
            rf"(?:{_any(section.get('more_before'))})\s*$|^\s*(?:{_any(section.get('more_after'))})"
        ),
        less=re.compile(
            rf"(?:{_any(section.get('less_before'))})\s*$|^\s*(?:{_any(section.get('less_after'))})"
        ),
        about=re.compile(_any(section.get("about"))),
        nearly=re.compile(rf"(?:{_any(section.get('nearly'))})\s*$"),
        just_over=re.compile(rf"(?:{_any(section.get('just_over'))})\s*$"),
        more_within_a_step=re.compile(rf"^(?:{_any(section.get('more_within_a_step'))})(?!\S*(?:以上|不止))")
        if section.get("more_within_a_step")
        else re.compile(r"(?!)"),
        month_year=re.compile(
            rf"(?<![a-z])({_any(months)})[a-z]*\s*,?\s*((?:19|20)\d\d)|((?:19|20)\d\d)\s*年\s*(\d{{1,2}})\s*月"
        ),
        months=months,
    )


@dataclass(frozen=True)
class Duration:
    """A length of time said: months, and how: "<" (under: at most), "<~" (nearly: just under), ">" (over:
    at least), ">~" (just over), "~" (about) or "=" (as said). `under`: for an over said with a bound
    (一年多 is over a year and under two, 半年多 over six months and under a year), the bound."""

    months: float
    said: str
    under: float | None = None


def said_durations(text: str) -> list[Duration]:
    """Every length of time in `text`, in months, with its comparator; two month-and-year dates
    ("remission June 2024, back in February 2026") count as the time between them."""
    language = written_language(text)
    duration_words = _duration_words(language)
    if duration_words is None:
        return []
    prepared = to_parser_form(text) if language == "zh" else numeric_text(text)
    if language == "zh":
        # 两个多月 is 两个月多: the 多 that counts part of the next month sits inside the unit
        prepared = prepared.replace(" ", "").replace("个多月", "个月多")
    found: list[Duration] = []
    last_end = 0
    for match in duration_words.duration.finditer(prepared):
        if not (match.group("n") or match.group("half_before")):
            continue  # "months later" names no length
        number = match.group("n")
        months = float(number) if number and number[0].isdigit() else 1.0
        months *= duration_words.units[match.group("unit")]
        if match.group("half_before"):
            months = months / 2 if not number else months + duration_words.units[match.group("unit")] / 2
        if match.group("half_after"):
            months += duration_words.units[match.group("unit")] / 2
        before, after = prepared[: match.start()], prepared[match.end() :]
        if duration_words.nearly.search(before):
            said = "<~"
        elif duration_words.just_over.search(before):
            said = ">~"
        elif _longer(duration_words.less, duration_words.more, before, after):
            said = "<"  # the longer phrase decides: "not within a year" is over, "within" under
        elif _longer(duration_words.more, duration_words.less, before, after):
            said = ">"
        elif duration_words.about.search(prepared):
            said = "~"
        else:
            said = "="
        under = None
        if said == ">" and duration_words.more_within_a_step.search(after):
            # the step is the unit counted, or half of it for 半年多
            step = duration_words.units[match.group("unit")] / (
                2 if match.group("half_before") and not number else 1
            )
            under = months + step
        joined = found and _JOINED.fullmatch(prepared[last_end : match.start()])
        if joined and found[-1].said == said and said in ("=", "~"):
            # 一年零三个月, "a year and 3 months"; 差不多一年零两个月: about fourteen months
            found[-1] = Duration(found[-1].months + months, said)
        else:
            found.append(Duration(months, said, under))
        last_end = match.end()
    if not found:
        dates = [
            (int(m.group(2)), duration_words.months[m.group(1)])
            if m.group(1)
            else (int(m.group(3)), int(m.group(4)))
            for m in duration_words.month_year.finditer(prepared)
        ]
        if len(dates) == 2:
            (year1, month1), (year2, month2) = dates
            found.append(Duration(float(abs((year2 * 12 + month2) - (year1 * 12 + month1))), "="))
    return found


def _said_length(pattern: re.Pattern, before: str, after: str) -> int:
    match = pattern.search(before) or pattern.match(after)
    return len(match.group().strip()) if match else 0


def _longer(this: re.Pattern, other: re.Pattern, before: str, after: str) -> bool:
    length = _said_length(this, before, after)
    return length > 0 and length > _said_length(other, before, after)


_JOINED = re.compile(r"\s*(?:零|又|and|,|，)?\s*")
"""What joins the parts of one length of time ("1年零3个月", "a year and 3 months")."""


def within(durations: list[Duration], limit_months: float) -> bool | None:
    """Whether the lengths said (`said_durations`) are within `limit_months`: True, False, or None
    when they disagree or are too close to the limit to tell ("about a year")."""
    verdicts = set()
    for duration in durations:
        months, said = duration.months, duration.said
        if said == "~" and abs(months - limit_months) < 1:
            continue  # "about a year": too close to call on its own ("around 11 months" is the
            # person's best estimate, under the year; the study team checks the dates)
        if said in ("<", "<~") and months <= limit_months:
            verdicts.add(True)  # "under a year", "just under a year"
        elif said in (">", ">~") and months >= limit_months:
            verdicts.add(False)  # "more than a year", "just over a year"
        elif said == ">" and duration.under is not None and duration.under <= limit_months:
            verdicts.add(True)  # 半年多: over six months, under a year
        elif said in ("=", "~", "<~", ">~") and months != limit_months:
            verdicts.add(months < limit_months)  # "nearly three years", "about 8 months"
        # "less than 2 years" and "more than 6 months" do not settle it
    return verdicts.pop() if len(verdicts) == 1 else None

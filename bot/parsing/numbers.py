"""Numbers with units: lab values, doses, counts.

A number may be written in digits ("72", "7.2", "72,000", "72 000", "8,5"), with a "k" or "thousand"
multiplier ("72k", "72 thousand"), or in words ("seventy-six"; see `text.words_to_digits`). Units are
matched against the fact's registry `unit` and `units` keys, spelled in any common way ("per
microlitre", "×10⁹/L", "x 10^9 per litre", "grams per decilitre", "umol/l"...), and converted with
the registry's factor (multiply to get the canonical unit).

A number given without a unit is read in the canonical unit, except where `BARE_NUMBER_RULES`
says otherwise: people quote platelets per µL ("72000"), haemoglobin in g/dL ("8.5") and so on.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from dataclasses import dataclass
from datetime import date, timedelta

from bot.facts import FactDefinition
from bot.parsing import result
from bot.parsing.booleans import parse_boolean, statements
from bot.parsing.chinese import to_parser_form
from bot.parsing.dated_values import latest_of_dated_values
from bot.parsing.doses import daily_dose, in_cycles, is_per_day
from bot.parsing.pinyin import homophones_corrected
from bot.parsing.result import Parsed
from bot.parsing.text import (
    FULL_STOP,
    blanked,
    clean,
    misspellings_corrected,
    numeric_text,
    phrase_pattern,
    plain,
    space_cjk,
)
from bot.parsing.words import Words, now_and_before, without_future_clauses, words
from bot.text import written_language


@dataclass(frozen=True)
class BareNumberRule:
    """How to read a number said without a unit: in `unit` when it is `at_least` or `below` a bound."""

    unit: str
    at_least: float | None = None
    below: float | None = None

    def applies(self, number: float) -> bool:
        """Whether a bare `number` is taken to be in `unit`."""
        if self.at_least is not None and number < self.at_least:
            return False
        return not (self.below is not None and number >= self.below)


BARE_NUMBER_RULES: dict[str, BareNumberRule] = {
    # "72000" is per µL (72 ×10⁹/L): no one has 1000 ×10⁹/L platelets.
    "platelet_count": BareNumberRule(unit="/uL", at_least=1000),
    # "8.5" is g/dL (85 g/L): below 25 g/L no one is alive to ask, while 25 g/dL is impossibly high.
    "haemoglobin": BareNumberRule(unit="g/dL", below=25),
    # "500" is cells/µL (0.5 ×10⁹/L): 50 ×10⁹/L T cells is beyond any plausible count.
    "cd3_count": BareNumberRule(unit="cells/uL", at_least=50),
    # "1.2" is mg/dL (106 µmol/L): below 20 µmol/L is implausible, while 20 mg/dL is extreme.
    "creatinine": BareNumberRule(unit="mg/dL", below=20),
    # "0.61" is a fraction (61 %), as echo reports in China print it: no heart pumps out under 1 %.
    "ejection_fraction": BareNumberRule(unit="fraction", below=1),
}
"""Per fact: the unit a number said without one is assumed to be in. Each `unit` is a key of the
fact's registry `units` (a test checks this), so the conversion factor stays in bot/facts.yaml."""

SAID_UNIT_MINIMUM: dict[str, dict[str, float]] = {"platelet_count": {"/uL": 1000}}
"""Per fact and registry unit: numbers below this, said in this unit, are implausible as written
("72 per µL" would be 0.072 ×10⁹/L). The person almost surely meant thousands, but we ask rather than
guess: "number.unit_mismatch"."""

EXTRA_UNIT_SPELLINGS: dict[str, dict[str, str]] = {
    "daily_steroid_dose": {
        "mg": "mg/day (prednisone)",
        "mg/day": "mg/day (prednisone)",
        "mg/d": "mg/day (prednisone)",
        "mg daily": "mg/day (prednisone)",
    },
    "cd3_count": {"cells": "cells/uL"},
}
"""Per fact: more ways to say a registry unit than `unit_key` derives (spelling → registry unit)."""

COUNT_WORDS = {str(word): str(count) for word, count in (words().raw.get("count_words") or {}).items()}
"""Words for small counts (bot/words/en.yaml `count_words`), read only for integer facts without a
unit (e.g. number of relapses)."""


@functools.cache
def _count_phrases(language: str) -> dict[str, str]:
    """Phrases naming a count that the numeral reader leaves as words (bot/words/<language>.yaml
    `count_phrases`: 就那一次, "just that once"), in the form numeric_text writes, longest first."""
    said = words(language).raw.get("count_phrases") or {}
    return {space_cjk(str(w)): str(said[w]) for w in sorted(said, key=lambda w: -len(str(w)))}


GENERIC_UNITS: tuple[str, ...] = (
    "10^9/l", "10^3/ul", "10^12/l", "10^6/ul", "/ul", "cells/ul", "k/ul", "g/l", "g/dl", "mg/dl",
    "mmol/l", "umol/l", "%", "mg", "ug", "mcg", "kg", "ml", "iu/l", "u/l",
)  # fmt: skip
"""Unit keys we recognise whatever the fact: one of these after a number, when the fact cannot be
given in it, makes the answer unclear ("number.wrong_unit") instead of being ignored."""

# ----- unit spellings -------------------------------------------------------------------------------
_UNIT_REWRITES: list[tuple[re.Pattern, str]] = [
    (re.compile(pattern), replacement)
    for pattern, replacement in [
        (r"\bper\s*cent\b|\bpercent(?:age)?\b", "%"),
        (r"\bmicro\s*lit(?:re|er)s?\b|\bmcl\b", "ul"),
        (r"\bcubic\s*millimet(?:re|er)s?\b|\bcu\.?\s*mm\b|\bmm\^?3\b", "ul"),  # 1 mm³ = 1 µL
        (r"\bdeci\s*lit(?:re|er)s?\b", "dl"),
        (r"\blit(?:re|er)s?\b", "l"),
        (r"\bmilli\s*grams?\b|\bmgs\b", "mg"),
        (r"\bgrams?\b|\bgms?\b", "g"),
        (r"\bmicro\s*mol(?:e)?s?\b", "umol"),
        (r"\bmilli\s*mol(?:e)?s?\b", "mmol"),
        (r"\bcells?\b", "cells"),
        (r"\bper\b", "/"),
        (r"\s*/\s*", "/"),
        (
            r"(?<![a-z])(?:[x*]|times)\s*10\s*(?:\^|e|\*\*|to\s+the(?:\s+power)?(?:\s+of)?)\s*(\d+)(?:th)?\b",
            r" 10^\1",
        ),
        (r"(?<![\d.])10\s*(?:\^|e|\*\*)\s*(\d+)", r"10^\1"),
    ]
]


def spell_units(text: str) -> str:
    """Rewrite unit spellings in clean text into compact keys: "per microlitre" → "/ul",
    "x 10^9 per litre" → " 10^9/l", "grams per decilitre" → "g/dl", "percent" → "%"."""
    for pattern, replacement in _UNIT_REWRITES:
        text = pattern.sub(replacement, text)
    return text


def unit_key(unit: str) -> str:
    """The compact, case-insensitive key of a unit name: "×10⁹/L" → "10^9/l", "µmol/L" → "umol/l"."""
    return re.sub(r"\s+", "", spell_units(clean(unit)))


@functools.cache
def _unit_table(fact_id: str, canonical: str | None, others: tuple[str, ...]) -> dict[str, str]:
    table: dict[str, str] = {}
    if canonical:
        table[unit_key(canonical)] = canonical
    for name in others:
        table.setdefault(unit_key(name), name)
    for spelling, name in EXTRA_UNIT_SPELLINGS.get(fact_id, {}).items():
        table.setdefault(unit_key(spelling), name)
    return table


def fact_units(fact: FactDefinition) -> dict[str, str]:
    """Unit key → registry unit name, for every unit this fact can be given in."""
    return _unit_table(fact.id, fact.unit, tuple(fact.units))


def _unit_regex(keys: tuple[str, ...]) -> re.Pattern:
    body = "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
    return re.compile(rf"\s*({body})(?![a-z0-9])")


_unit_regex_cached = functools.lru_cache(maxsize=None)(_unit_regex)
_GENERIC_UNIT_RE = _unit_regex(GENERIC_UNITS)
MULTIPLIERS = {
    "k": 1_000,
    "thousand": 1_000,
    "lakh": 100_000,
    "lakhs": 100_000,
    "lac": 100_000,
    "million": 1_000_000,
}
"""Words after a number that multiply it: "72k", "72 thousand", "1.5 lakh" (Indian usage: 150,000)."""
_MULTIPLIER = re.compile(r"\s*(" + "|".join(MULTIPLIERS) + r")(?![a-z0-9])")

# ----- numbers in text ------------------------------------------------------------------------------
_NUMBER = re.compile(
    r"""
    (?<![\w.,^/])
    (?P<sign>-)?
    (?P<digits>
        \d{1,3}(?:,\d{3})+(?:\.\d+)?    # 72,000 and 1,234.5
      | \d{1,3}(?:[ ]\d{3})+(?![\d.,])  # 72 000
      | \d+,\d{1,2}(?![\d])             # 8,5 (decimal comma)
      | \d+(?:\.\d+)?                   # 72 and 7.2
      | \.\d+                           # .5
    )
    (?![\d^]|\.\d|,\d|'?s\b)     # not a decade ("in my 40s")
    """,
    re.VERBOSE,
)
# "up to 65" is a bound; "it's up to 65 now", "from 110 up to 160", "put it up to 20" a rise
_COMPARATOR = re.compile(
    r"(?:less than|lower than|fewer than|under|below|more than|greater than|higher than|over|above|"
    r"at least|at most|(?<!\bis )(?<!\bwas )(?<!went )(?<!gone )(?<!came )(?<!come )(?<!back )"
    r"(?<!\bnow )(?<!\bits )(?<!bumped it )(?<!\bput it )(?<!bumped )(?<!\d )(?<!\d)up to"
    r"|no more than|no less than|<=|>=|<|>|≤|≥)"
    r"\s*(?:about\s+|around\s+)?$"
)
_MONTH = (  # without "may", which is more often the verb
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_DATE_NOISE = [
    re.compile(pattern)
    for pattern in [
        r"\b\d+\s*(?:days?|weeks?|months?|years?|hours?|hrs?)\s+(?:ago|back|before|earlier)\b",
        r"\b\d{4}-\d{1,2}-\d{1,2}\b",
        r"(?<![\d.,])\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b",
        rf"(?<![\d.,])\b(?:on\s+)?(?:the\s+)?{_DAY}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b(?:\s+\d{{4}})?",
        rf"\b{_MONTH}\s+{_DAY}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?",
        rf"\b(?:in|of|since|from)\s+(?:(?:{_MONTH}|may)\s+)?(?:19|20)\d{{2}}\b",
        # "EF 45% (echo 2025)", "creat 1.2 (2024)": a year that dates a test
        rf"\b(?:echo|scan|test|letter|report|mri|ecg|ekg|muga|checked|done|dated|taken)\s+(?:(?:{_MONTH}|may)\s+)?(?:19|20)\d{{2}}\b",
        r"\(\s*(?:19|20)\d{2}\s*\)",
        # a year and month ("2次（2025.01，2026.09）", "79岁（1947.06）"), a cycle or remission by number
        r"(?<![\d.])(?:19|20)\d{2}[./]\d{1,2}(?![\d.])",
        r"(?<![\d.,/])(?:0?[1-9]|1[0-2])[./](?:19|20)\d{2}(?!\d|\.\d)",  # "since 04.2025.", "(11/2026)"
        # a month and day said before the test ("11.30查的", "12/1 测的")
        r"(?<![\d.,/])(?:0?[1-9]|1[0-2])[./-](?:[12]\d|3[01]|0?[1-9])\s*(?:号|日)?\s*(?=查|测|抽|做|复查|验)",
        r"\b(?:cr[12]|c\d{1,2}|cycle\s+\d{1,2})\b(?!\s*[-–.,]\s*\d)",
        # a day counted from a transplant or treatment ("0.4 at day 100", "day +30") dates a value
        # (not "per day 3 tablets": a day counted from something is 7 or more, or said with +)
        r"(?<!per )(?<!a )(?<!each )(?<!every )\b(?:day\s*(?:\+\s*\d{1,3}|[7-9]|\d{2,3})|d\s*\+\s*\d{1,3})\b"
        r"(?!\s*(?:tablets?|pills?|doses?|times?|x)\b)(?!\s*[-–.,]\s*\d)",
        # a stage, grade or class is no value: "1.9, she's got stage 4 kidney disease", "CKD 3期"
        r"\b(?:stage|grade|class|type|phase|nyha|ckd)\s*(?:[ivx]+|\d+)[ab]?\b",
        r"\d+\s*[ab]?\s*(?:期(?!\s*间)|级)",
        # an echo's or scan's dimensions ("2D echo", "3D CT") are no value
        r"\b[234]\s*-?\s*d\b(?=\s*(?:echo|ct|scan|mri|ultrasound|us|imaging|strain|tte|stress))",
        rf"\b(?:on\s+)?the\s+{_DAY}(?:st|nd|rd|th)\s+of\s+(?:this|next|last|the)\s+month\b",
        rf"\bon\s+the\s+{_DAY}(?:st|nd|rd|th)\b",
        r"\b(?:on|from|dated|since|by|as of|checked|tested|taken|done|last|check|test|result|results|labs"
        r"|bloods)"
        r"\s+\d{1,2}/\d{1,2}(?![/\d])",
    ]
]


@dataclass(frozen=True)
class NumberMention:
    """One number found in text: its value, where it is, and whether a comparator came before it."""

    number: float
    start: int
    end: int
    inexact: bool


def _to_float(digits: str) -> float:
    if re.fullmatch(r"\d+,\d{1,2}", digits):
        return float(digits.replace(",", "."))
    return float(digits.replace(",", "").replace(" ", ""))


def strip_date_noise(text: str) -> str:
    """Blank out dates and "N weeks ago" phrases, so their numbers are not read as values."""
    for pattern in _DATE_NOISE:
        text = pattern.sub(lambda m: " " * len(m.group()), text)
    return text


MAX_DIGITS = 15
"""Longer runs of digits are not read as numbers (no fact's value needs them)."""


_TIME_AFTER = re.compile(
    r"\s*(?:(?:(?!(?:this|last|next|that|the|a|an|per|every|each|in)\b)[a-z]+\s+)?(?:days?|weeks?|months?|years?|hours?)|(?:个\s*)?(?:月|天|日|周|年|星\s*期|礼\s*拜|小\s*时))(?![a-z])"
)
"""A unit of time right after a number, or a word after it ("four good years", not "once this
year"): a length or a date, never a count of events."""


_ORDINAL_BEFORE = re.compile(r"(?:第|头)\s*$")
"""第 or 头 right before a number makes it an ordinal: "第二次是移植后" says which time, not how many."""


_TIMES_AFTER = re.compile(r"\s*(?:次|回|趟|times?)(?![a-z])")

_THINGS_COUNTED_AFTER = re.compile(
    r"\s*(?:个(?=\s*[\u4e00-\u9fff])(?!\s*(?:左|右|多|了|吧|啊|呀|呢|哦|的|都|就|也|而))|次|回|遍|袋|支|瓶|项|趟"
    r"|治\s*疗\s*量|bags?|times?|units?\s+(?:of|today|tomorrow|yesterday|this|last|given|transfused))(?![a-z])"
)
"""A counter right after a number ("第二天", "输了两个治疗量", "后面一个向下的箭头", "2 bags",
"two units today"): it counts something, so it is no lab value. Not 个 said as the unit
("才8个，医生说", "850个/μL")."""


def _values_in(text: str) -> list[NumberMention]:
    """The numbers in `text` that may be a value: not ordinals or counts of things."""
    return [m for m in find_numbers(text) if not _counts_something(text, m)]


def _counts_something(prepared: str, mention: NumberMention) -> bool:
    """Whether a number is an ordinal (第2天) or counts things (2个治疗量) rather than being a value."""
    return bool(
        _THINGS_COUNTED_AFTER.match(prepared, mention.end)
        or _ORDINAL_BEFORE.search(prepared, 0, mention.start)
    )


def _said_total(prepared: str) -> float | None:
    """The number said right after a word for "in all" (`total_markers`: 一共, 总共, "in total"), or
    None when there is none or several disagree."""
    lw = words(written_language(prepared))
    totals = set()
    for marker in lw.pattern("total_markers").finditer(prepared):
        after = re.match(r"[^\d,，。;；]{0,8}?(\d+)", prepared[marker.end() :])  # 一共两次
        before = re.search(r"(\d+)[^\d,，。;；]{0,8}?$", prepared[: marker.start()])  # "2 in total"
        if after or before:
            totals.add(float((after or before).group(1)))
    return totals.pop() if len(totals) == 1 else None


def _said_inexact_after(following: str, language: str = "en") -> bool:
    """Whether the words after a number make it a lower bound only ("40 something", "nine point
    something", "two hundred odd"): `inexact_after` in the words files (Chinese 点几 is rewritten to
    these). Such a number is asked again, never taken as if exact. Only a whole number is widened
    so: "1.2 something" is 1.2 to the precision any rule needs."""
    match = words(language).pattern("inexact_after").search(following)
    between = following[: match.start()].strip(" -") if match else ""
    return bool(match) and (not between or bool(_BARE_UNIT.fullmatch(between)))


_BARE_UNIT = re.compile(r"克|g")
"""A unit word said between a number and "多" ("8克多": 8 to 9 g/dL), rough all the same."""


def find_numbers(text: str) -> list[NumberMention]:
    """Every number in text already passed through `numeric_text` (and `spell_units`)."""
    mentions = []
    for match in _NUMBER.finditer(text):
        if len(match.group("digits")) > MAX_DIGITS:
            continue  # "999...9" is not a value anyone has
        number = _to_float(match.group("digits"))
        if match.group("sign"):
            number = -number
        inexact = bool(_COMPARATOR.search(text[max(0, match.start() - 30) : match.start()])) or (
            number == int(number)
            and _said_inexact_after(text[match.end() : match.end() + 30], written_language(text))
        )
        mentions.append(NumberMention(number, match.start(), match.end(), inexact))
    return mentions


def tidy(number: float) -> float:
    """Round away floating-point noise; whole numbers become int."""
    number = round(number, 6)
    return int(number) if float(number).is_integer() else number


# ----- parsing --------------------------------------------------------------------------------------
def _a_year(number: float) -> bool:
    """Whether a number reads as a calendar year (1900 to 2099: "23年11月", read as a birth date
    would be, is 1923 by then)."""
    return number == int(number) and FIRST_YEAR <= number <= LAST_YEAR


FIRST_YEAR, LAST_YEAR = 1900, 2099


def _is_count(fact: FactDefinition) -> bool:
    return fact.type == "integer" and not fact.unit


_LAKH_AND_THOUSANDS = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)\s*(?:lakhs?|lacs?)\s+(?:and\s+)?(\d{1,2})(?:\s*(?:thousand|k)(?![a-z])|000(?!\d))"
)


def _lakh_and_thousands(match: re.Match) -> str:
    return str(round(float(match.group(1)) * 100_000 + int(match.group(2)) * 1_000))


def prepare(text: str, count_words: bool = False) -> str:
    """Text ready for `find_numbers`: clean, contractions out, number words as digits, units compact,
    dates blanked out."""
    # "上次78，102" is two numbers, never 78,102; "我看看…5万2" trails off, no ".5"
    prepared = numeric_text(_ELLIPSIS.sub(", ", _FULL_WIDTH_COMMA.sub(", ", text)))
    if count_words:
        prepared = _TIMES_BY_X.sub(r" \1 times", prepared)  # "relapsed x2": twice
        for word, digits in COUNT_WORDS.items():
            prepared = re.sub(rf"\b{word}\b", digits, prepared)
        for phrase, digits in _count_phrases(written_language(text)).items():
            prepared = prepared.replace(phrase, f" {digits} ")
    prepared = re.sub(r"(?<!\d),(?=\d)", ", ", prepared)  # "查的，三十二": 32 after a comma, not ",32"
    prepared = _GLUED_LAB.sub(r"\1 ", prepared)  # "plt48", "ef58%": the name, then its value
    prepared = _LAKH_GROUPED.sub(r"\1\2\3", prepared)  # "1,20,000": digits grouped the Indian way
    prepared = _LAKH_AND_THOUSANDS.sub(_lakh_and_thousands, prepared)  # "1 lakh 40 thousand": 140000
    prepared = blanked(prepared, _BRACKETED_DAY.finditer(prepared))  # "44 (11/30)": the test's day
    prepared = blanked(prepared, _REFERENCE_RANGE.finditer(prepared))  # "118 (115-160)": the normal range
    prepared = _RANGE_AFTER_A_VALUE.sub(r"\1 ", prepared)  # "98 g/L ↓ 130-175": the value, then the range
    said_words = words(written_language(prepared))
    prepared = blanked(prepared, said_words.threshold_rules.finditer(prepared))  # "88, give blood under 80"
    prepared = blanked(prepared, said_words.amount_given.finditer(prepared))  # "7.9 after 2 pints": no value
    prepared = _BRACKETED_UNIT.sub(r" \1 ", prepared)  # "8 (x10^9/L)": a unit as a report prints it
    prepared = _POINT_SAID.sub(r"\1.\2", prepared)  # "9 point 4"
    prepared = _POWER_TYPED_FLAT.sub(lambda m: f"x10^{m[1] or m[2]}", prepared)  # "37 x 10 9", "10*9/L": ×10⁹
    return strip_date_noise(spell_units(prepared))


_FULL_WIDTH_COMMA = re.compile(r"[，、](?=\s*\d)")
_ELLIPSIS = re.compile(r"(?:…+|\.{2,})(?=\s*\d)")
_LAKH_GROUPED = re.compile(r"(?<![\d,.])(\d{1,2}),(\d{2}),(\d{3})(?![\d,])")
_TIMES_BY_X = re.compile(r"(?<![\w^])x\s*(\d{1,2})(?![\d^.])")
"""A count written as a multiplication ("relapsed x2", "RBC x 3")."""
_BRACKETED_DAY = re.compile(r"[(（]\s*(?:[a-z]{2,8}\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}\s*[)）]")
_REFERENCE_RANGE = re.compile(
    r"[(（\[]\s*(?:ref(?:erence)?\s*(?:range)?\s*:?\s*|normal\s*:?\s*|正常值?\s*[:：]?\s*|参考值?\s*[:：]?\s*)?"
    r"\d+(?:\.\d+)?\s*(?:-|–|~|～|to)\s*\d+(?:\.\d+)?\s*[^()（）\[\]]{0,16}[)）\]]"
)
"""A normal range printed beside a lab value, as a report shows it ("PLT 17 L (150-400)")."""
_RANGE_AFTER_A_VALUE = re.compile(
    r"(?<![\^x×]\d)(?<=\d)(?!\^)(\s*(?:[^\s\d][^\s]*[/%^][^\s]*|[/%^][^\s]*)?\s*(?:[↑↓]+|\(?\b[hl]\b\)?)?\s+)"
    r"\d+(?:\.\d+)?\s*[-–~～]\s*\d+(?:\.\d+)?(?![\d.]|\s*[-/]\s*\d)"
)
"""A normal range printed right after a lab value without brackets, as a copied report line shows it
("HGB 98 g/L ↓ 130-175", "CREA 肌酐 76 μmol/L 41-81"): the value is the number before it."""

_BRACKETED_UNIT = re.compile(r"[(（]\s*([^()（）]*[/^%][^()（）]*?)\s*[)）]")
_POINT_SAID = re.compile(r"(?<![\d.])(\d+)\s+point\s+(\d+)(?![\d.])")
_POWER_TYPED_FLAT = re.compile(r"\bx\s*10\s+([369])\b|(?<![\d.])10\s*\*{1,2}\s*([369])\b")
_GLUED_LAB = re.compile(r"\b(plt|hb|hgb|ef|lvef|scr|crea|wbc|anc)(?=\d)", re.IGNORECASE)
"""Lab names as printed on reports, typed with their value glued on. Not "cr" (CR2 is a second
remission), and names that end in a figure themselves (CD3, CD4) are left alone."""


def parse_number(
    fact: FactDefinition, text: str, pick_latest: bool = True, today: date | None = None
) -> Parsed:
    """Read one number for an integer or number fact, in its canonical unit, range-checked.

    Several different numbers, a range ("70-80") or a comparator ("under 50") make the answer
    unclear rather than guessed, unless one is said to be the latest ("150 before chemo, now 65");
    without `pick_latest` (facts picked out of free text) several numbers are always unclear. For
    counts (integer facts without a unit), "never"/"no"/"none" mean 0 and "once"/"twice" mean 1/2.
    """
    said = text
    once_and_again = _once_and_again(text) if _is_count(fact) else None
    if once_and_again is not None:
        return check_range(fact, once_and_again, said)  # "came back once in 2024 and again this summer"
    if fact.equivalents:  # "dexamethazone", 地塞米送: a steroid's name misspelled, or its homophone
        text = drug_names_corrected(text)
    if pick_latest and fact.type == "number" and not is_per_day(fact):
        text = latest_of_dated_values(text, today)  # "Platelets: 18/11: 102; 25/11: 97; 02/12: 110": the 110
    prepared = prepare(without_future_clauses(text), count_words=_is_count(fact))
    prepared, other_lab = _without_other_labs(prepared, fact.id)
    if other_lab and not find_numbers(prepared):
        return result.unclear(said, "number.other_lab")  # "eGFR was 85": not the creatinine
    if is_per_day(fact) and _stopped_since(text):
        return check_range(fact, 0, said)  # "not on any now, I was on 20mg before": none a day now
    factor = 1.0
    if fact.equivalents:
        drug_factor = _drug_factor(fact, prepared)
        if drug_factor is None:
            return result.unclear(said, "steroid.other_drug")
        factor = drug_factor
    if is_per_day(fact):
        if in_cycles(prepared, written_language(prepared)):
            return result.unclear(said, "dose.in_cycles")
        per_day = daily_dose(prepared, written_language(prepared))
        if per_day is not None and math.isnan(per_day):
            return result.unclear(said, "number.ambiguous")
        if per_day is not None:  # "10 mg twice a day", "两片 一片5毫克": read back like any parsed value
            return check_range(fact, tidy(round(per_day * factor, 2)), said, None)
    units = fact_units(fact)
    unit_re = _unit_regex_cached(tuple(units)) if units else None
    readings: list[tuple[float, str | None]] = []
    wrong_unit = mismatch = False
    inexact: list[bool] = []  # per reading: "under 50", "40 something"
    said_roughly: list[bool] = []  # per reading: said roughly in the answer's language, unit aside (8克多)
    language = written_language(prepared)
    ordinals: list[float] = []  # "第二次": the second time
    position = 0
    for mention in find_numbers(prepared):
        if mention.start < position:
            continue  # inside a unit already read ("10^9/l")
        if (_is_count(fact) or fact.type == "number") and _TIME_AFTER.match(prepared, mention.end):
            continue  # "复发1次，移植后+9个月", "55%，两个月前复查的": a length of time, not the value
        if _is_count(fact) and _ORDINAL_BEFORE.search(prepared, 0, mention.start):
            if _TIMES_AFTER.match(prepared, mention.end):
                ordinals.append(mention.number)  # "第二次", not "第三个疗程"
            continue  # "第一次是化疗后": which one, not how many
        if not _is_count(fact) and not fact.equivalents and _counts_something(prepared, mention):
            continue  # "第2天查是52", "输了2个治疗量": the value is another number
        number, unit_name, end = mention.number, None, mention.end
        unit_match = unit_re.match(prepared, end) if unit_re else None
        if unit_match is None:
            multiplier = _MULTIPLIER.match(prepared, end)
            if multiplier:
                number, end = number * MULTIPLIERS[multiplier.group(1)], multiplier.end()
                unit_match = unit_re.match(prepared, end) if unit_re else None
        if unit_match:
            unit_name, end = units[unit_match.group(1)], unit_match.end()
            if number < SAID_UNIT_MINIMUM.get(fact.id, {}).get(unit_name, float("-inf")):
                mismatch = True
        else:
            generic = _GENERIC_UNIT_RE.match(prepared, end)
            if generic:
                wrong_unit, end = True, generic.end()
        position = end
        # rough after its unit too ("血红蛋白8克多": 8 to 9 g/dL), asked again like "80多"
        said_roughly.append(mention.inexact or _said_inexact_after(prepared[end : end + 30], language))
        inexact.append(said_roughly[-1] if unit_match and language == "zh" else mention.inexact)
        readings.append((number, unit_name))
    if _is_count(fact) and readings:
        # "twice, in 2023 and again in 2025": the years date the times counted, they are no count;
        # nor alone ("first relapse was 2024 and the second one this summer": the story counts)
        years = [i for i, (number, unit_name) in enumerate(readings) if unit_name is None and _a_year(number)]
        if years:
            readings = [r for i, r in enumerate(readings) if i not in years]
            inexact = [x for i, x in enumerate(inexact) if i not in years]
            said_roughly = [x for i, x in enumerate(said_roughly) if i not in years]
    if not readings and ordinals:  # "第一次是化疗后…这是第二次": the last time named is the count,
        # or more when it came back again after it ("第一次是…复发的，后来…又复发了")
        told = _told_count(text)
        if told == 0 and max(ordinals) == 1:
            return check_range(fact, 0, said)  # "还在第一次诱导，谈不上复发": the first course, no relapse
        return check_range(fact, tidy(max(max(ordinals), told or 0)), said)
    if not readings and is_per_day(fact) and _none_now(text):
        return check_range(fact, 0, said)  # "I stopped them last month", "not on any now": none a day
    if not readings:
        return _count_from_words(fact, text) if _is_count(fact) else result.unclear(said, "number.missing")
    if all(inexact):
        return result.unclear(said, "number.inexact")
    if wrong_unit:
        return result.unclear(said, "number.wrong_unit")
    if mismatch:
        return result.unclear(said, "number.unit_mismatch")
    converted = {}
    for number, unit_name in readings:
        canonical, used = to_canonical(fact, number, unit_name)
        converted.setdefault(canonical, used)
    if len(converted) > 1 and _is_count(fact):
        total = _said_total(prepared)  # "复发一回，缓解了又复发，前后一共两回": the total is the answer
        if total is None:
            total = _total_then_each(readings)
        if total is not None:
            converted = {total: None}
    told_one_by_one = _total_of_times_told(text, readings) if _is_count(fact) else None
    if told_one_by_one is not None:
        converted = {told_one_by_one: None}  # "once in 2023 and once this year": two
    if len(converted) == 2 and not any(inexact) and _said_range(fact, prepared, readings):
        low, high = sorted(converted)
        middle = check_range(fact, tidy((low + high) / 2), said)
        return dataclasses.replace(middle, alternatives=(low, high)) if middle.ok else middle
    refined = _rough_then_exact(fact, readings, said_roughly)
    if len(converted) == 2 and refined is not None and not _said_before(prepared):
        # (not "40 something now, 55 a year ago": the exact one may be an older value)
        converted = dict([to_canonical(fact, *refined)])  # "一百出头 103", "80 something... 86": the 86
        readings, inexact = [refined], [False]
    if len(converted) > 1:
        latest = _latest_reading(fact, prepared, readings, today) if pick_latest else None
        if latest is None:
            return result.unclear(said, "number.inexact" if any(inexact) else "number.ambiguous")
        if _said_as_alternatives(said):
            # "was it 60? or 16?": one or the other; and "30 or 35 now, 90 in the summer" is read
            # too often for the summer's to guess around it
            return result.unclear(said, "number.ambiguous")
        if inexact[readings.index(latest)]:
            return result.unclear(said, "number.inexact")
        converted = dict([to_canonical(fact, *latest)])  # "13 something before, now about 9": 9
    elif any(inexact):
        return result.unclear(said, "number.inexact")
    canonical, used = next(iter(converted.items()))
    canonical = tidy(round(canonical * factor, 2)) if factor != 1 else canonical  # 6 mg dex: 40, not 40.0002
    parsed = check_range(fact, canonical, said, used)
    bare = all(unit is None for _, unit in readings)
    low_as_read = fact.ask_unit_below is not None and canonical < fact.ask_unit_below
    if (
        parsed.ok
        and bare
        and low_as_read
        and all(number < fact.ask_unit_below for number, _ in readings)
        and not words(written_language(text))
        .pattern("said_to_be_low")
        .search(plain(text).replace("↓", " ↓ "))
    ):  # low as typed and as read: "7.2" and haemoglobin "6" are doubtful; "4,000" (per µL) is not
        return result.out_of_range(said, "number.doubtful", canonical, used)
    if (
        parsed.ok
        and factor == 1
        and _ONLY_A_NUMBER.fullmatch(prepared.strip())
        and not low_as_read
        and used is None
        and not any(rough in said for rough in words(written_language(said)).list("inexact_after"))
    ):  # (二十几, 三十多: a rough number read as its round one is never beyond doubt)
        # one plain number in the canonical unit is beyond doubt; "2500" (2.5 ×10⁹/L) and "0.55" (an EF
        # of 55 %) take their unit from their size, so they are read back before they exclude
        return dataclasses.replace(parsed, sure=True)
    return parsed


_ONLY_A_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_RANGE = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)\s*(?:%|percent|per cent)?\s*"
    r"(?:-|–|—|~|～|to|到|至|(and|和|与|跟)|(or|或者|或是|或))\s*(\d+(?:\.\d+)?)(?![\d.])"
)
ONE_OR_THE_OTHER_WITHIN = 0.2
"""Two values said as one or the other ("55 or 60") make a range when this close (a fifth of the
larger); further apart ("47 or 74", a figure remembered both ways round) they are asked again."""
_BETWEEN = re.compile(r"\bbetween\s*$|在\s*$")
_FROM = re.compile(r"\bfrom\s*$|从\s*$")


def _said_range(fact: FactDefinition, prepared: str, readings: list[tuple[float, str | None]]) -> bool:
    """Whether the two numbers read are one range ("50-55%", "between 45 and 50", "55到60"): then
    the middle is the value and the two ends its alternatives, so an outcome that hangs on where in
    the range the value lies is left to the study team. Only for measurements, not counts or ages."""
    if fact.type != "number" or is_per_day(fact):
        return False
    found = _RANGE.search(prepared)
    before = prepared[: found.start()] if found else ""
    if found is None or len(readings) != 2 or _FROM.search(before):
        return False  # "it went from 60 to 45": a change, not a range
    if found.group(2) and not _BETWEEN.search(before):
        return False
    low, high = sorted((float(found.group(1)), float(found.group(4))))
    if found.group(3) and high - low > ONE_OR_THE_OTHER_WITHIN * high:
        return False
    return {low, high} == {float(number) for number, _ in readings}


_LAB_VALUE = re.compile(
    r"(?:\s*,\s*(?:which|that|it)\s+(?:is|was)\b|\s*[,，]\s*(?=\d))?"  # "his CD4, which is 350"; "eGFR, 60"
    r"[^\d,.;:，。；！？!?]{0,24}?[:=<>≤≥]?\s*\d+(?:[.,]\d+)?"
    r"(?:\s*(?:[-–~～至到]|\bto\b)\s*\d+(?:[.,]\d+)?)?"  # a range: "参考值115-150", "normal range 130 to 170"
    r"(?:\s*[a-zµ/%^0-9.]+)?"
)
"""What follows a lab's name up to its value and unit ("count, which was 210", " > 60 ml/min")."""

_LAB_VALUE_AFTER_A_REMARK = re.compile(
    r"\s+(?:is|was|are|were|has\s+been|have\s+been)\s+[^\d.;:，。；！？!?]{1,40}?[,，]\s*\d+(?:[.,]\d+)?"
    r"(?:\s*[a-zµ/%^0-9.]+)?"
)
"""A lab's value told after a remark on it: "the white count is high like always with the CLL, 48";
taken only when no lab of this question is named in between."""


def _without_other_labs(prepared: str, fact_id: str = "") -> tuple[str, bool]:
    """The text without the values of labs no question asks about (`other_labs` in
    bot/words/<language>.yaml: "eGFR > 60", "CD4 210", "白细胞3.2") or another question asks about
    (`lab_names` other than `fact_id`'s: "血红蛋白78" is no platelet count), and whether there were any.
    A blood product's name (`blood_products`) right after a transfusion (`transfused_before`:
    "输完红细胞是72") names blood given, not a test, and stays."""
    language = written_language(prepared)
    lw = words(language)
    names = [lw.pattern("other_labs")] if lw.raw.get("other_labs") else []
    others = _other_lab_names(language, fact_id)
    if others is not None:
        names.append(others)
    found = sorted(
        (match for pattern in names for match in pattern.finditer(prepared)), key=lambda m: m.start()
    )
    products = lw.pattern("blood_products")
    found = [
        m
        for m in found
        if not (products.fullmatch(m.group()) and lw.transfused_right_before.search(prepared[: m.start()]))
    ]
    own = _own_lab_names(language, fact_id)
    out, masked, reach = prepared, False, len(prepared)
    for match in reversed(found):
        value = _LAB_VALUE.match(prepared, match.end())
        if value is None:
            value = _LAB_VALUE_AFTER_A_REMARK.match(prepared, match.end())
            told_after = re.match(r"[^,.;，。；]*", prepared[value.end() :]).group() if value else ""
            if value and own is not None and (own.search(value.group()) or own.search(told_after)):
                value = None  # "the white count is fine, platelets 48", "..., 45 the platelets"
        if value and value.end() <= reach:
            out, masked, reach = out[: match.start()] + " " + out[value.end() :], True, match.start()
    return out, masked


@functools.cache
def _own_lab_names(language: str, fact_id: str) -> re.Pattern | None:
    """One pattern for the names of `fact_id`'s own lab (`lab_names`), or None."""
    own = (words(language).raw.get("lab_names") or {}).get(fact_id)
    return phrase_pattern(sorted({space_cjk(str(name)) for name in own})) if own else None


@functools.cache
def _other_lab_names(language: str, fact_id: str) -> re.Pattern | None:
    """One pattern for the names of the labs other questions ask about (`lab_names`), or None."""
    by_fact = words(language).raw.get("lab_names") or {}
    if fact_id not in by_fact:
        return None
    own = {space_cjk(str(name)) for name in by_fact[fact_id]}
    others = {space_cjk(str(n)) for other, names in by_fact.items() if other != fact_id for n in names}
    return phrase_pattern(sorted(others - own)) if others - own else None


def named_drugs(prepared: str) -> set[str]:
    """The steroids named in prepared text, in the language it is written in; one name inside a
    longer one counts once (泼尼松龙 is prednisolone, not also 泼尼松, prednisone)."""
    by_name, pattern = _drug_names(written_language(prepared))
    return {by_name[m.group()] for m in pattern.finditer(prepared)}


@functools.cache
def _drug_names(language: str) -> tuple[dict[str, str], re.Pattern]:
    """Each drug name (in matching form) → its drug, and one longest-first pattern for them all."""
    drugs = words(language).drug_names
    by_name = {space_cjk(name): drug for drug, names in drugs.items() for name in names}
    return by_name, phrase_pattern(by_name)


MISSPELLED_DRUG_CUTOFF = 0.85
"""How like a steroid's name (difflib's ratio) a longer word must be to be read as it misspelled:
"dexamethazone" and "hydrocortizone" are, "methotrexate" is not."""


def drug_names_corrected(text: str) -> str:
    """The text with misspelled steroid names (`drugs` in bot/words/<language>.yaml) written as they
    should be: a word of seven letters or more close to one name ("prednisilone"), or in Chinese a
    homophone the pinyin keyboard offered (美卓了 is 美卓乐, 地塞米送 地塞米松). A misspelled name
    left unread would have its dose taken as prednisone's."""
    language = written_language(text)
    if language == "zh":
        return homophones_corrected(text, _drug_names_unspaced(language))
    return misspellings_corrected(text, _one_word_drug_names(language), 7, MISSPELLED_DRUG_CUTOFF)


@functools.cache
def _drug_names_unspaced(language: str) -> tuple[str, ...]:
    return tuple(name.replace(" ", "") for name in _drug_names(language)[0])


@functools.cache
def _one_word_drug_names(language: str) -> tuple[str, ...]:
    """The names a single misspelled word can stand for, sorted: "solu medrol" is two words, and its
    halves are no names."""
    return tuple(sorted({name for name in _drug_names(language)[0] if name.isalpha()}))


def _drug_factor(fact: FactDefinition, prepared: str) -> float | None:
    """The factor that turns the named steroid's dose into the fact's unit: 1 when no drug or the
    fact's own is named, None for a drug without an equivalence (budesonide) or several drugs."""
    named = named_drugs(prepared)
    if not named:
        return 1.0
    if len(named) > 1 or next(iter(named)) not in fact.equivalents:
        return None
    return fact.equivalents[next(iter(named))]


def _stopped_since(text: str) -> bool:
    """Whether a dose answer says none is taken now in a clause of its own, and gives its amounts only
    as they were ("stopped last month, was on 10mg a day", "现在不吃了 之前一天吃二十片 一片五毫克"): at
    least one amount said to be before and none said to be now."""
    language = written_language(text)
    lw = words(language)
    breaks = rf"[,;，。；!！?？]+|{FULL_STOP}|\s+" if language == "zh" else rf"[,;]|{FULL_STOP}"
    clauses = [(c, plain(c), find_numbers(prepare(c))) for c in re.split(breaks, text) if c and c.strip()]
    numbered = [spaced for _, spaced, numbers in clauses if numbers]
    stopped = [c for c, _, numbers in clauses if not numbers and _stopped_or_none(c)]
    if not stopped or not numbered:
        return False
    earlier, past = lw.pattern("earlier_markers"), lw.pattern("past_markers")
    latest, now = lw.pattern("latest_markers"), lw.pattern("now_markers")
    said_before = any(earlier.search(c) or past.search(c) for c in numbered)
    others = [spaced for c, spaced, numbers in clauses if not numbers and c not in stopped]
    changed = lw.pattern("to_the_number")  # "上礼拜减到12了": the dose it was changed to is now
    said_now = any(
        latest.search(earlier.sub(" ", c)) or now.search(c) or changed.search(c) for c in numbered + others
    )
    return said_before and not said_now


def _stopped_or_none(text: str) -> bool:
    """A clause saying it was stopped or none is taken (`past_markers`, `none_taken`), not a lone "no"
    (不对, a correction, is no stop)."""
    lw = words(written_language(text))
    said = plain(text)
    return bool(lw.pattern("past_markers").search(said) or lw.pattern("none_taken").search(said))


def _none_now(text: str) -> bool:
    """A dose answer without a number that says none is taken now: stopped, no longer, not on any,
    or a lone "none" (the words' `past_markers`, `none_taken` and `no_words`)."""
    return _stopped_or_none(text) or bool(
        words(written_language(text)).pattern("no_words").fullmatch(plain(text))
    )


_A_NUMBER_ENDS = re.compile(r"\d[^\d]{0,12}$")
_A_NUMBER_BEGINS = re.compile(r"^[\s?？,，.。…:：]{0,4}\d")
"""Right before the second number: spaces and marks only ("or so 5 years ago" is no second number)."""


def _said_as_alternatives(text: str) -> bool:
    """Whether two numbers are said as one or the other ("was it 60? or 16?", "60 还是 16"):
    `alternatives_between_numbers` in bot/words/<language>.yaml, right after one number and right
    before another; the answer is then asked again. Not after a word for now: 现在还是16 is "still
    16"."""
    said = plain(text)
    language_words = words(written_language(text))
    for m in language_words.pattern("alternatives_between_numbers").finditer(said):
        before, after = _A_NUMBER_ENDS.search(said[: m.start()]), _A_NUMBER_BEGINS.search(said[m.end() :])
        if before and after and not language_words.pattern("now_markers").search(before.group()):
            return True
    return False


def _latest_reading(
    fact: FactDefinition, prepared: str, readings: list[tuple[float, str | None]], today: date | None = None
) -> tuple[float, str | None] | None:
    """Of several numbers, the one said to be the latest: exactly one clause says "now" and every other
    one says "before" ("150 before chemo, now 65", "the last one was 45, the one before 60"); else
    None, and the question is asked again. Without commas between them, each
    number's clause is the words since the number before it ("以前吃60 现在减到30了")."""
    lw = words(written_language(prepared))
    # (a comma inside "65,000" is no clause break)
    clauses = _with_numberless_words(
        re.split(
            r";|!|[(（](?=[^)）]*\d)|[)）；]|,(?!\d{3}(?!\d))|\.(?=\s|$)|\bbut\b|\band\b|\bthen\b", prepared
        )
    )
    if len(clauses) != len(readings):
        ends = [m.end for m in _values_in(prepared)]
        clauses = [prepared[start:end] for start, end in zip([0, *ends], ends, strict=False)]
        if len(clauses) != len(readings):
            return None
    last = plain(clauses[-1]).strip()
    if (
        len(clauses) > 1
        and lw.pattern("conclusion_markers").match(last)
        and not lw.pattern("earlier_markers").search(last)
    ):
        # "5 mg tablets, and I take six of them. So 30", "1 mg/kg, so around 70": the sum worked out
        return readings[-1]
    by_date = _latest_by_date(clauses, today)
    if by_date is not None:
        return readings[by_date]  # "150,000 in june, 40,000 last week", "12.4 in October. In June 9.8"
    latest, earlier = now_and_before(clauses, lw)
    plainly_latest = [i for i in latest if not lw.pattern("earlier_markers").search(clauses[i])]
    if len(latest) > 1 and len(plainly_latest) == 1:
        # "it was 35 after the chemo, the latest one is 48": of two numbers said to be latest, the
        # one not also said to have been
        earlier = sorted(set(earlier) | (set(latest) - set(plainly_latest)))
        latest = plainly_latest
    not_before = [readings[i] for i in range(len(clauses)) if i not in earlier]
    if (
        earlier
        and len(not_before) > 1
        and len({number for number, _ in not_before}) == 1
        and not is_per_day(fact)
    ):
        # "原来62，掉到51了，最新就是51": a number said twice, and every other one said to be before
        # (not a dose split over the day, "now 10 mg and 10 mg")
        return not_before[0]
    bound = _right_before_a_number(clauses, lw.pattern("before_the_number"))
    latest = [i for i in latest if i not in bound]  # "88, up from 71 after the transfusion": 71 is before
    earlier = sorted(set(earlier) | set(bound))
    if bound and len(clauses) - len(bound) == 1:  # "it was 94 on Tuesday, up from 88": the one it rose to
        return readings[next(i for i in range(len(clauses)) if i not in bound)]
    changed = _right_before_a_number(clauses, lw.pattern("to_the_number"))
    told_after = set(range(changed[-1] + 1, len(clauses))) if changed else set()
    if changed and set(latest) <= set(changed) and not bound and told_after <= set(earlier):
        # "20mg, well that's what it was, they dropped it to 15 on Friday": the 15; "以前吃60，后来
        # 减到30，上礼拜又加回45了": the last change told is now, unless a number told after it moves on
        return readings[changed[-1]]
    unmarked = [i for i in range(len(clauses)) if i not in latest and i not in earlier]
    if len(latest) == 1 and len(earlier) == len(clauses) - 1:
        return readings[latest[0]]
    beside_now = lw.pattern("earlier_beside_now")
    if not latest and len(unmarked) == 1 and len(earlier) == len(clauses) - 1:
        return readings[unmarked[0]]  # "68, up from 49 last week": every other one is said to be before
    if not latest and len(earlier) == len(clauses):
        # every one said to be before, and one of them with a word of the latest that is no part of a
        # longer "before" ("98 last week, 104 the week before"; not "last" in "180 last year, 40 on
        # admission"), when no other one names its day ("98 on Monday. Last week Friday it was 10.2")
        also_latest = [i for i in earlier if _latest_word_of_its_own(clauses[i], lw)]
        others = [clause for i, clause in enumerate(clauses) if i not in also_latest]
        if len(also_latest) == 1 and not any(_day_said(clause, today) for clause in others):
            return readings[also_latest[0]]
    later_words = (lw.pattern("latest_markers"), lw.pattern("latest_when_alone"))
    told_before_now = [
        i
        for i in unmarked
        if beside_now.search(clauses[i]) and not any(w.search(clauses[i]) for w in later_words)
    ]
    plain_unmarked = [i for i in unmarked if i not in told_before_now]
    if not latest and told_before_now and len(plain_unmarked) == 1:
        return readings[plain_unmarked[0]]  # "EF 55%，上次是60%": "last time" beside the one said plainly
    said_now = [i for i in latest if lw.pattern("now_markers").search(clauses[i])]
    if said_now == [len(clauses) - 1] and not fact.equivalents:
        # "it dropped to 70, it's 95 now": of the numbers said to be latest, the last is said of now
        return readings[said_now[0]]
    if latest == [len(clauses) - 1] and (earlier or not fact.equivalents):
        # (a dose may be split over the day, "10 in the morning and 5 now at night": not for doses)
        # a story told in order that ends "now": "used to be 60, then 40, now 20"; "started at 60 and
        # every week it drops by 10, he's on 30 now"; "第二天查是52，今天早上又掉到21了"
        return readings[latest[0]]
    return None


ROUGH_SPAN = 1.5
"""A rough number ("80 something", 三万多) covers values from it up to this many times it."""


def _said_before(prepared: str) -> bool:
    """Whether the text says something was before (`earlier_markers`, `before_the_number`), not
    counting words that only tell a story's tense (`weak_earlier_markers`: "it was 60 something")."""
    said_words = words(written_language(prepared))
    weak = set(said_words.spaced_list("weak_earlier_markers"))
    return any(
        found.group() not in weak
        for key in ("earlier_markers", "before_the_number")
        for found in said_words.pattern(key).finditer(prepared)
    )


def _rough_then_exact(
    fact: FactDefinition, readings: list[tuple[float, str | None]], inexact: list[bool]
) -> tuple[float, str | None] | None:
    """Of a rough number and then an exact one within it ("80 something... 86", "三万多…翻了下报告
    3万5", "8克多 报告单上是84"), the exact one; else None. Compared in the fact's unit."""
    if len(readings) != 2 or inexact != [True, False]:
        return None
    (rough, rough_unit), (exact, exact_unit) = readings
    if rough_unit != exact_unit and None not in (rough_unit, exact_unit):
        return None
    rough, exact = (to_canonical(fact, *reading)[0] for reading in readings)
    return readings[1] if rough <= exact < rough * ROUGH_SPAN else None


RECENT_DAYS = 400
"""How far back a clause's date may be and still order numbers by when they were taken: "the best
since 2022" dates no reading."""


def _latest_word_of_its_own(clause: str, lw: Words) -> bool:
    """Whether a `latest_markers` word in the clause is not inside a longer `earlier_markers` phrase."""
    before = [(m.start(), m.end()) for m in lw.pattern("earlier_markers").finditer(clause)]
    return any(
        not any(s <= m.start() and m.end() <= e and (e - s) > (m.end() - m.start()) for s, e in before)
        for m in lw.pattern("latest_markers").finditer(clause)
    )


def _day_said(clause: str, today: date | None = None) -> date | None:
    """The latest day a clause names within the last `RECENT_DAYS` (its numbers are readings, no
    dates: "12.4"), placed against the conversation's day (the machine's when none is given); None
    when it names none."""
    from bot.parsing.dates import clause_dates  # dates reads numbers' text helpers; import it here

    # placed from the day after, so that today's weekday ("Thursday 55" on a Thursday) is today, not
    # a week back; every day said moves alike, and only their order is used
    reference = (today or date.today()) + timedelta(days=1)
    unnumbered = re.sub(r"\d+(?:[.,]\d+)*", " ", clause)
    said = [d for d in clause_dates(unnumbered, reference) if 0 <= (reference - d).days <= RECENT_DAYS]
    return max(said) if said else None


def _latest_by_date(clauses: list[str], today: date | None = None) -> int | None:
    """The clause whose date is the latest, when at least two clauses are dated within the last
    `RECENT_DAYS`, on different days, and every clause is ("150,000 in june, 40,000 last week"); else
    None. Relative dates and weekdays are placed against the conversation's day: "Monday ... Tuesday"
    orders differently on a Tuesday than on a Thursday."""
    days = [_day_said(clause, today) for clause in clauses]
    if len(clauses) < 2 or None in days or len(set(days)) != len(days):
        return None
    return days.index(max(days))


def _right_before_a_number(clauses: list[str], words: re.Pattern) -> list[int]:
    """The clauses in which one of `words` stands right before a number ("up from 71", "减到15")."""
    return [i for i, clause in enumerate(clauses) if re.search(rf"(?:{words.pattern})\s*\d", clause)]


def _with_numberless_words(pieces: list[str]) -> list[str]:
    """The clauses that hold a number, each with the numberless words said between it and the number
    before ("上次78，这次高了点，102": 这次 belongs to 102). Words before the first number and after the
    last are about the whole answer ("it's gone up, it was 95 in August and now it's 140")."""
    clauses: list[str] = []
    waiting = ""
    for piece in pieces:
        if _values_in(piece):
            clauses.append(f"{waiting} {piece}" if waiting and clauses else piece)
            waiting = ""
        else:
            waiting = f"{waiting} {piece}"
    return clauses


def to_canonical(fact: FactDefinition, number: float, unit_name: str | None) -> tuple[float, str | None]:
    """The number in the fact's canonical unit, and the registry unit it was read in (None for the
    canonical unit). A bare number goes through `BARE_NUMBER_RULES`."""
    if unit_name is None:
        rule = BARE_NUMBER_RULES.get(fact.id)
        if rule and rule.applies(number):
            unit_name = rule.unit
    if unit_name is None or unit_name == fact.unit:
        return tidy(number), None
    return tidy(number * fact.units[unit_name]), unit_name


def check_range(fact: FactDefinition, number: float, said: str, unit: str | None = None) -> Parsed:
    """A value, or "out_of_range" when outside the fact's minimum/maximum (or not whole for integers)."""
    if fact.type == "integer" and not float(number).is_integer():
        return result.unclear(said, "number.not_whole")
    if fact.type == "integer":
        number = int(number)
    problem = "age.out_of_range" if fact.id == "age" else "number.out_of_range"
    if fact.minimum is not None and number < fact.minimum:
        return result.out_of_range(said, problem, number, unit)
    if fact.maximum is not None and number > fact.maximum:
        return result.out_of_range(said, problem, number, unit)
    return result.value(number, said, unit)


def _count_from_words(fact: FactDefinition, text: str) -> Parsed:
    """ "never", "no", "none", "not once" → 0 for a count; a count told as a story ("it came back in
    2024 and again this summer": 2; "this is the second time it has come back": 2); else no number."""
    told = _told_count(text)
    if told is not None:
        return check_range(fact, told, text)
    answer = parse_boolean(text)
    if answer.ok and answer.value is False:
        return check_range(fact, 0, text)
    return result.unclear(text, "number.missing")


def _once_and_again(text: str) -> int | None:
    """A count of one followed by each time it happened again ("it came back once in 2024 and
    again this summer": 2, "one before his transplant and one after": 2); None unless a one
    (`count_words`, `first_of_told`) has `again_words` after it; one said to be the only one
    (`only_before_one`: "just the once", 就一回) is one, whatever came again after it."""
    lw = words(written_language(text))
    said = plain(text)
    ones = [str(word) for word, count in (lw.raw.get("count_words") or {}).items() if int(count) == 1]
    one = phrase_pattern([*ones, *lw.list("first_of_told")]).search(said)
    if one is None:
        return None
    before, only, negator = said[: one.start()].split(), lw.pattern("only_before_one"), lw.pattern("negators")
    said_only = [n for n in (1, 2) if len(before) >= n and only.fullmatch(" ".join(before[-n:]))]
    ahead = before[: len(before) - said_only[0]][-2:] if said_only else []
    if said_only and not any(negator.fullmatch(word) for word in ahead):  # not "not just once", 不是就一回
        return 1  # "就一回，去年缓解了，今年又复发了", "just the once": the one is all there was
    rest = said[one.end() :]
    not_counted = lw.pattern("again_not_counted_after")
    agains = [
        not any(negator.fullmatch(w) for w in rest[: match.start()].split()[-2:])  # "never again"
        for match in lw.pattern("again_words").finditer(rest)
        # "then I got remission again", "went wrong again": what came again is no relapse
        if not any(not_counted.fullmatch(w) for w in rest[: match.start()].split()[-1:])
    ]
    return 1 + sum(agains) if agains else None  # "just one, never again": the one, none after it


def _total_then_each(readings: list[tuple[float, str | None]]) -> float | None:
    """A count said first, then each of the times it counts: "twice, once before the transplant and
    once after", "两次，一次在移植前，一次移植后". None when the times told do not add up to it."""
    first, *each = (number for number, _ in readings)
    return first if each and all(number == 1 for number in each) and len(each) == first else None


def _total_of_times_told(text: str, readings: list[tuple[float, str | None]]) -> int | None:
    """Times told one by one, each after the first joined on (`one_time_words` after a
    `one_more_joiners` word: "once in 2023 and once this year"): as many as are told. None unless
    every reading is one of them; "So once. Only once so far" says the one time again."""
    if len(readings) < 2 or any(number != 1 for number, _ in readings):
        return None  # the answer's words are read only when the numbers could be such times
    lw = words(written_language(text))
    said = plain(text)
    joined = re.findall(
        rf"(?:{lw.pattern('one_more_joiners').pattern})\s+(?:{lw.pattern('one_time_words').pattern})", said
    )
    told = 1 + len(joined)
    return told if told == len(readings) else None


def _told_count(text: str) -> int | None:
    """The events a story names (bot/words/<language>.yaml `relapse_words`, each `again_words` one
    more, an ordinal before `ordinal_events` naming the count: "the second time"); 0 when every one
    is negated ("还没复发"); None when it names none, or negates only some."""
    lw = words(written_language(text))
    said = plain(to_parser_form(text)) if written_language(text) == "zh" else plain(text)
    said = statements(said)  # plain() has made "？" a "?"
    if lw.pattern("question_markers").search(said):
        return None  # "is that counting the first time?": a question, not a count
    ordinals = {
        space_cjk(str(k)): int(v) for k, v in (lw.raw.get("ordinal_choices") or {}).items() if int(v) > 0
    }
    events = lw.pattern("ordinal_events")
    counted = []
    for match in events.finditer(said):
        before = said[: match.start()].split()
        for width in (2, 1):
            ordinal = " ".join(before[-width:])
            if len(before) >= width and ordinal in ordinals:
                # "the second time", "第二次复发"; and each time it came back again after that
                # clause ("第一次是…复发的，后来…移植后半年又复发了": two)
                clause_end = re.search(r"[,;.!?]", said[match.end() :])
                later = said[match.end() + clause_end.end() :] if clause_end else said[match.end() :]
                counted.append(ordinals[ordinal] + len(lw.pattern("again_relapses").findall(later)))
                break
    relapses = list(lw.pattern("relapse_words").finditer(said))
    negated = [bool(lw.pattern("negators").search(said[max(0, m.start() - 8) : m.start()])) for m in relapses]
    # beside a relapse denied, a word saying there was one before it ("没再复发", "not relapsed since")
    again = lw.pattern("again_beside_relapse")
    again_beside = [bool(again.search(said[max(0, m.start() - 8) : m.end() + 8])) for m in relapses]
    if counted and max(counted) == 1 and relapses and all(negated) and not any(again_beside):
        return 0  # "first time treatment, no relapse", "还在第一次诱导…谈不上复发"; not "没再复发"
    if counted:  # "the first time was 2022 ... now it's back for a third time": the last one told
        return max(counted)
    if not relapses or any(negated):
        return 0 if relapses and all(negated) else None  # "it has not come back", "还没复发"
    # "relapsed in 2024 and it's come back again now": "come back again" is one more, not two
    again_relapses = list(lw.pattern("again_relapses").finditer(said))
    masked = blanked(said, again_relapses)
    relapses = list(lw.pattern("relapse_words").finditer(masked))
    masked = blanked(masked, relapses)
    told = len(again_relapses) + len(relapses) + len(lw.pattern("again_words").findall(masked))
    if again_relapses and told == 1:
        told = 2  # "it's come back again": once before, and now
    return told if told > 1 else None  # one "it came back" alone does not say how many times

"""One answer to one question: dispatch on the fact's type.

"I don't know", "not sure", "no idea", "can't remember", "dunno", "unsure", "I'd have to check" and
their relatives (`unknown` in bot/words/<language>.yaml) make any answer "unknown". For a yes/no
question that is final; for other types, a value named next to the doubt still counts ("not sure,
about 70" → 70), because that is the person's best answer and `said` keeps their words; so does a
doubtful one ("not sure, 70 or 80" is "number.ambiguous", not unknown).
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date

from bot.facts import FactDefinition, default_registry
from bot.parsing import result
from bot.parsing.ages import parse_age
from bot.parsing.booleans import asks_back, asks_what_it_means, parse_boolean
from bot.parsing.chinese import numerals_to_digits
from bot.parsing.choices import parse_choice, parse_choices
from bot.parsing.dates import parse_date
from bot.parsing.numbers import parse_number
from bot.parsing.result import Parsed
from bot.parsing.text import numeric_text, only_hedged, plain, unknown_phrase, without_unknown_phrases
from bot.parsing.words import Words
from bot.parsing.words import words as language_words
from bot.rules import NEVER
from bot.text import written_language

MAX_ANSWER_LENGTH = 2000
"""Longer messages are not read as an answer (the channels refuse them first)."""

_CODE = re.compile(
    r"<\s*/?\s*[a-z!][^>]*>|[{}]|;\s*--|--\s*$|'\s*or\s*'|\b(?:select|drop|insert|delete|update|union)\b.*"
    r"\b(?:from|table|into|set|select)\b|\d[eE][+-]?\d|\b0x[0-9a-f]+\b|=>|&&|\|\||\$\(|\bjavascript:"
    # a float's words alone ("NaN", "inf"), not "my nan spends most of the day in her chair"
    r"|^\s*(?:null|nan|[+-]?inf(?:inity)?)\s*$",
    re.IGNORECASE,
)


def looks_like_code(text: str) -> bool:
    """Markup, SQL, code or scientific notation: a number pulled out of it is not a value."""
    return bool(_CODE.search(text))


AGE_UNIT = "years"
"""Integer facts in this unit are ages, read by `ages.parse_age` (which also takes birth dates)."""

_EMPTY_PROBLEM = {
    "integer": "number.missing",
    "number": "number.missing",
    "boolean": "boolean.unclear",
    "choice": "choice.no_match",
    "choices": "choice.no_match",
    "date": "date.unclear",
}


_NOTHING_READ = frozenset(_EMPTY_PROBLEM.values()) | {"number.other_lab"}
"""Problems meaning the words next to "I don't know" named nothing of this fact: the answer stays
unknown ("urea 7.5, can't remember the creatinine": only another lab's value)."""


def _dispatch(
    fact: FactDefinition, text: str, today: date, guess: bool = True, language: str = "en"
) -> Parsed:
    date_order = language_words(language).raw.get("date_order")
    if fact.type == "integer" and fact.unit == AGE_UNIT:
        return parse_age(fact, text, today, date_order)
    if fact.type in ("integer", "number"):
        return parse_number(fact, text, today=today)
    if fact.type == "boolean":
        parsed = parse_boolean(text, fact, today=today)
        return _from_age(fact, text, today) or parsed if fact.age_answers and not parsed.ok else parsed
    if fact.type == "choice":
        return parse_choice(fact, text, guess=guess)
    if fact.type == "choices":
        return parse_choices(fact, text)
    # "10.8" is 8 October to a Chinese reader: the conversation's language says how digits are ordered
    return parse_date(fact, text, today, date_order=date_order)


def _from_age(fact: FactDefinition, text: str, today: date) -> Parsed | None:
    """A yes/no answered by an age alone (`age_answers` in facts.yaml): "my wife's 68" is a no to
    "could she become pregnant?". None when no one age is said, or it falls between the bounds."""
    age = parse_age(default_registry()["age"], text, today)
    bounds = fact.age_answers
    if not age.ok or bounds is None or age.value < MIN_AGE_THAT_ANSWERS:
        return None  # "together about two years" is no one's age
    if bounds.yes_below is not None and age.value < bounds.yes_below:
        return result.value(True, text)
    if age.value >= bounds.no_from:
        return result.value(False, text)
    return None


MIN_AGE_THAT_ANSWERS = 12


def _after_correction(text: str, numeric: bool = False) -> str | None:
    """What follows the last self-correction ("no wait", "actually no", "哦不对": `corrections` in
    bot/words/<language>.yaml), when there is one with words after it; else None. The correction's
    own words are left out: the "no" of "no wait, let me think" answers nothing. For a number,
    `corrections_between_numbers` ("不对", "no") count too, right after a number and before the one
    number corrected to ("55 不对 65", "45, no 54"; not "1 relapse, no 2nd one, just 1")."""
    language = written_language(text)
    words = plain(text)
    lw = language_words(language)
    found = list(lw.pattern("corrections").finditer(words))
    if numeric:
        found += [
            m
            for m in lw.pattern("corrections_between_numbers").finditer(words)
            if _RIGHT_AFTER_A_NUMBER.search(numeric_text(_as_written(words[: m.start()], language)))
            and len(_NUMBERS.findall(numeric_text(_as_written(words[m.end() :], language)))) == 1
        ]
        found.sort(key=lambda m: m.start())
    if not found:
        return None
    after = words[found[-1].end() :]
    if not any(ch.isalnum() for ch in after):
        return None
    return _as_written(after, language)


_NUMBERS = re.compile(r"\d+(?:\.\d+)?")
_RIGHT_AFTER_A_NUMBER = re.compile(r"\d(?:\s*[^\s\d]{1,8})?[\s,，.。]*$")
"""A number, maybe with its unit ("820个每微升", "55%"), ending the words before a correction."""


def _as_written(plain_text: str, language: str) -> str:
    """Part of a `plain` text back in the form the readers take (`Words.as_written`)."""
    return language_words(language).as_written(plain_text)


def parse_answer(fact: FactDefinition, text: str, today: date, language: str = "en") -> Parsed:
    """Turn what a person typed in answer to `fact`'s question into a value for `bot.facts`.

    Returns a `Parsed` whose status is "value", "unknown" (they said they don't know), "unclear"
    (no value could be read; `problem` says why) or "out_of_range" (a value was read but is not
    plausible, or a date is in the future). `language` is the conversation's: it says how a date
    in digits alone is ordered ("10.8" is 8 October in Chinese).
    """
    said = text
    text = text or ""
    if not any(ch.isalnum() for ch in text):
        return result.unclear(said, _EMPTY_PROBLEM[fact.type])
    if len(text) > MAX_ANSWER_LENGTH:
        return result.unclear(said, "answer.too_long")
    if looks_like_code(text):
        return result.unclear(said, "answer.not_words")
    corrected = _after_correction(text)
    if corrected is not None:
        # "June. Actually no, it was July": July; "现在没有，哦不对，早上擤鼻涕里有点血": yes
        attempt = _dispatch(fact, corrected, today, language=language)
        if attempt.ok:
            return dataclasses.replace(attempt, said=said, sure=False)
        if fact.type == "boolean":  # "有，说错了，那是上个月的事": the yes was taken back
            return result.unclear(said, "boolean.unclear")
    words = plain(text)
    written = written_language(text)
    lw = language_words(written)
    if lw.pattern("declines_to_answer").search(words):
        return result.unclear(said, result.DECLINED)  # "I'd rather not say", 这个我不想回答
    if lw.results_pending.search(_as_written(words, written)) and (
        fact.type == "choice" or (fact.type == "boolean" and lw.pattern("suspected").search(words))
    ):
        # "still waiting for the biopsy, they think lymphoma", 病理还没出来, "they think it might
        # be GVHD, waiting on a biopsy": a guess before the result is not the answer yet (for a
        # yes or no, only said as a guess: "blacked out, they're still doing tests" is a faint)
        return result.unknown(said, result.RESULT_PENDING)
    if unknown_phrase(words):
        if _unsure_what_is_asked(text, words, language):
            # "I don't know what that is", "not sure if budesonide counts?": the question is
            # explained and asked again, not recorded as "don't know" before it was understood
            return result.unclear(said, result.ASKS_WHAT_IT_MEANS)
        if fact.type == "boolean":  # "nobody told me" is a no to "has a doctor told you...?"
            return (
                _dispatch(fact, text, today, language=language)
                if fact.asks_what_was_told
                else result.unknown(said)
            )
        if fact.type == "date" and _doubts_it_happened(fact, words, lw):
            return result.unknown(said)  # "not sure if it was a heart attack, in March": not its date
        # In the form the readers take: "十 月 份" is no month and "一 万 二" no 12 000 to them
        # ("去年十月份，具体哪天记不清了": the doubt is about the day, the month stands)
        rest = _as_written(without_unknown_phrases(words), written)
        if (
            fact.type in ("integer", "number")
            and _dispatch(fact, rest, today, language=language).problem == "number.other_lab"
        ):
            return result.unknown(said)  # "尿素氮7.5，肌酐忘记了": only another lab's value beside the doubt
        if any(ch.isalnum() for ch in rest):
            # A scale's level is not guessed beside a doubt ("I don't know, he doesn't say much"
            # names none), only beside a hedge ("up maybe half the day").
            hedged = only_hedged(words)
            if fact.type in ("integer", "number") and _said_roughly(rest, lw):
                return result.unknown(said)  # "好像是三十几，记不太清了": a rough number and a doubt
            attempt = _dispatch(fact, rest, today, guess=hedged, language=language)
            if attempt.ok and (attempt.value == NEVER or (attempt.alternatives and not hedged)):
                # "不知道，他没跟我们讲过": not knowing is not "never"; "no idea, somewhere in her
                # eighties": a span beside "I don't know" is not known either (beside a mere
                # "maybe" it is: "2017 or 2018 maybe")
                return result.unknown(said)
            if attempt.problem not in _NOTHING_READ:  # a value, or one that is out of range or ambiguous
                # said beside a doubt, it is never beyond doubt ("淋巴瘤，还没确诊" is read back)
                return dataclasses.replace(attempt, said=said, sure=False)
        return result.unknown(said)
    if _needs_explaining(fact, text):
        return result.unclear(said, result.ASKS_WHAT_IT_MEANS)
    fact_words = lw.for_fact(fact.id)
    if fact_words is not None and fact_words.premise_denied.search(words):
        return result.unclear(said, result.DENIES_PREMISE)  # "我没有心衰啊" to "how much does it limit you?"
    parsed = _dispatch(fact, text, today, language=language)
    if parsed.problem == "number.ambiguous" and (corrected := _after_correction(text, numeric=True)):
        # "百分之五十五 不对 六十五", "45, no 54": of two numbers, the one the person corrected to
        attempt = _dispatch(fact, corrected, today, language=language)
        if attempt.ok:
            return dataclasses.replace(attempt, said=said, sure=False)
    return parsed


_CLAUSE_END = re.compile(r"[.,;!?]")


_NUMBER_SAID = re.compile(r"\d+(?:\.\d+)?\s*")


def _said_roughly(written: str, lw: Words) -> bool:
    """Whether a number in the answer is said only roughly (`inexact_after`: "40 something",
    三十几, 五十多). Alone it is asked again; beside "I can't remember" it is no value."""
    numbers = plain(numerals_to_digits(written))
    rough = lw.pattern("inexact_after")
    return any(rough.match(numbers, said.end()) for said in _NUMBER_SAID.finditer(numbers))


def _doubts_it_happened(fact: FactDefinition, plain_text: str, lw: Words) -> bool:
    """Whether a doubt beside a date is about the event, not its date: "not sure if it was a heart
    attack" or 不知道是不是心梗 (`doubts_whether`, then the fact's `topic` in the same clause), or "we
    never got a straight answer" (`doubts_what_it_was`). "Not sure if it was March or April" doubts
    the date, which is still read."""
    if lw.pattern("doubts_what_it_was").search(plain_text):
        return True
    fact_words = lw.for_fact(fact.id)
    if fact_words is None:
        return False
    for doubt in lw.pattern("doubts_whether").finditer(plain_text):
        clause = _CLAUSE_END.split(plain_text[doubt.end() :], maxsplit=1)[0]
        if fact_words.topic.search(clause):
            return True
    return False


def _unsure_what_is_asked(text: str, plain_text: str, language: str) -> bool:
    """Whether a doubt is about the question rather than the answer: it says so
    (`unsure_of_the_question`: "don't know what that is", 不知道算不算), asks whether something counts
    (`asks_if_it_counts`) or asks what the question means ("I don't know, what does that even mean?")."""
    lw = language_words(written_language(text))
    return bool(
        lw.pattern("unsure_of_the_question").search(plain_text)
        or lw.pattern("asks_if_it_counts").search(plain_text)
        or asks_what_it_means(text, language)
    )


def _needs_explaining(fact: FactDefinition, text: str) -> bool:
    """Whether the answer asks what the question means ("what do you mean by days?", "射血分数是啥？")
    to a question answered with a number, a date or a level of a scale: what else it says ("She
    gets tired", "她心率九十") is read once the question is explained. A yes/no question weighs a
    plain yes or no beside it (`read_yes_no`), and a plain choice names itself ("what do you mean,
    kind? It's AML") unless the answer is only questions."""
    if fact.type in ("choice", "choices") and fact.several_choices != "highest":
        # ... unless the whole answer is questions ("what's the difference between chemo and
        # targeted?", 中药算吗？): the choices it names are asked about, not chosen
        return asks_back(text) and asks_what_it_means(text)
    if fact.type == "boolean":
        return False
    return asks_what_it_means(text)

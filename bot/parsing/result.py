"""What a parser returns: a value, or the reason there is none, as a code.

Parsers never write sentences for people. When there is no value, `problem` holds a short code
(listed in `PROBLEM_CODES`) and the conversation maps the code to its own wording.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Status = Literal["value", "unknown", "unclear", "out_of_range"]

UNKNOWN_PROBLEM = "answer.unknown"
"""The problem code of every "unknown" result (the person said they don't know)."""
RESULT_PENDING = "answer.result_pending"
"""Not known yet: the result the answer rests on is still to come ("waiting for the biopsy")."""
FOR_THE_STUDY_TEAM = "answer.for_the_study_team"
"""Not the person's to say: a test result whose meaning for the question is a clinician's call
("HBsAg positive" to "active hepatitis now?"). Recorded as unknown, for the study team."""

ASKS_WHAT_IT_MEANS = "answer.asks_what_it_means"
"""The answer asks what the question means or whether something counts: explain, then ask again."""
DENIES_PREMISE = "answer.denies_premise"
"""The answer denies what the question takes for granted ("I don't have heart failure")."""

MIXED_READINGS_DIFFER = "answer.mixed_readings_differ"
"""A message mainly in English with Chinese words in it reads one way whole and another way from its
English words alone ("乙肝 carrier, but not active"): neither is trusted, and it is asked again."""

DECLINED = "answer.declined"
"""The person would rather not answer ("I'd rather not say"): say why we ask, then ask once more."""

PROBLEM_CODES = frozenset(
    {
        UNKNOWN_PROBLEM,
        RESULT_PENDING,
        FOR_THE_STUDY_TEAM,
        ASKS_WHAT_IT_MEANS,
        DECLINED,
        MIXED_READINGS_DIFFER,
        "answer.too_long",  # longer than any answer (the channels refuse such messages first)
        "answer.not_words",  # markup, SQL, code or scientific notation: no value is read from it
        "dose.in_cycles",  # "20mg, 4 days on then 4 days off": no one amount a day, asked again
        "number.doubtful",  # a bare number implausible as written ("platelets 7.2"): ask with the unit
        # numbers (integer and number facts)
        "number.missing",  # no number in the answer
        "number.ambiguous",  # several different numbers, or a range ("70-80")
        "number.inexact",  # "under 50", "more than 100"
        "number.not_whole",  # "1.5" for a count
        "number.wrong_unit",  # a unit we know, but not one this fact can be given in ("85 mg/dL" for Hb)
        "number.unit_mismatch",  # a unit this fact can take, but implausible as written ("72 per µL")
        "number.other_lab",  # only the value of a lab no question asks about ("eGFR was 85" for creatinine)
        "number.out_of_range",  # outside the fact's minimum/maximum after unit conversion
        "steroid.other_drug",  # a steroid dose for a drug other than prednisone/prednisolone
        # ages
        "age.out_of_range",
        # booleans
        "boolean.unclear",
        "boolean.refrain_unclear",  # a lone "no" to "willing not to ...?": no to which?
        # choices
        "choice.no_match",
        "choice.ambiguous",  # several choices for a one-choice fact, or "none" together with others
        # dates
        "date.unclear",
        "date.in_future",
        "date.day_or_month",  # "07/08/2026" with nothing to say which figure is the month
        "date.too_vague",  # "this month", "2026": too coarse to place against a time window
        "date.never_not_allowed",  # "never" for a date fact that cannot be never
        # contact details
        "phone.invalid",
        "phone.too_short",
        "phone.too_long",
        "phone.not_a_number",
        "phone.ambiguous",  # more than one phone number in the message
        "email.invalid",
        "email.no_at_sign",
        "email.bad_domain",
        "email.bad_local_part",
        "email.too_long",
    }
)


@dataclass(frozen=True)
class Parsed:
    """The outcome of reading one answer.

    `value` is canonical and ready for `bot.facts` (a number in the fact's canonical unit, a bool, a
    choice value, a list of choice values, a `datetime.date` or "never"). `unit` is the registry unit
    the number was read in (said, or assumed by a bare-number rule), None for the canonical unit or
    when there is no unit. `said` is the person's own words. `problem` is a code from
    `PROBLEM_CODES` whenever `status` is not "value".
    """

    status: Status
    value: Any = None
    unit: str | None = None
    said: str = ""
    problem: str | None = None
    sure: bool = False
    """Beyond doubt: the whole answer was one plain word or value ("no", "72"), so even an answer
    that excludes needs no read-back."""
    alternatives: tuple[Any, ...] = ()
    """Other values the words could equally mean ("turning 18 next week": 17 today, 18 at consent);
    the conversation records unknown when they would change an outcome."""

    @property
    def ok(self) -> bool:
        """True when there is a value."""
        return self.status == "value"


def value(result: Any, said: str, unit: str | None = None) -> Parsed:
    """A successful parse."""
    return Parsed("value", result, unit, said, None)


def unknown(said: str, problem: str = UNKNOWN_PROBLEM) -> Parsed:
    """The person does not know (`RESULT_PENDING`: not yet, the result it rests on is still to come)."""
    return Parsed("unknown", None, None, said, problem)


def unclear(said: str, problem: str) -> Parsed:
    """We could not read a value; `problem` says why."""
    return Parsed("unclear", None, None, said, problem)


def out_of_range(said: str, problem: str, result: Any = None, unit: str | None = None) -> Parsed:
    """A value was read but is implausible; it is kept in `value` for the conversation to quote."""
    return Parsed("out_of_range", result, unit, said, problem)

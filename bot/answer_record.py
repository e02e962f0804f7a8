"""One answer, in one typed shape from the message to the export.

The conversation's `answers` slot, the engine's facts, the lead, every export and the dashboard
all hold an answer as an `AnswerRecord`: the value in the fact's canonical unit, that unit, the
unit and words as the person said them, how it was understood, and the question as shown. Unit
conversion and range checks happen once, in the facts registry (`bot.facts.coerce_value`), before
a record is made; `shown` is the one place that turns a record into words, so a platelet count of
72 ×10⁹/L can no longer be shown with the unit the person typed ("72 /uL").
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any, Literal

from pydantic import BaseModel, Extra

from bot.facts import UNKNOWN, FactDefinition
from bot.messages import message
from bot.parsing import Parsed

How = Literal["button", "parsed", "confirmed", "volunteered", "not_answered", "given"]
"""How an answer was understood: a button press; parsed from free text; parsed, read back and
confirmed; volunteered in an answer to another question; not answered after the question was asked
twice (recorded as unknown); or given directly (a facts file, an older record)."""


class AnswerRecord(BaseModel, extra=Extra.ignore):
    value: Any
    unit: str | None = None
    """The fact's canonical unit (bot/facts.yaml), whatever unit the person used."""
    unit_said: str | None = None
    """The registry unit the number was read in, when it was not the canonical one ("/uL")."""
    said: str | None = None
    how: How = "given"
    question: str = ""
    answered_at: str | None = None

    @classmethod
    def from_parsed(
        cls,
        fact: FactDefinition,
        parsed: Parsed,
        question: str,
        how: How,
        now: datetime | None = None,
    ) -> AnswerRecord:
        """The record of a parser's reading; anything but a value is recorded as unknown."""
        value = parsed.value if parsed.status == "value" else UNKNOWN
        return cls(
            value=value.isoformat() if isinstance(value, date) else value,
            unit=fact.unit if value != UNKNOWN else None,
            unit_said=parsed.unit if value != UNKNOWN else None,
            said=parsed.said,
            how=how,
            question=question,
            answered_at=(now or datetime.now(timezone.utc)).isoformat(timespec="seconds"),
        )

    def shown(self, fact: FactDefinition | None = None, language: str = "en") -> str:
        """The value in words, with the canonical unit: "72 ×10⁹/L", "yes", "ECOG 1: ...", "don't know"."""
        value = self.value
        if value in (None, UNKNOWN):
            return message("answer.dont_know", language)
        if isinstance(value, bool):
            return message("answer.yes" if value else "answer.no", language)
        if fact is not None and fact.type in ("choice", "choices"):
            values = value if isinstance(value, list) else [value]
            return ", ".join(fact.choice_label(v, language) for v in values) or message(
                "answer.none", language
            )
        if isinstance(value, list):
            return ", ".join(str(v).replace("_", " ") for v in value) or message("answer.none", language)
        text = (
            str(value).replace("_", " ")
            if isinstance(value, str)
            else f"{value:g}"
            if isinstance(value, float)
            else str(value)
        )
        unit = self.unit if self.unit not in (None, "years") else None
        return f"{text} {unit}" if unit else text


def upgraded(record: dict[str, Any], fact: FactDefinition | None) -> dict[str, Any]:
    """An answer stored before records were typed (its `unit` was the unit said, not the
    canonical one) in today's shape; a record already in today's shape comes back unchanged."""
    if "how" in record:
        return record
    canonical = fact.unit if fact is not None else None
    said_unit = record.get("unit")
    upgraded_record = dict(record)
    upgraded_record["unit"] = canonical if record.get("value") not in (None, UNKNOWN) else None
    upgraded_record["unit_said"] = said_unit if said_unit != canonical else None
    upgraded_record["how"] = "parsed" if record.get("said") else "given"
    upgraded_record.setdefault("question", "")
    return upgraded_record


def answer_in_words(fact_id: str, given: Any, language: str = "en") -> str:
    """How an answer was understood, for people reading a lead (dashboard, CLI): the value with its
    canonical unit, the unit said when it was another, and how it was understood when it was not
    simply parsed ("72 ×10⁹/L (said in /uL)", "no (read back and confirmed)")."""
    from bot.facts import default_registry

    registry = default_registry()
    fact = registry.get(fact_id)
    record = AnswerRecord.parse_obj(upgraded(given if isinstance(given, dict) else {"value": given}, fact))
    text = record.shown(fact, language)
    notes = []
    if record.unit_said and record.value not in (None, UNKNOWN):
        notes.append(message("answer.said_in", language, unit=record.unit_said))
    if record.how in HOW_NOTED:
        notes.append(message(f"answer.how.{record.how}", language))
    return f"{text} ({'; '.join(notes)})" if notes else text


HOW_NOTED = ("button", "confirmed", "volunteered", "not_answered")
"""The ways of understanding an answer worth a note beside it (plainly parsed needs none)."""

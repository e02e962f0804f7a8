"""One typed answer record from the message to the export: canonical value and unit, the unit and
words said, how it was understood; shown in words in one place."""

from __future__ import annotations

from datetime import date

from bot import conversation
from bot.answer_record import AnswerRecord, answer_in_words, upgraded
from bot.facts import default_registry, parse_facts
from bot.parsing import parse_answer

TODAY = date(2026, 12, 3)
REGISTRY = default_registry()


def test_a_count_said_per_microlitre_is_kept_in_the_canonical_unit_with_the_unit_said():
    parsed = parse_answer(REGISTRY["platelet_count"], "72,000 per microlitre", TODAY)
    answers = conversation.record_answer(None, "platelet_count", parsed, "Platelets?", how="parsed")
    record = answers["platelet_count"]
    assert (record["value"], record["unit"], record["unit_said"]) == (72, "×10⁹/L", "/uL")
    assert answer_in_words("platelet_count", record) == "72 ×10⁹/L (said in /uL)"
    assert parse_facts({"platelet_count": record}, TODAY).value("platelet_count") == 72


def test_how_an_answer_was_understood_is_shown():
    parsed = parse_answer(REGISTRY["willing_contraception"], "I'd rather not", TODAY)
    record = conversation.record_answer(None, "willing_contraception", parsed, "q", how="confirmed")
    assert answer_in_words("willing_contraception", record["willing_contraception"]) == (
        "no (read back and confirmed)"
    )


def test_an_unknown_is_shown_as_dont_know_without_a_unit():
    parsed = parse_answer(REGISTRY["haemoglobin"], "no idea", TODAY)
    record = conversation.record_answer(None, "haemoglobin", parsed, "q")["haemoglobin"]
    assert record["unit"] is None and answer_in_words("haemoglobin", record) == "don't know"


def test_choices_are_shown_by_their_labels():
    record = AnswerRecord(value=["chemotherapy", "radiotherapy"], how="button")
    assert record.shown(REGISTRY["cancer_treatments"]) == "Chemotherapy, Radiotherapy"


def test_a_record_stored_before_typing_is_upgraded_once():
    old = {"value": 72, "unit": "/uL", "said": "72,000", "question": "q"}
    new = upgraded(old, REGISTRY["platelet_count"])
    assert (new["unit"], new["unit_said"], new["how"]) == ("×10⁹/L", "/uL", "parsed")
    assert upgraded(new, REGISTRY["platelet_count"]) == new

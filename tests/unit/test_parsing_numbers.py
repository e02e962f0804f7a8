"""Numbers and lab values as people type them: digits, words, thousands, units, bare-number rules."""

from __future__ import annotations

from datetime import date

import pytest

from bot.facts import default_registry
from bot.parsing import parse_answer
from bot.parsing.numbers import BARE_NUMBER_RULES, EXTRA_UNIT_SPELLINGS, SAID_UNIT_MINIMUM

TODAY = date(2026, 11, 21)
REGISTRY = default_registry()


def read(fact_id: str, text: str):
    return parse_answer(REGISTRY[fact_id], text, TODAY)


VALUES = [
    # platelets: every way of saying 72 ×10⁹/L
    pytest.param("platelet_count", "72", 72, id="plt-bare-72"),
    pytest.param("platelet_count", "72k", 72, id="plt-72k"),
    pytest.param("platelet_count", "72 k", 72, id="plt-72-space-k"),
    pytest.param("platelet_count", "72,000", 72, id="plt-72,000"),
    pytest.param("platelet_count", "72000", 72, id="plt-72000-bare-per-uL"),
    pytest.param("platelet_count", "72 000", 72, id="plt-72-space-000"),
    pytest.param("platelet_count", "72 thousand", 72, id="plt-72-thousand"),
    pytest.param("platelet_count", "seventy two thousand", 72, id="plt-words-thousand"),
    pytest.param("platelet_count", "72,000 per microliter", 72, id="plt-per-microliter"),
    pytest.param("platelet_count", "72,000 per microlitre", 72, id="plt-per-microlitre"),
    pytest.param("platelet_count", "72000/uL", 72, id="plt-slash-uL"),
    pytest.param("platelet_count", "72,000 /µL", 72, id="plt-slash-micro-sign"),
    pytest.param("platelet_count", "72000 per ul", 72, id="plt-per-ul"),
    pytest.param("platelet_count", "72,000/mm³", 72, id="plt-per-mm3-superscript"),
    pytest.param("platelet_count", "72000 per mm3", 72, id="plt-per-mm3"),
    pytest.param("platelet_count", "72 ×10^9/L", 72, id="plt-times-10^9/L"),
    pytest.param("platelet_count", "72 ×10⁹/L", 72, id="plt-superscript-10^9/L"),
    pytest.param("platelet_count", "72 x10^9/L", 72, id="plt-x10^9/L"),
    pytest.param("platelet_count", "72 10^9/L", 72, id="plt-10^9/L"),
    pytest.param("platelet_count", "72 x 10^9 per litre", 72, id="plt-x-10^9-per-litre"),
    pytest.param("platelet_count", "72 G/L", 72, id="plt-G/L"),
    pytest.param("platelet_count", "72 k/uL", 72, id="plt-k/uL"),
    pytest.param("platelet_count", "72 x10^3/uL", 72, id="plt-10^3/uL"),
    pytest.param("platelet_count", "about 70", 70, id="plt-about-70"),
    pytest.param("platelet_count", "around 45", 45, id="plt-around-45"),
    pytest.param("platelet_count", "it was 72 two weeks ago", 72, id="plt-ignores-weeks-ago"),
    pytest.param("platelet_count", "72, checked on 3 March", 72, id="plt-ignores-a-date"),
    pytest.param("platelet_count", "7.2 x10^9/L", 7.2, id="plt-7.2-with-its-unit-stays-7.2"),
    pytest.param("platelet_count", "1,500,000", 1500, id="plt-1.5-million-per-uL"),
    pytest.param("platelet_count", "1.5 lakh", 150, id="plt-lakh"),
    # haemoglobin
    pytest.param("haemoglobin", "8.5", 85, id="hb-bare-8.5-is-g/dL"),
    pytest.param("haemoglobin", "8.5 g/dL", 85, id="hb-8.5-g/dL"),
    pytest.param("haemoglobin", "8.5 g/dl", 85, id="hb-8.5-g/dl-lower"),
    pytest.param("haemoglobin", "8,5 g/dL", 85, id="hb-decimal-comma"),
    pytest.param("haemoglobin", "8.5 grams per decilitre", 85, id="hb-grams-per-decilitre"),
    pytest.param("haemoglobin", "eight point five", 85, id="hb-words-point"),
    pytest.param("haemoglobin", "85", 85, id="hb-bare-85-is-g/L"),
    pytest.param("haemoglobin", "85 g/L", 85, id="hb-85-g/L"),
    pytest.param("haemoglobin", "Hb was 110 g/l", 110, id="hb-110-with-words"),
    pytest.param("haemoglobin", "24.9", 249, id="hb-bare-24.9-is-g/dL"),
    pytest.param("haemoglobin", "25 g/L", 25, id="hb-25-g/L-said"),
    pytest.param("haemoglobin", "5 mmol/L", 80.55, id="hb-mmol/L"),
    # CD3+
    pytest.param("cd3_count", "1.2", 1.2, id="cd3-bare-1.2"),
    pytest.param("cd3_count", "0.5 x10^9/L", 0.5, id="cd3-x10^9/L"),
    pytest.param("cd3_count", "0.5 ×10⁹/L", 0.5, id="cd3-superscript"),
    pytest.param("cd3_count", "500", 0.5, id="cd3-bare-500-is-cells/uL"),
    pytest.param("cd3_count", "500 cells/uL", 0.5, id="cd3-cells/uL"),
    pytest.param("cd3_count", "1200 cells per microlitre", 1.2, id="cd3-cells-per-microlitre"),
    pytest.param("cd3_count", "1200/µL", 1.2, id="cd3-per-micro-sign"),
    pytest.param("cd3_count", "49", 49, id="cd3-bare-49-is-10^9/L"),
    # creatinine
    pytest.param("creatinine", "90", 90, id="creat-bare-90"),
    pytest.param("creatinine", "90 µmol/L", 90, id="creat-umol-micro-sign"),
    pytest.param("creatinine", "90 umol/l", 90, id="creat-umol/l"),
    pytest.param("creatinine", "90 micromoles per litre", 90, id="creat-micromoles-per-litre"),
    pytest.param("creatinine", "1.0 mg/dL", 88.4, id="creat-mg/dL"),
    pytest.param("creatinine", "1.2", 106.08, id="creat-bare-1.2-is-mg/dL"),
    # ejection fraction and steroid dose
    pytest.param("ejection_fraction", "55%", 55, id="ef-percent-sign"),
    pytest.param("ejection_fraction", "55 percent", 55, id="ef-percent-word"),
    pytest.param("ejection_fraction", "fifty-five", 55, id="ef-words"),
    pytest.param("daily_steroid_dose", "20 mg", 20, id="steroid-20-mg"),
    pytest.param("daily_steroid_dose", "20 milligrams a day", 20, id="steroid-milligrams"),
    pytest.param("daily_steroid_dose", "I take 10mg prednisone daily", 10, id="steroid-prednisone-sentence"),
    pytest.param("daily_steroid_dose", "7.5", 7.5, id="steroid-bare-decimal"),
    # counts
    pytest.param("aml_relapse_count", "0", 0, id="relapses-0"),
    pytest.param("aml_relapse_count", "two", 2, id="relapses-word"),
    pytest.param("aml_relapse_count", "once", 1, id="relapses-once"),
    pytest.param("aml_relapse_count", "twice", 2, id="relapses-twice"),
    pytest.param("aml_relapse_count", "3 times", 3, id="relapses-3-times"),
    pytest.param("aml_relapse_count", "never", 0, id="relapses-never"),
    pytest.param("aml_relapse_count", "no, it hasn't", 0, id="relapses-no"),
]


@pytest.mark.parametrize("fact_id, text, expected", VALUES)
def test_numbers_are_read_in_the_canonical_unit(fact_id, text, expected):
    parsed = read(fact_id, text)
    assert parsed.status == "value", parsed
    assert parsed.value == pytest.approx(expected)
    assert parsed.said == text


UNITS_USED = [
    pytest.param("platelet_count", "72", None, id="plt-bare-canonical"),
    pytest.param("platelet_count", "72000", "/uL", id="plt-bare-thousands-assumed-per-uL"),
    pytest.param("platelet_count", "72 G/L", "G/L", id="plt-G/L"),
    pytest.param("haemoglobin", "8.5", "g/dL", id="hb-bare-assumed-g/dL"),
    pytest.param("haemoglobin", "85 g/L", None, id="hb-canonical-said"),
    pytest.param("creatinine", "1.0 mg/dL", "mg/dL", id="creat-mg/dL"),
]


@pytest.mark.parametrize("fact_id, text, unit", UNITS_USED)
def test_the_unit_read_is_reported(fact_id, text, unit):
    assert read(fact_id, text).unit == unit


NOT_VALUES = [
    pytest.param("platelet_count", "40 or 80", "unclear", "number.ambiguous", id="either-or-far-apart"),
    pytest.param("platelet_count", "72 or maybe 90", "unclear", "number.ambiguous", id="two-numbers"),
    pytest.param("platelet_count", "under 50", "unclear", "number.inexact", id="under-50"),
    pytest.param("platelet_count", "more than 100", "unclear", "number.inexact", id="more-than-100"),
    pytest.param("platelet_count", "<30", "unclear", "number.inexact", id="less-than-sign"),
    pytest.param("platelet_count", "low", "unclear", "number.missing", id="no-number"),
    pytest.param(
        "platelet_count", "72 per microlitre", "unclear", "number.unit_mismatch", id="plt-72-per-uL"
    ),
    pytest.param("haemoglobin", "85 mg/dL", "unclear", "number.wrong_unit", id="hb-wrong-unit"),
    pytest.param("platelet_count", "-5", "out_of_range", "number.out_of_range", id="plt-negative"),
    pytest.param("platelet_count", "7.2", "out_of_range", "number.doubtful", id="plt-7.2-more-likely-72"),
    pytest.param("platelet_count", "0", "out_of_range", "number.doubtful", id="plt-zero"),
    pytest.param("haemoglobin", "6", "out_of_range", "number.doubtful", id="hb-6-asked-with-its-unit"),
    pytest.param("haemoglobin", "25", "out_of_range", "number.doubtful", id="hb-bare-25"),
    pytest.param("platelet_count", "2500 G/L", "out_of_range", "number.out_of_range", id="plt-too-high"),
    pytest.param("haemoglobin", "300 g/L", "out_of_range", "number.out_of_range", id="hb-too-high"),
    pytest.param("cd3_count", "60 x10^9/L", "out_of_range", "number.out_of_range", id="cd3-too-high"),
    pytest.param("aml_relapse_count", "1.5", "unclear", "number.not_whole", id="relapses-not-whole"),
    pytest.param("aml_relapse_count", "25", "out_of_range", "number.out_of_range", id="relapses-too-many"),
    pytest.param(
        "daily_steroid_dose", "budesonide 9 mg", "unclear", "steroid.other_drug", id="steroid-no-equivalence"
    ),
    pytest.param(
        "daily_steroid_dose", "prednisone 10 and dex 4", "unclear", "steroid.other_drug", id="two-steroids"
    ),
]


@pytest.mark.parametrize(
    "text, prednisone_mg",
    [
        ("dexamethasone 4 mg", 26.67),
        ("8 mg methylprednisolone", 10),
        ("hydrocortisone 20mg a day", 5),
        ("prednisolone 15 mg", 15),
        ("I take 20 mg of prednisone every day", 20),
    ],
)
def test_other_steroids_are_converted_to_prednisone_by_the_registry_table(text, prednisone_mg):
    parsed = read("daily_steroid_dose", text)
    assert parsed.ok and parsed.value == pytest.approx(prednisone_mg, abs=0.01), parsed


@pytest.mark.parametrize("fact_id, text, status, problem", NOT_VALUES)
def test_doubtful_numbers_are_not_guessed(fact_id, text, status, problem):
    parsed = read(fact_id, text)
    assert (parsed.status, parsed.problem) == (status, problem), parsed


@pytest.mark.parametrize(
    "fact_id, text, low, high",
    [
        ("platelet_count", "70-80", 70, 80),
        ("platelet_count", "between 70 and 80", 70, 80),
        ("ejection_fraction", "LVEF 45 to 50 %", 45, 50),
        ("ejection_fraction", "在40和45之间", 40, 45),
        ("haemoglobin", "9.5~10", 95, 100),
    ],
)
def test_a_range_is_its_middle_with_the_ends_as_alternatives(fact_id, text, low, high):
    """The conversation records unknown when the two ends would give different outcomes, so a range
    that straddles a study's limit is left to the study team (actions/prescreen_form.py)."""
    parsed = read(fact_id, text)
    assert parsed.ok and parsed.value == pytest.approx((low + high) / 2), parsed
    assert sorted(parsed.alternatives) == [low, high] and not parsed.sure


@pytest.mark.parametrize("text", ["2500", "4,000"])
def test_a_low_count_per_microlitre_is_taken_but_read_back(text):
    """Its size says the unit (per µL), so it is no typo for a small number; but 2.5 ×10⁹/L is low
    enough to exclude, so it is never beyond doubt and is read back first."""
    parsed = read("platelet_count", text)
    assert parsed.ok and parsed.value == int(text.replace(",", "")) / 1000 and not parsed.sure, parsed


@pytest.mark.parametrize(
    "text", ["only 6, they're giving her platelets", "down to 9 on Friday", "血小板才7个", "个位数，8"]
)
def test_a_low_count_said_to_be_low_is_meant_not_a_slip(text):
    """Words that stress a value is low (`said_to_be_low`) lift the doubt a bare "7" would raise;
    the value is still read back before it excludes."""
    parsed = read("platelet_count", text)
    assert parsed.ok and parsed.value < 10 and not parsed.sure, parsed


@pytest.mark.parametrize(
    ("fact_id", "text", "meant"),
    [
        ("platelet_count", "PLT62 on tuesday", 62),
        ("ejection_fraction", "LVEF55%", 55),
        ("ejection_fraction", "52%，三个礼拜前查的", 52),  # a length of time is not a second value
        ("haemoglobin", "HGB 91, 2 weeks ago it was 80... no, 91 is the latest", 91),
    ],
)
def test_a_lab_name_glued_to_its_value_and_a_time_beside_it(fact_id, text, meant):
    parsed = read(fact_id, text)
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(("text", "percent"), [("0.55", 55), ("EF 0.40", 40)])
def test_an_ejection_fraction_printed_as_a_fraction_is_a_percentage(text, percent):
    """Chinese echo reports print 0.55; no heart pumps out under 1 %. Inferred, so never beyond
    doubt: an excluding value is read back."""
    parsed = read("ejection_fraction", text)
    assert parsed.ok and parsed.value == percent and not parsed.sure, parsed


def test_from_one_number_to_another_is_a_change_not_a_range():
    parsed = read("ejection_fraction", "it went from 60 to 45 after the chemo")
    assert parsed.ok and parsed.value == 45 and not parsed.alternatives, parsed


def test_out_of_range_keeps_the_value_read():
    parsed = read("platelet_count", "2500 G/L")
    assert parsed.value == 2500


@pytest.mark.parametrize("fact_id", sorted(BARE_NUMBER_RULES))
def test_bare_number_rules_name_a_registry_unit(fact_id):
    assert BARE_NUMBER_RULES[fact_id].unit in REGISTRY[fact_id].units


@pytest.mark.parametrize("fact_id", sorted(set(EXTRA_UNIT_SPELLINGS) | set(SAID_UNIT_MINIMUM)))
def test_extra_unit_tables_name_registry_units(fact_id):
    fact = REGISTRY[fact_id]
    named = set(EXTRA_UNIT_SPELLINGS.get(fact_id, {}).values()) | set(SAID_UNIT_MINIMUM.get(fact_id, {}))
    assert named <= {fact.unit, *fact.units}

"""Several facts from one message, and nothing filled that the message does not plainly state."""

from __future__ import annotations

from datetime import date

import pytest

from bot.facts import default_registry
from bot.parsing import extract_facts

TODAY = date(2026, 11, 21)
REGISTRY = default_registry()

MESSAGES = [
    pytest.param(
        "I'm a 47 year old woman with breast cancer on chemo and my platelets are 70",
        {
            "age": 47,
            "sex": "female",
            "diagnosis": "solid_tumour",
            "cancer_treatments": ["chemotherapy"],
            "platelet_count": 70,
        },
        id="the-example",
    ),
    pytest.param(
        "I'm a 65-year-old man with lung cancer; platelets 80k; I've had immunotherapy (keytruda)",
        {
            "age": 65,
            "sex": "male",
            "diagnosis": "solid_tumour",
            "cancer_treatments": ["immunotherapy"],
            "platelet_count": 80,
        },
        id="man-lung-80k",
    ),
    pytest.param(
        "born in 1971, male, lymphoma, had chemo and radiotherapy",
        {
            "age": 55,
            "sex": "male",
            "diagnosis": "lymphoma",
            "cancer_treatments": ["chemotherapy", "radiotherapy"],
        },
        id="born-in-1971-list",
    ),
    pytest.param(
        "I'm forty-seven, female, with AML. I had a stem cell transplant and now I have GVHD",
        {"age": 47, "sex": "female", "diagnosis": "aml", "stem_cell_transplant": True, "gvhd": True},
        id="aml-transplant-gvhd",
    ),
    pytest.param(
        "He has AML. His platelets are 45,000 and Hb 8.5",
        {"diagnosis": "aml", "platelet_count": 45, "haemoglobin": 85},
        id="proxy-labs-with-bare-rules",
    ),
    pytest.param(
        "no heart failure, hb 95 g/L, platelets 72 x10^9/L",
        {"heart_failure": False, "haemoglobin": 95, "platelet_count": 72},
        id="denied-condition-and-labs",
    ),
    pytest.param(
        "I'm 55 and have myeloma. creatinine 1.2 mg/dL, EF 55%",
        {"age": 55, "diagnosis": "other_cancer", "creatinine": 106.08, "ejection_fraction": 55},
        id="myeloma-creatinine-ef",
    ),
    pytest.param("I'm pregnant", {"pregnant": True}, id="pregnant"),
    pytest.param("I'm 12 weeks pregnant", {"pregnant": True}, id="weeks-pregnant"),
    pytest.param(
        "I am not pregnant and not breastfeeding", {"pregnant": False, "breastfeeding": False}, id="neither"
    ),
    pytest.param("I'm breastfeeding my baby", {"breastfeeding": True}, id="breastfeeding"),
    pytest.param("I had a stem cell transplant", {"stem_cell_transplant": True}, id="transplant-yes"),
    pytest.param(
        "I have never had a stem cell transplant", {"stem_cell_transplant": False}, id="transplant-no"
    ),
    pytest.param("She had a bone marrow transplant in 2020", {"stem_cell_transplant": True}, id="bmt"),
    pytest.param("I've been diagnosed with heart failure", {"heart_failure": True}, id="heart-failure"),
    pytest.param("I'm HIV positive", {"hiv_or_aids": True}, id="hiv-positive"),
    pytest.param("platelet count is 72,000 per microliter", {"platelet_count": 72}, id="platelets-per-uL"),
    pytest.param("I don't have cancer, I'm asking for a friend", {"diagnosis": "no_cancer"}, id="no-cancer"),
    pytest.param("aged 47, no chemo yet", {"age": 47}, id="negated-treatment-not-filled"),
]


@pytest.mark.parametrize("text, expected", MESSAGES)
def test_facts_in_one_message(text, expected):
    found = extract_facts(text, TODAY, REGISTRY)
    assert {k: v.value for k, v in found.items()} == expected
    assert all(p.status == "value" and p.said == text for p in found.values())


NOTHING = [
    pytest.param("hello", id="greeting"),
    pytest.param("My mother had breast cancer. I have lymphoma", id="two-diagnoses-one-a-relative"),
    pytest.param("family history of breast cancer", id="family-history"),
    pytest.param("She is trying to get pregnant", id="trying-to-get-pregnant"),
    pytest.param("I listen to the radio a lot", id="radio-is-not-radiotherapy"),
    pytest.param("my platelets were 20 and then 50", id="two-platelet-counts"),
    pytest.param("I'm 47 kg", id="weight-is-not-age"),
    pytest.param("they might give him chemo next month", id="planned-treatment"),
    pytest.param("could it be leukaemia?", id="a-question"),
    pytest.param("I have no cancer treatment yet", id="no-cancer-treatment-is-not-no-cancer"),
    pytest.param("platelets 72 last week but 50 today", id="two-platelet-counts-with-but"),
    pytest.param("I had a kidney transplant", id="kidney-transplant-is-not-stem-cell"),
    pytest.param("heart failure runs in the family", id="family-heart-failure"),
]


@pytest.mark.parametrize("text", NOTHING)
def test_nothing_is_filled_from_vague_or_hearsay_messages(text):
    assert extract_facts(text, TODAY, REGISTRY) == {}


def test_only_facts_in_the_registry_are_filled():
    from bot.facts import Registry

    small = Registry({"age": REGISTRY["age"]})
    found = extract_facts("I'm a 47 year old woman with breast cancer", TODAY, small)
    assert {k: v.value for k, v in found.items()} == {"age": 47}


def test_lab_units_are_reported():
    found = extract_facts("Hb 8.5, platelets 72000", TODAY, REGISTRY)
    assert (found["haemoglobin"].unit, found["platelet_count"].unit) == ("g/dL", "/uL")

"""Choices: labels (button payloads), values, synonyms, misspellings, negation, several at once."""

from __future__ import annotations

from datetime import date

import pytest

from bot.facts import default_registry
from bot.parsing import parse_answer

TODAY = date(2026, 11, 21)
REGISTRY = default_registry()


def read(fact_id: str, text: str):
    return parse_answer(REGISTRY[fact_id], text, TODAY)


LABELS = [
    pytest.param(fact.id, choice.value, id=f"{fact.id}-{choice.value}")
    for fact in REGISTRY
    if fact.type in ("choice", "choices")
    for choice in fact.choices
]


@pytest.mark.parametrize("fact_id, value", LABELS)
def test_every_label_parses_to_its_choice(fact_id, value):
    fact = REGISTRY[fact_id]
    parsed = read(fact_id, fact.choice_label(value))
    expected = [value] if fact.type == "choices" else value
    assert (parsed.status, parsed.value) == ("value", expected), parsed


ONE_CHOICE = [
    # diagnosis
    pytest.param("diagnosis", "breast cancer", "solid_tumour", id="dx-breast"),
    pytest.param("diagnosis", "Lung cancer", "solid_tumour", id="dx-lung"),
    pytest.param("diagnosis", "bowel cancer", "solid_tumour", id="dx-bowel"),
    pytest.param("diagnosis", "colon cancer", "solid_tumour", id="dx-colon"),
    pytest.param("diagnosis", "prostate cancer", "solid_tumour", id="dx-prostate"),
    pytest.param("diagnosis", "pancreatic cancer", "solid_tumour", id="dx-pancreatic"),
    pytest.param("diagnosis", "stomach cancer", "solid_tumour", id="dx-stomach"),
    pytest.param("diagnosis", "liver cancer", "solid_tumour", id="dx-liver"),
    pytest.param("diagnosis", "cancer of the breast", "solid_tumour", id="dx-cancer-of-the-breast"),
    pytest.param("diagnosis", "sarcoma", "solid_tumour", id="dx-sarcoma"),
    pytest.param("diagnosis", "melanoma", "solid_tumour", id="dx-melanoma"),
    pytest.param("diagnosis", "a brain tumour", "solid_tumour", id="dx-tumour"),
    pytest.param("diagnosis", "tumor", "solid_tumour", id="dx-tumor-us"),
    pytest.param("diagnosis", "lymphoma", "lymphoma", id="dx-lymphoma"),
    pytest.param("diagnosis", "Hodgkin's", "lymphoma", id="dx-hodgkins"),
    pytest.param("diagnosis", "non-Hodgkin lymphoma", "lymphoma", id="dx-non-hodgkin"),
    pytest.param("diagnosis", "NHL", "lymphoma", id="dx-NHL"),
    pytest.param("diagnosis", "DLBCL", "lymphoma", id="dx-DLBCL"),
    pytest.param("diagnosis", "AML", "aml", id="dx-AML"),
    pytest.param("diagnosis", "acute myeloid leukemia", "aml", id="dx-aml-us"),
    pytest.param("diagnosis", "acute myeloid leukaemia", "aml", id="dx-aml-uk"),
    pytest.param("diagnosis", "AML, a kind of leukaemia", "aml", id="dx-aml-beats-generic-leukaemia"),
    pytest.param("diagnosis", "ALL", "other_leukaemia", id="dx-ALL-capitals"),
    pytest.param("diagnosis", "CLL", "other_leukaemia", id="dx-CLL"),
    pytest.param("diagnosis", "CML", "other_leukaemia", id="dx-CML"),
    pytest.param("diagnosis", "myeloma", "other_cancer", id="dx-myeloma"),
    pytest.param("diagnosis", "MDS", "other_cancer", id="dx-MDS"),
    pytest.param("diagnosis", "no cancer", "no_cancer", id="dx-no-cancer"),
    pytest.param("diagnosis", "I don't have cancer", "no_cancer", id="dx-dont-have-cancer"),
    pytest.param("diagnosis", "lymfoma", "lymphoma", id="dx-misspelt-lymphoma"),
    pytest.param("diagnosis", "chronic lymphocytic leukimia", "other_leukaemia", id="dx-misspelt-leukaemia"),
    pytest.param("diagnosis", "not lymphoma, it's AML", "aml", id="dx-negated-then-named"),
    pytest.param("diagnosis", "solid_tumour", "solid_tumour", id="dx-value-itself"),
    # sex
    pytest.param("sex", "woman", "female", id="sex-woman"),
    pytest.param("sex", "female", "female", id="sex-female"),
    pytest.param("sex", "F", "female", id="sex-F"),
    pytest.param("sex", "lady", "female", id="sex-lady"),
    pytest.param("sex", "girl", "female", id="sex-girl"),
    pytest.param("sex", "she's a woman", "female", id="sex-proxy-woman"),
    pytest.param("sex", "man", "male", id="sex-man"),
    pytest.param("sex", "Male", "male", id="sex-male"),
    pytest.param("sex", "m", "male", id="sex-m"),
    pytest.param("sex", "guy", "male", id="sex-guy"),
    # ECOG
    pytest.param("ecog", "0", 0, id="ecog-0"),
    pytest.param("ecog", "4", 4, id="ecog-4"),
    pytest.param("ecog", "ECOG 1", 1, id="ecog-ECOG-1"),
    pytest.param("ecog", "ecog score of 2", 2, id="ecog-score-of-2"),
    pytest.param("ecog", "one", 1, id="ecog-word"),
    pytest.param("ecog", "fully active", 0, id="ecog-fully-active"),
    pytest.param("ecog", "normal", 0, id="ecog-normal"),
    pytest.param("ecog", "light work", 1, id="ecog-light-work"),
    pytest.param("ecog", "I can't do heavy work", 1, id="ecog-cant-do-heavy-work"),
    pytest.param("ecog", "up and about more than half the day", 2, id="ecog-up-and-about"),
    pytest.param("ecog", "he can't work", 2, id="ecog-cant-work"),
    pytest.param("ecog", "in bed more than half the day", 3, id="ecog-bed-more-than-half"),
    pytest.param("ecog", "bedbound", 4, id="ecog-bedbound"),
    pytest.param("ecog", "in bed all day", 4, id="ecog-in-bed-all-day"),
    pytest.param("ecog", "she is bedridden", 4, id="ecog-bedridden"),
    # heart failure limitation
    pytest.param("heart_failure_limitation", "not limited", 1, id="nyha-not-limited"),
    pytest.param("heart_failure_limitation", "not at all", 1, id="nyha-not-at-all"),
    pytest.param("heart_failure_limitation", "a little", 2, id="nyha-a-little"),
    pytest.param("heart_failure_limitation", "a lot", 3, id="nyha-a-lot"),
    pytest.param("heart_failure_limitation", "even at rest", 4, id="nyha-even-at-rest"),
    pytest.param("heart_failure_limitation", "NYHA class III", 3, id="nyha-roman"),
    pytest.param("heart_failure_limitation", "2", 2, id="nyha-digit"),
]


@pytest.mark.parametrize("fact_id, text, expected", ONE_CHOICE)
def test_one_choice(fact_id, text, expected):
    parsed = read(fact_id, text)
    assert (parsed.status, parsed.value) == ("value", expected), parsed


TREATMENTS = [
    pytest.param("chemo", ["chemotherapy"], id="chemo"),
    pytest.param("chemotherapy", ["chemotherapy"], id="chemotherapy"),
    pytest.param("chemotheraphy", ["chemotherapy"], id="misspelt"),
    pytest.param("immunotherapy", ["immunotherapy"], id="immunotherapy"),
    pytest.param("PD-1", ["immunotherapy"], id="PD-1"),
    pytest.param("Keytruda", ["immunotherapy"], id="keytruda"),
    pytest.param("targeted therapy", ["targeted"], id="targeted-therapy"),
    pytest.param("a TKI", ["targeted"], id="TKI"),
    pytest.param("radiotherapy", ["radiotherapy"], id="radiotherapy"),
    pytest.param("radiation", ["radiotherapy"], id="radiation"),
    pytest.param("radio", ["radiotherapy"], id="radio"),
    pytest.param("none", ["none"], id="none"),
    pytest.param("nothing", ["none"], id="nothing"),
    pytest.param("no treatment yet", ["none"], id="no-treatment"),
    pytest.param("chemo and radiation", ["chemotherapy", "radiotherapy"], id="chemo-and-radiation"),
    pytest.param(
        "radiotherapy, then chemo and keytruda",
        ["chemotherapy", "immunotherapy", "radiotherapy"],
        id="three-in-registry-order",
    ),
    pytest.param("no chemo, only radiation", ["radiotherapy"], id="negated-chemo"),
    pytest.param("chemo but not radiotherapy", ["chemotherapy"], id="negated-radiotherapy"),
    pytest.param(
        "all of them", ["chemotherapy", "immunotherapy", "targeted", "radiotherapy"], id="all-of-them"
    ),
]


@pytest.mark.parametrize("text, expected", TREATMENTS)
def test_cancer_treatments(text, expected):
    parsed = read("cancer_treatments", text)
    assert (parsed.status, parsed.value) == ("value", expected), parsed


UNCLEAR = [
    pytest.param("diagnosis", "cancer", "choice.no_match", id="dx-just-cancer"),
    pytest.param("diagnosis", "blood cancer", "choice.no_match", id="dx-blood-cancer-is-vague"),
    # AML is a leukaemia too: an unnamed kind is asked again, never taken as "another leukaemia"
    pytest.param("diagnosis", "leukemia", "choice.no_match", id="dx-leukemia-unspecified-is-asked"),
    pytest.param("diagnosis", "acute leukaemia", "choice.no_match", id="dx-acute-leukaemia-is-asked"),
    pytest.param("diagnosis", "all", "choice.no_match", id="dx-all-lower-case-is-a-word"),
    pytest.param("diagnosis", "lymphoma and breast cancer", "choice.ambiguous", id="dx-two"),
    pytest.param("ecog", "5", "choice.no_match", id="ecog-5"),
    pytest.param("ecog", "not fully active", "choice.no_match", id="ecog-negated"),
    pytest.param("sex", "banana", "choice.no_match", id="sex-nonsense"),
    pytest.param("cancer_treatments", "chemo and none", "choice.ambiguous", id="tx-none-with-chemo"),
    pytest.param("cancer_treatments", "surgery", "choice.no_match", id="tx-surgery-not-listed"),
]


def test_a_number_in_a_sentence_is_not_a_score():
    # "2" is a count of blocks, not ECOG 2 (the learned reader may still read the sentence)
    parsed = read("ecog", "I can walk 2 blocks")
    assert not parsed.ok or parsed.value != 2, parsed


@pytest.mark.parametrize("fact_id, text, problem", UNCLEAR)
def test_unclear_choices(fact_id, text, problem):
    parsed = read(fact_id, text)
    assert (parsed.status, parsed.problem) == ("unclear", problem), parsed


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("7+3 induction, then gilteritinib", ["chemotherapy", "targeted"]),
        ("pemetrexed with pembro", ["chemotherapy", "immunotherapy"]),
    ],
)
def test_a_regimen_and_a_short_drug_name(text, meant):
    parsed = read("cancer_treatments", text)
    assert parsed.ok and parsed.value == meant, parsed

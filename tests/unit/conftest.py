"""Shared data for the engine's unit tests: the trials, a fixed planned dosing date, and people.

Everything here is written out by hand from the trial files and the protocol seeds, never computed
with the engine, so a test that compares the engine against it can fail.

Test modules import the plain data (`ON`, `baseline_facts`, `SAMPLES`...) from this module; the
fixtures give the loaded trials.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta

from bot.eligibility import CriterionResult, Status, TrialResult, evaluate
from bot.trials import find_trial, load_trials

ON = date(2026, 11, 21)
"""The planned dosing date every test screens against (time windows are judged against it)."""

XJ_ID = "xj-mk-002"
NCT_ID = "nct06642025"
BOTH = "both"

ROOT = Path(__file__).resolve().parents[2]
SEEDS_DIR = ROOT.parent / "shared" / "seeds"  # the originals; bot/trials/sources holds copies


def days_before(n: int) -> str:
    return (ON - timedelta(days=n)).isoformat()


def days_after(n: int) -> str:
    return (ON + timedelta(days=n)).isoformat()


def months_before(n: int, plus_days: int = 0) -> str:
    return (ON - relativedelta(months=n) - timedelta(days=plus_days)).isoformat()


def years_before(n: int, plus_days: int = 0) -> str:
    """A birth date n years before ON; plus_days moves it earlier (older), negative later (younger)."""
    return (ON - relativedelta(years=n) - timedelta(days=plus_days)).isoformat()


# ----- Likely-eligible people, one per trial -----------------------------------------------------
# XJ-MK-002 (registry text, inclusion only): 18-75, a cancer, cancer treatment, PLT 50-100, not
# bleeding, no platelet transfusion within 72 h, ECOG 0-2, contraception for WOCBP and for men with
# WOCBP partners, men do not donate sperm, WOCBP not pregnant.
XJ_BASELINE: dict[str, Any] = {
    "age": 47,
    "sex": "female",
    "diagnosis": "solid_tumour",
    "cancer_treatments": ["chemotherapy"],
    "platelet_count": 72,
    "last_platelet_transfusion": "never",
    "active_bleeding": False,
    "ecog": 1,
    "can_become_pregnant": True,
    "pregnant": False,
    "willing_contraception": True,
}

# NCT06642025: refractory/relapsed AML, ECOG 0-2, 18-70, Hb > 60 g/L, CD3+ > 0.5, PLT > 30,
# no hepatitis/HIV/uncontrolled infection, no AIDS or long-term immunosuppression, heart rules,
# not pregnant or breastfeeding, contraception, kidneys/liver, transplant rules.
NCT_BASELINE: dict[str, Any] = {
    "age": 47,
    "sex": "female",
    "diagnosis": "aml",
    "aml_no_response_after_two_courses": True,
    "aml_relapse_count": 0,
    "aml_relapse_within_12_months": False,
    "aml_relapse_no_response": False,
    "aml_extramedullary": False,
    "ecog": 1,
    "haemoglobin": 95,
    "cd3_count": 1.2,
    "platelet_count": 72,
    "can_become_pregnant": True,
    "pregnant": False,
    "breastfeeding": False,
    "willing_contraception": True,
    "active_hepatitis": False,
    "hiv_or_aids": False,
    "uncontrolled_infection": False,
    "takes_immunosuppressants": False,
    "takes_steroids": False,
    "heart_failure": False,
    "last_heart_attack_or_bypass": "never",
    "ventricular_arrhythmia_or_fainting": False,
    "cardiomyopathy": False,
    "ejection_fraction": 60,
    "ejection_fraction_date": days_before(14),
    "serious_liver_or_kidney_problems": False,
    "creatinine": 80,
    "stem_cell_transplant": False,
}

# One person who fits both trials: the AML patient above, whose low platelets followed chemotherapy.
BOTH_BASELINE: dict[str, Any] = {
    **NCT_BASELINE,
    "cancer_treatments": ["chemotherapy"],
    "last_platelet_transfusion": "never",
    "active_bleeding": False,
}

BASELINES = {XJ_ID: XJ_BASELINE, NCT_ID: NCT_BASELINE, BOTH: BOTH_BASELINE}

REMOVE = object()
"""In a table of changes: drop this fact from the baseline (not asked yet)."""

# A man instead of the baseline woman: the pregnancy facts go (they follow from sex), and he has a
# partner who could become pregnant and agrees to every contraception and sperm-donation rule.
MAN = {
    "sex": "male",
    "can_become_pregnant": REMOVE,
    "pregnant": REMOVE,
    "breastfeeding": REMOVE,
    "partner_can_become_pregnant": True,
    "willing_contraception": True,
    "willing_no_sperm_donation": True,
}

# A woman after the menopause: she cannot become pregnant, so pregnancy and contraception rules do
# not apply; "pregnant" follows from that and is left unanswered.
POST_MENOPAUSE = {"can_become_pregnant": False, "pregnant": REMOVE}


def baseline_facts(trial_id: str) -> dict[str, Any]:
    """A fresh copy of the likely-eligible person for one trial (or BOTH)."""
    return copy.deepcopy(BASELINES[trial_id])


def changed(facts: Mapping[str, Any], *changes: Mapping[str, Any]) -> dict[str, Any]:
    """The facts with changes applied in order; a REMOVE value drops that fact."""
    result = dict(facts)
    for change in changes:
        for key, value in change.items():
            if value is REMOVE:
                result.pop(key, None)
            else:
                result[key] = value
    return result


def from_baseline(trial_id: str, *changes: Mapping[str, Any]) -> dict[str, Any]:
    return changed(baseline_facts(trial_id), *changes)


def criterion_result(result: TrialResult, criterion_id: str) -> CriterionResult:
    matches = [c for c in result.criteria if c.criterion_id == criterion_id]
    assert len(matches) == 1, f"{result.trial_id} has no single criterion {criterion_id!r}"
    return matches[0]


def status_of(result: TrialResult, criterion_id: str) -> Status:
    return criterion_result(result, criterion_id).status


def describe(result: TrialResult) -> str:
    """The whole result in one line per criterion, for assertion messages."""
    lines = [f"{result.trial_id}: {result.outcome.value}"]
    lines += [
        f"  {c.criterion_id}: {c.status.value}{' (team)' if c.to_be_confirmed_by_study_team else ''}"
        for c in result.criteria
    ]
    return "\n".join(lines)


# ----- Sample values per fact, chosen on both sides of every threshold in the trial files --------
NEVER = "never"
SAMPLES: dict[str, list[Any]] = {
    "age": [0, 17, 18, 47, 70, 71, 75, 76, 120],
    "sex": ["female", "male"],
    "diagnosis": ["solid_tumour", "lymphoma", "aml", "other_leukaemia", "other_cancer", "no_cancer"],
    "cancer_treatments": [["none"], ["chemotherapy"], ["targeted", "radiotherapy"], ["immunotherapy"], []],
    "ecog": [0, 1, 2, 3, 4],
    "platelet_count": [0, 20, 30, 30.1, 49, 50, 72, 100, 101, 2000],
    "last_platelet_transfusion": [
        NEVER,
        days_before(0),
        days_before(1),
        days_before(2),
        days_before(3),
        days_before(400),
    ],
    "active_bleeding": [True, False],
    "haemoglobin": [20, 60, 60.1, 95, 250],
    "cd3_count": [0, 0.5, 0.51, 1.2, 50],
    "aml_no_response_after_two_courses": [True, False],
    "aml_relapse_count": [0, 1, 2, 5],
    "aml_relapse_within_12_months": [True, False],
    "aml_relapse_no_response": [True, False],
    "aml_extramedullary": [True, False],
    "heart_failure": [True, False],
    "heart_failure_limitation": [1, 2, 3, 4],
    "last_heart_attack_or_bypass": [
        NEVER,
        days_before(30),
        months_before(6),
        months_before(6, 1),
        days_before(1100),
    ],
    "ventricular_arrhythmia_or_fainting": [True, False],
    "cardiomyopathy": [True, False],
    "ejection_fraction": [5, 30, 44, 44.9, 45, 60, 90],
    "ejection_fraction_date": [days_before(1), days_before(56), days_before(57), days_before(400)],
    "active_hepatitis": [True, False],
    "hiv_or_aids": [True, False],
    "uncontrolled_infection": [True, False],
    "takes_immunosuppressants": [True, False],
    "takes_steroids": [True, False],
    "daily_steroid_dose": [0, 15, 15.1, 40],
    "serious_liver_or_kidney_problems": [True, False],
    "creatinine": [10, 80, 177, 178, 3000],
    "stem_cell_transplant": [True, False],
    "still_on_transplant_immunosuppressants": [True, False],
    "transplant_immunosuppressants_stopped": [
        NEVER,
        days_before(10),
        days_before(41),
        days_before(42),
        days_before(400),
    ],
    "gvhd": [True, False],
    "can_become_pregnant": [True, False],
    "pregnant": [True, False],
    "breastfeeding": [True, False],
    "partner_can_become_pregnant": [True, False],
    "willing_contraception": [True, False],
    "willing_no_sperm_donation": [True, False],
    "birth_date": [years_before(17), years_before(18), years_before(47), years_before(75), years_before(76)],
}

# The facts each trial's rules read (applies_if and rule), written out from the trial files.
XJ_READS = {
    "age",
    "diagnosis",
    "cancer_treatments",
    "platelet_count",
    "active_bleeding",
    "last_platelet_transfusion",
    "ecog",
    "can_become_pregnant",
    "sex",
    "partner_can_become_pregnant",
    "willing_contraception",
    "willing_no_sperm_donation",
    "pregnant",
}
NCT_READS = {
    "diagnosis",
    "aml_no_response_after_two_courses",
    "aml_relapse_count",
    "aml_relapse_within_12_months",
    "aml_relapse_no_response",
    "aml_extramedullary",
    "ecog",
    "age",
    "haemoglobin",
    "cd3_count",
    "platelet_count",
    "can_become_pregnant",
    "pregnant",
    "willing_contraception",
    "sex",
    "partner_can_become_pregnant",
    "active_hepatitis",
    "hiv_or_aids",
    "uncontrolled_infection",
    "takes_immunosuppressants",
    "takes_steroids",
    "daily_steroid_dose",
    "heart_failure",
    "heart_failure_limitation",
    "last_heart_attack_or_bypass",
    "ventricular_arrhythmia_or_fainting",
    "cardiomyopathy",
    "ejection_fraction",
    "ejection_fraction_date",
    "breastfeeding",
    "serious_liver_or_kidney_problems",
    "creatinine",
    "stem_cell_transplant",
    "still_on_transplant_immunosuppressants",
    "transplant_immunosuppressants_stopped",
    "gvhd",
}
READS = {XJ_ID: XJ_READS, NCT_ID: NCT_READS, BOTH: XJ_READS | NCT_READS}


# ----- Fixtures ----------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def trials():
    return load_trials()


@pytest.fixture(scope="session")
def xj(trials):
    return find_trial(trials, XJ_ID)


@pytest.fixture(scope="session")
def nct(trials):
    return find_trial(trials, NCT_ID)


@pytest.fixture
def on_date() -> date:
    return ON


@pytest.fixture
def baseline():
    """baseline(trial_id) → a fresh likely-eligible facts dict for that trial (or "both")."""
    return baseline_facts


def screen(trial, facts: Mapping[str, Any], criterion_id: str, status: Status, outcome, on_date: date = ON):
    """Evaluate, then check one criterion's status and the trial's outcome; return the result."""
    result = evaluate(trial, facts, on_date=on_date)
    assert status_of(result, criterion_id) is status, describe(result)
    assert result.outcome is outcome, describe(result)
    return result

"""NCT06642025 (EX02 CAR-T for relapsed/refractory AML), criterion by criterion.

Each case starts from a person who fits every criterion the patient can answer and changes one
thing. Expected statuses and outcomes are written from the protocol text, not computed.
"""

from __future__ import annotations

import pytest
from conftest import (
    MAN,
    NCT_ID,
    NCT_READS,
    ON,
    POST_MENOPAUSE,
    REMOVE,
    baseline_facts,
    criterion_result,
    days_before,
    describe,
    from_baseline,
    months_before,
    screen,
    years_before,
)

from bot.eligibility import Outcome, Status, evaluate
from bot.facts import parse_facts

MET, NOT_MET, UNKNOWN, NA = Status.MET, Status.NOT_MET, Status.UNKNOWN, Status.NOT_APPLICABLE
LIKELY, REVIEW, NOT_ELIGIBLE = Outcome.LIKELY_ELIGIBLE, Outcome.NEEDS_REVIEW, Outcome.NOT_ELIGIBLE

TEAM = "team"

BASELINE_STATUSES = {
    "inc-1-aml": MET,
    "inc-1-refractory-or-relapsed": MET,
    "inc-1-confirmed-against-guidelines": TEAM,
    "inc-2-ex02-expression": TEAM,
    "inc-3-daily-activity": MET,
    "inc-4-age": MET,
    "inc-5-haemoglobin": MET,
    "inc-5-cd3-count": MET,
    "inc-5-platelets": MET,
    "inc-6-not-pregnant": MET,
    "inc-6-pregnancy-test": TEAM,
    "inc-6-contraception-women": MET,
    "inc-6-contraception-men": NA,
    "inc-7-voluntary-consent": TEAM,
    "exc-1-active-hepatitis": MET,
    "exc-1-hiv": MET,
    "exc-1-uncontrolled-infection": MET,
    "exc-2-aids-history": MET,
    "exc-2-long-term-immunosuppressants": MET,
    "exc-3-heart-failure": MET,
    "exc-3-recent-heart-attack-or-bypass": MET,
    "exc-3-ventricular-arrhythmia-or-syncope": MET,
    "exc-3-cardiomyopathy": MET,
    "exc-3-low-ejection-fraction": MET,
    "exc-4-pregnant": MET,
    "exc-4-breastfeeding": MET,
    "exc-4-unwilling-contraception": MET,
    "exc-5-reported-liver-or-kidney-problems": MET,
    "exc-5-creatinine": MET,
    "exc-5-liver-blood-tests": TEAM,
    "exc-6-drug-allergy": TEAM,
    "exc-7-transplant-immunosuppressants": NA,
    "exc-7-gvhd": NA,
    "exc-8-investigator-judgement": TEAM,
}


def test_the_baseline_woman_is_likely_eligible_with_only_study_team_items_open(nct):
    result = evaluate(nct, baseline_facts(NCT_ID), on_date=ON)
    assert result.outcome is LIKELY, describe(result)
    seen = {}
    for c in result.criteria:
        seen[c.criterion_id] = TEAM if c.to_be_confirmed_by_study_team else c.status
        if c.to_be_confirmed_by_study_team:
            assert c.status is UNKNOWN
    assert seen == BASELINE_STATUSES
    assert result.notes == []


def test_the_trial_reads_exactly_the_facts_its_criteria_mention(nct):
    assert {f for c in nct.criteria for f in c.reads} == NCT_READS


def _screen(nct, criterion_id, changes, status, outcome, on_date=ON):
    return screen(nct, from_baseline(NCT_ID, changes), criterion_id, status, outcome, on_date=on_date)


# ----- Inclusion 1: AML meeting the refractory criteria -------------------------------------------
@pytest.mark.parametrize(
    "diagnosis, status, outcome",
    [
        pytest.param("aml", MET, LIKELY, id="aml"),
        pytest.param("solid_tumour", NOT_MET, NOT_ELIGIBLE, id="solid-tumour"),
        pytest.param("lymphoma", NOT_MET, NOT_ELIGIBLE, id="lymphoma"),
        pytest.param("other_leukaemia", NOT_MET, NOT_ELIGIBLE, id="other-leukaemia"),
        pytest.param("other_cancer", NOT_MET, NOT_ELIGIBLE, id="other-cancer"),
        pytest.param("no_cancer", NOT_MET, NOT_ELIGIBLE, id="no-cancer"),
        pytest.param("unknown", UNKNOWN, REVIEW, id="unknown"),
    ],
)
def test_only_acute_myeloid_leukaemia_fits(nct, diagnosis, status, outcome):
    result = _screen(nct, "inc-1-aml", {"diagnosis": diagnosis}, status, outcome)
    refractory = criterion_result(result, "inc-1-refractory-or-relapsed").status
    # The refractory rule only applies to AML; for another diagnosis it is not applicable.
    assert refractory is {MET: MET, NOT_MET: NA, UNKNOWN: MET}[status]


NO_ROUTE = {
    "aml_no_response_after_two_courses": False,
    "aml_relapse_count": 0,
    "aml_relapse_within_12_months": False,
    "aml_relapse_no_response": False,
    "aml_extramedullary": False,
}


@pytest.mark.parametrize(
    "route",
    [
        pytest.param({"aml_no_response_after_two_courses": True}, id="no-response-after-two-courses"),
        pytest.param(
            {"aml_relapse_count": 1, "aml_relapse_within_12_months": True}, id="relapse-within-12-months"
        ),
        pytest.param(
            {"aml_relapse_count": 1, "aml_relapse_no_response": True},
            id="relapse-after-12-months-without-response",
        ),
        pytest.param({"aml_relapse_count": 2}, id="two-relapses"),
        pytest.param({"aml_relapse_count": 5}, id="five-relapses"),
        pytest.param({"aml_extramedullary": True}, id="extramedullary-leukaemia"),
    ],
)
def test_each_refractory_route_alone_fits(nct, route):
    _screen(nct, "inc-1-refractory-or-relapsed", {**NO_ROUTE, **route}, MET, LIKELY)


@pytest.mark.parametrize(
    "changes, status, outcome",
    [
        pytest.param({}, NOT_MET, NOT_ELIGIBLE, id="all-no"),
        pytest.param(
            {"aml_relapse_count": 1}, NOT_MET, NOT_ELIGIBLE, id="one-relapse-after-12-months-that-responded"
        ),
        pytest.param(
            {"aml_relapse_within_12_months": True},
            NOT_MET,
            NOT_ELIGIBLE,
            id="within-12-months-but-no-relapse",
        ),
        pytest.param(
            {"aml_relapse_no_response": True}, NOT_MET, NOT_ELIGIBLE, id="no-response-but-no-relapse"
        ),
        pytest.param(
            {"aml_relapse_count": 1, "aml_relapse_within_12_months": True, "aml_relapse_no_response": True},
            MET,
            LIKELY,
            id="early-relapse-also-without-response",
        ),
        pytest.param(
            {"aml_relapse_count": 1, "aml_relapse_within_12_months": "unknown"},
            UNKNOWN,
            REVIEW,
            id="one-relapse-timing-unknown",
        ),
        pytest.param(
            {"aml_relapse_count": 1, "aml_relapse_no_response": "unknown"},
            UNKNOWN,
            REVIEW,
            id="late-relapse-response-unknown",
        ),
        pytest.param({"aml_extramedullary": "unknown"}, UNKNOWN, REVIEW, id="extramedullary-unknown"),
        pytest.param({"aml_relapse_count": "unknown"}, UNKNOWN, REVIEW, id="relapse-count-unknown"),
        pytest.param(
            {"aml_relapse_count": "unknown", "aml_extramedullary": True},
            MET,
            LIKELY,
            id="unknown-count-but-extramedullary",
        ),
    ],
)
def test_aml_that_is_neither_refractory_nor_relapsed_does_not_fit(nct, changes, status, outcome):
    _screen(nct, "inc-1-refractory-or-relapsed", {**NO_ROUTE, **changes}, status, outcome)


# ----- Inclusion 3 and 4: ECOG 0-2, age 18-70 ------------------------------------------------------
@pytest.mark.parametrize(
    "ecog, status, outcome",
    [
        pytest.param(2, MET, LIKELY, id="2"),
        pytest.param(3, NOT_MET, NOT_ELIGIBLE, id="3"),
        pytest.param("unknown", UNKNOWN, REVIEW, id="unknown"),
    ],
)
def test_ecog_must_be_0_to_2(nct, ecog, status, outcome):
    _screen(nct, "inc-3-daily-activity", {"ecog": ecog}, status, outcome)


@pytest.mark.parametrize(
    "changes, status, outcome",
    [
        pytest.param({"age": 17}, NOT_MET, NOT_ELIGIBLE, id="17"),
        pytest.param({"age": 18}, MET, LIKELY, id="18"),
        pytest.param({"age": 70}, MET, LIKELY, id="70"),
        pytest.param({"age": 71}, NOT_MET, NOT_ELIGIBLE, id="71"),
        pytest.param(
            {"age": REMOVE, "birth_date": years_before(18)},
            MET,
            LIKELY,
            id="18th-birthday-on-the-dosing-date",
        ),
        pytest.param(
            {"age": REMOVE, "birth_date": years_before(18, -1)},
            NOT_MET,
            NOT_ELIGIBLE,
            id="18th-birthday-the-day-after",
        ),
        pytest.param(
            {"age": REMOVE, "birth_date": years_before(71, -1)}, MET, LIKELY, id="71st-birthday-the-day-after"
        ),
        pytest.param(
            {"age": REMOVE, "birth_date": years_before(71)},
            NOT_MET,
            NOT_ELIGIBLE,
            id="71st-birthday-on-the-dosing-date",
        ),
        pytest.param({"age": "unknown"}, UNKNOWN, REVIEW, id="unknown"),
    ],
)
def test_age_must_be_18_to_70_inclusive(nct, changes, status, outcome):
    _screen(nct, "inc-4-age", changes, status, outcome)


# ----- Inclusion 5: Hb > 60 g/L, CD3+ > 0.5 ×10^9/L, PLT > 30 ×10^9/L -------------------------------
@pytest.mark.parametrize(
    "haemoglobin, status, outcome",
    [
        pytest.param(60, NOT_MET, NOT_ELIGIBLE, id="60-g/L-is-not-above"),
        pytest.param(60.1, MET, LIKELY, id="60.1-g/L"),
        pytest.param({"value": 6.0, "unit": "g/dL"}, NOT_MET, NOT_ELIGIBLE, id="6.0-g/dL"),
        pytest.param({"value": 6.1, "unit": "g/dL"}, MET, LIKELY, id="6.1-g/dL"),
        pytest.param({"value": 8.5, "unit": "g/dL"}, MET, LIKELY, id="8.5-g/dL"),
        pytest.param("unknown", UNKNOWN, REVIEW, id="unknown"),
    ],
)
def test_haemoglobin_must_be_above_60_g_per_l(nct, haemoglobin, status, outcome):
    _screen(nct, "inc-5-haemoglobin", {"haemoglobin": haemoglobin}, status, outcome)


@pytest.mark.parametrize(
    "cd3, status, outcome",
    [
        pytest.param(0.5, NOT_MET, NOT_ELIGIBLE, id="0.5-is-not-above"),
        pytest.param(0.51, MET, LIKELY, id="0.51"),
        pytest.param({"value": 500, "unit": "cells/uL"}, NOT_MET, NOT_ELIGIBLE, id="500-cells/uL"),
        pytest.param({"value": 510, "unit": "cells/uL"}, MET, LIKELY, id="510-cells/uL"),
        pytest.param("unknown", UNKNOWN, REVIEW, id="unknown"),
    ],
)
def test_cd3_count_must_be_above_0_5(nct, cd3, status, outcome):
    _screen(nct, "inc-5-cd3-count", {"cd3_count": cd3}, status, outcome)


@pytest.mark.parametrize(
    "platelets, status, outcome",
    [
        pytest.param(30, NOT_MET, NOT_ELIGIBLE, id="30-is-not-above"),
        pytest.param(30.1, MET, LIKELY, id="30.1"),
        pytest.param({"value": 30000, "unit": "/uL"}, NOT_MET, NOT_ELIGIBLE, id="30000-per-uL"),
        pytest.param({"value": 30100, "unit": "/uL"}, MET, LIKELY, id="30100-per-uL"),
        pytest.param(400, MET, LIKELY, id="no-upper-limit"),
        pytest.param("unknown", UNKNOWN, REVIEW, id="unknown"),
    ],
)
def test_platelet_count_must_be_above_30(nct, platelets, status, outcome):
    _screen(nct, "inc-5-platelets", {"platelet_count": platelets}, status, outcome)


# ----- Inclusion 6 and Exclusion 4: pregnancy, breastfeeding, contraception -------------------------
@pytest.mark.parametrize(
    "changes, expected, outcome",
    [
        pytest.param({}, {"inc-6-not-pregnant": MET, "exc-4-pregnant": MET}, LIKELY, id="not-pregnant"),
        pytest.param(
            {"pregnant": True},
            {"inc-6-not-pregnant": NOT_MET, "exc-4-pregnant": NOT_MET},
            NOT_ELIGIBLE,
            id="pregnant",
        ),
        pytest.param(
            {"pregnant": "unknown"},
            {"inc-6-not-pregnant": UNKNOWN, "exc-4-pregnant": UNKNOWN},
            REVIEW,
            id="unsure",
        ),
        pytest.param(
            {**POST_MENOPAUSE}, {"inc-6-not-pregnant": NA, "exc-4-pregnant": MET}, LIKELY, id="post-menopause"
        ),
        pytest.param({**MAN}, {"inc-6-not-pregnant": NA, "exc-4-pregnant": MET}, LIKELY, id="man"),
    ],
)
def test_pregnant_women_are_excluded(nct, changes, expected, outcome):
    result = evaluate(nct, from_baseline(NCT_ID, changes), on_date=ON)
    assert {cid: criterion_result(result, cid).status for cid in expected} == expected, describe(result)
    assert result.outcome is outcome


@pytest.mark.parametrize(
    "changes, status, outcome",
    [
        pytest.param({"breastfeeding": False}, MET, LIKELY, id="not-breastfeeding"),
        pytest.param({"breastfeeding": True}, NOT_MET, NOT_ELIGIBLE, id="breastfeeding"),
        pytest.param(
            {**POST_MENOPAUSE, "breastfeeding": True},
            NOT_MET,
            NOT_ELIGIBLE,
            id="post-menopause-breastfeeding",
        ),
        pytest.param({"breastfeeding": "unknown"}, UNKNOWN, REVIEW, id="unsure"),
        pytest.param({**MAN}, MET, LIKELY, id="man"),
    ],
)
def test_lactating_women_are_excluded(nct, changes, status, outcome):
    _screen(nct, "exc-4-breastfeeding", changes, status, outcome)


CONTRACEPTION = ("inc-6-contraception-women", "inc-6-contraception-men", "exc-4-unwilling-contraception")


@pytest.mark.parametrize(
    "changes, expected, outcome",
    [
        pytest.param({}, (MET, NA, MET), LIKELY, id="wocbp-willing"),
        pytest.param(
            {"willing_contraception": False}, (NOT_MET, NA, NOT_MET), NOT_ELIGIBLE, id="wocbp-unwilling"
        ),
        pytest.param(
            {"willing_contraception": "unknown"}, (UNKNOWN, NA, UNKNOWN), REVIEW, id="wocbp-undecided"
        ),
        pytest.param(
            {**POST_MENOPAUSE, "willing_contraception": False},
            (NA, NA, NA),
            LIKELY,
            id="post-menopause-unwilling",
        ),
        pytest.param({**MAN}, (NA, MET, MET), LIKELY, id="man-with-partner-willing"),
        pytest.param(
            {**MAN, "willing_contraception": False},
            (NA, NOT_MET, NOT_MET),
            NOT_ELIGIBLE,
            id="man-with-partner-unwilling",
        ),
        pytest.param(
            {**MAN, "partner_can_become_pregnant": False, "willing_contraception": False},
            (NA, NA, NA),
            LIKELY,
            id="man-without-partner-unwilling",
        ),
        pytest.param(
            {**MAN, "partner_can_become_pregnant": "unknown", "willing_contraception": False},
            (NA, UNKNOWN, UNKNOWN),
            REVIEW,
            id="man-partner-unknown-unwilling",
        ),
    ],
)
def test_everyone_who_could_start_a_pregnancy_must_agree_to_contraception(nct, changes, expected, outcome):
    result = evaluate(nct, from_baseline(NCT_ID, changes), on_date=ON)
    assert tuple(criterion_result(result, cid).status for cid in CONTRACEPTION) == expected, describe(result)
    assert result.outcome is outcome


# ----- Exclusion 1 and 2: infections, HIV/AIDS, immunosuppression ----------------------------------
@pytest.mark.parametrize(
    "changes, excluded_by",
    [
        pytest.param({"active_hepatitis": True}, {"exc-1-active-hepatitis"}, id="active-hepatitis"),
        pytest.param({"hiv_or_aids": True}, {"exc-1-hiv", "exc-2-aids-history"}, id="hiv-or-aids"),
        pytest.param(
            {"takes_immunosuppressants": True},
            {"exc-2-long-term-immunosuppressants"},
            id="long-term-immunosuppressants",
        ),
        pytest.param(
            {"takes_steroids": True, "daily_steroid_dose": 15.1},
            {"exc-2-long-term-immunosuppressants"},
            id="prednisone-15.1-mg",
        ),
        pytest.param(
            {"takes_steroids": True, "daily_steroid_dose": 40},
            {"exc-2-long-term-immunosuppressants"},
            id="prednisone-40-mg",
        ),
    ],
)
def test_infections_and_immunosuppression_exclude(nct, changes, excluded_by):
    result = evaluate(nct, from_baseline(NCT_ID, changes), on_date=ON)
    assert result.outcome is NOT_ELIGIBLE
    assert {c.criterion_id for c in result.criteria if c.status is NOT_MET} == excluded_by


@pytest.mark.parametrize(
    "changes, status, outcome",
    [
        pytest.param(
            {"takes_steroids": True, "daily_steroid_dose": 15}, MET, LIKELY, id="prednisone-15-mg-is-fine"
        ),
        pytest.param(
            {"takes_steroids": True, "daily_steroid_dose": 15.1}, NOT_MET, NOT_ELIGIBLE, id="15.1-mg"
        ),
        pytest.param({"takes_steroids": True, "daily_steroid_dose": 0}, MET, LIKELY, id="0-mg"),
        pytest.param(
            {"takes_steroids": False, "daily_steroid_dose": 40},
            MET,
            LIKELY,
            id="dose-without-long-term-steroids",
        ),
        pytest.param(
            {"takes_steroids": True, "daily_steroid_dose": "unknown"}, UNKNOWN, REVIEW, id="dose-unknown"
        ),
        pytest.param({"takes_steroids": True}, UNKNOWN, REVIEW, id="dose-not-asked"),
        pytest.param(
            {"takes_steroids": "unknown", "daily_steroid_dose": 10},
            MET,
            LIKELY,
            id="low-dose-unsure-if-long-term",
        ),
        pytest.param(
            {"takes_steroids": "unknown", "daily_steroid_dose": 40}, UNKNOWN, REVIEW, id="high-dose-unsure"
        ),
        pytest.param(
            {"takes_immunosuppressants": "unknown"}, UNKNOWN, REVIEW, id="immunosuppressants-unknown"
        ),
    ],
)
def test_steroids_exclude_only_above_15_mg_prednisone_a_day(nct, changes, status, outcome):
    _screen(nct, "exc-2-long-term-immunosuppressants", changes, status, outcome)


@pytest.mark.parametrize(
    "criterion_id, fact",
    [
        ("exc-1-active-hepatitis", "active_hepatitis"),
        ("exc-1-hiv", "hiv_or_aids"),
        ("exc-2-aids-history", "hiv_or_aids"),
    ],
)
def test_an_unknown_infection_history_needs_review(nct, criterion_id, fact):
    _screen(nct, criterion_id, {fact: "unknown"}, UNKNOWN, REVIEW)


# ----- Exclusion 3: the heart -----------------------------------------------------------------------
@pytest.mark.parametrize(
    "changes, status, outcome",
    [
        pytest.param({"heart_failure": True, "heart_failure_limitation": 1}, MET, LIKELY, id="nyha-1"),
        pytest.param({"heart_failure": True, "heart_failure_limitation": 2}, MET, LIKELY, id="nyha-2"),
        pytest.param(
            {"heart_failure": True, "heart_failure_limitation": 3}, NOT_MET, NOT_ELIGIBLE, id="nyha-3"
        ),
        pytest.param(
            {"heart_failure": True, "heart_failure_limitation": 4}, NOT_MET, NOT_ELIGIBLE, id="nyha-4"
        ),
        pytest.param(
            {"heart_failure": False, "heart_failure_limitation": 4},
            MET,
            LIKELY,
            id="class-4-without-heart-failure",
        ),
        pytest.param(
            {"heart_failure": True, "heart_failure_limitation": "unknown"},
            UNKNOWN,
            REVIEW,
            id="class-unknown",
        ),
        pytest.param({"heart_failure": "unknown"}, UNKNOWN, REVIEW, id="heart-failure-unknown"),
        pytest.param(
            {"heart_failure": "unknown", "heart_failure_limitation": 2},
            MET,
            LIKELY,
            id="mild-limitation-unsure-of-heart-failure",
        ),
    ],
)
def test_nyha_class_3_or_4_heart_failure_excludes(nct, changes, status, outcome):
    _screen(nct, "exc-3-heart-failure", changes, status, outcome)


@pytest.mark.parametrize(
    "last_event, status, outcome",
    [
        pytest.param(months_before(6), NOT_MET, NOT_ELIGIBLE, id="exactly-6-months-before"),
        pytest.param(months_before(6, 1), MET, LIKELY, id="6-months-and-a-day-before"),
        pytest.param(days_before(1), NOT_MET, NOT_ELIGIBLE, id="yesterday"),
        pytest.param(days_before(1000), MET, LIKELY, id="years-ago"),
        pytest.param("never", MET, LIKELY, id="never"),
        pytest.param("unknown", UNKNOWN, REVIEW, id="unknown"),
    ],
)
def test_a_heart_attack_or_bypass_within_six_months_excludes(nct, last_event, status, outcome):
    _screen(
        nct,
        "exc-3-recent-heart-attack-or-bypass",
        {"last_heart_attack_or_bypass": last_event},
        status,
        outcome,
    )


def test_six_months_runs_to_the_same_day_of_the_month(nct):
    assert months_before(6) == "2026-05-21"  # the table above relies on this calendar arithmetic
    assert months_before(6, 1) == "2026-05-20"


def test_the_heart_attack_window_is_judged_against_the_dosing_date(nct):
    facts = from_baseline(NCT_ID, {"last_heart_attack_or_bypass": "2026-08-01"})
    screen(nct, facts, "exc-3-recent-heart-attack-or-bypass", NOT_MET, NOT_ELIGIBLE)
    later = ON.replace(year=2027, month=2, day=1)  # exactly six months after the heart attack
    screen(nct, facts, "exc-3-recent-heart-attack-or-bypass", NOT_MET, NOT_ELIGIBLE, on_date=later)
    later = ON.replace(year=2027, month=2, day=2)
    screen(nct, facts, "exc-3-recent-heart-attack-or-bypass", MET, LIKELY, on_date=later)
    # The same holds when the answers were parsed for another date first.
    parsed = parse_facts(facts, ON)
    assert evaluate(nct, parsed).outcome is NOT_ELIGIBLE
    assert evaluate(nct, parsed, on_date=later).outcome is LIKELY


@pytest.mark.parametrize(
    "changes, status, outcome",
    [
        pytest.param({"ventricular_arrhythmia_or_fainting": True}, UNKNOWN, REVIEW, id="mentioned"),
        pytest.param({"ventricular_arrhythmia_or_fainting": "unknown"}, UNKNOWN, REVIEW, id="unknown"),
    ],
)
def test_arrhythmia_or_unexplained_syncope_goes_to_the_study_team(nct, changes, status, outcome):
    _screen(nct, "exc-3-ventricular-arrhythmia-or-syncope", changes, status, outcome)


@pytest.mark.parametrize(
    "changes, status, outcome",
    [
        pytest.param({"cardiomyopathy": True}, UNKNOWN, REVIEW, id="mentioned"),
        pytest.param({"cardiomyopathy": "unknown"}, UNKNOWN, REVIEW, id="unknown"),
    ],
)
def test_cardiomyopathy_goes_to_the_study_team(nct, changes, status, outcome):
    _screen(nct, "exc-3-cardiomyopathy", changes, status, outcome)


@pytest.mark.parametrize(
    "changes, status, outcome",
    [
        pytest.param(
            {"ejection_fraction": 44, "ejection_fraction_date": days_before(14)},
            NOT_MET,
            NOT_ELIGIBLE,
            id="44-percent-recent",
        ),
        pytest.param(
            {"ejection_fraction": 44.9, "ejection_fraction_date": days_before(14)},
            NOT_MET,
            NOT_ELIGIBLE,
            id="44.9-percent-recent",
        ),
        pytest.param(
            {"ejection_fraction": 45, "ejection_fraction_date": days_before(14)},
            MET,
            LIKELY,
            id="45-percent-recent",
        ),
        pytest.param(
            {"ejection_fraction": 30, "ejection_fraction_date": days_before(56)},
            NOT_MET,
            NOT_ELIGIBLE,
            id="30-percent-exactly-8-weeks-ago",
        ),
        pytest.param(
            {"ejection_fraction": 30, "ejection_fraction_date": days_before(57)},
            MET,
            LIKELY,
            id="30-percent-8-weeks-and-a-day-ago",
        ),
        pytest.param(
            {"ejection_fraction": 30, "ejection_fraction_date": "unknown"},
            UNKNOWN,
            REVIEW,
            id="30-percent-date-unknown",
        ),
        pytest.param(
            {"ejection_fraction": 60, "ejection_fraction_date": "unknown"},
            MET,
            LIKELY,
            id="60-percent-date-unknown",
        ),
        pytest.param({"ejection_fraction": "unknown"}, UNKNOWN, REVIEW, id="unknown"),
        pytest.param(
            {"ejection_fraction": "unknown", "ejection_fraction_date": days_before(400)},
            MET,
            LIKELY,
            id="unknown-value-of-an-old-scan",
        ),
    ],
)
def test_an_ejection_fraction_below_45_percent_within_8_weeks_excludes(nct, changes, status, outcome):
    _screen(nct, "exc-3-low-ejection-fraction", changes, status, outcome)


# ----- Exclusion 5: liver and kidneys ------------------------------------------------------------------
@pytest.mark.parametrize(
    "creatinine, status, outcome",
    [
        pytest.param(177, MET, LIKELY, id="177-umol/L"),
        pytest.param(177.9, MET, LIKELY, id="177.9-umol/L"),
        pytest.param(178, NOT_MET, NOT_ELIGIBLE, id="178-umol/L"),
        pytest.param({"value": 178, "unit": "umol/L"}, NOT_MET, NOT_ELIGIBLE, id="178-umol/L-spelled-out"),
        pytest.param({"value": 2.0, "unit": "mg/dL"}, MET, LIKELY, id="2.0-mg/dL-is-176.8"),
        pytest.param({"value": 2.02, "unit": "mg/dL"}, NOT_MET, NOT_ELIGIBLE, id="2.02-mg/dL-is-178.6"),
        pytest.param("unknown", UNKNOWN, REVIEW, id="unknown"),
    ],
)
def test_creatinine_of_178_umol_per_l_or_more_excludes(nct, creatinine, status, outcome):
    _screen(nct, "exc-5-creatinine", {"creatinine": creatinine}, status, outcome)


@pytest.mark.parametrize(
    "changes, status, outcome",
    [
        pytest.param({"serious_liver_or_kidney_problems": True}, UNKNOWN, REVIEW, id="mentioned"),
        pytest.param({"serious_liver_or_kidney_problems": "unknown"}, UNKNOWN, REVIEW, id="unknown"),
    ],
)
def test_reported_liver_or_kidney_problems_go_to_the_study_team(nct, changes, status, outcome):
    _screen(nct, "exc-5-reported-liver-or-kidney-problems", changes, status, outcome)


# ----- Exclusion 7: after a stem cell transplant ---------------------------------------------------
TRANSPLANT = {
    "stem_cell_transplant": True,
    "still_on_transplant_immunosuppressants": False,
    "transplant_immunosuppressants_stopped": days_before(100),
    "gvhd": False,
}


@pytest.mark.parametrize(
    "changes, status, outcome",
    [
        pytest.param({"stem_cell_transplant": False}, NA, LIKELY, id="no-transplant"),
        pytest.param({}, MET, LIKELY, id="stopped-long-ago"),
        pytest.param(
            {"transplant_immunosuppressants_stopped": days_before(42)},
            MET,
            LIKELY,
            id="stopped-exactly-6-weeks-before",
        ),
        pytest.param(
            {"transplant_immunosuppressants_stopped": days_before(41)},
            NOT_MET,
            NOT_ELIGIBLE,
            id="stopped-6-weeks-less-a-day-before",
        ),
        pytest.param({"transplant_immunosuppressants_stopped": "never"}, MET, LIKELY, id="never-took-them"),
        pytest.param(
            {"still_on_transplant_immunosuppressants": True, "transplant_immunosuppressants_stopped": REMOVE},
            NOT_MET,
            NOT_ELIGIBLE,
            id="still-taking-them",
        ),
        pytest.param(
            {"transplant_immunosuppressants_stopped": "unknown"}, UNKNOWN, REVIEW, id="stop-date-unknown"
        ),
        pytest.param(
            {"still_on_transplant_immunosuppressants": "unknown"},
            UNKNOWN,
            REVIEW,
            id="unsure-if-still-taking",
        ),
        pytest.param(
            {"stem_cell_transplant": "unknown", "transplant_immunosuppressants_stopped": days_before(41)},
            UNKNOWN,
            REVIEW,
            id="unsure-of-transplant-recently-stopped",
        ),
    ],
)
def test_transplant_immunosuppressants_must_have_stopped_6_weeks_before(nct, changes, status, outcome):
    _screen(nct, "exc-7-transplant-immunosuppressants", {**TRANSPLANT, **changes}, status, outcome)


@pytest.mark.parametrize(
    "changes, status, outcome",
    [
        pytest.param({"stem_cell_transplant": False, "gvhd": True}, NA, LIKELY, id="no-transplant"),
        pytest.param({}, MET, LIKELY, id="no-gvhd"),
        pytest.param({"gvhd": True}, NOT_MET, NOT_ELIGIBLE, id="gvhd"),
        pytest.param({"gvhd": "unknown"}, UNKNOWN, REVIEW, id="unknown"),
    ],
)
def test_signs_of_graft_versus_host_disease_exclude_after_a_transplant(nct, changes, status, outcome):
    _screen(nct, "exc-7-gvhd", {**TRANSPLANT, **changes}, status, outcome)


def test_cancer_treatments_do_not_matter_for_this_trial(nct):
    result = evaluate(nct, from_baseline(NCT_ID, {"cancer_treatments": ["none"]}), on_date=ON)
    assert result.outcome is LIKELY


# ----- Study-team, review and unknown answers -------------------------------------------------------
STUDY_TEAM = [
    "inc-1-confirmed-against-guidelines",
    "inc-2-ex02-expression",
    "inc-6-pregnancy-test",
    "inc-7-voluntary-consent",
    "exc-5-liver-blood-tests",
    "exc-6-drug-allergy",
    "exc-8-investigator-judgement",
]


def test_the_study_team_criteria_are_the_ones_only_a_clinician_can_check(nct):
    assert [c.id for c in nct.criteria if c.verified_by == "study_team"] == STUDY_TEAM


@pytest.mark.parametrize("criterion_id", STUDY_TEAM)
@pytest.mark.parametrize(
    "facts",
    [
        pytest.param(baseline_facts(NCT_ID), id="baseline"),
        pytest.param({}, id="nothing-known"),
        pytest.param(from_baseline(NCT_ID, {"diagnosis": "lymphoma", "hiv_or_aids": True}), id="excluded"),
    ],
)
def test_study_team_criteria_are_never_not_met_and_are_flagged(nct, criterion_id, facts):
    c = criterion_result(evaluate(nct, facts, on_date=ON), criterion_id)
    assert c.status is UNKNOWN
    assert c.to_be_confirmed_by_study_team


def test_the_pregnancy_test_does_not_apply_to_men_or_after_the_menopause(nct):
    for changes in (MAN, POST_MENOPAUSE):
        c = criterion_result(
            evaluate(nct, from_baseline(NCT_ID, changes), on_date=ON), "inc-6-pregnancy-test"
        )
        assert c.status is NA
        assert not c.to_be_confirmed_by_study_team


REVIEW_MISFITS = {
    "exc-1-uncontrolled-infection": {"uncontrolled_infection": True},
    "exc-3-ventricular-arrhythmia-or-syncope": {"ventricular_arrhythmia_or_fainting": True},
    "exc-3-cardiomyopathy": {"cardiomyopathy": True},
    "exc-5-reported-liver-or-kidney-problems": {"serious_liver_or_kidney_problems": True},
}


def test_the_review_criteria_are_the_ones_with_clinical_judgement(nct):
    assert {c.id for c in nct.criteria if c.when_not_fitting == "review"} == set(REVIEW_MISFITS)


@pytest.mark.parametrize("criterion_id, misfit", list(REVIEW_MISFITS.items()), ids=list(REVIEW_MISFITS))
def test_a_review_misfit_needs_review_and_never_excludes(nct, criterion_id, misfit):
    result = screen(nct, from_baseline(NCT_ID, misfit), criterion_id, UNKNOWN, REVIEW)
    assert not criterion_result(result, criterion_id).to_be_confirmed_by_study_team
    assert "study team" in criterion_result(result, criterion_id).reason


def test_all_review_misfits_together_still_only_need_review(nct):
    misfits = {k: v for m in REVIEW_MISFITS.values() for k, v in m.items()}
    result = evaluate(nct, from_baseline(NCT_ID, misfits), on_date=ON)
    assert result.outcome is REVIEW, describe(result)


UNKNOWN_ANSWERS = [
    ("inc-1-aml", {"diagnosis": "unknown"}),
    ("inc-1-refractory-or-relapsed", {"aml_no_response_after_two_courses": "unknown"}),
    ("inc-3-daily-activity", {"ecog": "unknown"}),
    ("inc-4-age", {"age": "unknown"}),
    ("inc-5-haemoglobin", {"haemoglobin": "unknown"}),
    ("inc-5-cd3-count", {"cd3_count": "unknown"}),
    ("inc-5-platelets", {"platelet_count": "unknown"}),
    ("inc-6-not-pregnant", {"pregnant": "unknown"}),
    ("inc-6-contraception-women", {"willing_contraception": "unknown"}),
    ("inc-6-contraception-men", {**MAN, "willing_contraception": "unknown"}),
    ("exc-1-active-hepatitis", {"active_hepatitis": "unknown"}),
    ("exc-1-hiv", {"hiv_or_aids": "unknown"}),
    ("exc-1-uncontrolled-infection", {"uncontrolled_infection": "unknown"}),
    ("exc-2-aids-history", {"hiv_or_aids": "unknown"}),
    ("exc-2-long-term-immunosuppressants", {"takes_immunosuppressants": "unknown"}),
    ("exc-3-heart-failure", {"heart_failure": "unknown"}),
    ("exc-3-recent-heart-attack-or-bypass", {"last_heart_attack_or_bypass": "unknown"}),
    ("exc-3-ventricular-arrhythmia-or-syncope", {"ventricular_arrhythmia_or_fainting": "unknown"}),
    ("exc-3-cardiomyopathy", {"cardiomyopathy": "unknown"}),
    ("exc-3-low-ejection-fraction", {"ejection_fraction": "unknown"}),
    ("exc-4-pregnant", {"pregnant": "unknown"}),
    ("exc-4-breastfeeding", {"breastfeeding": "unknown"}),
    ("exc-4-unwilling-contraception", {"willing_contraception": "unknown"}),
    ("exc-5-reported-liver-or-kidney-problems", {"serious_liver_or_kidney_problems": "unknown"}),
    ("exc-5-creatinine", {"creatinine": "unknown"}),
    (
        "exc-7-transplant-immunosuppressants",
        {**TRANSPLANT, "still_on_transplant_immunosuppressants": "unknown"},
    ),
    ("exc-7-gvhd", {**TRANSPLANT, "gvhd": "unknown"}),
]


def test_every_patient_criterion_has_an_unknown_case(nct):
    assert {cid for cid, _ in UNKNOWN_ANSWERS} == {c.id for c in nct.criteria if c.verified_by == "patient"}


@pytest.mark.parametrize("criterion_id, changes", UNKNOWN_ANSWERS, ids=[cid for cid, _ in UNKNOWN_ANSWERS])
def test_i_dont_know_leaves_the_criterion_unknown_and_needs_review(nct, criterion_id, changes):
    result = _screen(nct, criterion_id, changes, UNKNOWN, REVIEW)
    unknown_facts = {f for f, v in changes.items() if v == "unknown"}
    assert unknown_facts <= set(criterion_result(result, criterion_id).missing_facts)
    assert [c.criterion_id for c in result.criteria if c.status is NOT_MET] == []

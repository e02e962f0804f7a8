"""XJ-MK-002 (NCT07110090), criterion by criterion, on both sides of every boundary.

Each case starts from a person who fits every criterion the patient can answer and changes one
thing. Expected statuses and outcomes are written from the protocol text, not computed.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from conftest import (
    MAN,
    ON,
    POST_MENOPAUSE,
    REMOVE,
    XJ_ID,
    XJ_READS,
    baseline_facts,
    criterion_result,
    days_after,
    days_before,
    describe,
    from_baseline,
    screen,
    years_before,
)

from bot.eligibility import Outcome, Status, evaluate

MET, NOT_MET, UNKNOWN, NA = Status.MET, Status.NOT_MET, Status.UNKNOWN, Status.NOT_APPLICABLE
LIKELY, REVIEW, NOT_ELIGIBLE = Outcome.LIKELY_ELIGIBLE, Outcome.NEEDS_REVIEW, Outcome.NOT_ELIGIBLE

TEAM = "team"  # to be confirmed by the study team (status unknown, flagged)

BASELINE_STATUSES = {
    "inc-1-age": MET,
    "inc-2-cancer-diagnosis": MET,
    "inc-2-diagnosis-confirmed-by-tests": TEAM,
    "inc-2-had-cancer-treatment": MET,
    "inc-2-low-platelets-caused-by-treatment": TEAM,
    "inc-2-platelet-range": MET,
    "inc-2-platelets-reconfirmed": TEAM,
    "inc-2-no-bleeding": MET,
    "inc-3-no-recent-platelet-transfusion": MET,
    "inc-4-daily-activity": MET,
    "inc-5-life-expectancy": TEAM,
    "inc-6-contraception": MET,
    "inc-6-no-sperm-donation": NA,
    "inc-6-not-pregnant": MET,
    "inc-6-pregnancy-test": TEAM,
}


def test_the_baseline_woman_is_likely_eligible_with_only_study_team_items_open(xj):
    result = evaluate(xj, baseline_facts(XJ_ID), on_date=ON)
    assert result.outcome is LIKELY, describe(result)
    seen = {}
    for c in result.criteria:
        seen[c.criterion_id] = TEAM if c.to_be_confirmed_by_study_team else c.status
        if c.to_be_confirmed_by_study_team:
            assert c.status is UNKNOWN
    assert seen == BASELINE_STATUSES
    assert result.notes == []


def test_the_trial_reads_exactly_the_facts_its_criteria_mention(xj):
    assert {f for c in xj.criteria for f in c.reads} == XJ_READS


# ----- Inclusion 1: "aged 18 to 75 years (inclusive)" -------------------------------------------
@pytest.mark.parametrize(
    "changes, status, outcome",
    [
        pytest.param({"age": 17}, NOT_MET, NOT_ELIGIBLE, id="17-is-too-young"),
        pytest.param({"age": 18}, MET, LIKELY, id="18-is-old-enough"),
        pytest.param({"age": 75}, MET, LIKELY, id="75-is-still-inclusive"),
        pytest.param({"age": 76}, NOT_MET, NOT_ELIGIBLE, id="76-is-too-old"),
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
            {"age": REMOVE, "birth_date": years_before(75)},
            MET,
            LIKELY,
            id="75th-birthday-on-the-dosing-date",
        ),
        pytest.param(
            {"age": REMOVE, "birth_date": years_before(76, -1)}, MET, LIKELY, id="76th-birthday-the-day-after"
        ),
        pytest.param(
            {"age": REMOVE, "birth_date": years_before(76)},
            NOT_MET,
            NOT_ELIGIBLE,
            id="76th-birthday-on-the-dosing-date",
        ),
        pytest.param({"age": "unknown"}, UNKNOWN, REVIEW, id="age-unknown"),
        pytest.param({"age": REMOVE}, UNKNOWN, REVIEW, id="age-not-asked"),
        pytest.param({"age": REMOVE, "birth_date": "unknown"}, UNKNOWN, REVIEW, id="birth-date-unknown"),
    ],
)
def test_age_must_be_18_to_75_inclusive_on_the_dosing_date(xj, changes, status, outcome):
    screen(xj, from_baseline(XJ_ID, changes), "inc-1-age", status, outcome)


def test_women_and_men_alike_are_open_to_the_study(xj):
    screen(xj, from_baseline(XJ_ID, MAN), "inc-1-age", MET, LIKELY)


# ----- Inclusion 2: a malignant tumour, treated, PLT 50-100, no bleeding ------------------------
@pytest.mark.parametrize(
    "diagnosis, status, outcome",
    [
        pytest.param("solid_tumour", MET, LIKELY, id="solid-tumour"),
        pytest.param("lymphoma", MET, LIKELY, id="lymphoma"),
        pytest.param("aml", MET, LIKELY, id="aml"),
        pytest.param("other_leukaemia", MET, LIKELY, id="other-leukaemia"),
        pytest.param("other_cancer", MET, LIKELY, id="other-cancer"),
        pytest.param("no_cancer", NOT_MET, NOT_ELIGIBLE, id="no-cancer"),
        pytest.param("unknown", UNKNOWN, REVIEW, id="unknown"),
    ],
)
def test_any_malignant_tumour_fits_and_no_cancer_does_not(xj, diagnosis, status, outcome):
    screen(xj, from_baseline(XJ_ID, {"diagnosis": diagnosis}), "inc-2-cancer-diagnosis", status, outcome)


@pytest.mark.parametrize(
    "treatments, status, outcome",
    [
        pytest.param(["chemotherapy"], MET, LIKELY, id="chemotherapy"),
        pytest.param(["immunotherapy"], MET, LIKELY, id="immunotherapy"),
        pytest.param(["targeted"], MET, LIKELY, id="targeted-therapy"),
        pytest.param(["radiotherapy"], MET, LIKELY, id="radiotherapy"),
        pytest.param(["chemotherapy", "radiotherapy"], MET, LIKELY, id="several"),
        pytest.param(["none"], NOT_MET, NOT_ELIGIBLE, id="none-of-these"),
        pytest.param([], NOT_MET, NOT_ELIGIBLE, id="empty-list"),
        pytest.param("unknown", UNKNOWN, REVIEW, id="unknown"),
    ],
)
def test_thrombocytopenia_must_follow_an_anti_tumour_treatment(xj, treatments, status, outcome):
    screen(
        xj,
        from_baseline(XJ_ID, {"cancer_treatments": treatments}),
        "inc-2-had-cancer-treatment",
        status,
        outcome,
    )


@pytest.mark.parametrize(
    "platelets, status, outcome",
    [
        pytest.param(49, NOT_MET, NOT_ELIGIBLE, id="49-below"),
        pytest.param(49.9, NOT_MET, NOT_ELIGIBLE, id="49.9-below"),
        pytest.param(50, MET, LIKELY, id="50-lower-bound-inclusive"),
        pytest.param(100, MET, LIKELY, id="100-upper-bound-inclusive"),
        pytest.param(100.1, NOT_MET, NOT_ELIGIBLE, id="100.1-above"),
        pytest.param(101, NOT_MET, NOT_ELIGIBLE, id="101-above"),
        pytest.param({"value": 49000, "unit": "/uL"}, NOT_MET, NOT_ELIGIBLE, id="49000-per-uL"),
        pytest.param({"value": 50000, "unit": "/uL"}, MET, LIKELY, id="50000-per-uL"),
        pytest.param({"value": 100000, "unit": "/uL"}, MET, LIKELY, id="100000-per-uL"),
        pytest.param({"value": 101000, "unit": "/uL"}, NOT_MET, NOT_ELIGIBLE, id="101000-per-uL"),
        pytest.param("unknown", UNKNOWN, REVIEW, id="unknown"),
    ],
)
def test_platelet_count_must_be_50_to_100_inclusive(xj, platelets, status, outcome):
    screen(xj, from_baseline(XJ_ID, {"platelet_count": platelets}), "inc-2-platelet-range", status, outcome)


@pytest.mark.parametrize(
    "bleeding, status, outcome",
    [
        pytest.param(False, MET, LIKELY, id="not-bleeding"),
        pytest.param(True, UNKNOWN, REVIEW, id="bleeding-goes-to-the-study-team"),
        pytest.param("unknown", UNKNOWN, REVIEW, id="unknown"),
    ],
)
def test_bleeding_is_reviewed_by_the_study_team_never_an_exclusion(xj, bleeding, status, outcome):
    result = screen(
        xj, from_baseline(XJ_ID, {"active_bleeding": bleeding}), "inc-2-no-bleeding", status, outcome
    )
    if bleeding is True:
        assert "study team" in criterion_result(result, "inc-2-no-bleeding").reason


# ----- Inclusion 3: no platelet transfusion within 72 hours before the infusion ----------------
@pytest.mark.parametrize(
    "transfusion, earliest",
    [
        pytest.param(days_before(0), days_after(3), id="on-the-dosing-date"),
        pytest.param(days_before(1), days_after(2), id="yesterday"),
        pytest.param(days_before(2), days_after(1), id="two-days-before"),
    ],
)
def test_a_recent_transfusion_is_a_scheduling_note_not_an_exclusion(xj, transfusion, earliest):
    facts = from_baseline(XJ_ID, {"last_platelet_transfusion": transfusion})
    result = screen(xj, facts, "inc-3-no-recent-platelet-transfusion", MET, LIKELY)
    note = criterion_result(result, "inc-3-no-recent-platelet-transfusion").note
    assert note and earliest in note, note
    assert result.notes == [note]


def test_transfusion_yesterday_can_be_given_from_72_hours_later(xj):
    yesterday = ON - timedelta(days=1)
    facts = from_baseline(XJ_ID, {"last_platelet_transfusion": yesterday.isoformat()})
    result = screen(xj, facts, "inc-3-no-recent-platelet-transfusion", MET, LIKELY)
    assert "2026-11-23" in criterion_result(result, "inc-3-no-recent-platelet-transfusion").note


@pytest.mark.parametrize(
    "transfusion",
    [
        pytest.param(days_before(3), id="exactly-72-hours-before"),
        pytest.param(days_before(30), id="a-month-before"),
        pytest.param("never", id="never"),
    ],
)
def test_a_transfusion_72_hours_or_more_before_needs_no_note(xj, transfusion):
    facts = from_baseline(XJ_ID, {"last_platelet_transfusion": transfusion})
    result = screen(xj, facts, "inc-3-no-recent-platelet-transfusion", MET, LIKELY)
    assert criterion_result(result, "inc-3-no-recent-platelet-transfusion").note is None
    assert result.notes == []


def test_an_unknown_transfusion_date_needs_review(xj):
    facts = from_baseline(XJ_ID, {"last_platelet_transfusion": "unknown"})
    screen(xj, facts, "inc-3-no-recent-platelet-transfusion", UNKNOWN, REVIEW)


def test_the_transfusion_window_is_judged_against_the_dosing_date(xj):
    facts = from_baseline(XJ_ID, {"last_platelet_transfusion": days_before(1)})
    later = ON + timedelta(days=2)  # 3 days after the transfusion
    result = screen(xj, facts, "inc-3-no-recent-platelet-transfusion", MET, LIKELY, on_date=later)
    assert result.notes == []


# ----- Inclusion 4: ECOG 0-2 ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "ecog, status, outcome",
    [
        pytest.param(0, MET, LIKELY, id="0"),
        pytest.param(1, MET, LIKELY, id="1"),
        pytest.param(2, MET, LIKELY, id="2"),
        pytest.param(3, NOT_MET, NOT_ELIGIBLE, id="3"),
        pytest.param(4, NOT_MET, NOT_ELIGIBLE, id="4"),
        pytest.param("unknown", UNKNOWN, REVIEW, id="unknown"),
    ],
)
def test_ecog_must_be_0_to_2(xj, ecog, status, outcome):
    screen(xj, from_baseline(XJ_ID, {"ecog": ecog}), "inc-4-daily-activity", status, outcome)


# ----- Inclusion 6: contraception, sperm donation, pregnancy -------------------------------------
@pytest.mark.parametrize(
    "changes, status, outcome",
    [
        pytest.param({}, MET, LIKELY, id="woman-who-can-become-pregnant-willing"),
        pytest.param(
            {"willing_contraception": False},
            NOT_MET,
            NOT_ELIGIBLE,
            id="woman-who-can-become-pregnant-unwilling",
        ),
        pytest.param({"willing_contraception": "unknown"}, UNKNOWN, REVIEW, id="woman-undecided"),
        pytest.param(
            {**POST_MENOPAUSE, "willing_contraception": False}, NA, LIKELY, id="post-menopause-unwilling"
        ),
        pytest.param({**MAN}, MET, LIKELY, id="man-with-partner-willing"),
        pytest.param(
            {**MAN, "willing_contraception": False}, NOT_MET, NOT_ELIGIBLE, id="man-with-partner-unwilling"
        ),
        pytest.param(
            {**MAN, "partner_can_become_pregnant": False, "willing_contraception": False},
            NA,
            LIKELY,
            id="man-without-partner-unwilling",
        ),
        pytest.param(
            {**MAN, "partner_can_become_pregnant": "unknown", "willing_contraception": False},
            UNKNOWN,
            REVIEW,
            id="man-partner-unknown-unwilling",
        ),
        pytest.param(
            {**MAN, "partner_can_become_pregnant": "unknown"}, MET, LIKELY, id="man-partner-unknown-willing"
        ),
        pytest.param(
            {"can_become_pregnant": "unknown", "willing_contraception": False},
            UNKNOWN,
            REVIEW,
            id="woman-unsure-if-she-can-become-pregnant-unwilling",
        ),
    ],
)
def test_highly_effective_contraception_for_wocbp_and_men_with_wocbp_partners(xj, changes, status, outcome):
    screen(xj, from_baseline(XJ_ID, changes), "inc-6-contraception", status, outcome)


@pytest.mark.parametrize(
    "changes, status, outcome",
    [
        pytest.param({**MAN}, MET, LIKELY, id="man-agrees"),
        pytest.param({**MAN, "willing_no_sperm_donation": False}, NOT_MET, NOT_ELIGIBLE, id="man-refuses"),
        pytest.param(
            {**MAN, "partner_can_become_pregnant": False, "willing_no_sperm_donation": False},
            NOT_MET,
            NOT_ELIGIBLE,
            id="man-without-partner-refuses",
        ),
        pytest.param({**MAN, "willing_no_sperm_donation": "unknown"}, UNKNOWN, REVIEW, id="man-undecided"),
        pytest.param({}, NA, LIKELY, id="woman"),
        pytest.param({"willing_no_sperm_donation": False}, NA, LIKELY, id="woman-answering-no"),
        pytest.param(
            {"sex": "unknown", "willing_no_sperm_donation": False}, UNKNOWN, REVIEW, id="sex-unknown-refuses"
        ),
    ],
)
def test_male_subjects_agree_not_to_donate_sperm(xj, changes, status, outcome):
    screen(xj, from_baseline(XJ_ID, changes), "inc-6-no-sperm-donation", status, outcome)


@pytest.mark.parametrize(
    "changes, status, outcome",
    [
        pytest.param({}, MET, LIKELY, id="not-pregnant"),
        pytest.param({"pregnant": True}, NOT_MET, NOT_ELIGIBLE, id="pregnant"),
        pytest.param({"pregnant": "unknown"}, UNKNOWN, REVIEW, id="unsure"),
        pytest.param({**POST_MENOPAUSE}, NA, LIKELY, id="post-menopause"),
        pytest.param({**MAN}, NA, LIKELY, id="man"),
    ],
)
def test_women_of_childbearing_potential_must_not_be_pregnant(xj, changes, status, outcome):
    screen(xj, from_baseline(XJ_ID, changes), "inc-6-not-pregnant", status, outcome)


def test_the_registry_text_has_no_breastfeeding_rule(xj):
    # The seed lists inclusion criteria only; breastfeeding is left to the study team.
    result = evaluate(xj, from_baseline(XJ_ID, {"breastfeeding": True}), on_date=ON)
    assert result.outcome is LIKELY, describe(result)


@pytest.mark.parametrize(
    "changes, status, flagged",
    [
        pytest.param({}, UNKNOWN, True, id="woman-who-can-become-pregnant"),
        pytest.param(
            {"can_become_pregnant": "unknown"}, UNKNOWN, True, id="unsure-if-she-can-become-pregnant"
        ),
        pytest.param({**POST_MENOPAUSE}, NA, False, id="post-menopause"),
        pytest.param({**MAN}, NA, False, id="man"),
    ],
)
def test_the_pregnancy_test_within_7_days_is_for_the_study_team(xj, changes, status, flagged):
    result = screen(xj, from_baseline(XJ_ID, changes), "inc-6-pregnancy-test", status, LIKELY)
    assert criterion_result(result, "inc-6-pregnancy-test").to_be_confirmed_by_study_team is flagged


# ----- Study-team, review and unknown answers -------------------------------------------------------
STUDY_TEAM = [
    "inc-2-diagnosis-confirmed-by-tests",
    "inc-2-low-platelets-caused-by-treatment",
    "inc-2-platelets-reconfirmed",
    "inc-5-life-expectancy",
    "inc-6-pregnancy-test",
]


def test_the_study_team_criteria_are_the_ones_only_a_clinician_can_check(xj):
    assert [c.id for c in xj.criteria if c.verified_by == "study_team"] == STUDY_TEAM


@pytest.mark.parametrize("criterion_id", STUDY_TEAM)
@pytest.mark.parametrize(
    "facts",
    [
        pytest.param(baseline_facts(XJ_ID), id="baseline"),
        pytest.param({}, id="nothing-known"),
        pytest.param(from_baseline(XJ_ID, {"age": 90, "platelet_count": 5, "ecog": 4}), id="excluded"),
    ],
)
def test_study_team_criteria_are_never_not_met_and_are_flagged(xj, criterion_id, facts):
    c = criterion_result(evaluate(xj, facts, on_date=ON), criterion_id)
    assert c.status is UNKNOWN
    assert c.to_be_confirmed_by_study_team


REVIEW_MISFITS = {"inc-2-no-bleeding": {"active_bleeding": True}}


def test_the_review_criteria_are_the_ones_with_clinical_judgement(xj):
    assert {c.id for c in xj.criteria if c.when_not_fitting == "review"} == set(REVIEW_MISFITS)


@pytest.mark.parametrize("criterion_id, misfit", list(REVIEW_MISFITS.items()), ids=list(REVIEW_MISFITS))
def test_a_review_misfit_needs_review_and_never_excludes(xj, criterion_id, misfit):
    result = screen(xj, from_baseline(XJ_ID, misfit), criterion_id, UNKNOWN, REVIEW)
    assert not criterion_result(result, criterion_id).to_be_confirmed_by_study_team
    # ...and it does not hide a real exclusion elsewhere.
    screen(xj, from_baseline(XJ_ID, misfit, {"age": 80}), criterion_id, UNKNOWN, NOT_ELIGIBLE)


# For each criterion the patient answers: the fact whose "I don't know" leaves it open, with any
# changes needed to make that fact matter.
UNKNOWN_ANSWERS = [
    ("inc-1-age", {"age": "unknown"}),
    ("inc-2-cancer-diagnosis", {"diagnosis": "unknown"}),
    ("inc-2-had-cancer-treatment", {"cancer_treatments": "unknown"}),
    ("inc-2-platelet-range", {"platelet_count": "unknown"}),
    ("inc-2-no-bleeding", {"active_bleeding": "unknown"}),
    ("inc-3-no-recent-platelet-transfusion", {"last_platelet_transfusion": "unknown"}),
    ("inc-4-daily-activity", {"ecog": "unknown"}),
    ("inc-6-contraception", {"willing_contraception": "unknown"}),
    ("inc-6-no-sperm-donation", {**MAN, "willing_no_sperm_donation": "unknown"}),
    ("inc-6-not-pregnant", {"pregnant": "unknown"}),
]


def test_every_patient_criterion_has_an_unknown_case(xj):
    assert {cid for cid, _ in UNKNOWN_ANSWERS} == {c.id for c in xj.criteria if c.verified_by == "patient"}


@pytest.mark.parametrize("criterion_id, changes", UNKNOWN_ANSWERS, ids=[cid for cid, _ in UNKNOWN_ANSWERS])
def test_i_dont_know_leaves_the_criterion_unknown_and_needs_review(xj, criterion_id, changes):
    result = screen(xj, from_baseline(XJ_ID, changes), criterion_id, UNKNOWN, REVIEW)
    unknown_facts = {f for f, v in changes.items() if v == "unknown"}
    assert unknown_facts <= set(criterion_result(result, criterion_id).missing_facts)
    assert [c.criterion_id for c in result.criteria if c.status is NOT_MET] == []


def test_a_birth_date_and_the_dosing_date_decide_the_age_together(xj):
    facts = from_baseline(XJ_ID, {"age": REMOVE, "birth_date": years_before(18, -1)})
    screen(xj, facts, "inc-1-age", NOT_MET, NOT_ELIGIBLE)
    next_day = ON + timedelta(days=1)
    screen(xj, facts, "inc-1-age", MET, LIKELY, on_date=next_day)

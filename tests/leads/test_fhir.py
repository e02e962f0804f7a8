"""FHIR export: one validated collection Bundle per lead, with the contact as Patient, the study, the
person as a (potential) candidate, every answer with its question as shown and the person's words,
and each consent with the exact wording shown."""

from __future__ import annotations

import base64
import json
from datetime import datetime, timezone

import pytest
from fhir.resources.bundle import Bundle
from fhir.resources.researchsubject import ResearchSubject

from bot.facts import default_registry
from bot.leads import save_referral
from bot.leads.exports.fhir_export import bundle_json, check_codes, lead_bundle
from bot.leads.service import ContactView, LeadsError, LeadView, export_leads
from bot.trials import find_trial, load_trials
from tests.leads.factories import CANARY_EMAIL, CANARY_NAME, CANARY_PHONE, referral

NOW = datetime(2026, 11, 21, 9, 30, tzinfo=timezone.utc)
AGE_QUESTION = "How old are you? A date of birth is fine too."
ANSWERS = {
    "age": {
        "value": 47,
        "unit": None,
        "said": "I'm 47",
        "question": AGE_QUESTION,
        "answered_at": "2026-11-21T09:01:00+00:00",
    },
    "sex": {"value": "female", "said": "a woman", "question": "Are you female or male?"},
    "cancer_treatments": {
        "value": ["chemotherapy", "radiotherapy"],
        "said": "chemo, then radiation",
        "question": "Which cancer treatments have you had? You can pick more than one.",
    },
    "ecog": {
        "value": 1,
        "said": "I can do light housework",
        "question": "Which of these best describes your daily activity?",
    },
    "platelet_count": {
        "value": 72,
        "unit": "/uL",
        "said": "72,000 last week",
        "question": "Do you know your latest platelet count?",
    },
    "haemoglobin": {
        "value": 91.0,
        "unit": "g/dL",
        "said": "9.1",
        "question": "Do you know your latest haemoglobin level?",
    },
    "active_bleeding": {
        "value": False,
        "said": "no, not at all",
        "question": "Are you bleeding at the moment?",
    },
    "last_platelet_transfusion": {
        "value": "2026-10-01",
        "said": "1st of October",
        "question": "When did you last have a platelet transfusion?",
    },
    "last_heart_attack_or_bypass": {
        "value": "never",
        "said": "never had one",
        "question": "Have you had a heart attack?",
    },
    "cd3_count": {"value": "unknown", "said": "no idea", "question": "Do you know your CD3+ T-cell count?"},
    "diagnosis": {"value": "solid_tumour", "said": "breast cancer", "question": ""},
}
SCREENING_WORDING = (
    "Before we start: may we ask about your health to see which studies might suit you? "
    "<b>Yes</b> & no are both fine."
)
CONSENTS = [
    {"kind": "screening", "agreed": True, "at": "2026-11-21T09:00:00+00:00", "wording": SCREENING_WORDING},
    {
        "kind": "contact",
        "agreed": False,
        "at": "2026-11-21T09:20:00+00:00",
        "wording": "May the study team call you?",
    },
]


def lead(outcome: str = "likely_eligible", trial_id: str = "xj-mk-002", **changes) -> LeadView:
    values = {
        "id": "7d9b2a4e-4a57-4e0e-9b0a-3b8f5c1d2e6f",
        "conversation_id": "conv-1",
        "trial_id": trial_id,
        "protocol_version": "v1",
        "outcome": outcome,
        "status": "new",
        "created_at": NOW,
        "updated_at": NOW,
        "answered_by_proxy": False,
        "contact": ContactView(name=CANARY_NAME, phone=CANARY_PHONE, email=CANARY_EMAIL, language="Mandarin"),
        "criteria": [],
        "answers": ANSWERS,
        "consents": CONSENTS,
        "events": [],
    }
    return LeadView(**{**values, **changes})


def bundle_of(view: LeadView) -> Bundle:
    """The bundle as a receiving system reads it: parsed (and so validated) from its JSON."""
    trial = next((t for t in load_trials() if t.id == view.trial_id), None)
    return Bundle.parse_raw(lead_bundle(view, trial).json())


def resources(bundle: Bundle, kind: str) -> list:
    return [e.resource for e in bundle.entry if e.resource.resource_type == kind]


def only(bundle: Bundle, kind: str):
    (resource,) = resources(bundle, kind)
    return resource


def items(bundle: Bundle) -> dict:
    return {item.linkId: item for item in only(bundle, "QuestionnaireResponse").item}


# ----- the bundle -----


def test_a_lead_is_one_collection_bundle_with_every_resource():
    bundle = bundle_of(lead())
    assert bundle.type == "collection" and bundle.id == "7d9b2a4e-4a57-4e0e-9b0a-3b8f5c1d2e6f"
    kinds = sorted(e.resource.resource_type for e in bundle.entry)
    assert kinds == sorted(
        ["Patient", "ResearchStudy", "ResearchSubject", "QuestionnaireResponse", "Consent", "Consent"]
    )
    check_codes(bundle)


def test_the_json_written_is_what_the_validated_bundle_serialises_to():
    view = lead()
    trial = find_trial(load_trials(), "xj-mk-002")
    written = bundle_json(view, trial, default_registry())
    assert json.loads(lead_bundle(view, trial).json()) == written


def test_every_reference_points_inside_the_bundle():
    bundle = bundle_of(lead())
    urls = {e.fullUrl for e in bundle.entry}
    assert all(url.startswith("urn:uuid:") for url in urls)
    patient_url = next(e.fullUrl for e in bundle.entry if e.resource.resource_type == "Patient")
    subject = only(bundle, "ResearchSubject")
    assert subject.individual.reference == patient_url and subject.study.reference in urls
    assert only(bundle, "QuestionnaireResponse").subject.reference == patient_url
    assert {c.patient.reference for c in resources(bundle, "Consent")} == {patient_url}


def test_the_same_lead_gets_the_same_ids_in_every_export():
    first, second = bundle_of(lead()), bundle_of(lead())
    assert [e.fullUrl for e in first.entry] == [e.fullUrl for e in second.entry]
    other = bundle_of(lead(id="0c7f2c55-1d3e-4b8a-9a4e-6f1e2d3c4b5a"))
    assert other.entry[0].fullUrl != first.entry[0].fullUrl  # another person
    assert other.entry[1].fullUrl == first.entry[1].fullUrl  # the same study


@pytest.mark.parametrize(
    "outcome, status",
    [("needs_review", "potential-candidate"), ("likely_eligible", "candidate")],
)
def test_the_research_subject_is_a_candidate_only_when_likely_eligible(outcome, status):
    subject = only(bundle_of(lead(outcome)), "ResearchSubject")
    assert subject.status == status
    assert subject.identifier[0].value == "urn:uuid:7d9b2a4e-4a57-4e0e-9b0a-3b8f5c1d2e6f"


def test_the_patient_holds_the_contact_details_and_nothing_else():
    patient = only(bundle_of(lead()), "Patient")
    assert patient.name[0].text == CANARY_NAME
    assert [(t.system, t.value) for t in patient.telecom] == [
        ("phone", CANARY_PHONE),
        ("email", CANARY_EMAIL),
    ]
    assert patient.communication[0].language.text == "Mandarin"
    assert patient.identifier is None and patient.birthDate is None and patient.gender is None
    assert patient.address is None


def test_a_patient_without_email_has_only_a_phone():
    view = lead(contact=ContactView(name="Li Wei", phone="+86 139 0000 0000"))
    patient = only(bundle_of(view), "Patient")
    assert [t.system for t in patient.telecom] == ["phone"]


def test_the_research_study_carries_the_registry_ids_title_status_and_phase():
    study = only(bundle_of(lead()), "ResearchStudy")
    trial = find_trial(load_trials(), "xj-mk-002")
    assert {(i.system, i.value) for i in study.identifier} == {
        ("https://clinicaltrials.gov", "NCT07110090"),
        (None, "XJ-MK-002"),
    }
    assert study.title == trial.title
    assert study.status == "active"  # recruiting
    assert study.phase.text == "Phase 1"


def test_a_lead_for_a_trial_no_longer_on_file_still_exports():
    study = only(bundle_of(lead(trial_id="retired-trial")), "ResearchStudy")
    assert study.title == "retired-trial" and study.status == "closed-to-accrual"


# ----- the answers -----


def test_every_answer_carries_the_question_as_shown_then_the_persons_words():
    found = items(bundle_of(lead()))
    assert list(found) == list(ANSWERS)  # in the order asked
    for fact_id, given in ANSWERS.items():
        item = found[fact_id]
        assert item.text == (given["question"] or None)
        assert item.answer[0].valueString == given["said"]
    assert found["age"].text == AGE_QUESTION


@pytest.mark.parametrize(
    "fact_id, typed",
    [
        ("age", [{"valueInteger": 47}]),
        ("sex", [{"valueString": "female"}]),
        ("cancer_treatments", [{"valueString": "chemotherapy"}, {"valueString": "radiotherapy"}]),
        ("ecog", [{"valueInteger": 1}]),
        ("platelet_count", [{"valueQuantity": {"value": 72, "unit": "×10⁹/L"}}]),
        ("haemoglobin", [{"valueQuantity": {"value": 91.0, "unit": "g/L"}}]),
        ("active_bleeding", [{"valueBoolean": False}]),
        ("last_platelet_transfusion", [{"valueDate": "2026-10-01"}]),
        ("last_heart_attack_or_bypass", [{"valueString": "never"}]),
        ("diagnosis", [{"valueString": "solid_tumour"}]),
    ],
)
def test_after_the_words_comes_the_value_as_understood_typed(fact_id, typed):
    answers = json.loads(bundle_of(lead()).json())["entry"][3]["resource"]["item"]
    (item,) = [i for i in answers if i["linkId"] == fact_id]
    assert item["answer"][1:] == typed


def test_i_dont_know_is_kept_as_the_persons_words_only():
    item = items(bundle_of(lead()))["cd3_count"]
    assert [a.valueString for a in item.answer] == ["no idea"]


def test_the_questionnaire_response_is_completed_and_dated():
    response = only(bundle_of(lead()), "QuestionnaireResponse")
    assert response.status == "completed"
    assert response.authored.isoformat() == "2026-11-21T09:01:00+00:00"


def test_answers_given_by_someone_else_do_not_name_the_patient_as_source():
    assert only(bundle_of(lead()), "QuestionnaireResponse").source is not None
    assert (
        only(bundle_of(lead(answered_by_proxy=True, relation="daughter")), "QuestionnaireResponse").source
        is None
    )


# ----- the consents -----


def test_each_consent_carries_the_exact_wording_shown():
    screening, contact = resources(bundle_of(lead()), "Consent")
    assert base64.b64decode(screening.sourceAttachment.data).decode("utf-8") == SCREENING_WORDING
    assert screening.sourceAttachment.contentType == "text/plain; charset=utf-8"
    assert "<b>Yes</b>" not in screening.text.div  # the wording is text, not markup
    assert "&lt;b&gt;Yes&lt;/b&gt; &amp; no are both fine." in screening.text.div
    assert base64.b64decode(contact.sourceAttachment.data).decode("utf-8") == "May the study team call you?"


def test_a_consent_is_an_active_research_consent_that_permits_or_denies():
    screening, contact = resources(bundle_of(lead()), "Consent")
    for consent in (screening, contact):
        assert consent.status == "active"
        assert consent.scope.coding[0].code == "research"
        assert consent.category[0].coding[0].code == "59284-0"
        assert consent.policyRule.coding[0].code == "OPTIN"
    assert (screening.provision.type, contact.provision.type) == ("permit", "deny")
    assert screening.dateTime.isoformat() == "2026-11-21T09:00:00+00:00"
    assert (screening.category[0].text, contact.category[0].text) == ("screening consent", "contact consent")


# ----- validation -----


def test_a_code_outside_the_specifications_value_set_is_refused():
    subject = ResearchSubject(
        status="maybe", study={"reference": "urn:uuid:1"}, individual={"reference": "urn:uuid:2"}
    )
    with pytest.raises(ValueError, match="ResearchSubject.status: 'maybe' is not one of candidate"):
        check_codes(subject)


def test_a_lead_that_cannot_be_valid_fhir_is_a_clear_error():
    broken = lead(consents=[{"kind": "screening", "agreed": True, "at": "yesterday", "wording": "ok?"}])
    with pytest.raises(
        LeadsError,
        match="lead 7d9b2a4e-.* cannot be exported as FHIR: Consent.dateTime: invalid datetime format",
    ):
        lead_bundle(broken, None)


def test_the_export_file_has_one_valid_bundle_per_lead_per_line(database_url, tmp_path):
    likely = referral("conv-likely")
    likely.answers = ANSWERS
    likely.consents = CONSENTS
    (likely_id,) = save_referral(likely)
    (review_id,) = save_referral(referral("conv-review", {"age": 66, "diagnosis": "aml"}))
    path = tmp_path / "leads.ndjson"
    assert export_leads(None, "fhir", path, "alice") == 2
    bundles = {b.id: b for b in (Bundle.parse_raw(line) for line in path.read_text("utf-8").splitlines())}
    assert set(bundles) == {likely_id, review_id}
    for bundle in bundles.values():
        check_codes(bundle)
        assert {"Patient", "ResearchStudy", "ResearchSubject", "QuestionnaireResponse", "Consent"} == {
            e.resource.resource_type for e in bundle.entry
        }
    assert only(bundles[likely_id], "ResearchSubject").status == "candidate"
    assert only(bundles[review_id], "ResearchSubject").status == "potential-candidate"
    assert items(bundles[likely_id])["age"].text == AGE_QUESTION
    assert items(bundles[likely_id])["age"].answer[0].valueString == "I'm 47"
    assert only(bundles[review_id], "Patient").name[0].text == CANARY_NAME

"""FHIR R4: one Bundle per lead, written as NDJSON (one Bundle per line).

Why NDJSON: each line is a complete FHIR resource that any FHIR parser reads on its own, the file can
be written and read one lead at a time (10 000 leads never sit in memory), and it is the shape FHIR
Bulk Data uses (`application/fhir+ndjson`).

Why a `collection` Bundle and not a `transaction`: the export hands a coordinator's system a set of
related resources to read, not instructions to a server. A transaction would need a request method
and URL per entry and would create duplicate Patients on every re-import; a collection carries the
resources as they are. Full URLs are `urn:uuid:`s derived from the lead id, so exporting the same lead
twice gives the same ids, and the study's id is the same in every bundle.

Each Bundle (`Bundle.id` is the lead id) holds:
- Patient: the name, phone and email the person gave for contact (and the language they want to be
  called in). No other identifiers, no birth date, no sex: health details stay in the answers.
- ResearchStudy: registry identifiers (NCT number with system https://clinicaltrials.gov), title,
  status mapped from the trial file, phase as text.
- ResearchSubject: `candidate` for likely eligible, `potential-candidate` for needs review (the
  study team decides); identifier `urn:uuid:<lead id>`.
- QuestionnaireResponse: one item per answer in the order asked: linkId = fact id, text = the
  question exactly as shown, then the answers: first `valueString` with the person's own words, then
  the value as understood, typed (valueInteger, valueQuantity for measurements with a unit,
  valueDecimal, valueBoolean, valueDate, valueString; one per choice for several choices). "I don't
  know" has only the words.
- Consent, one per consent record: status active, scope research, category "Patient Consent"
  (LOINC 59284-0), policyRule OPTIN, provision permit (agreed) or deny (declined), dateTime, and the
  exact wording shown both as `sourceAttachment` (text/plain, UTF-8) and in the narrative.

fhir.resources 6.5 models FHIR 4.3.0 (R4B). HL7 limits R4B's changes from R4 to the medication
regulation, evidence and subscription resources (hl7.org/fhir/R4B/history.html); the six types used
here are R4's. Each lead's JSON is validated by `Bundle.parse_obj`, which builds every entry with its
own class (Patient, Consent, ...). Those classes check structure, types and cardinality but not code
bindings, so `check_codes` also checks each coded value against the specification's value set.
"""

from __future__ import annotations

import base64
import html
import json
import uuid
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import IO, Any

from fhir.resources.bundle import Bundle
from fhir.resources.core.fhirabstractmodel import FHIRAbstractModel
from pydantic import ValidationError

from bot.facts import UNKNOWN, Registry, default_registry
from bot.leads.service import LeadsError, LeadView
from bot.rules import NEVER
from bot.text import LANGUAGE_TAGS, LANGUAGES
from bot.trial_schema import Trial
from bot.trials import load_trials

BINARY = False
NAMESPACE = uuid.UUID("5b0f6c3e-3d4f-4a43-9d0e-2f3a5a8f7c11")  # fixed: same lead, same urn:uuid

RESEARCH_SUBJECT_STATUS = {
    "likely_eligible": "candidate",
    "needs_review": "potential-candidate",
    "not_eligible": "ineligible",
}
STUDY_STATUS = {"recruiting": "active", "not_yet_recruiting": "approved", "closed": "closed-to-accrual"}
NCT_SYSTEM = "https://clinicaltrials.gov"
BCP47_SYSTEM = "urn:ietf:bcp:47"
CONSENT_SCOPE = {
    "coding": [
        {
            "system": "http://terminology.hl7.org/CodeSystem/consentscope",
            "code": "research",
            "display": "Research",
        }
    ]
}
CONSENT_CATEGORY_CODING = {"system": "http://loinc.org", "code": "59284-0", "display": "Patient Consent"}
OPT_IN = {
    "coding": [
        {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "OPTIN", "display": "opt-in"}
    ]
}


def write(views: Iterable[LeadView], stream: IO[str]) -> int:
    trials = {t.id: t for t in load_trials()}
    registry = default_registry()
    count = 0
    for view in views:
        data = bundle_json(view, trials.get(view.trial_id), registry)
        validate(data, view.id)
        # The JSON just validated, written as is: the same content as Bundle.json() (a test checks),
        # at a thirtieth of the cost, which matters over 10 000 leads.
        stream.write(json.dumps(data, ensure_ascii=False))
        stream.write("\n")
        count += 1
    return count


def lead_bundle(view: LeadView, trial: Trial | None, registry: Registry | None = None) -> Bundle:
    """One lead as a validated collection Bundle."""
    return validate(bundle_json(view, trial, registry or default_registry()), view.id)


def validate(data: dict[str, Any], lead_id: str) -> Bundle:
    """The Bundle built with the fhir.resources classes (every entry's resource with its own class,
    so each is validated), with its codes checked; a clear LeadsError when anything is invalid."""
    try:
        bundle = Bundle.parse_obj(data)
        check_codes(bundle)
    except ValidationError as error:
        problems = "; ".join(f"{_where(data, e['loc'])}: {e['msg']}" for e in error.errors())
        raise LeadsError(f"lead {lead_id} cannot be exported as FHIR: {problems}") from None
    except ValueError as error:
        raise LeadsError(f"lead {lead_id} cannot be exported as FHIR: {error}") from None
    return bundle


def _where(data: dict[str, Any], loc: tuple) -> str:
    """`Consent.dateTime` rather than `entry.4.resource.dateTime`."""
    if len(loc) >= 3 and loc[0] == "entry" and loc[2] == "resource" and isinstance(loc[1], int):
        kind = data["entry"][loc[1]]["resource"].get("resourceType", "resource")
        return ".".join([kind, *(str(p) for p in loc[3:])])
    return ".".join(["Bundle", *(str(p) for p in loc)])


def bundle_json(view: LeadView, trial: Trial | None, registry: Registry) -> dict[str, Any]:
    """One lead's Bundle as FHIR JSON (not yet validated; see `validate`)."""
    patient_url = _urn(f"{view.id}/Patient")
    study_url = _urn(f"study/{view.trial_id}")
    entries = [
        (patient_url, _patient(view)),
        (study_url, _study(view, trial)),
        (_urn(f"{view.id}/ResearchSubject"), _subject(view, study_url, patient_url)),
        (_urn(f"{view.id}/QuestionnaireResponse"), _questionnaire_response(view, patient_url, registry)),
    ]
    for index, record in enumerate(view.consents):
        entries.append((_urn(f"{view.id}/Consent/{index}"), _consent(record, patient_url)))
    return {
        "resourceType": "Bundle",
        "id": view.id,
        "type": "collection",
        "timestamp": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "entry": [{"fullUrl": url, "resource": resource} for url, resource in entries],
    }


def _urn(key: str) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, key)}"


def _present(**elements: Any) -> dict[str, Any]:
    """The elements that have a value (FHIR JSON leaves absent elements out, never null or empty)."""
    return {k: v for k, v in elements.items() if v not in (None, [], {}, "")}


def _patient(view: LeadView) -> dict[str, Any]:
    contact = view.contact
    telecom = []
    if contact.phone:
        telecom.append({"system": "phone", "value": contact.phone})
    if contact.email:
        telecom.append({"system": "email", "value": contact.email})
    return _present(
        resourceType="Patient",
        name=[{"text": contact.name}] if contact.name else None,
        telecom=telecom,
        communication=_communication(view),
    )


def _communication(view: LeadView) -> list[dict[str, Any]]:
    """The language the conversation was held in, coded (BCP 47), and the language the person asked to
    be called in, as they typed it, when they gave one."""
    tag = LANGUAGE_TAGS.get(view.conversation_language, view.conversation_language)
    spoken = {
        "language": {
            "coding": [
                {"system": BCP47_SYSTEM, "code": tag, "display": LANGUAGES.get(view.conversation_language)}
            ],
            "text": LANGUAGES.get(view.conversation_language, tag),
        }
    }
    asked = view.contact.language
    if asked and asked.strip():
        return [{"language": {"text": asked}, "preferred": True}, spoken]
    return [{**spoken, "preferred": True}]


def _study(view: LeadView, trial: Trial | None) -> dict[str, Any]:
    if trial is None:  # the trial file was removed: it is no longer offered here
        return {
            "resourceType": "ResearchStudy",
            "identifier": [{"type": {"text": "trial id"}, "value": view.trial_id}],
            "title": view.trial_id,
            "status": "closed-to-accrual",
        }
    identifiers = []
    for kind, value in trial.identifiers.items():
        if kind == "nct":
            identifiers.append({"system": NCT_SYSTEM, "value": value})
        else:
            identifiers.append({"type": {"text": kind.replace("_", " ")}, "value": value})
    return {
        "resourceType": "ResearchStudy",
        "identifier": identifiers,
        "title": trial.title,
        "status": STUDY_STATUS[trial.status],
        "phase": {"text": trial.phase},
        "sponsor": {"display": trial.sponsor},
    }


def _subject(view: LeadView, study_url: str, patient_url: str) -> dict[str, Any]:
    return {
        "resourceType": "ResearchSubject",
        "identifier": [{"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{view.id}"}],
        "status": RESEARCH_SUBJECT_STATUS[view.outcome],
        "study": {"reference": study_url},
        "individual": {"reference": patient_url},
    }


def _questionnaire_response(view: LeadView, patient_url: str, registry: Registry) -> dict[str, Any]:
    items = []
    for fact_id, given in view.answers.items():
        given = given if isinstance(given, dict) else {"value": given}
        answers = []
        said = given.get("said")
        if isinstance(said, str) and said.strip():
            answers.append({"valueString": said})
        answers += typed_answers(fact_id, given.get("value"), given.get("unit"), registry)
        question = given.get("question")
        items.append(
            _present(
                linkId=fact_id,
                text=question if isinstance(question, str) and question.strip() else None,
                answer=answers,
            )
        )
    times = [g["answered_at"] for g in view.answers.values() if isinstance(g, dict) and g.get("answered_at")]
    return _present(
        resourceType="QuestionnaireResponse",
        language=LANGUAGE_TAGS.get(view.conversation_language, view.conversation_language),
        status="completed",
        subject={"reference": patient_url},
        source=None if view.answered_by_proxy else {"reference": patient_url},
        authored=max(times) if times else view.created_at.isoformat(timespec="seconds"),
        item=items,
    )


def typed_answers(fact_id: str, value: Any, unit: str | None, registry: Registry) -> list[dict[str, Any]]:
    """The value as the assistant understood it, typed for FHIR; nothing for "I don't know"."""
    if value is None or value == UNKNOWN:
        return []
    definition = registry.definitions.get(fact_id)
    kind = definition.type if definition else None
    if kind in ("choice", "choices"):
        values = value if isinstance(value, list) else [value]
        return [{"valueInteger": v} if _is_int(v) else {"valueString": str(v)} for v in values]
    if kind == "boolean" and isinstance(value, bool):
        return [{"valueBoolean": value}]
    if kind == "integer" and _is_int(value):
        return [{"valueInteger": value}]
    if kind == "number" and isinstance(value, (int, float)) and not isinstance(value, bool):
        if definition.unit:  # stored in the canonical unit, whatever unit the person used
            return [{"valueQuantity": {"value": value, "unit": definition.unit}}]
        return [{"valueDecimal": value}]
    if kind == "date" and isinstance(value, str) and value != NEVER:
        return [{"valueDate": value}]
    return [{"valueString": value if isinstance(value, str) else str(value)}]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _consent(record: dict[str, Any], patient_url: str) -> dict[str, Any]:
    kind = str(record.get("kind") or "consent")
    agreed = record.get("agreed") is True
    wording = record.get("wording") or ""
    answer = "agreed" if agreed else "declined"
    narrative = (
        '<div xmlns="http://www.w3.org/1999/xhtml">'
        f"<p>{html.escape(kind)} consent, {answer}. Wording shown:</p>"
        f"<blockquote>{html.escape(wording)}</blockquote></div>"
    )
    attachment = {
        "contentType": "text/plain; charset=utf-8",
        "data": base64.b64encode(wording.encode("utf-8")).decode("ascii"),
        "title": f"Wording shown for the {kind} consent",
    }
    return _present(
        resourceType="Consent",
        text={"status": "generated", "div": narrative},
        status="active",
        scope=CONSENT_SCOPE,
        category=[{"coding": [CONSENT_CATEGORY_CODING], "text": f"{kind} consent"}],
        patient={"reference": patient_url},
        dateTime=record.get("at"),
        policyRule=OPT_IN,
        sourceAttachment=attachment if wording else None,
        provision={"type": "permit" if agreed else "deny"},
    )


def check_codes(model: FHIRAbstractModel, where: str = "") -> None:
    """Every coded value (status, type, ...) is one the FHIR specification allows there."""
    where = where or model.resource_type
    fields = model.__fields__
    for name in model.__fields_set__:  # only what was given: most of a model's fields are empty
        value = getattr(model, name)
        if value is None:
            continue
        allowed = fields[name].field_info.extra.get("enum_values")
        if allowed and value not in allowed:
            raise ValueError(f"{where}.{name}: {value!r} is not one of {', '.join(allowed)}")
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, FHIRAbstractModel):
                check_codes(item, f"{where}.{name}")

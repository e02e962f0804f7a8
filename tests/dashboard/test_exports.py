"""Exports from the dashboard (SQLite and PostgreSQL): the CLI's formats through service.export_leads,
with the filter kept in the session, each audited with the signed-in login as the actor."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import select

from bot.leads import save_referral
from bot.leads.database import session
from bot.leads.models import ExportAudit
from bot.leads.service import list_leads, parse_filter
from tests.leads.factories import CANARY_NAME, referral

NEEDS_REVIEW = {"age": 66, "diagnosis": "aml"}


@pytest.fixture
def leads(database_url) -> list[str]:
    return [
        *save_referral(referral("c-1")),
        *save_referral(referral("c-2", NEEDS_REVIEW)),
        *save_referral(referral("c-3", NEEDS_REVIEW, trial_id="nct06642025")),
    ]


def audits() -> list[ExportAudit]:
    with session() as db:
        return list(db.scalars(select(ExportAudit).order_by(ExportAudit.id)))


def test_a_csv_export_of_the_filtered_leads_is_a_download_audited_with_the_login(dashboard, leads):
    browser = dashboard.signed_in("li.wei")
    wanted = {"outcome": "needs_review"}
    browser.post("/leads/filter", {"action": "apply", "csrf_token": browser.csrf(), **wanted})
    expected = [lead.id for lead in list_leads(parse_filter(**wanted))]

    response = browser.post("/exports", {"format": "csv", "csrf_token": browser.csrf()})

    assert response.status == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="leads-') and disposition.endswith('.csv"')
    assert response.headers["Cache-Control"] == "no-store"
    rows = list(csv.DictReader(io.StringIO(response.body.decode("utf-8-sig"))))
    assert [row["lead_id"] for row in rows] == expected
    (audit,) = audits()
    assert (audit.actor, audit.format, audit.filters, audit.row_count) == ("li.wei", "csv", wanted, 2)


def test_a_fhir_export_is_one_bundle_per_line_audited_with_the_login(dashboard, leads):
    browser = dashboard.signed_in("ana.costa")
    response = browser.post("/exports", {"format": "fhir", "csrf_token": browser.csrf()})
    assert response.status == 200
    assert response.headers["Content-Type"] == "application/fhir+ndjson; charset=utf-8"
    assert response.headers["Content-Disposition"].endswith('.ndjson"')
    bundles = [json.loads(line) for line in response.text.splitlines()]
    assert [b["id"] for b in bundles] == [lead.id for lead in list_leads()]
    assert all(b["resourceType"] == "Bundle" for b in bundles)
    assert CANARY_NAME in response.text  # exports carry contact details, which is why they are audited
    (audit,) = audits()
    assert (audit.actor, audit.format, audit.filters, audit.row_count) == (
        "ana.costa",
        "fhir",
        {},
        len(leads),
    )


@pytest.mark.parametrize("fmt", ["xlsx", "json"])
def test_the_other_formats_download_too(dashboard, leads, fmt):
    browser = dashboard.signed_in()
    response = browser.post("/exports", {"format": fmt, "csrf_token": browser.csrf()})
    assert response.status == 200
    assert response.headers["Content-Disposition"].endswith(f'.{fmt}"')
    if fmt == "json":
        assert len(json.loads(response.text)) == len(leads)
    else:
        assert response.body[:2] == b"PK"  # a zip container
    assert audits()[0].format == fmt


def test_an_unknown_format_or_a_missing_token_exports_nothing(dashboard, leads):
    browser = dashboard.signed_in()
    assert browser.post("/exports", {"format": "pdf", "csrf_token": browser.csrf()}).status == 400
    assert browser.post("/exports", {"format": "csv"}).status == 403
    assert audits() == []

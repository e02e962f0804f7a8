"""Exports (SQLite and PostgreSQL): each format holds the right leads; spreadsheets cannot be made to run
formulas; every export leaves exactly one audit row without health or contact data; a failed export
leaves nothing behind."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.leads import save_referral
from bot.leads import service as service_module
from bot.leads.database import engine_for, session
from bot.leads.exports.csv_export import HEADERS, neutralise
from bot.leads.exports.xlsx_export import CRITERIA_HEADERS
from bot.leads.models import ExportAudit
from bot.leads.service import LeadsError, change_status, export_leads, list_leads, parse_filter
from tests.leads.factories import CANARY_EMAIL, CANARY_NAME, CANARY_PHONE, referral

NEEDS_REVIEW = {"age": 66, "diagnosis": "aml"}
FORMATS = ["csv", "xlsx", "json", "fhir"]
FORMULAS = [
    "=cmd|' /C calc'!A0",
    "+1",
    "-2",
    "@SUM(1)",
    "\t=1+1",
    "\r=1+1",
    '=HYPERLINK("http://x.example","go")',
]


def save(conversation_id: str, facts=None, trial="xj-mk-002", name=None, preferred_time=None) -> str:
    made = referral(conversation_id, facts, trial)
    if name is not None:
        made.contact.name = name
    if preferred_time is not None:
        made.contact.preferred_time = preferred_time
    (lead_id,) = save_referral(made)
    return lead_id


@pytest.fixture
def leads(database_url) -> dict[str, str]:
    return {
        "xj_likely": save("c-1"),
        "xj_review": save("c-2", NEEDS_REVIEW),
        "nct_review": save("c-3", NEEDS_REVIEW, trial="nct06642025"),
    }


@pytest.fixture
def out(tmp_path):
    """A folder for export files only (the SQLite database lives in tmp_path)."""
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


def audits() -> list[ExportAudit]:
    with session() as db:
        return list(db.scalars(select(ExportAudit).order_by(ExportAudit.id)))


def read_csv(path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def read_xlsx(path) -> dict[str, list[list]]:
    book = openpyxl.load_workbook(path, read_only=True)
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book}


def read_export(fmt: str, path) -> list[str]:
    """The lead ids in an export, in file order."""
    if fmt == "csv":
        return [row["lead_id"] for row in read_csv(path)]
    if fmt == "xlsx":
        return [row[0] for row in read_xlsx(path)["Leads"][1:]]
    if fmt == "json":
        return [lead["id"] for lead in json.loads(path.read_text(encoding="utf-8"))]
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


# ----- the right rows -----


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_holds_the_matching_leads_newest_first(leads, out, fmt):
    path = out / f"leads.{fmt}"
    wanted = parse_filter(trial="xj-mk-002")
    assert export_leads(wanted, fmt, path, "alice") == 2
    assert read_export(fmt, path) == [lead.id for lead in list_leads(wanted)]
    assert set(read_export(fmt, path)) == {leads["xj_likely"], leads["xj_review"]}


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_export_matching_nothing_is_a_valid_empty_file(leads, out, fmt):
    path = out / f"none.{fmt}"
    assert export_leads(parse_filter(status="enrolled"), fmt, path, "alice") == 0
    assert read_export(fmt, path) == []
    assert audits()[-1].row_count == 0


def test_csv_has_the_contact_details_and_a_summary_of_open_criteria(leads, out):
    path = out / "leads.csv"
    export_leads(None, "csv", path, "alice")
    rows = {row["lead_id"]: row for row in read_csv(path)}
    assert list(read_csv(path)[0]) == HEADERS
    likely, review = rows[leads["xj_likely"]], rows[leads["xj_review"]]
    assert (likely["name"], likely["phone"], likely["email"]) == (
        CANARY_NAME,
        "'" + CANARY_PHONE,
        CANARY_EMAIL,
    )
    assert likely["trial_id"] == "xj-mk-002" and likely["outcome"] == "likely_eligible"
    assert likely["status"] == "new" and likely["answered_by_proxy"] == "no"
    assert likely["protocol_version"] == "NCT07110090 registry text (seed 000)"
    assert likely["still_unknown"] == "" and likely["not_met"] == ""
    assert "inc-2-diagnosis-confirmed-by-tests" in likely["to_confirm_by_study_team"].split("; ")
    assert "inc-2-platelet-range" in review["still_unknown"].split("; ")
    assert likely["created_at_utc"].endswith("+00:00")


def test_xlsx_has_a_leads_sheet_and_a_criteria_sheet_with_one_row_per_lead_and_criterion(leads, out):
    path = out / "leads.xlsx"
    export_leads(parse_filter(trial="xj-mk-002"), "xlsx", path, "alice")
    sheets = read_xlsx(path)
    assert list(sheets) == ["Leads", "Criteria"]
    assert sheets["Leads"][0] == HEADERS and len(sheets["Leads"]) == 3
    assert sheets["Criteria"][0] == CRITERIA_HEADERS
    views = {lead.id: service_module.lead_view(lead) for lead in list_leads(parse_filter(trial="xj-mk-002"))}
    assert len(sheets["Criteria"]) - 1 == sum(len(v.criteria) for v in views.values())
    first = dict(zip(CRITERIA_HEADERS, sheets["Criteria"][1], strict=True))
    criterion = views[first["lead_id"]].criteria[0]
    assert first["criterion_id"] == criterion["criterion_id"] == "inc-1-age"
    assert first["protocol_text"] == criterion["protocol_text"]
    assert first["reason"] == criterion["reason"]
    assert first["status"] == "met" and first["kind"] == "inclusion"


def test_json_holds_criteria_answers_as_given_consents_and_events(leads, out):
    change_status(leads["xj_likely"], "contacted", "alice", note="left a message")
    path = out / "leads.json"
    export_leads(None, "json", path, "alice")
    exported = {lead["id"]: lead for lead in json.loads(path.read_text(encoding="utf-8"))}
    lead = exported[leads["xj_likely"]]
    assert lead["contact"]["name"] == CANARY_NAME and lead["contact"]["email"] == CANARY_EMAIL
    assert lead["answers"]["age"] == {
        "value": 47,
        "unit": None,
        "said": "47",
        "question": "question about age",
    }
    assert lead["consents"] == [
        {"kind": "screening", "agreed": True, "at": "2026-11-21T09:00:00+00:00", "wording": "Do you agree?"}
    ]
    assert lead["criteria"][0]["criterion_id"] == "inc-1-age"
    assert [(e["from_status"], e["to_status"], e["note"]) for e in lead["events"]] == [
        ("new", "contacted", "left a message")
    ]
    assert lead["status"] == "contacted"


# ----- formula injection -----


@pytest.mark.parametrize("value", FORMULAS)
def test_a_cell_a_spreadsheet_would_run_gets_a_leading_quote(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Anna Li", "", "a=b", "1+1", "li@example.org", "'quoted", None, 5, -2])
def test_ordinary_cells_are_left_alone(value):
    assert neutralise(value) == value


def test_csv_cells_from_a_hostile_contact_cannot_run_as_formulas(database_url, out):
    for n, formula in enumerate(FORMULAS):
        save(f"c-{n}", name=formula, preferred_time=formula)
    path = out / "leads.csv"
    export_leads(None, "csv", path, "alice")
    rows = read_csv(path)
    assert sorted(row["name"] for row in rows) == sorted("'" + f for f in FORMULAS)
    assert sorted(row["preferred_time"] for row in rows) == sorted("'" + f for f in FORMULAS)


def test_xlsx_cells_from_a_hostile_contact_are_text_not_formulas(database_url, out):
    for n, formula in enumerate(FORMULAS):
        save(f"c-{n}", name=formula)
    path = out / "leads.xlsx"
    export_leads(None, "xlsx", path, "alice")
    book = openpyxl.load_workbook(path)  # not read-only: we want each cell's type
    sheet = book["Leads"]
    name_column = HEADERS.index("name") + 1
    cells = [sheet.cell(row=r, column=name_column) for r in range(2, sheet.max_row + 1)]
    assert all(cell.data_type == "s" for cell in cells)
    # XML reads a carriage return back as a newline; what matters is the quote in front.
    assert sorted(cell.value for cell in cells) == sorted("'" + f.replace("\r", "\n") for f in FORMULAS)
    for sheet in book:
        for row in sheet.iter_rows():
            assert not any(cell.data_type == "f" for cell in row)


def test_xlsx_drops_characters_excel_cannot_hold(database_url, out):
    save("c-1", name="Anna\x00\x07 Li")
    path = out / "leads.xlsx"
    export_leads(None, "xlsx", path, "alice")
    assert read_xlsx(path)["Leads"][1][HEADERS.index("name")] == "Anna Li"


# ----- the audit -----


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_export_writes_one_audit_row_with_who_format_filter_and_count(leads, out, fmt):
    wanted = parse_filter(trial="NCT07110090", since="2020-01-01", until="2099-12-31")
    export_leads(wanted, fmt, out / f"out.{fmt}", "dr.alice")
    (audit,) = audits()
    assert (audit.actor, audit.format, audit.row_count) == ("dr.alice", fmt, 2)
    assert audit.filters == {"trial": "xj-mk-002", "since": "2020-01-01", "until": "2099-12-31"}
    assert audit.at is not None


def test_the_audit_holds_no_contact_or_health_data(leads, out, database_url):
    for fmt in FORMATS:
        export_leads(parse_filter(outcome="likely_eligible"), fmt, out / f"out.{fmt}", "alice")
    with engine_for(database_url).connect() as connection:
        raw = repr(connection.execute(sa.text("SELECT * FROM export_audit")).fetchall())
    assert raw.count("likely_eligible") == 4  # the filter, once per export
    for secret in (CANARY_NAME, "Zxqvname", CANARY_PHONE, CANARY_EMAIL, "question about", "solid_tumour"):
        assert secret not in raw
    for secret in ("chemotherapy", "inc-1-age", "Do you agree", "conv", "c-1", "mornings"):
        assert secret not in raw


# ----- nothing half-written -----


def unwritable_paths(folder):
    (folder / "a-file").write_text("not a folder")
    (folder / "a-folder").mkdir()
    return {
        "missing folder": (folder / "no-such-folder" / "out.csv", "the folder .* does not exist"),
        "inside a file": (folder / "a-file" / "out.csv", ".*a-file is not a folder"),
        "a folder": (folder / "a-folder", "it is a folder"),
    }


@pytest.mark.parametrize("case", ["missing folder", "inside a file", "a folder"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_unwritable_path_leaves_no_file_and_no_audit_row(leads, out, case, fmt):
    path, message = unwritable_paths(out)[case]
    before = sorted(p.name for p in out.rglob("*"))
    with pytest.raises(LeadsError, match=f"cannot write {path}: {message}"):
        export_leads(None, fmt, path, "alice")
    assert sorted(p.name for p in out.rglob("*")) == before
    assert audits() == []


@pytest.fixture
def read_only_folder(out):
    """A folder we may not write in. Root may write anywhere, except in sysfs."""
    if os.geteuid() == 0:
        folder = Path("/sys")
        if not folder.is_dir():
            pytest.skip("running as root without /sys: no folder is read-only")
        yield folder
        return
    folder = out / "read-only"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    yield folder
    folder.chmod(stat.S_IRWXU)


def test_a_read_only_folder_leaves_no_file_and_no_audit_row(leads, read_only_folder):
    before = sorted(p.name for p in read_only_folder.iterdir())
    path = read_only_folder / "leads-export.csv"
    with pytest.raises(LeadsError, match=f"cannot write {path}: Permission denied"):
        export_leads(None, "csv", path, "alice")
    assert sorted(p.name for p in read_only_folder.iterdir()) == before
    assert audits() == []


def test_a_failure_halfway_leaves_the_old_file_and_no_temporary_file_or_audit(leads, out, monkeypatch):
    path = out / "leads.csv"
    path.write_text("yesterday's export\n")
    real_view, seen = service_module.lead_view, []

    def second_lead_fails(lead):
        seen.append(lead.id)
        if len(seen) == 2:
            raise RuntimeError("disk on fire")
        return real_view(lead)

    monkeypatch.setattr(service_module, "lead_view", second_lead_fails)
    with pytest.raises(RuntimeError, match="disk on fire"):
        export_leads(None, "csv", path, "alice")
    assert sorted(p.name for p in out.iterdir()) == ["leads.csv"]
    assert path.read_text() == "yesterday's export\n"
    assert audits() == []


def test_if_the_audit_cannot_be_committed_the_file_is_removed(leads, out, monkeypatch):
    def refuse(self):
        raise RuntimeError("database went away")

    with monkeypatch.context() as patch, pytest.raises(RuntimeError, match="database went away"):
        patch.setattr(Session, "commit", refuse)
        export_leads(None, "json", out / "leads.json", "alice")
    assert list(out.iterdir()) == []
    assert audits() == []


def test_an_export_file_is_readable_by_its_owner_only(leads, out):
    path = out / "leads.csv"
    export_leads(None, "csv", path, "alice")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_an_unknown_format_or_a_missing_actor_is_refused_before_anything_is_written(leads, out):
    with pytest.raises(LeadsError, match="unknown format 'pdf'; use one of: csv, xlsx, json, fhir"):
        export_leads(None, "pdf", out / "out.pdf", "alice")
    with pytest.raises(LeadsError, match="say who is doing this"):
        export_leads(None, "csv", out / "out.csv", "")
    assert list(out.iterdir()) == []
    assert audits() == []


# ----- streams (the dashboard's download) -----


def test_exports_can_go_to_a_stream(leads):
    text = io.StringIO()
    assert export_leads(None, "csv", text, "alice") == 3
    assert text.getvalue().startswith("lead_id,")
    raw = io.BytesIO()
    assert export_leads(None, "json", raw, "alice") == 3
    assert len(json.loads(raw.getvalue().decode("utf-8"))) == 3
    book = io.BytesIO()
    assert export_leads(None, "xlsx", book, "alice") == 3
    assert openpyxl.load_workbook(io.BytesIO(book.getvalue())).sheetnames == ["Leads", "Criteria"]
    assert [a.format for a in audits()] == ["csv", "json", "xlsx"]


def test_the_callers_own_file_stays_open_after_an_export(leads, out):
    with open(out / "both.txt", "w", encoding="utf-8", newline="") as handle:
        export_leads(None, "json", handle, "alice")
        handle.write("written after the export\n")
    raw = io.BytesIO()
    export_leads(None, "csv", raw, "alice")
    raw.write(b"more")
    assert (out / "both.txt").read_text(encoding="utf-8").endswith("]\nwritten after the export\n")


def test_xlsx_needs_a_binary_stream(leads):
    with pytest.raises(LeadsError, match="XLSX is a binary format"):
        export_leads(None, "xlsx", io.StringIO(), "alice")
    assert audits() == []


def test_every_format_keeps_the_conversations_language_and_can_be_filtered_by_it(leads, out):
    made = referral("c-zh", NEEDS_REVIEW)
    made.language = "zh"
    made.contact.name, made.contact.language = "王芳", "普通话"
    (chinese,) = save_referral(made)

    assert [lead.id for lead in list_leads(parse_filter(language="zh"))] == [chinese]
    assert chinese not in {lead.id for lead in list_leads(parse_filter(language="en"))}

    export_leads(parse_filter(language="zh"), "csv", out / "zh.csv", actor="tester")
    (row,) = read_csv(out / "zh.csv")
    assert (row["conversation_language"], row["contact_language"], row["name"]) == ("zh", "普通话", "王芳")
    assert audits()[-1].filters == {"language": "zh"}

    export_leads(None, "json", out / "all.json", actor="tester")
    languages = {
        lead["id"]: lead["conversation_language"] for lead in json.loads((out / "all.json").read_text())
    }
    assert languages[chinese] == "zh" and languages[leads["xj_likely"]] == "en"

    export_leads(parse_filter(language="zh"), "fhir", out / "zh.ndjson", actor="tester")
    (bundle,) = [json.loads(line) for line in (out / "zh.ndjson").read_text(encoding="utf-8").splitlines()]
    resources = {e["resource"]["resourceType"]: e["resource"] for e in bundle["entry"]}
    assert resources["QuestionnaireResponse"]["language"] == "zh-CN"
    communication = resources["Patient"]["communication"]
    codes = [c["code"] for item in communication for c in item["language"].get("coding", [])]
    assert codes == ["zh-CN"]
    assert [item["language"].get("text") for item in communication if item.get("preferred")] == ["普通话"]

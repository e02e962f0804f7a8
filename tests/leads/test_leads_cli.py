"""`python -m bot leads ...` (SQLite and PostgreSQL): list, show, status, note and export, and for every
kind of bad input a clear message, exit code 2, and nothing written."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from bot.cli import main
from bot.leads import save_referral
from bot.leads.database import session
from bot.leads.models import ExportAudit
from bot.leads.service import get_lead
from tests.leads.factories import CANARY_EMAIL, CANARY_NAME, CANARY_PHONE, referral

NEEDS_REVIEW = {"age": 66, "diagnosis": "aml"}
UNREACHABLE = "postgresql://nobody@127.0.0.1:1/x"


@pytest.fixture
def leads(database_url) -> dict[str, str]:
    ids = {}
    ids["xj_likely"] = save_referral(referral("c-1"))[0]
    ids["xj_review"] = save_referral(referral("c-2", NEEDS_REVIEW))[0]
    ids["nct_review"] = save_referral(referral("c-3", NEEDS_REVIEW, trial_id="nct06642025"))[0]
    return ids


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def audits() -> list[ExportAudit]:
    with session() as db:
        return list(db.scalars(select(ExportAudit)))


# ----- happy paths -----


def test_list_prints_a_table_of_leads_newest_first(leads, capsys):
    code, out, _ = run(capsys, "leads", "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["id", "created", "(UTC)", "trial", "outcome", "status", "proxy", "lang"]
    assert [line.split()[0] for line in lines[1:4]] == [
        leads["nct_review"],
        leads["xj_review"],
        leads["xj_likely"],
    ]
    assert lines[1].split()[3:] == ["nct06642025", "needs_review", "new", "no", "en"]
    assert "3 of 3 lead(s), newest first" in out
    assert CANARY_NAME not in out  # a list shows no contact details


def test_list_filters_and_prints_json(leads, capsys):
    code, out, _ = run(
        capsys, "leads", "list", "--trial", "NCT07110090", "--outcome", "needs review", "--json"
    )
    assert code == 0
    (row,) = json.loads(out)
    assert row["id"] == leads["xj_review"]
    assert set(row) == {"id", "created_at", "trial_id", "outcome", "status", "answered_by_proxy", "language"}


def test_list_says_when_more_leads_match_than_are_shown(leads, capsys):
    code, out, _ = run(capsys, "leads", "list", "--limit", "1")
    assert code == 0
    assert "1 of 3 lead(s), newest first; --limit 0 shows all 3" in out


def test_list_says_when_nothing_matches(leads, capsys):
    assert run(capsys, "leads", "list", "--status", "enrolled") == (0, "No leads match.\n", "")


def test_show_prints_the_lead_in_full_with_contact_details(leads, capsys):
    run(capsys, "leads", "status", leads["xj_likely"], "contacted", "--note", "called back", "--by", "alice")
    code, out, _ = run(capsys, "leads", "show", leads["xj_likely"])
    assert code == 0
    for expected in (CANARY_NAME, CANARY_PHONE, CANARY_EMAIL, "mornings", "English"):
        assert expected in out
    assert "✓ inc-1-age [inclusion, met]" in out
    assert "protocol: Inclusion 1: “Subjects aged 18 to 75 years (inclusive)" in out
    assert "to be confirmed by the study team" in out
    assert out.count("“Histologically and/or cytologically confirmed") == 1  # quoted once, then referred to
    assert "protocol: Inclusion 2: (the sentence quoted above)" in out
    assert "age: question about age" in out and "said: “47”" in out
    assert "screening: agreed" in out and "wording shown: “Do you agree?”" in out
    assert "alice  status new → contacted: called back" in out


def test_status_moves_the_lead_and_records_who(leads, capsys):
    code, out, _ = run(capsys, "leads", "status", leads["xj_review"], "contacted", "--by", "Dr Li")
    assert code == 0
    assert out == f"lead {leads['xj_review']}: new → contacted (by Dr Li)\n"
    (event,) = get_lead(leads["xj_review"]).events
    assert (event.actor, event.from_status, event.to_status) == ("Dr Li", "new", "contacted")


def test_who_defaults_to_the_login_name(leads, capsys, monkeypatch):
    monkeypatch.setenv("USER", "coordinator7")
    assert run(capsys, "leads", "status", leads["xj_review"], "screening")[0] == 0
    assert get_lead(leads["xj_review"]).events[0].actor == "coordinator7"


def test_note_adds_a_note(leads, capsys):
    code, out, _ = run(capsys, "leads", "note", leads["xj_review"], "prefers WeChat", "--by", "bob")
    assert code == 0 and "note added (by bob)" in out
    assert get_lead(leads["xj_review"]).events[0].note == "prefers WeChat"


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json", "fhir"])
def test_export_writes_the_file_and_one_audit_row(leads, capsys, tmp_path, fmt):
    path = tmp_path / f"leads.{fmt}"
    code, out, _ = run(
        capsys,
        "leads",
        "export",
        "--format",
        fmt,
        "--out",
        str(path),
        "--trial",
        "xj-mk-002",
        "--by",
        "alice",
    )
    assert code == 0
    assert out == f"exported 2 lead(s) as {fmt} to {path} (recorded in the export audit)\n"
    assert path.stat().st_size > 0
    (audit,) = audits()
    assert (audit.actor, audit.format, audit.row_count, audit.filters) == (
        "alice",
        fmt,
        2,
        {"trial": "xj-mk-002"},
    )


def test_export_shows_a_progress_bar_when_asked(leads, capsys, tmp_path):
    code, _, err = run(
        capsys, "leads", "export", "--format", "csv", "--out", str(tmp_path / "l.csv"), "--progress"
    )
    assert code == 0
    assert "export csv" in err and "3/3" in err


def test_export_has_no_progress_bar_when_not_on_a_terminal(leads, capsys, tmp_path):
    code, _, err = run(capsys, "leads", "export", "--format", "csv", "--out", str(tmp_path / "l.csv"))
    assert code == 0 and err == ""


# ----- bad input: a clear message, exit 2, nothing written -----


@pytest.mark.parametrize(
    "argv, message",
    [
        (["list", "--trial", "nope"], "error: unknown trial 'nope'; known trials: nct06642025"),
        (["list", "--outcome", "eligible"], "error: unknown outcome 'eligible'; use one of: likely_eligible"),
        (["list", "--status", "done"], "error: unknown status 'done'; use one of: new, contacted"),
        (
            ["list", "--since", "2026-13-01"],
            "error: since must be a date written YYYY-MM-DD (got '2026-13-01')",
        ),
        (
            ["list", "--until", "yesterday"],
            "error: until must be a date written YYYY-MM-DD (got 'yesterday')",
        ),
        (["list", "--limit", "-1"], "error: --limit must be 0 (all) or more"),
        (["show", "no-such-lead"], "error: no lead with id 'no-such-lead'"),
        (["note", "no-such-lead", "hello"], "error: no lead with id 'no-such-lead'"),
    ],
)
def test_bad_input_to_list_and_show_is_a_clear_error(leads, capsys, argv, message):
    code, out, err = run(capsys, "leads", *argv)
    assert code == 2
    assert err.startswith(message)
    assert out == ""


def test_an_unknown_new_status_changes_nothing(leads, capsys):
    code, out, err = run(capsys, "leads", "status", leads["xj_likely"], "finished", "--by", "alice")
    assert code == 2 and out == ""
    assert err.startswith("error: unknown status 'finished'; use one of: new, contacted, screening")
    lead = get_lead(leads["xj_likely"])
    assert lead.status == "new" and lead.events == []


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--trial", "nope"], "error: unknown trial 'nope'"),
        (["--status", "done"], "error: unknown status 'done'"),
        (["--outcome", "maybe"], "error: unknown outcome 'maybe'"),
        (["--since", "2026-02-30"], "error: since must be a date written YYYY-MM-DD (got '2026-02-30')"),
        (
            ["--since", "2026-12-01", "--until", "2026-11-01"],
            "error: since (2026-12-01) is after until (2026-11-01)",
        ),
        (["--by", " "], "error: say who is doing this"),
    ],
)
def test_bad_export_filters_write_nothing(leads, capsys, tmp_path, extra, message):
    path = tmp_path / "out" / "leads.csv"
    path.parent.mkdir()
    code, out, err = run(capsys, "leads", "export", "--format", "csv", "--out", str(path), *extra)
    assert code == 2 and out == ""
    assert err.startswith(message)
    assert list(path.parent.iterdir()) == []
    assert audits() == []


def test_an_unwritable_output_path_writes_nothing(leads, capsys, tmp_path):
    path = tmp_path / "no-such-folder" / "leads.xlsx"
    code, out, err = run(capsys, "leads", "export", "--format", "xlsx", "--out", str(path))
    assert code == 2 and out == ""
    assert err == f"error: cannot write {path}: the folder {path.parent} does not exist\n"
    assert not path.parent.exists()
    assert audits() == []


def test_an_output_path_that_is_a_folder_writes_nothing(leads, capsys, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    code, _, err = run(capsys, "leads", "export", "--format", "json", "--out", str(folder))
    assert code == 2
    assert err == f"error: cannot write {folder}: it is a folder; give a file name\n"
    assert list(folder.iterdir()) == []


def test_an_unknown_format_is_refused_by_the_parser(leads, capsys, tmp_path):
    with pytest.raises(SystemExit) as exit_:
        main(["leads", "export", "--format", "pdf", "--out", str(tmp_path / "x.pdf")])
    assert exit_.value.code == 2
    assert "invalid choice: 'pdf'" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


# ----- an unreachable database -----


@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["show", "some-lead"],
        ["status", "some-lead", "contacted", "--by", "alice"],
        ["note", "some-lead", "hello", "--by", "alice"],
        ["export", "--format", "csv", "--out", "OUT"],
        ["export", "--format", "fhir", "--out", "OUT"],
    ],
)
def test_an_unreachable_database_is_a_clear_error_and_nothing_is_written(capsys, monkeypatch, tmp_path, argv):
    monkeypatch.setenv("DATABASE_URL", UNREACHABLE)
    out_path = tmp_path / "leads.out"
    code, out, err = run(capsys, "leads", *[str(out_path) if a == "OUT" else a for a in argv])
    assert code == 2 and out == ""
    assert err.startswith(f"error: cannot reach the database at {UNREACHABLE}: ")
    assert "Connection refused" in err or "could not connect" in err
    assert len(err.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_the_database_password_is_not_shown(capsys, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody:s3cret@127.0.0.1:1/x")
    code, _, err = run(capsys, "leads", "list")
    assert code == 2
    assert "postgresql://nobody:***@127.0.0.1:1/x" in err and "s3cret" not in err

"""`python -m bot coordinators add|list|disable|enable` (SQLite and PostgreSQL): accounts are created
with an argon2 hash, bad input gets a clear message and exit code 2, and nothing is written."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from bot.cli import main
from bot.dashboard import accounts
from bot.leads.database import session
from bot.leads.models import Coordinator, CoordinatorSession
from tests.dashboard.conftest import PASSWORD


def run(capsys, monkeypatch, *argv: str, stdin: str | None = None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def stored() -> list[Coordinator]:
    with session() as db:
        return list(db.scalars(select(Coordinator)))


def test_add_reads_the_password_from_stdin_and_stores_only_an_argon2_hash(database_url, capsys, monkeypatch):
    code, out, err = run(
        capsys, monkeypatch, "coordinators", "add", "Li.Wei", "--password-stdin", stdin=PASSWORD + "\n"
    )
    assert (code, err) == (0, "")
    assert "li.wei created" in out
    (row,) = stored()
    assert row.login == "li.wei" and not row.disabled
    assert row.password_hash.startswith("$argon2id$") and PASSWORD not in row.password_hash
    assert accounts.verify("li.wei", PASSWORD) == "li.wei"
    assert accounts.verify("li.wei", PASSWORD + "x") is None


def test_add_asks_twice_at_the_prompt_and_refuses_two_different_passwords(database_url, capsys, monkeypatch):
    answers = iter([PASSWORD, PASSWORD + " but different"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    code, out, err = run(capsys, monkeypatch, "coordinators", "add", "li.wei")
    assert code == 2
    assert err == "error: the two passwords differ; nothing was created\n"
    assert stored() == []

    answers = iter([PASSWORD, PASSWORD])
    code, out, _ = run(capsys, monkeypatch, "coordinators", "add", "li.wei")
    assert code == 0 and [r.login for r in stored()] == ["li.wei"]


def test_a_second_account_with_the_same_login_name_is_refused(database_url, capsys, monkeypatch):
    assert (
        run(capsys, monkeypatch, "coordinators", "add", "li.wei", "--password-stdin", stdin=PASSWORD)[0] == 0
    )
    code, _, err = run(
        capsys,
        monkeypatch,
        "coordinators",
        "add",
        "LI.WEI",
        "--password-stdin",
        stdin="another long password",
    )
    assert code == 2
    assert err == "error: a coordinator named 'li.wei' already exists\n"
    assert accounts.verify("li.wei", PASSWORD) == "li.wei"  # the first password still works


@pytest.mark.parametrize(
    ("login", "password", "message"),
    [
        ("li.wei", "short pw", "the password is too short (8 characters); use at least 12"),
        ("li.wei", "", "standard input held no password"),
        ("li wei", PASSWORD, "login name 'li wei' is not valid"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_is_created(
    database_url, capsys, monkeypatch, login, password, message
):
    code, out, err = run(
        capsys, monkeypatch, "coordinators", "add", login, "--password-stdin", stdin=password
    )
    assert code == 2 and out == ""
    assert err.startswith("error: ") and message in err
    assert stored() == []


def test_the_password_must_not_be_the_login_name(database_url):
    with pytest.raises(accounts.AccountError, match="must not be the login name"):
        accounts.create_account("coordinator.one", "Coordinator.One")


def test_list_shows_accounts_and_disable_signs_out_and_refuses_sign_in(database_url, capsys, monkeypatch):
    assert run(capsys, monkeypatch, "coordinators", "list")[1].startswith("No coordinators yet")
    for login in ("li.wei", "ana"):
        accounts.create_account(login, PASSWORD)
    from bot.dashboard.auth import AuthSettings, start_session
    from bot.leads.models import utc_now

    start_session("li.wei", utc_now(), AuthSettings())

    code, out, err = run(capsys, monkeypatch, "coordinators", "disable", "li.wei")
    assert (code, err) == (0, "")
    assert accounts.verify("li.wei", PASSWORD) is None
    with session() as db:
        assert list(db.scalars(select(CoordinatorSession))) == []
    code, out, _ = run(capsys, monkeypatch, "coordinators", "list")
    lines = out.splitlines()
    assert [line.split()[0] for line in lines[1:]] == ["ana", "li.wei"]
    assert lines[1].split()[-1] == "enabled" and lines[2].split()[-1] == "disabled"

    assert run(capsys, monkeypatch, "coordinators", "enable", "li.wei")[0] == 0
    assert accounts.verify("li.wei", PASSWORD) == "li.wei"

    code, _, err = run(capsys, monkeypatch, "coordinators", "disable", "nobody")
    assert code == 2 and "no coordinator named 'nobody'" in err

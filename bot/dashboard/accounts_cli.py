"""`python -m bot coordinators ...`: dashboard accounts from the command line.

    coordinators add LOGIN [--password-stdin]   asks for the password twice (or reads one line of stdin)
    coordinators list                            login, created, enabled or disabled
    coordinators disable LOGIN                   signs the account out everywhere and refuses sign-ins
    coordinators enable LOGIN

Bad input raises `accounts.AccountError`, which `bot.cli.main` prints with exit code 2.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from bot.dashboard import accounts


def add_coordinator_commands(commands) -> None:  # noqa: ANN001 - an argparse subparsers action
    group = commands.add_parser("coordinators", help="dashboard accounts: add, list, disable, enable")
    sub = group.add_subparsers(dest="coordinators_command", required=True, metavar="COORDINATORS_COMMAND")

    add = sub.add_parser("add", help="create a dashboard account")
    add.add_argument("login", metavar="LOGIN", help="login name, e.g. li.wei")
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input (for scripts)",
    )
    add.set_defaults(handler=cmd_add)

    listing = sub.add_parser("list", help="list dashboard accounts")
    listing.set_defaults(handler=cmd_list)

    disable = sub.add_parser("disable", help="sign an account out everywhere and refuse its sign-ins")
    disable.add_argument("login", metavar="LOGIN")
    disable.set_defaults(handler=cmd_disable)

    enable = sub.add_parser("enable", help="allow a disabled account to sign in again")
    enable.add_argument("login", metavar="LOGIN")
    enable.set_defaults(handler=cmd_enable)


def cmd_add(args: argparse.Namespace) -> int:
    login = accounts.check_login(args.login)  # say so before asking for a password
    password = _password_from_stdin() if args.password_stdin else _password_from_prompt(login)
    account = accounts.create_account(login, password)
    print(f"coordinator {account.login} created; they can sign in to the dashboard now")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    rows = accounts.list_accounts()
    if not rows:
        print("No coordinators yet: `python -m bot coordinators add LOGIN` creates one.")
        return 0
    print(f"{'login':<32}  {'created (UTC)':<16}  state")
    for row in rows:
        created = row.created_at.isoformat(timespec="minutes")[:16].replace("T", " ")
        print(f"{row.login:<32}  {created:<16}  {'disabled' if row.disabled else 'enabled'}")
    return 0


def cmd_disable(args: argparse.Namespace) -> int:
    account = accounts.set_disabled(args.login, True)
    print(f"coordinator {account.login} disabled and signed out")
    return 0


def cmd_enable(args: argparse.Namespace) -> int:
    account = accounts.set_disabled(args.login, False)
    print(f"coordinator {account.login} enabled")
    return 0


def _password_from_stdin() -> str:
    line = sys.stdin.readline()
    password = line[:-1] if line.endswith("\n") else line
    if password.endswith("\r"):
        password = password[:-1]
    if not password:
        raise accounts.AccountError("--password-stdin: standard input held no password")
    return accounts.check_password(password)


def _password_from_prompt(login: str) -> str:
    try:
        first = getpass.getpass(f"Password for {login} (at least {accounts.PASSWORD_MIN} characters): ")
        accounts.check_password(first, login)
        second = getpass.getpass("The same password again: ")
    except (EOFError, KeyboardInterrupt):
        raise accounts.AccountError("no password given; nothing was created") from None
    if first != second:
        raise accounts.AccountError("the two passwords differ; nothing was created")
    return first

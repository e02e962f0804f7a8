"""Coordinator accounts for the dashboard: create, list, disable, enable, and check a password.

Login names are lower case letters, digits and . _ - @ (2 to 64 characters), compared in lower case.
Passwords are at least 12 characters and are kept only as argon2id hashes (argon2-cffi's defaults,
rehashed when those change). Checking an unknown login name verifies against a dummy hash, so it
takes as long as a wrong password and the answer does not tell which part was wrong.

Disabling an account signs it out everywhere (its sessions are deleted) and it can no longer sign in.
Bad input raises `AccountError` with a sentence that says what to fix.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from bot.leads.database import session
from bot.leads.models import Coordinator, CoordinatorSession
from bot.leads.service import as_utc

PASSWORD_MIN = 12
PASSWORD_MAX = 1024
LOGIN_PATTERN = re.compile(r"^[a-z0-9._@-]{2,64}$")

HASHER = PasswordHasher()
"""argon2id with argon2-cffi's recommended parameters. Tests swap in a cheaper one."""

_dummy_hash: str | None = None


class AccountError(ValueError):
    """Bad input for an account command; the message says what to fix."""


@dataclass(frozen=True)
class Account:
    login: str
    created_at: datetime
    disabled: bool


def normalise_login(login: str | None) -> str:
    return (login or "").strip().lower()


def check_login(login: str | None) -> str:
    name = normalise_login(login)
    if not LOGIN_PATTERN.match(name):
        raise AccountError(
            f"login name {login!r} is not valid: use 2 to 64 letters, digits, '.', '_', '-' or '@' "
            "(e.g. li.wei)"
        )
    return name


def check_password(password: str, login: str = "") -> str:
    if len(password) < PASSWORD_MIN:
        raise AccountError(
            f"the password is too short ({len(password)} characters); use at least {PASSWORD_MIN}, "
            "e.g. a few unrelated words"
        )
    if len(password) > PASSWORD_MAX:
        raise AccountError(f"the password is too long; use at most {PASSWORD_MAX} characters")
    if password.strip().lower() == login:
        raise AccountError("the password must not be the login name")
    return password


def create_account(login: str, password: str) -> Account:
    name = check_login(login)
    check_password(password, name)
    hashed = HASHER.hash(password)
    with session() as db:
        if db.scalar(select(Coordinator.id).where(Coordinator.login == name)) is not None:
            raise AccountError(f"a coordinator named {name!r} already exists")
        account = Coordinator(login=name, password_hash=hashed, disabled=False)
        db.add(account)
        try:
            db.commit()
        except IntegrityError:  # created by someone else between the check and the insert
            raise AccountError(f"a coordinator named {name!r} already exists") from None
        return _account(account)


def list_accounts() -> list[Account]:
    with session() as db:
        return [_account(a) for a in db.scalars(select(Coordinator).order_by(Coordinator.login))]


def set_disabled(login: str, disabled: bool) -> Account:
    """Disable (and sign out everywhere) or enable an account."""
    name = normalise_login(login)
    with session() as db:
        account = db.scalar(select(Coordinator).where(Coordinator.login == name))
        if account is None:
            raise AccountError(f"no coordinator named {name!r}; `python -m bot coordinators list` shows them")
        account.disabled = disabled
        if disabled:
            db.execute(delete(CoordinatorSession).where(CoordinatorSession.login == name))
        db.commit()
        return _account(account)


def verify(login: str, password: str) -> str | None:
    """The login name if the password is right and the account enabled, else None. Unknown names
    cost the same as known ones (a dummy hash is verified)."""
    name = normalise_login(login)
    with session() as db:
        account = db.scalar(select(Coordinator).where(Coordinator.login == name))
        stored = account.password_hash if account is not None else _dummy()
        try:
            HASHER.verify(stored, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return None
        if account is None or account.disabled:
            return None
        if HASHER.check_needs_rehash(stored):
            account.password_hash = HASHER.hash(password)
            db.commit()
        return account.login


def _dummy() -> str:
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = HASHER.hash(secrets.token_urlsafe(16))
    return _dummy_hash


def _account(row: Coordinator) -> Account:
    return Account(login=row.login, created_at=as_utc(row.created_at), disabled=bool(row.disabled))

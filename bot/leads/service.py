"""Working leads: list, show, change status, add notes, export. The CLI and the dashboard call these.

Everything a coordinator can do to a lead lives here, once. Bad input (an unknown trial, outcome or
status, a date that is not YYYY-MM-DD, a lead id that does not exist, a path that cannot be written)
raises `LeadsError` with a sentence that says what to fix; callers show it as it is.

Dates in filters are calendar days in UTC, both ends included: `since=2026-11-01, until=2026-11-30`
is every lead created in November (UTC).

An export is written to a temporary file next to the target and moved into place only when it is
complete, and its `export_audit` row is committed in the same transaction that read the leads: either
the file and its audit row both exist, or neither does.
"""

from __future__ import annotations

import contextlib
import getpass
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import IO, Any

from pydantic import BaseModel, Extra, ValidationError, root_validator, validator
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.sql import Select

from bot.eligibility import Outcome
from bot.leads.crypto import MissingKeyError, decrypt
from bot.leads.database import session
from bot.leads.exports import writer_for
from bot.leads.models import LEAD_STATUSES, ExportAudit, Lead, LeadEvent
from bot.text import LANGUAGES, known_language
from bot.trials import find_trial, load_trials

OUTCOMES = tuple(o.value for o in Outcome)
EXPORT_FORMATS = ("csv", "xlsx", "json", "fhir")
ACTOR_MAX = 120  # lead_events.actor and export_audit.actor are String(120)
EXPORT_BATCH = 500


class LeadsError(ValueError):
    """Bad input from a coordinator; the message says what to fix."""


# ----- filters -----


class LeadFilter(BaseModel, extra=Extra.forbid):
    """Which leads to list or export. Every field is optional; an empty filter means every lead.

    `trial` accepts a trial id or a registry id (NCT07110090) and holds the trial id afterwards.
    `outcome` and `status` accept "needs review", "needs-review" or "needs_review".
    """

    trial: str | None = None
    outcome: str | None = None
    status: str | None = None
    since: date | None = None
    until: date | None = None
    language: str | None = None  # the conversation's language: en or zh

    @validator("trial")
    def _known_trial(cls, value: str | None) -> str | None:
        if value is None:
            return None
        trials = load_trials()
        try:
            return find_trial(trials, value).id
        except KeyError:
            known = ", ".join(f"{t.id} ({', '.join(t.identifiers.values())})" for t in trials)
            raise ValueError(f"unknown trial {value!r}; known trials: {known}") from None

    @validator("outcome")
    def _known_outcome(cls, value: str | None) -> str | None:
        return None if value is None else _one_of(value, OUTCOMES, "outcome")

    @validator("status")
    def _known_status(cls, value: str | None) -> str | None:
        return None if value is None else _one_of(value, LEAD_STATUSES, "status")

    @validator("language")
    def _known_language(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        code = known_language(value)
        if code != value.strip().lower().replace("_", "-").split("-")[0]:
            raise ValueError(f"unknown language {value!r}; use one of: {', '.join(LANGUAGES)}")
        return code

    @validator("since", "until", pre=True)
    def _iso_date(cls, value: Any, field) -> Any:  # noqa: ANN001 - pydantic's field argument
        if value is None or isinstance(value, date):
            return value.date() if isinstance(value, datetime) else value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            raise ValueError(f"{field.name} must be a date written YYYY-MM-DD (got {value!r})") from None

    @root_validator(skip_on_failure=True)
    def _ordered(cls, values: dict[str, Any]) -> dict[str, Any]:
        since, until = values.get("since"), values.get("until")
        if since and until and since > until:
            raise ValueError(f"since ({since.isoformat()}) is after until ({until.isoformat()})")
        return values

    def as_audit_json(self) -> dict[str, str]:
        """The filter as plain JSON for the audit: ids and dates as strings, unset fields left out."""
        return json.loads(self.json(exclude_none=True))


def parse_filter(**values: Any) -> LeadFilter:
    """A LeadFilter from loose input (command-line options, query parameters), or a clear LeadsError."""
    try:
        return LeadFilter(**values)
    except ValidationError as error:
        raise LeadsError("; ".join(_messages(error))) from None


def _one_of(value: str, allowed: tuple[str, ...], what: str) -> str:
    key = value.strip().lower().replace("-", "_").replace(" ", "_")
    if key not in allowed:
        raise ValueError(f"unknown {what} {value!r}; use one of: {', '.join(allowed)}")
    return key


def _messages(error: ValidationError) -> list[str]:
    out = []
    for item in error.errors():
        where = ".".join(str(p) for p in item["loc"] if p != "__root__")
        message = item["msg"]
        if item["type"] == "value_error.extra":
            message = f"{where} is not a filter; filters are {', '.join(LeadFilter.__fields__)}"
        elif where and not message.startswith(where) and item["type"] != "value_error":
            message = f"{where}: {message}"
        out.append(message)
    return out


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.utc)


def _filtered(statement: Select, wanted: LeadFilter) -> Select:
    if wanted.trial:
        statement = statement.where(Lead.trial_id == wanted.trial)
    if wanted.outcome:
        statement = statement.where(Lead.outcome == wanted.outcome)
    if wanted.status:
        statement = statement.where(Lead.status == wanted.status)
    if wanted.language:
        statement = statement.where(Lead.conversation_language == wanted.language)
    if wanted.since:
        statement = statement.where(Lead.created_at >= _start_of(wanted.since))
    if wanted.until:
        statement = statement.where(Lead.created_at < _start_of(wanted.until + timedelta(days=1)))
    return statement


def _newest_first(statement: Select) -> Select:
    return statement.order_by(Lead.created_at.desc(), Lead.id.desc())


# ----- reading -----


def list_leads(wanted: LeadFilter | None = None, limit: int | None = None, offset: int = 0) -> list[Lead]:
    """Leads matching the filter, newest first (events loaded; contact details still encrypted)."""
    if limit is not None and limit < 0 or offset < 0:
        raise LeadsError("limit and offset must be zero or more")
    statement = _newest_first(_filtered(select(Lead), wanted or LeadFilter()))
    statement = statement.options(selectinload(Lead.events)).offset(offset)
    if limit is not None:
        statement = statement.limit(limit)
    with session() as db:
        return list(db.scalars(statement))


def count_leads(wanted: LeadFilter | None = None) -> int:
    with session() as db:
        return _count(db, wanted or LeadFilter())


def _count(db: Session, wanted: LeadFilter) -> int:
    return db.scalar(_filtered(select(func.count()).select_from(Lead), wanted))


def get_lead(lead_id: str) -> Lead:
    """One lead with its events, or a LeadsError naming the id."""
    with session() as db:
        return _load(db, lead_id)


def _load(db: Session, lead_id: str, for_update: bool = False) -> Lead:
    statement = select(Lead).where(Lead.id == lead_id.strip()).options(selectinload(Lead.events))
    if for_update:
        statement = statement.with_for_update()
    lead = db.scalar(statement)
    if lead is None:
        raise LeadsError(f"no lead with id {lead_id!r}; `python -m bot leads list` shows the ids")
    return lead


# ----- changing -----


def change_status(lead_id: str, new_status: str, actor: str, note: str | None = None) -> LeadEvent:
    """Move a lead to another status; the change is recorded as an event (from, to, who, note).

    Any known status may follow any other, so a coordinator can correct a mistake; moving a lead to
    the status it already has is refused, so the history only holds real changes.
    """
    new_status = _one_of_or_error(new_status, LEAD_STATUSES, "status")
    actor = check_actor(actor)
    note = (note or "").strip() or None
    with session() as db:
        lead = _load(db, lead_id, for_update=True)  # concurrent changes queue up on PostgreSQL
        if lead.status == new_status:
            raise LeadsError(f"lead {lead.id} is already {new_status}; nothing changed")
        event = LeadEvent(
            actor=actor, kind="status", from_status=lead.status, to_status=new_status, note=note
        )
        lead.events.append(event)
        lead.status = new_status
        db.commit()
        return event


def add_note(lead_id: str, note: str, actor: str) -> LeadEvent:
    """A coordinator's note on a lead, recorded as an event with who wrote it and when."""
    actor = check_actor(actor)
    note = (note or "").strip()
    if not note:
        raise LeadsError("the note is empty; write what happened")
    with session() as db:
        lead = _load(db, lead_id)
        event = LeadEvent(actor=actor, kind="note", note=note)
        lead.events.append(event)
        db.commit()
        return event


def actor_or_login_name(given: str | None) -> str:
    """Who is doing this, for the audit: `given` (--by), else the login name; checked."""
    if given is None:
        try:
            given = os.environ.get("USER") or getpass.getuser()
        except (OSError, KeyError):
            given = ""
    return check_actor(given)


def check_actor(actor: str | None) -> str:
    actor = (actor or "").strip()
    if not actor:
        raise LeadsError("say who is doing this (a name, e.g. --by 'Dr Li')")
    if len(actor) > ACTOR_MAX:
        raise LeadsError(
            f"the name of who is doing this is too long ({len(actor)} characters; at most {ACTOR_MAX})"
        )
    return actor


def _one_of_or_error(value: str, allowed: tuple[str, ...], what: str) -> str:
    try:
        return _one_of(value, allowed, what)
    except ValueError as error:
        raise LeadsError(str(error)) from None


# ----- views -----


class ContactView(BaseModel):
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    preferred_time: str | None = None
    language: str | None = None


class EventView(BaseModel):
    at: datetime
    actor: str
    kind: str
    from_status: str | None = None
    to_status: str | None = None
    note: str | None = None


class LeadView(BaseModel):
    """A lead for display and export: contact details decrypted, times in UTC."""

    id: str
    conversation_id: str
    trial_id: str
    protocol_version: str
    outcome: str
    status: str
    created_at: datetime
    updated_at: datetime
    answered_by_proxy: bool
    relation: str | None = None
    conversation_language: str = "en"
    contact: ContactView
    criteria: list[dict[str, Any]]
    answers: dict[str, Any]
    consents: list[dict[str, Any]]
    events: list[EventView]

    def criteria_ids(self, which: str) -> list[str]:
        """Criterion ids that are `unknown` (the person could still answer), `to_confirm` (only the
        study team can check) or `not_met`."""
        if which == "unknown":
            return [
                c["criterion_id"]
                for c in self.criteria
                if c.get("status") == "unknown" and not c.get("to_be_confirmed_by_study_team")
            ]
        if which == "to_confirm":
            return [c["criterion_id"] for c in self.criteria if c.get("to_be_confirmed_by_study_team")]
        if which == "not_met":
            return [c["criterion_id"] for c in self.criteria if c.get("status") == "not_met"]
        raise ValueError(which)


def lead_view(lead: Lead) -> LeadView:
    """The lead with contact details decrypted (for a coordinator's screen or an export)."""
    try:
        name, phone, email = (
            decrypt(t) for t in (lead.name_encrypted, lead.phone_encrypted, lead.email_encrypted)
        )
    except MissingKeyError as error:
        raise LeadsError(
            f"lead {lead.id}: {error}; set PRESCREEN_ENCRYPTION_KEY to the key the leads were saved with"
        ) from None
    # construct(): these values come from our own rows, already typed; validating each lead's criteria
    # and answers again would triple the time of a large export.
    contact = ContactView.construct(
        name=name, phone=phone, email=email, preferred_time=lead.contact_time, language=lead.contact_language
    )
    events = [
        EventView.construct(
            at=as_utc(e.at),
            actor=e.actor,
            kind=e.kind,
            from_status=e.from_status,
            to_status=e.to_status,
            note=e.note,
        )
        for e in lead.events
    ]
    return LeadView.construct(
        id=lead.id,
        conversation_id=lead.conversation_id,
        trial_id=lead.trial_id,
        protocol_version=lead.protocol_version,
        outcome=lead.outcome,
        status=lead.status,
        created_at=as_utc(lead.created_at),
        updated_at=as_utc(lead.updated_at),
        answered_by_proxy=bool(lead.answered_by_proxy),
        relation=lead.relation,
        conversation_language=lead.conversation_language or "en",
        contact=contact,
        criteria=lead.criteria or [],
        answers=lead.answers or {},
        consents=lead.consents or [],
        events=events,
    )


def lead_summary(lead: Lead) -> dict[str, Any]:
    """The columns of a lead list; no contact details, no answers."""
    return {
        "id": lead.id,
        "created_at": as_utc(lead.created_at).isoformat(timespec="seconds"),
        "trial_id": lead.trial_id,
        "outcome": lead.outcome,
        "status": lead.status,
        "answered_by_proxy": bool(lead.answered_by_proxy),
        "language": lead.conversation_language or "en",
    }


def as_utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; every time we store is UTC."""
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


# ----- export -----


def export_leads(
    wanted: LeadFilter | None,
    fmt: str,
    path_or_stream: str | os.PathLike[str] | IO[Any],
    actor: str,
    progress: bool = False,
) -> int:
    """Write the matching leads (newest first) as csv, xlsx, json or fhir; returns how many.

    A path is written atomically (a temporary file in the same folder, moved into place when
    complete; readable by its owner only). A stream is written as it goes: XLSX needs a binary
    stream, the other formats take either. One `export_audit` row (who, when, format, filter, row
    count) is committed with the read, after the file is in place.
    """
    wanted = wanted or LeadFilter()
    fmt = _one_of_or_error(fmt, EXPORT_FORMATS, "format")
    actor = check_actor(actor)
    writer = writer_for(fmt)
    target = None
    if isinstance(path_or_stream, (str, os.PathLike)):
        target = _AtomicFile(Path(path_or_stream))
        target.check()
    with session() as db:
        total = _count(db, wanted)  # an unreachable database fails here, before any file exists
        try:
            stream = target.open(writer.BINARY) if target else _as_stream(path_or_stream, writer.BINARY)
            views = _stream_views(db, wanted, total, progress, fmt)
            try:
                rows = writer.write(views, stream)
            except OSError as error:
                raise LeadsError(f"cannot write the export: {error.strerror or error}") from None
            finally:
                if target is None and stream is not path_or_stream:  # our text wrapper over their bytes
                    stream.flush()
                    stream.detach()  # hand the caller's stream back open
            db.add(ExportAudit(actor=actor, format=fmt, filters=wanted.as_audit_json(), row_count=rows))
            db.flush()
            if target:
                target.commit()
            db.commit()
        except BaseException:
            db.rollback()
            if target:
                target.discard()
            raise
    return rows


def _stream_views(
    db: Session, wanted: LeadFilter, total: int, progress: bool, fmt: str
) -> Iterator[LeadView]:
    from tqdm import tqdm

    statement = _newest_first(_filtered(select(Lead), wanted)).options(selectinload(Lead.events))
    statement = statement.execution_options(yield_per=EXPORT_BATCH)
    with tqdm(total=total, disable=not progress, unit="lead", desc=f"export {fmt}", file=sys.stderr) as bar:
        for lead in db.scalars(statement):
            view = lead_view(lead)
            db.expunge(lead)  # keep memory flat on large exports
            bar.update(1)
            yield view


def _as_stream(stream: IO[Any], binary: bool) -> IO[Any]:
    if not hasattr(stream, "write"):
        raise LeadsError(f"cannot export to {stream!r}: give a file path or an open file")
    is_text = isinstance(stream, io.TextIOBase)
    if binary and is_text:
        raise LeadsError("XLSX is a binary format: give a path or a stream opened in binary mode ('wb')")
    if not binary and not is_text:
        return io.TextIOWrapper(stream, encoding="utf-8", newline="")
    return stream


class _AtomicFile:
    """A file that appears under its name only when complete: written to a temporary file in the same
    folder (so the final move is atomic), then moved into place with os.replace."""

    def __init__(self, path: Path):
        self.path = path
        self.temp: Path | None = None
        self.handle: IO[Any] | None = None
        self.replaced = False

    def check(self) -> None:
        folder = self.path.parent
        if self.path.is_dir():
            raise LeadsError(f"cannot write {self.path}: it is a folder; give a file name")
        if not folder.exists():
            raise LeadsError(f"cannot write {self.path}: the folder {folder} does not exist")
        if not folder.is_dir():
            raise LeadsError(f"cannot write {self.path}: {folder} is not a folder")

    def open(self, binary: bool) -> IO[Any]:
        try:
            fd, name = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp")
        except OSError as error:
            raise LeadsError(f"cannot write {self.path}: {error.strerror or error}") from None
        self.temp = Path(name)
        if binary:
            self.handle = os.fdopen(fd, "wb")
        else:
            self.handle = os.fdopen(fd, "w", encoding="utf-8", newline="")
        return self.handle

    def commit(self) -> None:
        assert self.handle is not None and self.temp is not None
        try:
            self.handle.flush()
            os.fsync(self.handle.fileno())
            self.handle.close()
            os.replace(self.temp, self.path)
        except OSError as error:
            raise LeadsError(f"cannot write {self.path}: {error.strerror or error}") from None
        self.replaced = True

    def discard(self) -> None:
        """Remove whatever this export wrote, so nothing half-written remains."""
        if self.handle is not None and not self.handle.closed:
            with contextlib.suppress(OSError):
                self.handle.close()
        for leftover in (self.path if self.replaced else None, self.temp):
            if leftover is not None:
                with contextlib.suppress(FileNotFoundError):
                    leftover.unlink()

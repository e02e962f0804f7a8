"""Telling a trial's coordinators about a new lead, through the outbox.

1. `enqueue_for_new_lead` runs inside the transaction that creates the lead and adds one `outbox`
   row per e-mail recipient and per webhook configured for the trial (config/notifications.yml).
   Both commit together or not at all, so a lead is never saved without its notifications, and a
   submission that loses the insert race drops its rows with its lead.
2. `send_due` (run by `python -m bot.leads.notify`) delivers rows that are due. Each row is claimed,
   sent and marked sent in one transaction, so a receiver that accepted a notification is not sent
   it again. A failure stores a short reason and tries again later:

   - wait 30 s after the first failed attempt, then 1, 2, 4, 8, 16, 32 minutes, then every hour;
   - after MAX_ATTEMPTS (72, about three days) the row stops being retried but stays in the table,
     unsent, with its last error (`--status` lists it; `--retry-failed` gives it a fresh start).

   So a mail server that is down delays a notification; it never loses it.

Two senders at once: on PostgreSQL each claims its row with `SELECT ... FOR UPDATE SKIP LOCKED`, so
they share the work and never send a row twice. SQLite has no row locks: a sender holds an exclusive
file lock next to the database file (`<db>.notify-lock`) for its whole round, and a second sender
finds it taken and does nothing that round.

The payload never holds health data or contact details: the event, lead id, trial id, outcome, a
link to the dashboard and when the lead was created. `X-Prescreen-Delivery` (the outbox id) lets a
webhook receiver drop the rare repeat after a crash between its 2xx and our commit.
"""

from __future__ import annotations

import argparse
import fcntl
import functools
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.leads.database import database_url, session
from bot.leads.delivery import DeliveryError, email_message, post_webhook, send_email
from bot.leads.models import Lead, Outbox, utc_now
from bot.leads.notify_config import NotificationConfigError, NotificationSettings, load_settings

log = logging.getLogger("bot.leads.notify")

EVENT_LEAD_CREATED = "lead.created"
FIRST_BACKOFF = timedelta(seconds=30)
MAX_BACKOFF = timedelta(hours=1)
MAX_ATTEMPTS = 72
DEFAULT_INTERVAL_SECONDS = 15.0


def backoff(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failed attempt: 30 s doubling, at most 1 h."""
    return min(FIRST_BACKOFF * 2 ** min(max(attempts - 1, 0), 20), MAX_BACKOFF)


def lead_created_payload(lead: Lead, settings: NotificationSettings) -> dict[str, Any]:
    """What coordinators are told. Nothing about the person: no answers, no contact details."""
    return {
        "event": EVENT_LEAD_CREATED,
        "lead_id": lead.id,
        "trial_id": lead.trial_id,
        "outcome": lead.outcome,
        "link": settings.link(lead.id),
        "created_at": _as_utc(lead.created_at).isoformat(),
    }


_settings_cache: dict[tuple, NotificationSettings] = {}


def _settings_for_enqueue() -> NotificationSettings:
    """The notifications settings, read again only when the file (or an override) changes: reading
    and checking it for every saved lead cost about 10 ms a lead."""
    from bot.leads.notify_config import notifications_file

    path = notifications_file()
    try:
        version = path.stat().st_mtime_ns
    except OSError:
        version = None
    key = (str(path), version, os.environ.get("PRESCREEN_SMTP_HOST"), os.environ.get("PRESCREEN_SMTP_PORT"))
    if key not in _settings_cache:
        _settings_cache.clear()
        _settings_cache[key] = load_settings()
    return _settings_cache[key]


def enqueue_for_new_lead(db_session: Session, lead: Lead) -> list[Outbox]:
    """Add the outbox rows for a lead just added to `db_session`; the caller commits.

    Call it only when the lead is new, never on an update. An invalid notifications file is logged
    and queues nothing: the lead itself is always saved (the sender refuses to start with such a file).
    """
    try:
        settings = _settings_for_enqueue()
    except NotificationConfigError as error:
        log.error("lead for %s saved without notifications: %s", lead.trial_id, error)
        return []
    recipients = settings.recipients(lead.trial_id)
    targets = [("email", str(address)) for address in dict.fromkeys(recipients.email)]
    if recipients.webhook is not None:
        targets.append(("webhook", str(recipients.webhook.url)))
    if not targets:
        return []
    if lead.id is None or lead.created_at is None:
        db_session.flush()  # assigns the id; raises IntegrityError here if another writer won the race
    payload = lead_created_payload(lead, settings)
    rows = [
        Outbox(lead_id=lead.id, channel=channel, target=target, payload=payload, next_attempt_at=utc_now())
        for channel, target in targets
    ]
    db_session.add_all(rows)
    return rows


@dataclass
class SendReport:
    sent: int = 0
    retrying: int = 0  # failed this time, will be tried again
    gave_up: int = 0  # failed for the last time (MAX_ATTEMPTS); kept, unsent, with the error
    busy: bool = False  # SQLite only: another sender holds the lock, so this one did nothing
    errors: list[str] = field(default_factory=list)  # "outbox 12 (webhook): webhook answered HTTP 500"

    @property
    def tried(self) -> int:
        return self.sent + self.retrying + self.gave_up


def send_due(
    now: datetime | None = None,
    limit: int = 100,
    *,
    settings: NotificationSettings | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> SendReport:
    """Deliver up to `limit` rows whose time has come (`next_attempt_at <= now`), oldest first."""
    now = _as_utc(now or utc_now())
    settings = settings or load_settings()
    report = SendReport()
    titles = _TrialTitles()
    with _single_sender(database_url()) as alone:
        if not alone:
            report.busy = True
            return report
        for _ in range(limit):
            if should_stop is not None and should_stop():
                break
            with session() as db:
                row = db.execute(_next_due(now)).scalar_one_or_none()
                if row is None:
                    break
                try:
                    _deliver(row, settings, titles, now)
                except Exception as error:  # noqa: BLE001 - one bad row must not block the queue
                    if not isinstance(error, DeliveryError):
                        log.exception("outbox %s: unexpected error while sending", row.id)
                        error = DeliveryError(f"{type(error).__name__} while sending")
                    _record_failure(row, str(error), now, report)
                else:
                    row.sent_at = now
                    row.last_error = None
                    report.sent += 1
                db.commit()
    return report


def _next_due(now: datetime):  # noqa: ANN202 - a SQLAlchemy Select
    return (
        select(Outbox)
        .where(Outbox.sent_at.is_(None), Outbox.attempts < MAX_ATTEMPTS, Outbox.next_attempt_at <= now)
        .order_by(Outbox.next_attempt_at, Outbox.id)
        .limit(1)
        .with_for_update(skip_locked=True)  # PostgreSQL; SQLite ignores it (see _single_sender)
    )


def _deliver(row: Outbox, settings: NotificationSettings, titles: _TrialTitles, now: datetime) -> None:
    payload = row.payload
    if row.channel == "email":
        smtp = settings.smtp
        username = _secret(smtp.username_env, "the SMTP user name")
        password = _secret(smtp.password_env, "the SMTP password")
        domain = smtp.sender.rsplit("@", 1)[-1].strip("> ")
        message = email_message(
            payload,
            titles.get(payload["trial_id"]),
            sender=smtp.sender,
            recipient=row.target,
            message_id=f"<outbox-{row.id}.{row.lead_id}@{domain}>",
            now=now,
        )
        send_email(smtp, message, username, password)
    elif row.channel == "webhook":
        name = settings.webhook_secret_env(payload["trial_id"], row.target)
        if name is None:
            raise DeliveryError("this webhook URL is no longer in the notifications file")
        post_webhook(row.target, _secret(name, "the webhook secret"), payload, str(row.id), now)
    else:
        raise DeliveryError(f"unknown channel {row.channel!r}")


def _secret(name: str | None, what: str) -> str | None:
    if name is None:
        return None
    value = os.environ.get(name)
    if not value:
        raise DeliveryError(f"environment variable {name} ({what}) is not set")
    return value


def _record_failure(row: Outbox, error: str, now: datetime, report: SendReport) -> None:
    row.attempts += 1
    row.last_error = error
    report.errors.append(f"outbox {row.id} ({row.channel}): {error}")
    if row.attempts >= MAX_ATTEMPTS:
        report.gave_up += 1
        log.error("outbox %s (%s): giving up after %s attempts: %s", row.id, row.channel, row.attempts, error)
    else:
        row.next_attempt_at = now + backoff(row.attempts)
        report.retrying += 1


@contextmanager
def _single_sender(url: str) -> Iterator[bool]:
    """SQLite: hold an exclusive lock file for the round; yields False when another sender has it."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        yield True
        return
    with open(Path(parsed.database).with_name(Path(parsed.database).name + ".notify-lock"), "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            acquired = False
        else:
            acquired = True
        try:
            yield acquired
        finally:
            if acquired:
                fcntl.flock(handle, fcntl.LOCK_UN)


class _TrialTitles:
    """Trial short titles for e-mail subjects, loaded on first use (falls back to the trial id)."""

    def __init__(self) -> None:
        self._titles: dict[str, str] | None = None

    def get(self, trial_id: str) -> str:
        if self._titles is None:
            from bot.trials import trial_files

            key = tuple((str(p), p.stat().st_mtime_ns) for p in trial_files())
            self._titles = _load_titles(key)
        return self._titles.get(trial_id, trial_id)


@functools.lru_cache(maxsize=4)
def _load_titles(_files: tuple) -> dict[str, str]:
    from bot.text import localize
    from bot.trials import TrialFileError, load_trials

    try:
        return {t.id: localize(t.short_title) for t in load_trials()}
    except TrialFileError as error:
        log.warning("trial files cannot be read, e-mails name trials by id: %s", error)
        return {}


def retry_failed(now: datetime | None = None) -> int:
    """Give notifications that gave up a fresh set of attempts; returns how many."""
    now = _as_utc(now or utc_now())
    with session() as db:
        result = db.execute(
            update(Outbox)
            .where(Outbox.sent_at.is_(None), Outbox.attempts >= MAX_ATTEMPTS)
            .values(attempts=0, next_attempt_at=now)
        )
        db.commit()
        return result.rowcount


def status_lines() -> list[str]:
    """Unsent notifications, for `--status`: counts, then every row that gave up, with its error."""
    with session() as db:
        pending = db.execute(
            select(func.count()).where(Outbox.sent_at.is_(None), Outbox.attempts < MAX_ATTEMPTS)
        ).scalar_one()
        failed = list(
            db.execute(
                select(Outbox)
                .where(Outbox.sent_at.is_(None), Outbox.attempts >= MAX_ATTEMPTS)
                .order_by(Outbox.id)
            ).scalars()
        )
    lines = [f"pending: {pending}", f"gave up: {len(failed)}"]
    lines += [
        f"  outbox {r.id}: lead {r.lead_id}, {r.channel} {r.target}, {r.attempts} attempts: {r.last_error}"
        for r in failed
    ]
    return lines


def _as_utc(moment: datetime) -> datetime:
    """Aware UTC; SQLite hands back naive datetimes, which we always store in UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.leads.notify",
        description="Send coordinators' notifications about new leads from the outbox, with retries.",
    )
    parser.add_argument("--once", action="store_true", help="send what is due now, then exit")
    parser.add_argument(
        "--interval",
        type=float,
        default=DEFAULT_INTERVAL_SECONDS,
        metavar="SECONDS",
        help=f"seconds between rounds (default {DEFAULT_INTERVAL_SECONDS:g})",
    )
    parser.add_argument(
        "--retry-failed", action="store_true", help="give notifications that gave up a fresh start, then exit"
    )
    parser.add_argument("--status", action="store_true", help="list unsent notifications, then exit")
    args = parser.parse_args(argv)
    if args.interval <= 0:
        parser.error("--interval must be more than 0")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")

    if args.status:
        print("\n".join(status_lines()))
        return 0
    if args.retry_failed:
        print(f"{retry_failed()} notifications will be tried again")
        return 0
    problem = _startup_problem()
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2

    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    log.info("sending due notifications every %g s", args.interval)
    while True:
        _round(stop)
        if args.once or stop.wait(args.interval):
            break
    log.info("stopped")
    return 0


def _startup_problem() -> str | None:
    """A notifications file that is invalid, names an unknown trial, or names a missing secret."""
    from bot.trials import TrialFileError, load_trials

    try:
        settings = load_settings(known_trials=[t.id for t in load_trials()])
    except (NotificationConfigError, TrialFileError) as error:
        return str(error)
    missing = settings.missing_secrets()
    if missing:
        return (
            f"the notifications file names environment variables that are not set: {', '.join(missing)}; "
            "set them (they hold the webhook secrets and SMTP credentials)"
        )
    return None


def _round(stop: threading.Event) -> None:
    try:
        report = send_due(should_stop=stop.is_set)
    except NotificationConfigError as error:
        log.error("nothing sent, the notifications file is invalid: %s", error)
        return
    except SQLAlchemyError as error:
        log.error("nothing sent, the database is unavailable: %s", type(error).__name__)
        return
    if report.tried:
        log.info("sent %s, will retry %s, gave up %s", report.sent, report.retrying, report.gave_up)
    for line in report.errors:
        log.warning("%s", line)


if __name__ == "__main__":
    sys.exit(main())

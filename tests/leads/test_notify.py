"""Coordinators hear about each new lead exactly once, by e-mail and signed webhook, through the outbox.

Real receivers on loopback: an aiosmtpd SMTP sink and an aiohttp webhook receiver (one that fails a
few times first). Time is driven by passing `now` forward, never by sleeping. Every test using
`database_url` runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import asyncio
import email
import functools
import hashlib
import hmac
import ipaddress
import json
import os
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from email import policy
from pathlib import Path

import pytest
import yaml
from aiohttp import web
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from cryptography import x509
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sqlalchemy import select

from bot.leads import notify, save_referral
from bot.leads.database import session
from bot.leads.models import Outbox
from bot.leads.notify import send_due
from bot.leads.notify_config import DEFAULT_FILE, NotificationConfigError, load_settings
from bot.leads.referral import Referral
from tests.leads import factories
from tests.leads.factories import CANARY_EMAIL, CANARY_NAME, CANARY_PHONE, LIKELY_XJ

ROOT = Path(__file__).resolve().parents[2]
TRIAL = "xj-mk-002"
TRIAL_TITLE = "Megakaryocyte cells for low platelets after cancer treatment (XJ-MK-002)"
DASHBOARD = "http://dashboard.test.example.org:8080"
COORDINATORS = ["coordinator@hospital.example.org", "research.office@hospital.example.org"]
SECRET_ENV = "PRESCREEN_TEST_WEBHOOK_SECRET"
SECRET = "s3cret-shared-with-the-receiver"
PAYLOAD_KEYS = {"event", "lead_id", "trial_id", "outcome", "link", "created_at"}

# What must never leave the database in a notification: contact details and the answers given.
CANARIES = [CANARY_NAME, CANARY_PHONE, CANARY_EMAIL, "Zxqvname", "mornings", "question about"]
CANARIES += [fact for fact in LIKELY_XJ if "_" in fact]  # platelet_count, active_bleeding, ...
CANARIES += [v for v in LIKELY_XJ.values() if isinstance(v, str)]  # female, solid_tumour, never
CANARIES += ["chemotherapy"]


@functools.lru_cache(maxsize=1)
def _one_referral() -> Referral:
    return factories.referral("conv-template")


def referral(conversation_id: str) -> Referral:
    """factories.referral, evaluated once: loading the trials for every lead would slow the suite."""
    return _one_referral().copy(update={"conversation_id": conversation_id}, deep=True)


# ----- receivers on loopback -----


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpSink:
    """A real SMTP server (aiosmtpd) that keeps every message it accepts."""

    def __init__(self, port: int, **smtp_options):
        self.port = port
        self.messages: list[tuple[list[str], email.message.EmailMessage, str]] = []
        self._controller = Controller(self, hostname="127.0.0.1", port=port, **smtp_options)

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001 - aiosmtpd's hook signature
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), message, raw.decode("utf-8", "replace")))
        return "250 Message accepted for delivery"

    def start(self) -> SmtpSink:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()


class WebhookReceiver:
    """An aiohttp server that checks the HMAC signature and can fail the first few requests."""

    def __init__(self, secret: str = SECRET, fail_first: int = 0, delay: float = 0.0):
        self.secret = secret.encode()
        self.fail_first = fail_first
        self.delay = delay
        self.requests: list[dict] = []  # every request, failed ones included
        self.accepted: list[dict] = []  # payloads answered with 2xx
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    async def _handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        expected = "sha256=" + hmac.new(self.secret, body, hashlib.sha256).hexdigest()
        signed = hmac.compare_digest(request.headers.get("X-Prescreen-Signature", ""), expected)
        with self._lock:
            self.requests.append({"body": body, "headers": dict(request.headers), "signed": signed})
            count = len(self.requests)
        if not signed:
            return web.Response(status=401, text="bad signature")
        if self.delay:
            await asyncio.sleep(self.delay)
        if count <= self.fail_first:
            return web.Response(status=500, text="not today")
        with self._lock:
            self.accepted.append(json.loads(body))
        return web.Response(status=204)

    def start(self) -> WebhookReceiver:
        self._thread.start()
        app = web.Application()
        app.router.add_post("/hook", self._handle)
        self._runner = web.AppRunner(app)
        asyncio.run_coroutine_threadsafe(self._runner.setup(), self._loop).result(5)
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        asyncio.run_coroutine_threadsafe(site.start(), self._loop).result(5)
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}/hook"
        return self

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        self._loop.close()


@pytest.fixture
def smtp_sink():
    sink = SmtpSink(free_port()).start()
    yield sink
    sink.stop()


@pytest.fixture
def receivers():
    started: list[WebhookReceiver] = []

    def make(**kwargs) -> WebhookReceiver:
        started.append(WebhookReceiver(**kwargs).start())
        return started[-1]

    yield make
    for receiver in started:
        receiver.stop()


@pytest.fixture
def configure(tmp_path, monkeypatch):
    """Write a notifications file for the trial and point the code at it (and at an SMTP port)."""
    monkeypatch.setenv(SECRET_ENV, SECRET)

    def write(email: list[str] | None = None, webhook_url: str | None = None, smtp_port: int | None = None):
        trial: dict = {}
        if email:
            trial["email"] = email
        if webhook_url:
            trial["webhook"] = {"url": webhook_url, "secret_env": SECRET_ENV}
        path = tmp_path / "notifications.yml"
        config = {"dashboard_url": DASHBOARD, "smtp": {"sender": "prescreen@hospital.example.org"}}
        path.write_text(yaml.safe_dump({**config, "trials": {TRIAL: trial}}))
        monkeypatch.setenv("PRESCREEN_NOTIFICATIONS_FILE", str(path))
        monkeypatch.setenv("PRESCREEN_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("PRESCREEN_SMTP_PORT", str(smtp_port or free_port()))
        return path

    return write


def outbox_rows() -> list[Outbox]:
    with session() as db:
        return list(db.execute(select(Outbox).order_by(Outbox.id)).scalars())


def utc(moment: datetime | None) -> datetime | None:
    """SQLite hands datetimes back without a zone; they are stored in UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=timezone.utc)


def later(seconds: float) -> datetime:
    return datetime.now(timezone.utc) + timedelta(seconds=seconds)


def assert_no_personal_data(text: str) -> None:
    for canary in CANARIES:
        assert canary not in text, f"{canary!r} leaked into a notification"


# ----- e-mail -----


def test_each_coordinator_gets_one_email_per_new_lead_with_a_link_and_nothing_about_the_person(
    database_url, configure, smtp_sink
):
    configure(email=COORDINATORS, smtp_port=smtp_sink.port)
    [lead_id] = save_referral(referral("conv-email"))

    report = send_due(now=later(1))

    assert (report.sent, report.retrying) == (2, 0)
    assert sorted(r for rcpts, _, _ in smtp_sink.messages for r in rcpts) == sorted(COORDINATORS)
    for rcpts, message, raw in smtp_sink.messages:
        assert message["To"] == rcpts[0]
        assert message["Subject"] == f"New pre-screening lead: {TRIAL_TITLE}"
        body = message.get_content()
        assert f"{DASHBOARD}/leads/{lead_id}" in body
        assert f"Lead id: {lead_id}" in body
        assert "LIKELY ELIGIBLE" in body
        headers = "\n".join(f"{k}: {v}" for k, v in message.items())
        for text in (raw, body, headers):  # raw and decoded, in case an encoding splits a word
            assert_no_personal_data(text)
    assert send_due(now=later(3600)).sent == 0
    assert len(smtp_sink.messages) == 2


def test_the_outbox_payload_holds_only_the_trial_outcome_lead_and_link(database_url, configure):
    configure(email=COORDINATORS[:1])
    [lead_id] = save_referral(referral("conv-payload"))

    [row] = outbox_rows()
    assert (row.channel, row.target, row.lead_id, row.sent_at, row.attempts) == (
        "email",
        COORDINATORS[0],
        lead_id,
        None,
        0,
    )
    assert set(row.payload) == PAYLOAD_KEYS
    assert row.payload["event"] == "lead.created"
    assert row.payload["trial_id"] == TRIAL
    assert row.payload["outcome"] == "likely_eligible"
    assert row.payload["link"] == f"{DASHBOARD}/leads/{lead_id}"
    assert_no_personal_data(json.dumps(row.payload))


def test_a_mail_server_that_is_down_delays_the_email_until_it_comes_back_then_sends_it_once(
    database_url, configure
):
    port = free_port()  # nothing listens here yet
    configure(email=COORDINATORS[:1], smtp_port=port)
    [lead_id] = save_referral(referral("conv-smtp-down"))
    t0 = later(1)

    report = send_due(now=t0)

    assert (report.sent, report.retrying) == (0, 1)
    [row] = outbox_rows()
    assert row.sent_at is None and row.attempts == 1
    assert "Connection refused" in row.last_error or "ConnectionRefused" in row.last_error
    assert lead_id not in row.last_error and "lead.created" not in row.last_error  # no payload dump
    assert utc(row.next_attempt_at) == t0 + timedelta(seconds=30)
    assert send_due(now=t0 + timedelta(seconds=29)).retrying == 0  # not due yet: not even tried

    sink = SmtpSink(port).start()
    try:
        assert send_due(now=t0 + timedelta(seconds=30)).sent == 1
        assert send_due(now=t0 + timedelta(days=1)).sent == 0
        assert len(sink.messages) == 1
        assert f"/leads/{lead_id}" in sink.messages[0][1].get_content()
    finally:
        sink.stop()
    [row] = outbox_rows()
    assert utc(row.sent_at) == t0 + timedelta(seconds=30) and row.attempts == 1


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1, and its key, so STARTTLS can be checked for real on loopback."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    loopback = x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))])
    now = datetime.now(timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(loopback, critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "smtp.crt", folder / "smtp.key"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_file, key_file


def test_with_starttls_the_password_comes_from_the_environment_and_only_over_tls(
    database_url, tmp_path, monkeypatch
):
    cert_file, key_file = self_signed_certificate(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert_file))  # the client trusts our certificate
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert_file, key_file)
    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):  # noqa: ANN001 - aiosmtpd's
        logins.append((auth_data.login, auth_data.password, session.ssl is not None))
        return AuthResult(success=auth_data.password == b"mail-password")

    port = free_port()
    path = tmp_path / "notifications.yml"
    smtp = {"host": "127.0.0.1", "port": port, "sender": "prescreen@hospital.example.org", "starttls": True}
    smtp |= {"username_env": "TEST_SMTP_USER", "password_env": "TEST_SMTP_PASSWORD"}
    path.write_text(yaml.safe_dump({"smtp": smtp, "trials": {TRIAL: {"email": COORDINATORS[:1]}}}))
    monkeypatch.setenv("PRESCREEN_NOTIFICATIONS_FILE", str(path))
    monkeypatch.setenv("TEST_SMTP_USER", "prescreen")
    monkeypatch.setenv("TEST_SMTP_PASSWORD", "mail-password")
    for name in ("PRESCREEN_SMTP_HOST", "PRESCREEN_SMTP_PORT"):
        monkeypatch.delenv(name, raising=False)
    assert "mail-password" not in path.read_text()
    save_referral(referral("conv-tls"))

    sink = SmtpSink(
        port, tls_context=server_tls, require_starttls=True, auth_required=True, authenticator=authenticator
    ).start()
    try:
        assert send_due(now=later(1)).sent == 1
    finally:
        sink.stop()
    assert logins == [(b"prescreen", b"mail-password", True)]
    assert len(sink.messages) == 1


# ----- webhooks -----


def test_the_webhook_is_signed_with_an_hmac_of_the_raw_body(database_url, configure, receivers):
    receiver = receivers()
    configure(webhook_url=receiver.url)
    [lead_id] = save_referral(referral("conv-hook"))

    assert send_due(now=later(1)).sent == 1

    [request] = receiver.requests
    assert request["signed"]
    headers = request["headers"]
    assert headers["Content-Type"] == "application/json"
    assert abs(int(headers["X-Prescreen-Timestamp"]) - time.time()) < 60
    assert headers["X-Prescreen-Delivery"] == str(outbox_rows()[0].id)
    payload = json.loads(request["body"])
    assert set(payload) == PAYLOAD_KEYS
    assert (payload["lead_id"], payload["trial_id"]) == (lead_id, TRIAL)
    assert payload["link"] == f"{DASHBOARD}/leads/{lead_id}"
    assert_no_personal_data(request["body"].decode())


def test_a_receiver_that_fails_three_times_gets_the_notification_exactly_once_after_backoff(
    database_url, configure, receivers
):
    receiver = receivers(fail_first=3)
    configure(webhook_url=receiver.url)
    [lead_id] = save_referral(referral("conv-flaky"))
    t0 = later(1)

    # 30 s after the first failure, then 60 s, then 120 s.
    schedule = [t0, t0 + timedelta(seconds=30), t0 + timedelta(seconds=90)]
    for attempt, moment in enumerate(schedule, start=1):
        report = send_due(now=moment)
        assert (report.sent, report.retrying) == (0, 1)
        [row] = outbox_rows()
        assert row.attempts == attempt and row.last_error == "webhook answered HTTP 500"
        assert utc(row.next_attempt_at) == moment + notify.backoff(attempt)
    assert send_due(now=t0 + timedelta(seconds=209)).retrying == 0  # still waiting
    assert send_due(now=t0 + timedelta(seconds=210)).sent == 1
    for hours in (1, 24, 24 * 7):
        assert send_due(now=t0 + timedelta(hours=hours)).sent == 0

    assert len(receiver.requests) == 4
    assert [p["lead_id"] for p in receiver.accepted] == [lead_id]
    [row] = outbox_rows()
    assert row.sent_at is not None and row.last_error is None


def test_a_missing_webhook_secret_is_a_retryable_error_that_names_the_variable(
    database_url, configure, receivers, monkeypatch
):
    receiver = receivers()
    configure(webhook_url=receiver.url)
    save_referral(referral("conv-nosecret"))
    monkeypatch.delenv(SECRET_ENV)

    assert send_due(now=later(1)).retrying == 1
    [row] = outbox_rows()
    assert SECRET_ENV in row.last_error and receiver.requests == []

    monkeypatch.setenv(SECRET_ENV, SECRET)
    assert send_due(now=later(31)).sent == 1
    assert len(receiver.accepted) == 1


def test_after_max_attempts_a_notification_stays_visible_as_failed_until_retried(
    database_url, configure, monkeypatch
):
    monkeypatch.setattr(notify, "MAX_ATTEMPTS", 3)
    port = free_port()
    configure(email=COORDINATORS[:1], smtp_port=port)
    [lead_id] = save_referral(referral("conv-give-up"))
    moment = later(1)
    for _ in range(3):
        report = send_due(now=moment)
        moment += timedelta(hours=1)
    assert report.gave_up == 1
    assert send_due(now=moment + timedelta(days=30)).retrying == 0  # not retried forever
    [row] = outbox_rows()
    assert row.sent_at is None and row.attempts == 3 and row.last_error
    assert any(lead_id in line for line in notify.status_lines())

    sink = SmtpSink(port).start()
    try:
        assert notify.retry_failed(now=moment) == 1
        assert send_due(now=moment).sent == 1
        assert len(sink.messages) == 1
    finally:
        sink.stop()


# ----- when rows are written -----


def test_updating_an_existing_lead_enqueues_nothing_new(database_url, configure, receivers):
    receiver = receivers()
    configure(email=COORDINATORS, webhook_url=receiver.url)
    first = save_referral(referral("conv-update"))
    assert len(outbox_rows()) == 3
    assert send_due(now=later(1)).sent == 1  # the webhook; the e-mails wait (no mail server listens)

    second = save_referral(referral("conv-update"))

    assert first == second
    assert len(outbox_rows()) == 3
    assert len(receiver.accepted) == 1


def test_concurrent_submissions_of_one_conversation_enqueue_one_set_of_notifications(
    database_url, configure, receivers
):
    receiver = receivers()
    configure(email=COORDINATORS, webhook_url=receiver.url)
    with ThreadPoolExecutor(max_workers=8) as pool:
        ids = set(pool.map(lambda _: save_referral(referral("conv-race"))[0], range(16)))
    [lead_id] = ids
    rows = outbox_rows()
    assert sorted((r.channel, r.target) for r in rows) == sorted(
        [("email", a) for a in COORDINATORS] + [("webhook", receiver.url)]
    )
    assert {r.lead_id for r in rows} == {lead_id}


def test_with_the_shipped_configuration_a_new_lead_enqueues_nothing(database_url, monkeypatch):
    monkeypatch.delenv("PRESCREEN_NOTIFICATIONS_FILE", raising=False)
    save_referral(referral("conv-default"))
    assert outbox_rows() == []


def test_an_invalid_notifications_file_never_stops_a_lead_being_saved(
    database_url, tmp_path, monkeypatch, caplog
):
    bad = tmp_path / "notifications.yml"
    bad.write_text("trials: {xj-mk-002: {emails: [someone@hospital.example.org]}}\n")
    monkeypatch.setenv("PRESCREEN_NOTIFICATIONS_FILE", str(bad))

    [lead_id] = save_referral(referral("conv-bad-config"))

    assert lead_id and outbox_rows() == []
    assert "saved without notifications" in caplog.text and "emails" in caplog.text


# ----- two senders at once -----


def test_two_senders_at_once_deliver_each_notification_once(database_url, configure, receivers):
    receiver = receivers(delay=0.02)
    configure(webhook_url=receiver.url)
    lead_ids = {save_referral(referral(f"conv-concurrent-{i}"))[0] for i in range(8)}
    moment = later(1)

    with ThreadPoolExecutor(max_workers=3) as pool:
        reports = list(pool.map(lambda _: send_due(now=moment), range(3)))

    assert sum(r.sent for r in reports) == 8
    assert sorted(p["lead_id"] for p in receiver.accepted) == sorted(lead_ids)
    assert all(r.sent_at is not None for r in outbox_rows())
    assert send_due(now=moment + timedelta(days=1)).sent == 0
    assert len(receiver.requests) == 8


# ----- the configuration file -----


def test_the_shipped_configuration_is_valid_and_sends_nothing(monkeypatch):
    for name in ("PRESCREEN_SMTP_HOST", "PRESCREEN_SMTP_PORT"):
        monkeypatch.delenv(name, raising=False)
    settings = load_settings(DEFAULT_FILE, known_trials=["nct06642025", TRIAL])
    assert settings.trials == {}
    assert settings.missing_secrets() == []
    assert "secret_env" in DEFAULT_FILE.read_text()  # the commented example shows how


def write_yaml(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "notifications.yml"
    path.write_text(text)
    return path


def test_a_misspelt_field_is_named_with_the_file_and_a_suggestion(tmp_path):
    path = write_yaml(tmp_path, "trials:\n  xj-mk-002:\n    emails: [a@hospital.example.org]\n")
    with pytest.raises(NotificationConfigError) as caught:
        load_settings(path)
    [problem] = caught.value.problems
    assert problem.startswith(str(path))
    assert "`trials.xj-mk-002.emails` is not a known field (did you mean `email`?)" in problem


def test_a_secret_written_in_the_file_is_refused_without_repeating_it(tmp_path):
    path = write_yaml(
        tmp_path,
        "trials:\n  xj-mk-002:\n    webhook: {url: 'https://hooks.example.org/x', secret: hunter2-value}\n",
    )
    with pytest.raises(NotificationConfigError) as caught:
        load_settings(path)
    text = str(caught.value)
    assert "secrets never go in this file" in text and "hunter2-value" not in text
    assert "`trials.xj-mk-002.webhook.secret_env` is required" in text


def test_a_secret_pasted_where_its_variable_name_belongs_is_not_repeated(tmp_path):
    path = write_yaml(
        tmp_path,
        "trials:\n  xj-mk-002:\n    webhook:\n      url: https://hooks.example.org/x\n"
        "      secret_env: 'p@ss w0rd!'\n",
    )
    with pytest.raises(NotificationConfigError) as caught:
        load_settings(path)
    assert "must be the name of an environment variable" in str(caught.value)
    assert "p@ss w0rd!" not in str(caught.value)


def test_bad_addresses_and_urls_are_reported_by_field(tmp_path):
    path = write_yaml(
        tmp_path,
        "dashboard_url: not a url\nsmtp: {port: 99999}\ntrials:\n  xj-mk-002:\n    email: [nobody]\n",
    )
    with pytest.raises(NotificationConfigError) as caught:
        load_settings(path)
    text = str(caught.value)
    for field in ("`dashboard_url`", "`smtp.port`", "`trials.xj-mk-002.email[0]`"):
        assert field in text


def test_smtp_credentials_need_both_variable_names_and_starttls(tmp_path):
    path = write_yaml(tmp_path, "smtp: {password_env: SMTP_PASSWORD}\n")
    with pytest.raises(NotificationConfigError, match="give both or neither"):
        load_settings(path)
    path = write_yaml(tmp_path, "smtp: {username_env: SMTP_USER, password_env: SMTP_PASSWORD}\n")
    with pytest.raises(NotificationConfigError, match="`smtp.starttls` must be true"):
        load_settings(path)


def test_an_unknown_trial_id_is_refused_when_the_trials_are_known(tmp_path):
    path = write_yaml(tmp_path, "trials:\n  xj-mk-02:\n    email: [a@hospital.example.org]\n")
    with pytest.raises(NotificationConfigError, match=r"`trials.xj-mk-02` is not a known trial id"):
        load_settings(path, known_trials=["nct06642025", TRIAL])
    assert load_settings(path).trials  # without the list, only the shape is checked


def test_smtp_host_and_port_can_be_overridden_from_the_environment(tmp_path, monkeypatch):
    path = write_yaml(tmp_path, "smtp: {host: mail.hospital.example.org, port: 587}\n")
    monkeypatch.setenv("PRESCREEN_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("PRESCREEN_SMTP_PORT", "2525")
    assert (load_settings(path).smtp.host, load_settings(path).smtp.port) == ("127.0.0.1", 2525)
    monkeypatch.setenv("PRESCREEN_SMTP_PORT", "twenty-five")
    with pytest.raises(NotificationConfigError, match="PRESCREEN_SMTP_PORT must be a port number"):
        load_settings(path)


# ----- the long-running sender -----


def test_the_sender_process_delivers_and_stops_cleanly_on_sigterm(tmp_path, smtp_sink, monkeypatch):
    config = write_yaml(tmp_path, yaml.safe_dump({"trials": {TRIAL: {"email": COORDINATORS[:1]}}}))
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'leads.db'}",
        "PRESCREEN_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "PRESCREEN_NOTIFICATIONS_FILE": str(config),
        "PRESCREEN_SMTP_HOST": "127.0.0.1",
        "PRESCREEN_SMTP_PORT": str(smtp_sink.port),
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    save_referral(referral("conv-process"))

    sender = subprocess.Popen(
        [sys.executable, "-m", "bot.leads.notify", "--interval", "0.05"],
        env={**os.environ, **env},
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while not smtp_sink.messages and time.monotonic() < deadline and sender.poll() is None:
            time.sleep(0.02)
        assert len(smtp_sink.messages) == 1
        sender.send_signal(signal.SIGTERM)
        _, stderr = sender.communicate(timeout=10)
    finally:
        if sender.poll() is None:
            sender.kill()
    assert sender.returncode == 0, stderr
    assert "stopped" in stderr and "Traceback" not in stderr and "RuntimeWarning" not in stderr
    assert len(smtp_sink.messages) == 1

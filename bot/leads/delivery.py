"""Delivering one notification: an e-mail over SMTP, or a webhook POST signed with HMAC-SHA256.

Both raise DeliveryError with a short reason (never the message itself) when delivery fails, so the
outbox can store it and try again later.

Webhook requests carry:
- `X-Prescreen-Signature: sha256=<hex>`: HMAC-SHA256 of the raw request body with the shared secret;
- `X-Prescreen-Timestamp`: when this attempt was made (Unix seconds);
- `X-Prescreen-Delivery`: the outbox row id, the same on every retry, so a receiver can drop a
  repeat (a receiver that answered 2xx after we lost the connection may see one).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import smtplib
import ssl
import urllib.error
import urllib.request
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

from bot.leads.notify_config import Smtp
from bot.report import OUTCOME_WORDS

SIGNATURE_HEADER = "X-Prescreen-Signature"
TIMESTAMP_HEADER = "X-Prescreen-Timestamp"
DELIVERY_HEADER = "X-Prescreen-Delivery"
WEBHOOK_TIMEOUT_SECONDS = 10
MAX_ERROR_LENGTH = 300


class DeliveryError(Exception):
    """Delivery failed; the message is a short reason fit for `outbox.last_error`."""


def body_bytes(payload: dict[str, Any]) -> bytes:
    """The exact bytes sent and signed: compact JSON with sorted keys."""
    return json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def email_message(
    payload: dict[str, Any], trial_title: str, sender: str, recipient: str, message_id: str, now: datetime
) -> EmailMessage:
    """Plain text: the trial, the outcome in words, the lead id and the link. Nothing about the person."""
    message = EmailMessage()
    message["Subject"] = f"New pre-screening lead: {trial_title}"
    message["From"] = sender
    message["To"] = recipient
    message["Date"] = format_datetime(now)
    message["Message-ID"] = message_id
    outcome = OUTCOME_WORDS.get(payload["outcome"], payload["outcome"])
    lines = [
        "A new pre-screening lead has arrived.",
        "",
        f"Study: {trial_title}",
        f"Outcome: {outcome}",
        f"Lead id: {payload['lead_id']}",
    ]
    if payload.get("link"):
        lines.append(f"Open it in the dashboard: {payload['link']}")
    lines += [
        f"Or on the command line: python -m bot leads show {payload['lead_id']}",
        "",
        "This message holds no health data or contact details: open the lead to see them.",
    ]
    message.set_content("\n".join(lines) + "\n")
    return message


def send_email(smtp: Smtp, message: EmailMessage, username: str | None, password: str | None) -> None:
    try:
        with smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout_seconds) as client:
            if smtp.starttls:
                client.starttls(context=ssl.create_default_context())
            if username and password:
                client.login(username, password)
            client.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        raise DeliveryError(
            _short(f"SMTP {smtp.host}:{smtp.port}: {type(error).__name__}: {error}")
        ) from None


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is a failure: following it would turn the POST into a GET without the body."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def post_webhook(url: str, secret: str, payload: dict[str, Any], delivery_id: str, now: datetime) -> None:
    body = body_bytes(payload)
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "prescreen-notify/1",
            SIGNATURE_HEADER: signature(secret, body),
            TIMESTAMP_HEADER: str(int(now.timestamp())),
            DELIVERY_HEADER: delivery_id,
        },
    )
    try:
        with _opener.open(request, timeout=WEBHOOK_TIMEOUT_SECONDS) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        raise DeliveryError(f"webhook answered HTTP {error.code}") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise DeliveryError(_short(f"webhook unreachable: {reason}")) from None
    if not 200 <= status < 300:
        raise DeliveryError(f"webhook answered HTTP {status}")


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_ERROR_LENGTH else text[: MAX_ERROR_LENGTH - 1] + "…"

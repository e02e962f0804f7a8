"""Encryption at rest (`cryptography`): contact details in the leads (Fernet), and Rasa's
conversation events (AES-256-GCM under a key derived from the same one, `EventCipher`).

The key comes from PRESCREEN_ENCRYPTION_KEY. Outside production, a local key is created once in
var/local-encryption.key so `make run` works out of the box; in production (PRESCREEN_ENV=production)
a missing key is a clear error, never a silent fallback.
"""

from __future__ import annotations

import base64
import functools
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

ROOT = Path(__file__).resolve().parents[2]
LOCAL_KEY_FILE = ROOT / "var" / "local-encryption.key"


class MissingKeyError(RuntimeError):
    pass


def load_key() -> bytes:
    key = os.environ.get("PRESCREEN_ENCRYPTION_KEY")
    if key:
        return key.encode()
    if os.environ.get("PRESCREEN_ENV") == "production":
        raise MissingKeyError(
            "PRESCREEN_ENCRYPTION_KEY is not set. In production, contact details must be encrypted with "
            "a key you manage: generate one with "
            "`python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'`."
        )
    if not LOCAL_KEY_FILE.exists():
        LOCAL_KEY_FILE.parent.mkdir(parents=True, exist_ok=True)
        try:  # created 0600 (never readable by others, not even for a moment); O_EXCL: one writer
            fd = os.open(LOCAL_KEY_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process created it first
        else:
            with os.fdopen(fd, "wb") as f:
                f.write(Fernet.generate_key())
    return LOCAL_KEY_FILE.read_bytes().strip()


@functools.lru_cache(maxsize=4)
def _fernet(key: bytes) -> Fernet:
    return Fernet(key)


def encrypt(text: str | None) -> str | None:
    if text is None:
        return None
    return _fernet(load_key()).encrypt(text.encode()).decode()


def decrypt(token: str | None) -> str | None:
    if token is None:
        return None
    try:
        return _fernet(load_key()).decrypt(token.encode()).decode()
    except InvalidToken:
        raise MissingKeyError("contact details cannot be decrypted with the current key") from None


def lookup_hash(value: str | None) -> str | None:
    """A keyed hash of a phone or email, so erasure can find a person without decrypting every
    row. Keyed with the encryption key, so the hashes cannot be matched against a list of numbers."""
    if not value:
        return None
    import hashlib
    import hmac

    normalised = "".join(value.lower().split())
    return hmac.new(load_key(), normalised.encode(), hashlib.sha256).hexdigest()


EVENT_PREFIX = "enc1:"
"""Marks an encrypted `events.data` value: enc1: + base64(12-byte nonce + AES-256-GCM ciphertext)."""


class EventCipher:
    """Encrypts the `data` column of Rasa's `events` table (the whole serialised event: what the
    person typed, the bot's replies, slot values, parse data).

    AES-256-GCM with a key derived by HKDF-SHA256 from the leads key, so the tracker and the
    leads share one secret but never one key. The conversation id is the associated data: a row
    copied into another conversation does not decrypt. A value without the prefix is read as
    plain JSON (rows written before encryption; the retention purge removes them)."""

    def __init__(self, key: bytes) -> None:
        self._aead = _events_aead(key)

    def encrypt(self, data: str, sender_id: str) -> str:
        nonce = os.urandom(12)
        sealed = self._aead.encrypt(nonce, data.encode(), sender_id.encode())
        return EVENT_PREFIX + base64.b64encode(nonce + sealed).decode("ascii")

    def decrypt(self, stored: str, sender_id: str) -> str:
        if not stored.startswith(EVENT_PREFIX):
            return stored
        raw = base64.b64decode(stored[len(EVENT_PREFIX) :])
        try:
            return self._aead.decrypt(raw[:12], raw[12:], sender_id.encode()).decode()
        except InvalidTag:
            raise MissingKeyError(
                "a stored conversation event cannot be decrypted with the current key"
            ) from None


def event_cipher() -> EventCipher:
    return EventCipher(load_key())


@functools.lru_cache(maxsize=4)
def _events_aead(key: bytes) -> AESGCM:
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"prescreen rasa tracker events v1"
    ).derive(key)
    return AESGCM(derived)


ACTION_SECRET_HEADER = "X-Prescreen-Action-Secret"
"""The header Rasa sends the shared secret in (endpoints.yml) and the action server checks."""


def action_secret() -> str:
    """The secret Rasa shows the action server on every call: PRESCREEN_ACTION_SECRET when set, else
    derived from the encryption key (HKDF, its own label), so a deployment has one secret to manage
    and the derived value reveals nothing about the key."""
    given = os.environ.get("PRESCREEN_ACTION_SECRET", "").strip()
    if given:
        return given
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"prescreen action server secret v1"
    ).derive(load_key())
    return derived.hex()


if __name__ == "__main__":  # `python -m bot.leads.crypto action-secret`, for scripts/run.sh
    import sys

    if sys.argv[1:] != ["action-secret"]:
        raise SystemExit("usage: python -m bot.leads.crypto action-secret")
    print(action_secret())

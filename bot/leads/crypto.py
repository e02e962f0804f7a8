"""Encryption of contact details at rest (Fernet, from `cryptography`).

The key comes from PRESCREEN_ENCRYPTION_KEY. Outside production, a local key is created once in
var/local-encryption.key so `make run` works out of the box; in production (PRESCREEN_ENV=production)
a missing key is a clear error, never a silent fallback.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

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
        LOCAL_KEY_FILE.write_bytes(Fernet.generate_key())
        LOCAL_KEY_FILE.chmod(0o600)
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

"""The action server's door (rasa_addons/action_server.py) and the secret both sides share."""

from __future__ import annotations

from cryptography.fernet import Fernet

from bot.leads.crypto import action_secret
from rasa_addons.action_server import SharedSecretCheck


def test_the_secret_is_derived_from_the_key_and_is_not_the_key(monkeypatch):
    key = Fernet.generate_key().decode()
    monkeypatch.delenv("PRESCREEN_ACTION_SECRET", raising=False)
    monkeypatch.setenv("PRESCREEN_ENCRYPTION_KEY", key)
    first = action_secret()
    assert first == action_secret() and len(first) == 64
    assert key not in first and first not in key
    monkeypatch.setenv("PRESCREEN_ENCRYPTION_KEY", Fernet.generate_key().decode())
    assert action_secret() != first


def test_a_secret_set_for_the_deployment_wins(monkeypatch):
    monkeypatch.setenv("PRESCREEN_ACTION_SECRET", "set-by-the-deployment")
    assert action_secret() == "set-by-the-deployment"


def test_only_the_health_check_is_open_without_the_secret():
    door = SharedSecretCheck("s3cret")
    assert door.allows("/health", None)
    assert door.allows("/webhook", "s3cret")
    for shown in (None, "", "s3cre", "s3cret ", "S3CRET", "s3cret" * 2):
        assert not door.allows("/webhook", shown)
        assert not door.allows("/actions", shown)

"""Helpers for action tests: a real rasa_sdk Tracker and CollectingDispatcher, and the real domain.

The domain is loaded from domain.yml, so its form lists the required slots; without them the
form's validation would silently do nothing.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
import yaml
from cryptography.fernet import Fernet
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-21"


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    loaded = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    assert loaded["forms"]["prescreen_form"]["required_slots"], "the form must list its required slots"
    return loaded


@pytest.fixture(autouse=True)
def pinned_today_and_private_database(monkeypatch, tmp_path):
    monkeypatch.setenv("PRESCREEN_TODAY", TODAY)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'leads.db'}")
    monkeypatch.setenv("PRESCREEN_ENCRYPTION_KEY", Fernet.generate_key().decode())


def make_tracker(
    slots: dict[str, Any] | None = None,
    text: str = "",
    intent: str = "inform",
    fill: dict[str, Any] | None = None,
    requested_slot: str | None = None,
    sender: str = "test-conversation",
) -> Tracker:
    """A tracker whose latest user message is `text`; `fill` holds the slots that message filled
    (what the form would validate)."""
    all_slots = {"requested_slot": requested_slot, **(slots or {})}
    for name, value in (fill or {}).items():
        all_slots[name] = value
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.99}, "entities": []}
    events = [{"event": "user", "text": text, "parse_data": latest}]
    events += [{"event": "slot", "name": n, "value": v} for n, v in (fill or {}).items()]
    return Tracker(
        sender_id=sender,
        slots=all_slots,
        latest_message=latest,
        events=events,
        paused=False,
        followup_action=None,
        active_loop={"name": "prescreen_form"} if requested_slot else {},
        latest_action_name="action_listen",
    )


def run(action, tracker: Tracker, domain: dict[str, Any]) -> tuple[list[dict], CollectingDispatcher]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, domain))
    return events, dispatcher


def slot_events(events: list[dict]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def responses(dispatcher: CollectingDispatcher) -> list[str]:
    return [m.get("response") for m in dispatcher.messages]

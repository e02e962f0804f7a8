"""What encrypting Rasa's events costs per turn (a benchmark, not a test).

The tracker store endpoints.yml names (rasa_addons/tracker_store.py) on a temporary SQLite file,
with events shaped like the assistant's (a user message with its parse data and intent ranking, the
form's slots, the growing `answers` slot, a question with buttons), turn by turn as Rasa drives it:
retrieve, add the turn's events, save. Also the cold path: a conversation rebuilt from the
database (another Rasa process, or after a restart). Each is run with the events' `data` encrypted
(as shipped) and with a pass-through cipher (as before), and prints milliseconds per turn.

    .venv/bin/python -m bench.tracker_store_crypto [--conversations 30] [--turns 40]

A throwaway key and database; nothing else is touched.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from unittest import mock

from cryptography.fernet import Fernet

INTENTS = [f"intent_{i}" for i in range(24)]


class _PassThrough:
    def encrypt(self, data: str, sender_id: str) -> str:
        return data

    def decrypt(self, stored: str, sender_id: str) -> str:
        return stored


def _turn_events(turn: int, answers: dict) -> list:
    from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SlotSet, UserUttered

    text = f"my platelets were {70 + turn} last week, and I'm tired most days"
    ranking = [{"name": name, "confidence": 1 / (i + 2)} for i, name in enumerate(INTENTS[:10])]
    parse = {"intent": ranking[0], "intent_ranking": ranking, "entities": [], "text": text}
    answers[f"fact_{turn}"] = {
        "value": 70 + turn,
        "unit": "10^9/L",
        "said": text,
        "how": "typed",
        "question": "What was your most recent platelet count?",
    }
    buttons = [{"title": t, "payload": f'/inform{{"x": "{t}"}}'} for t in ("Yes", "No", "I don't know")]
    return [
        UserUttered(text, intent=ranking[0], parse_data=parse),
        ActionExecuted("prescreen_form", policy="RulePolicy", confidence=1.0),
        SlotSet("current_answer", None),
        SlotSet("answers", dict(answers)),
        SlotSet("requested_slot", "current_answer"),
        ActiveLoop("prescreen_form"),
        BotUttered("Have you had a platelet transfusion in the last 3 days?", {"buttons": buttons}),
        ActionExecuted("action_listen", policy="RulePolicy", confidence=1.0),
    ]


async def _converse(store, sender: str, turns: int) -> list[float]:  # noqa: ANN001
    from rasa.shared.core.trackers import DialogueStateTracker

    took = []
    answers: dict = {}
    for turn in range(turns):
        start = time.perf_counter()
        tracker = await store.retrieve(sender) or DialogueStateTracker(sender, slots=store.domain.slots)
        for event in _turn_events(turn, answers):
            tracker.update(event)
        await store.save(tracker)
        took.append(time.perf_counter() - start)
    return took


def _store():  # noqa: ANN202
    from rasa.shared.core.domain import Domain

    from rasa_addons.tracker_store import PrescreenTrackerStore

    domain = Domain.from_dict(
        {
            "slots": {
                name: {"type": "any", "mappings": [{"type": "custom"}]}
                for name in ("answers", "current_answer", "requested_slot")
            }
        }
    )
    return PrescreenTrackerStore(domain=domain, host=os.environ["DATABASE_URL"])


def measure(conversations: int, turns: int, encrypted: bool) -> tuple[float, float]:
    """(ms per turn, warm; ms per turn, conversation rebuilt from the database)"""
    patch = mock.patch("rasa_addons.tracker_store.event_cipher", _PassThrough) if not encrypted else None
    if patch:
        patch.start()
    try:
        store = _store()
        warm: list[float] = []
        senders = []
        for _ in range(conversations):
            sender = f"bench-{uuid.uuid4().hex}"
            senders.append(sender)
            warm += asyncio.run(_converse(store, sender, turns))
        cold_store = _store()
        cold_store._cache_size = 0
        cold = []
        for sender in senders:
            start = time.perf_counter()
            asyncio.run(cold_store.retrieve(sender))
            cold.append(time.perf_counter() - start)
        store.engine.dispose()
        cold_store.engine.dispose()
    finally:
        if patch:
            patch.stop()
    return statistics.median(warm) * 1000, statistics.median(cold) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--conversations", type=int, default=30)
    parser.add_argument("--turns", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'bench.db'}"
        os.environ["PRESCREEN_ENCRYPTION_KEY"] = Fernet.generate_key().decode()
        results: dict[bool, list[tuple[float, float]]] = {False: [], True: []}
        for _ in range(args.rounds):  # alternate, so drift on a shared machine hits both alike
            for encrypted in (False, True):
                results[encrypted].append(measure(args.conversations, args.turns, encrypted))
    print(f"{args.conversations} conversations x {args.turns} turns, median of {args.rounds} rounds")
    print(f"{'events data':<14}{'ms/turn (retrieve+save)':>26}{'ms to rebuild at the end':>28}")
    for encrypted, label in ((False, "plain JSON"), (True, "AES-256-GCM")):
        warm = statistics.median(r[0] for r in results[encrypted])
        cold = statistics.median(r[1] for r in results[encrypted])
        print(f"{label:<14}{warm:>26.3f}{cold:>28.3f}")


if __name__ == "__main__":
    main()

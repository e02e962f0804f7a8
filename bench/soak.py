"""Does the stack hold up over many conversations and much hostile input? (a soak benchmark, not a test)

Starts our stack as bench.load_rest does, then:

1. sends `--fuzz` random and hostile messages (the generator of tests/e2e/test_hostile_input.py, a
   fixed seed) across many senders, and counts server errors (5xx), empty replies, clear refusals
   (400/413) and timeouts; each fuzzed conversation must then still answer "start over" (not stuck);
2. runs whole scripted conversations, `--concurrency` at a time, and prints after every block how
   many have run, Rasa's and the action server's resident memory, and the block's latency. A leak
   shows as RSS that keeps growing block after block; a cache shows as growth that stops;
3. counts the leads in the database against the leads the finished conversations should have left:
   lost and duplicated leads must both be 0.

    .venv/bin/python -m bench.soak                                  # 10 000 fuzzed, 10 000 conversations
    .venv/bin/python -m bench.soak --fuzz 2000 --conversations 3000 --block 500
    .venv/bin/python -m bench.soak --fuzz 0 --conversations 400 --block 200 --concurrency 200
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

import aiohttp

from bench.load_rest import PERSONAS, Processes, Tally, drive, our_talk, percentile, start_ours

FUZZ_SEED = 20261203
FUZZ_SENDERS = 50


def fuzz_messages(rng: random.Random, count: int) -> list[object]:
    from tests.e2e.test_hostile_input import fuzz_messages as one_round

    out: list[object] = []
    while len(out) < count:
        out += one_round(rng)
    return out[:count]


async def fuzz(base_url: str, count: int, concurrency: int) -> Counter[str]:
    """Send `count` fuzzed messages; return how each was answered, and whether each sender could
    still start over afterwards."""
    rng = random.Random(FUZZ_SEED)
    senders = [f"fuzz-{uuid.uuid4().hex[:12]}" for _ in range(FUZZ_SENDERS)]
    outcome: Counter[str] = Counter()
    gate = asyncio.Semaphore(concurrency)
    url = f"{base_url}/webhooks/rest/webhook"
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as session:

        async def one(sender: str, message: object) -> None:
            async with gate:
                try:
                    async with session.post(url, json={"sender": sender, "message": message}) as resp:
                        body = await resp.text()
                        if resp.status >= 500:
                            outcome["server error (5xx)"] += 1
                        elif resp.status in (400, 413):
                            outcome["refused with a reason (400/413)"] += 1
                        elif resp.status == 200 and any(m.get("text", "").strip() for m in json.loads(body)):
                            outcome["answered"] += 1
                        else:
                            outcome[f"empty or odd reply ({resp.status})"] += 1
                except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
                    outcome["timeout or broken connection"] += 1

        messages = fuzz_messages(rng, count)
        await asyncio.gather(*(one(rng.choice(senders), m) for m in messages))
        for sender in senders:  # nobody is stuck: "start over" still gets a reply
            async with session.post(url, json={"sender": sender, "message": "start over"}) as resp:
                replies = [m.get("text", "") for m in (await resp.json(content_type=None) or [])]
                outcome[
                    "stuck after fuzzing" if not any(r.strip() for r in replies) else "start over works"
                ] += 1
    return outcome


def leads_in(database_url: str, prefix: str) -> Counter[tuple[str, str]]:
    """Leads per (conversation, trial), for conversations whose id starts with `prefix`."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    with engine.connect() as db:
        rows = db.execute(
            text("SELECT conversation_id, trial_id FROM leads WHERE conversation_id LIKE :p"),
            {"p": f"{prefix}%"},
        )
        return Counter((row[0], row[1]) for row in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fuzz", type=int, default=10_000, help="fuzzed messages first (0: none)")
    parser.add_argument("--conversations", type=int, default=10_000)
    parser.add_argument("--block", type=int, default=1_000)
    parser.add_argument("--concurrency", type=int, default=10)
    args = parser.parse_args()
    procs, workdir = Processes(), Path(tempfile.mkdtemp(prefix="bench-soak-"))
    try:
        rasa, actions = start_ours(procs, workdir, "sql")
        asyncio.run(drive(rasa.base_url, our_talk(), 1, 1, "soak-warmup", time.monotonic() + 300))
        print(f"after warm-up: Rasa {rasa.rss_mb():.0f} MB, actions {actions.rss_mb():.0f} MB", flush=True)
        if args.fuzz:
            started = time.monotonic()
            outcome = asyncio.run(fuzz(rasa.base_url, args.fuzz, args.concurrency))
            print(f"\n{args.fuzz} fuzzed messages in {time.monotonic() - started:.0f} s:")
            for kind, n in sorted(outcome.items()):
                print(f"  {kind}: {n}")
            print(f"  Rasa {rasa.rss_mb():.0f} MB, actions {actions.rss_mb():.0f} MB\n", flush=True)
        print("| conversations | unfinished | errors | p50 ms | p95 ms | Rasa RSS MB | actions RSS MB |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        done, finished_by_persona = 0, Counter()
        run_id = uuid.uuid4().hex[:6]
        while done < args.conversations:
            block = min(args.block, args.conversations - done)
            tally: Tally = asyncio.run(
                drive(
                    rasa.base_url,
                    our_talk(),
                    args.concurrency,
                    block,
                    f"soak{run_id}-{done}",
                    time.monotonic() + 3600,
                )
            )
            done += block
            finished_by_persona.update(tally.finished_indices)
            print(
                f"| {done} | {tally.unfinished} | {sum(tally.errors.values())} | "
                f"{percentile(tally.latencies_ms, 50):.0f} | {percentile(tally.latencies_ms, 95):.0f} | "
                f"{rasa.rss_mb():.0f} | {actions.rss_mb():.0f} |",
                flush=True,
            )
        people = PERSONAS["en"]
        expected = sum(len(people[i % len(people)].lead_trials) * n for i, n in finished_by_persona.items())
        stored = leads_in(f"sqlite:///{workdir / 'prescreen.db'}", f"soak{run_id}-")
        duplicated = sum(n - 1 for n in stored.values() if n > 1)  # one lead per conversation and trial
        print(f"\nleads: expected {expected}, stored {sum(stored.values())}, "
              f"lost {max(expected - len(stored), 0)}, duplicated {duplicated}")  # fmt: skip
    finally:
        procs.stop_all()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

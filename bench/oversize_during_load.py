"""Does an oversized message hold up other people? (a benchmark, not a test)

Starts our stack as bench.load_rest does, then runs the same 10-conversation load three times:
alone, with one 1 MB message sent in the middle of it, and with fifty 2 000-character messages
(the largest that is read) sent while it runs. Prints the load's latency percentiles for each run,
what the oversized requests got back and how long they took.

    .venv/bin/python -m bench.oversize_during_load
    .venv/bin/python -m bench.oversize_during_load --conversations 20 --concurrency 10
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import tempfile
import time
import uuid
from pathlib import Path

import aiohttp

from bench.load_rest import Processes, drive, our_talk, percentile, start_ours
from bot.inbound import MAX_TEXT_CHARS


async def send_raw(url: str, body: bytes) -> tuple[int, float]:
    started = time.perf_counter()
    headers = {"Content-Type": "application/json"}
    async with aiohttp.ClientSession() as session, session.post(url, data=body, headers=headers) as resp:
        await resp.read()
        return resp.status, time.perf_counter() - started


async def run(base_url: str, concurrency: int, conversations: int, extra: str) -> dict:
    url = f"{base_url}/webhooks/rest/webhook"
    deadline = time.monotonic() + 600
    load = asyncio.create_task(
        drive(base_url, our_talk(), concurrency, conversations, f"oversize-{len(extra)}", deadline)
    )
    side: list[tuple[int, float]] = []
    if extra == "1 MB message":
        await asyncio.sleep(2)
        body = json.dumps({"sender": f"big-{uuid.uuid4().hex}", "message": "x" * 1024 * 1024}).encode()
        side.append(await send_raw(url, body))
    elif extra == "50 x 2 000 characters":
        for _ in range(50):
            text = "my platelets were low " * (MAX_TEXT_CHARS // 22)
            body = json.dumps(
                {"sender": f"long-{uuid.uuid4().hex}", "message": text[:MAX_TEXT_CHARS]}
            ).encode()
            side.append(await send_raw(url, body))
    tally = await load
    return {
        "run": extra,
        "messages": len(tally.latencies_ms),
        "errors": sum(tally.errors.values()),
        "error_kinds": dict(tally.errors),
        "p50_ms": percentile(tally.latencies_ms, 50),
        "p95_ms": percentile(tally.latencies_ms, 95),
        "max_ms": max(tally.latencies_ms or [0]),
        "side": side,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--conversations", type=int, default=20)
    args = parser.parse_args()
    procs, workdir = Processes(), Path(tempfile.mkdtemp(prefix="bench-oversize-"))
    try:
        rasa, _actions = start_ours(procs, workdir, "sql")
        asyncio.run(drive(rasa.base_url, our_talk(), 1, 1, "warmup", time.monotonic() + 300))
        print("| run | messages | errors | p50 ms | p95 ms | max ms | oversized: status, seconds |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for extra in ("alone", "1 MB message", "50 x 2 000 characters"):
            r = asyncio.run(run(rasa.base_url, args.concurrency, args.conversations, extra))
            statuses = sorted({status for status, _ in r["side"]})
            slowest = max((seconds for _, seconds in r["side"]), default=0)
            side = f"{statuses}, slowest {slowest:.2f} s" if r["side"] else "-"
            print(
                f"| {r['run']} | {r['messages']} | {r['errors']} | {r['p50_ms']:.0f} | "
                f"{r['p95_ms']:.0f} | {r['max_ms']:.0f} | {side} |"
                + (f" {r['error_kinds']}" if r["errors"] else ""),
                flush=True,
            )
    finally:
        procs.stop_all()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

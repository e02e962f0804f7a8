"""Does memory stay flat over many conversations? (a soak benchmark, not a test)

Starts our stack as bench.load_rest does, then runs whole scripted conversations (10 at a time by
default) and prints, after every block, how many conversations have run, Rasa's and the action
server's resident memory, and the block's latency. A leak shows as RSS that keeps growing block
after block; a cache shows as growth that stops.

    .venv/bin/python -m bench.soak                          # 10 000 conversations, blocks of 1 000
    .venv/bin/python -m bench.soak --conversations 2000 --block 250
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import tempfile
import time
from pathlib import Path

from bench.load_rest import Processes, drive, our_talk, percentile, start_ours


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conversations", type=int, default=10_000)
    parser.add_argument("--block", type=int, default=1_000)
    parser.add_argument("--concurrency", type=int, default=10)
    args = parser.parse_args()
    procs, workdir = Processes(), Path(tempfile.mkdtemp(prefix="bench-soak-"))
    try:
        rasa, actions = start_ours(procs, workdir, "sql")
        asyncio.run(drive(rasa.base_url, our_talk(), 1, 1, "soak-warmup", time.monotonic() + 300))
        print(f"after warm-up: Rasa {rasa.rss_mb():.0f} MB, actions {actions.rss_mb():.0f} MB", flush=True)
        print("| conversations | unfinished | errors | p50 ms | p95 ms | Rasa RSS MB | actions RSS MB |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        done = 0
        while done < args.conversations:
            block = min(args.block, args.conversations - done)
            tally = asyncio.run(
                drive(
                    rasa.base_url,
                    our_talk(),
                    args.concurrency,
                    block,
                    f"soak-{done}",
                    time.monotonic() + 3600,
                )
            )
            done += block
            print(
                f"| {done} | {tally.unfinished} | {sum(tally.errors.values())} | "
                f"{percentile(tally.latencies_ms, 50):.0f} | {percentile(tally.latencies_ms, 95):.0f} | "
                f"{rasa.rss_mb():.0f} | {actions.rss_mb():.0f} |",
                flush=True,
            )
    finally:
        procs.stop_all()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

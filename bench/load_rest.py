"""Load benchmark of whole conversations over the REST channel (a benchmark, not a test).

Starts our stack on free loopback ports (action server + `rasa run` on models/current, SQL tracker
store and leads database in a temp dir), then drives complete pre-screening conversations with
asyncio + aiohttp at several concurrency levels: each simulated person says hi, consents, picks a
study, answers every question (recognised by its wording), gives contact details and confirms.
It does the same with Rasa's stock starter bot (`rasa init`, the moodbot) for comparison, and
prints messages/s, latency percentiles, errors, RSS and model load time for each.

    .venv/bin/python -m bench.load_rest                       # ours + starter at 1, 10, 50
    .venv/bin/python -m bench.load_rest --skip-starter --levels 1,10 --conversations 5,20
    .venv/bin/python -m bench.load_rest --json results.json --max-minutes 10 --keep
    REDIS_URL=redis://127.0.0.1:6379/3 .venv/bin/python -m bench.load_rest --rasa-workers 2
    .venv/bin/python -m bench.load_rest --skip-starter --language zh   # the same people in Chinese

`--levels` are concurrent conversations; `--conversations` how many conversations each level
runs (1 -> 5 sequential ones by default). One warm-up conversation per stack is not counted.
Latency is measured per request (POST to reply). An error is a non-200 answer, a failed request
or an empty reply (the kinds are listed under the table); "unfinished" counts conversations that
did not reach a goodbye. "cpu/msg" and "act/msg" are the CPU time the Rasa and the action server
used during the level divided by its messages: unlike latency, they hardly change when other
work competes for the CPUs, which "ldavg" (the machine's load average) shows. Both stacks use
the SQL tracker store (`--tracker memory` for neither). Every process started here is stopped on
exit (also on Ctrl-C) and the temp dir removed (`--keep` keeps it, with the server logs).
The scripted people repeat their texts, so after the warm-up our sentence encoder answers from its
cache; `--no-encoder-cache` encodes every message anew (10-40 ms each here), as for people who all word
things differently. `--rasa-workers 2` runs our Rasa as two worker processes (SANIC_WORKERS), with
the Redis lock store REDIS_URL names (rasa_addons/lock_store.py); RSS and CPU are then summed over
the workers.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import aiohttp
import yaml

from tests.personas import CHINESE_PERSONAS, CONTACT, asked_fact, by_name

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-11-21"
STARTUP_TIMEOUT_S = 180
TRAIN_TIMEOUT_S = 900
REQUEST_TIMEOUT_S = 60
MAX_TURNS = 80
TARGETS = "targets (issue): >= 75 msg/s; p50 <= 20 ms with 1 conversation; p95 <= 150 ms at 10 concurrent"


# --- processes -----------------------------------------------------------------------------------


@dataclass
class Server:
    name: str
    proc: subprocess.Popen
    log_path: Path
    base_url: str = ""
    started: float = field(default_factory=time.monotonic)
    load_seconds: float = 0.0

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def pids(self) -> list[int]:
        """The server's process and its children (Rasa's worker processes with SANIC_WORKERS)."""
        parents: dict[int, int] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
        tree, frontier = [self.proc.pid], [self.proc.pid]
        while frontier:
            frontier = [pid for pid, parent in parents.items() if parent in frontier]
            tree += frontier
        return tree

    def _proc_status(self, key: str) -> float:
        """A /proc/<pid>/status memory field in MB, summed over the process tree (0 without /proc)."""
        total = 0.0
        for pid in self.pids():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith(key + ":"):
                        total += int(line.split()[1]) / 1024
            except OSError:
                pass
        return total

    def rss_mb(self) -> float:
        return self._proc_status("VmRSS")

    def peak_rss_mb(self) -> float:
        return self._proc_status("VmHWM")

    def cpu_seconds(self) -> float:
        """utime + stime of the process tree (children only while they run, as workers do)."""
        total = 0.0
        for pid in self.pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            except (OSError, IndexError, ValueError):
                pass
        return total


class Processes:
    """Every process this script starts, each in its own session so its group can be signalled."""

    def __init__(self) -> None:
        self.procs: list[subprocess.Popen] = []

    def spawn(self, name: str, cmd: list[str], cwd: Path, env: dict[str, str], logs: Path) -> Server:
        log_path = logs / f"{name}.log"
        with open(log_path, "wb") as log:
            proc = subprocess.Popen(
                cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.procs.append(proc)
        return Server(name, proc, log_path)

    def run(self, name: str, cmd: list[str], cwd: Path, env: dict[str, str], logs: Path) -> None:
        """Run a command to completion (killed on timeout or Ctrl-C like the servers)."""
        server = self.spawn(name, cmd, cwd, env, logs)
        try:
            code = server.proc.wait(timeout=TRAIN_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            code = None
        if code != 0:
            raise RuntimeError(f"{name} failed ({code}):\n{server.log_tail()}")

    def stop(self, proc: subprocess.Popen) -> None:
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
            except ProcessLookupError:
                pass

    def stop_all(self) -> None:
        while self.procs:
            self.stop(self.procs.pop())


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(server: Server, health_path: str) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise RuntimeError(f"{server.name} exited with {server.proc.returncode}:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(server.base_url + health_path, timeout=2) as resp:
                if resp.status == 200:
                    server.load_seconds = time.monotonic() - server.started
                    return
        except OSError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"{server.name} not ready after {STARTUP_TIMEOUT_S} s:\n{server.log_tail()}")


def base_env(workdir: Path) -> dict[str, str]:
    from cryptography.fernet import Fernet

    env = dict(os.environ)
    env.update(
        RASA_TELEMETRY_ENABLED="false",
        TF_CPP_MIN_LOG_LEVEL="2",
        SQLALCHEMY_SILENCE_UBER_WARNING="1",
        DATABASE_URL=f"sqlite:///{workdir / 'prescreen.db'}",
        PRESCREEN_ENCRYPTION_KEY=Fernet.generate_key().decode(),
        PRESCREEN_TODAY=TODAY,
    )
    return env


def ours_endpoints() -> dict:
    return yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))


def ours_tracker_store_type() -> str:
    return ours_endpoints()["tracker_store"]["type"]


def start_rasa(
    procs: Processes, name: str, model: Path, cwd: Path, workdir: Path, env: dict[str, str], tracker: str,
    action_url: str | None = None,
) -> Server:  # fmt: skip
    settings: dict = {}
    if action_url:
        # Our stack: endpoints.yml's action endpoint with its options, on the benchmark's port,
        # and its lock store (in memory, or Redis with REDIS_URL for several workers).
        settings["action_endpoint"] = {**ours_endpoints()["action_endpoint"], "url": action_url}
        settings["lock_store"] = ours_endpoints()["lock_store"]
    if tracker == "sql":
        # Our stack as endpoints.yml sets it up: its tracker store class (Rasa's SQL store plus our
        # rules and cache) in the leads database. The starter bot: Rasa's SQL store, its own file.
        if cwd == ROOT:
            settings["tracker_store"] = {"type": ours_tracker_store_type(), "url": env["DATABASE_URL"]}
        else:
            db = workdir / f"{name}-tracker.db"
            settings["tracker_store"] = {"type": "SQL", "url": f"sqlite:///{db}"}
    endpoints = workdir / f"{name}-endpoints.yml"
    endpoints.write_text(yaml.safe_dump(settings))
    port = free_port()
    cmd = [
        sys.executable, "-m", "rasa", "run", "--model", str(model), "--credentials", "credentials.yml",
        "--endpoints", str(endpoints), "--interface", "127.0.0.1", "--port", str(port),
    ]  # fmt: skip
    server = procs.spawn(name, cmd, cwd, env, workdir)
    server.base_url = f"http://127.0.0.1:{port}"
    wait_ready(server, "/webhooks/rest/")
    return server


def start_ours(
    procs: Processes, workdir: Path, tracker: str, workers: int = 1, encoder_cache: bool = True
) -> tuple[Server, Server]:
    if not (ROOT / "models" / "current").exists():
        subprocess.run(["bash", str(ROOT / "scripts" / "train.sh")], cwd=ROOT, check=True)
    model = (ROOT / "models" / "current").resolve()
    print(f"ours: model {model.name}", flush=True)
    env = base_env(workdir)
    if workers > 1:  # Rasa worker processes; rasa_addons/lock_store.py uses Redis (REDIS_URL)
        env["SANIC_WORKERS"] = str(workers)
    if not encoder_cache:  # every message encoded anew, as if no one had said it before
        env["PRESCREEN_ENCODER_CACHE"] = "0"
    port = free_port()
    cmd = [sys.executable, "-m", "rasa_addons.action_server", "--actions", "actions", "--port", str(port)]
    actions = procs.spawn("actions", cmd, ROOT, env, workdir)
    actions.base_url = f"http://127.0.0.1:{port}"
    wait_ready(actions, "/health")
    rasa = start_rasa(procs, "rasa", model, ROOT, workdir, env, tracker, f"{actions.base_url}/webhook")
    return rasa, actions


def train_starter(procs: Processes, workdir: Path) -> tuple[Path, Path]:
    """`rasa init --no-prompt` (which trains too); returns the project dir and its model."""
    project = workdir / "starter"
    project.mkdir()
    env = base_env(workdir)
    started = time.monotonic()
    cmd = [sys.executable, "-m", "rasa", "init", "--no-prompt", "--init-dir", str(project)]
    procs.run("starter-init", cmd, workdir, env, workdir)
    if not list((project / "models").glob("*.tar.gz")):
        procs.run("starter-train", [sys.executable, "-m", "rasa", "train"], project, env, workdir)
    model = max((project / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    print(f"starter bot created and trained in {time.monotonic() - started:.0f} s", flush=True)
    return project, model


# --- conversations -------------------------------------------------------------------------------


# The e2e tests' scripted people (tests/personas.py): one who fits XJ-MK-002, one who answers the
# CAR-T study's many questions, and one who says "I don't know" to most.
PERSONAS = {
    "en": [
        by_name("xj likely eligible, typed in plain words"),
        by_name("car-t likely eligible"),
        by_name("someone who says I don't know a lot"),
    ],
    # The same people writing Chinese (--language zh): the Chinese NLU model and answer reading.
    "zh": [
        next(p for p in CHINESE_PERSONAS if p.name == "xj likely eligible, in Chinese"),
        next(p for p in CHINESE_PERSONAS if p.name == "car-t likely eligible, in Chinese"),
        next(p for p in CHINESE_PERSONAS if p.name == "caregiver for her father, both studies, in Chinese"),
    ],
}
GOODBYES = [
    "utter_lead_saved",
    "utter_no_contact_goodbye",
    "utter_not_eligible_goodbye",
    "utter_consent_declined",
]


def goodbye_patterns() -> list[re.Pattern[str]]:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    patterns = []
    for name in GOODBYES:
        for variant in domain["responses"].get(name, []):
            if "text" in variant:
                pattern = re.sub(r"\\\{[a-z_]+\\\}", ".*", re.escape(variant["text"].strip()))
                patterns.append(re.compile(pattern, re.S))
    return patterns


@dataclass
class Tally:
    latencies_ms: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)  # kind -> count
    finished: int = 0
    unfinished: int = 0
    finished_indices: Counter[int] = field(default_factory=Counter)  # which scripted person finished


class Client:
    def __init__(self, session: aiohttp.ClientSession, base_url: str, tally: Tally) -> None:
        self.session, self.url, self.tally = session, f"{base_url}/webhooks/rest/webhook", tally

    async def say(self, sender: str, text: str) -> list[str]:
        started, body, error = time.perf_counter(), None, "empty reply"
        try:
            async with self.session.post(self.url, json={"sender": sender, "message": text}) as resp:
                if resp.status == 200:
                    body = await resp.json(content_type=None)
                else:
                    error = f"HTTP {resp.status}"
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as exc:
            error = type(exc).__name__
        self.tally.latencies_ms.append((time.perf_counter() - started) * 1000)
        replies = [m["text"] for m in body or [] if "text" in m]
        if not replies:
            self.tally.errors[error] += 1
        return replies


Talk = Callable[[Client, str, int], Awaitable[bool]]  # (client, sender, index) -> reached a goodbye?


def our_talk(language: str = "en") -> Talk:
    goodbyes = goodbye_patterns()
    people = PERSONAS[language]

    def is_goodbye(replies: list[str]) -> bool:
        return any(p.fullmatch(r.strip()) for r in replies for p in goodbyes)

    async def talk(client: Client, sender: str, index: int) -> bool:
        persona = people[index % len(people)]
        replies = await client.say(sender, "你好" if persona.language == "zh" else "hi")
        for line in persona.opening:
            replies = await client.say(sender, line)
        contact = list(persona.contact or CONTACT)
        for _ in range(MAX_TURNS):
            fact_id = asked_fact(replies[-1], persona) if replies else None
            if fact_id is not None:
                replies = await client.say(sender, persona.answers.get(fact_id, persona.dont_know))
            elif contact and not is_goodbye(replies):
                replies = await client.say(sender, contact.pop(0))
            else:
                break
        return is_goodbye(replies)

    return talk


def starter_talk(rounds: int) -> Talk:
    """The moodbot's "sad path 1" story, then goodbye, `rounds` times in one conversation."""

    async def talk(client: Client, sender: str, index: int) -> bool:
        replies: list[str] = []
        for _ in range(rounds):
            for line in ["hello there", "I am sad", "yes", "thanks, bye"]:
                replies = await client.say(sender, line)
        return any(r.strip() == "Bye" for r in replies)

    return talk


# --- load levels ---------------------------------------------------------------------------------


@dataclass
class Level:
    stack: str
    concurrency: int
    conversations: int
    finished: int
    unfinished: int
    messages: int
    errors: int
    error_kinds: dict[str, int]
    seconds: float
    msg_per_s: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    rasa_rss_mb: float
    rasa_peak_rss_mb: float
    rasa_cpu_ms_per_msg: float
    actions_cpu_ms_per_msg: float | None
    load_seconds: float
    load_avg: float  # the machine's 1-minute load average at the end of the level


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))]


async def drive(
    base_url: str, talk: Talk, concurrency: int, count: int, prefix: str, deadline: float
) -> Tally:
    """Run `count` conversations, `concurrency` at a time; start none after the deadline."""
    tally = Tally()
    gate = asyncio.Semaphore(concurrency)
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency), timeout=timeout) as s:
        client = Client(s, base_url, tally)

        async def one(index: int) -> None:
            async with gate:
                if time.monotonic() > deadline:
                    return
                if await talk(client, f"{prefix}-{index}-{uuid.uuid4().hex[:8]}", index):
                    tally.finished += 1
                    tally.finished_indices[index] += 1
                else:
                    tally.unfinished += 1

        await asyncio.gather(*(one(i) for i in range(count)))
    return tally


def bench_stack(
    stack: str, rasa: Server, actions: Server | None, talk: Talk, plan: list[tuple[int, int]],
    warmup: int, deadline: float,
) -> list[Level]:  # fmt: skip
    sender = re.sub(r"[^A-Za-z0-9_.:-]+", "-", stack).strip("-")  # a sender id the channel accepts
    if warmup:
        asyncio.run(drive(rasa.base_url, talk, 1, warmup, f"bench-{sender}-warmup", deadline))
    results = []
    for concurrency, count in plan:
        cpu_rasa, cpu_actions = rasa.cpu_seconds(), actions.cpu_seconds() if actions else 0.0
        started = time.perf_counter()
        prefix = f"bench-{sender}-c{concurrency}"
        tally = asyncio.run(drive(rasa.base_url, talk, concurrency, count, prefix, deadline))
        seconds = time.perf_counter() - started
        if not tally.latencies_ms:
            print(f"  {stack} c={concurrency}: skipped, --max-minutes reached", flush=True)
            continue
        lat = tally.latencies_ms
        n = max(1, len(lat))
        actions_cpu = (actions.cpu_seconds() - cpu_actions) * 1000 / n if actions else None
        level = Level(
            stack=stack,
            concurrency=concurrency,
            conversations=tally.finished + tally.unfinished,
            finished=tally.finished,
            unfinished=tally.unfinished,
            messages=len(lat),
            errors=sum(tally.errors.values()),
            error_kinds=dict(tally.errors),
            seconds=round(seconds, 2),
            msg_per_s=round(len(lat) / seconds, 1),
            p50_ms=round(percentile(lat, 50), 1),
            p95_ms=round(percentile(lat, 95), 1),
            p99_ms=round(percentile(lat, 99), 1),
            max_ms=round(max(lat, default=0.0), 1),
            rasa_rss_mb=round(rasa.rss_mb(), 0),
            rasa_peak_rss_mb=round(rasa.peak_rss_mb(), 0),
            rasa_cpu_ms_per_msg=round((rasa.cpu_seconds() - cpu_rasa) * 1000 / n, 1),
            actions_cpu_ms_per_msg=None if actions_cpu is None else round(actions_cpu, 1),
            load_seconds=round(rasa.load_seconds, 1),
            load_avg=round(os.getloadavg()[0], 1),
        )
        results.append(level)
        print(f"  {stack} c={concurrency}: {level.messages} msgs in {seconds:.1f} s", flush=True)
    return results


# --- report --------------------------------------------------------------------------------------


COLUMNS = [  # header, format spec (alignment and width), how to show a Level
    ("stack", "<8", lambda r: r.stack),
    ("conc", ">4", lambda r: r.concurrency),
    ("convs", ">5", lambda r: r.conversations),
    ("msgs", ">5", lambda r: r.messages),
    ("msg/s", ">6", lambda r: f"{r.msg_per_s:.1f}"),
    ("p50", ">6", lambda r: f"{r.p50_ms:.1f}"),
    ("p95", ">6", lambda r: f"{r.p95_ms:.1f}"),
    ("p99", ">6", lambda r: f"{r.p99_ms:.1f}"),
    ("max", ">6", lambda r: f"{r.max_ms:.0f}"),
    ("err", ">4", lambda r: r.errors),
    ("unfin", ">5", lambda r: r.unfinished),
    ("RSS MB", ">6", lambda r: f"{r.rasa_rss_mb:.0f}"),
    ("peak", ">5", lambda r: f"{r.rasa_peak_rss_mb:.0f}"),
    ("cpu/msg", ">7", lambda r: f"{r.rasa_cpu_ms_per_msg:.1f}"),
    (
        "act/msg",
        ">7",
        lambda r: "-" if r.actions_cpu_ms_per_msg is None else f"{r.actions_cpu_ms_per_msg:.1f}",
    ),
    ("load s", ">6", lambda r: f"{r.load_seconds:.1f}"),
    ("ldavg", ">5", lambda r: f"{r.load_avg:.1f}"),
]


def print_table(results: list[Level]) -> None:
    head = " ".join(f"{name:{spec}}" for name, spec, _ in COLUMNS)
    print("\n" + head + "\n" + "-" * len(head))
    for r in results:
        print(" ".join(f"{show(r)!s:{spec}}" for _, spec, show in COLUMNS))
    print("(latencies in ms; RSS of the Rasa process after the level and its peak so far;")
    print(" cpu/msg, act/msg: Rasa and action server CPU ms per message; load s: start -> health OK;")
    print(f" ldavg: machine 1-min load average, {os.cpu_count()} CPUs: above that, other work competes)")
    for r in results:
        if r.errors:
            print(f"errors {r.stack} c={r.concurrency}: {r.error_kinds}")
    print(TARGETS)
    ours = {r.concurrency: r for r in results if r.stack == "ours"}
    if ours:
        best = max(r.msg_per_s for r in ours.values())
        checks = [(f"best throughput {best:.1f} msg/s >= 75", best >= 75)]
        if 1 in ours:
            checks.append((f"p50 at 1 = {ours[1].p50_ms:.1f} ms <= 20", ours[1].p50_ms <= 20))
        if 10 in ours:
            checks.append((f"p95 at 10 = {ours[10].p95_ms:.1f} ms <= 150", ours[10].p95_ms <= 150))
        for text, ok in checks:
            print(f"  ours: {text}: {'met' if ok else 'MISSED'}")


def interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def parse_ints(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", type=parse_ints, default=[1, 10, 50], help="concurrent conversations")
    parser.add_argument("--conversations", type=parse_ints, default=[5, 20, 50], help="per level")
    parser.add_argument("--warmup", type=int, default=1, help="uncounted conversations per stack")
    parser.add_argument("--starter-rounds", type=int, default=5, help="mood stories per starter conversation")
    parser.add_argument("--skip-starter", action="store_true")
    parser.add_argument("--tracker", choices=["sql", "memory"], default="sql", help="tracker store (both)")
    parser.add_argument("--max-minutes", type=float, default=40, help="no conversation starts after this")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--language", choices=sorted(PERSONAS), default="en", help="the people's language")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (server logs)")
    parser.add_argument(
        "--rasa-workers",
        type=int,
        default=1,
        help="our Rasa's worker processes (more than 1 needs REDIS_URL)",
    )
    parser.add_argument(
        "--no-encoder-cache", action="store_true",
        help="our NLU encodes every message anew (the scripted people repeat their texts; real people vary)",
    )  # fmt: skip
    args = parser.parse_args()
    if args.rasa_workers > 1 and not os.environ.get("REDIS_URL"):
        parser.error(
            "--rasa-workers above 1 needs REDIS_URL (e.g. redis://127.0.0.1:6379/3) for the lock store"
        )
    if len(args.levels) != len(args.conversations):
        parser.error("--levels and --conversations need the same number of values")
    plan = list(zip(args.levels, args.conversations, strict=True))

    # SIGTERM stops like Ctrl-C does: through the finally below.
    signal.signal(signal.SIGTERM, interrupt)
    started = time.monotonic()
    deadline = started + args.max_minutes * 60
    workdir = Path(tempfile.mkdtemp(prefix="bench-load-rest-"))
    procs = Processes()
    results: list[Level] = []
    try:
        starter = None if args.skip_starter else train_starter(procs, workdir)
        rasa, actions = start_ours(procs, workdir, args.tracker, args.rasa_workers, not args.no_encoder_cache)
        print(
            f"ours: actions ready in {actions.load_seconds:.1f} s, rasa {rasa.load_seconds:.1f} s", flush=True
        )
        name = "ours" if args.language == "en" else f"ours ({args.language})"
        results += bench_stack(name, rasa, actions, our_talk(args.language), plan, args.warmup, deadline)
        procs.stop_all()
        if starter:
            project, model = starter
            rasa = start_rasa(procs, "starter", model, project, workdir, base_env(workdir), args.tracker)
            print(f"starter: rasa ready in {rasa.load_seconds:.1f} s", flush=True)
            talk = starter_talk(args.starter_rounds)
            results += bench_stack("starter", rasa, None, talk, plan, args.warmup, deadline)
    except KeyboardInterrupt:
        print("interrupted; stopping", file=sys.stderr)
    finally:
        procs.stop_all()
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    if results:
        print_table(results)
        notes = f"tracker store: {args.tracker}"
        notes += f"; our Rasa worker processes: {args.rasa_workers}" if args.rasa_workers > 1 else ""
        notes += "; our encoder cache: off" if args.no_encoder_cache else "; our encoder cache: on"
        print(f"total run time {time.monotonic() - started:.0f} s ({notes})")
        if args.json:
            args.json.write_text(json.dumps([asdict(r) for r in results], indent=2))


if __name__ == "__main__":
    main()

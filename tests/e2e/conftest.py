"""Fixtures that run a real Rasa server on loopback for end-to-end tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
import yaml

from bot.text import response_language
from tests.rasa_env import rasa_env

ROOT = Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT_S = 120
LOG_TAIL_LINES = 60


@dataclass
class RasaServer:
    base_url: str
    log_path: Path

    def log_tail(self, lines: int = LOG_TAIL_LINES) -> str:
        text = self.log_path.read_text(errors="replace")
        return "\n".join(text.splitlines()[-lines:])


def action_server_cmd(actions: str, port: int) -> list[str]:
    """The action server as scripts/run.sh starts it: rasa_sdk's, on loopback, behind the secret."""
    return [sys.executable, "-m", "rasa_addons.action_server", "--actions", actions, "--port", str(port)]


def pid_listening_on(port: int) -> int:
    """The pid of the process listening on 127.0.0.1:`port` (from /proc, no extra tools)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "0A":  # LISTEN
                inodes.add(fields[9])
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                target = os.readlink(f"/proc/{pid}/fd/{fd}")
                if target.startswith("socket:[") and target[8:-1] in inodes:
                    return int(pid)
        except OSError:
            continue
    raise LookupError(f"nothing listens on port {port}")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def domain() -> dict:
    with open(ROOT / "domain.yml", encoding="utf-8") as f:
        return yaml.safe_load(f)


@pytest.fixture(scope="session")
def response_texts(domain: dict):
    """Return a lookup: response name (and language) -> set of its texts, read from domain.yml:
    English ones are the variants without a condition, others those on the language slot."""

    def texts(name: str, language: str = "en") -> set[str]:
        variants = domain["responses"][name]
        found = {v["text"] for v in variants if "text" in v and response_language(v) == language}
        assert found, f"{name} has no text variants in domain.yml"
        return found

    return texts


@pytest.fixture(scope="session")
def rasa_model() -> Path:
    """The model to serve: models/current, trained first if missing or stale.

    scripts/train.sh is the same script `make train` runs; it returns at once
    when the model for the current data already exists.
    """
    subprocess.run(["bash", str(ROOT / "scripts" / "train.sh")], cwd=ROOT, check=True)
    model = (ROOT / "models" / "current").resolve()
    assert model.is_file(), f"no model at {model}"
    return model


@pytest.fixture(scope="session")
def e2e_workdir() -> Path:
    return Path(tempfile.mkdtemp(prefix="rasa-e2e-"))


@pytest.fixture(scope="session")
def e2e_env(e2e_workdir: Path) -> dict[str, str]:
    """The servers' environment: a throwaway database and key, and a pinned "today" so relative
    dates ("yesterday") give the same answers on every run."""
    from cryptography.fernet import Fernet

    from bot.leads import migrate

    env = rasa_env()
    env.update(
        DATABASE_URL=f"sqlite:///{e2e_workdir / 'prescreen.db'}",
        PRESCREEN_ENCRYPTION_KEY=Fernet.generate_key().decode(),
        PRESCREEN_TODAY=E2E_TODAY,
    )
    migrate.upgrade(env["DATABASE_URL"])  # as scripts/run.sh does before it starts the servers
    return env


E2E_TODAY = "2026-11-21"


@pytest.fixture(scope="module")
def leads_db(e2e_env, monkeypatch_module) -> str:
    """This process reads the servers' leads database (bot.leads uses DATABASE_URL)."""
    for key in ("DATABASE_URL", "PRESCREEN_ENCRYPTION_KEY"):
        monkeypatch_module.setenv(key, e2e_env[key])
    return e2e_env["DATABASE_URL"]


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


@pytest.fixture(scope="session")
def action_server(e2e_workdir: Path, e2e_env: dict[str, str]) -> Iterator[RasaServer]:
    """A real action server (`rasa run actions`) on a free loopback port."""
    port = _free_port()
    cmd = action_server_cmd("actions", port)
    with serving(cmd, port, "/health", e2e_workdir / "actions.log", e2e_env) as server:
        yield server


@pytest.fixture(scope="session")
def site_port() -> int:
    """The demo page's port, chosen before Rasa starts so Rasa can name its origin in --cors."""
    return _free_port()


@pytest.fixture(scope="session")
def rasa_server(
    rasa_model: Path, action_server: RasaServer, e2e_workdir: Path, e2e_env, site_port: int
) -> Iterator[RasaServer]:
    """A real `rasa run` (the REST and socket.io channels of credentials.yml, no HTTP API) on a
    free loopback port, talking to the real action server; as scripts/run.sh starts it."""
    with rasa_serving(rasa_model, action_server, e2e_env, e2e_workdir / "rasa.log", site_port) as server:
        yield server


@contextmanager
def rasa_serving(
    model: Path, action_server: RasaServer, env: dict[str, str], log_path: Path, site_port: int | None = None
) -> Iterator[RasaServer]:
    """`rasa run` with the real endpoints.yml, as scripts/run.sh starts it: ACTIONS_PORT points it at
    the action server, DATABASE_URL (in `env`) at the e2e database, and the lock store follows
    REDIS_URL and SANIC_WORKERS when `env` sets them."""
    port = _free_port()
    actions_port = action_server.base_url.rsplit(":", 1)[1]
    cmd = [
        sys.executable, "-m", "rasa", "run",
        "--model", str(model),
        "--credentials", "credentials.yml",
        "--endpoints", "endpoints.yml",
        "--interface", "127.0.0.1",
        "--port", str(port),
    ]  # fmt: skip
    if site_port is not None:
        cmd += ["--cors", f"http://127.0.0.1:{site_port}"]
    with serving(cmd, port, "/webhooks/rest/", log_path, {**env, "ACTIONS_PORT": actions_port}) as server:
        yield server


@contextmanager
def serving(
    cmd: list[str], port: int, health_path: str, log_path: Path, env: dict[str, str]
) -> Iterator[RasaServer]:
    """Start `cmd` (a server on 127.0.0.1:`port`), wait until `health_path` answers, yield it,
    and stop its whole process group afterwards. Its output goes to `log_path`."""
    proc = _spawn(cmd, log_path, env)
    server = RasaServer(base_url=f"http://127.0.0.1:{port}", log_path=log_path)
    try:
        _wait_until_ready(proc, server, f"{server.base_url}{health_path}")
        yield server
    finally:
        _stop(proc)


def _spawn(cmd: list[str], log_path: Path, env: dict[str, str]) -> subprocess.Popen:
    with open(log_path, "wb") as log:
        # Own session so the finalizer can signal the whole process group.
        return subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )


def _wait_until_ready(proc: subprocess.Popen, server: RasaServer, health_url: str) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(
                f"{proc.args[:4]} exited with {proc.returncode} before it was ready:\n{server.log_tail()}"
            )
        try:
            if requests.get(health_url, timeout=2).ok:
                return
        # Refused while the port is not open yet; a timeout while it is open but the server (a
        # Sanic worker still loading the model, on a busy machine) has not answered yet.
        except (requests.ConnectionError, requests.Timeout):
            pass
        time.sleep(0.5)
    pytest.fail(f"{proc.args[:4]} not ready after {STARTUP_TIMEOUT_S} s; log tail:\n{server.log_tail()}")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()

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
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
import yaml

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


def _rasa_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        RASA_TELEMETRY_ENABLED="false",
        SQLALCHEMY_SILENCE_UBER_WARNING="1",
        TF_CPP_MIN_LOG_LEVEL="2",
    )
    return env


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
    """Return a lookup: response name -> set of its texts, read from domain.yml."""

    def texts(name: str) -> set[str]:
        variants = domain["responses"][name]
        found = {v["text"] for v in variants if "text" in v}
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
def rasa_server(rasa_model: Path) -> Iterator[RasaServer]:
    """A real `rasa run` (REST channel only, no HTTP API) on a free loopback port."""
    port = _free_port()
    log_dir = Path(tempfile.mkdtemp(prefix="rasa-e2e-"))
    log_path = log_dir / "rasa.log"
    cmd = [
        sys.executable, "-m", "rasa", "run",
        "--model", str(rasa_model),
        "--credentials", "credentials.yml",
        "--interface", "127.0.0.1",
        "--port", str(port),
    ]  # fmt: skip
    with open(log_path, "wb") as log:
        # Own session so the finalizer can signal the whole process group.
        proc = subprocess.Popen(
            cmd, cwd=ROOT, env=_rasa_env(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = RasaServer(base_url=f"http://127.0.0.1:{port}", log_path=log_path)
    try:
        _wait_until_ready(proc, server)
        yield server
    finally:
        _stop(proc)


def _wait_until_ready(proc: subprocess.Popen, server: RasaServer) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"rasa run exited with {proc.returncode} before it was ready:\n{server.log_tail()}")
        try:
            # The REST channel's health route; it answers once the model is loaded.
            if requests.get(f"{server.base_url}/webhooks/rest/", timeout=2).ok:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.5)
    pytest.fail(f"rasa run not ready after {STARTUP_TIMEOUT_S} s; log tail:\n{server.log_tail()}")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()

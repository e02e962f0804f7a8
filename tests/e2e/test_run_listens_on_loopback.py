"""`scripts/run.sh` (the README's run command), started for real: by default nothing it starts
listens on a public address, the action server runs no action for a caller without the secret
that Rasa shows it, and a process that dies is started again while the others carry on."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
import requests
from cryptography.fernet import Fernet

from bot.leads.crypto import ACTION_SECRET_HEADER
from tests.e2e.conftest import ROOT, _free_port, pid_listening_on
from tests.rasa_env import rasa_env

pytestmark = pytest.mark.e2e

START_TIMEOUT_S = 180


def listening_addresses(port: int) -> set[str]:
    """The local addresses something listens on at `port` ("127.0.0.1", "0.0.0.0", "::", ...)."""
    found = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state != "0A" or int(hex_port, 16) != port:
                continue
            if width == 8:
                found.add(".".join(str(int(address[i : i + 2], 16)) for i in (6, 4, 2, 0)))
            else:
                found.add("::" if set(address) == {"0"} else address.lower())
    return found


@pytest.fixture(scope="module")
def running(rasa_model, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("run-sh")
    ports = {name: _free_port() for name in ("RASA_PORT", "ACTIONS_PORT", "SITE", "DASHBOARD")}
    env = {
        **rasa_env(),
        "DATABASE_URL": f"sqlite:///{workdir / 'prescreen.db'}",
        "PRESCREEN_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "RASA_PORT": str(ports["RASA_PORT"]),
        "ACTIONS_PORT": str(ports["ACTIONS_PORT"]),
        "PRESCREEN_SITE_PORT": str(ports["SITE"]),
        "PRESCREEN_DASHBOARD_PORT": str(ports["DASHBOARD"]),
    }
    for name in (
        "PRESCREEN_RASA_HOST",
        "PRESCREEN_SITE_HOST",
        "PRESCREEN_DASHBOARD_HOST",
        "PRESCREEN_ACTIONS_HOST",
    ):
        env.pop(name, None)
    log = open(workdir / "run.log", "wb")  # noqa: SIM115 - closed below, after the processes stop
    proc = subprocess.Popen(
        ["bash", "scripts/run.sh"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            assert proc.poll() is None, (workdir / "run.log").read_text(errors="replace")[-3000:]
            try:
                if requests.get(f"http://127.0.0.1:{ports['RASA_PORT']}/webhooks/rest/", timeout=2).ok:
                    break
            except requests.RequestException:
                pass
            time.sleep(1)
        else:
            pytest.fail(
                "run.sh did not bring Rasa up:\n" + (workdir / "run.log").read_text(errors="replace")[-3000:]
            )
        yield ports, env
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()


def test_nothing_run_sh_starts_listens_on_a_public_address_by_default(running):
    ports, _env = running
    for name, port in ports.items():
        addresses = listening_addresses(port)
        assert addresses, f"{name}: nothing listens on {port}"
        assert addresses <= {"127.0.0.1", "::1"}, f"{name} listens on {addresses}"


def test_the_action_server_runs_nothing_without_the_secret(running):
    ports, env = running
    url = f"http://127.0.0.1:{ports['ACTIONS_PORT']}"
    call = {"next_action": "action_session_start", "sender_id": "forged", "tracker": {"events": []}}
    assert requests.get(f"{url}/health", timeout=5).status_code == 200
    assert requests.post(f"{url}/webhook", json=call, timeout=5).status_code == 401
    wrong = {ACTION_SECRET_HEADER: "guess"}
    assert requests.post(f"{url}/webhook", json=call, headers=wrong, timeout=5).status_code == 401
    assert requests.get(f"{url}/actions", timeout=5).status_code == 401
    # Rasa shows it: a whole exchange through Rasa works.
    reply = requests.post(
        f"http://127.0.0.1:{ports['RASA_PORT']}/webhooks/rest/webhook",
        json={"sender": "run-sh-check", "message": "hi"},
        timeout=60,
    )
    assert reply.status_code == 200 and reply.json()


def test_a_process_that_dies_is_started_again_and_the_others_carry_on(running):
    ports, _env = running
    first = pid_listening_on(ports["ACTIONS_PORT"])
    os.kill(first, signal.SIGKILL)
    assert requests.get(f"http://127.0.0.1:{ports['DASHBOARD']}/health", timeout=5).status_code == 200
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if pid_listening_on(ports["ACTIONS_PORT"]) != first:
                break
        except LookupError:
            pass
        time.sleep(0.5)
    else:
        pytest.fail("the action server was not started again within 60 s")
    reply = requests.post(
        f"http://127.0.0.1:{ports['RASA_PORT']}/webhooks/rest/webhook",
        json={"sender": "run-sh-restart", "message": "hi"},
        timeout=60,
    )
    assert reply.status_code == 200 and reply.json()

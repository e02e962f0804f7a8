"""scripts/supervise.sh, which run.sh starts every process under: a process that dies or hangs is
started again with a growing wait, and SIGTERM stops the supervisor and its process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SUPERVISE = ROOT / "scripts" / "supervise.sh"


def supervise(tmp_path: Path, *cmd: str, health: str | None = None, **env: str) -> subprocess.Popen:
    args = ["bash", str(SUPERVISE), "test-child", *(["--health", health] if health else []), *cmd]
    return subprocess.Popen(
        args,
        env={**os.environ, "VPY": sys.executable, **env},
        stderr=open(tmp_path / "supervisor.log", "wb"),  # noqa: SIM115 - the child process owns it
        start_new_session=True,
    )


def runs(tmp_path: Path) -> int:
    path = tmp_path / "runs"
    return len(path.read_text().splitlines()) if path.exists() else 0


def stop(proc: subprocess.Popen) -> float:
    started = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=10)
    return time.monotonic() - started


def test_a_process_that_dies_is_started_again_with_a_growing_wait(tmp_path):
    child = f"echo run >> {tmp_path / 'runs'}; exit 3"
    proc = supervise(tmp_path, "bash", "-c", child, SUPERVISE_MAX_DELAY="2")
    time.sleep(4.5)  # runs at about 0 s, 1 s (wait 1), 3 s (wait 2), then waits 2 again
    assert 3 <= runs(tmp_path) <= 4
    assert stop(proc) < 5
    log = (tmp_path / "supervisor.log").read_text()
    assert "test-child: exited with status 3" in log and "again in 2 s" in log


def test_a_process_that_stops_answering_its_health_check_is_restarted(tmp_path):
    child = f"echo run >> {tmp_path / 'runs'}; exec sleep 1000"
    proc = supervise(
        tmp_path, "bash", "-c", child, health="http://127.0.0.1:9/health",
        STARTUP_GRACE="0", HEALTH_INTERVAL="0.2",
    )  # fmt: skip
    deadline = time.monotonic() + 15
    while runs(tmp_path) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert runs(tmp_path) >= 2
    assert "three times in a row" in (tmp_path / "supervisor.log").read_text()
    stop(proc)


def test_sigterm_stops_the_supervisor_and_its_process(tmp_path):
    pid_file = tmp_path / "pid"
    proc = supervise(tmp_path, "bash", "-c", f"echo $$ > {pid_file}; exec sleep 1000")
    deadline = time.monotonic() + 10
    while not pid_file.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    child = int(pid_file.read_text())
    assert stop(proc) < 5
    time.sleep(0.2)
    assert not Path(f"/proc/{child}").exists() or "Z" in Path(f"/proc/{child}/stat").read_text().split()[2]

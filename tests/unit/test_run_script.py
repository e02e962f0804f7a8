"""scripts/run.sh, the README's run command: it starts every face and keeps Rasa's HTTP API off."""

from __future__ import annotations

import re
from pathlib import Path

RUN = (Path(__file__).resolve().parents[2] / "scripts" / "run.sh").read_text(encoding="utf-8")
STARTED = dict(re.findall(r"^start (\w+) (.+?)(?<!\\)$", RUN, flags=re.M | re.S))


def test_it_starts_the_servers_the_issue_lists():
    assert {"actions", "rasa", "site", "dashboard"} <= set(STARTED)
    assert "-m bot.web" in STARTED["site"] and "-m bot.dashboard" in STARTED["dashboard"]


def test_rasa_http_api_stays_off_and_never_takes_a_token_in_the_url():
    assert "--enable-api" not in STARTED["rasa"]
    assert "--auth-token" not in RUN


def test_rasa_names_the_demo_page_origin_for_the_widget():
    assert re.search(r"--cors \"http://localhost:\$SITE_PORT\"", RUN)


def test_it_prints_the_urls():
    for port in ("$SITE_PORT", "$DASHBOARD_PORT", "$RASA_PORT"):
        assert f"http://localhost:{port}/" in RUN

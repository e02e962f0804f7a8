"""GET /health on the dashboard and the demo site: what the supervisor and a load balancer ask."""

from __future__ import annotations

import json

from bot import health


def test_the_dashboard_is_healthy_without_signing_in_when_its_database_answers(dashboard):
    response = dashboard.browser().get("/health")
    assert response.status == 200
    assert json.loads(response.text) == {"status": "ok", "database": "ok"}


def test_the_dashboard_says_it_is_unavailable_when_its_database_does_not_answer(dashboard, monkeypatch):
    monkeypatch.setattr(health, "database_reachable", lambda: "OperationalError")
    response = dashboard.browser().get("/health")
    assert response.status == 503
    assert json.loads(response.text) == {"status": "unavailable", "database": "OperationalError"}


def test_an_unreachable_database_is_reported_by_the_kind_of_error(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    assert health.database_reachable() == "OperationalError"

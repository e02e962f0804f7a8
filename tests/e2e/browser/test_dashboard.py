"""The coordinator dashboard in a real Chromium, on the database the widget conversation filled.

A coordinator signs in, finds the lead the widget test made, changes its status, adds a note,
and exports CSV and FHIR; a wrong password and anonymous requests are refused; payloads stay
text; axe-core finds no serious or critical problems. Screenshots of the lead page and the funnel
go to test-artifacts/.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import requests
from playwright.sync_api import Page, expect

from bot.leads import queries
from tests.e2e.browser.conftest import COORDINATOR_LOGIN, COORDINATOR_PASSWORD, serious_axe_violations
from tests.e2e.browser.widget import XSS

pytestmark = pytest.mark.e2e


def sign_in(page: Page, base_url: str, password: str = COORDINATOR_PASSWORD) -> None:
    page.goto(f"{base_url}/login")
    page.get_by_label("Login name").fill(COORDINATOR_LOGIN)
    page.get_by_label("Password").fill(password)
    page.locator("#sign-in").click()


@pytest.fixture
def signed_in(dashboard_server, page: Page) -> Page:
    sign_in(page, dashboard_server.base_url)
    expect(page).to_have_url(f"{dashboard_server.base_url}/leads")
    return page


def test_a_wrong_password_is_refused(dashboard_server, page: Page):
    responses = []
    page.on("response", lambda r: responses.append(r) if r.url.endswith("/login") else None)
    sign_in(page, dashboard_server.base_url, password="not the password at all")
    expect(page.locator("#login-error")).to_have_text("Wrong login name or password.")
    assert responses[-1].status == 401
    page.goto(f"{dashboard_server.base_url}/leads")
    expect(page).to_have_url(f"{dashboard_server.base_url}/login")


@pytest.mark.parametrize("path", ["/api/me", "/api/funnel"])
def test_anonymous_api_requests_get_401(dashboard_server, path):
    response = requests.get(f"{dashboard_server.base_url}{path}", timeout=10, allow_redirects=False)
    assert response.status_code == 401
    assert response.json() == {"error": "not signed in"}


def test_anonymous_pages_send_you_to_sign_in(dashboard_server):
    response = requests.get(f"{dashboard_server.base_url}/leads", timeout=10, allow_redirects=False)
    assert response.status_code == 303 and response.headers["Location"].endswith("/login")


def test_a_coordinator_works_the_lead_from_the_widget(
    widget_lead,
    leads_env,
    signed_in: Page,
    dashboard_server,
    artifacts,  # noqa: F811 - fixtures
):
    page = signed_in
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    (lead,) = queries.leads_for_conversation(widget_lead["conversation_id"])

    # Find it in the list, filtered to its study, and open it.
    page.locator("#filter-trial").select_option(lead.trial_id)
    page.locator("#apply-filters").click()
    row = page.locator(f'tr.lead-row[data-lead-id="{lead.id}"]')
    expect(row).to_be_visible()
    assert lead.outcome.replace("_", " ") in row.locator(".lead-outcome").inner_text().lower()
    row.locator("a").first.click()
    expect(page).to_have_url(f"{dashboard_server.base_url}/leads/{lead.id}")

    # The per-criterion table with protocol sentences, and the answers in the person's words,
    # the XSS payload among them shown as text.
    expect(page.locator("#criteria tr.criterion-row")).to_have_count(len(lead.criteria))
    said = page.locator('#answers tr.answer-row[data-fact-id="diagnosis"] .said')
    expect(said).to_contain_text(XSS)
    expect(page.locator("#consents tr.consent-row").first).to_be_visible()

    # Status change and a note, each stamped with who did it.
    page.locator("#new-status").select_option("contacted")
    page.locator("#status-note").fill("Left a voicemail")
    page.locator("#change-status").click()
    expect(page.locator("#lead-status")).to_have_text("contacted")
    page.locator("#note-text").fill(f"Call back on Monday {XSS}")
    page.locator("#add-note").click()
    history = page.locator("#history tr.history-row")
    expect(history.filter(has_text="Call back on Monday")).to_contain_text(XSS)
    for actor in history.locator(".history-actor").all_inner_texts():
        assert actor == COORDINATOR_LOGIN
    assert page.locator("main img").count() == 0 and not dialogs
    page.screenshot(path=str(artifacts / "dashboard-lead-detail.png"), full_page=True)
    assert serious_axe_violations(page) == []

    # Exports from the list (with the study filter still on), each audited by the service.
    page.goto(f"{dashboard_server.base_url}/leads")
    with page.expect_download() as csv_download:
        page.locator("#export-csv").click()
    csv_text = Path(csv_download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    assert any(lead.id in row.values() for row in rows), rows[:2]
    with page.expect_download() as fhir_download:
        page.locator("#export-fhir").click()
    fhir_lines = Path(fhir_download.value.path()).read_text(encoding="utf-8").splitlines()
    assert any(lead.id in line for line in fhir_lines)
    assert all(json.loads(line)["resourceType"] for line in fhir_lines)
    assert not [url for url in _urls_seen(page) if "eligible" in url or "review" in url]


def test_the_funnel_shows_aggregates_only(widget_lead, signed_in: Page, dashboard_server, artifacts):
    page = signed_in
    page.goto(f"{dashboard_server.base_url}/funnel")
    chart = page.locator("svg#chart-all")
    expect(chart).to_be_visible()
    assert chart.get_attribute("role") == "img"
    expect(page.locator("#funnel-table-all")).to_be_visible()
    page.screenshot(path=str(artifacts / "dashboard-funnel.png"), full_page=True)
    assert serious_axe_violations(page) == []


def test_no_serious_accessibility_problems_on_the_sign_in_and_leads_pages(dashboard_server, signed_in: Page):
    assert serious_axe_violations(signed_in) == []
    signed_in.locator("#sign-out").click()
    expect(signed_in).to_have_url(f"{dashboard_server.base_url}/login")
    assert serious_axe_violations(signed_in) == []


def _urls_seen(page: Page) -> list[str]:
    return [page.url]


def test_the_dashboard_in_chinese_has_no_serious_accessibility_problems(
    widget_lead,
    leads_env,
    signed_in: Page,
    dashboard_server,
    artifacts,  # noqa: F811 - fixtures
):
    """A coordinator switches to 中文: the dashboard's words change, the person's words do not."""
    page = signed_in
    (lead,) = queries.leads_for_conversation(widget_lead["conversation_id"])
    page.goto(f"{dashboard_server.base_url}/leads/{lead.id}")
    page.locator("#language-zh").click()
    expect(page).to_have_url(f"{dashboard_server.base_url}/leads/{lead.id}")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    expect(page.locator("#contact-heading")).to_have_text("联系方式")
    expect(page.locator("#answers-heading")).to_have_text("回答（保留原话）")
    said = page.locator('#answers tr.answer-row[data-fact-id="diagnosis"] .said')
    expect(said).to_contain_text(XSS)  # the person's own words, as typed
    page.screenshot(path=str(artifacts / "dashboard-chinese-lead.png"), full_page=True)
    assert serious_axe_violations(page) == []

    page.locator("nav[aria-label='主导航'] a[href='/funnel']").click()
    expect(page.locator("h1")).to_have_text("筛查漏斗")
    expect(page.locator("#funnel-table-all")).to_contain_text("开始的对话")
    page.screenshot(path=str(artifacts / "dashboard-chinese-funnel.png"), full_page=True)
    assert serious_axe_violations(page) == []

    page.locator("#language-en").click()  # and back: the choice is kept until changed
    expect(page.locator("h1")).to_have_text("Screening funnel")

"""The leads list and one lead (SQLite and PostgreSQL): filters kept on the server (never in a URL),
newest first, pages, the lead in full, status changes and notes stamped with the signed-in login, and
every value from a lead shown as text, never as markup."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import update

from bot.leads import save_referral
from bot.leads.database import session
from bot.leads.models import LEAD_STATUSES, Lead
from bot.leads.service import OUTCOMES, get_lead, lead_view
from tests.dashboard.conftest import PAGE_SIZE
from tests.leads.factories import CANARY_EMAIL, CANARY_NAME, CANARY_PHONE, referral

NEEDS_REVIEW = {"age": 66, "diagnosis": "aml"}
XSS = "<img src=x onerror=alert(1)>"


def save(conversation: str, facts: dict | None = None, trial: str = "xj-mk-002", day: int = 1) -> str:
    (lead_id,) = save_referral(referral(conversation, facts, trial))
    with session() as db:
        created = datetime(2026, 11, day, 9, tzinfo=timezone.utc)
        db.execute(update(Lead).where(Lead.id == lead_id).values(created_at=created))
        db.commit()
    return lead_id


@pytest.fixture
def leads(database_url) -> list[str]:
    """Seven leads on 1..7 November: two trials, two outcomes."""
    ids = []
    for day in range(1, 8):
        facts = NEEDS_REVIEW if day % 2 else None
        trial = "nct06642025" if day in (3, 6) else "xj-mk-002"
        ids.append(save(f"c-{day}", facts if trial == "xj-mk-002" else NEEDS_REVIEW, trial, day))
    return ids


def listed(browser) -> list[str]:
    return [row.attrs["data-lead-id"] for row in browser.get("/leads").page.rows_with("lead-row")]


def all_pages(browser) -> list[str]:
    seen = listed(browser)
    while True:
        page = browser.get("/leads").page
        pagination = [f for f in page.forms if f.id == "pagination"]
        if not pagination or "disabled" in page.by_id["next-page"].attrs:
            return seen
        next_page = page.by_id["next-page"].attrs["value"]
        assert browser.post("/leads/page", {"page": next_page, "csrf_token": browser.csrf()}).status == 303
        seen += listed(browser)


def apply_filter(browser, **values: str):
    return browser.post("/leads/filter", {"action": "apply", "csrf_token": browser.csrf(), **values})


def newest_first(ids: list[str]) -> list[str]:
    leads = [get_lead(i) for i in ids]
    return [lead.id for lead in sorted(leads, key=lambda lead: lead.created_at, reverse=True)]


def test_the_list_is_newest_first_in_pages_and_shows_no_names(dashboard, leads):
    browser = dashboard.signed_in()
    first = browser.get("/leads")
    assert first.status == 200
    assert listed(browser) == newest_first(leads)[:PAGE_SIZE]
    assert f"of {len(leads)} lead(s)" in first.page.by_id["lead-count"].text
    assert all_pages(browser) == newest_first(leads)
    for secret in (CANARY_NAME, CANARY_PHONE, CANARY_EMAIL):
        assert secret not in first.text


def test_each_row_shows_created_trial_outcome_in_words_status_and_proxy(dashboard, leads):
    browser = dashboard.signed_in()
    row = browser.get("/leads").page.rows_with("lead-row")[0]
    lead = get_lead(row.attrs["data-lead-id"])
    assert lead.trial_id in row.text
    assert lead.outcome.replace("_", " ") in row.text
    assert lead.status in row.text
    assert lead.created_at.strftime("%Y-%m-%d") in row.text
    assert ("proxy" in row.text) == lead.answered_by_proxy


@pytest.mark.parametrize(
    "wanted",
    [
        {"trial": "nct06642025"},
        {"outcome": "needs_review"},
        {"outcome": "likely_eligible", "since": "2026-11-02", "until": "2026-11-06"},
        {"status": "contacted"},
    ],
)
def test_filters_are_posted_kept_in_the_session_and_match_the_service(dashboard, leads, wanted):
    from bot.leads.service import change_status, list_leads, parse_filter

    change_status(leads[1], "contacted", "someone")
    browser = dashboard.signed_in()
    response = apply_filter(browser, **wanted)
    assert response.status == 303 and response.location == "/leads"  # nothing of the filter in the URL
    expected = [lead.id for lead in list_leads(parse_filter(**wanted))]
    assert expected, "the filter should match some leads"
    assert all_pages(browser) == expected
    shown = browser.get("/leads").page.form("filter-form")
    for name, value in wanted.items():
        assert value in shown.options.get(name, [shown.fields.get(name)])

    browser.post("/leads/filter", {"action": "clear", "csrf_token": browser.csrf()})
    assert all_pages(browser) == newest_first(leads)


@pytest.mark.parametrize(
    ("wanted", "message"),
    [
        ({"since": "2026-13-01"}, "since must be a date written YYYY-MM-DD (got '2026-13-01')"),
        ({"since": "2026-11-05", "until": "2026-11-01"}, "since (2026-11-05) is after until (2026-11-01)"),
        ({"outcome": "maybe"}, "unknown outcome 'maybe'"),
    ],
)
def test_a_bad_filter_says_what_to_fix_and_keeps_what_was_typed(dashboard, leads, wanted, message):
    browser = dashboard.signed_in()
    response = apply_filter(browser, **wanted)
    assert response.status == 400
    assert message in response.page.by_id["filter-error"].text
    assert response.page.rows_with("lead-row") == []
    for name in ("since", "until"):
        if name in wanted:
            assert response.page.form("filter-form").fields[name] == wanted[name]
    assert browser.get("/leads").status == 200  # the last good filter (none) still applies
    assert len(listed(browser)) == PAGE_SIZE


def test_no_outcome_or_status_appears_in_any_url_the_pages_link_to(dashboard, leads):
    from bot.leads.service import change_status

    change_status(leads[0], "not_eligible", "someone")
    browser = dashboard.signed_in()
    apply_filter(browser, outcome="needs_review", status="new")
    pages = [browser.get("/leads"), browser.get(f"/leads/{leads[0]}"), browser.get("/funnel")]
    health_words = {*OUTCOMES, *(o.replace("_", "-") for o in OUTCOMES), *LEAD_STATUSES} - {"new"}
    health_words |= {"outcome=", "status=", "eligible", "review"}
    urls = [url for response in pages for url in response.page.urls]
    assert "/leads/filter" in urls and f"/leads/{leads[0]}/status" in urls
    for url in urls:
        # the funnel's filter says nothing about a person; the language switch carries the page to return to
        assert "?" not in url or url.startswith(("/funnel", "/language/")), url
        assert not any(word in url.lower() for word in health_words), url
    for response in pages:
        for form in response.page.forms:
            assert form.method == "post" or form.id == "funnel-filter", form
            if form.method == "get":
                assert set(form.options) | set(form.fields) <= {
                    "trial",
                    "language",
                    "since",
                    "until",
                }  # no health data


def test_a_lead_in_full_criteria_answers_consents_and_contact(dashboard, leads):
    browser = dashboard.signed_in()
    lead = lead_view(get_lead(leads[0]))
    response = browser.get(f"/leads/{lead.id}")
    assert response.status == 200
    page = response.page
    assert page.by_id["contact-name"].text == CANARY_NAME
    assert page.by_id["contact-phone"].text == CANARY_PHONE
    assert page.by_id["contact-email"].text == CANARY_EMAIL
    criteria = {row.attrs["data-criterion-id"]: row.text for row in page.rows_with("criterion-row")}
    assert list(criteria) == [c["criterion_id"] for c in lead.criteria]
    for c in lead.criteria:
        words = (
            "to be confirmed by the study team"
            if c["to_be_confirmed_by_study_team"]
            else c["status"].replace("_", " ")
        )
        assert words in criteria[c["criterion_id"]]
        assert " ".join(c["protocol_text"].split()) in criteria[c["criterion_id"]]
    answers = {row.attrs["data-fact-id"]: row.text for row in page.rows_with("answer-row")}
    assert set(answers) == set(lead.answers)
    for fact_id, given in lead.answers.items():
        assert given["question"] in answers[fact_id] and f"“{given['said']}”" in answers[fact_id]
    (consent,) = page.rows_with("consent-row")
    assert lead.consents[0]["wording"] in consent.text and "agreed" in consent.text


def test_unknown_lead_ids_are_404(dashboard, leads):
    browser = dashboard.signed_in()
    assert browser.get("/leads/00000000-0000-4000-8000-000000000000").status == 404
    assert browser.get("/leads/not-a-uuid").status == 404


def test_status_changes_and_notes_are_stamped_with_the_signed_in_login(dashboard, leads):
    browser = dashboard.signed_in("li.wei")
    lead_id = leads[0]
    form = browser.get(f"/leads/{lead_id}").page.form("status-form")
    assert "new" not in form.options["status"] and "contacted" in form.options["status"]
    response = browser.post(
        f"/leads/{lead_id}/status",
        {"status": "contacted", "note": "left a voicemail", "csrf_token": form.fields["csrf_token"]},
    )
    assert response.status == 303 and response.location == f"/leads/{lead_id}"
    response = browser.post(
        f"/leads/{lead_id}/notes", {"note": "calls back Monday", "csrf_token": browser.csrf()}
    )
    assert response.status == 303

    lead = get_lead(lead_id)
    assert lead.status == "contacted"
    assert [(e.kind, e.actor, e.to_status, e.note) for e in lead.events] == [
        ("status", "li.wei", "contacted", "left a voicemail"),
        ("note", "li.wei", None, "calls back Monday"),
    ]
    page = browser.get(f"/leads/{lead_id}").page
    history = page.rows_with("history-row")
    assert [row.text.count("li.wei") for row in history] == [1, 1]
    assert "left a voicemail" in history[0].text and "calls back Monday" in history[1].text
    assert page.by_id["flash"].text == "Note added."  # said once, on the page the POST redirected to
    assert "flash" not in browser.get(f"/leads/{lead_id}").page.by_id


def test_refused_changes_say_why_and_change_nothing(dashboard, leads):
    browser = dashboard.signed_in()
    token = browser.csrf()
    response = browser.post(f"/leads/{leads[0]}/notes", {"note": "   ", "csrf_token": token})
    assert response.status == 400
    assert "the note is empty" in response.page.by_id["error"].text
    response = browser.post(f"/leads/{leads[0]}/status", {"status": "new", "csrf_token": token})
    assert response.status == 400 and "already new" in response.page.by_id["error"].text
    response = browser.post(f"/leads/{leads[0]}/status", {"status": "married", "csrf_token": token})
    assert response.status == 400 and "unknown status 'married'" in response.page.by_id["error"].text
    assert get_lead(leads[0]).events == []


def test_markup_in_answers_names_and_notes_shows_as_text(dashboard, database_url):
    given = referral("c-xss")
    given.contact.name = XSS
    given.answers["age"]["said"] = XSS
    given.answers["age"]["question"] = XSS
    given.consents[0]["wording"] = XSS
    (lead_id,) = save_referral(given)
    browser = dashboard.signed_in()
    browser.post(f"/leads/{lead_id}/notes", {"note": XSS, "csrf_token": browser.csrf()})
    browser.post(
        f"/leads/{lead_id}/status", {"status": "contacted", "note": XSS, "csrf_token": browser.csrf()}
    )
    response = browser.get(f"/leads/{lead_id}")
    assert XSS not in response.text  # never as markup
    assert "&lt;img src=x onerror=alert(1)&gt;" in response.text
    page = response.page
    assert not any(url == "x" for url in page.urls)  # no <img src=x> was parsed
    assert page.by_id["contact-name"].text == XSS
    assert page.text.count(XSS) >= 6  # name, question, said, wording, note, status note


def test_leads_can_be_filtered_by_the_conversations_language_and_show_it(dashboard, leads):
    from bot.leads import save_referral
    from tests.leads.factories import referral

    made = referral("conv-zh")
    made.language = "zh"
    (chinese,) = save_referral(made)
    browser = dashboard.signed_in()
    apply_filter(browser, language="zh")
    listed = browser.get("/leads")
    assert chinese[:8] in listed.text and not any(lead[:8] in listed.text for lead in leads)
    shown = browser.get(f"/leads/{chinese}")
    assert "中文" in shown.text

"""Signing in and sessions: every page needs a session, wrong passwords get one message, sessions
end when idle or old, every POST needs the session's CSRF token, and every response carries the
security headers."""

from __future__ import annotations

from http.cookies import SimpleCookie

import pytest
from sqlalchemy import select

from bot.dashboard import accounts
from bot.dashboard.auth import AuthSettings, start_session, token_hash
from bot.leads.database import session
from bot.leads.models import CoordinatorSession
from tests.dashboard.conftest import PASSWORD

PAGES = ["/", "/leads", "/funnel", "/leads/00000000-0000-4000-8000-000000000000"]
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "frame-ancestors 'none'; form-action 'self'"
)


def sessions() -> list[CoordinatorSession]:
    with session() as db:
        return list(db.scalars(select(CoordinatorSession)))


def set_cookies(response) -> dict[str, str]:
    """Set-Cookie headers by cookie name, as sent."""
    out = {}
    for header in response.headers.getall("Set-Cookie", []):
        name = header.split("=", 1)[0]
        out[name] = header
    return out


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_pages_redirect_to_the_sign_in_page(dashboard, path):
    response = dashboard.browser().get(path)
    assert response.status == 303
    assert response.location == "/login"


@pytest.mark.parametrize("path", ["/api/me", "/api/funnel"])
def test_anonymous_api_calls_get_401_json(dashboard, path):
    response = dashboard.browser().get(path)
    assert response.status == 401
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.text == '{"error": "not signed in"}'


def test_anonymous_posts_are_redirected_and_change_nothing(dashboard):
    browser = dashboard.browser()
    for path in ("/leads/filter", "/exports", "/logout"):
        assert browser.post(path, {"csrf_token": "x"}).location == "/login"


def test_signing_in_sets_a_strict_http_only_session_cookie_and_opens_the_leads(dashboard):
    accounts.create_account("li.wei", PASSWORD)
    browser = dashboard.browser()
    response = browser.sign_in("LI.Wei")
    assert response.status == 303 and response.location == "/leads"
    cookie = set_cookies(response)["prescreen_session"]
    attributes = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert {"httponly", "path=/", "samesite=strict"} <= attributes
    assert "secure" not in attributes  # plain http in the test; https requests get Secure
    token = SimpleCookie(cookie)["prescreen_session"].value
    (row,) = sessions()
    assert row.token_hash == token_hash(token) and token not in row.token_hash  # only the hash is kept
    assert row.login == "li.wei"
    page = browser.get("/leads")
    assert page.status == 200
    assert page.page.by_id["signed-in-as"].text == "li.wei"
    assert browser.get("/api/me").text == '{"login": "li.wei"}'


@pytest.mark.parametrize("login", ["li.wei", "no.such.person"])
def test_a_wrong_password_or_unknown_login_gets_401_one_message_and_no_session(dashboard, login):
    accounts.create_account("li.wei", PASSWORD)
    browser = dashboard.browser()
    response = browser.sign_in(login, "not the right password")
    assert response.status == 401
    assert response.page.by_id["login-error"].text == "Wrong login name or password."
    assert "prescreen_session" not in set_cookies(response)
    assert sessions() == []
    assert browser.get("/leads").location == "/login"


def test_a_disabled_account_cannot_sign_in_and_is_signed_out(dashboard):
    browser = dashboard.signed_in("li.wei")
    accounts.set_disabled("li.wei", True)
    assert browser.get("/leads").location == "/login"
    assert dashboard.browser().sign_in("li.wei").status == 401


def test_the_sign_in_form_needs_its_own_csrf_token(dashboard):
    accounts.create_account("li.wei", PASSWORD)
    browser = dashboard.browser()
    browser.get("/login")  # the double-submit cookie is set
    for token in (None, "forged-token-forged-token-forged-token-1234"):
        data = {"login": "li.wei", "password": PASSWORD}
        if token:
            data["csrf_token"] = token
        response = browser.post("/login", data)
        assert response.status == 403
        assert sessions() == []


def test_signing_in_replaces_a_session_token_the_browser_already_had(dashboard):
    accounts.create_account("li.wei", PASSWORD)
    browser = dashboard.browser()
    token = browser.get("/login").page.form("login-form").fields["csrf_token"]
    planted = start_session("li.wei", dashboard.clock(), AuthSettings())  # e.g. fixed by an attacker
    browser.set_session_cookie(planted)
    response = browser.post("/login", {"login": "li.wei", "password": PASSWORD, "csrf_token": token})
    assert response.status == 303
    (row,) = sessions()
    assert row.token_hash != token_hash(planted)
    assert browser.get("/leads").status == 200


def test_signing_out_ends_the_session(dashboard):
    browser = dashboard.signed_in("li.wei")
    response = browser.post("/logout", {"csrf_token": browser.csrf()})
    assert response.location == "/login"
    assert sessions() == []
    assert browser.get("/leads").location == "/login"


@pytest.mark.parametrize("token", [None, "", "wrong"])
def test_posts_without_the_sessions_csrf_token_are_refused_with_403(dashboard, token):
    browser = dashboard.signed_in("li.wei")
    data = {"action": "apply", "outcome": "needs_review"}
    if token is not None:
        data["csrf_token"] = token
    for path in ("/leads/filter", "/logout", "/exports"):
        assert browser.post(path, data).status == 403
    assert sessions()[0].view == {}  # the filter was not kept
    assert browser.get("/leads").status == 200  # and the session still works


def test_another_sessions_csrf_token_is_refused(dashboard):
    mine, theirs = dashboard.signed_in("li.wei"), dashboard.signed_in("ana.costa")
    assert mine.post("/logout", {"csrf_token": theirs.csrf()}).status == 403


def test_a_session_ends_after_30_idle_minutes(dashboard):
    browser = dashboard.signed_in("li.wei")
    dashboard.clock.advance(minutes=29)
    assert browser.get("/leads").status == 200  # activity: the idle time starts again
    dashboard.clock.advance(minutes=29)
    assert browser.get("/leads").status == 200
    dashboard.clock.advance(minutes=30, seconds=1)
    assert browser.get("/leads").location == "/login"
    assert browser.get("/api/me").status == 401
    assert sessions() == []


def test_a_session_ends_8_hours_after_sign_in_however_busy(dashboard):
    browser = dashboard.signed_in("li.wei")
    for _ in range(7 * 3):
        dashboard.clock.advance(minutes=20)
        assert browser.get("/api/me").status == 200
    dashboard.clock.advance(minutes=60)  # 8 hours in total, never idle for 30 minutes
    assert browser.get("/leads").location == "/login"


def test_five_wrong_passwords_lock_that_login_name_for_a_while(dashboard):
    accounts.create_account("li.wei", PASSWORD)
    browser = dashboard.browser()
    for _ in range(5):
        assert browser.sign_in("li.wei", "wrong password again").status == 401
    locked = browser.sign_in("li.wei")  # even the right password, for now
    assert locked.status == 429
    assert "Too many failed sign-ins" in locked.page.by_id["login-error"].text
    other = dashboard.browser().sign_in("ana.costa", "whatever at all")
    assert other.status == 401  # other login names are not locked
    dashboard.clock.advance(minutes=16)
    assert browser.sign_in("li.wei").status == 303


@pytest.mark.parametrize("path", ["/login", "/leads", "/funnel", "/api/me", "/static/dashboard.css", "/nope"])
def test_every_response_carries_the_security_headers(dashboard, path):
    browser = dashboard.signed_in("li.wei")
    response = browser.get(path)
    assert response.headers["Content-Security-Policy"] == CSP
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    if path.startswith("/static/"):
        assert response.status == 200
    else:
        assert response.headers["Cache-Control"] == "no-store"

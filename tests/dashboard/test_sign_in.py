"""Signing in and sessions: every page needs a session, wrong passwords get one message, sessions
end when idle or old, every POST needs the session's CSRF token, and every response carries the
security headers."""

from __future__ import annotations

from http.cookies import SimpleCookie

import pytest
from sqlalchemy import select

from bot.dashboard import accounts
from bot.dashboard.auth import AuthSettings, start_session, token_hash
from bot.dashboard.responses import LOGIN_CSRF_COOKIE
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


def test_guessing_makes_the_guessing_address_wait_longer_each_time(dashboard):
    accounts.create_account("li.wei", PASSWORD)
    browser = dashboard.browser()
    for _ in range(3):  # a few typos cost nothing
        assert browser.sign_in("li.wei", "wrong password again").status == 401
    waiting = browser.sign_in("li.wei")  # even the right password must wait its turn
    assert waiting.status == 429 and waiting.headers["Retry-After"] == "1"
    assert "Too many failed sign-ins" in waiting.page.by_id["login-error"].text
    dashboard.clock.advance(seconds=1)
    assert browser.sign_in("li.wei", "wrong").status == 401
    assert browser.sign_in("li.wei").headers["Retry-After"] == "2"  # each failure doubles the wait
    dashboard.clock.advance(seconds=2)
    assert browser.sign_in("li.wei").status == 303


def test_one_address_trying_many_login_names_is_slowed_down(dashboard):
    browser = dashboard.browser()
    answered = [browser.sign_in(f"name{i}", "guess").status for i in range(30)]
    assert answered[:3] == [401] * 3
    assert answered.count(429) >= 25


def forwarded(dashboard, address: str):
    """A browser whose requests reach the dashboard through the trusted proxy, from `address`."""
    browser = dashboard.browser()
    browser.headers = {"X-Forwarded-For": address}
    return browser


@pytest.fixture
def behind_proxy(database_url):
    from datetime import datetime, timezone

    from tests.dashboard.conftest import PAGE_SIZE, Clock, Dashboard

    trusting_this_machine = AuthSettings(trusted_proxies=frozenset({"127.0.0.1"}))
    running = Dashboard(Clock(datetime.now(timezone.utc)), trusting_this_machine, page_size=PAGE_SIZE)
    try:
        yield running
    finally:
        running.close()


def test_guessing_from_many_addresses_never_locks_out_the_coordinators_own_address(behind_proxy):
    accounts.create_account("li.wei", PASSWORD)
    desk = forwarded(behind_proxy, "10.0.0.7")
    assert desk.sign_in("li.wei").status == 303  # the coordinator's usual address is now known
    for i in range(40):  # a botnet: one guess per address, all for li.wei
        forwarded(behind_proxy, f"203.0.113.{i}").sign_in("li.wei", "guess")
    stranger = forwarded(behind_proxy, "198.51.100.9").sign_in("li.wei")
    assert stranger.status == 429  # the name is being guessed: new addresses wait
    assert forwarded(behind_proxy, "10.0.0.7").sign_in("li.wei").status == 303  # the desk does not


def test_the_proxy_address_is_believed_only_from_a_trusted_proxy(dashboard):
    spoofing = dashboard.browser()
    spoofing.headers = {"X-Forwarded-For": "10.9.9.9"}
    for _ in range(3):
        spoofing.sign_in("x", "guess")
    plain = dashboard.browser()  # same real address (127.0.0.1): the header changed nothing
    assert plain.sign_in("x", "guess").status == 429


def test_a_post_from_another_sites_page_is_refused_even_with_a_valid_token(dashboard):
    browser = dashboard.signed_in("li.wei")
    token = browser.csrf()
    foreign = browser.post(
        "/leads/filter", {"action": "apply", "csrf_token": token}, headers={"Origin": "https://evil.example"}
    )
    assert foreign.status == 403
    by_referer = browser.post(
        "/leads/filter",
        {"action": "apply", "csrf_token": token},
        headers={"Referer": "https://evil.example/x"},
    )
    assert by_referer.status == 403
    own = f"http://{browser.host}"
    assert (
        browser.post(
            "/leads/filter", {"action": "apply", "csrf_token": token}, headers={"Origin": own}
        ).status
        == 303
    )
    assert dashboard.browser().post("/login", {"login": "a"}, headers={"Origin": "null"}).status == 403


def test_the_session_cookie_is_secure_behind_a_trusted_https_proxy_only(behind_proxy):
    accounts.create_account("li.wei", PASSWORD)
    browser = behind_proxy.browser()
    browser.headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "10.0.0.7"}
    form = browser.get("/login")
    assert "Secure" in set_cookies(form)[LOGIN_CSRF_COOKIE]
    token = form.page.form("login-form").fields["csrf_token"]
    # The test client speaks plain http, so it keeps Secure cookies to itself: send this one by hand.
    signed_in = browser.post(
        "/login",
        {"login": "li.wei", "password": PASSWORD, "csrf_token": token},
        headers={"Cookie": f"{LOGIN_CSRF_COOKIE}={token}"},
    )
    cookie = set_cookies(signed_in)["prescreen_session"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie


def test_a_forwarded_https_header_from_anyone_else_is_ignored(dashboard):
    accounts.create_account("li.wei", PASSWORD)
    browser = dashboard.browser()
    browser.headers = {"X-Forwarded-Proto": "https"}
    cookie = set_cookies(browser.sign_in("li.wei"))["prescreen_session"]
    assert "Secure" not in cookie


@pytest.mark.parametrize("path", ["/login", "/leads", "/funnel", "/api/me", "/static/dashboard.css", "/nope"])
def test_every_response_carries_the_security_headers(dashboard, path):
    browser = dashboard.signed_in("li.wei")
    response = browser.get(path)
    assert response.headers["Content-Security-Policy"] == CSP
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"  # other sites get no referrer
    if path.startswith("/static/"):
        assert response.status == 200
    else:
        assert response.headers["Cache-Control"] == "no-store"

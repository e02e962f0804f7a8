"""Signing in and out.

GET /login shows the form with a fresh double-submit token (a cookie, and the same value in a hidden
field). POST /login checks the token, the throttle (bot.dashboard.auth.SignInThrottle: the address that
guesses waits, never the account) and the password; a wrong login name or password
both get "Wrong login name or password." (401) and no session. Success starts a new session (the old
one, if any, is deleted) and redirects to /leads. POST /logout (with the session's CSRF token) ends it.
"""

from __future__ import annotations

import math
from datetime import timedelta

from aiohttp import web

from bot.dashboard import accounts
from bot.dashboard.auth import (
    SignInThrottle,
    end_session,
    new_token,
    resume_session,
    start_session,
    tokens_match,
)
from bot.dashboard.responses import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    SETTINGS,
    blocking,
    now,
    render,
    requester,
    secure_request,
    see_other,
    words_for,
)

THROTTLE = web.AppKey("throttle", SignInThrottle)
WRONG = "Wrong login name or password."


def add_routes(app: web.Application) -> None:
    app.router.add_get("/login", login_form)
    app.router.add_post("/login", login)
    app.router.add_post("/logout", logout)


async def login_form(request: web.Request) -> web.Response:
    settings = request.app[SETTINGS]
    token = request.cookies.get(SESSION_COOKIE)
    if token and await blocking(resume_session, token, now(request), settings) is not None:
        return see_other("/leads")
    return _form(request)


async def login(request: web.Request) -> web.Response:
    form = await request.post()
    given = form.get("csrf_token")
    if not tokens_match(given if isinstance(given, str) else None, request.cookies.get(LOGIN_CSRF_COOKIE)):
        return _form(
            request, status=403, error=words_for(request)("The sign-in form expired. Please sign in again.")
        )
    login_name = accounts.normalise_login(str(form.get("login") or ""))
    password = str(form.get("password") or "")
    throttle = request.app[THROTTLE]
    moment = now(request)
    address = requester(request)
    wait = throttle.wait(login_name, address, moment)
    if wait is not None:
        error = words_for(request)(
            "Too many failed sign-ins. Please wait {wait} and try again.", wait=_in_words(request, wait)
        )
        response = _form(request, status=429, error=error, login_name=login_name)
        response.headers["Retry-After"] = str(max(1, math.ceil(wait.total_seconds())))
        return response
    if not login_name or not password:
        return _form(request, status=401, error=words_for(request)(WRONG), login_name=login_name)
    who = await blocking(accounts.verify, login_name, password)
    if who is None:
        throttle.failed(login_name, address, moment)
        return _form(request, status=401, error=words_for(request)(WRONG), login_name=login_name)
    throttle.succeeded(login_name, address, moment)
    settings = request.app[SETTINGS]
    token = await blocking(start_session, who, moment, settings, request.cookies.get(SESSION_COOKIE))
    response = see_other("/leads")
    response.set_cookie(
        SESSION_COOKIE,
        token,
        path="/",
        httponly=True,
        samesite="Strict",
        secure=secure_request(request),
    )
    response.del_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


async def logout(request: web.Request) -> web.Response:
    await blocking(end_session, request.cookies.get(SESSION_COOKIE))
    response = see_other("/login")
    response.del_cookie(SESSION_COOKIE, path="/")
    return response


def _in_words(request: web.Request, wait: timedelta) -> str:
    _ = words_for(request)
    seconds = max(1, math.ceil(wait.total_seconds()))
    if seconds < 90:
        return _("1 second") if seconds == 1 else _("{n} seconds", n=seconds)
    return _("{n} minutes", n=math.ceil(seconds / 60))


def _form(
    request: web.Request, status: int = 200, error: str | None = None, login_name: str = ""
) -> web.Response:
    """The sign-in page with a double-submit token in a cookie and in the form (the browser's current
    one, so two open sign-in tabs both work)."""
    token = request.cookies.get(LOGIN_CSRF_COOKIE) or ""
    if not (40 <= len(token) <= 64 and token.replace("-", "").replace("_", "").isalnum()):
        token = new_token()
    response = render(
        request,
        "login.html",
        status=status,
        title=words_for(request)("Sign in"),
        error=error,
        csrf=token,
        login_name=login_name,
    )
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        path="/login",
        httponly=True,
        samesite="Strict",
        secure=secure_request(request),
    )
    return response

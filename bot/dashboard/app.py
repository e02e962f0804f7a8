"""The dashboard's web application: routes, the sign-in requirement, CSRF checks, security headers.

Every page except /login and /static/ needs a signed-in session: pages redirect to /login (303), and
/api/ routes answer 401 with JSON. Every POST except the sign-in form (which has its own
double-submit token) must carry the session's CSRF token, or gets 403. Every response carries the
security headers below, and everything but the stylesheet is `Cache-Control: no-store`.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path

from aiohttp import web

from bot.dashboard import pages_auth, pages_exports, pages_funnel, pages_leads
from bot.dashboard.auth import AuthSettings, SignInThrottle, resume_session, same_origin, tokens_match
from bot.dashboard.i18n import LANGUAGE_COOKIE, dashboard_languages
from bot.dashboard.responses import (
    CLOCK,
    PAGE_SIZE,
    SESSION_COOKIE,
    SETTINGS,
    TRIALS,
    add_security_headers,
    blocking,
    now,
    render,
    secure_request,
    see_other,
    words_for,
)
from bot.health import dashboard_health
from bot.leads.models import utc_now
from bot.trials import load_trials

STATIC = Path(__file__).resolve().parent / "static"

PUBLIC_PREFIXES = ("/static/", "/language/")
PUBLIC_PATHS = {"/login", "/health"}

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def make_app(
    settings: AuthSettings | None = None,
    clock: Callable[[], datetime] = utc_now,
    page_size: int = 25,
) -> web.Application:
    """The dashboard. `settings` default to the environment (AuthSettings.from_env); `clock` gives
    the time for sessions and the sign-in throttle (tests move it)."""
    settings = settings or AuthSettings.from_env()
    app = web.Application(middlewares=[security_headers, from_our_pages, require_session])
    app[SETTINGS] = settings
    app[CLOCK] = clock
    app[PAGE_SIZE] = page_size
    app[TRIALS] = {trial.id: trial for trial in load_trials()}
    app[pages_auth.THROTTLE] = SignInThrottle.from_settings(settings)
    app.router.add_get("/", _home)
    app.router.add_get("/health", dashboard_health)
    app.router.add_get("/language/{code}", choose_language)
    pages_auth.add_routes(app)
    pages_leads.add_routes(app)
    pages_exports.add_routes(app)
    pages_funnel.add_routes(app)
    app.router.add_static("/static/", STATIC, name="static")
    return app


async def _home(request: web.Request) -> web.Response:
    return see_other("/leads")


LOCAL_PAGE = re.compile(r"^/(?![/\\])[^\s]*$")
"""A path on this site (never //host or /\\host, which browsers read as another site)."""


async def choose_language(request: web.Request) -> web.Response:
    """GET /language/{code}?next=/page: show the dashboard's own words in `code` from now on (a
    cookie, kept a year), then go back to the page. Changes nothing but the words shown."""
    code = request.match_info["code"]
    if code not in dashboard_languages():
        raise web.HTTPNotFound()
    back = request.query.get("next", "/leads")
    response = see_other(back if LOCAL_PAGE.match(back) else "/leads")
    response.set_cookie(
        LANGUAGE_COOKIE,
        code,
        path="/",
        max_age=365 * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=secure_request(request),
    )
    return response


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPException as error:
        if error.status in (404, 405):
            response = _error_page(request, error)
        else:
            add_security_headers(request, error.headers)
            raise
    if not response.prepared:  # streamed downloads set their headers before they start
        add_security_headers(request, response.headers)
    return response


def _error_page(request: web.Request, error: web.HTTPException) -> web.Response:
    if request.path.startswith("/api/"):
        return web.json_response({"error": error.reason.lower()}, status=error.status)
    _ = words_for(request)
    message = _("There is no such page.") if error.status == 404 else _("This page cannot be used that way.")
    return render(request, "error.html", status=error.status, title=_(error.reason), message=message)


@web.middleware
async def from_our_pages(request: web.Request, handler: Handler) -> web.StreamResponse:
    """A state-changing request sent from another site's page is refused, even with a valid CSRF
    token (bot.dashboard.auth.same_origin); the host compared is the one the browser asked for."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return await handler(request)
    host = (
        request.headers.get("X-Forwarded-Host")
        if request.remote in request.app[SETTINGS].trusted_proxies
        else None
    )
    if same_origin(request.headers.get("Origin"), request.headers.get("Referer"), host or request.host):
        return await handler(request)
    if request.path.startswith("/api/"):
        return web.json_response({"error": "request from another site"}, status=403)
    _ = words_for(request)
    return render(
        request,
        "error.html",
        status=403,
        title=_("Not from this site"),
        message=_(
            "This form was sent from another website, so it was not used. Open the dashboard and try again."
        ),
    )


@web.middleware
async def require_session(request: web.Request, handler: Handler) -> web.StreamResponse:
    if request.path in PUBLIC_PATHS or request.path.startswith(PUBLIC_PREFIXES):
        return await handler(request)
    settings = request.app[SETTINGS]
    session = await blocking(resume_session, request.cookies.get(SESSION_COOKIE), now(request), settings)
    if session is None:
        if request.path.startswith("/api/"):
            response: web.Response = web.json_response({"error": "not signed in"}, status=401)
        else:
            response = see_other("/login")
        if SESSION_COOKIE in request.cookies:
            response.del_cookie(SESSION_COOKIE, path="/")
        return response
    request["signed_in"] = session
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        form = await request.post()
        given = form.get("csrf_token") or request.headers.get("X-CSRF-Token")
        if not tokens_match(given if isinstance(given, str) else None, session.csrf_token):
            if request.path.startswith("/api/"):
                return web.json_response({"error": "missing or wrong CSRF token"}, status=403)
            _ = words_for(request)
            return render(
                request,
                "error.html",
                status=403,
                title=_("Form expired"),
                message=_(
                    "This form was not sent from this signed-in page (its security token is missing "
                    "or wrong). Go back, reload the page and try again."
                ),
            )
    return await handler(request)

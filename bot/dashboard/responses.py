"""What every page handler needs: the clock, the signed-in session, rendering, redirects, and running
the (blocking) database calls off the event loop."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from aiohttp import web

from bot.dashboard.auth import AuthSettings, SignedIn, client_address
from bot.dashboard.i18n import LANGUAGE_COOKIE, Translate, chosen_language, translator
from bot.dashboard.render import environment

T = TypeVar("T")

SESSION_COOKIE = "prescreen_session"
LOGIN_CSRF_COOKIE = "prescreen_login_csrf"

CLOCK = web.AppKey("clock", Callable[[], datetime])
SETTINGS = web.AppKey("settings", AuthSettings)
PAGE_SIZE = web.AppKey("page_size", int)
TRIALS = web.AppKey("trials", dict)
"""The trials by id, read once at start-up (restart the dashboard after changing a trial file)."""


SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    # same-origin, not no-referrer: with no-referrer, Chromium sends "Origin: null" on our own form
    # posts, and the origin check (app.from_our_pages) must see where a post comes from. Other
    # sites still get no referrer, so no lead id in a URL ever leaves the dashboard.
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Server": "prescreen",  # not aiohttp's "Python/3.x aiohttp/3.y": no versions for scanners
}


def add_security_headers(request: web.Request, headers) -> None:  # noqa: ANN001 - a CIMultiDict
    """The security headers every response carries; `no-store` on all but the stylesheet."""
    headers.update(SECURITY_HEADERS)
    if not request.path.startswith("/static/"):
        headers["Cache-Control"] = "no-store"


async def blocking(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a database call in a worker thread, so one slow query never stalls other requests."""
    return await asyncio.to_thread(function, *args, **kwargs)


def now(request: web.Request) -> datetime:
    return request.app[CLOCK]()


def signed_in(request: web.Request) -> SignedIn:
    return request["signed_in"]


def page_language(request: web.Request) -> str:
    """The language of the dashboard's own words for this request (bot/dashboard/i18n.py)."""
    return chosen_language(request.cookies.get(LANGUAGE_COOKIE), request.headers.get("Accept-Language"))


def words_for(request: web.Request) -> Translate:
    """`_` for a handler's messages: the dashboard's words in this request's language."""
    return translator(page_language(request))


def render(request: web.Request, template: str, status: int = 200, **context: Any) -> web.Response:
    """A page in the request's language; `title`, `error`, `flash` and `message` come already worded."""
    session = request.get("signed_in")
    context.setdefault("login", session.login if session else None)
    context.setdefault("csrf", session.csrf_token if session else "")
    context.setdefault("nav", "")
    context.setdefault("flash", None)
    context.setdefault("error", None)
    # Where the language switch returns to: this page, or (after a form post) the list or sign-in.
    context.setdefault(
        "here", request.path_qs if request.method == "GET" else "/leads" if session else "/login"
    )
    html = environment(page_language(request)).get_template(template).render(**context)
    return web.Response(text=html, status=status, content_type="text/html", charset="utf-8")


def see_other(location: str) -> web.Response:
    """A 303 redirect: after a POST, the browser GETs the page (no resubmission on reload)."""
    return web.Response(status=303, headers={"Location": location})


def secure_request(request: web.Request) -> bool:
    """Was the page served over HTTPS (so cookies get Secure)? Directly, or by a trusted proxy
    (PRESCREEN_TRUSTED_PROXIES) that says so in X-Forwarded-Proto, or as configured."""
    settings = request.app[SETTINGS]
    if request.secure or settings.always_secure_cookies:
        return True
    forwarded = request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip().lower()
    return request.remote in settings.trusted_proxies and forwarded == "https"


def requester(request: web.Request) -> str:
    """The client's address (through a trusted proxy, the address it forwarded for)."""
    trusted = request.app[SETTINGS].trusted_proxies
    return client_address(request.remote, request.headers.get("X-Forwarded-For"), trusted)

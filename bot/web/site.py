"""The demo trial-site page: the unit's current studies, a privacy notice, and the chat widget.

`make_app(chat_server_url)` builds the aiohttp application; `python -m bot.web` serves it. The
studies come from the trial files (`bot.trials.load_trials`), so a new trial file shows up here with no
code change. Every sentence a visitor reads is in `templates/` or the trial files.

The chat itself runs in the browser: `static/chat-widget.js` talks to Rasa's socket.io channel on
the chat server, which is why the Content-Security-Policy names that server in `connect-src`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from aiohttp import web

from bot.health import site_health
from bot.leads.privacy import NO_LEAD_RETENTION_ENV, RETENTION_ENV, retention_days
from bot.text import DEFAULT_LANGUAGE, localize
from bot.trial_schema import Trial
from bot.trials import load_trials

HERE = Path(__file__).parent
TEMPLATES_DIR = HERE / "templates"
STATIC_DIR = HERE / "static"

DEFAULT_RETENTION_DAYS = 365
# scripts/run.sh purges conversations without a referral after one day, as the consent text says.
DEFAULT_NO_LEAD_RETENTION_DAYS = 1

# Static files are not fingerprinted, so browsers may keep them but must revalidate (a cheap 304
# thanks to Last-Modified); a changed widget then reaches everyone on the next page load.
STATIC_CACHE_CONTROL = "no-cache"
PAGE_CACHE_CONTROL = "no-cache"
TEXT_TYPES = ("text/javascript", "application/javascript", "text/css", "text/plain")

_HOST_PORT = re.compile(r"^[A-Za-z0-9.-]+(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$")

TEMPLATES_KEY = web.AppKey("templates", jinja2.Environment)
CONTEXT_KEY = web.AppKey("context", dict)
HEADERS_KEY = web.AppKey("security_headers", dict)


class SiteConfigError(ValueError):
    """A bad setting for the site; the message says what to fix."""


@dataclass(frozen=True)
class ChatServer:
    """Where the Rasa server with the socket.io channel listens, as the browser will reach it."""

    url: str  # scheme://host[:port], no trailing slash
    http_origin: str
    ws_origin: str


def parse_chat_server(url: str) -> ChatServer:
    """Check that `url` is http(s)://host[:port] and work out its HTTP and WebSocket origins."""
    text = (url or "").strip()
    parts = urlsplit(text)
    if (
        parts.scheme not in ("http", "https")
        or not _HOST_PORT.match(parts.netloc or "")
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
    ):
        raise SiteConfigError(
            f"the chat server must be written http(s)://host[:port], e.g. http://localhost:5005 (got {url!r})"
        )
    try:
        parts.port  # noqa: B018 - raises ValueError for a port outside 0-65535
    except ValueError:
        raise SiteConfigError(f"the chat server's port must be 1-65535 (got {url!r})") from None
    origin = f"{parts.scheme}://{parts.netloc.lower()}"
    ws_scheme = "wss" if parts.scheme == "https" else "ws"
    return ChatServer(url=origin, http_origin=origin, ws_origin=f"{ws_scheme}://{parts.netloc.lower()}")


def security_headers(chat: ChatServer) -> dict[str, str]:
    """Headers for every response: a strict CSP (no inline scripts or styles), nosniff, no referrer.

    The widget's configuration is a `<script type="application/json">` block, which browsers never
    run, so `script-src 'self'` needs no exception for it. `connect-src` names the chat server for
    socket.io's HTTP long-polling and for its WebSocket upgrade.
    """
    csp = "; ".join(
        [
            "default-src 'self'",
            f"connect-src 'self' {chat.http_origin} {chat.ws_origin}",
            "img-src 'self' data:",
            "style-src 'self'",
            "script-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )
    return {
        "Content-Security-Policy": csp,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Server": "prescreen",  # not aiohttp's "Python/3.x aiohttp/3.y": no versions for scanners
    }


def retention_periods() -> tuple[int, int]:
    """Days a lead is kept, and days a conversation without a referral is kept, as the retention job
    runs them (PRESCREEN_RETENTION_DAYS, PRESCREEN_NO_LEAD_RETENTION_DAYS; defaults 365 and 1)."""
    leads = retention_days(None, RETENTION_ENV) or DEFAULT_RETENTION_DAYS
    no_lead = retention_days(None, NO_LEAD_RETENTION_ENV) or DEFAULT_NO_LEAD_RETENTION_DAYS
    return leads, no_lead


def make_app(
    chat_server_url: str,
    *,
    trials: Sequence[Trial] | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> web.Application:
    """The site as an aiohttp application. Raises SiteConfigError for a bad chat server URL or
    retention setting, and bot.trials.TrialFileError for invalid trial files."""
    chat = parse_chat_server(chat_server_url)
    try:
        leads_days, no_lead_days = retention_periods()
    except ValueError as error:  # PrivacyInputError: says which variable and what it must be
        raise SiteConfigError(str(error)) from None
    app = web.Application()
    app[TEMPLATES_KEY] = _templates()
    app[HEADERS_KEY] = security_headers(chat)
    app[CONTEXT_KEY] = {
        "language": language,
        "trials": list(trials if trials is not None else load_trials()),
        "chat_server": chat.url,
        "retention_days": leads_days,
        "no_lead_retention_days": no_lead_days,
    }
    app.router.add_get("/", index, name="index")
    app.router.add_get("/privacy", privacy, name="privacy")
    # The same pages in Chinese (templates/zh/), whatever the site's default language.
    app.router.add_get("/zh/", chinese_index, name="index_zh")
    app.router.add_get("/zh", chinese_index)
    app.router.add_get("/zh/privacy", chinese_privacy, name="privacy_zh")
    app.router.add_get("/health", site_health, name="health")
    app.router.add_static("/static/", STATIC_DIR, name="static")
    app.on_response_prepare.append(_add_headers)
    return app


async def index(request: web.Request) -> web.Response:
    """The list of studies, each with a button that opens the chat."""
    return _render(request, "index.html")


async def privacy(request: web.Request) -> web.Response:
    """The privacy notice the widget links to."""
    return _render(request, "privacy.html")


async def chinese_index(request: web.Request) -> web.Response:
    """The list of studies in Chinese; the widget there starts its conversations in Chinese."""
    return _render(request, "zh/index.html")


async def chinese_privacy(request: web.Request) -> web.Response:
    """The privacy notice in Chinese."""
    return _render(request, "zh/privacy.html")


def _render(request: web.Request, template: str) -> web.Response:
    app = request.app
    html = app[TEMPLATES_KEY].get_template(template).render(**app[CONTEXT_KEY])
    return web.Response(text=html, content_type="text/html", charset="utf-8")


def _templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,  # every value is escaped unless a template says otherwise
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["localize"] = localize
    return env


async def _add_headers(request: web.Request, response: web.StreamResponse) -> None:
    """Security headers on every response (404s included), and a cache policy."""
    response.headers.update(request.app[HEADERS_KEY])
    static = request.path.startswith("/static/")
    if "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = STATIC_CACHE_CONTROL if static else PAGE_CACHE_CONTROL
    # aiohttp names no charset for files; ours are UTF-8 (the widget has "…" and "×" in it).
    content_type = response.headers.get("Content-Type", "")
    if static and content_type in TEXT_TYPES:
        response.headers["Content-Type"] = f"{content_type}; charset=utf-8"


def default_port() -> str:
    """PRESCREEN_SITE_PORT, or 8080."""
    return os.environ.get("PRESCREEN_SITE_PORT") or "8080"


def default_chat_server() -> str:
    """PRESCREEN_CHAT_SERVER, or the Rasa server `make run` starts."""
    return os.environ.get("PRESCREEN_CHAT_SERVER") or "http://localhost:5005"

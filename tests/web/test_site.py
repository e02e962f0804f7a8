"""The demo trial-site page (bot/web/site.py) and the chat widget's files, without a browser.

Requests go through aiohttp's TestServer/TestClient inside asyncio.run (pytest-aiohttp is not
installed). The browser behaviour of the widget is tested with Playwright elsewhere.
"""

from __future__ import annotations

import asyncio
import html
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.text import localize
from bot.trials import load_trials
from bot.web.__main__ import main
from bot.web.site import SiteConfigError, make_app, parse_chat_server

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "bot" / "web" / "static"
CHAT = "http://localhost:5005"
JS_TYPES = ("text/javascript", "application/javascript")


@pytest.fixture(scope="module")
def trials():
    return load_trials()


@pytest.fixture(autouse=True)
def default_retention(monkeypatch):
    monkeypatch.delenv("PRESCREEN_RETENTION_DAYS", raising=False)
    monkeypatch.delenv("PRESCREEN_NO_LEAD_RETENTION_DAYS", raising=False)


def fetch(app, *paths: str) -> dict[str, tuple[int, dict[str, str], str]]:
    """GET each path from the app: status, headers and body text."""

    async def run():
        results = {}
        async with TestClient(TestServer(app)) as client:
            for path in paths:
                response = await client.get(path)
                results[path] = (response.status, dict(response.headers), await response.text())
        return results

    return asyncio.run(run())


def page_text(body: str) -> str:
    """The page's text with entities decoded and whitespace collapsed, to look for sentences in."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class ScriptTags(HTMLParser):
    """Collects every <script> tag's attributes and content."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._inside: dict[str, str | None] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._inside = dict(attrs)
            self.scripts.append((self._inside, ""))

    def handle_data(self, data):
        if self._inside is not None:
            attrs, content = self.scripts[-1]
            self.scripts[-1] = (attrs, content + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._inside = None


def scripts_of(body: str) -> list[tuple[dict[str, str | None], str]]:
    parser = ScriptTags()
    parser.feed(body)
    return parser.scripts


# ----- the list of studies -------------------------------------------------------------------------


def test_the_index_lists_every_trial_in_the_trial_files(trials):
    status, _, body = fetch(make_app(CHAT), "/")["/"]
    assert status == 200
    assert body.count('class="trial"') == len(trials)
    text = page_text(body)
    for trial in trials:
        assert f'data-trial-id="{trial.id}"' in body
        assert squash(localize(trial.short_title)) in text
        assert squash(trial.title) in text
        assert squash(localize(trial.summary)) in text
        assert squash(localize(trial.what_taking_part_involves)) in text
        for identifier in trial.identifiers.values():
            assert identifier in text
        assert f'data-status="{trial.status}"' in body


def test_each_recruiting_study_has_a_button_that_opens_the_chat(trials):
    body = fetch(make_app(CHAT, trials=trials), "/")["/"][2]
    recruiting = [t for t in trials if t.is_active]
    assert recruiting, "the trial files should hold at least one recruiting study"
    assert body.count("data-prescreen-chat-open") == len(recruiting)
    assert "Check if this study may fit you" in body


def test_a_closed_study_is_listed_without_a_chat_button(trials):
    closed = trials[0].copy(update={"status": "closed"})
    body = fetch(make_app(CHAT, trials=[closed]), "/")["/"][2]
    assert f'data-trial-id="{closed.id}"' in body
    assert "data-prescreen-chat-open" not in body


def test_trial_text_is_escaped_not_run(trials):
    hostile = trials[0].copy(update={"title": "<script>alert(1)</script>"})
    body = fetch(make_app(CHAT, trials=[hostile]), "/")["/"][2]
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_the_page_embeds_the_widget_with_one_script_tag_and_a_json_config(trials):
    body = fetch(make_app("https://chat.example.org:8443", trials=trials), "/")["/"][2]
    scripts = scripts_of(body)
    executable = [attrs for attrs, _ in scripts if attrs.get("type") != "application/json"]
    # No inline script may run under `script-src 'self'`: every executable script has a src.
    assert executable == [{"src": "/static/chat-widget.js", "defer": None}]
    (config_text,) = [content for attrs, content in scripts if attrs.get("type") == "application/json"]
    config = json.loads(config_text)
    assert config["serverUrl"] == "https://chat.example.org:8443"
    assert config["privacyUrl"] == "/privacy"
    assert config["language"] == "en"


# ----- headers -------------------------------------------------------------------------------------


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("path", ["/", "/privacy", "/zh/", "/zh/privacy"])
def test_pages_send_a_strict_content_security_policy_and_security_headers(trials, path):
    status, headers, _ = fetch(make_app("http://localhost:5005", trials=trials), path)[path]
    assert status == 200
    csp = csp_directives(headers["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert csp["connect-src"] == ["'self'", "http://localhost:5005", "ws://localhost:5005"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert csp["style-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert not any("unsafe" in value for values in csp.values() for value in values)
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["Content-Type"].startswith("text/html")


def test_an_https_chat_server_is_reached_over_wss(trials):
    headers = fetch(make_app("https://chat.example.org", trials=trials), "/")["/"][1]
    csp = csp_directives(headers["Content-Security-Policy"])
    assert csp["connect-src"] == ["'self'", "https://chat.example.org", "wss://chat.example.org"]


# ----- static files --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "types"),
    [
        ("/static/chat-widget.js", JS_TYPES),
        ("/static/vendor/socket.io.min.js", JS_TYPES),
        ("/static/chat-widget.css", ("text/css",)),
        ("/static/site.css", ("text/css",)),
    ],
)
def test_static_files_are_served_with_their_type_and_a_cache_policy(trials, path, types):
    status, headers, body = fetch(make_app(CHAT, trials=trials), path)[path]
    assert status == 200
    content_type, _, params = headers["Content-Type"].partition(";")
    assert content_type in types
    assert "charset=utf-8" in params
    assert headers["Cache-Control"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert body


def test_the_vendored_socket_io_client_is_4x_with_its_licence_and_version_note():
    bundle = (STATIC / "vendor" / "socket.io.min.js").read_text(encoding="utf-8")
    version = re.search(r"Socket\.IO v(4\.\d+\.\d+)", bundle)
    assert version, "socket.io.min.js should be the socket.io-client 4.x browser build"
    assert "MIT License" in (STATIC / "vendor" / "socket.io-client.LICENSE").read_text(encoding="utf-8")
    note = (STATIC / "vendor" / "socket.io-client.VERSION").read_text(encoding="utf-8")
    assert f"socket.io-client {version.group(1)}" in note


def test_the_widget_never_parses_text_as_html():
    # Bot replies and user messages are untrusted text (a bot reply can echo what a person typed).
    # Building the DOM only with textContent/createTextNode makes `<img src=x onerror=...>` show as
    # text; any of these APIs would parse it as HTML and could run it. This is a plain text search,
    # comments included, so the file must not even mention them.
    widget = (STATIC / "chat-widget.js").read_text(encoding="utf-8")
    for api in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert api not in widget, f"chat-widget.js uses {api}"


# ----- the privacy notice --------------------------------------------------------------------------


def test_the_privacy_notice_states_the_default_retention_periods(trials):
    status, _, body = fetch(make_app(CHAT, trials=trials), "/privacy")["/privacy"]
    assert status == 200
    text = page_text(body)
    assert "deleted automatically 1 day after its last message" in text
    assert "365 days" in text
    assert "encrypted" in text
    assert "nothing it says is medical advice" in text
    assert "makes the final decision" in text


def test_the_privacy_notice_follows_the_retention_settings(trials, monkeypatch):
    monkeypatch.setenv("PRESCREEN_RETENTION_DAYS", "90")
    monkeypatch.setenv("PRESCREEN_NO_LEAD_RETENTION_DAYS", "2")
    text = page_text(fetch(make_app(CHAT, trials=trials), "/privacy")["/privacy"][2])
    assert "90 days" in text
    assert "2 days after its last message" in text


def test_a_bad_retention_setting_is_a_clear_error(trials, monkeypatch):
    monkeypatch.setenv("PRESCREEN_RETENTION_DAYS", "a year")
    with pytest.raises(SiteConfigError, match="PRESCREEN_RETENTION_DAYS"):
        make_app(CHAT, trials=trials)


# ----- arguments -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "http_origin", "ws_origin"),
    [
        ("http://localhost:5005", "http://localhost:5005", "ws://localhost:5005"),
        ("http://127.0.0.1:5005/", "http://127.0.0.1:5005", "ws://127.0.0.1:5005"),
        ("https://Chat.Example.org", "https://chat.example.org", "wss://chat.example.org"),
        ("http://[::1]:5005", "http://[::1]:5005", "ws://[::1]:5005"),
    ],
)
def test_a_chat_server_url_gives_its_http_and_websocket_origins(url, http_origin, ws_origin):
    chat = parse_chat_server(url)
    assert (chat.http_origin, chat.ws_origin) == (http_origin, ws_origin)


@pytest.mark.parametrize(
    "url",
    [
        "localhost:5005",
        "ftp://localhost",
        "http://",
        "http://localhost:5005/webhooks",
        "http://localhost:99999",
        "http://user@localhost",
        "http://localhost:5005?x=1",
        "javascript:alert(1)",
        "",
    ],
)
def test_a_chat_server_that_is_not_http_host_port_is_refused(url):
    with pytest.raises(SiteConfigError, match=r"http\(s\)://host\[:port\]|port"):
        parse_chat_server(url)


def test_a_bad_chat_server_argument_exits_2_with_one_line(capsys):
    assert main(["--chat-server", "ftp://example.org"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("error: the chat server must be written http(s)://host[:port]")


def test_a_bad_port_exits_2(capsys):
    assert main(["--port", "eighty"]) == 2
    assert "port" in capsys.readouterr().err


def test_python_m_bot_web_exits_2_for_a_bad_chat_server():
    result = subprocess.run(
        [sys.executable, "-m", "bot.web", "--chat-server", "not a url"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("error: the chat server")


def test_the_site_answers_its_health_check(trials):
    status, _headers, body = fetch(make_app(CHAT, trials=trials), "/health")["/health"]
    assert status == 200 and json.loads(body) == {"status": "ok"}


# ----- Chinese -------------------------------------------------------------------------------------


def test_the_chinese_page_lists_every_study_in_chinese_and_starts_the_chat_in_chinese(trials):
    pages = fetch(make_app(CHAT, trials=trials), "/zh/", "/", "/zh/privacy")
    status, _, body = pages["/zh/"]
    assert status == 200
    assert '<html lang="zh-CN">' in body
    for trial in trials:
        chinese_title = localize(trial.short_title, "zh")
        assert chinese_title != localize(trial.short_title, "en")  # each trial file has its Chinese text
        assert html.escape(chinese_title, quote=False) in body or chinese_title in html.unescape(body)
    (config_text,) = [
        content for attrs, content in scripts_of(body) if attrs.get("type") == "application/json"
    ]
    config = json.loads(config_text)
    assert config["language"] == "zh" and config["privacyUrl"] == "/zh/privacy"
    assert 'href="/zh/"' in pages["/"][2]  # each page links to the other language
    assert 'href="/"' in body
    privacy = page_text(pages["/zh/privacy"][2])
    assert "1 天后自动删除" in privacy and "365 天" in privacy and "加密" in privacy

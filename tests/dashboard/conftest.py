"""The dashboard under test: a real aiohttp server on loopback (aiohttp.test_utils), driven from
plain synchronous tests through `Browser`, on SQLite and PostgreSQL (`database_url`, as in
tests/leads). Time comes from a `Clock` the tests move; passwords use a cheap argon2 setting."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import pytest
from aiohttp.test_utils import TestClient, TestServer
from argon2 import PasswordHasher
from multidict import CIMultiDictProxy

from bot.dashboard import accounts
from bot.dashboard.app import make_app
from bot.dashboard.auth import AuthSettings
from tests.dashboard.html import Page
from tests.leads.conftest import database_url  # noqa: F401 - the fixture, for every test here

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def cheap_password_hashes(monkeypatch):
    monkeypatch.setattr(accounts, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    monkeypatch.setattr(accounts, "_dummy_hash", None)


class Clock:
    def __init__(self, start: datetime):
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class Response:
    status: int
    headers: CIMultiDictProxy
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    @property
    def page(self) -> Page:
        return Page.parse(self.text)

    @property
    def location(self) -> str | None:
        return self.headers.get("Location")


class Browser:
    """One browser (one cookie jar) talking to the dashboard; redirects are not followed unless asked."""

    def __init__(self, loop: asyncio.AbstractEventLoop, client: TestClient):
        self.loop = loop
        self.client = client
        self.headers: dict[str, str] = {}  # sent with every request (as a proxy would add them)

    @property
    def host(self) -> str:
        """host:port, as this browser's requests name the dashboard."""
        return f"{self.client.server.host}:{self.client.server.port}"

    def request(self, method: str, path: str, follow: bool = False, **kwargs) -> Response:
        kwargs["headers"] = {**self.headers, **(kwargs.get("headers") or {})}

        async def go() -> Response:
            async with self.client.request(method, path, allow_redirects=follow, **kwargs) as response:
                return Response(response.status, response.headers, await response.read())

        return self.loop.run_until_complete(go())

    def get(self, path: str, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, data: dict | None = None, **kwargs) -> Response:
        return self.request("POST", path, data=data or {}, **kwargs)

    def sign_in(self, login: str, password: str = PASSWORD) -> Response:
        token = self.get("/login").page.form("login-form").fields["csrf_token"]
        return self.post("/login", {"login": login, "password": password, "csrf_token": token})

    def set_session_cookie(self, token: str) -> None:
        self.client.session.cookie_jar.update_cookies({"prescreen_session": token}, self.client.make_url("/"))

    def csrf(self, path: str = "/leads") -> str:
        """The session's CSRF token, as the pages carry it."""
        return self.get(path).page.form("sign-out").fields["csrf_token"]


class Dashboard:
    def __init__(self, clock: Clock, settings: AuthSettings, page_size: int):
        self.clock = clock
        self.loop = asyncio.new_event_loop()
        self.server = TestServer(make_app(settings, clock=clock, page_size=page_size))
        self.loop.run_until_complete(self.server.start_server())
        self.clients: list[TestClient] = []

    def browser(self) -> Browser:
        async def start() -> TestClient:  # made inside the loop, so aiohttp finds it running
            client = TestClient(self.server)
            await client.start_server()
            return client

        client = self.loop.run_until_complete(start())
        self.clients.append(client)
        return Browser(self.loop, client)

    def signed_in(self, login: str = "li.wei") -> Browser:
        """A browser signed in as `login` (the account is created if needed)."""
        if login not in {a.login for a in accounts.list_accounts()}:
            accounts.create_account(login, PASSWORD)
        browser = self.browser()
        assert browser.sign_in(login).status == 303
        return browser

    def close(self) -> None:
        for client in self.clients:
            self.loop.run_until_complete(client.close())
        self.loop.run_until_complete(self.server.close())
        self.loop.close()


PAGE_SIZE = 3


@pytest.fixture
def dashboard(database_url) -> Iterator[Dashboard]:  # noqa: F811 - the imported fixture
    clock = Clock(datetime.now(timezone.utc))
    running = Dashboard(clock, AuthSettings(), page_size=PAGE_SIZE)
    try:
        yield running
    finally:
        running.close()

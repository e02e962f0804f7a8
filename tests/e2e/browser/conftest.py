"""Browser tests: Playwright drives Debian's chromium against the real servers.

The servers are the ones the e2e tests use (Rasa with the socket.io channel, the action server,
one throwaway database), plus the demo trial-site page and the coordinator dashboard started here
the way scripts/run.sh starts them. Screenshots go to test-artifacts/ at the repo root.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import ROOT, RasaServer, _free_port, serving

CHROMIUM = os.environ.get("PRESCREEN_CHROMIUM", "/usr/bin/chromium")
# As the machine notes say: without the background-networking flags Chromium keeps trying to
# reach Google's hosts, which this closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
# The site and the dashboard run in their own venv, as scripts/run.sh starts them (requirements-web.txt).
WEB_PYTHON = str(ROOT / ".venv-web" / "bin" / "python")
COORDINATOR_LOGIN = "coordinator.e2e"
COORDINATOR_PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"no Chromium at {CHROMIUM}: run the tests with `make test` (it installs Debian's "
            "chromium) or set PRESCREEN_CHROMIUM"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    """A fresh browser profile per test (its own localStorage and cookies)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.set_default_timeout(30_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.script_errors = errors  # checked by tests that care
    return page


@pytest.fixture(scope="session")
def site_server(
    rasa_server: RasaServer, site_port: int, e2e_workdir: Path, e2e_env: dict[str, str]
) -> Iterator[RasaServer]:
    """The demo trial-site page (`python -m bot.web`) pointing its widget at the test Rasa."""
    yield from _site(rasa_server.base_url, site_port, e2e_workdir / "site.log", e2e_env)


def _site(chat_server: str, port: int, log_path: Path, env: dict[str, str]) -> Iterator[RasaServer]:
    cmd = [
        WEB_PYTHON, "-m", "bot.web",
        "--host", "127.0.0.1", "--port", str(port),
        "--chat-server", chat_server,
    ]  # fmt: skip
    with serving(cmd, port, "/", log_path, env) as server:
        yield server


@pytest.fixture
def offline_site_server(e2e_workdir: Path, e2e_env: dict[str, str]) -> Iterator[RasaServer]:
    """A demo page whose chat server is down (nothing listens on its port)."""
    dead = f"http://127.0.0.1:{_free_port()}"
    yield from _site(dead, _free_port(), e2e_workdir / "site-offline.log", e2e_env)


@pytest.fixture(scope="session")
def dashboard_server(e2e_workdir: Path, e2e_env: dict[str, str]) -> Iterator[RasaServer]:
    """The coordinator dashboard on the same database, with one coordinator account."""
    subprocess.run(
        [sys.executable, "-m", "bot", "coordinators", "add", COORDINATOR_LOGIN, "--password-stdin"],
        input=COORDINATOR_PASSWORD + "\n",
        text=True,
        cwd=ROOT,
        env=e2e_env,
        check=True,
        capture_output=True,
    )
    port = _free_port()
    cmd = [WEB_PYTHON, "-m", "bot.dashboard", "--host", "127.0.0.1", "--port", str(port)]
    with serving(cmd, port, "/login", e2e_workdir / "dashboard.log", e2e_env) as server:
        yield server


def serious_axe_violations(page) -> list[str]:
    """Run axe-core (vendored, offline) on the page; return the serious and critical violations.

    The script goes in through page.evaluate, which Chromium runs outside the page's
    Content-Security-Policy, so the page's CSP stays as strict as in production.
    """
    page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate(
        """async () => {
            const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
            const r = await axe.run(document, {runOnly: tags});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }"""
    )
    return [
        f"{v['impact']}: {v['id']} ({v['help']}) at {v['nodes']}"
        for v in result
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture(scope="session")
def leads_env(e2e_env):
    """This process reads the test database (to check leads) with the servers' settings."""
    patch = pytest.MonkeyPatch()
    for key in ("DATABASE_URL", "PRESCREEN_ENCRYPTION_KEY"):
        patch.setenv(key, e2e_env[key])
    yield e2e_env
    patch.undo()


@pytest.fixture(scope="session")
def widget_lead(site_server, browser, artifacts, leads_env) -> dict:
    """One whole screening in the widget, shared by the widget and dashboard tests."""
    from tests.e2e.browser.widget import screen_in_the_widget

    return screen_in_the_widget(browser, site_server.base_url, artifacts)

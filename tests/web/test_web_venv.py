"""The web faces' own venv (.venv-web, made by scripts/setup.sh from requirements-web.txt): a
current aiohttp, everything the site and the dashboard import, and no version in the Server header."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WEB_PYTHON = ROOT / ".venv-web" / "bin" / "python"


def in_web_venv(code: str) -> str:
    done = subprocess.run(
        [str(WEB_PYTHON), "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def test_the_web_faces_run_on_aiohttp_3_13_or_later_without_rasa():
    version = in_web_venv("import aiohttp; print(aiohttp.__version__)")
    assert tuple(int(part) for part in version.split(".")[:2]) >= (3, 13), version
    assert in_web_venv("import importlib.util as u; print(u.find_spec('rasa') is None)") == "True"
    assert (
        in_web_venv("import bot.web.site, bot.dashboard.app, bot.leads.exports.fhir_export; print('ok')")
        == "ok"
    )


def test_the_server_header_names_no_version():
    code = """
import asyncio
from aiohttp.test_utils import TestClient, TestServer
from bot.web.site import make_app as site
from bot.dashboard.app import make_app as dashboard

async def header(app):
    async with TestClient(TestServer(app)) as client:
        response = await client.get("/health")
        return response.headers.get("Server", "")

print(asyncio.run(header(site("http://localhost:5005"))) + "|" + asyncio.run(header(dashboard())))
"""
    site_header, dashboard_header = in_web_venv(code).splitlines()[-1].split("|")
    for header in (site_header, dashboard_header):
        assert "aiohttp" not in header.lower() and "python" not in header.lower(), header


def test_the_dashboard_signs_in_and_exports_every_format_in_the_web_venv(tmp_path):
    code = f"""
import asyncio, os, re
os.environ["DATABASE_URL"] = "sqlite:///{tmp_path}/web.db"
from cryptography.fernet import Fernet
os.environ["PRESCREEN_ENCRYPTION_KEY"] = Fernet.generate_key().decode()
from aiohttp.test_utils import TestClient, TestServer
from bot.dashboard import accounts
from bot.dashboard.app import make_app
accounts.create_account("li.wei", "correct horse battery staple 1")

def token(page):
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

async def main():
    async with TestClient(TestServer(make_app())) as client:
        form = await (await client.get("/login")).text()
        signed = await client.post("/login", allow_redirects=False, data={{
            "login": "li.wei", "password": "correct horse battery staple 1", "csrf_token": token(form)}})
        csrf = token(await (await client.get("/leads")).text())
        statuses = [signed.status]
        for fmt in ("csv", "xlsx", "json", "fhir"):
            response = await client.post("/exports", data={{"format": fmt, "csrf_token": csrf}})
            await response.read()
            statuses.append(response.status)
        print(statuses)

asyncio.run(main())
"""
    assert in_web_venv(code).splitlines()[-1] == "[303, 200, 200, 200, 200]"

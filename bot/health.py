"""GET /health for the web faces (demo site, dashboard): what the supervisor (scripts/run.sh) and a
deployment's load balancer ask. 200 {"status": "ok"} when the process can do its work, 503 with
what is wrong otherwise. Says nothing about any person."""

from __future__ import annotations

from aiohttp import web
from sqlalchemy import text

from bot.leads.database import database_url, engine_for


def database_reachable() -> str | None:
    """None when a trivial query works on the leads database, else the kind of error."""
    try:
        with engine_for(database_url()).connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # noqa: BLE001 - any failure means "not healthy", reported by kind
        return type(error).__name__
    return None


async def site_health(_request: web.Request) -> web.Response:
    """The demo site needs nothing but itself."""
    return web.json_response({"status": "ok"})


async def dashboard_health(_request: web.Request) -> web.Response:
    """The dashboard needs the leads database."""
    import asyncio

    problem = await asyncio.to_thread(database_reachable)
    if problem:
        return web.json_response({"status": "unavailable", "database": problem}, status=503)
    return web.json_response({"status": "ok", "database": "ok"})

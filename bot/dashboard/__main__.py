"""`python -m bot.dashboard`: serve the coordinator dashboard (default http://127.0.0.1:8050/).

The database is DATABASE_URL, as for the CLI; its schema is brought up to date at start-up. Create
an account first: `python -m bot coordinators add LOGIN`. Behind a TLS-terminating proxy, set
PRESCREEN_DASHBOARD_SECURE_COOKIES=1 so the session cookie is marked Secure.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from aiohttp import web

from bot.dashboard.app import make_app
from bot.leads.database import database_url, engine_for

PORT_ENV = "PRESCREEN_DASHBOARD_PORT"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.dashboard", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument(
        "--port",
        type=int,
        default=None,
        help=f"port to listen on (default ${PORT_ENV}, else 8050)",
    )
    args = parser.parse_args(argv)
    try:
        port = args.port if args.port is not None else int(os.environ.get(PORT_ENV) or 8050)
    except ValueError:
        print(f"error: {PORT_ENV} must be a port number (got {os.environ.get(PORT_ENV)!r})", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    try:
        app = make_app()
    except ValueError as error:  # a bad PRESCREEN_DASHBOARD_* setting
        print(f"error: {error}", file=sys.stderr)
        return 2
    engine_for(database_url())  # migrate now, not on the first request
    # Request lines in the access log hold no health data: lead filters are POSTed, ids are random UUIDs.
    web.run_app(
        app,
        host=args.host,
        port=port,
        access_log_format='%a "%r" %s %b %Tf',
        print=lambda _: print(f"Coordinator dashboard on http://{args.host}:{port}/ (Ctrl-C stops it)"),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

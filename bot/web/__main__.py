"""`python -m bot.web`: serve the demo trial-site page with the chat widget.

    python -m bot.web --port 8080 --chat-server http://localhost:5005

Exit codes: 0 after a clean stop, 1 invalid trial files, 2 bad arguments or settings (one line says
what to fix).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from aiohttp import web

from bot.trials import TrialFileError
from bot.web.site import SiteConfigError, default_chat_server, default_port, make_app


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the arguments, build the site and serve it until interrupted."""
    args = _parser().parse_args(argv)
    try:
        port = _port(args.port)
        app = make_app(args.chat_server)
    except SiteConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except TrialFileError as error:
        print(error.report(), file=sys.stderr)
        return 1
    print(f"Trial-site page: http://{args.host}:{port}/  (chat server: {args.chat_server})", flush=True)
    web.run_app(app, host=args.host, port=port, print=None)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot.web", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument(
        "--port",
        default=default_port(),
        help="port to listen on (default: $PRESCREEN_SITE_PORT, else 8080)",
    )
    parser.add_argument(
        "--chat-server",
        default=default_chat_server(),
        help="the Rasa server as the browser reaches it, http(s)://host[:port] "
        "(default: $PRESCREEN_CHAT_SERVER, else http://localhost:5005)",
    )
    return parser


def _port(value: str) -> int:
    try:
        port = int(str(value).strip())
    except ValueError:
        port = -1
    if not 1 <= port <= 65535:
        raise SiteConfigError(f"the port must be a whole number from 1 to 65535 (got {value!r})")
    return port


if __name__ == "__main__":
    sys.exit(main())

"""`python -m rasa_addons.action_server --actions actions --port N`: rasa_sdk's action server, on
loopback by default and answering only callers that show the shared secret.

Anyone who could reach rasa_sdk's server could run our actions with a forged conversation,
including the one that saves a lead. So:

- it listens on PRESCREEN_ACTIONS_HOST (default 127.0.0.1, only this machine); set it to the
  private address Rasa reaches it on in a deployment, never to a public one;
- every request except GET /health must carry the secret in the X-Prescreen-Action-Secret header
  (`bot.leads.crypto.action_secret`; Rasa sends it from endpoints.yml), compared in constant time;
  without it the answer is 401 and the action does not run.

The check is attached through rasa_sdk's own plugin hook (`attach_sanic_app_extensions`), so the
server is otherwise rasa_sdk's, arguments included.
"""

from __future__ import annotations

import hmac
import logging
import os
from typing import Any

import pluggy
from sanic import response

from bot.leads.crypto import ACTION_SECRET_HEADER, action_secret

logger = logging.getLogger(__name__)

HOST_SETTING = "PRESCREEN_ACTIONS_HOST"
DEFAULT_HOST = "127.0.0.1"
OPEN_PATHS = frozenset({"/health"})

hookimpl = pluggy.HookimplMarker("rasa_sdk")


class SharedSecretCheck:
    """A rasa_sdk plugin: refuses every request but the health check that lacks the secret."""

    def __init__(self, secret: str) -> None:
        self._secret = secret.encode()

    def allows(self, path: str, shown: str | None) -> bool:
        if path in OPEN_PATHS:
            return True
        return hmac.compare_digest((shown or "").encode(), self._secret)

    @hookimpl
    def attach_sanic_app_extensions(self, app: Any) -> None:  # noqa: ANN401 - Sanic's app
        async def check(request: Any) -> Any:  # noqa: ANN401 - Sanic's request and response
            if not self.allows(request.path, request.headers.get(ACTION_SECRET_HEADER)):
                logger.warning(
                    "action server: refused a %s %s without the shared secret", request.method, request.path
                )
                return response.json({"error": "this server answers the assistant only"}, status=401)
            return None

        app.register_middleware(check, "request")


def main() -> None:
    from rasa_sdk.__main__ import main as rasa_sdk_main
    from rasa_sdk.plugin import plugin_manager

    from bot.understanding import warm_up

    os.environ["SANIC_HOST"] = os.environ.get(HOST_SETTING, "").strip() or DEFAULT_HOST
    warm_up()  # before listening: the first person's answer is not kept waiting
    plugin_manager().register(SharedSecretCheck(action_secret()))
    rasa_sdk_main()


if __name__ == "__main__":
    main()

"""The environment the tests start Rasa with (as scripts/lib.sh sets it for `make`)."""

from __future__ import annotations

import os


def rasa_env() -> dict[str, str]:
    """os.environ plus: no telemetry, no SQLAlchemy 2.0 banner, quiet TensorFlow."""
    env = dict(os.environ)
    env.update(
        RASA_TELEMETRY_ENABLED="false",
        SQLALCHEMY_SILENCE_UBER_WARNING="1",
        TF_CPP_MIN_LOG_LEVEL="2",
    )
    return env

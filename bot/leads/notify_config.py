"""Who is told about new leads, and how: `config/notifications.yml`, checked by pydantic.

The file names, per trial id, the coordinators' e-mail addresses and/or one webhook, plus the SMTP
server and the dashboard address used to build links. Secrets never live in the file: it names the
environment variables that hold them (`secret_env`, `password_env`), read when a message is sent.

Environment overrides: PRESCREEN_NOTIFICATIONS_FILE (another file), PRESCREEN_SMTP_HOST and
PRESCREEN_SMTP_PORT (the mail server, e.g. a local sink in tests).
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import AnyHttpUrl, BaseModel, EmailStr, Extra, Field, ValidationError, root_validator, validator

from bot.validation_messages import YamlFileError, describe_error, read_yaml_file

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_FILE = ROOT / "config" / "notifications.yml"
ENV_NAME = r"^[A-Za-z_][A-Za-z0-9_]*$"
SECRET_WORDS = ("secret", "password", "token", "key")


class NotificationConfigError(ValueError):
    """The notifications file is invalid; `problems` holds one sentence per problem."""

    log_message_is_safe = True  # names settings and files, never people (bot/log_privacy.py)

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


class Webhook(BaseModel, extra=Extra.forbid):
    url: AnyHttpUrl
    secret_env: str = Field(..., regex=ENV_NAME)  # the variable holding the HMAC secret


class TrialRecipients(BaseModel, extra=Extra.forbid):
    email: list[EmailStr] = []
    webhook: Webhook | None = None


class Smtp(BaseModel, extra=Extra.forbid):
    host: str = "localhost"
    port: int = Field(25, ge=1, le=65535)
    sender: str = "prescreen@localhost"
    starttls: bool = False
    username_env: str | None = Field(None, regex=ENV_NAME)
    password_env: str | None = Field(None, regex=ENV_NAME)
    timeout_seconds: float = Field(10.0, gt=0, le=300)

    @root_validator(skip_on_failure=True)
    def _credentials_need_tls(cls, values: dict[str, Any]) -> dict[str, Any]:
        user, password = values.get("username_env"), values.get("password_env")
        if bool(user) != bool(password):
            raise ValueError("`smtp.username_env` and `smtp.password_env` go together: give both or neither")
        if user and not values.get("starttls"):
            raise ValueError(
                "`smtp.starttls` must be true when the server needs a password, so it is never sent in clear"
            )
        return values

    @validator("sender")
    def _looks_like_an_address(cls, value: str) -> str:
        if "@" not in value:
            raise ValueError(f"`smtp.sender` must be an e-mail address (got {value!r})")
        return value


class NotificationSettings(BaseModel, extra=Extra.forbid):
    dashboard_url: AnyHttpUrl | None = None
    smtp: Smtp = Smtp()
    trials: dict[str, TrialRecipients] = {}

    @validator("smtp", "trials", pre=True)
    def _empty_means_defaults(cls, value: Any) -> Any:
        return {} if value is None else value  # `smtp:` or `trials:` with nothing under it

    def recipients(self, trial_id: str) -> TrialRecipients:
        return self.trials.get(trial_id) or TrialRecipients()

    def link(self, lead_id: str) -> str | None:
        """Where a coordinator opens the lead, or None when no dashboard is configured."""
        if self.dashboard_url is None:
            return None
        return f"{str(self.dashboard_url).rstrip('/')}/leads/{lead_id}"

    def webhook_secret_env(self, trial_id: str, url: str) -> str | None:
        """The secret's variable for a webhook URL: the trial's own first, then any trial's."""
        own = self.recipients(trial_id).webhook
        if own is not None and str(own.url) == url:
            return own.secret_env
        for recipients in self.trials.values():
            if recipients.webhook is not None and str(recipients.webhook.url) == url:
                return recipients.webhook.secret_env
        return None

    def missing_secrets(self) -> list[str]:
        """Environment variables the file names but the process does not have."""
        names = [r.webhook.secret_env for r in self.trials.values() if r.webhook is not None]
        if self.smtp.password_env:
            names.append(self.smtp.password_env)
        if self.smtp.username_env:
            names.append(self.smtp.username_env)
        return sorted({n for n in names if not os.environ.get(n)})


def notifications_file() -> Path:
    return Path(os.environ.get("PRESCREEN_NOTIFICATIONS_FILE") or DEFAULT_FILE)


def load_settings(
    path: Path | None = None, known_trials: Iterable[str] | None = None
) -> NotificationSettings:
    """Read and check the notifications file; raise NotificationConfigError naming file and field.

    With `known_trials`, every trial id in the file must be one of them (the sender checks this at
    start-up, so a misspelt id is not silently never notified).
    """
    path = path or notifications_file()
    label = _display_name(path)
    try:
        raw = read_yaml_file(path, label)
    except YamlFileError as error:
        raise NotificationConfigError([str(error)]) from None
    raw = {} if raw is None else raw
    if not isinstance(raw, dict):
        raise NotificationConfigError([f"{label}: must be a mapping (got {type(raw).__name__})"])
    raw = _with_env_overrides(raw)
    try:
        settings = NotificationSettings.parse_obj(raw)
    except ValidationError as error:
        raise NotificationConfigError([f"{label}: {m}" for m in _describe(error, raw)]) from None
    if known_trials is not None:
        known = sorted(known_trials)
        problems = [
            f"{label}: `trials.{t}` is not a known trial id{_did_you_mean(t, known)}"
            f" (known: {', '.join(known)})"
            for t in settings.trials
            if t not in known
        ]
        if problems:
            raise NotificationConfigError(problems)
    return settings


def _with_env_overrides(raw: dict[str, Any]) -> dict[str, Any]:
    overrides: dict[str, Any] = {}
    if os.environ.get("PRESCREEN_SMTP_HOST"):
        overrides["host"] = os.environ["PRESCREEN_SMTP_HOST"]
    port = os.environ.get("PRESCREEN_SMTP_PORT")
    if port:
        if not port.isdigit():
            raise NotificationConfigError([f"PRESCREEN_SMTP_PORT must be a port number (got {port!r})"])
        overrides["port"] = int(port)
    smtp = raw.get("smtp") or {}
    if not overrides or not isinstance(smtp, dict):
        return raw  # (pydantic reports an `smtp` that is not a mapping)
    return {**raw, "smtp": {**smtp, **overrides}}


def _describe(error: ValidationError, raw: dict[str, Any]) -> list[str]:
    messages = []
    for item in error.errors():
        field = str(item["loc"][-1])
        if item["type"] == "value_error.extra" and any(w in field.lower() for w in SECRET_WORDS):
            where = ".".join(str(p) for p in item["loc"])
            messages.append(
                f"`{where}`: secrets never go in this file; put it in an environment variable and "
                f"name that variable here (`secret_env` for a webhook, `password_env` for SMTP)"
            )
            continue
        if field.endswith("_env") and item["type"] != "value_error.missing":
            where = ".".join(str(p) for p in item["loc"])
            # Never echo the value: it may be the secret itself, pasted where its variable's name goes.
            messages.append(
                f"`{where}` must be the name of an environment variable (letters, digits and _), "
                "not the secret itself"
            )
            continue
        messages.append(describe_error(item, raw, known_fields=_field_names()))
    return messages


def _did_you_mean(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1)
    return f" (did you mean `{close[0]}`?)" if close else ""


def _field_names() -> list[str]:
    names: list[str] = []
    for model in (NotificationSettings, Smtp, TrialRecipients, Webhook):
        names += list(model.__fields__)
    return names


def _display_name(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)

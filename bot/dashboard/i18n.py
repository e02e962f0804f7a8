"""The dashboard's own words in the coordinator's language (中文 / English).

English is the source: templates and handlers write `_("Leads")` or `_("Page {page} of {pages}", ...)`,
and each other language is one YAML file in translations/ mapping the English text to its translation.
Adding a language is adding a file. A text missing from a file shows in English (a test lists any).

Only the dashboard's text changes language. Lead data stays as the person wrote it: their answers,
names and notes, and the consent wording they were shown.

The coordinator's choice is a cookie (set by GET /language/{code}); without one, the browser's
Accept-Language decides, then English.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import yaml

from bot.text import DEFAULT_LANGUAGE, LANGUAGES

TRANSLATIONS = Path(__file__).resolve().parent / "translations"
LANGUAGE_COOKIE = "prescreen_dashboard_language"

Translate = Callable[..., str]


class TranslationError(ValueError):
    """A translation file that cannot be used, with the file and the reason."""


@cache
def catalogs(folder: Path = TRANSLATIONS) -> dict[str, dict[str, str]]:
    """Each language's table of English text → translation; English maps to itself (empty table)."""
    found: dict[str, dict[str, str]] = {DEFAULT_LANGUAGE: {}}
    for path in sorted(folder.glob("*.yaml")):
        try:
            table = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as error:
            raise TranslationError(f"{path.name}: not valid YAML ({error})") from None
        if not isinstance(table, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in table.items()
        ):
            raise TranslationError(f"{path.name}: write one line per text, English: translation (both text)")
        found[path.stem] = table
    return found


def dashboard_languages() -> dict[str, str]:
    """The languages the dashboard can show, code → the language's own name ("zh" → "中文")."""
    return {code: LANGUAGES.get(code, code) for code in catalogs()}


def translator(language: str) -> Translate:
    """`_(text, **values)`: `text` in `language` (English when it has no translation there), with
    `{name}` places filled from `values`."""
    table = catalogs().get(language, {})

    def translate(text: str, **values: object) -> str:
        said = table.get(text, text)
        return said.format(**values) if values else said

    return translate


def chosen_language(cookie: str | None, accept_language: str | None) -> str:
    """The coordinator's language: the cookie if it names one we have, else the first language of
    the browser's Accept-Language we have ("zh-CN,zh;q=0.9,en;q=0.8" → zh), else English."""
    known = catalogs()
    if cookie in known:
        return cookie
    ranked = []
    for position, part in enumerate((accept_language or "").split(",")):
        code, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        base = code.strip().lower().split("-")[0]
        if base in known and quality > 0:
            ranked.append((-quality, position, base))
    return min(ranked)[2] if ranked else DEFAULT_LANGUAGE

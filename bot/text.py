"""Patient-facing text that can be translated.

Every sentence a patient may read (trial summaries, questions, reasons) is stored either as a
plain string (English) or as a mapping from language code to string. `localize` picks one.
"""

from __future__ import annotations

from collections.abc import Mapping

LocalizedText = str | dict[str, str]

DEFAULT_LANGUAGE = "en"


def localize(text: LocalizedText | None, language: str = DEFAULT_LANGUAGE) -> str:
    """Return `text` in `language`, falling back to English, then to any language present."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    return text.get(language) or text.get(DEFAULT_LANGUAGE) or next(iter(text.values()), "")


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def fill(template: str, values: Mapping[str, str]) -> str:
    """Fill {placeholders}; an unknown placeholder shows as "?" rather than crashing a reply."""
    return template.format_map(_Blank(values))

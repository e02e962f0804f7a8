"""Patient-facing text that can be translated.

Every sentence a patient may read (trial summaries, questions, reasons) is stored either as a
plain string (English) or as a mapping from language code to string. `localize` picks one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

LocalizedText = str | dict[str, str]

DEFAULT_LANGUAGE = "en"

LANGUAGES = {"en": "English", "zh": "中文"}
"""The languages a conversation can be held in (code: name in that language)."""

LANGUAGE_TAGS = {"en": "en", "zh": "zh-CN"}
"""IETF BCP 47 tags for the languages, as FHIR and HTML want them."""


def known_language(code: str | None) -> str:
    """`code` if it is one of LANGUAGES (case and region ignored: "zh-CN" is "zh"), else English."""
    base = (code or "").strip().lower().replace("_", "-").split("-")[0]
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


# CJK Unified Ideographs (the basic block and extension A): what Chinese text is written in.
_CJK_RANGES = (("\u4e00", "\u9fff"), ("\u3400", "\u4dbf"))


_CHINESE_RUN = re.compile("[" + "".join(f"{low}-{high}" for low, high in _CJK_RANGES) + "]+")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def latin_part(text: str) -> str | None:
    """The Latin-letter part of a message written mainly in English with Chinese words in it
    ("乙肝 carrier, but not active"), each Chinese run blanked; None for any other message. Mainly
    English: three Latin words or more, and at least as many Latin letters as Chinese characters
    ("PLT 38" in a Chinese answer is Chinese with a lab name, not English)."""
    chinese = "".join(_CHINESE_RUN.findall(text))
    latin = _LATIN_WORD.findall(text)
    if not chinese or len(latin) < 3 or sum(map(len, latin)) < len(chinese):
        return None
    return _CHINESE_RUN.sub(" ", text)


def written_language(text: str) -> str:
    """'zh' when the text holds a Chinese character, else 'en': the language a message is written in.

    Chinese answers often carry Latin letters and digits (AML, CAR-T, 72), and English ones never
    carry Chinese characters, so one character is enough to tell them apart."""
    return "zh" if any(low <= ch <= high for ch in text for low, high in _CJK_RANGES) else "en"


LANGUAGE_SLOT = "language"
"""The conversation's language as Rasa keeps it; domain.yml's response variants in another language
carry a condition on it."""


def response_language(variant: Mapping[str, object]) -> str:
    """The language of one domain.yml response variant: the value its condition gives the language
    slot, else English (the variants without a condition)."""
    for condition in variant.get("condition") or []:  # type: ignore[union-attr]
        if isinstance(condition, Mapping) and condition.get("name") == LANGUAGE_SLOT:
            return str(condition.get("value"))
    return DEFAULT_LANGUAGE


def conversation_language(
    current: str | None, page: str | None, text: str, first_message: bool, chosen: bool = False
) -> str:
    """The language to hold the conversation in after this message.

    A conversation starts in the page's language (the widget's `language` setting, sent with every
    message). A first message written in Chinese switches to Chinese without asking; after that the
    language stays, so a "72" or an "OK" in a Chinese conversation keeps it Chinese, unless the
    person `chosen` another one with the widget's language switch."""
    if chosen and page:
        return known_language(page)
    if current and current in LANGUAGES and not first_message:
        return current
    if first_message and written_language(text or "") != DEFAULT_LANGUAGE:
        return written_language(text)
    if page:
        return known_language(page)
    return current if current in LANGUAGES else DEFAULT_LANGUAGE


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

"""Plain-language explanations of the words the assistant uses ("what is ECOG?").

The entries live in `glossary.yaml`: a title, the words people may use for it, and a short
explanation. Facts point at entries by id, so "what is that?" can be answered mid-question.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from pydantic import BaseModel, Extra, ValidationError

from bot.facts import Registry
from bot.parsing.text import space_cjk
from bot.text import LocalizedText
from bot.validation_messages import describe_errors, read_yaml_file

GLOSSARY_PATH = Path(__file__).with_name("glossary.yaml")


class GlossaryEntry(BaseModel, extra=Extra.forbid):
    id: str = ""
    title: LocalizedText
    aliases: list[str] = []
    text: LocalizedText


class Glossary:
    def __init__(self, entries: dict[str, GlossaryEntry]):
        self.entries = entries

    def __contains__(self, term_id: str) -> bool:
        return term_id in self.entries

    def __getitem__(self, term_id: str) -> GlossaryEntry:
        return self.entries[term_id]

    def lookup(self, words: str) -> GlossaryEntry | None:
        """The entry whose id, title or alias appears in `words` (longest match wins)."""
        said = _normalise(words)
        best: GlossaryEntry | None = None
        best_length = 0
        for entry in self.entries.values():
            titles = [entry.title] if isinstance(entry.title, str) else list(entry.title.values())
            for name in [entry.id.replace("_", " "), *titles, *entry.aliases]:
                key = _normalise(name)
                if (
                    key
                    and re.search(rf"(?<![a-z0-9]){re.escape(key)}(?![a-z0-9])", said)
                    and len(key) > best_length
                ):
                    best, best_length = entry, len(key)
        return best


def _normalise(text: str) -> str:
    """Lower case, and only letters, digits, "+" and Chinese characters, each Chinese character a
    word of its own (so 血小板 is found inside 什么是血小板)."""
    return " ".join(space_cjk(re.sub(r"[^a-z0-9+ \u3400-\u4dbf\u4e00-\u9fff]", " ", text.lower())).split())


def load_glossary(path: Path = GLOSSARY_PATH) -> Glossary:
    raw = read_yaml_file(path, f"glossary file {path.name}") or {}
    entries, problems = {}, []
    for term_id, body in (raw.get("terms") or {}).items():
        try:
            entries[term_id] = GlossaryEntry.parse_obj({**(body or {}), "id": term_id})
        except ValidationError as error:
            problems += [f"{path.name}: term `{term_id}`: {m}" for m in describe_errors(error, body)]
    if problems:
        raise ValueError("\n".join(problems))
    return Glossary(entries)


@functools.cache
def default_glossary() -> Glossary:
    return load_glossary()


def missing_terms(registry: Registry, glossary: Glossary) -> list[str]:
    """Problems where a fact names a glossary term that does not exist."""
    return [
        f"facts.yaml: fact `{d.id}` names glossary term `{term}`, which glossary.yaml lacks"
        for d in registry
        for term in d.glossary
        if term not in glossary
    ]

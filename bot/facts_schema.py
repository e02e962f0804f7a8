"""The JSON Schema of a facts file, generated from the facts registry.

`docs/facts.schema.json` is this schema, committed so editors can validate facts files; a test
keeps it equal to what the registry generates.
"""

from __future__ import annotations

from typing import Any

from bot.facts import UNKNOWN, FactDefinition, Registry
from bot.rules import NEVER
from bot.text import localize


def facts_json_schema(registry: Registry) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) for `python -m bot screen --facts FILE.json`."""
    properties = {d.id: _answer_schema(d) for d in registry}
    properties["$schema"] = {"type": "string"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Pre-screening facts",
        "description": (
            "A person's answers, keyed by fact id. A missing fact has not been asked; "
            f"'{UNKNOWN}' or null records 'I don't know'. Each answer is a plain value or an object "
            "with value, unit, said (the person's own words) and answered_at."
        ),
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
    }


def _answer_schema(definition: FactDefinition) -> dict[str, Any]:
    value = _value_schema(definition)
    plain = {"anyOf": [value, {"const": UNKNOWN}, {"type": "null"}]}
    detailed = {
        "type": "object",
        "required": ["value"],
        "additionalProperties": False,
        "properties": {
            "value": plain,
            "unit": {"enum": [definition.unit, *definition.units]} if definition.unit else {"type": "null"},
            "said": {"type": "string"},
            "answered_at": {"type": "string", "format": "date-time"},
        },
    }
    return {"description": localize(definition.label), "anyOf": [*plain["anyOf"], detailed]}


def _value_schema(definition: FactDefinition) -> dict[str, Any]:
    kind = definition.type
    if kind in ("number", "integer"):
        schema: dict[str, Any] = {"type": kind}
        if definition.unit:
            schema["description"] = f"in {definition.unit} unless `unit` says otherwise"
        return schema
    if kind == "boolean":
        return {"type": "boolean"}
    if kind == "choice":
        return {"enum": definition.choice_values}
    if kind == "choices":
        return {"type": "array", "items": {"enum": definition.choice_values}, "uniqueItems": True}
    dated = {"type": "string", "format": "date"}
    return {"anyOf": [dated, {"const": NEVER}]} if definition.allow_never else dated

"""Turn pydantic's validation errors into sentences a curator can act on.

pydantic says "value is not a valid float" at ('criteria', 3, 'rule', 'at_most'). A curator needs
"criterion `plt_range`: `rule.at_most` must be a number (got 'hundred')". This module does the
wording; callers add the file name and the criterion id.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from pydantic import ValidationError

Location = Sequence[str | int]

EXPECTATIONS = {
    "type_error.float": "must be a number",
    "type_error.integer": "must be a whole number",
    "type_error.bool": "must be true or false",
    "type_error.str": "must be text",
    "type_error.list": "must be a list",
    "type_error.dict": "must be a mapping",
    "type_error.date": "must be a date written YYYY-MM-DD",
    "value_error.date": "must be a date written YYYY-MM-DD",
    "value_error.missing": "is required",
    "type_error.none.not_allowed": "is required",
}


def value_at(raw: Any, location: Location) -> Any:
    """The raw value at a pydantic location, or None when the path does not exist."""
    current = raw
    for step in location:
        if (
            isinstance(current, dict)
            and step in current
            or isinstance(current, list)
            and isinstance(step, int)
            and step < len(current)
        ):
            current = current[step]
        else:
            return None
    return current


def format_location(location: Location) -> str:
    text = ""
    for step in location:
        if step == "__root__":
            continue
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def describe_error(
    error: dict[str, Any],
    raw: Any,
    known_fields: Iterable[str] | None = None,
    prefix: str = "",
) -> str:
    """One sentence for one pydantic error: where, what was expected, and what was found."""
    location = tuple(error["loc"])
    path = format_location(location)
    where = ".".join(p for p in (prefix, path) if p)
    kind = error["type"]
    got = value_at(raw, location)
    if kind == "value_error.extra":
        field = str(location[-1])
        hint = ""
        close = difflib.get_close_matches(field, list(known_fields or []), n=1)
        if close:
            hint = f" (did you mean `{close[0]}`?)"
        return f"`{where}` is not a known field{hint}"
    if kind.startswith("value_error") and error["msg"].startswith("`"):
        return error["msg"]  # our own validators already say where and what
    if kind == "value_error.const":
        options = ", ".join(repr(a) for a in error.get("ctx", {}).get("permitted", ()))
        expected = f"must be one of {options}" if options else error["msg"]
    else:
        expected = EXPECTATIONS.get(kind, error["msg"])
    shown = f" (got {got!r})" if got is not None and kind != "value_error.missing" else ""
    label = f"`{where}` " if where else ""
    return f"{label}{expected}{shown}"


def describe_errors(
    error: ValidationError,
    raw: Any,
    prefix: str = "",
    known_fields: Iterable[str] | None = None,
    relabel: Callable[[Location], tuple] | None = None,
) -> list[str]:
    """Describe every error; `relabel` may turn a location into (label, rest_of_location)."""
    messages = []
    for item in error.errors():
        location = tuple(item["loc"])
        label = ""
        if relabel is not None:
            label, rest = relabel(location)
            item = {**item, "loc": rest}
            sub_raw = value_at(raw, location[: len(location) - len(rest)])
        else:
            sub_raw = raw
        text = describe_error(item, sub_raw, known_fields, prefix)
        messages.append(f"{label}: {text}" if label else text)
    return messages


class YamlFileError(ValueError):
    """A YAML file that cannot be read or parsed; the message names the file, line and column."""


def read_yaml_file(path, label: str):  # noqa: ANN001, ANN201 - a Path in, any YAML value out
    """Parse a YAML file, turning read and syntax errors into one sentence naming where. A key
    written twice in one mapping is an error too: YAML would keep only the last one, silently
    dropping the first (a criterion, a word list)."""
    import yaml

    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_unique_key_loader())  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise YamlFileError(f"{label}: not valid YAML{where}: {problem}") from None
    except OSError as error:
        raise YamlFileError(f"{label}: cannot be read ({error.strerror})") from None


@functools.cache
def _unique_key_loader():  # noqa: ANN202 - a yaml.SafeLoader subclass
    import yaml

    class UniqueKeyLoader(yaml.SafeLoader):
        """yaml.SafeLoader that refuses a key written twice in one mapping."""

    def mapping(loader, node, deep=False):  # noqa: ANN001, ANN202, FBT002 - PyYAML's constructor signature
        first_line: dict = {}
        for key_node, _ in node.value:
            key = loader.construct_object(key_node, deep=deep)
            if key in first_line:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"the key {key!r} is written twice (first at line {first_line[key]})",
                    key_node.start_mark,
                )
            first_line[key] = key_node.start_mark.line + 1
        return loader.construct_mapping(node, deep=deep)

    UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    return UniqueKeyLoader

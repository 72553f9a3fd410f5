"""Type checks of one CSL-JSON item against the CSL 1.0.2 schema, as located-able problems.

Errors are what the model cannot stand on (a name list that is not a list of name objects, a
date whose ``date-parts`` is not a list of lists, an ``id`` that is an object); the reader then
keeps the item verbatim.  Warnings are values that are merely odd (a Crossref array in a text
variable, ``"spring"`` as a date part, an unknown item type); the mapping keeps them as written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pubconv.errors import Severity
from pubconv.formats.csljson.schema import (
    DATE_VARIABLES,
    ITEM_TYPES,
    NAME_VARIABLES,
    NUMBER_VARIABLES,
    STRING_VARIABLES,
)

_NAME_TEXT_PARTS = (
    "family",
    "given",
    "dropping-particle",
    "non-dropping-particle",
    "suffix",
    "literal",
)


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding about ``key`` of an item (``None``: the item as a whole)."""

    severity: Severity
    message: str
    key: str | None = None


def json_type(value: Any) -> str:
    """How a message names the JSON type of ``value``, e.g. ``an array``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "an array" if isinstance(value, list) else "an object"


def _is_scalar(value: Any) -> bool:
    return isinstance(value, str) or (
        isinstance(value, int | float) and not isinstance(value, bool)
    )


def _names(key: str, value: Any) -> list[Problem]:
    if not isinstance(value, list):
        return [
            Problem(Severity.ERROR, f"{key!r} must be a list of names, not {json_type(value)}", key)
        ]
    for i, name in enumerate(value, 1):
        if not isinstance(name, dict):
            what = json_type(name)
            return [Problem(Severity.ERROR, f"{key!r} name {i} must be an object, not {what}", key)]
        for part in _NAME_TEXT_PARTS:
            if part in name and not isinstance(name[part], str):
                what = json_type(name[part])
                msg = f"{key!r} name {i}: {part!r} must be a string, not {what}"
                return [Problem(Severity.ERROR, msg, key)]
    return []


def _date(key: str, value: Any) -> list[Problem]:
    if isinstance(value, str):
        return []
    if not isinstance(value, dict):
        msg = f"{key!r} must be a date object with date-parts, not {json_type(value)}"
        return [Problem(Severity.ERROR, msg, key)]
    parts = value.get("date-parts")
    if parts is not None:
        shaped = (
            isinstance(parts, list)
            and len(parts) <= 2
            and all(isinstance(p, list) and len(p) <= 3 for p in parts)
        )
        if not shaped:
            msg = f"{key!r} date-parts must be a list of one or two lists of up to 3 numbers"
            return [Problem(Severity.ERROR, msg, key)]
        for part in (p for ps in parts for p in ps):
            if not _is_scalar(part) or (
                isinstance(part, str) and not part.strip().lstrip("-").isdigit()
            ):
                msg = f"{key!r} date part {part!r} is not a number; kept as written"
                return [Problem(Severity.WARNING, msg, key)]
    if "literal" in value and not isinstance(value["literal"], str):
        return [Problem(Severity.ERROR, f"{key!r} literal must be a string", key)]
    return []


def check_item(item: dict[str, Any]) -> list[Problem]:
    """Every problem of ``item`` (an object already), errors and warnings."""
    problems: list[Problem] = []
    if "id" in item and not _is_scalar(item["id"]):
        what = json_type(item["id"])
        problems.append(
            Problem(Severity.ERROR, f"'id' must be a string or number, not {what}", "id")
        )
    kind = item.get("type")
    if "type" in item and not isinstance(kind, str):
        msg = f"'type' must be a string, not {json_type(kind)}"
        problems.append(Problem(Severity.ERROR, msg, "type"))
    elif isinstance(kind, str) and kind not in ITEM_TYPES:
        msg = f"unknown CSL item type {kind!r}; kept as written"
        problems.append(Problem(Severity.WARNING, msg, "type"))
    for key, value in item.items():
        if key in NAME_VARIABLES:
            problems += _names(key, value)
        elif key in DATE_VARIABLES:
            problems += _date(key, value)
        elif key == "custom" and not isinstance(value, dict):
            msg = f"'custom' must be an object, not {json_type(value)}"
            problems.append(Problem(Severity.ERROR, msg, key))
        elif key == "categories":
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                msg = "'categories' should be a list of strings; kept as written"
                problems.append(Problem(Severity.WARNING, msg, key))
        elif (key in NUMBER_VARIABLES or key in STRING_VARIABLES) and not _is_scalar(value):
            what = "a string or number" if key in NUMBER_VARIABLES else "a string"
            msg = f"{key!r} should be {what}, not {json_type(value)}; kept as written"
            problems.append(Problem(Severity.WARNING, msg, key))
    return problems

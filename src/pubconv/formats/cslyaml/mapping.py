"""CSL-YAML items <-> model, through the CSL-JSON mapping (``formats/csljson/mapping.py``).

A CSL-YAML item is a CSL-JSON item spelled in YAML, so the CSL-JSON mapping is used as it is; only
what YAML writers spell differently is normalised first:

- dates: pandoc's ``issued: 2024-07-05`` (a string or a YAML timestamp) and pandoc-citeproc's and
  Better BibTeX's ``issued: [{year: 2024, month: 7}]`` become ``{"date-parts": [[2024, 7, 5]]}``;
- everything else (names, numbers as YAML ints, ``custom``) is already CSL-JSON.

Written items are exactly :func:`publication_to_csl`'s, so CSL-JSON -> CSL-YAML -> CSL-JSON gives
the same JSON values.  Text keeps its markup as written (CSL-JSON's ``<i>`` tags; pandoc reads
CSL-YAML strings as Markdown, where inline HTML passes through).
"""

from __future__ import annotations

from typing import Any

from pubconv.errors import Severity
from pubconv.formats.csljson.checks import check_item
from pubconv.formats.csljson.mapping import csl_to_publication, publication_to_csl
from pubconv.formats.csljson.schema import DATE_VARIABLES
from pubconv.formats.yamlrecords import Converted
from pubconv.model import Publication

_PARTS = ("year", "month", "day")


def _date(value: Any) -> Any:
    """A YAML-only date spelling as a CSL-JSON date object; anything else unchanged."""
    if isinstance(value, str):
        text = value.strip()
        start, _, end = text.partition("/")
        parts = [_numbers(p) for p in (start, end) if p]
        if all(p is not None for p in parts) and parts:
            return {"date-parts": parts}
        return {"literal": value} if text else value
    if isinstance(value, int) and not isinstance(value, bool):
        return {"date-parts": [[value]]}
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        ranges: list[list[Any]] = []
        for part in value[:2]:
            numbers = [part[k] for k in _PARTS if k in part]
            if not numbers or set(part) - set(_PARTS):
                return value
            ranges.append(numbers)
        return {"date-parts": ranges} if len(value) <= 2 else value
    return value


def _numbers(text: str) -> list[int] | None:
    pieces = text.split("-")
    if not 1 <= len(pieces) <= 3 or not all(p.isdigit() for p in pieces):
        return None
    return [int(p) for p in pieces]


def normalise(item: dict[str, Any]) -> dict[str, Any]:
    """``item`` with YAML-only date spellings made CSL-JSON (a new dict; key order kept)."""
    return {k: (_date(v) if k in DATE_VARIABLES else v) for k, v in item.items()}


def check(value: Any) -> str | None:
    """Why ``value`` is not a CSL item (``None`` if it is one)."""
    if not isinstance(value, dict):
        return "not a mapping"
    if "id" not in value and "type" not in value:
        return "it has neither 'id' nor 'type'"
    for problem in check_item(normalise(value)):
        if problem.severity is Severity.ERROR:
            return problem.message
    return None


def convert(value: dict[str, Any], number: int) -> Converted:
    """One CSL-YAML item -> a publication (``item-N`` when it has no usable ``id``)."""
    item = normalise(value)
    notes = [p.message for p in check_item(item) if p.severity is Severity.WARNING]
    identifier = item.get("id")
    key = None
    if not isinstance(identifier, str | int) or isinstance(identifier, bool) or identifier == "":
        key = f"item-{number}"
        notes.append(f"item {number} has no 'id'; it is read with key {key!r}")
    return Converted(csl_to_publication(item, key=key), notes)


def to_value(pub: Publication, like: dict[str, Any] | None = None) -> dict[str, Any]:
    """The CSL item for ``pub`` (what the CSL-JSON writer would write)."""
    del like  # one shape only
    return publication_to_csl(pub)

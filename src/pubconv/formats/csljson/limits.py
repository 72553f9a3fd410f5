"""What a CSL-JSON item may not hold, checked while and after it is decoded.

Python's ``json`` accepts ``NaN`` and ``Infinity`` (not JSON; written back as ``NaN`` or
``volume = {nan}``), turns a 5,000-digit number into a ``ValueError``, nests until a
``RecursionError`` and keeps lone surrogates (``"\\ud800"``) that no UTF-8 writer can encode.
:func:`decoder` refuses the first three as :class:`Refused` with the offending text;
:func:`clean` bounds the nesting depth and replaces lone surrogates with U+FFFD.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from typing import Any, Final

MAX_DEPTH: Final = 64
"""Deepest nesting read; a CSL item needs 4 (item, name list, name, value)."""
MAX_DIGITS: Final = 100
"""Longest number read (a DOI-sized integer has fewer than 40 digits)."""

_SURROGATE: Final = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE: Final = re.compile(r"\\u[dD][89a-fA-F]")
"""A JSON escape that may decode to half a surrogate pair (``\\ud800``-``\\udfff``)."""


class Refused(ValueError):
    """A JSON value pubconv refuses; ``pattern`` finds it in the source text."""

    def __init__(self, message: str, pattern: str) -> None:
        super().__init__(message)
        self.pattern = pattern


def _constant(name: str) -> float:
    raise Refused(
        f"{name} is not valid JSON (CSL-JSON numbers must be finite)",
        rf"(?<![\w.]){re.escape(name)}(?!\w)",
    )


def _int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_DIGITS:
        raise Refused(
            f"number with {digits} digits (at most {MAX_DIGITS} are read)",
            rf"-?\d{{{MAX_DIGITS + 1},}}",
        )
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_DIGITS * 2:
        raise Refused(f"number of {len(text)} characters", rf"-?\d[\d.eE+-]{{{MAX_DIGITS},}}")
    value = float(text)
    if not math.isfinite(value):
        raise Refused(f"number {text} is out of range", re.escape(text))
    return value


def decoder(pairs: Callable[[list[tuple[str, Any]]], dict[str, Any]]) -> json.JSONDecoder:
    """A decoder with ``object_pairs_hook=pairs`` that raises :class:`Refused` as above."""
    return json.JSONDecoder(
        object_pairs_hook=pairs, parse_constant=_constant, parse_int=_int, parse_float=_float
    )


def _fix(text: str, found: list[str], where: str) -> str:
    if _SURROGATE.search(text) is None:
        return text
    found.append(where)
    return _SURROGATE.sub("\ufffd", text)  # json has already joined every valid pair


def is_clean(raw: str) -> bool:
    """True when the JSON text ``raw`` decodes to a value :func:`clean` would return as it is,
    with a depth of at most :data:`MAX_DEPTH` and no surrogate found, judged from the text
    alone: it has no surrogate character, no escape of one, and no more than
    :data:`MAX_DEPTH` ``[`` and ``{`` (each level of nesting opens one).  Most items pass and
    skip the walk over every value (a fifth of the time reading a CSL-JSON file took).
    ``False`` is only "walk it": an escaped backslash before ``ud800`` or brackets inside
    strings count too.  An ASCII text (``json.dump``'s default) holds no surrogate character:
    ``isascii`` answers that without a scan.
    """
    return (
        raw.count("[") + raw.count("{") <= MAX_DEPTH
        and _SURROGATE_ESCAPE.search(raw) is None
        and (raw.isascii() or _SURROGATE.search(raw) is None)
    )


def clean(value: Any) -> tuple[Any, int, list[str]]:
    """``value`` with lone surrogates replaced, its nesting depth, and the keys where surrogates
    were found (the top-level key of each; ``""`` for the item itself).

    Iterative, so that depth costs no stack; stops descending below :data:`MAX_DEPTH`.
    """
    found: list[str] = []
    deepest = 0
    root: list[Any] = [value]
    stack: list[tuple[Any, int, Any, Any, str]] = [(root, 0, 0, value, "")]
    while stack:
        parent, slot, depth, node, top = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(node, str):
            parent[slot] = _fix(node, found, top)
        elif depth >= MAX_DEPTH + 1:
            continue
        elif isinstance(node, list):
            for i, child in enumerate(node):
                stack.append((node, i, depth + 1, child, top))
        elif isinstance(node, dict):
            items = list(node.items())
            if any(isinstance(k, str) and _SURROGATE.search(k) for k, _ in items):
                fixed = {_fix(k, found, top or k): v for k, v in items}
                node.clear()
                node.update(fixed)
                items = list(node.items())
            for k, child in items:
                stack.append((node, k, depth + 1, child, top or k))
    return root[0], deepest, list(dict.fromkeys(found))

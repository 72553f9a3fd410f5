"""pubconv's JSON layout (``json.dumps(value, indent=2, ensure_ascii=False)``), made faster.

The standard library only uses its C encoder when there is no ``indent``; with one it falls back
to a pure-Python generator encoder that costs about three times as much on a 5,000-item file.
:func:`dumps` walks the containers itself and hands every string to the C string encoder, so the
output is byte for byte what ``json.dumps`` gives (a test compares the two on random values).
A value it does not know (anything but dict, list, tuple, str, int, float, bool and None, or a
non-string key) makes it fall back to ``json.dumps`` itself, which then decides.

An item (:func:`dumps_item`, what the writer lays out) goes to orjson when it is installed and
the item is made only of dict, list, tuple, str, int, bool and None (exact types, checked by one
walk): orjson's ``OPT_INDENT_2`` text is then byte for byte ``json.dumps(indent=2,
ensure_ascii=False)``'s (same escapes, ``": "`` and ``",\n"`` separators, ``{}``/``[]`` when
empty), in about a third of the time.  Floats are left to the Python layout (orjson writes
``1e16`` and ``0.00001`` where Python writes ``1e+16`` and ``1e-05``, and NaN as ``null``), and
so are other types orjson would write but ``json.dumps`` refuses (an ``Enum``, a ``UUID``).
What orjson refuses (an int beyond 64 bits, a lone surrogate, a non-string key, nesting deeper
than 255) falls back too.  ``tests/test_json_layout.py`` compares the two on random values.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # the C version when _json is available
from typing import Any

try:
    import orjson
except ImportError:  # pragma: no cover - orjson is a dependency; the Python layout still works
    orjson = None  # type: ignore[assignment]

_INDENT = "  "


class _Unusual(Exception):
    """A value the fast path does not lay out; ``json.dumps`` handles the whole value."""


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == float("-inf"):
        return "-Infinity"
    return float.__repr__(value)


def _layout(value: Any, pad: str, out: list[str]) -> None:
    kind = type(value)
    if kind is str:
        out.append(encode_basestring(value))
    elif kind is dict:
        if not value:
            out.append("{}")
            return
        inner = pad + _INDENT
        lead = "{\n" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise _Unusual
            if type(item) is str:  # most values: no call, one append
                out.append(lead + encode_basestring(key) + ": " + encode_basestring(item))
            else:
                out.append(lead + encode_basestring(key) + ": ")
                _layout(item, inner, out)
            lead = ",\n" + inner
        out.append("\n" + pad + "}")
    elif kind is list or kind is tuple:
        if not value:
            out.append("[]")
            return
        inner = pad + _INDENT
        lead = "[\n" + inner
        for item in value:
            if type(item) is str:
                out.append(lead + encode_basestring(item))
            elif type(item) is int:
                out.append(lead + int.__repr__(item))
            else:
                out.append(lead)
                _layout(item, inner, out)
            lead = ",\n" + inner
        out.append("\n" + pad + "]")
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif kind is int:
        out.append(int.__repr__(value))
    elif kind is float:
        out.append(_float(value))
    else:
        raise _Unusual


def dumps(value: Any) -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)``, the same text, faster."""
    out: list[str] = []
    try:
        _layout(value, "", out)
    except (_Unusual, RecursionError):
        return json.dumps(value, indent=2, ensure_ascii=False)
    return "".join(out)


_NONE = type(None)


def _plain(value: dict[Any, Any] | list[Any] | tuple[Any, ...]) -> bool:
    """True when ``value`` holds only dict, list, tuple, str, int, bool and None (exact types)."""
    for member in value.values() if type(value) is dict else value:
        kind = type(member)
        if kind is str or kind is int:
            continue
        if kind is dict or kind is list or kind is tuple:
            if not _plain(member):
                return False
        elif kind is not bool and kind is not _NONE:
            return False
    return True


def _by_orjson(value: Any) -> str | None:
    """:func:`dumps_item`'s text made by orjson, or None where it would not be the same."""
    if orjson is None or type(value) is not dict:
        return None
    try:
        if not _plain(value):
            return None
        data = orjson.dumps(value, option=orjson.OPT_INDENT_2)
    except (orjson.JSONEncodeError, RecursionError):
        return None
    return data.replace(b"\n", b"\n  ").decode()


def dumps_item(value: Any) -> str:
    """``value`` laid out as a member of a top-level array (indented one level, no lead)."""
    fast = _by_orjson(value)
    if fast is not None:
        return fast
    out: list[str] = []
    try:
        _layout(value, _INDENT, out)
    except (_Unusual, RecursionError):
        text = json.dumps(value, indent=2, ensure_ascii=False)
        return text.replace("\n", "\n" + _INDENT)
    return "".join(out)

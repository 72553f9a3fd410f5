"""The fast CSL-JSON layout writes exactly what ``json.dumps(indent=2, ensure_ascii=False)`` does."""

from __future__ import annotations

import enum
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pubconv.formats.csljson.layout import _by_orjson, dumps, dumps_item


class _Colour(enum.Enum):
    RED = "red"


class _Size(enum.IntEnum):
    BIG = 3


_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=30,
)


@given(_VALUES)
def test_same_text_as_json_dumps(value: Any) -> None:
    assert dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_unusual_values_fall_back_to_json_dumps() -> None:
    value = {"a": [{1: "int key", None: 2.5}], "b": 'é\n\u2028\x00"\\'}
    assert dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_too_deep_fails_as_json_dumps_does() -> None:
    deep: list[Any] = []
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(RecursionError):
        json.dumps(deep, indent=2, ensure_ascii=False)
    with pytest.raises(RecursionError):
        dumps(deep)


@given(st.lists(_VALUES, min_size=1, max_size=4))
def test_items_laid_out_one_by_one_make_the_same_array(values: list[Any]) -> None:
    text = "[\n  " + ",\n  ".join(dumps_item(v) for v in values) + "\n]"
    assert text == json.dumps(values, indent=2, ensure_ascii=False)


def test_an_unusual_item_falls_back_with_the_same_indentation() -> None:
    values = [{1: ["a", {"b": None}]}, "x"]
    text = "[\n  " + ",\n  ".join(dumps_item(v) for v in values) + "\n]"
    assert text == json.dumps(values, indent=2, ensure_ascii=False)


# --------------------------------------------------------------------------- the orjson path

_TRICKY_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),  # any code point but lone surrogates
        st.sampled_from(['"', "\\", "/", "\x00", "\x1f", "\x7f", "\u2028", "\u2029", "\ufeff"]),
        st.sampled_from(["\b", "\f", "\n", "\r", "\t", "\U0001f600", "\U00010000", "\U0010ffff"]),
    )
)
_PLAIN_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**64 - 1)  # what orjson writes
    | _TRICKY_TEXT
)
_PLAIN_VALUES = st.recursive(
    _PLAIN_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(_TRICKY_TEXT, inner, max_size=4)
    ),
    max_leaves=30,
)


def _reference_item(value: Any) -> str:
    """What the writer must write for one array member: ``json.dumps`` indented one level."""
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n  ")


@given(st.dictionaries(_TRICKY_TEXT, _PLAIN_VALUES, max_size=6))
def test_orjson_gives_json_dumps_bytes_for_plain_items(value: dict[str, Any]) -> None:
    fast = _by_orjson(value)
    assert fast is not None  # the fast path was taken
    assert fast == _reference_item(value)
    assert dumps_item(value) == _reference_item(value)


@pytest.mark.parametrize(
    "member",
    [
        1.5,
        1e16,
        1e-05,
        -0.0,
        float("nan"),
        float("inf"),
        2**64,  # beyond orjson's integers
        -(2**63) - 1,
        "lone \ud800 surrogate",
        _Colour.RED,  # orjson writes an Enum; json.dumps refuses it
        _Size.BIG,  # an int subclass: json.dumps writes int.__repr__
        [1, [2, {"x": 0.1}]],
    ],
    ids=repr,
)
def test_values_orjson_would_write_differently_use_the_python_layout(member: Any) -> None:
    value = {"id": "k", "x": member}
    assert _by_orjson(value) is None
    try:
        expected = _reference_item(value)
    except (TypeError, ValueError):
        with pytest.raises((TypeError, ValueError)):
            dumps_item(value)
        return
    assert dumps_item(value) == expected


def test_a_non_string_key_uses_the_python_layout() -> None:
    value = {"id": "k", "x": {1: "a", None: "b"}}
    assert _by_orjson(value) is None
    assert dumps_item(value) == _reference_item(value)


def test_very_deep_items_fall_back() -> None:
    deep: Any = "x"
    for _ in range(300):  # deeper than orjson's 255 levels
        deep = {"a": deep}
    value = {"id": "k", "deep": deep}
    assert _by_orjson(value) is None
    assert dumps_item(value) == _reference_item(value)

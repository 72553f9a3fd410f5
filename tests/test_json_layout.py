"""The fast CSL-JSON layout writes exactly what ``json.dumps(indent=2, ensure_ascii=False)`` does."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pubconv.formats.csljson.layout import dumps, dumps_item

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

"""``limits.is_clean``: the reader skips :func:`limits.clean` for items whose text says clean
would change nothing; it must never say so of an item clean would change or find too deep."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pubconv.formats.csljson import limits


def _nested(depth: int) -> Any:
    value: Any = "x"
    for i in range(depth):
        value = [value] if i % 2 else {"k": value}
    return value


CASES = [
    {"id": "a", "type": "book", "title": "Plain"},
    {"id": "b", "title": "lone \ud800 surrogate"},
    {"id": "c", "title": "escaped lone \\ud83d"},
    {"id": "d", "title": "a valid pair \U0001f600"},
    {"\udc80key": "surrogate in a key"},
    {"id": "e", "author": [{"family": f"F{i}", "given": "G"} for i in range(40)]},
    _nested(limits.MAX_DEPTH - 1),
    _nested(limits.MAX_DEPTH),
    _nested(limits.MAX_DEPTH + 1),
    _nested(limits.MAX_DEPTH + 5),
    {"id": "f", "note": "brackets [[[{{{ in a string"},
]


@pytest.mark.parametrize("ensure_ascii", [True, False])
@pytest.mark.parametrize("case", range(len(CASES)))
def test_is_clean_only_when_clean_changes_nothing(case: int, ensure_ascii: bool) -> None:
    try:
        raw = json.dumps(CASES[case], ensure_ascii=ensure_ascii)
    except UnicodeEncodeError:  # pragma: no cover - json writes lone surrogates as they are
        pytest.skip("not representable")
    value = json.loads(raw)
    before = json.loads(raw)
    cleaned, depth, found = limits.clean(value)
    if limits.is_clean(raw):
        assert found == []
        assert depth <= limits.MAX_DEPTH
        assert cleaned == before


def test_is_clean_says_so_of_ordinary_items() -> None:
    """The fast path is taken where it matters (else the test above proves nothing)."""
    assert limits.is_clean(json.dumps(CASES[0]))
    assert limits.is_clean(json.dumps(CASES[3], ensure_ascii=False))
    assert limits.is_clean(json.dumps(_nested(limits.MAX_DEPTH)))
    assert not limits.is_clean(json.dumps(_nested(limits.MAX_DEPTH + 1)))
    assert not limits.is_clean(json.dumps(CASES[1]))
    assert not limits.is_clean(json.dumps(CASES[2]))

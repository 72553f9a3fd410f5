"""Cache keys: parts hashed joined (strings, integers, tuples of integers) tell apart every
value the JSON digest tells apart, and anything else still goes through the digest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pubconv.citation.cache import Cache, digest


@pytest.fixture
def cache(tmp_path: Path) -> Cache:
    return Cache(tmp_path / "cite.sqlite3")


DISTINCT: list[tuple[Any, ...]] = [
    ("entry", "abc", 5),
    ("entry", "abc", "5"),
    ("entry", "abc", (5,)),
    ("entry", "abc", (1, 2)),
    ("entry", "abc", (12,)),
    ("entry", "abc", "1,2"),
    ("entry", "abc", ()),
    ("entry", "abc", ""),
    ("entry", "abc"),
    ("entry", "ab", "c"),
    ("entry", "abc", True),
    ("entry", "abc", 1),
    ("entry", "abc", -1),
    ("entry", "abc", "i1"),
    ("entry", "abc", [1]),
    ("entry", "a\0b"),
    ("entry", "a", "b"),
]


def test_distinct_parts_give_distinct_keys(cache: Cache) -> None:
    keys = [cache.key(*parts) for parts in DISTINCT]
    assert len(set(keys)) == len(keys)
    assert keys == [cache.key(*parts) for parts in DISTINCT]  # stable


@pytest.mark.parametrize("parts", [("entry", "abc", True), ("x", [1]), ("a\0b",), ("x", 1.5)])
def test_other_parts_go_through_the_digest(cache: Cache, parts: tuple[Any, ...]) -> None:
    assert cache.key(*parts) == digest(cache.version, *parts)


def test_the_version_is_part_of_every_key(cache: Cache, tmp_path: Path) -> None:
    other = Cache(tmp_path / "other.sqlite3")
    other.version = cache.version + "x"
    assert other.key("entry", "abc", 5) != cache.key("entry", "abc", 5)


def test_values_stored_under_a_key_come_back(cache: Cache) -> None:
    key = cache.key("entry", "style|en-US", "0" * 64, 3, 1, (0, 2))
    cache.put_many({key: "text"})
    assert cache.get_many([key]) == {key: "text"}

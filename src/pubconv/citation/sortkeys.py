"""Sort keys computed only where they decide the order: a style's later ``cs:key`` columns
break ties, so each is rendered only for the items still tied on every earlier column.

APA has ten bibliography keys; rendering all of them for 1,000 entries took 10,000 macro
renderings (a third of a cold run), but after the first key (the author) only about 12% of
the entries are still tied, so some 1,500 renderings decide the same order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pubconv.citation.sorting import collation_key

Column = Callable[[int, list[int]], list[Any]]
"""``column(c, positions)``: the values of sort key ``c`` for the items at ``positions``."""


def _tie(value: str | None) -> Any:
    """What two values of one column share exactly when :func:`sorting.sort_order` finds
    them equal (both empty, or the same collation key)."""
    return None if value is None else collation_key(value)


def tie_broken(count: int, columns: int, column: Column) -> list[list[str | None]]:
    """Per item (``count`` of them), its ``columns`` sort keys, where a key is computed only
    for items that tie with another item on every earlier key; the others get ``None``.

    The rows order the items exactly as complete rows do: an item that differs from every
    other item on its first ``k`` keys is told apart from each of them within those ``k``
    keys, so a comparison never reaches its uncomputed ones."""
    rows: list[list[str | None]] = [[None] * columns for _ in range(count)]
    groups = [list(range(count))] if count > 1 else []
    for c in range(columns):
        need = [p for group in groups for p in group]
        if not need:
            break
        for p, value in zip(need, column(c, need), strict=True):
            rows[p][c] = value
        split: list[list[int]] = []
        for group in groups:
            by_value: dict[Any, list[int]] = {}
            for p in group:
                by_value.setdefault(_tie(rows[p][c]), []).append(p)
            split.extend(g for g in by_value.values() if len(g) > 1)
        groups = split
    return rows


def key_count(sort: Any, namespace: str) -> int:
    """The number of ``cs:key`` columns of a ``cs:sort`` element (0 for ``None``)."""
    return 0 if sort is None else len(sort.findall(f"{{{namespace}}}key"))

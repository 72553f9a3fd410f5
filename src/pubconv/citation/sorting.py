"""Bibliography order from sort keys: a collation close to the Unicode Collation Algorithm's,
empty keys last, ``sort="descending"`` per key, ties in input order."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import cmp_to_key
from typing import Any

from pubconv.citation import styles
from pubconv.citation.style import Style


class _PrimaryWeights(dict[int, str]):
    """``str.translate`` table, filled on first sight of each character: its accent-free base,
    each character behind a class mark (space < punctuation < digits and letters)."""

    def __missing__(self, code: int) -> str:
        base = "".join(
            ch for ch in unicodedata.normalize("NFKD", chr(code)) if not unicodedata.combining(ch)
        )
        weight = "".join(
            ("\x01" if ch.isspace() else "\x02" if not ch.isalnum() else "\x03") + ch for ch in base
        )
        self[code] = weight
        return weight


_PRIMARY = _PrimaryWeights()


def collation_key(text: str) -> tuple[Any, ...]:
    """A sort key that orders text roughly as the Unicode Collation Algorithm does: accents
    count only on a tie, case not at all (pandoc alike), and spaces and punctuation sort before
    digits and letters, so ``Part I”`` precedes ``Part II”`` (code points put ``”`` after
    every letter)."""
    folded = text.casefold()
    if folded.isdigit():
        return (0, int(folded))
    return (1, folded.translate(_PRIMARY), folded)


def sort_order(style: Style, keys: Sequence[Sequence[str | None]]) -> list[int]:
    """Indices in bibliography order (:func:`collation_key`; empty keys last; ties keep input
    order)."""
    sort = style.root.bibliography.find(f"{{{styles.CSL_NS}}}sort")
    if sort is None:
        return list(range(len(keys)))
    descending = [
        k.get("sort", "ascending").lower() == "descending"
        for k in sort.findall(f"{{{styles.CSL_NS}}}key")
    ]
    collated = [[None if v is None else collation_key(v) for v in row] for row in keys]

    def compare(a: int, b: int) -> int:
        for column, desc in enumerate(descending):
            left, right = collated[a][column], collated[b][column]
            if left is None and right is None:
                continue
            if left is None:
                return 1
            if right is None:
                return -1
            result: int = (left > right) - (left < right)
            if result:
                return -result if desc else result
        return 0

    return sorted(range(len(keys)), key=cmp_to_key(compare))

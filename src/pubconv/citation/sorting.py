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
    each character behind a class mark (space < digits and letters); punctuation is ignored
    (it only breaks ties, through the key's last part)."""

    def __missing__(self, code: int) -> str:
        base = "".join(
            ch for ch in unicodedata.normalize("NFKD", chr(code)) if not unicodedata.combining(ch)
        )
        weight = "".join(
            ("\x01" + ch if ch.isspace() else "\x03" + ch if ch.isalnum() else "") for ch in base
        )
        self[code] = weight
        return weight


_PRIMARY = _PrimaryWeights()


class _TieWeights(dict[int, str]):
    """``str.translate`` table for a tie on :data:`_PRIMARY`: punctuation counts now, before
    digits and letters (UCA's "shifted" ignorables: ``“A Solution`` before ``a Solution``)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        weight = ("\x01" if ch.isspace() else "\x03" if ch.isalnum() else "\x02") + ch
        self[code] = weight
        return weight


_TIE = _TieWeights()


def collation_key(text: str) -> tuple[Any, ...]:
    """A sort key that orders text roughly as the Unicode Collation Algorithm does, as pandoc
    2.17 sorts: accents count only on a tie, case not at all, spaces sort before digits and
    letters (``de la Mare`` < ``De Lamb`` < ``Delamare``), punctuation is ignored but on a tie
    (``[F]linders`` sorts under F, ``’t Horvath`` under t, ``“Simple B”`` between ``Simple,
    A`` and ``Simple C``), and ``Part I”`` precedes ``Part II”``."""
    folded = text.casefold()
    if folded.isdigit():
        return (0, int(folded))
    return (1, folded.translate(_PRIMARY), folded.translate(_TIE))


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

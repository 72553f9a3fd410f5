"""Citation keys for page entries, Google-Scholar style: ``deng2024unsupervised``.

Deterministic (same page, same keys), ASCII-folded and lower-case; repeats get ``a``, ``b``...
"""

from __future__ import annotations

import unicodedata

from pubconv.model import Publication

_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "on",
        "in",
        "for",
        "to",
        "and",
        "with",
        "via",
        "from",
        "by",
        "at",
        "as",
        "is",
        "are",
        "be",
        "its",
        "into",
        "toward",
        "towards",
        "using",
        "based",
    ]
)


def fold(text: str) -> str:
    """``Şimşekli`` -> ``simsekli``: accents dropped, only ASCII letters and digits kept."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and c.isalnum()).lower()


def _strip_tags(text: str) -> str:
    out: list[str] = []
    depth = 0
    for c in text:
        if c == "<":
            depth += 1
        elif c == ">" and depth:
            depth -= 1
        elif not depth:
            out.append(c)
    return "".join(out)


def base_key(pub: Publication) -> str:
    """``family`` + ``year`` + first significant title word, e.g. ``deng2024unsupervised``."""
    family = ""
    if pub.authors:
        first = pub.authors[0]
        family = fold(first.family or first.literal or first.given or "")
    year = str(pub.year) if pub.year is not None else ""
    word = ""
    for raw in _strip_tags(pub.title or "").replace("-", " ").split():
        folded = fold(raw)
        if folded and folded not in _STOP:
            word = folded
            break
    key = f"{family or 'anon'}{year}{word}"
    return key


class KeyMaker:
    """Hands out unique keys: ``liu2024pqsam``, then ``liu2024pqsama``, ``liu2024pqsamb``..."""

    def __init__(self, taken: set[str] | None = None) -> None:
        self.taken: set[str] = set(taken or ())
        self._next: dict[str, int] = {}

    def make(self, base: str) -> str:
        """``base`` if free, else ``base`` + the first free letter suffix."""
        key = base
        n = self._next.get(base, 0)
        while key in self.taken:
            key = base + _suffix(n)
            n += 1
        self._next[base] = n
        self.taken.add(key)
        return key


def _suffix(n: int) -> str:
    letters = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(97 + rem) + letters
    return letters

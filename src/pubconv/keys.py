"""Keep the citation keys a lab already uses: a paper found in an existing database keeps its key.

Generated keys (``deng2024unsupervised``) are only a default.  Papers, CVs and LaTeX sources
cite the keys of the lab's ``.bib``, so when a page entry is the same paper as an entry there,
the existing key wins.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from pubconv.model import Bibliography, Publication
from pubconv.names import fold


def _title_fingerprint(title: str | None) -> str:
    """Title reduced to folded letters and digits, markup and punctuation ignored."""
    if not title:
        return ""
    out: list[str] = []
    in_tag = False
    for char in title:
        if char == "<":
            in_tag = True
        elif char == ">" and in_tag:
            in_tag = False
        elif not in_tag:
            out.append(char)
    return "".join(c for c in fold("".join(out)) if c.isalnum())


def _doi(pub: Publication) -> str:
    return (pub.doi or "").strip().lower()


def same_paper(a: Publication, b: Publication) -> bool:
    """Same DOI, or the same title and no conflicting year."""
    if _doi(a) and _doi(b):
        return _doi(a) == _doi(b)
    title = _title_fingerprint(a.title)
    if not title or title != _title_fingerprint(b.title):
        return False
    return a.year is None or b.year is None or a.year == b.year


def adopt_keys(bib: Bibliography, existing: Iterable[Publication]) -> Bibliography:
    """A copy of ``bib`` whose publications take the key of the same paper in ``existing``.

    Each existing key is given out at most once and never to a second record, so keys stay unique.
    """
    by_doi: dict[str, list[Publication]] = {}
    by_title: dict[str, list[Publication]] = {}
    for known in existing:
        if _doi(known):
            by_doi.setdefault(_doi(known), []).append(known)
        fingerprint = _title_fingerprint(known.title)
        if fingerprint:
            by_title.setdefault(fingerprint, []).append(known)
    own_keys = {pub.key for pub in bib.publications}
    given: set[str] = set()

    def rekey(pub: Publication) -> Publication:
        candidates = [*by_doi.get(_doi(pub), ()), *by_title.get(_title_fingerprint(pub.title), ())]
        for known in candidates:
            if known.key == pub.key:
                given.add(known.key)
                return pub
            if known.key in given or known.key in own_keys or not same_paper(pub, known):
                continue
            given.add(known.key)
            return dataclasses.replace(pub, key=known.key)
        return pub

    blocks = [rekey(b) if isinstance(b, Publication) else b for b in bib.blocks]
    return Bibliography(blocks, list(bib.diagnostics), bib.source_format)

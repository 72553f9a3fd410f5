"""De-duplication for ``cite --dedupe``: which publications are the same work, and merging them.

The rule (documented in ``docs/cv.md``), applied to publications in input order:

1. Two publications with a DOI each are the same work exactly when the DOIs are equal
   (case folded, ``https://doi.org/`` dropped); different DOIs are never merged.
2. Otherwise they are the same work when their titles (case, accents and markup folded), years
   and venues are all equal: the same container title or the same short venue (``CVPR``,
   however the long name is spelt), folded alike.  Two different venues are never merged (a workshop and a conference version of one paper both stay), and
   a publication without a venue only matches one without a venue (a ``@proceedings`` volume
   and a paper in it whose title repeats the volume's both stay).

The later publication is merged into the first: the first keeps its place and its values and
takes the fields it lacks (DOI, URL, pages, ...) from the later one; each merge is returned
with its reason so that the caller can report it.  Off by default for plain bibliographies (two
entries a user listed are two entries), on for ``--author`` CVs (a lab site lists a paper on a
topic page and again on its "new" page).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pubconv.model import Publication
from pubconv.names import fold

_TAG = re.compile(r"</?(?:i|b|sup|sub|span)(?:\s[^<>]*)?>")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", re.I)
_NOT_MERGED = frozenset({"key", "type", "extra", "hints", "origin"})


@dataclass(frozen=True, slots=True)
class Merge:
    """``dropped`` was merged into ``kept`` because of ``reason`` (``same DOI 10.1/x``)."""

    dropped: Publication
    kept: Publication
    reason: str


def _folded(text: str | None) -> str:
    return " ".join(fold(_TAG.sub("", text or "")).split())


def doi_key(doi: str | None) -> str | None:
    """``https://doi.org/10.1/ABC`` -> ``10.1/abc``; ``None`` for no DOI."""
    if not doi or not doi.strip():
        return None
    return _DOI_PREFIX.sub("", doi.strip()).lower()


def same_venue(a: Publication, b: Publication) -> bool:
    """Equal container titles, or equal short venues (``CVPR`` names one venue however the
    long name is spelt: ``IEEE/CVF Conference on ...`` and ``Conference on ...``); two
    publications without any venue share one."""
    short_a, short_b = _folded(a.container_short), _folded(b.container_short)
    if short_a and short_a == short_b:
        return True
    long_a, long_b = _folded(a.container_title), _folded(b.container_title)
    return long_a == long_b and (bool(long_a) or short_a == short_b)


def same_work(a: Publication, b: Publication) -> str | None:
    """The reason ``a`` and ``b`` are the same work under the rule above, else ``None``."""
    doi_a, doi_b = doi_key(a.doi), doi_key(b.doi)
    if doi_a is not None and doi_b is not None:
        return f"same DOI {doi_a}" if doi_a == doi_b else None
    title = _folded(a.title)
    if not title or title != _folded(b.title) or a.year != b.year:
        return None
    if not same_venue(a, b):
        return None
    venue = a.container_short or a.container_title
    return "same title, year and venue" + (f" ({venue})" if venue else " (none)")


def _merged(kept: Publication, dropped: Publication) -> Publication:
    updates: dict[str, Any] = {}
    for f in dataclasses.fields(Publication):
        if f.name in _NOT_MERGED:
            continue
        mine, theirs = getattr(kept, f.name), getattr(dropped, f.name)
        if mine in (None, "", ()) and theirs not in (None, "", ()):
            updates[f.name] = theirs
    return dataclasses.replace(kept, **updates) if updates else kept


def merge_duplicates(pubs: Iterable[Publication]) -> tuple[list[Publication], list[Merge]]:
    """``pubs`` with each later duplicate merged into the first (order kept), and the merges."""
    kept: list[Publication] = []
    merges: list[Merge] = []
    by_doi: dict[str, int] = {}
    by_title: dict[tuple[str, int | None], list[int]] = {}
    for pub in pubs:
        candidates: list[int] = []
        doi = doi_key(pub.doi)
        if doi is not None and doi in by_doi:
            candidates.append(by_doi[doi])
        candidates.extend(by_title.get((_folded(pub.title), pub.year), ()))
        for index in candidates:
            reason = same_work(kept[index], pub)
            if reason is not None:
                merges.append(Merge(pub, kept[index], reason))
                kept[index] = _merged(kept[index], pub)
                break
        else:
            index = len(kept)
            kept.append(pub)
            if doi is not None:
                by_doi.setdefault(doi, index)
            if pub.title:
                by_title.setdefault((_folded(pub.title), pub.year), []).append(index)
    return kept, merges

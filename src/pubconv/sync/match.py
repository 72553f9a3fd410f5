"""Which record on one side is which record on the other: matching in four stages.

The stages go from the surest evidence to the weakest, and each only looks at records the earlier
stages left unmatched:

1. **DOI** (case-insensitive, ``https://doi.org/`` and ``doi:`` prefixes dropped);
2. **citation key** (the key a page entry was given, or kept from ``--keys`` / an existing file),
   when the titles do not contradict it: two different papers can get the same generated key;
3. **normalised title** (markup, LaTeX braces, accents, case, punctuation and spaces folded) with
   the first author's family name; the year breaks ties but need not agree, so a paper whose year
   was corrected on one side is still found (the year is then reported as a difference);
4. **fuzzy title**: :data:`FUZZY_THRESHOLD` or more by rapidfuzz's ``ratio`` on normalised titles,
   with the same first author.

A record with more than one candidate at a stage is *ambiguous*: it is reported and never
guessed.  A preprint (arXiv) matched to a published version is a pair of kind ``preprint``.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field

from pubconv.model import Publication
from pubconv.names import fold

FUZZY_THRESHOLD = 92.0
"""Minimum rapidfuzz ``ratio`` (0-100) of two normalised titles for a fuzzy match.

92 accepts a changed word or two in a ten-word title and typo fixes, and rejects titles that
share a long common stem but name different papers (``... Part I`` / ``... Part II`` score 96 but
are kept apart by requiring the same digits and roman numerals, see :func:`_numbers`)."""

_ARXIV_MARKERS = ("arxiv", "biorxiv", "medrxiv", "corr", "ssrn", "preprint")


@dataclass(frozen=True, slots=True)
class Pair:
    """Two records taken to be the same paper; ``how`` names the stage that matched them."""

    left: Publication
    right: Publication
    how: str
    """``doi``, ``key``, ``title``, ``fuzzy`` or ``preprint``."""
    score: float = 100.0


@dataclass(frozen=True, slots=True)
class Ambiguity:
    """A record with several equally good candidates on the other side (never guessed)."""

    record: Publication
    side: str
    candidates: tuple[Publication, ...]
    stage: str


@dataclass
class Matching:
    """The outcome: pairs, records found on one side only, ambiguities, duplicates within a side."""

    pairs: list[Pair] = field(default_factory=list)
    left_only: list[Publication] = field(default_factory=list)
    right_only: list[Publication] = field(default_factory=list)
    ambiguous: list[Ambiguity] = field(default_factory=list)
    duplicates: list[tuple[str, Publication, Publication]] = field(default_factory=list)
    """``(side, first, repeat)``: two records on one side that look like the same paper."""


def normalise_doi(doi: str | None) -> str:
    """``10.1109/tmi.2024.1``: lower case, resolver prefixes and whitespace dropped."""
    text = (doi or "").strip().lower()
    for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:"):
        if text.startswith(prefix):
            text = text[len(prefix) :].strip()
    return text


_TAG = re.compile(r"<[^<>]*>")
_BRACES = str.maketrans("", "", "{}")
_NOT_WORD = re.compile(r"[\W_]+")


def plain_text(text: str | None) -> str:
    """Model text without markup tags and TeX braces, spaces collapsed (case kept)."""
    if not text:
        return ""
    return " ".join(_TAG.sub("", text).translate(_BRACES).split())


@functools.lru_cache(maxsize=65536)
def normalise_title(title: str | None) -> str:
    """Title folded for matching: markup, braces, accents, case and punctuation gone, e.g.
    ``"{PQ-SAM}: Post-Training"`` -> ``"pq sam post training"``."""
    return _NOT_WORD.sub(" ", fold(plain_text(title)).lower()).strip()


def first_family(pub: Publication) -> str:
    """Folded last word of the first author's family name (or literal), ``""`` when none.

    The last word only: a page shows names given-first, and ``D. Van Lysebetten`` or ``Rosa
    García Márquez`` reads back with a shorter family name than the ``.bib``'s ``{Van
    Lysebetten, D.}``; the last word is the same on both sides.
    """
    for person in pub.authors or pub.editors:
        words = (person.family or person.literal or "").split()
        return "".join(c for c in fold(words[-1] if words else "").lower() if c.isalnum())
    return ""


def is_preprint(pub: Publication) -> bool:
    """An arXiv (or similar) preprint: by DOI, URL, venue, ``eprint`` field or entry type."""
    doi = normalise_doi(pub.doi)
    if doi.startswith("10.48550/") or "arxiv" in doi:
        return True
    venue = fold(f"{pub.container_title or ''} {pub.container_short or ''}").lower()
    if any(marker in venue for marker in _ARXIV_MARKERS):
        return True
    if pub.url and "arxiv.org/" in pub.url.lower() and not pub.container_title:
        return True
    eprint_type = (pub.get_extra("archiveprefix") or pub.get_extra("eprinttype") or "").lower()
    return eprint_type in ("arxiv", "biorxiv", "medrxiv") and not pub.container_title


def is_published(pub: Publication) -> bool:
    """A record naming a venue that is not a preprint server."""
    return bool(pub.container_title) and not is_preprint(pub)


def _numbers(title: str) -> tuple[str, ...]:
    """Digits and roman numerals of a normalised title (``part ii`` vs ``part iii``)."""
    romans = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"}
    return tuple(w for w in title.split() if w.isdigit() or w in romans)


def _authors_agree(a: Publication, b: Publication) -> bool:
    fa, fb = first_family(a), first_family(b)
    return not fa or not fb or fa == fb


def _titles_agree(a: Publication, b: Publication) -> bool:
    """For key matches: no titles, or titles close enough to be the same paper."""
    ta, tb = normalise_title(a.title), normalise_title(b.title)
    if not ta or not tb or ta == tb:
        return True
    return _ratio(ta, tb) >= FUZZY_THRESHOLD and _numbers(ta) == _numbers(tb)


def _dois_agree(a: Publication, b: Publication) -> bool:
    da, db = normalise_doi(a.doi), normalise_doi(b.doi)
    return not da or not db or da == db or is_preprint(a) != is_preprint(b)


def _ratio(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return float(fuzz.ratio(a, b))


class _Matcher:
    def __init__(self, left: Sequence[Publication], right: Sequence[Publication]) -> None:
        self.left = list(left)
        self.right = list(right)
        self.left_free = set(range(len(self.left)))
        self.right_free = set(range(len(self.right)))
        self.blocked_left: set[int] = set()
        self.blocked_right: set[int] = set()
        self.result = Matching()
        self.left_titles = [normalise_title(p.title) for p in self.left]
        self.right_titles = [normalise_title(p.title) for p in self.right]

    def pair(self, i: int, j: int, how: str, score: float = 100.0) -> None:
        a, b = self.left[i], self.right[j]
        if how != "doi" and (
            (is_preprint(a) and is_published(b)) or (is_preprint(b) and is_published(a))
        ):
            how = "preprint"
        self.result.pairs.append(Pair(a, b, how, score))
        self.left_free.discard(i)
        self.right_free.discard(j)

    def ambiguous(self, side: str, i: int, js: Sequence[int], stage: str) -> None:
        own, other = (self.left, self.right) if side == "left" else (self.right, self.left)
        self.result.ambiguous.append(Ambiguity(own[i], side, tuple(other[j] for j in js), stage))
        (self.blocked_left if side == "left" else self.blocked_right).add(i)

    def by_index(
        self,
        stage: str,
        key: Callable[[Publication, str], Hashable],
        accept: Callable[[Publication, Publication], bool],
        prefer_same_year: bool = False,
    ) -> None:
        """Pair records whose ``key`` is equal, one-to-one; several candidates are ambiguous."""
        index: dict[Hashable, list[int]] = defaultdict(list)
        for j in sorted(self.right_free - self.blocked_right):
            k = key(self.right[j], self.right_titles[j])
            if k:
                index[k].append(j)
        claims: dict[int, list[int]] = defaultdict(list)
        wanted: dict[int, list[int]] = {}
        for i in sorted(self.left_free - self.blocked_left):
            k = key(self.left[i], self.left_titles[i])
            if not k or k not in index:
                continue
            js = [j for j in index[k] if accept(self.left[i], self.right[j])]
            if prefer_same_year and len(js) > 1:
                same = [j for j in js if self.right[j].year == self.left[i].year]
                js = same or js
            if js:
                wanted[i] = js
                for j in js:
                    claims[j].append(i)
        for i, js in wanted.items():
            if len(js) > 1:
                self.ambiguous("left", i, js, stage)
                continue
            j = js[0]
            rivals = claims[j]
            if len(rivals) > 1 and prefer_same_year:
                rivals = [r for r in rivals if self.left[r].year == self.right[j].year] or rivals
            if len(rivals) > 1:
                if j not in self.blocked_right:
                    self.ambiguous("right", j, rivals, stage)
                continue
            self.pair(i, j, stage)

    def fuzzy(self) -> None:
        """Stage 4: rapidfuzz over the titles still unmatched."""
        from rapidfuzz import fuzz, process

        free_right = sorted(self.right_free - self.blocked_right)
        choices = {j: self.right_titles[j] for j in free_right if self.right_titles[j]}
        if not choices:
            return
        wanted: dict[int, list[tuple[int, float]]] = {}
        for i in sorted(self.left_free - self.blocked_left):
            title = self.left_titles[i]
            if not title:
                continue
            found = process.extract(
                title, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD, limit=None
            )
            hits = [
                (int(j), float(score))
                for _, score, j in found
                if _authors_agree(self.left[i], self.right[int(j)])
                and _numbers(title) == _numbers(choices[int(j)])
                and _dois_agree(self.left[i], self.right[int(j)])
            ]
            if hits:
                wanted[i] = hits
        claims: dict[int, list[int]] = defaultdict(list)
        for i, hits in wanted.items():
            for j, _ in hits:
                claims[j].append(i)
        for i, hits in wanted.items():
            if len(hits) > 1:
                self.ambiguous("left", i, [j for j, _ in hits], "fuzzy")
            elif len(claims[hits[0][0]]) > 1:
                j = hits[0][0]
                if j not in self.blocked_right:
                    self.ambiguous("right", j, claims[j], "fuzzy")
            else:
                self.pair(i, hits[0][0], "fuzzy", hits[0][1])

    def run(self) -> Matching:
        self.by_index("doi", lambda p, _: normalise_doi(p.doi), lambda a, b: True)
        self.by_index("key", lambda p, _: p.key, _titles_agree)
        self.by_index(
            "title",
            lambda p, t: (t, first_family(p)) if t else None,
            _dois_agree,
            prefer_same_year=True,
        )
        self.fuzzy()
        blocked_left = {id(a.record) for a in self.result.ambiguous if a.side == "left"}
        blocked_right = {id(a.record) for a in self.result.ambiguous if a.side == "right"}
        in_ambiguity = {id(c) for a in self.result.ambiguous for c in a.candidates}
        self.result.left_only = [
            self.left[i]
            for i in sorted(self.left_free)
            if id(self.left[i]) not in blocked_left | in_ambiguity
        ]
        self.result.right_only = [
            self.right[j]
            for j in sorted(self.right_free)
            if id(self.right[j]) not in blocked_right | in_ambiguity
        ]
        self.result.duplicates = [
            *(("left", a, b) for a, b in duplicates_within(self.left)),
            *(("right", a, b) for a, b in duplicates_within(self.right)),
        ]
        return self.result


def duplicates_within(pubs: Sequence[Publication]) -> list[tuple[Publication, Publication]]:
    """Records of one side that look like the same paper: same DOI, or same title, first
    author and year."""
    seen: dict[Hashable, Publication] = {}
    found: list[tuple[Publication, Publication]] = []
    for pub in pubs:
        keys: list[Hashable] = []
        doi = normalise_doi(pub.doi)
        if doi:
            keys.append(("doi", doi))
        title = normalise_title(pub.title)
        if title:
            keys.append(("title", title, first_family(pub), pub.year))
        for k in keys:
            if k in seen:
                found.append((seen[k], pub))
                break
        for k in keys:
            seen.setdefault(k, pub)
    return found


def match(left: Sequence[Publication], right: Sequence[Publication]) -> Matching:
    """Match ``left`` records to ``right`` records (see the module docstring for the stages)."""
    return _Matcher(left, right).run()

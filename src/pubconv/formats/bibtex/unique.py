"""Unique citation keys in BibTeX output: a clash is a warning and a suffix, never two equal keys.

BibTeX uses the first entry of a repeated key, so a ``.bib`` with ``smith2020`` twice (``convert lab.bib page.md --to bib`` meeting one paper in
both inputs, or two papers that got the same Scholar-style key) silently loses one.  The writer
gives every later entry of a clashing key the first free suffix (``smith2020-2``,
``smith2020-3``; keys that differ in case only are the reader's warning, kept as they are),
except an entry equal to the earlier one, which is written once; a key with
characters BibTeX or biber cannot read in a key is rewritten by :mod:`keys`.  An entry written
back exactly as read from a ``.bib`` keeps its key (the reader reported a repeat within the
``.bib``), so an untouched file is written back byte for byte; a record from another input with
the same key (``convert page.md lab.bib``) is the one renamed, even when it comes first.
:func:`key_clashes` reports each decision as a located warning before the file is written.
"""

from __future__ import annotations

from collections.abc import Iterable

from pubconv.errors import Diagnostic
from pubconv.formats.bibtex.keys import bibtex_key
from pubconv.model import Publication


def safe_key(key: str) -> str:
    """``key`` as BibTeX and biber can read it: one rule for the whole writer
    (:func:`pubconv.formats.bibtex.keys.bibtex_key`, which keeps readable keys as they are)."""
    return bibtex_key(key)


def renamed_keys(pubs: Iterable[Publication]) -> dict[int, str | None]:
    """``id(pub)`` -> its new key, or ``None`` to leave it out (equal to an earlier entry);
    publications whose key is free and readable are not listed."""
    first: dict[str, Publication] = {}
    taken: set[str] = set()
    pubs = list(pubs)
    for pub in pubs:
        taken.add(pub.key)
    out: dict[int, str | None] = {}
    for pub in pubs:  # entries written back as read keep their keys, wherever they stand
        if _as_read(pub):
            first.setdefault(pub.key, pub)
    for pub in pubs:
        if _as_read(pub):
            continue
        # a key written in a .bib is the user's; keys new to BibTeX (CSL ids) are made readable
        safe = pub.key if pub.get_hint("bibtex.type") else safe_key(pub.key)
        earlier = first.get(safe)
        if earlier is None:
            first[safe] = pub
            if safe != pub.key:
                taken.add(safe)
                out[id(pub)] = safe
            continue
        if earlier == pub and earlier is not pub:
            out[id(pub)] = None
            continue
        n = 2
        while f"{safe}-{n}" in taken:
            n += 1
        new_key = f"{safe}-{n}"
        taken.add(new_key)
        first[new_key] = pub
        out[id(pub)] = new_key
    return out


def _as_read(pub: Publication) -> bool:
    """An entry written back byte for byte as read from a ``.bib`` keeps its key: the reader
    already warned about a repeated key, and an untouched file is written back as it was."""
    origin = pub.origin
    return origin is not None and origin.format == "bibtex" and pub.is_unchanged()


def key_clashes(pubs: Iterable[Publication]) -> list[Diagnostic]:
    """A located warning for each publication the BibTeX writer renames or writes once."""
    pubs = list(pubs)
    renamed = renamed_keys(pubs)
    notes: list[Diagnostic] = []
    for pub in pubs:
        if id(pub) not in renamed:
            continue
        new_key = renamed[id(pub)]
        if new_key is None:
            notes.append(pub.warning(f"{pub.key}: the same entry again; written once"))
        elif new_key == safe_key(pub.key):
            continue  # the format's losses warning names the rewritten key (keys.unshown)
        else:
            notes.append(
                pub.warning(f"{pub.key}: key already used by another entry; written as {new_key}")
            )
    return notes


class StreamNamer:
    """:func:`renamed_keys` and :func:`key_clashes` for publications met one at a time.

    The streaming converter writes each entry before it has read the next, so it cannot know
    every key of the database as :func:`renamed_keys` does; it holds the keys seen so far and
    a hash of each first entry (not the entries).  Where that could decide differently (a later
    key equal to a suffix already tried, or two clashing entries whose hashes match, which only
    the entries themselves could settle) :attr:`exact` turns False, and the caller must write
    the database the whole way instead.
    """

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self.first: dict[str, int | None] = {}
        """Key -> hash of its first entry (None: not hashable, or read as it was)."""
        self.kept: set[str] = set()
        """Keys of entries written back as read (they keep them)."""
        self.tried: set[str] = set()
        """Suffixed keys considered so far: a later entry with one of them changes the choice."""
        self.exact = True
        self.notes: list[Diagnostic] = []
        """:func:`key_clashes`'s warnings so far, in order."""

    def name(self, pub: Publication) -> dict[int, str | None]:
        """``{id(pub): new key}`` as :func:`renamed_keys` would give, or ``{}``."""
        if pub.key in self.tried:
            self.exact = False
        self.taken.add(pub.key)
        if _as_read(pub):
            if pub.key in self.first and pub.key not in self.kept:
                self.exact = False  # an earlier record took the key: the whole path renames it
            self.kept.add(pub.key)
            self.first.setdefault(pub.key, None)
            return {}
        safe = pub.key if pub.get_hint("bibtex.type") else safe_key(pub.key)
        if safe not in self.first:
            self.first[safe] = _hash(pub)
            if safe == pub.key:
                return {}
            self.taken.add(safe)
            return {id(pub): safe}
        earlier = self.first[safe]
        mine = _hash(pub)
        if earlier is None or mine is None or earlier == mine:
            self.exact = False  # equal entries are written once: only the entries can tell
        n = 2
        self.tried.add(f"{safe}-{n}")
        while f"{safe}-{n}" in self.taken:
            n += 1
            self.tried.add(f"{safe}-{n}")
        new_key = f"{safe}-{n}"
        self.taken.add(new_key)
        self.first[new_key] = mine
        if new_key != safe_key(pub.key):
            self.notes.append(
                pub.warning(f"{pub.key}: key already used by another entry; written as {new_key}")
            )
        return {id(pub): new_key}


def _hash(pub: Publication) -> int | None:
    """``hash(pub)`` (equal publications hash alike), or None when a value is not hashable."""
    try:
        return hash(pub)
    except TypeError:
        return None

"""Crossref and xdata inheritance: a child entry takes what it lacks from the entry its
``crossref`` names (and from the ``@xdata`` entries its ``xdata`` lists: every field, as is).

Used for CSL output and citations (CSL has no crossref); BibTeX output keeps ``crossref`` as
written.  The rules follow BibLaTeX's defaults (which also cover what BibTeX does): a paper in
proceedings or a chapter in a book takes the parent's *title* as its container title, every
other missing field is copied as is; authors are never inherited by a part from its whole.
Keys are matched case-insensitively (as BibTeX does); chains are followed, cycles cut.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from pubconv.model import Bibliography, Block, Publication

#: Child types that are *parts* of their parent: the parent's title is their container title.
PART_TYPES = frozenset({"paper-conference", "chapter", "entry-encyclopedia", "entry-dictionary"})
#: Attributes copied when the child lacks them.
INHERITED = (
    "editors",
    "issued",
    "container_title",
    "container_short",
    "collection_title",
    "volume",
    "issue",
    "number",
    "edition",
    "publisher",
    "publisher_place",
    "isbn",
    "issn",
    "language",
    "url",
)


def _empty(value: Any) -> bool:
    return value is None or value == () or value == ""


def _inherit(child: Publication, parent: Publication) -> Publication:
    updates: dict[str, Any] = {}
    if child.type in PART_TYPES and parent.title and _empty(child.container_title):
        updates["container_title"] = parent.title
    if _empty(child.authors) and child.type not in PART_TYPES:
        updates["authors"] = parent.authors
    for attr in INHERITED:
        if attr not in updates and _empty(getattr(child, attr)):
            value = getattr(parent, attr)
            if attr == "container_title" and child.type in PART_TYPES:
                continue  # a part's container is the parent's title, set above
            if not _empty(value):
                updates[attr] = value
    if attr_missing := [
        (name, value)
        for name, value in parent.extra
        if name.lower() not in ("crossref", "ids", "key") and child.get_extra(name) is None
    ]:
        updates["extra"] = (*child.extra, *attr_missing)
    return dataclasses.replace(child, **updates) if updates else child


_NOT_DATA = frozenset({"key", "type", "extra", "hints", "origin"})
_DATA_ATTRS = tuple(f.name for f in dataclasses.fields(Publication) if f.name not in _NOT_DATA)


def _take_all(child: Publication, source: Publication) -> Publication:
    """BibLaTeX ``xdata``: every field of ``source`` the child lacks, copied as it is."""
    updates: dict[str, Any] = {
        attr: getattr(source, attr)
        for attr in _DATA_ATTRS
        if _empty(getattr(child, attr)) and not _empty(getattr(source, attr))
    }
    missing = [
        (name, value)
        for name, value in source.extra
        if name.lower() not in ("xdata", "ids", "key") and child.get_extra(name) is None
    ]
    if missing:
        updates["extra"] = (*child.extra, *missing)
    return dataclasses.replace(child, **updates) if updates else child


def resolve_xdata(bib: Bibliography) -> Bibliography:
    """A copy where each publication with an ``xdata`` field (``xdata = {a, b}``) has taken the
    fields it lacks from those ``@xdata`` entries, in order, nested ``xdata`` first."""
    index: dict[str, Publication] = {}
    for pub in bib.publications:
        index.setdefault(pub.key.lower(), pub)
    done: dict[int, Publication] = {}

    def resolve(pub: Publication, seen: frozenset[str]) -> Publication:
        if id(pub) in done:
            return done[id(pub)]
        result = pub
        for target in (pub.get_extra("xdata") or "").split(","):
            source = index.get(target.strip().lower())
            if source is not None and source.key.lower() not in seen and source is not pub:
                result = _take_all(result, resolve(source, seen | {pub.key.lower()}))
        done[id(pub)] = result
        return result

    blocks: list[Block] = [
        resolve(b, frozenset()) if isinstance(b, Publication) and b.get_extra("xdata") else b
        for b in bib.blocks
    ]
    return Bibliography(blocks, list(bib.diagnostics), bib.source_format)


def is_xdata(pub: Publication) -> bool:
    """True for a BibLaTeX ``@xdata`` container: data for other entries, never cited itself."""
    return (pub.get_hint("bibtex.type") or "").lower() == "xdata"


def resolve_crossrefs(bib: Bibliography) -> Bibliography:
    """A copy where each publication with a ``crossref`` extra inherits its parent's fields.

    Publications keep their ``origin``, so a BibTeX writer sees them as changed (and writes the
    resolved fields): resolve only for output formats that have no crossref of their own.
    """
    bib = resolve_xdata(bib)
    index: dict[str, Publication] = {}
    for pub in bib.publications:
        index.setdefault(pub.key.lower(), pub)
    resolved: dict[str, Publication] = {}

    def resolve(pub: Publication, seen: frozenset[str]) -> Publication:
        key = pub.key.lower()
        if key in resolved:
            return resolved[key]
        target = pub.get_extra("crossref")
        parent = index.get(target.strip().lower()) if target else None
        if parent is None or parent.key.lower() in seen:
            result = pub
        else:
            result = _inherit(pub, resolve(parent, seen | {key}))
        resolved[key] = result
        return result

    blocks: list[Block] = []
    for block in bib.blocks:
        if isinstance(block, Publication) and block.get_extra("crossref"):
            first = index.get(block.key.lower())
            # a repeated key is resolved on its own, against the first entry of its parent key
            block = resolve(block, frozenset()) if first is block else _resolve_one(block, index)
        blocks.append(block)
    return Bibliography(blocks, list(bib.diagnostics), bib.source_format)


def _resolve_one(pub: Publication, index: dict[str, Publication]) -> Publication:
    target = pub.get_extra("crossref") or ""
    parent = index.get(target.strip().lower())
    return pub if parent is None or parent is pub else _inherit(pub, parent)

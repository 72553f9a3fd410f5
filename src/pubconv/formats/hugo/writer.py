"""Writing HugoBlox/Wowchemy publication folders: ``<slug>/index.md`` and ``<slug>/cite.bib``.

An untouched record gives both files' original text.  A changed one updates only the front-matter
keys whose derived value changed (comments, order, quoting, profile slugs and theme keys such as
``featured`` or ``weight_*`` stay), and applies the same field changes to the entry of its
``cite.bib``, which pubconv's BibTeX writer then patches.  New records get a folder named like the
theme's importer names them (``family-year-word``), no ``publishDate`` (no timestamps) and a
``cite.bib`` written by the BibTeX writer.
"""

from __future__ import annotations

import dataclasses
import os
import re

from pubconv.formats.bibtex.reader import read as read_bibtex
from pubconv.formats.bibtex.writer import write as write_bibtex
from pubconv.formats.frontmatter import fresh, parse, patch, render, safe_url
from pubconv.formats.hugo.mapping import front_matter
from pubconv.formats.hugo.reader import BIB_KIND, FORMAT_NAME
from pubconv.formats.jekyll.keys import fold
from pubconv.model import Bibliography, Publication, Verbatim
from pubconv.registry import Source, Tree, WriteOptions

_SKIP = frozenset({"origin", "hints"})
_STOP = frozenset({"a", "an", "the", "of", "on", "in", "for", "to", "and", "with", "via"})


def folder_name(pub: Publication) -> str:
    """``willomitzer-2024-synthetic``: first author's family, year, first significant word."""
    first = pub.authors[0] if pub.authors else None
    family = fold((first.family or first.literal or "") if first else "") or "anon"
    words = [fold(w) for w in re.split(r"[\s\-/:]+", re.sub(r"<[^>]*>", "", pub.title or ""))]
    word = next((w for w in words if w and w not in _STOP), "")
    parts = [family, str(pub.year) if pub.year is not None else "", word]
    return "-".join(p for p in parts if p)


def apply_changes(base: Publication, before: Publication, after: Publication) -> Publication:
    """``base`` with every field that differs between ``before`` and ``after`` set as in ``after``."""
    changes = {
        f.name: getattr(after, f.name)
        for f in dataclasses.fields(Publication)
        if f.name not in _SKIP and getattr(before, f.name) != getattr(after, f.name)
    }
    return dataclasses.replace(base, **changes) if changes else base


def _safe(pub: Publication) -> Publication:
    """``pub`` without links whose URL scheme is unsafe (reported through ``unshown``)."""
    links = tuple(link for link in pub.links if safe_url(link.url))
    return pub if len(links) == len(pub.links) else dataclasses.replace(pub, links=links)


def _fresh_bib(pub: Publication, options: WriteOptions) -> str:
    return write_bibtex(Bibliography.of([dataclasses.replace(_safe(pub), origin=None)]), options)


def _cite_bib(pub: Publication, old: Verbatim | None, options: WriteOptions) -> str | None:
    """The record's ``cite.bib``: as read when nothing it holds changed, else patched.

    ``None`` for an untouched record read from a folder that had no ``cite.bib``.
    """
    if old is None and pub.is_unchanged() and pub.origin and pub.origin.format == FORMAT_NAME:
        return None
    if old is None or pub.origin is None or pub.origin.as_read is None:
        return _fresh_bib(pub, options)
    assert pub.origin.format == FORMAT_NAME  # a cite.bib block follows only hugo records
    if pub.is_unchanged():
        return old.text
    path = old.origin.path if old.origin is not None else None
    database = read_bibtex([Source(old.text, path)])
    entries = database.publications
    if not entries:
        return _fresh_bib(pub, options)
    entry = apply_changes(entries[0], pub.origin.as_read, _safe(pub))
    return write_bibtex(database.replace_publications({entries[0].key: entry}), options)


def _index(pub: Publication) -> str:
    """The record's ``index.md``: as read, updated in place, or new."""
    origin = pub.origin
    if (
        origin is None
        or origin.format != FORMAT_NAME
        or origin.as_read is None
        or not origin.raw.strip()
    ):
        return render(fresh(front_matter(pub)), "")
    if pub.is_unchanged():
        return origin.raw
    page, notes = parse(origin.raw, origin.path)
    if notes or not page.has_front_matter:
        return render(fresh(front_matter(pub)), "")
    after = front_matter(pub)
    after["authors"] = _author_names(pub, origin.as_read, page.data.get("authors"))
    return patch(origin.raw, page, front_matter(origin.as_read), after, page.body)


def _author_names(pub: Publication, before: Publication, written: object) -> list[str]:
    """Authors as index.md names them: a person already there keeps its text (a profile slug)."""
    names = [p.display() or p.literal or "" for p in pub.authors]
    if not isinstance(written, list) or len(written) != len(before.authors):
        return names
    free = list(range(len(before.authors)))
    for i, person in enumerate(pub.authors):
        j = next((j for j in free if before.authors[j] == person), None)
        if j is not None:
            free.remove(j)
            names[i] = str(written[j])
    return names


def write_tree(bib: Bibliography, options: WriteOptions) -> Tree:
    """``[("<slug>/index.md", text), ("<slug>/cite.bib", text), ...]`` for every record."""
    tree: Tree = []
    taken: set[str] = set()
    blocks = bib.blocks
    for i, block in enumerate(blocks):
        if not isinstance(block, Publication):
            continue
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        cite = (
            following
            if isinstance(following, Verbatim)
            and following.format == FORMAT_NAME
            and following.kind == BIB_KIND
            else None
        )
        origin = block.origin
        folder = None
        if origin is not None and origin.format == FORMAT_NAME and origin.path:
            folder = os.path.basename(os.path.dirname(origin.path)) or None
        if folder is None or folder in taken:
            base = folder or folder_name(block)
            folder, n = base, 2
            while folder in taken:
                folder, n = f"{base}-{n}", n + 1
            cite = None
        taken.add(folder)
        bib_only = origin is not None and not origin.raw and origin.format == FORMAT_NAME
        if not (bib_only and block.is_unchanged()):
            tree.append((f"{folder}/index.md", _index(block)))
        cite_text = _cite_bib(block, cite, options)
        if cite_text is not None:
            tree.append((f"{folder}/cite.bib", cite_text))
    return tree

"""al-folio: ``_bibliography/papers.bib`` read and written with al-folio's conventions.

It is BibTeX (the BibTeX format's reader and writer do the work) with al-folio's meaning on top
(:mod:`.fields`): ``abbr`` is always the badge, links live in al-folio's link fields, ``arxiv``
is a link, ``*``/``†`` after a family name are author roles.  pubconv's page-only fields go into a
``@comment`` after the entry (:mod:`.sidecar`), not into the entry al-folio shows.  Entries
read from a ``.bib`` and left unchanged are written back byte for byte when they already follow
the conventions.  ``.bib`` belongs to the BibTeX format: name this one with ``--from/--to alfolio``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from pubconv.errors import error, warning
from pubconv.formats.alfolio import sidecar
from pubconv.formats.alfolio.fields import from_bibtex, to_bibtex
from pubconv.formats.bibtex import mapping, page_fields, types
from pubconv.formats.bibtex.reader import read as read_bibtex
from pubconv.formats.bibtex.writer import entry_text
from pubconv.formats.bibtex.writer import write as write_bibtex
from pubconv.formats.yamlrecords import no_records
from pubconv.model import (
    Bibliography,
    Block,
    Comment,
    Link,
    Publication,
    Verbatim,
    with_origin,
)
from pubconv.registry import Source, WriteOptions

NAME = "alfolio"
BIBTEX = "bibtex"
_SHORT_NAMES = frozenset({"shortjournal", "journalabbr"})
_CONTAINER_NAMES = ("journal", "journaltitle", "booktitle")


def read(sources: Sequence[Source]) -> Bibliography:
    """Read al-folio ``.bib`` files as one database."""
    bib = read_bibtex(sources)
    last: dict[str, int] = {}
    for index, block in enumerate(bib.blocks):
        if isinstance(block, Publication):
            last[block.key] = index
        elif isinstance(block, Comment) and (found := sidecar.decode(block.text)) is not None:
            key, fields = found
            if key in last:
                entry = bib.blocks[last[key]]
                assert isinstance(entry, Publication)
                merged = _merge(entry, fields)
                if merged is None:
                    where = block.origin
                    bib.diagnostics.append(
                        warning(
                            f"pubconv comment for {key!r} cannot be read; kept as a comment",
                            where.path if where else None,
                            where.line if where else None,
                            where.column if where else None,
                            key,
                        )
                    )
                else:
                    bib.blocks[last[key]] = merged
    bib.blocks = [_alfolio(b) for b in bib.blocks]
    bib.source_format = NAME
    read_from = {b.origin.path for b in bib.publications if b.origin is not None}
    for source in sources:
        if source.path not in read_from and not any(d.path == source.path for d in bib.errors):
            bib.diagnostics.append(error(no_records(source, NAME), source.path, 1, 1))
    return bib


def _merge(entry: Publication, fields: list[tuple[str, str]]) -> Publication | None:
    """``entry`` read again with the sidecar's fields added; its origin stays the entry's own."""
    origin = entry.origin
    if origin is None:
        return None
    combined = sidecar.with_fields(origin.raw, fields)
    if combined is None:
        return None
    part = read_bibtex([Source(combined, origin.path)])
    pubs = part.publications
    if part.errors or len(pubs) != 1:
        return None
    own_names = entry.get_hint(mapping.FIELDS_HINT) or ""
    pub = dataclasses.replace(pubs[0], origin=None).with_hint(mapping.FIELDS_HINT, own_names)
    return with_origin(pub, origin)


def _alfolio(block: Block) -> Block:
    if not isinstance(block, Publication) or block.origin is None:
        return block
    pub = from_bibtex(block)
    return block if pub is block else with_origin(pub, block.origin)


def _names(pub: Publication) -> list[str]:
    return [n.lower() for n in (pub.get_hint(mapping.FIELDS_HINT) or "").split()]


def _follows_conventions(pub: Publication) -> bool:
    """An entry read from a ``.bib`` that al-folio can show as it is."""
    names = _names(pub)
    if any(n in sidecar.INTERNAL or n in _SHORT_NAMES for n in names):
        return False
    return pub.container_short is None or "abbr" in names


def _field_names(pub: Publication) -> str:
    """``bibtex.fields`` for the entry: the badge always ``abbr``, no internal fields."""
    names = [n for n in (pub.get_hint(mapping.FIELDS_HINT) or "").split()]
    names = ["abbr" if n.lower() in _SHORT_NAMES else n for n in names]
    names = [n for n in names if n.lower() not in sidecar.INTERNAL]
    if pub.container_short is None or "abbr" in (n.lower() for n in names):
        return " ".join(names)
    if not names:
        written = types.entry_type(pub.type, pub.get_hint(mapping.TYPE_HINT))
        slots = mapping.write_slots(pub, written, ascii=False)
        order = [s for s in mapping.HOUSE_ORDER if s in slots]
        order += [s for s in slots if s not in order]
        names = ["abbr" if s == "container_short" else slots[s][0] for s in order]
        return " ".join(n for n in names if n.lower() not in sidecar.INTERNAL)
    lowered = [n.lower() for n in names]
    at = next((lowered.index(c) + 1 for c in _CONTAINER_NAMES if c in lowered), len(names))
    names.insert(at, "abbr")
    return " ".join(names)


def entry(pub: Publication, *, ascii: bool = False) -> tuple[str, str | None]:
    """One entry in al-folio's conventions, and its sidecar comment when it needs one."""
    shaped = to_bibtex(pub)
    internal = [(n, v) for n, v in page_fields.to_fields(shaped) if n in sidecar.INTERNAL]
    url_fields = [
        (n, v) for n, v in page_fields.links_to_fields(shaped.links) if n in page_fields.URL_FIELDS
    ]
    links = tuple(
        Link(page_fields.URL_FIELDS[n], url, page_fields.DEFAULT_ATTRS) for n, url in url_fields
    )
    hints = tuple(
        (k, v)
        for k, v in shaped.hints
        if not k.startswith(page_fields.HINT_PREFIX) and k != mapping.FIELDS_HINT
    )
    clean = dataclasses.replace(
        shaped,
        section=None,
        links=links,
        authors=tuple(dataclasses.replace(p, roles=()) for p in shaped.authors),
        editors=tuple(dataclasses.replace(p, roles=()) for p in shaped.editors),
        hints=(*hints, (mapping.FIELDS_HINT, _field_names(shaped))),
    )
    return entry_text(clean, ascii=ascii), (sidecar.encode(pub.key, internal) if internal else None)


def write(bib: Bibliography, options: WriteOptions) -> str:
    """``bib`` as an al-folio ``papers.bib``.

    A rewritten entry's sidecar takes the place of its old one, or follows the entry.
    """
    old_sidecars = {
        found[0]
        for b in bib.blocks
        if isinstance(b, Comment) and (found := sidecar.decode(b.text)) is not None
    }
    new_sidecars: dict[str, str | None] = {}
    keys = {p.key for p in bib.publications}
    blocks: list[Block] = []
    for block in bib.blocks:
        origin = block.origin
        if isinstance(block, Publication):
            own = origin is not None and origin.format == BIBTEX
            if own and block.is_unchanged() and _follows_conventions(block):
                blocks.append(block)
                continue
            text, note = entry(block, ascii=options.ascii)
            if block.key in old_sidecars and block.key not in new_sidecars:
                new_sidecars[block.key] = note
            elif note is not None:
                text += "\n" + note
            blocks.append(Verbatim(BIBTEX, text, "entry", origin))
        elif isinstance(block, Comment) and (found := sidecar.decode(block.text)) is not None:
            if found[0] not in keys:
                continue  # its entry was deleted
            if found[0] not in new_sidecars:
                blocks.append(block)
            elif (note := new_sidecars.pop(found[0])) is not None:
                blocks.append(Verbatim(BIBTEX, note, "entry", origin))
        else:
            blocks.append(block)
    return write_bibtex(Bibliography(blocks, [], bib.source_format), options)

"""CSL-JSON writer: pretty JSON (2-space indent, UTF-8 text, ``id`` first), one item per key.

A repeated key is written once (the first publication wins, as CSL processors need unique ids);
duplicates read from CSL-JSON itself were kept as ``Verbatim`` blocks and are written back in
place, so csljson -> csljson keeps every item.  Items that failed to read are not written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from pubconv.crossref import resolve_crossrefs
from pubconv.formats.csljson.layout import dumps_item
from pubconv.formats.csljson.limits import clean
from pubconv.formats.csljson.mapping import add_inherited, publication_to_csl
from pubconv.model import Bibliography, Block, Publication, Verbatim
from pubconv.registry import WriteOptions

FORMAT_NAME = "csljson"


def _item(pub: Publication) -> dict[str, Any]:
    if pub.origin is not None and pub.origin.format == FORMAT_NAME and pub.is_unchanged():
        try:
            value = json.loads(pub.origin.raw)
        except ValueError:
            value = None
        if isinstance(value, dict):
            # lone surrogates as the reader replaced them (and warned): no UTF-8 writer takes them
            return clean(value)[0] if "\\u" in pub.origin.raw else value
    return publication_to_csl(pub)


def iter_items(bib: Bibliography) -> Iterator[Any]:
    """The JSON values the writer emits, in block order, made one at a time.

    CSL has no crossref: a child gets its parent's fields (resolved once for the database) as
    top-level variables marked inherited, and keeps its own ``crossref`` in ``custom``.
    """
    seen: set[str] = set()
    has_crossrefs = any(p.get_extra("crossref") or p.get_extra("xdata") for p in bib.publications)
    resolved_blocks = resolve_crossrefs(bib).blocks if has_crossrefs else bib.blocks
    for block, resolved in zip(bib.blocks, resolved_blocks, strict=True):
        if isinstance(block, Publication):
            if block.key not in seen:
                seen.add(block.key)
                item = _item(block)
                if resolved is not block and isinstance(resolved, Publication):
                    item = add_inherited(item, publication_to_csl(resolved))
                yield item
        elif (
            isinstance(block, Verbatim)
            and block.format == FORMAT_NAME
            and block.kind == "duplicate"
        ):
            try:
                yield json.loads(block.text)
            except ValueError:
                continue


def stream_items(blocks: Iterable[Block], seen: set[str]) -> Iterator[str]:
    """Each publication of ``blocks`` laid out as :func:`write` lays it out, one at a time.

    For a database without ``crossref`` (the caller checks): then an item needs nothing but its
    own record, and the blocks can be read, written and dropped one by one.  ``seen`` holds the
    keys written so far (a repeated key is written once), across calls.
    """
    for block in blocks:
        if isinstance(block, Publication):
            if block.key not in seen:
                seen.add(block.key)
                yield dumps_item(_item(block))
        elif (
            isinstance(block, Verbatim)
            and block.format == FORMAT_NAME
            and block.kind == "duplicate"
        ):
            try:
                yield dumps_item(json.loads(block.text))
            except ValueError:
                continue


def items(bib: Bibliography) -> list[dict[str, Any] | Any]:
    """All of :func:`iter_items` as a list."""
    return list(iter_items(bib))


def write(bib: Bibliography, options: WriteOptions) -> str:
    """``bib`` as a CSL-JSON array; ``options`` has nothing for this format.

    Each item is laid out as soon as it is made, so the dicts of a 200,000-item database never
    exist all at once (the text is what ``json.dumps(items, indent=2)`` gives).
    """
    del options
    texts = [dumps_item(item) for item in iter_items(bib)]
    if not texts:
        return "[]\n"
    texts[0] = "[\n  " + texts[0]  # brackets on the end items: one join, no copy of the whole
    texts[-1] += "\n]\n"
    return ",\n  ".join(texts)

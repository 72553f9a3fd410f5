"""CSL-JSON writer: pretty JSON (2-space indent, UTF-8 text, ``id`` first), one item per key.

A repeated key is written once (the first publication wins, as CSL processors need unique ids);
duplicates read from CSL-JSON itself were kept as ``Verbatim`` blocks and are written back in
place, so csljson -> csljson keeps every item.  Items that failed to read are not written.
"""

from __future__ import annotations

import json
from typing import Any

from pubconv.crossref import resolve_crossrefs
from pubconv.formats.csljson.mapping import add_inherited, publication_to_csl
from pubconv.model import Bibliography, Publication, Verbatim
from pubconv.registry import WriteOptions

FORMAT_NAME = "csljson"


def _item(pub: Publication) -> dict[str, Any]:
    if pub.origin is not None and pub.origin.format == FORMAT_NAME and pub.is_unchanged():
        try:
            value = json.loads(pub.origin.raw)
        except ValueError:
            value = None
        if isinstance(value, dict):
            return value
    return publication_to_csl(pub)


def items(bib: Bibliography) -> list[dict[str, Any] | Any]:
    """The JSON values the writer emits, in block order.

    CSL has no crossref: a child gets its parent's fields (resolved once for the database) as
    top-level variables marked inherited, and keeps its own ``crossref`` in ``custom``.
    """
    out: list[Any] = []
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
                out.append(item)
        elif (
            isinstance(block, Verbatim)
            and block.format == FORMAT_NAME
            and block.kind == "duplicate"
        ):
            try:
                out.append(json.loads(block.text))
            except ValueError:
                continue
    return out


def write(bib: Bibliography, options: WriteOptions) -> str:
    """``bib`` as a CSL-JSON array; ``options`` has nothing for this format."""
    del options
    return json.dumps(items(bib), indent=2, ensure_ascii=False) + "\n"

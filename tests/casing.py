"""What comparisons across formats leave out: the case protection issue 9 adds for BibTeX.

A CSL title written to BibTeX is protected (``{{Deep Learning}}``) so reading it back does not
sentence-case it, and a BibTeX title written to CSL-JSON is sentence-cased for the styles with
the title as written kept in ``custom.pubconv.as-cased``.  Both carry the same record; tests that
compare a format pair through BibTeX compare without them.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from pubconv.model import Publication

NOCASE = '<span class="nocase">'


def unprotected(pubs: list[Publication]) -> list[Publication]:
    """``pubs`` without case-protection markup in their titles."""

    def strip(text: str | None) -> str | None:
        return None if text is None else text.replace(NOCASE, "").replace("</span>", "")

    return [
        dataclasses.replace(p, title=strip(p.title), container_title=strip(p.container_title))
        for p in pubs
    ]


def as_cased(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """CSL-JSON items with each title as written (``custom.pubconv.as-cased``) put back, and a
    venue badge kept out of ``container-title-short`` (a ``.bib``'s ``abbr``, issue 9) put back
    there, as a layout that names the short venue writes it, and without the variables pubconv
    derives for the styles (``custom.pubconv.derived``: a thesis genre from ``@phdthesis``)."""
    for item in items:
        ours = item.get("custom", {}).get("pubconv", {})
        item.update(ours.pop("as-cased", None) or {})
        badge = ours.pop("badge", None)
        if badge is not None and "container-title-short" not in item:
            item["container-title-short"] = badge
        for name in ours.pop("derived", None) or ():  # e.g. genre "PhD thesis" of @phdthesis
            item.pop(name, None)
    return items


def csl_items(bib: Any) -> list[dict[str, Any]]:
    """``bib`` as CSL-JSON items without pubconv's format hints (which say where a record came
    from), titles as written and badges as short venues (:func:`as_cased`)."""
    import json

    import pubconv

    items: list[dict[str, Any]] = as_cased(json.loads(pubconv.dumps(bib, "csljson")))
    for item in items:
        custom = item.get("custom", {})
        custom.get("pubconv", {}).pop("hints", None)
        if custom.get("pubconv") == {}:
            del custom["pubconv"]
        if custom == {} and "custom" in item:
            del item["custom"]
    return items

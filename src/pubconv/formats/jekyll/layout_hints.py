"""Layout hints that may reach a page: the raw page fragments a reader remembered, checked.

The page reader keeps how an entry was laid out (``jekyll.venue_frame`` = ``<span><pub> ``...,
``jekyll.link_seps``, ``jekyll.title_prefix``, ``jekyll.italic``) so that a rewritten entry looks
like its neighbours.  Hints also travel in CSL-JSON (``custom.pubconv.hints``), which anyone can
write, and the writer puts them on the page verbatim.  :func:`layout_hint` hands the writer a
hint only when it has the shape the reader produces: a few inline tags with ``class``/``style``
at most, list markers, ``_`` or ``*``.  Anything else (``<script>``, ``onerror=``) is ignored
and the house layout is used; the record's data is unaffected.
"""

from __future__ import annotations

import json
import re
from typing import Final

from pubconv.model import Publication

_TAG: Final = re.compile(
    r"</?(?:span|pub|br|b|i|em|strong|small|sup|sub|highlighted)"
    r'(?:\s+(?:class|style)\s*=\s*"[^"<>]*")*\s*/?>'
)
_PREFIX: Final = re.compile(r"[ \t]*(?:[-*+]|\d{1,4}[.)]|#{1,6})?[ \t]*")
_ACTIVE: Final = ("url(", "expression", "javascript", "@import", "\\")


def safe_fragment(text: str) -> bool:
    """True when ``text`` holds no tag but the inline ones above, and no active CSS."""
    if any(active in text.lower() for active in _ACTIVE):
        return False
    return "<" not in _TAG.sub("", text) and ">" not in _TAG.sub("", text)


def _strings(raw: str, count: int | None) -> list[str] | None:
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        return None
    if count is not None and len(value) != count:
        return None
    return [str(x) for x in value]


def layout_hint(pub: Publication, name: str) -> str | None:
    """``pub``'s hint ``name`` if it is safe to write as it is, else ``None``."""
    raw = pub.get_hint(name)
    if raw is None:
        return None
    if name == "jekyll.italic":
        return raw if raw in ("_", "*") else None
    if name == "jekyll.title_prefix":
        return raw if _PREFIX.fullmatch(raw) else None
    if name in ("jekyll.venue_frame", "jekyll.link_seps"):
        parts = _strings(raw, 2 if name == "jekyll.venue_frame" else None)
        if parts is None or not all(safe_fragment(part) for part in parts):
            return None
        return raw
    return raw

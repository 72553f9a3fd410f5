"""Citation keys and field names that a ``.bib`` file can hold, so that no record can inject text.

A key comes from anywhere (a CSL-JSON ``id``, a page's ``<div id=...>``); written raw it could end
the entry and start another (``k1,\\n note = {x}}\\n@misc{evil,``).  BibTeX ends a key at a comma,
white space or a closing brace, and biber also refuses ``" # ' = %`` (``%`` starts a comment);
a key holding any of them, a backslash or a control character, or an empty key, is rewritten
(parentheses are kept: the reader accepts them with a warning, so their round trip holds).
Each run of such characters becomes ``_`` and a short hash of the original key is appended,
so two different bad keys never meet (``"a b,c}"`` -> ``a_b_c-18aa6a``).  Field names (unknown CSL-JSON variables carried in ``extra``) must look like
BibTeX identifiers and are rewritten the same way.

The writer calls :func:`bibtex_key` / :func:`field_name`; the format's ``unshown`` hook
(:func:`unshown`) turns each rewrite into a located warning on the command line.
"""

from __future__ import annotations

import hashlib
import re
from typing import Final

from pubconv.model import Publication

_BAD_KEY: Final = re.compile(r"[\s,{}\"#%'=\\]+")
_FIELD: Final = re.compile(r"[A-Za-z][A-Za-z0-9_.:+-]*")
_BAD_FIELD: Final = re.compile(r"[^A-Za-z0-9_.:+-]+")


def _tag(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:6]


def bibtex_key(key: str) -> str:
    """``key`` if BibTeX and biber can hold it, else a safe rewrite, e.g. ``"a b"`` -> ``a_b-…``."""
    if key and _BAD_KEY.search(key) is None and key.isprintable():
        return key
    safe = _BAD_KEY.sub("_", "".join(ch if ch.isprintable() else "_" for ch in key)).strip("_")
    return f"{safe or 'key'}-{_tag(key)}"


def field_name(name: str) -> str:
    """``name`` if it is a BibTeX field name, else a safe rewrite (``"a b}"`` -> ``a_b-…``)."""
    if _FIELD.fullmatch(name):
        return name
    safe = _BAD_FIELD.sub("_", name).strip("_")
    if not safe[:1].isalpha() or not safe.isascii():
        safe = "field_" + safe
    return f"{safe}-{_tag(name)}"


def unshown(pub: Publication) -> list[str]:
    """What of ``pub`` a ``.bib`` file will not show as given: a rewritten key or field names."""
    lost: list[str] = []
    key = bibtex_key(pub.key)
    if key != pub.key:
        lost.append(f"its key as given (BibTeX cannot hold it; written as {key!r})")
    for name, _ in pub.extra:
        safe = field_name(name)
        if safe != name:
            lost.append(f"field name {name!r} (not a BibTeX name; written as {safe!r})")
    return lost

"""Page-only data that al-folio has no field for, in an ``@comment`` after the entry.

al-folio shows every field it does not know in its BibTeX pop-up, so pubconv's own fields
(``section``, ``abstract_id``, ``jekyll`` layout hints, the ``links`` labels and kramdown
attributes, ``author+an`` roles that have no mark) are not written into the entry.  A page ->
al-folio -> page round trip still needs them, so they follow the entry as::

    @comment{pubconv: ["deng2024unsupervised", [["section", "2024 New"], ["abstract_id", "x"]]]}

BibTeX, biber, pandoc and jekyll-scholar all skip ``@comment``.  The payload is one line of JSON
with ``{``, ``}`` and ``@`` written as ``\\u007b``/``\\u007d``/``\\u0040``, so no BibTeX reader can
take it for the start or end of anything.  The pairs are BibTeX field values exactly as the
BibTeX format would write them, so reading re-parses the entry with them added.
"""

from __future__ import annotations

import json
import re

PREFIX = "@comment{pubconv:"
_SIDECAR = re.compile(r"@comment\{pubconv:\s*(?P<json>\[.*\])\s*\}\s*$", re.IGNORECASE | re.S)

INTERNAL = frozenset({"links", "section", "abstract_id", "jekyll", "author+an", "editor+an"})
"""BibTeX field names pubconv adds for pages, which al-folio does not know."""


def encode(key: str, fields: list[tuple[str, str]]) -> str:
    """The ``@comment`` text for ``key``'s internal ``fields``."""
    payload = json.dumps([key, [list(pair) for pair in fields]], ensure_ascii=False)
    safe = payload.replace("{", "\\u007b").replace("}", "\\u007d").replace("@", "\\u0040")
    return f"{PREFIX} {safe}}}"


def decode(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """``(key, fields)`` of a sidecar comment; ``None`` for any other text."""
    match = _SIDECAR.match(text.strip())
    if match is None:
        return None
    try:
        value = json.loads(match["json"])
    except ValueError:
        return None
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], str)):
        return None
    pairs = value[1]
    if not isinstance(pairs, list) or not all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(v, str) for v in p) for p in pairs
    ):
        return None
    return value[0], [(name, field) for name, field in pairs]


def with_fields(raw: str, fields: list[tuple[str, str]]) -> str | None:
    """Entry text ``raw`` with ``fields`` added before its closing brace (``None``: no brace)."""
    end = raw.rstrip()
    if not end.endswith(("}", ")")):
        return None
    body = end[:-1].rstrip()
    if not body.endswith(","):
        body += ","
    added = "".join(f"\n  {name} = {{{value}}}," for name, value in fields)
    return body + added + "\n" + end[-1]

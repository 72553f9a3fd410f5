"""CSL-JSON (CSL 1.0.2 data schema), read and written losslessly; see ``mapping`` for the layout.

Registered in :mod:`pubconv.formats`; this ``__init__`` holds only the cheap sniffer."""

from __future__ import annotations

_ITEM_KEYS = ('"id"', '"type"', '"title"', '"author"', '"issued"')


def sniff(text: str) -> bool:
    """A JSON array of objects (or one object) with CSL keys such as ``"id"`` or ``"type"``."""
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    if head.startswith("["):
        rest = head[1:].lstrip()
        if rest.startswith("]"):
            return True
        if not rest.startswith("{"):
            return False
    elif not head.startswith("{"):
        return False
    return any(key in head for key in _ITEM_KEYS)

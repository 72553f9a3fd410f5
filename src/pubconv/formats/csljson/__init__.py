"""CSL-JSON (CSL 1.0.2 data schema), read and written losslessly; see ``mapping`` for the layout.

Registered in :mod:`pubconv.formats`; this ``__init__`` holds only the cheap sniffer."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pubconv.registry import Format

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


def __getattr__(name: str) -> Format:
    """``FORMAT``, as before registration moved to :mod:`pubconv.formats` (kept for old imports)."""
    if name == "FORMAT":
        from pubconv.formats import REGISTRY

        return REGISTRY.get("csljson")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

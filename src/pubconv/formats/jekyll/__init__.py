"""Jekyll Markdown publication pages (the seed lab's house style), read and written losslessly.

Registered in :mod:`pubconv.formats`; this ``__init__`` holds only the cheap sniffer."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pubconv.registry import Format


def sniff(text: str) -> bool:
    """A page: front matter, then bold titles or ``<pub>`` venue lines."""
    head = text[:200_000]
    return head.startswith("---") and ("**" in head or "<pub>" in head)


def __getattr__(name: str) -> Format:
    """``FORMAT``, as before registration moved to :mod:`pubconv.formats` (kept for old imports)."""
    if name == "FORMAT":
        from pubconv.formats import REGISTRY

        return REGISTRY.get("jekyll")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

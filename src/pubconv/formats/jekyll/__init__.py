"""Jekyll Markdown publication pages (the seed lab's house style), read and written losslessly.

Registered in :mod:`pubconv.formats`; this ``__init__`` holds only the cheap sniffer."""

from __future__ import annotations


def sniff(text: str) -> bool:
    """A page: front matter, then bold titles or ``<pub>`` venue lines."""
    head = text[:200_000]
    return head.startswith("---") and ("**" in head or "<pub>" in head)

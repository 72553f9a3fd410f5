"""BibTeX / BibLaTeX: ``.bib`` databases (reader on bibtexparser v2's splitter, own writer).

Registered in :mod:`pubconv.formats`; this ``__init__`` holds only the cheap sniffer, so
sniffing imports none of the reader's dependencies."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pubconv.registry import Format


def sniff(text: str) -> bool:
    """True when the first non-blank, non-``%`` line starts a ``@`` block."""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("%"):
            continue
        return stripped.startswith("@")
    return False


def __getattr__(name: str) -> Format:
    """``FORMAT``, as before registration moved to :mod:`pubconv.formats` (kept for old imports)."""
    if name == "FORMAT":
        from pubconv.formats import REGISTRY

        return REGISTRY.get("bibtex")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""BibTeX / BibLaTeX: ``.bib`` databases (reader on bibtexparser v2's splitter, own writer).

Registered in :mod:`pubconv.formats`; this ``__init__`` holds only the cheap sniffer, so
sniffing imports none of the reader's dependencies."""

from __future__ import annotations


def sniff(text: str) -> bool:
    """True when the first non-blank, non-``%`` line starts a ``@`` block."""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("%"):
            continue
        return stripped.startswith("@")
    return False
